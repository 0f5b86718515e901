#include "connectors/mime/mimeheaders.h"

#include <QTest>

using namespace Tributary::Mime;

class TestMimeHeaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodeText_data();
    void decodeText();
    void brokenEncodedWordsWarnOrDegrade();
    void addresses_data();
    void addresses();
    void dates_data();
    void dates();
    void garbageDateIsInvalidWithWarning();
    void formatDateRoundTrip();
    void messageIds();
    void encodeHeaderText();
};

void TestMimeHeaders::decodeText_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ascii") << QByteArray("Plain subject") << QStringLiteral("Plain subject");
    QTest::newRow("utf8-b") << QByteArray("=?UTF-8?B?Q2Fmw6k=?=") << QStringLiteral("Café");
    QTest::newRow("utf8-q") << QByteArray("=?utf-8?q?Caf=C3=A9_au_lait?=")
                            << QStringLiteral("Café au lait");
    QTest::newRow("latin1") << QByteArray("=?ISO-8859-1?Q?Gr=FC=DFe?=") << QStringLiteral("Grüße");
    QTest::newRow("cp1252") << QByteArray("=?windows-1252?Q?=93hi=94_=80?=")
                            << QStringLiteral("“hi” €");
    // "日本" in Shift_JIS is 93 FA 96 7B.
    QTest::newRow("sjis") << QByteArray("=?Shift_JIS?B?k/qWew==?=") << QStringLiteral("日本");
    QTest::newRow("adjacent words join")
        << QByteArray("=?UTF-8?Q?a?= =?UTF-8?Q?b?=") << QStringLiteral("ab");
    QTest::newRow("folded") << QByteArray("Hello\r\n world") << QStringLiteral("Hello world");
    QTest::newRow("raw utf8") << QByteArray("Caf\xc3\xa9") << QStringLiteral("Café");
    QTest::newRow("raw cp1252") << QByteArray("Caf\xe9 \x93q\x94") << QStringLiteral("Café “q”");
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestMimeHeaders::decodeText()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    QCOMPARE(decodeHeaderText(raw), expected);
}

void TestMimeHeaders::brokenEncodedWordsWarnOrDegrade()
{
    QStringList warnings;
    const QString text = decodeHeaderText(
        "=?utf-8?B?SGVsbG8=?= =?bogus-charset?Q?w=F6rld?= =?utf-8?B?!!!?=", &warnings);
    QVERIFY(text.startsWith(QStringLiteral("Hello")));
    QVERIFY(text.contains(QStringLiteral("w")));
    QVERIFY(!text.contains(QChar(0)));
    // Unterminated encoded word: kept as text.
    QCOMPARE(decodeHeaderText("=?utf-8?Q?unterminated"), QStringLiteral("=?utf-8?Q?unterminated"));
}

void TestMimeHeaders::addresses_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QStringList>("expected"); // name|address pairs
    QTest::newRow("plain") << QByteArray("bob@example.net")
                           << QStringList {QStringLiteral("|bob@example.net")};
    QTest::newRow("named") << QByteArray("Bob Smith <bob@example.net>")
                           << QStringList {QStringLiteral("Bob Smith|bob@example.net")};
    QTest::newRow("quoted comma") << QByteArray(
        "\"Smith, Bob\" <bob@example.net>, carol@example.net")
                                  << QStringList {QStringLiteral("Smith, Bob|bob@example.net"),
                                                  QStringLiteral("|carol@example.net")};
    QTest::newRow("encoded name") << QByteArray("=?UTF-8?B?QWxpY2UgTMOzcGV6?= <alice@example.org>")
                                  << QStringList {QStringLiteral("Alice López|alice@example.org")};
    QTest::newRow("group") << QByteArray("Team: a@example.com, B <b@example.com>;, c@example.com")
                           << QStringList {QStringLiteral("|a@example.com"),
                                           QStringLiteral("B|b@example.com"),
                                           QStringLiteral("|c@example.com")};
    QTest::newRow("empty group") << QByteArray("undisclosed-recipients:;") << QStringList {};
    QTest::newRow("comment name") << QByteArray("dave@example.com (Dave Jones)")
                                  << QStringList {QStringLiteral("Dave Jones|dave@example.com")};
}

void TestMimeHeaders::addresses()
{
    QFETCH(QByteArray, raw);
    QFETCH(QStringList, expected);
    const QList<Address> list = parseAddressList(raw);
    QStringList got;
    for (const Address &a : list)
        got << a.name + u'|' + a.address;
    QCOMPARE(got, expected);
}

