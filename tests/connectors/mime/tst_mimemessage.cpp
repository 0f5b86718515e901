#include "connectors/mime/mimemessage.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace Tributary::Mime;

namespace {

QString dataPath(const char *name)
{
    return QStringLiteral(TRIBUTARY_TEST_DATA_DIR "/mime/") + QLatin1String(name);
}

Message load(const char *name)
{
    const QString path = dataPath(name);
    if (!QFile::exists(path))
        qFatal("missing test data %s", qPrintable(path));
    return Message::fromFile(path);
}

QByteArray saved(const Message &m, int index)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (!m.saveAttachment(index, &buffer, &error))
        qWarning("saveAttachment: %s", qPrintable(error));
    return bytes;
}

// A sequential, non-seekable device that hands out at most 7 bytes per read, like a pipe.
class TrickleDevice : public QIODevice
{
public:
    explicit TrickleDevice(const QByteArray &data)
        : m_data(data)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_pos + QIODevice::bytesAvailable();
    }
    qint64 reads = 0;

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin<qint64>(qMin<qint64>(maxSize, 7), m_data.size() - m_pos);
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        ++reads;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

} // namespace

class TestMimeMessage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void alternative();
    void mixedWithAttachments();
    void nestedRfc822();
    void brokenBoundary();
    void missingCharset();
    void subjects_data();
    void subjects();
    void obsoleteDate();
    void garbageDate();
    void brokenEncodedWords();
    void truncatedFile();
    void fromDeviceSequential();
    void garbageInputs_data();
    void garbageInputs();
    void mboxStreaming();
    void mboxFromSequentialDevice();
    void parallelParsing();
};

void TestMimeMessage::alternative()
{
    const Message m = load("alternative.eml");
    QVERIFY(m.isValid());
    const MessageHeaders h = m.headers();
    QCOMPARE(h.from.size(), 1);
    QCOMPARE(h.from.first().name, QStringLiteral("Alice López"));
    QCOMPARE(h.from.first().address, QStringLiteral("alice@example.org"));
    QCOMPARE(h.to.size(), 2);
    QCOMPARE(h.to.at(1).name, QStringLiteral("Carol, the Boss"));
    QCOMPARE(h.to.at(1).address, QStringLiteral("carol@example.net"));
    QCOMPARE(h.cc.size(), 1);
    QCOMPARE(h.cc.first().address, QStringLiteral("dave@example.com"));
    QVERIFY(h.bcc.isEmpty());
    QCOMPARE(h.replyTo.size(), 1);
    QCOMPARE(h.replyTo.first().address, QStringLiteral("alice+lists@example.org"));
    QCOMPARE(h.subject, QStringLiteral("Re: Café meeting ☕ and more"));
    QCOMPARE(h.date.toUTC(), QDateTime(QDate(2026, 3, 3), QTime(9, 14, 59), Qt::UTC));
    QCOMPARE(h.date.offsetFromUtc(), 3600);
    QCOMPARE(h.messageId, QStringLiteral("20260303101459.abc123@example.org"));
    QCOMPARE(h.inReplyTo, QStringLiteral("parent-1@example.net"));
    QCOMPARE(h.references,
             (QStringList {QStringLiteral("root-0@example.net"),
                           QStringLiteral("parent-1@example.net")}));
    QCOMPARE(h.listId, QStringLiteral("coffee.lists.example.org"));
    QCOMPARE(m.textBody(),
             QStringLiteral("Hi Bob,\n\nCafé at 10? The long line is soft-broken here and "
                            "continues on the next line.\n\n— Alice")
                 .replace(u'\n', QStringLiteral("\r\n")));
    QCOMPARE(m.htmlBody(),
             QStringLiteral("<html><body><p>Hi Bob,</p><p>Café at 10?</p></body></html>"));
    QVERIFY(m.attachments().isEmpty());
    QVERIFY2(m.warnings().isEmpty(), qPrintable(m.warnings().join(u'\n')));
}

