#include "connectors/spamd/spamdcheckjob.h"
#include "connectors/spamd/spamdreply.h"

#include "fakes/scriptedserver.h"
#include "support/deadport.h"
#include "support/testenv.h"

#include <QSignalSpy>
#include <QTest>

using namespace Tributary;
using Testing::ScriptedServer;

namespace {

const QByteArray kGtube
    = "From: sender@example.org\r\n"
      "To: alice@example.org\r\n"
      "Subject: Test spam mail (GTUBE)\r\n"
      "Message-ID: <gtube@example.org>\r\n"
      "\r\n"
      "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n";

const QByteArray kHam = "From: Bob <bob@example.org>\r\n"
                        "To: Alice <alice@example.org>\r\n"
                        "Subject: Lunch tomorrow\r\n"
                        "Date: Fri, 27 Nov 2026 06:00:00 +0000\r\n"
                        "Message-ID: <lunch-1@example.org>\r\n"
                        "\r\n"
                        "Shall we meet for lunch tomorrow at noon?\r\n";

Net::Endpoint endpoint(const QString &host, quint16 port, int timeoutMs = 30000)
{
    Net::Endpoint e;
    e.host = host;
    e.port = port;
    e.security = Net::Security::None;
    e.timeoutMs = timeoutMs;
    return e;
}

bool runJob(Spamd::CheckJob &job)
{
    QSignalSpy finished(&job, &Net::Job::finished);
    job.start();
    return finished.wait(60000) && finished.size() == 1;
}

} // namespace

class TestSpamdCheckJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void gtubeIsSpam();
    void plainMessageIsHam();
    void symbols();
    void notRunningIsRefused();
    void spamdRefusesRequest();
    void malformedReply();
    void closedWithoutAnswer();
    void slowServerTimesOut();
    void tooLargeIsNotSent();
    void cancel();
    void parser_data();
    void parser();

private:
    QString m_host;
    quint16 m_port = 0;
};

void TestSpamdCheckJob::initTestCase()
{
    QString port;
    TRIBUTARY_REQUIRE_ENV(m_host, "spamd", "SPAMD_HOST");
    TRIBUTARY_REQUIRE_ENV(port, "spamd", "SPAMD_PORT");
    m_port = quint16(port.toUInt());
}

void TestSpamdCheckJob::gtubeIsSpam()
{
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(m_host, m_port));
    job.setMessage(kGtube);
    job.setUser(QStringLiteral("u28"));
    QVERIFY(runJob(job));
    QVERIFY2(job.error() == Net::Error::Kind::None, qPrintable(job.details()));
    QVERIFY(job.isSpam());
    QVERIFY2(job.score() >= 1000, qPrintable(QString::number(job.score())));
    QCOMPARE(job.threshold(), 5.0);
}

void TestSpamdCheckJob::plainMessageIsHam()
{
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(m_host, m_port));
    job.setMessage(kHam);
    QVERIFY(runJob(job));
    QVERIFY2(job.error() == Net::Error::Kind::None, qPrintable(job.details()));
    QVERIFY(!job.isSpam());
    QVERIFY(job.score() < job.threshold());
    QCOMPARE(job.threshold(), 5.0);
}

void TestSpamdCheckJob::symbols()
{
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(m_host, m_port));
    job.setCommand(Spamd::CheckJob::Command::Symbols);
    job.setMessage(kGtube);
    QVERIFY(runJob(job));
    QVERIFY2(job.error() == Net::Error::Kind::None, qPrintable(job.details()));
    QVERIFY(job.isSpam());
    QVERIFY2(job.symbols().contains(QStringLiteral("GTUBE")),
             qPrintable(job.symbols().join(QLatin1Char(','))));
}

