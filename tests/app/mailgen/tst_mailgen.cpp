// The benchmark mailbox generator (tests/bench/mailgen): same seed gives the same bytes,
// a smaller mailbox is a prefix of a larger one, every message is valid CRLF MIME that GMime
// parses back to what was meant, and the folder tree is the one Dovecot expects.
// GMime (through GLib) uses "signals" as an identifier: include it before any Qt header.
#include <gmime/gmime.h>

#include "maildirwriter.h"
#include "mailgenerator.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

namespace {

// Relative path -> SHA-256 of the content, for every regular file below root.
QMap<QString, QByteArray> treeDigest(const QString &root)
{
    QMap<QString, QByteArray> result;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        result.insert(QDir(root).relativeFilePath(path),
                      QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
    }
    return result;
}

QStringList maildirFolders(const QString &root)
{
    QStringList result;
    QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).fileName() == QStringLiteral("cur"))
            result << QDir(root).relativeFilePath(QFileInfo(path).path());
    }
    result.sort();
    return result;
}

struct PartStats
{
    int parts = 0;
    int attachments = 0;
    int rfc2231Names = 0;
    bool decodeFailed = false;
    QStringList problems;
};

void visitPart(GMimeObject *parent, GMimeObject *part, gpointer data)
{
    Q_UNUSED(parent);
    auto *stats = static_cast<PartStats *>(data);
    if (!GMIME_IS_PART(part))
        return;
    stats->parts += 1;
    GMimePart *leaf = GMIME_PART(part);
    GMimeDataWrapper *content = g_mime_part_get_content(leaf);
    if (!content) {
        stats->problems << QStringLiteral("leaf part without content");
        return;
    }
    GMimeStream *out = g_mime_stream_mem_new();
    const gssize written = g_mime_data_wrapper_write_to_stream(content, out);
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
    if (written < 0 || !bytes || bytes->len == 0)
        stats->problems << QStringLiteral("part decodes to nothing");
    const GMimeContentEncoding encoding = g_mime_part_get_content_encoding(leaf);
    if (g_mime_part_is_attachment(leaf)) {
        stats->attachments += 1;
        if (encoding != GMIME_CONTENT_ENCODING_BASE64)
            stats->problems << QStringLiteral("attachment not base64");
        const char *name = g_mime_part_get_filename(leaf);
        if (!name || !*name)
            stats->problems << QStringLiteral("attachment without a file name");
        else if (QByteArray(name).contains("=?") || QByteArray(name).contains("utf-8''"))
            stats->problems
                << QStringLiteral("file name not decoded: %1").arg(QString::fromUtf8(name));
        const char *raw = g_mime_object_get_header(part, "Content-Disposition");
        if (raw && QByteArray(raw).contains("filename*"))
            stats->rfc2231Names += 1;
        // The generated "size=" parameter, when present, must equal the decoded length.
        const char *size = g_mime_object_get_content_disposition_parameter(part, "size");
        if (size && bytes && QByteArray(size).toUInt() != bytes->len)
            stats->problems << QStringLiteral("attachment size %1 != decoded %2")
                                   .arg(QString::fromLatin1(size))
                                   .arg(bytes->len);
    } else {
        GMimeContentType *type = g_mime_object_get_content_type(part);
        if (qstrcmp(g_mime_content_type_get_media_type(type), "text") != 0)
            stats->problems << QStringLiteral("inline part is not text");
        else if (bytes) {
            // decoded text must be valid UTF-8
            const QByteArray text(reinterpret_cast<const char *>(bytes->data),
                                  qsizetype(bytes->len));
            if (QString::fromUtf8(text).toUtf8() != text)
                stats->problems << QStringLiteral("text part is not UTF-8");
        }
    }
    g_object_unref(out);
}

} // namespace

class TestMailgen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modifiedUtf7_data();
    void modifiedUtf7();
    void generatorIsAFunctionOfSeedAndIndex();
    void programIsDeterministic();
    void smallerMailboxIsAPrefix();
    void folderSet();
    void manifestMatchesFiles();
    void messagesAreValidMime();
    void contentMix();
    void cleanupTestCase();