void TestMimeMessage::mixedWithAttachments()
{
    const Message m = load("mixed-attachments.eml");
    QVERIFY(m.isValid());
    const MessageHeaders h = m.headers();
    QCOMPARE(h.subject, QStringLiteral("Monatsbericht für März"));
    QVERIFY(h.to.isEmpty()); // an empty group
    QCOMPARE(h.from.first().name, QStringLiteral("Report Bot"));
    QCOMPARE(h.date.offsetFromUtc(), -5 * 3600);
    QCOMPARE(m.textBody().trimmed(), QStringLiteral("Grüße aus München!"));
    QCOMPARE(m.htmlBody().trimmed(),
             QStringLiteral("<p>Grüße <img src=\"cid:logo@example.com\"></p>"));

    const QList<AttachmentInfo> a = m.attachments();
    QCOMPARE(a.size(), 4);
    QCOMPARE(a.at(0).contentType, QStringLiteral("image/png"));
    QCOMPARE(a.at(0).contentId, QStringLiteral("logo@example.com"));
    QVERIFY(a.at(0).isInline);
    QCOMPARE(a.at(0).size, 29 + 40);

    QCOMPARE(a.at(1).fileName, QStringLiteral("€ Bericht März.pdf"));
    QCOMPARE(a.at(1).contentType, QStringLiteral("application/pdf"));
    QVERIFY(!a.at(1).isInline);
    const QByteArray pdf = saved(m, 1);
    QVERIFY(pdf.startsWith("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"));
    QCOMPARE(qint64(pdf.size()), a.at(1).size);
    QVERIFY(pdf.endsWith("%%EOF\n"));

    QCOMPARE(a.at(2).fileName, QStringLiteral("José.csv"));
    QCOMPARE(a.at(2).contentType, QStringLiteral("text/csv"));
    QCOMPARE(saved(m, 2), QStringLiteral("name;amount\nJosé;12,50\n").toUtf8());

    QCOMPARE(a.at(3).fileName, QStringLiteral("über einen sehr langen Dateinamen.bin"));
    QByteArray all(256, '\0');
    for (int i = 0; i < 256; ++i)
        all[i] = char(i);
    QCOMPARE(saved(m, 3), all);
    QCOMPARE(a.at(3).size, 256);

    QBuffer sink;
    QString error;
    QVERIFY(!m.saveAttachment(4, &sink, &error));
    QVERIFY(!error.isEmpty());
}

void TestMimeMessage::nestedRfc822()
{
    const Message m = load("nested-rfc822.eml");
    QCOMPARE(m.headers().subject, QStringLiteral("Fwd: Original"));
    QCOMPARE(m.textBody().trimmed(), QStringLiteral("See the message below."));
    QVERIFY(!m.textBody().contains(QStringLiteral("Inner text")));
    const auto a = m.attachments();
    QCOMPARE(a.size(), 1);
    QCOMPARE(a.first().contentType, QStringLiteral("message/rfc822"));
    QCOMPARE(a.first().fileName, QStringLiteral("Original.eml"));
    QVERIFY(a.first().size > 100);
    // The embedded message saves as a message that parses again.
    const QByteArray inner = saved(m, 0);
    QCOMPARE(qint64(inner.size()), a.first().size);
    const Message innerMessage = Message::fromData(inner);
    QCOMPARE(innerMessage.headers().subject, QStringLiteral("Original"));
    QCOMPARE(innerMessage.headers().messageId, QStringLiteral("orig-1@example.org"));
    QCOMPARE(innerMessage.textBody().trimmed(),
             QStringLiteral("Inner text that must not become the outer body."));
    QCOMPARE(innerMessage.attachments().size(), 1);
    QCOMPARE(innerMessage.attachments().first().fileName, QStringLiteral("inner.zip"));
    QCOMPARE(innerMessage.attachments().first().size, 22);
}

void TestMimeMessage::brokenBoundary()
{
    const Message m = load("broken-boundary.eml");
    QVERIFY(m.isValid());
    QCOMPARE(m.headers().subject, QStringLiteral("Broken boundary"));
    QVERIFY(!m.warnings().isEmpty());
    // Nothing is lost: the text behind the undeclared boundary is still shown.
    QVERIFY2(m.textBody().contains(
                 QStringLiteral("This text is behind a boundary that was never declared.")),
             qPrintable(m.textBody()));
}

void TestMimeMessage::missingCharset()
{
    const Message m = load("missing-charset.eml");
    QCOMPARE(m.headers().subject, QStringLiteral("Café “quoted” – dash"));
    QCOMPARE(m.textBody().trimmed(), QStringLiteral("Café crème “smart quotes” € 5"));
    bool warned = false;
    for (const QString &w : m.warnings())
        warned = warned || w.contains(QStringLiteral("charset"));
    QVERIFY2(warned, qPrintable(m.warnings().join(u'\n')));
}

