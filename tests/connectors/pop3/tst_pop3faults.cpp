// The POP3 client against scripted fake servers: faults a real server does not produce.
#include "connectors/common/logging.h"
#include "connectors/pop3/listjob.h"
#include "connectors/pop3/quitjob.h"
#include "connectors/pop3/retrievejob.h"
#include "connectors/pop3/session.h"
#include "support/scriptedclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace Tributary;
using Net::Error;
using Testing::ScriptedServer;

namespace {

using ScriptedTest::run;

// A POP3 session on `server` signing in with USER/PASS as user/secret-password, and a job.
template<class JobT> struct Pop3Client : ScriptedTest::Client<Pop3::Session, JobT>
{
    explicit Pop3Client(const ScriptedServer &server, Net::Security security = Net::Security::None,
                        int timeoutMs = 20000)
        : ScriptedTest::Client<Pop3::Session, JobT>(server, security, timeoutMs)
    {
        Net::Sasl::Credentials c;
        c.user = QStringLiteral("user");
        c.password = QStringLiteral("secret-password");
        this->session.setCredentials(c);
        this->session.setLoginMethod(Pop3::LoginMethod::UserPass);
    }
};

// Greeting, CAPA (with PIPELINING unless told otherwise), USER/PASS.
ScriptedServer &login(ScriptedServer &s, bool pipelining = true)
{
    s.sendLine("+OK fake POP3 ready")
        .expectLine("CAPA")
        .sendLine("+OK capabilities")
        .sendLine("USER")
        .sendLine("UIDL");
    if (pipelining)
        s.sendLine("PIPELINING");
    return s.sendLine(".")
        .expectLine("USER user")
        .sendLine("+OK")
        .expectLine("PASS secret-password")
        .sendLine("+OK logged in");
}

} // namespace

