#include "connectors/pop3/multilinereader.h"
#include "connectors/pop3/response.h"

#include <QTest>

using namespace Tributary::Pop3;

class TestPop3MultiLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unstuffing_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("rest");
        QTest::newRow("empty body") << QByteArray(".\r\n") << QByteArray() << QByteArray();
        QTest::newRow("two lines")
            << QByteArray("a\r\nb\r\n.\r\n") << QByteArray("a\r\nb\r\n") << QByteArray();
        QTest::newRow("stuffed") << QByteArray("..\r\n...x\r\n.y\r\n.\r\n")
                                 << QByteArray(".\r\n..x\r\ny\r\n") << QByteArray();
        QTest::newRow("next response follows") << QByteArray("x\r\n.\r\n+OK next\r\n")
                                               << QByteArray("x\r\n") << QByteArray("+OK next\r\n");
        QTest::newRow("bare LF terminator")
            << QByteArray("x\n.\nrest") << QByteArray("x\n") << QByteArray("rest");
        QTest::newRow("dot CR other")
            << QByteArray(".\rz\r\n.\r\n") << QByteArray("\rz\r\n") << QByteArray();
        QTest::newRow("dot in middle")
            << QByteArray("a.b\r\n.\r\n") << QByteArray("a.b\r\n") << QByteArray();
        QTest::newRow("8-bit") << QByteArray("Gr\xc3\xbc\xc3\x9f"
                                             "e\r\n.\r\n")
                               << QByteArray("Gr\xc3\xbc\xc3\x9f"
                                             "e\r\n")
                               << QByteArray();
    }
    void unstuffing()
    {
        QFETCH(QByteArray, wire);
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, rest);
        // All at once, split in two at every position, and byte by byte.
        for (int split = 0; split <= wire.size(); ++split) {
            MultiLineReader r;
            QByteArray out;
            qsizetype used = r.feed(wire.constData(), split, out);
            if (!r.isFinished())
                used += r.feed(wire.constData() + split, wire.size() - split, out);
            QVERIFY(r.isFinished());
            QCOMPARE(out, content);
            QCOMPARE(wire.mid(used), rest);
            QCOMPARE(r.contentBytes(), qint64(content.size()));
        }
        MultiLineReader r;
        QByteArray out;
        qsizetype used = 0;
        while (!r.isFinished() && used < wire.size())
            used += r.feed(wire.constData() + used, 1, out);
        QCOMPARE(out, content);
        QCOMPARE(wire.mid(used), rest);
    }
    void unfinished()
    {
        MultiLineReader r;
        QByteArray out;
        QCOMPARE(r.feed("abc\r\n.", 6, out), qsizetype(6));
        QVERIFY(!r.isFinished());
        QCOMPARE(out, QByteArray("abc\r\n"));
    }
    void responses_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("code");
        QTest::newRow("ok") << QByteArray("+OK 2 320") << int(Response::Kind::Ok)
                            << QByteArray("2 320") << QByteArray();
        QTest::newRow("bare ok") << QByteArray("+OK") << int(Response::Kind::Ok) << QByteArray()
                                 << QByteArray();
        QTest::newRow("err code") << QByteArray("-ERR [AUTH] Authentication failed.")
                                  << int(Response::Kind::Err)
                                  << QByteArray("[AUTH] Authentication failed.")
                                  << QByteArray("AUTH");
        QTest::newRow("continuation") << QByteArray("+ eyJ9") << int(Response::Kind::Continuation)
                                      << QByteArray("eyJ9") << QByteArray();
        QTest::newRow("garbage") << QByteArray("OK fine") << int(Response::Kind::Invalid)
                                 << QByteArray() << QByteArray();
        QTest::newRow("okay word")
            << QByteArray("+OKAY") << int(Response::Kind::Invalid) << QByteArray() << QByteArray();
    }
    void responses()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, kind);
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, code);
        const Response r = Response::parse(line);
        QCOMPARE(int(r.kind), kind);
        if (r.kind != Response::Kind::Invalid) {
            QCOMPARE(r.text, text);
            QCOMPARE(r.code, code);
        }
    }
};

QTEST_GUILESS_MAIN(TestPop3MultiLine)
#include "tst_pop3multiline.moc"
