#include "connectors/smtp/dotstuffer.h"
#include "connectors/smtp/reply.h"

#include <QTest>

using namespace Tributary::Smtp;

class TestSmtpParsers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void multiLineReply()
    {
        ReplyParser p;
        QCOMPARE(p.feed("250-smtp.example.com"), ReplyParser::Result::Incomplete);
        QCOMPARE(p.feed("250-SIZE 1000"), ReplyParser::Result::Incomplete);
        QCOMPARE(p.feed("250 AUTH PLAIN LOGIN"), ReplyParser::Result::Complete);
        const Reply r = p.take();
        QCOMPARE(r.code, 250);
        QCOMPARE(r.lines.size(), 3);
        QCOMPARE(r.lines.at(2), QByteArray("AUTH PLAIN LOGIN"));
        QVERIFY(r.isPositive());
    }
    void bareCode()
    {
        ReplyParser p;
        QCOMPARE(p.feed("354"), ReplyParser::Result::Complete);
        QCOMPARE(p.take().code, 354);
    }
    void malformed_data()
    {
        QTest::addColumn<QByteArrayList>("lines");
        QTest::newRow("text") << QByteArrayList {"hello"};
        QTest::newRow("short") << QByteArrayList {"25"};
        QTest::newRow("code 1xx") << QByteArrayList {"150 ok"};
        QTest::newRow("bad separator") << QByteArrayList {"250x ok"};
        QTest::newRow("code changes") << QByteArrayList {"250-a", "251 b"};
        QTest::newRow("letters") << QByteArrayList {"2a0 ok"};
    }
    void malformed()
    {
        QFETCH(QByteArrayList, lines);
        ReplyParser p;
        ReplyParser::Result last = ReplyParser::Result::Incomplete;
        for (const QByteArray &l : std::as_const(lines))
            last = p.feed(l);
        QCOMPARE(last, ReplyParser::Result::Malformed);
    }
    void tooManyLines()
    {
        ReplyParser p;
        ReplyParser::Result r = ReplyParser::Result::Incomplete;
        for (int i = 0; i <= ReplyParser::maxLines && r == ReplyParser::Result::Incomplete; ++i)
            r = p.feed("250-x");
        QCOMPARE(r, ReplyParser::Result::Malformed);
    }
    void dotStuffing_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("plain") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n.\r\n");
        QTest::newRow("leading dot")
            << QByteArray(".a\r\n..b\r\n.\r\n") << QByteArray("..a\r\n...b\r\n..\r\n.\r\n");
        QTest::newRow("first char") << QByteArray(".") << QByteArray("..\r\n.\r\n");
        QTest::newRow("no final newline") << QByteArray("x") << QByteArray("x\r\n.\r\n");
        QTest::newRow("bare LF") << QByteArray("a\n.b\n") << QByteArray("a\r\n..b\r\n.\r\n");
        QTest::newRow("dot mid line") << QByteArray("a.b\r\n") << QByteArray("a.b\r\n.\r\n");
        QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n");
    }
    void dotStuffing()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, wire);
        // Whole, and split at every possible position (chunk boundaries must not matter).
        for (int split = 0; split <= input.size(); ++split) {
            DotStuffer s;
            QByteArray out;
            s.encode(input.constData(), split, out);
            s.encode(input.constData() + split, input.size() - split, out);
            s.finish(out);
            QCOMPARE(out, wire);
        }
    }
    void eightBitSeen()
    {
        DotStuffer s;
        QByteArray out;
        s.encode("abc", 3, out);
        QVERIFY(!s.sawEightBit());
        const QByteArray utf8 = QStringLiteral("ä").toUtf8();
        s.encode(utf8.constData(), utf8.size(), out);
        QVERIFY(s.sawEightBit());
    }
};

QTEST_GUILESS_MAIN(TestSmtpParsers)
#include "tst_smtpparsers.moc"