void TestSpamdCheckJob::notRunningIsRefused()
{
    // A port nothing listens on.
    const TestEnv::DeadPort dead;
    QVERIFY(dead.port() != 0);
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(QStringLiteral("127.0.0.1"), dead.port()));
    job.setMessage(kHam);
    QVERIFY(runJob(job));
    QCOMPARE(job.error(), Net::Error::Kind::ConnectionRefused);
    QVERIFY2(job.errorString().contains(QLatin1String("refused")), qPrintable(job.errorString()));
    QVERIFY(job.errorString().contains(QString::number(dead.port())));
}

void TestSpamdCheckJob::spamdRefusesRequest()
{
    ScriptedServer server;
    server.expectLine("CHECK SPAMC/1.5")
        .expectLine("Content-length: " + QByteArray::number(kHam.size()))
        .expectLine("")
        .sendLine("SPAMD/1.0 76 Bad header line: (Content-length mismatch)")
        .close();
    QVERIFY(server.listen());
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(QStringLiteral("127.0.0.1"), server.port()));
    job.setMessage(kHam);
    QVERIFY(runJob(job));
    QCOMPARE(job.error(), Net::Error::Kind::Command);
    QVERIFY2(job.errorString().contains(QLatin1String("Bad header line")),
             qPrintable(job.errorString()));
}

void TestSpamdCheckJob::malformedReply()
{
    ScriptedServer server;
    server.expectLine("CHECK SPAMC/1.5")
        .expectMatch(QStringLiteral("^Content-length: \\d+$"))
        .expectLine("")
        .sendLine("HTTP/1.1 400 Bad Request")
        .sendLine("")
        .hang();
    QVERIFY(server.listen());
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(QStringLiteral("127.0.0.1"), server.port()));
    job.setMessage(kHam);
    QVERIFY(runJob(job));
    QCOMPARE(job.error(), Net::Error::Kind::ProtocolViolation);
    QVERIFY(!job.errorString().isEmpty());
    QVERIFY(job.details().contains(QLatin1String("HTTP/1.1 400")));

    // A good status line with a broken verdict.
    ScriptedServer second;
    second.expectLine("CHECK SPAMC/1.5")
        .expectMatch(QStringLiteral("^Content-length: \\d+$"))
        .expectLine("")
        .sendLine("SPAMD/1.1 0 EX_OK")
        .sendLine("Spam: Maybe ; lots / 5.0")
        .sendLine("")
        .hang();
    QVERIFY(second.listen());
    Spamd::CheckJob job2;
    job2.setEndpoint(endpoint(QStringLiteral("127.0.0.1"), second.port()));
    job2.setMessage(kHam);
    QVERIFY(runJob(job2));
    QCOMPARE(job2.error(), Net::Error::Kind::ProtocolViolation);
}

void TestSpamdCheckJob::closedWithoutAnswer()
{
    ScriptedServer server;
    server.expectLine("CHECK SPAMC/1.5").close();
    QVERIFY(server.listen());
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(QStringLiteral("127.0.0.1"), server.port()));
    job.setMessage(kHam);
    QVERIFY(runJob(job));
    QCOMPARE(job.error(), Net::Error::Kind::Disconnected);
}

void TestSpamdCheckJob::slowServerTimesOut()
{
    ScriptedServer server;
    server.expectLine("CHECK SPAMC/1.5").hang();
    QVERIFY(server.listen());
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(QStringLiteral("127.0.0.1"), server.port(), 500));
    job.setMessage(kHam);
    QVERIFY(runJob(job));
    QCOMPARE(job.error(), Net::Error::Kind::Timeout);
    QVERIFY2(job.errorString().contains(QLatin1String("stopped answering")),
             qPrintable(job.errorString()));
}

void TestSpamdCheckJob::tooLargeIsNotSent()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(QStringLiteral("127.0.0.1"), server.port()));
    job.setMessage(kHam);
    job.setMaxSize(10);
    QVERIFY(runJob(job));
    QCOMPARE(job.error(), Net::Error::Kind::SizeExceeded);
    QCOMPARE(server.connectionCount(), 0);
}