private:
    QString run(const QString &name, int messages, int seed);

    QString m_scratch;
    QHash<QString, QString> m_runs;
};

QString TestMailgen::run(const QString &name, int messages, int seed)
{
    const QString dir = m_scratch + QLatin1Char('/') + name;
    QProcess p;
    p.setProgram(QStringLiteral(MAILGEN_BIN));
    p.setArguments({QStringLiteral("--maildir"), dir + QStringLiteral("/Maildir"),
                    QStringLiteral("--messages"), QString::number(messages),
                    QStringLiteral("--seed"), QString::number(seed), QStringLiteral("--manifest"),
                    dir + QStringLiteral("/manifest.tsv"), QStringLiteral("--quiet")});
    p.setStandardInputFile(QProcess::nullDevice());
    p.start();
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning() << "mailgen failed:" << p.readAllStandardError();
        return QString();
    }
    return dir;
}

void TestMailgen::initTestCase()
{
    g_mime_init();
    m_scratch = TestEnv::scratchDir(QStringLiteral("mailgen"));
    m_runs[QStringLiteral("a")] = run(QStringLiteral("a"), 200, 7);
    m_runs[QStringLiteral("b")] = run(QStringLiteral("b"), 200, 7);
    m_runs[QStringLiteral("c")] = run(QStringLiteral("c"), 400, 7);
    m_runs[QStringLiteral("d")] = run(QStringLiteral("d"), 200, 8);
    for (auto it = m_runs.cbegin(); it != m_runs.cend(); ++it)
        QVERIFY2(!it.value().isEmpty(), qPrintable(QStringLiteral("run %1 failed").arg(it.key())));
}

void TestMailgen::modifiedUtf7_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("encoded");
    // RFC 3501 section 5.1.3 example, and the benchmark's own folders.
    QTest::newRow("rfc3501") << QString::fromUtf8("~peter/mail/台北/日本語")
                             << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    QTest::newRow("ampersand") << QStringLiteral("Tom & Jerry") << QByteArray("Tom &- Jerry");
    QTest::newRow("umlaut") << QString::fromUtf8("Rechnungen/März 2024")
                            << QByteArray("Rechnungen/M&AOQ-rz 2024");
    QTest::newRow("greek") << QString::fromUtf8("Ελληνικά")
                           << QByteArray("&A5UDuwO7A7cDvQO5A7oDrA-");
    QTest::newRow("ascii") << QStringLiteral("Empty folder") << QByteArray("Empty folder");
}

void TestMailgen::modifiedUtf7()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, encoded);
    QCOMPARE(MailGen::encodeModifiedUtf7(name), encoded);
}

void TestMailgen::generatorIsAFunctionOfSeedAndIndex()
{
    const MailGen::Generator g(42);
    QVector<QByteArray> forward;
    for (int i = 0; i < 50; ++i)
        forward << g.generate(i).bytes;
    // Asked for in another order, by another generator object: the same messages.
    const MailGen::Generator h(42);
    for (int i = 49; i >= 0; --i) {
        const MailGen::Message m = h.generate(i);
        QCOMPARE(m.index, i);
        QVERIFY2(m.bytes == forward.at(i), qPrintable(QStringLiteral("message %1 differs").arg(i)));
    }
    // Another seed gives other messages.
    const MailGen::Generator other(43);
    int same = 0;
    for (int i = 0; i < 50; ++i)
        same += other.generate(i).bytes == forward.at(i) ? 1 : 0;
    QCOMPARE(same, 0);
}

void TestMailgen::programIsDeterministic()
{
    const auto a = treeDigest(m_runs.value(QStringLiteral("a")) + QStringLiteral("/Maildir"));
    const auto b = treeDigest(m_runs.value(QStringLiteral("b")) + QStringLiteral("/Maildir"));
    const auto d = treeDigest(m_runs.value(QStringLiteral("d")) + QStringLiteral("/Maildir"));
    QCOMPARE(a.size(), 200);
    QCOMPARE(a.keys(), b.keys());
    QVERIFY(a == b);
    // Another seed: no message file in common.
    int common = 0;
    for (auto it = d.cbegin(); it != d.cend(); ++it)
        common += a.value(it.key()) == it.value() ? 1 : 0;
    QCOMPARE(d.size(), 200);
    QCOMPARE(common, 0);
}

