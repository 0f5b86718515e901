#include "connectors/mime/messagebuilder.h"
#include "connectors/mime/mimemessage.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Tributary::Mime;

namespace {

// Byte-level rules of RFC 5322 section 2.1.1 / 2.3: every line ends in CRLF (no bare CR or
// LF), no line is longer than 998 octets. Returns an empty string when all hold.
QString lineProblems(const QByteArray &bytes)
{
    if (!bytes.endsWith("\r\n"))
        return QStringLiteral("does not end in CRLF");
    qsizetype start = 0;
    int lineNo = 1;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes.at(i) == '\n') {
            if (i == 0 || bytes.at(i - 1) != '\r')
                return QStringLiteral("bare LF on line %1").arg(lineNo);
            if (i - 1 - start > 998)
                return QStringLiteral("line %1 has %2 octets").arg(lineNo).arg(i - 1 - start);
            start = i + 1;
            ++lineNo;
        } else if (bytes.at(i) == '\r' && (i + 1 >= bytes.size() || bytes.at(i + 1) != '\n')) {
            return QStringLiteral("bare CR on line %1").arg(lineNo);
        }
    }
    return {};
}

QByteArray headerBlock(const QByteArray &bytes)
{
    return bytes.left(bytes.indexOf("\r\n\r\n") + 2);
}

bool headersAreAscii(const QByteArray &bytes)
{
    for (const char c : headerBlock(bytes)) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

MessageBuilder sampleBuilder()
{
    MessageBuilder b;
    b.setFrom({QStringLiteral("Zoë Ångström"), QStringLiteral("zoe@example.org")});
    b.setTo({{QStringLiteral("Bob"), QStringLiteral("bob@example.net")},
             {QStringLiteral("山田太郎"), QStringLiteral("taro@example.jp")}});
    b.setCc({{QString(), QStringLiteral("carol@example.net")}});
    b.setBcc({{QStringLiteral("Secret Sam"), QStringLiteral("sam@hidden.example")}});
    b.setSubject(QStringLiteral("Réunion ☕ — 日本語の件名 with a fairly long tail so that folding "
                                "has to happen somewhere"));
    b.setDate(QDateTime(QDate(2026, 11, 27), QTime(5, 6, 7), Qt::OffsetFromUTC, 3600));
    b.setMessageIdDomain(QStringLiteral("example.org"));
    b.setTextBody(QStringLiteral("Bonjour,\nvoici le café.\n\n— Zoë\n"));
    return b;
}

} // namespace

class TestMessageBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textOnlyRoundTrip();
    void alternativeWithAttachmentsRoundTrip();
    void bccNeverInHeaders();
    void byteLevelRules_data();
    void byteLevelRules();
    void replyThreading();
    void encodingChoice();
    void missingFromFails();
    void unreadableAttachmentFails();
};

void TestMessageBuilder::textOnlyRoundTrip()
{
    MessageBuilder b = sampleBuilder();
    QString error;
    const QByteArray bytes = b.toByteArray(&error);
    QVERIFY2(!bytes.isEmpty(), qPrintable(error));
    const Message m = Message::fromData(bytes);
    const MessageHeaders h = m.headers();
    QCOMPARE(h.from.size(), 1);
    QCOMPARE(h.from.first().name, QStringLiteral("Zoë Ångström"));
    QCOMPARE(h.from.first().address, QStringLiteral("zoe@example.org"));
    QCOMPARE(h.to.size(), 2);
    QCOMPARE(h.to.at(1).name, QStringLiteral("山田太郎"));
    QCOMPARE(h.cc.first().address, QStringLiteral("carol@example.net"));
    QCOMPARE(h.subject,
             QStringLiteral("Réunion ☕ — 日本語の件名 with a fairly long tail so that folding has "
                            "to happen somewhere"));
    QCOMPARE(h.date, QDateTime(QDate(2026, 11, 27), QTime(5, 6, 7), Qt::OffsetFromUTC, 3600));
    QCOMPARE(h.messageId, b.messageId());
    QVERIFY(h.messageId.endsWith(QStringLiteral("@example.org")));
    QCOMPARE(m.textBody(), QStringLiteral("Bonjour,\r\nvoici le café.\r\n\r\n— Zoë\r\n"));
    QVERIFY(m.htmlBody().isEmpty());
    QVERIFY(m.attachments().isEmpty());
    QVERIFY(bytes.contains("MIME-Version: 1.0\r\n"));
    QVERIFY2(m.warnings().isEmpty(), qPrintable(m.warnings().join(u'\n')));
    // The id is stable across writes.
    QCOMPARE(Message::fromData(b.toByteArray()).headers().messageId, h.messageId);
}