void TestSpamdCheckJob::cancel()
{
    ScriptedServer server;
    server.expectLine("CHECK SPAMC/1.5").hang();
    QVERIFY(server.listen());
    Spamd::CheckJob job;
    job.setEndpoint(endpoint(QStringLiteral("127.0.0.1"), server.port()));
    job.setMessage(kHam);
    QSignalSpy finished(&job, &Net::Job::finished);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, 30000);
    job.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(job.error(), Net::Error::Kind::Cancelled);
    job.cancel();
    QCOMPARE(finished.size(), 1);
}

void TestSpamdCheckJob::parser_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("spam");
    QTest::addColumn<double>("score");
    QTest::newRow("check spam") << QByteArray(
        "SPAMD/1.1 0 EX_OK\r\nSpam: True ; 15.0 / 5.0\r\n\r\n")
                                << int(Spamd::ParseStatus::Complete) << true << 15.0;
    QTest::newRow("check ham") << QByteArray(
        "SPAMD/1.1 0 EX_OK\r\nSpam: False ; -1.5 / 5.0\r\n\r\n")
                               << int(Spamd::ParseStatus::Complete) << false << -1.5;
    QTest::newRow("old yes") << QByteArray("SPAMD/1.0 0 EX_OK\nSpam: Yes ; 6 / 5\n\n")
                             << int(Spamd::ParseStatus::Complete) << true << 6.0;
    QTest::newRow("partial status")
        << QByteArray("SPAMD/1.1 0 EX") << int(Spamd::ParseStatus::Incomplete) << false << 0.0;
    QTest::newRow("partial headers")
        << QByteArray("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 15.0 / 5.0\r\n")
        << int(Spamd::ParseStatus::Incomplete) << false << 0.0;
    QTest::newRow("body pending") << QByteArray(
        "SPAMD/1.1 0 EX_OK\r\nContent-length: 10\r\nSpam: True ; 1 / 5\r\n\r\nGTUBE")
                                  << int(Spamd::ParseStatus::Incomplete) << false << 0.0;
    QTest::newRow("error status only") << QByteArray("SPAMD/1.0 76 Bad header line: x\r\n")
                                       << int(Spamd::ParseStatus::Complete) << false << 0.0;
    QTest::newRow("garbage") << QByteArray("220 smtp ready\r\n") << int(Spamd::ParseStatus::Invalid)
                             << false << 0.0;
    QTest::newRow("bad length") << QByteArray("SPAMD/1.1 0 EX_OK\r\nContent-length: -4\r\n\r\n")
                                << int(Spamd::ParseStatus::Invalid) << false << 0.0;
    QTest::newRow("bad version") << QByteArray("SPAMD/x 0 EX_OK\r\n\r\n")
                                 << int(Spamd::ParseStatus::Invalid) << false << 0.0;
}

void TestSpamdCheckJob::parser()
{
    QFETCH(QByteArray, data);
    QFETCH(int, status);
    QFETCH(bool, spam);
    QFETCH(double, score);
    Spamd::Reply reply;
    qsizetype used = 0;
    QString error;
    QCOMPARE(int(Spamd::parseReply(data, &reply, &used, &error)), status);
    if (status == int(Spamd::ParseStatus::Complete) && reply.code != 0) {
        QCOMPARE(reply.code, 76);
        QCOMPARE(reply.message, QStringLiteral("Bad header line: x"));
        QVERIFY(!reply.hasVerdict);
    } else if (status == int(Spamd::ParseStatus::Complete)) {
        QCOMPARE(reply.code, 0);
        QVERIFY(reply.hasVerdict);
        QCOMPARE(reply.spam, spam);
        QCOMPARE(reply.score, score);
        QCOMPARE(used, data.size());
    }
    if (status == int(Spamd::ParseStatus::Invalid))
        QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestSpamdCheckJob)
#include "tst_spamdcheckjob.moc"
