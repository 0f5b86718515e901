// Modified UTF-7 mailbox names (RFC 3501 section 5.1.3), both directions.
#include "connectors/imap/mutf7.h"

#include <QTest>

using namespace Tributary::Imap;

class TstMutf7 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("ascii") << QStringLiteral("INBOX") << QByteArray("INBOX");
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("space") << QStringLiteral("Empty folder") << QByteArray("Empty folder");
        QTest::newRow("ampersand") << QStringLiteral("Tom & Jerry") << QByteArray("Tom &- Jerry");
        QTest::newRow("only ampersand") << QStringLiteral("&") << QByteArray("&-");
        QTest::newRow("umlaut") << QStringLiteral("Rechnungen/März 2024")
                                << QByteArray("Rechnungen/M&AOQ-rz 2024");
        // RFC 3501's own example
        QTest::newRow("rfc3501") << QStringLiteral("~peter/mail/台北/日本語")
                                 << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        QTest::newRow("japanese") << QStringLiteral("日本語/メール")
                                  << QByteArray("&ZeVnLIqe-/&MOEw,DDr-");
        QTest::newRow("greek") << QStringLiteral("Ελληνικά")
                               << QByteArray("&A5UDuwO7A7cDvQO5A7oDrA-");
        QTest::newRow("emoji surrogate pair")
            << QStringLiteral("Mail 📬") << QByteArray("Mail &2D3c7A-");
        QTest::newRow("ampersand next to shift")
            << QStringLiteral("ä&ö") << QByteArray("&AOQ-&-&APY-");
        QTest::newRow("tilde and backslash") << QStringLiteral("a~b\\c") << QByteArray("a~b\\c");
        QTest::newRow("one char") << QStringLiteral("é") << QByteArray("&AOk-");
        QTest::newRow("two chars") << QStringLiteral("éé") << QByteArray("&AOkA6Q-");
        QTest::newRow("three chars") << QStringLiteral("ééé") << QByteArray("&AOkA6QDp-");
        QTest::newRow("control char") << QStringLiteral("a\tb") << QByteArray("a&AAk-b");
    }
    void roundTrip()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, wire);
        QCOMPARE(encodeMailboxName(name), wire);
        bool ok = false;
        QCOMPARE(decodeMailboxName(wire, &ok), name);
        QVERIFY(ok);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("unterminated") << QByteArray("M&AOQ");
        QTest::newRow("bad base64 char") << QByteArray("&A/Q-");
        QTest::newRow("8-bit byte") << QByteArray("M\xc3\xa4rz");
        QTest::newRow("control byte") << QByteArray("a\tb");
        QTest::newRow("empty shift with dash only is &-, but & at end") << QByteArray("abc&");
        QTest::newRow("non-zero padding bits") << QByteArray("&AOR-");
        QTest::newRow("too many padding chars") << QByteArray("&AOQA-");
        QTest::newRow("lone high surrogate") << QByteArray("&2D0-");
        QTest::newRow("lone low surrogate") << QByteArray("&3cw-");
        QTest::newRow("high then ascii") << QByteArray("&2D0-x");
    }
    void malformed()
    {
        QFETCH(QByteArray, wire);
        bool ok = true;
        const QString shown = decodeMailboxName(wire, &ok);
        QVERIFY(!ok);
        QCOMPARE(shown, QString::fromUtf8(wire)); // still something to show
    }

    void loneSurrogateEncodesAsReplacement()
    {
        QString name = QStringLiteral("x");
        name.append(QChar(char16_t(0xd800)));
        QCOMPARE(encodeMailboxName(name), QByteArray("x&,,0-"));
        bool ok = false;
        QCOMPARE(decodeMailboxName("x&,,0-", &ok), QStringLiteral("x\uFFFD"));
        QVERIFY(ok);
    }

    void everyBmpCharacterRoundTrips()
    {
        // Every non-surrogate BMP code point, in runs that mix shifted and direct text.
        QString all;
        for (char32_t u = 1; u < 0x10000; ++u) {
            if (u >= 0xd800 && u < 0xe000)
                continue;
            all.append(QChar(char16_t(u)));
            if (u % 97 == 0)
                all.append(QLatin1String("a&b"));
        }
        const QByteArray wire = encodeMailboxName(all);
        for (char c : wire)
            QVERIFY(c >= 0x20 && c <= 0x7e);
        bool ok = false;
        QCOMPARE(decodeMailboxName(wire, &ok), all);
        QVERIFY(ok);
    }
};

QTEST_GUILESS_MAIN(TstMutf7)
#include "tst_mutf7.moc"