void TestMessageBuilder::alternativeWithAttachmentsRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("report.bin"));
    QByteArray binary(70000, '\0');
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = char((i * 7 + 3) & 0xff);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(binary);
    }
    MessageBuilder b = sampleBuilder();
    b.setHtmlBody(QStringLiteral("<p>Bonjour, <b>café</b> <img src=\"cid:pic@x\"></p>"));
    b.addAttachmentFile(path, QStringLiteral("application/octet-stream"),
                        QStringLiteral("Übersicht März €.bin"));
    b.addAttachmentData("hello,world\n", QStringLiteral("plain.csv"), QStringLiteral("text/csv"));
    b.addAttachmentData(QByteArray("\x89PNG\r\n\x1a\n", 8), QStringLiteral("pic.png"),
                        QStringLiteral("image/png"), QStringLiteral("pic@x"));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    QString error;
    QVERIFY2(b.writeTo(&out, &error), qPrintable(error));
    const QByteArray bytes = out.data();
    QVERIFY(bytes.contains("Content-Type: multipart/mixed"));
    QVERIFY(bytes.contains("Content-Type: multipart/alternative"));
    // RFC 2231 for the non-ASCII file name, base64 for attachments.
    QVERIFY2(bytes.contains("filename*=UTF-8''%C3%9Cbersicht%20M%C3%A4rz%20%E2%82%AC.bin"),
             bytes.constData());
    QVERIFY(bytes.contains("Content-Transfer-Encoding: base64"));
    QCOMPARE(lineProblems(bytes), QString());

    const Message m = Message::fromData(bytes);
    QCOMPARE(m.textBody(), QStringLiteral("Bonjour,\r\nvoici le café.\r\n\r\n— Zoë\r\n"));
    QCOMPARE(m.htmlBody(), QStringLiteral("<p>Bonjour, <b>café</b> <img src=\"cid:pic@x\"></p>"));
    const auto a = m.attachments();
    QCOMPARE(a.size(), 3);
    QCOMPARE(a.at(0).fileName, QStringLiteral("Übersicht März €.bin"));
    QCOMPARE(a.at(0).size, binary.size());
    QVERIFY(!a.at(0).isInline);
    QByteArray savedBytes;
    QBuffer sink(&savedBytes);
    sink.open(QIODevice::WriteOnly);
    QVERIFY(m.saveAttachment(0, &sink));
    QCOMPARE(savedBytes, binary);
    QCOMPARE(a.at(1).fileName, QStringLiteral("plain.csv"));
    QCOMPARE(a.at(1).contentType, QStringLiteral("text/csv"));
    QCOMPARE(a.at(2).contentId, QStringLiteral("pic@x"));
    QVERIFY(a.at(2).isInline);
    QCOMPARE(a.at(2).size, 8);
    QVERIFY2(m.warnings().isEmpty(), qPrintable(m.warnings().join(u'\n')));
}

void TestMessageBuilder::bccNeverInHeaders()
{
    const MessageBuilder b = sampleBuilder();
    const QByteArray bytes = b.toByteArray();
    QVERIFY(!bytes.contains("sam@hidden.example"));
    QVERIFY(!bytes.contains("Secret Sam"));
    QVERIFY(!headerBlock(bytes).toLower().contains("\nbcc:"));
    const auto rcpt = b.recipients();
    QCOMPARE(rcpt.size(), 4);
    QCOMPARE(rcpt.last().address, QStringLiteral("sam@hidden.example"));
}

void TestMessageBuilder::byteLevelRules_data()
{
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QString>("text");
    const QString longAscii = QString(3000, u'x');
    const QString longUnicode = QString(1500, QChar(0x00e9)); // 3000 octets in UTF-8
    const QString mixedEndings = QStringLiteral("a\rb\r\nc\nd");
    for (int e : {int(MessageBuilder::TextEncoding::Auto),
                  int(MessageBuilder::TextEncoding::QuotedPrintable),
                  int(MessageBuilder::TextEncoding::EightBit)}) {
        const QByteArray tag = QByteArray::number(e);
        QTest::newRow(QByteArray(tag + "-long ascii line").constData()) << e << longAscii;
        QTest::newRow(QByteArray(tag + "-long unicode line").constData()) << e << longUnicode;
        QTest::newRow(QByteArray(tag + "-mixed line endings").constData()) << e << mixedEndings;
        QTest::newRow(QByteArray(tag + "-dot lines and From").constData())
            << e << QStringLiteral(".\n..\nFrom here\n");
    }
}