void TestMailgen::smallerMailboxIsAPrefix()
{
    const auto a = treeDigest(m_runs.value(QStringLiteral("a")) + QStringLiteral("/Maildir"));
    const auto c = treeDigest(m_runs.value(QStringLiteral("c")) + QStringLiteral("/Maildir"));
    QCOMPARE(c.size(), 400);
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        QVERIFY2(c.contains(it.key()), qPrintable(it.key() + QStringLiteral(" missing in N=400")));
        QVERIFY2(c.value(it.key()) == it.value(),
                 qPrintable(it.key() + QStringLiteral(" differs in N=400")));
    }
    // The extra 200 are messages 200..399 (the index is in the file name).
    const QRegularExpression indexRe(QStringLiteral("\\.M(\\d+)P7\\.mailgen,"));
    QSet<int> indexes;
    for (auto it = c.cbegin(); it != c.cend(); ++it) {
        const auto match = indexRe.match(it.key());
        QVERIFY2(match.hasMatch(), qPrintable(it.key()));
        indexes.insert(match.captured(1).toInt());
    }
    QCOMPARE(indexes.size(), 400);
    QCOMPARE(*std::max_element(indexes.cbegin(), indexes.cend()), 399);
}

void TestMailgen::folderSet()
{
    const QString root = m_runs.value(QStringLiteral("c")) + QStringLiteral("/Maildir");
    QStringList expected;
    for (const MailGen::Folder &f : MailGen::Generator::folders()) {
        const QString path
            = MailGen::MaildirWriter::folderPath(root, MailGen::MaildirWriter::Layout::Fs, f.name);
        expected << QDir(root).relativeFilePath(path);
    }
    expected.sort();
    QCOMPARE(expected.size(), 16);
    QCOMPARE(maildirFolders(root), expected);
    QVERIFY(expected.contains(QStringLiteral("Rechnungen/M&AOQ-rz 2024")));
    QVERIFY(expected.contains(QStringLiteral("&ZeVnLIqe-/&MOEw,DDr-")));
    QVERIFY(expected.contains(QStringLiteral("Empty folder")));
    QVERIFY(expected.contains(QStringLiteral("."))); // INBOX is the root
    // \Noselect parents exist as plain directories without cur/new/tmp.
    const QStringList parents = MailGen::Generator::noselectParents();
    QCOMPARE(parents,
             (QStringList {QStringLiteral("Projects"), QStringLiteral("Projects/Qt6"),
                           QStringLiteral("Rechnungen"), QString::fromUtf8("日本語")}));
    for (const QString &p : parents) {
        const QString path
            = MailGen::MaildirWriter::folderPath(root, MailGen::MaildirWriter::Layout::Fs, p);
        QVERIFY2(QFileInfo(path).isDir(), qPrintable(path));
        QVERIFY2(!QFileInfo::exists(path + QStringLiteral("/cur")), qPrintable(path));
    }
    // The empty folder is empty, every other folder got messages.
    for (const MailGen::Folder &f : MailGen::Generator::folders()) {
        const QString cur
            = MailGen::MaildirWriter::folderPath(root, MailGen::MaildirWriter::Layout::Fs, f.name)
            + QStringLiteral("/cur");
        const int n = int(QDir(cur).entryList(QDir::Files).size());
        if (f.weight == 0)
            QCOMPARE(n, 0);
        else
            QVERIFY2(n > 0, qPrintable(f.name));
    }
}