void TestMimeMessage::subjects_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("fromName");
    QTest::addColumn<QString>("body");
    QTest::newRow("latin1") << QStringLiteral("subject-latin1.eml")
                            << QStringLiteral("Café crème brûlée")
                            << QStringLiteral("François Müller") << QStringLiteral("Déjà vu");
    QTest::newRow("cp1252") << QStringLiteral("subject-cp1252.eml")
                            << QStringLiteral("“Smart” quotes cost €100") << QString()
                            << QStringLiteral("It’s € 5 – cheap");
    QTest::newRow("sjis") << QStringLiteral("subject-sjis.eml") << QStringLiteral("日本語のテスト")
                          << QStringLiteral("山田太郎") << QStringLiteral("こんにちは、世界。");
}

void TestMimeMessage::subjects()
{
    QFETCH(QString, file);
    QFETCH(QString, subject);
    QFETCH(QString, fromName);
    QFETCH(QString, body);
    const Message m = Message::fromFile(QStringLiteral(TRIBUTARY_TEST_DATA_DIR "/mime/") + file);
    QVERIFY(m.isValid());
    QCOMPARE(m.headers().subject, subject);
    QCOMPARE(m.headers().from.first().name, fromName);
    QCOMPARE(m.textBody().trimmed(), body);
    QVERIFY2(m.warnings().isEmpty(), qPrintable(m.warnings().join(u'\n')));
}

void TestMimeMessage::obsoleteDate()
{
    const Message m = load("obsolete-date.eml");
    QCOMPARE(m.headers().date.toUTC(), QDateTime(QDate(1999, 1, 1), QTime(18, 45), Qt::UTC));
    QVERIFY(m.headers().to.size() == 1);
}

void TestMimeMessage::garbageDate()
{
    const Message m = load("garbage-date.eml");
    QVERIFY(!m.headers().date.isValid());
    QCOMPARE(m.headers().subject, QStringLiteral("No real date"));
    QVERIFY(m.warnings().join(u'\n').contains(QStringLiteral("sometime last tuesday")));
}

void TestMimeMessage::brokenEncodedWords()
{
    const Message m = load("broken-encoded-words.eml");
    QVERIFY(m.isValid());
    const QString subject = m.headers().subject;
    QVERIFY2(subject.startsWith(QStringLiteral("Hello world")), qPrintable(subject));
    QCOMPARE(m.headers().from.first().address, QStringLiteral("mystery@example.com"));
    QVERIFY(m.headers().from.first().name.contains(QStringLiteral("Mystery")));
    QCOMPARE(m.textBody().trimmed(), QStringLiteral("Body in an unknown charset: café"));
    QVERIFY(m.warnings().join(u'\n').contains(QStringLiteral("x-no-such-charset")));
}

void TestMimeMessage::truncatedFile()
{
    const Message m = load("truncated.eml");
    QVERIFY(m.isValid());
    QCOMPARE(m.headers().subject, QStringLiteral("Monatsbericht für März"));
    QCOMPARE(m.textBody().trimmed(), QStringLiteral("Grüße aus München!"));
    QVERIFY2(m.warnings().join(u'\n').contains(QStringLiteral("truncated")),
             qPrintable(m.warnings().join(u'\n')));
    // Whatever was there of the cut attachment can still be saved.
    const auto a = m.attachments();
    QVERIFY(a.size() >= 2);
    QVERIFY(a.last().contentType == QStringLiteral("application/pdf"));
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    QVERIFY(m.saveAttachment(int(a.size()) - 1, &sink));
}