void TestMessageBuilder::byteLevelRules()
{
    QFETCH(int, encoding);
    QFETCH(QString, text);
    MessageBuilder b = sampleBuilder();
    b.setTextEncoding(MessageBuilder::TextEncoding(encoding));
    b.setTextBody(text);
    b.setHtmlBody(QStringLiteral("<p>") + text + QStringLiteral("</p>"));
    b.addAttachmentData(
        QByteArray(5000, 'z'),
        QStringLiteral(
            "Ünïcödé name that is rather long, to force RFC 2231 continuations in the header.txt"));
    const QByteArray bytes = b.toByteArray();
    QCOMPARE(lineProblems(bytes), QString());
    QVERIFY(headersAreAscii(bytes));
    QVERIFY(headerBlock(bytes).contains("Subject: =?"));
    QVERIFY(headerBlock(bytes).contains("From: =?"));
    // Whatever the transfer encoding, the text survives (line ends normalized to CRLF).
    QString expected = text;
    expected.replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
        .replace(u'\r', u'\n')
        .replace(u'\n', QStringLiteral("\r\n"));
    const Message m = Message::fromData(bytes);
    QCOMPARE(m.textBody(), expected);
    QCOMPARE(m.attachments().size(), 1);
    QCOMPARE(
        m.attachments().first().fileName,
        QStringLiteral(
            "Ünïcödé name that is rather long, to force RFC 2231 continuations in the header.txt"));
}

void TestMessageBuilder::replyThreading()
{
    MessageHeaders original;
    original.messageId = QStringLiteral("parent@example.net");
    original.references = {QStringLiteral("root@example.net"), QStringLiteral("mid@example.net")};
    MessageBuilder b = sampleBuilder();
    b.setReplyHeaders(original);
    const QByteArray bytes = b.toByteArray();
    QVERIFY(bytes.contains("In-Reply-To: <parent@example.net>\r\n"));
    const MessageHeaders h = Message::fromData(bytes).headers();
    QCOMPARE(h.inReplyTo, QStringLiteral("parent@example.net"));
    QCOMPARE(h.references,
             (QStringList {QStringLiteral("root@example.net"), QStringLiteral("mid@example.net"),
                           QStringLiteral("parent@example.net")}));
}

void TestMessageBuilder::encodingChoice()
{
    MessageBuilder b = sampleBuilder();
    b.setTextBody(QStringLiteral("plain ascii\n"));
    QVERIFY(b.toByteArray().contains("Content-Transfer-Encoding: 7bit"));
    b.setTextBody(QStringLiteral("café\n"));
    QVERIFY(b.toByteArray().contains("Content-Transfer-Encoding: quoted-printable"));
    b.setTextEncoding(MessageBuilder::TextEncoding::EightBit);
    const QByteArray eight = b.toByteArray();
    QVERIFY(eight.contains("Content-Transfer-Encoding: 8bit"));
    QVERIFY(eight.contains(QStringLiteral("café").toUtf8()) || eight.contains("caf\xe9"));
    b.setTextBody(QString(2000, QChar(0x00e9)));
    QVERIFY(b.toByteArray().contains("Content-Transfer-Encoding: quoted-printable"));
    b.setTextEncoding(MessageBuilder::TextEncoding::QuotedPrintable);
    b.setTextBody(QStringLiteral("ascii\n"));
    QVERIFY(b.toByteArray().contains("Content-Transfer-Encoding: quoted-printable"));
}

void TestMessageBuilder::missingFromFails()
{
    MessageBuilder b;
    b.setTo({{QString(), QStringLiteral("x@example.com")}});
    QString error;
    QVERIFY(b.toByteArray(&error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("From")));
}

void TestMessageBuilder::unreadableAttachmentFails()
{
    MessageBuilder b = sampleBuilder();
    b.addAttachmentFile(QStringLiteral("/nonexistent/tributary/file.pdf"));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    QString error;
    QVERIFY(!b.writeTo(&out, &error));
    QVERIFY2(error.contains(QStringLiteral("file.pdf")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestMessageBuilder)
#include "tst_messagebuilder.moc"