void TestMailgen::manifestMatchesFiles()
{
    const QString dir = m_runs.value(QStringLiteral("c"));
    QFile manifest(dir + QStringLiteral("/manifest.tsv"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = manifest.readAll().split('\n');
    int folders = 0;
    qint64 totalCount = 0, totalBytes = 0;
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> cols = line.split('\t');
        QCOMPARE(cols.size(), 3);
        const QString name = QString::fromUtf8(cols.at(0));
        if (name == QStringLiteral("total")) {
            QCOMPARE(cols.at(1).toLongLong(), totalCount);
            QCOMPARE(cols.at(2).toLongLong(), totalBytes);
            continue;
        }
        ++folders;
        const QString cur
            = MailGen::MaildirWriter::folderPath(dir + QStringLiteral("/Maildir"),
                                                 MailGen::MaildirWriter::Layout::Fs, name)
            + QStringLiteral("/cur");
        const QFileInfoList files = QDir(cur).entryInfoList(QDir::Files);
        qint64 bytes = 0;
        for (const QFileInfo &fi : files)
            bytes += fi.size();
        QCOMPARE(qint64(files.size()), cols.at(1).toLongLong());
        QCOMPARE(bytes, cols.at(2).toLongLong());
        totalCount += files.size();
        totalBytes += bytes;
    }
    QCOMPARE(folders, 16);
    QCOMPARE(totalCount, qint64(400));
}

void TestMailgen::messagesAreValidMime()
{
    const QString root = m_runs.value(QStringLiteral("c")) + QStringLiteral("/Maildir");
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    const QRegularExpression nameRe(
        QStringLiteral("^\\d+\\.M\\d+P7\\.mailgen,S=(\\d+),W=(\\d+):2,(D?F?R?S?)$"));
    int checked = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.contains(QStringLiteral("/cur/")))
            continue;
        const QString fileName = QFileInfo(path).fileName();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const auto m = nameRe.match(fileName);
        QVERIFY2(m.hasMatch(), qPrintable(fileName));
        QCOMPARE(m.captured(1).toLongLong(), qint64(bytes.size()));
        QCOMPARE(m.captured(2).toLongLong(), qint64(bytes.size()));
        if (path.contains(QStringLiteral("/Drafts/")))
            QVERIFY2(m.captured(3).contains(QLatin1Char('D')), qPrintable(fileName));

        // CRLF everywhere, no bare CR or LF, no line over 998 octets, no NUL.
        qsizetype lineStart = 0;
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            const char ch = bytes.at(i);
            QVERIFY2(ch != '\0', qPrintable(fileName));
            if (ch == '\n') {
                QVERIFY2(i > 0 && bytes.at(i - 1) == '\r',
                         qPrintable(fileName + QStringLiteral(": bare LF")));
                QVERIFY2(i - 1 - lineStart <= 998,
                         qPrintable(fileName + QStringLiteral(": long line")));
                lineStart = i + 1;
            } else if (ch == '\r') {
                QVERIFY2(i + 1 < bytes.size() && bytes.at(i + 1) == '\n',
                         qPrintable(fileName + QStringLiteral(": bare CR")));
            }
        }
        QVERIFY2(bytes.endsWith("\r\n"), qPrintable(fileName));

        // The header section is ASCII and has what every message needs.
        const qsizetype end = bytes.indexOf("\r\n\r\n");
        QVERIFY2(end > 0, qPrintable(fileName));
        const QByteArray header = bytes.left(end + 2);
        for (char ch : header)
            QVERIFY2(uchar(ch) < 0x80, qPrintable(fileName + QStringLiteral(": 8-bit header")));
        for (const char *name : {"\r\nDate: ", "\r\nFrom: ", "\r\nTo: ", "\r\nMessage-ID: <",
                                 "\r\nSubject: ", "\r\nMIME-Version: 1.0\r\n"}) {
            QVERIFY2(QByteArray("\r\n" + header).contains(name),
                     qPrintable(fileName + QStringLiteral(" lacks ") + QLatin1String(name)));
        }

        // GMime parses it; subject and parts decode.
        GMimeStream *stream
            = g_mime_stream_mem_new_with_buffer(bytes.constData(), size_t(bytes.size()));
        GMimeParser *parser = g_mime_parser_new_with_stream(stream);
        GMimeMessage *message = g_mime_parser_construct_message(parser, nullptr);
        QVERIFY2(message, qPrintable(fileName));
        const char *subject = g_mime_message_get_subject(message);
        QVERIFY2(subject && *subject, qPrintable(fileName));
        QVERIFY2(!QByteArray(subject).contains("=?"),
                 qPrintable(fileName + QStringLiteral(": undecoded subject")));
        const char *date = g_mime_object_get_header(GMIME_OBJECT(message), "Date");
        GDateTime *parsed = date ? g_mime_utils_header_decode_date(date) : nullptr;
        QVERIFY2(parsed, qPrintable(fileName + QStringLiteral(": bad Date")));
        const int year = g_date_time_get_year(parsed);
        g_date_time_unref(parsed);
        QVERIFY2(year >= 2014 && year <= 2025, qPrintable(fileName));
        PartStats stats;
        g_mime_message_foreach(message, visitPart, &stats);
        g_object_unref(message);
        g_object_unref(parser);
        g_object_unref(stream);
        QVERIFY2(stats.parts >= 1, qPrintable(fileName));
        QVERIFY2(stats.problems.isEmpty(),
                 qPrintable(fileName + QStringLiteral(": ")
                            + stats.problems.join(QStringLiteral("; "))));
        ++checked;
    }
    QCOMPARE(checked, 400);
}