class TestPop3Faults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stlsRequiredButNotOffered()
    {
        ScriptedServer server;
        server.sendLine("+OK ready")
            .expectLine("CAPA")
            .sendLine("+OK")
            .sendLine("USER")
            .sendLine("SASL PLAIN")
            .sendLine(".")
            .expectDisconnect();
        QVERIFY(server.listen());
        Pop3Client<Pop3::VerifyJob> client(server, Net::Security::StartTls);
        auto &[session, job] = client;
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::TlsNotOffered);
        QVERIFY(!server.received().contains("USER"));
        QVERIFY(!server.received().contains("secret-password"));
        QVERIFY(!server.received().contains("AUTH"));
    }

    void stlsThenLogin()
    {
        ScriptedServer server;
        server.sendLine("+OK ready")
            .expectLine("CAPA")
            .sendLine("+OK")
            .sendLine("STLS")
            .sendLine("USER")
            .sendLine(".")
            .expectLine("STLS")
            .sendLine("+OK begin TLS")
            .startTls()
            .expectLine("CAPA")
            .sendLine("+OK")
            .sendLine("USER")
            .sendLine(".")
            .expectLine("USER user")
            .sendLine("+OK")
            .expectLine("PASS secret-password")
            .sendLine("+OK")
            .expectLine("QUIT")
            .sendLine("+OK bye")
            .close();
        QVERIFY(server.listen());
        Pop3Client<Pop3::VerifyJob> client(server, Net::Security::StartTls);
        auto &[session, job] = client;
        QVERIFY(run(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QVERIFY(job.encrypted());
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
        SCRIPTED_VERIFY_NO_FAILURES(server);
        QVERIFY(!server.receivedBeforeTls().contains("PASS"));
    }

    void apopWithoutTimestamp()
    {
        ScriptedServer server;
        server.sendLine("+OK ready, no timestamp here")
            .expectLine("CAPA")
            .sendLine("-ERR no CAPA")
            .expectDisconnect();
        QVERIFY(server.listen());
        Pop3Client<Pop3::VerifyJob> client(server);
        auto &[session, job] = client;
        session.setLoginMethod(Pop3::LoginMethod::Apop);
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Authentication);
        QCOMPARE(job.errorValue().step, QStringLiteral("APOP"));
        QVERIFY(job.errorString().contains(QStringLiteral("APOP")));
        QVERIFY(!server.received().contains("APOP"));
    }

    void apopDigest()
    {
        // RFC 1939 §7 example: timestamp + "tanstaaf" -> c4c9334bac560ecc979e58001b3e22fb.
        ScriptedServer server;
        server.sendLine("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>")
            .expectLine("CAPA")
            .sendLine("-ERR")
            .expectLine("APOP mrose c4c9334bac560ecc979e58001b3e22fb")
            .sendLine("+OK maildrop has 1 message (369 octets)")
            .expectLine("QUIT")
            .sendLine("+OK")
            .close();
        QVERIFY(server.listen());
        Pop3Client<Pop3::VerifyJob> client(server);
        auto &[session, job] = client;
        Net::Sasl::Credentials c;
        c.user = QStringLiteral("mrose");
        c.password = QStringLiteral("tanstaaf");
        session.setCredentials(c);
        session.setLoginMethod(Pop3::LoginMethod::Apop);
        QVERIFY(run(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void splitSegmentsAndUnknownCapabilities()
    {
        ScriptedServer server;
        server.sendSplit("+OK ready\r\n", 4, 3)
            .expectLine("CAPA")
            .sendSplit(
                "+OK list follows\r\nX-UNKNOWN-CAP 1 2 3\r\nIMPLEMENTATION Fake\r\nUSER\r\nUIDL\r\n"
                "PIPELINING\r\nRESP-CODES\r\n.\r\n",
                40, 2)
            .expectLine("USER user")
            .sendLine("+OK")
            .expectLine("PASS secret-password")
            .sendLine("+OK")
            .expectLine("RETR 1")
            .sendSplit("+OK 30 octets\r\nSubject: x\r\n\r\n..dot\r\nbody\r\n.\r\n", 25, 2)
            .hang();
        QVERIFY(server.listen());
        Pop3Client<Pop3::RetrieveJob> client(server);
        auto &[session, job] = client;
        QByteArray got;
        job.setMessages({1});
        job.setChunkHandler([&got](int, const QByteArray &c) { got += c; });
        QVERIFY(run(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QCOMPARE(got, QByteArray("Subject: x\r\n\r\n.dot\r\nbody\r\n"));
        QVERIFY(session.capabilities().raw.contains("X-UNKNOWN-CAP 1 2 3"));
        QVERIFY(session.capabilities().pipelining);
    }

    void pipelinedRetrieve()
    {
        ScriptedServer server;
        login(server)
            .expectLine("RETR 1")
            .expectLine("RETR 2")
            .expectLine("RETR 3")
            .send("+OK\r\none\r\n.\r\n+OK\r\ntwo\r\n.\r\n-ERR no such message\r\n")
            .hang();
        QVERIFY(server.listen());
        Pop3Client<Pop3::RetrieveJob> client(server);
        auto &[session, job] = client;
        QMap<int, QByteArray> got;
        job.setMessages({1, 2, 3});
        job.setChunkHandler([&got](int n, const QByteArray &c) { got[n] += c; });
        QSignalSpy retrieved(&job, &Pop3::RetrieveJob::messageRetrieved);
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Command);
        QCOMPARE(job.errorValue().step, QStringLiteral("RETR 3"));
        QCOMPARE(got.value(1), QByteArray("one\r\n"));
        QCOMPARE(got.value(2), QByteArray("two\r\n"));
        QCOMPARE(retrieved.size(), 2);
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void disconnectDuringRetr()
    {
        ScriptedServer server;
        login(server)
            .expectLine("RETR 1")
            .send("+OK\r\nSubject: half\r\n\r\nsome of the bo")
            .close();
        QVERIFY(server.listen());
        Pop3Client<Pop3::RetrieveJob> client(server);
        auto &[session, job] = client;
        job.setMessages({1});
        int chunks = 0;
        job.setChunkHandler([&chunks](int, const QByteArray &) { ++chunks; });
        QSignalSpy done(&job, &Pop3::RetrieveJob::messageRetrieved);
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Disconnected);
        QCOMPARE(done.size(), 0); // never reported as complete
    }

    void serverStopsAnswering()
    {
        ScriptedServer server;
        login(server).expectLine("STAT").hang();
        QVERIFY(server.listen());
        Pop3Client<Pop3::StatJob> client(server, Net::Security::None, 2000);
        auto &[session, job] = client;
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Timeout);
        QCOMPARE(job.errorValue().step, QStringLiteral("STAT"));
    }

    void stopsInTheMiddleOfABody()
    {
        ScriptedServer server;
        login(server).expectLine("RETR 1").send("+OK\r\nSubject: x\r\n\r\npartial").hang();
        QVERIFY(server.listen());
        Pop3Client<Pop3::RetrieveJob> client(server, Net::Security::None, 2000);
        auto &[session, job] = client;
        job.setMessages({1});
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Timeout);
    }

    void oauthErrorChallenge_data()
    {
        QTest::addColumn<int>("mechanism");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("XOAUTH2") << int(Net::Sasl::Mechanism::XOAuth2)
                                 << QByteArray(
                                        R"({"status":"401","schemes":"bearer","scope":"mail"})")
                                 << QByteArray("");
        QTest::newRow("OAUTHBEARER")
            << int(Net::Sasl::Mechanism::OAuthBearer) << QByteArray(R"({"status":"invalid_token"})")
            << QByteArray("AQ==");
    }
    void oauthErrorChallenge()
    {
        QFETCH(int, mechanism);
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, answer);
        const QByteArray name = Net::Sasl::mechanismName(Net::Sasl::Mechanism(mechanism));
        ScriptedServer server;
        server.sendLine("+OK ready")
            .expectLine("CAPA")
            .sendLine("+OK")
            .sendLine("SASL PLAIN XOAUTH2 OAUTHBEARER")
            .sendLine(".")
            .expectMatch(QStringLiteral("^AUTH %1 \\S+$").arg(QString::fromLatin1(name)))
            .sendLine("+ " + json.toBase64())
            .expectLine(answer)
            .sendLine("-ERR [AUTH] Authentication failed.")
            .hang();
        QVERIFY(server.listen());
        Pop3Client<Pop3::VerifyJob> client(server);
        auto &[session, job] = client;
        Net::Sasl::Credentials c;
        c.user = QStringLiteral("user");
        c.accessToken = QStringLiteral("expired");
        session.setCredentials(c);
        session.setLoginMethod(Pop3::LoginMethod::Auto);
        session.setPreferredMechanism(Net::Sasl::Mechanism(mechanism));
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Authentication);
        QCOMPARE(job.errorValue().serverReply,
                 QStringLiteral("-ERR [AUTH] Authentication failed."));
        QCOMPARE(job.errorValue().detail, QString::fromUtf8(json));
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void logsNeverShowPassword()
    {
        ScriptedServer server;
        login(server).expectLine("QUIT").sendLine("+OK").close();
        QVERIFY(server.listen());
        ScriptedTest::LogCapture log(lcPop3());
        Pop3Client<Pop3::VerifyJob> client(server);
        auto &[session, job] = client;
        const bool done = run(&job);
        log.stop();
        QVERIFY(done);
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        const QString all = log.text();
        QVERIFY2(all.contains(QStringLiteral("USER user")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("secret-password")), qPrintable(all));
    }

    void longBodyLine()
    {
        // A 300 KB line inside a message (unwrapped base64) is content, not a protocol error.
        const QByteArray line(300 * 1024, 'Q');
        ScriptedServer server;
        login(server)
            .expectLine("RETR 1")
            .send("+OK\r\nSubject: long\r\n\r\n" + line + "\r\n.\r\n")
            .hang();
        QVERIFY(server.listen());
        Pop3Client<Pop3::RetrieveJob> client(server);
        auto &[session, job] = client;
        QByteArray got;
        job.setMessages({1});
        job.setChunkHandler([&got](int, const QByteArray &c) { got += c; });
        QVERIFY(run(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QCOMPARE(got, "Subject: long\r\n\r\n" + line + "\r\n");
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::newRow("not a status") << QByteArray("HELLO\r\n");
        QTest::newRow("continuation outside AUTH") << QByteArray("+ go on\r\n");
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\r\n", 5);
        QTest::newRow("STAT not numbers") << QByteArray("+OK many lots\r\n");
        QTest::newRow("status line too long") << QByteArray(200 * 1024, '+');
    }
    void malformed()
    {
        QFETCH(QByteArray, reply);
        ScriptedServer server;
        login(server).expectLine("STAT").send(reply).hang();
        QVERIFY(server.listen());
        Pop3Client<Pop3::StatJob> client(server);
        auto &[session, job] = client;
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::ProtocolViolation);
    }

    void malformedListing()
    {
        ScriptedServer server;
        login(server)
            .expectLine("LIST")
            .expectLine("UIDL")
            .send("+OK\r\n1 100\r\nbogus\r\n.\r\n+OK\r\n1 abc\r\n.\r\n")
            .hang();
        QVERIFY(server.listen());
        Pop3Client<Pop3::ListJob> client(server);
        auto &[session, job] = client;
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::ProtocolViolation);
        QCOMPARE(job.errorValue().step, QStringLiteral("LIST"));
    }
};

QTEST_GUILESS_MAIN(TestPop3Faults)
#include "tst_pop3faults.moc"