void TestMimeHeaders::dates_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QDateTime>("utc");
    QTest::addColumn<int>("offset");
    auto utc = [](int y, int mo, int d, int h, int mi, int s) {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
    };
    QTest::newRow("rfc5322") << QByteArray("Tue, 3 Mar 2026 10:14:59 +0100")
                             << utc(2026, 3, 3, 9, 14, 59) << 3600;
    QTest::newRow("no weekday") << QByteArray("3 Mar 2026 10:14:59 -0500")
                                << utc(2026, 3, 3, 15, 14, 59) << -18000;
    QTest::newRow("no seconds") << QByteArray("Tue, 3 Mar 2026 10:14 +0000")
                                << utc(2026, 3, 3, 10, 14, 0) << 0;
    QTest::newRow("two-digit year 99")
        << QByteArray("1 Jan 99 13:45:00 +0000") << utc(1999, 1, 1, 13, 45, 0) << 0;
    QTest::newRow("two-digit year 05")
        << QByteArray("Sat, 1 Jan 05 00:00:00 +0000") << utc(2005, 1, 1, 0, 0, 0) << 0;
    QTest::newRow("named zone EST")
        << QByteArray("1 Jan 99 13:45 EST") << utc(1999, 1, 1, 18, 45, 0) << -18000;
    QTest::newRow("named zone PDT")
        << QByteArray("Mon, 6 Jul 2026 08:00:00 PDT") << utc(2026, 7, 6, 15, 0, 0) << -25200;
    QTest::newRow("GMT") << QByteArray("Mon, 6 Jul 2026 08:00:00 GMT") << utc(2026, 7, 6, 8, 0, 0)
                         << 0;
    QTest::newRow("comment") << QByteArray("Mon, 6 Jul 2026 08:00:00 +0200 (CEST)")
                             << utc(2026, 7, 6, 6, 0, 0) << 7200;
    QTest::newRow("folding spaces") << QByteArray("  Mon,  6 Jul 2026\r\n 08:00:00   +0200 ")
                                    << utc(2026, 7, 6, 6, 0, 0) << 7200;
}

void TestMimeHeaders::dates()
{
    QFETCH(QByteArray, raw);
    QFETCH(QDateTime, utc);
    QFETCH(int, offset);
    QStringList warnings;
    const QDateTime parsed = parseDate(raw, &warnings);
    QVERIFY2(parsed.isValid(), qPrintable(warnings.join(u';')));
    QCOMPARE(parsed.toUTC(), utc);
    QCOMPARE(parsed.offsetFromUtc(), offset);
    QVERIFY(warnings.isEmpty());
}

void TestMimeHeaders::garbageDateIsInvalidWithWarning()
{
    for (const QByteArray &raw : {QByteArray("sometime last tuesday"),
                                  QByteArray("32 Foo 20x6 99:99"), QByteArray("\x01\x02\xff")}) {
        QStringList warnings;
        const QDateTime parsed = parseDate(raw, &warnings);
        QVERIFY2(!parsed.isValid(), raw.constData());
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(QStringLiteral("date")));
    }
    QStringList none;
    QVERIFY(!parseDate(QByteArray(), &none).isValid());
    QVERIFY(none.isEmpty());
}

void TestMimeHeaders::formatDateRoundTrip()
{
    const QDateTime date(QDate(2026, 11, 27), QTime(4, 10, 5), Qt::OffsetFromUTC,
                         -(3 * 3600 + 1800));
    const QByteArray text = formatDate(date);
    QCOMPARE(text, QByteArray("Fri, 27 Nov 2026 04:10:05 -0330"));
    QCOMPARE(parseDate(text), date);
}

void TestMimeHeaders::messageIds()
{
    QCOMPARE(parseMessageIds("<a@b> <c@d>\r\n <e@f>"),
             (QStringList {QStringLiteral("a@b"), QStringLiteral("c@d"), QStringLiteral("e@f")}));
    QCOMPARE(parseMessageIds("Your message of Monday <x@y>"), QStringList {QStringLiteral("x@y")});
    QCOMPARE(parseMessageIds("bare@id.example"), QStringList {QStringLiteral("bare@id.example")});
    QVERIFY(parseMessageIds("").isEmpty());
}

void TestMimeHeaders::encodeHeaderText()
{
    QCOMPARE(Tributary::Mime::encodeHeaderText(QStringLiteral("plain")), QByteArray("plain"));
    const QByteArray encoded = Tributary::Mime::encodeHeaderText(QStringLiteral("Café ☕ 日本"));
    QVERIFY(encoded.startsWith("=?"));
    for (const char c : encoded)
        QVERIFY(static_cast<unsigned char>(c) < 0x80);
    QCOMPARE(decodeHeaderText(encoded), QStringLiteral("Café ☕ 日本"));
}

QTEST_GUILESS_MAIN(TestMimeHeaders)
#include "tst_mimeheaders.moc"