void TestMailgen::contentMix()
{
    // The mix the benchmark relies on, over the first 400 messages of seed 7.
    const MailGen::Generator g(7);
    QVector<qsizetype> sizes;
    int qp = 0, eightBit = 0, alternative = 0, mixed = 0, encodedSubject = 0, rfc2231 = 0,
        replies = 0, lists = 0, cc = 0;
    QSet<QByteArray> zones;
    QSet<char> flags;
    for (int i = 0; i < 400; ++i) {
        const MailGen::Message m = g.generate(i);
        sizes << m.bytes.size();
        qp += m.bytes.contains("Content-Transfer-Encoding: quoted-printable") ? 1 : 0;
        eightBit += m.bytes.contains("Content-Transfer-Encoding: 8bit") ? 1 : 0;
        alternative += m.bytes.contains("multipart/alternative") ? 1 : 0;
        mixed += m.bytes.contains("multipart/mixed") ? 1 : 0;
        encodedSubject += m.bytes.contains("\r\nSubject: =?UTF-8?") ? 1 : 0;
        rfc2231 += m.bytes.contains("filename*") ? 1 : 0;
        replies += m.bytes.contains("\r\nIn-Reply-To: <") && m.bytes.contains("\r\nReferences: <")
            ? 1
            : 0;
        lists += m.bytes.contains("\r\nList-Id: ") ? 1 : 0;
        cc += m.bytes.contains("\r\nCc: ") ? 1 : 0;
        const qsizetype d = m.bytes.indexOf("\r\nDate: ");
        const qsizetype eol = m.bytes.indexOf("\r\n", d + 2);
        zones.insert(m.bytes.mid(eol - 5, 5));
        for (char f : m.flags)
            flags.insert(f);
    }
    std::sort(sizes.begin(), sizes.end());
    const qsizetype median = sizes.at(200);
    QVERIFY2(median > 9000 && median < 22000, qPrintable(QString::number(median)));
    QVERIFY2(sizes.last() > 300000 && sizes.last() <= 1100000,
             qPrintable(QString::number(sizes.last())));
    QVERIFY2(sizes.first() >= 1000, qPrintable(QString::number(sizes.first())));
    QVERIFY(qp > 20);
    QVERIFY(eightBit > 20);
    QVERIFY(alternative > 20);
    QVERIFY(mixed > 20);
    QVERIFY(encodedSubject > 20);
    QVERIFY(rfc2231 > 5);
    QVERIFY(replies > 20);
    QVERIFY(lists > 20);
    QVERIFY(cc > 20);
    QVERIFY2(zones.size() >= 5, qPrintable(QString::number(zones.size())));
    QCOMPARE(flags, (QSet<char> {'D', 'F', 'R', 'S'}));
}

void TestMailgen::cleanupTestCase()
{
    QDir(m_scratch).removeRecursively();
}

QTEST_GUILESS_MAIN(TestMailgen)
#include "tst_mailgen.moc"