void TestMimeMessage::fromDeviceSequential()
{
    // A device read from its current position, e.g. after an mbox "From " line was consumed.
    QFile file(dataPath("subject-latin1.eml"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray withPrefix = "IGNORED PREFIX\r\n";
    QBuffer buffer;
    buffer.setData(withPrefix + file.readAll());
    buffer.open(QIODevice::ReadOnly);
    buffer.seek(withPrefix.size());
    const Message m = Message::fromDevice(&buffer);
    QCOMPARE(m.headers().subject, QStringLiteral("Café crème brûlée"));
}

void TestMimeMessage::garbageInputs_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\xfe\r\n\r\n\x00", 10);
    QTest::newRow("headers only") << QByteArray("Subject: x\r\n");
    QTest::newRow("multipart no boundary")
        << QByteArray("Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nbody\r\n");
    QByteArray deep;
    for (int i = 0; i < 300; ++i)
        deep += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(i) + "\r\n\r\n--b"
            + QByteArray::number(i) + "\r\n";
    QTest::newRow("deep nesting") << deep;
    QTest::newRow("huge header") << (QByteArray("Subject: ") + QByteArray(200000, 'a')
                                     + "\r\n\r\nx");
    QTest::newRow("bad base64") << QByteArray(
        "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!@@@===\r\n");
}

void TestMimeMessage::garbageInputs()
{
    QFETCH(QByteArray, data);
    const Message m = Message::fromData(data);
    // Best effort and no crash: accessors work whatever came in.
    const MessageHeaders h = m.headers();
    Q_UNUSED(h);
    QVERIFY(m.textBody().size() >= 0);
    for (int i = 0; i < m.attachments().size(); ++i) {
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        QVERIFY(m.saveAttachment(i, &sink));
    }
    if (QByteArray(QTest::currentDataTag()) == "huge header")
        QCOMPARE(m.headers().subject.size(), 200000);
    if (QByteArray(QTest::currentDataTag()) == "bad base64")
        QVERIFY(m.isValid());
}

void TestMimeMessage::mboxStreaming()
{
    QFile file(dataPath("three.mbox"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    MboxReader reader(&file);
    QStringList subjects;
    QStringList bodies;
    QList<QByteArray> envelopes;
    Message m;
    while (reader.readNext(&m)) {
        subjects << m.headers().subject;
        bodies << m.textBody().trimmed();
        envelopes << reader.envelopeLine();
        QVERIFY(subjects.size() <= 3);
    }
    QCOMPARE(
        subjects,
        (QStringList {QStringLiteral("First"), QStringLiteral("Second"), QStringLiteral("Third")}));
    QCOMPARE(bodies.at(0), QStringLiteral("Body 1"));
    QVERIFY(bodies.at(1).startsWith(QStringLiteral("Body 2")));
    QCOMPARE(bodies.at(2), QStringLiteral("Body 3"));
    QVERIFY(envelopes.at(1).startsWith("From sender2@example.com"));
    QVERIFY(!reader.readNext(&m));
}

void TestMimeMessage::mboxFromSequentialDevice()
{
    QFile file(dataPath("three.mbox"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    TrickleDevice device(file.readAll());
    MboxReader reader(&device);
    Message m;
    QStringList ids;
    while (reader.readNext(&m))
        ids << m.headers().messageId;
    QCOMPARE(
        ids,
        (QStringList {QStringLiteral("mbox-1@example.com"), QStringLiteral("mbox-2@example.com"),
                      QStringLiteral("mbox-3@example.com")}));
    // The data came through many small reads, never as one block.
    QVERIFY(device.reads > 10);

    QFile single(dataPath("alternative.eml"));
    QVERIFY(single.open(QIODevice::ReadOnly));
    TrickleDevice one(single.readAll());
    const Message parsed = Message::fromDevice(&one);
    QCOMPARE(parsed.headers().subject, QStringLiteral("Re: Café meeting ☕ and more"));
    QVERIFY(parsed.htmlBody().contains(QStringLiteral("Café at 10?")));
}

void TestMimeMessage::parallelParsing()
{
    // Library initialisation and parsing are safe from several threads at once.
    QFile file(dataPath("subject-sjis.eml"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray sjis = file.readAll();
    QFile file2(dataPath("mixed-attachments.eml"));
    QVERIFY(file2.open(QIODevice::ReadOnly));
    const QByteArray mixed = file2.readAll();
    std::atomic<int> wrong {0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 40; ++i) {
                const Message m = Message::fromData((t + i) % 2 ? sjis : mixed);
                const QString expected = (t + i) % 2 ? QStringLiteral("日本語のテスト")
                                                     : QStringLiteral("Monatsbericht für März");
                if (m.headers().subject != expected)
                    ++wrong;
                if ((t + i) % 2 == 0 && m.attachments().size() != 4)
                    ++wrong;
            }
        });
    }
    for (auto &th : threads)
        th.join();
    QCOMPARE(wrong.load(), 0);
}

QTEST_GUILESS_MAIN(TestMimeMessage)
#include "tst_mimemessage.moc"
