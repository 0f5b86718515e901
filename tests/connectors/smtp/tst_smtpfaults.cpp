// The SMTP client against scripted fake servers: faults real servers do not produce on demand.
#include "connectors/common/logging.h"
#include "connectors/smtp/sendjob.h"
#include "connectors/smtp/session.h"
#include "connectors/smtp/verifyjob.h"
#include "support/scriptedclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace Tributary;
using Net::Error;
using Testing::ScriptedServer;

namespace {

using ScriptedTest::run;
template<class JobT> using SmtpClient = ScriptedTest::Client<Smtp::Session, JobT>;

Net::Sasl::Credentials creds()
{
    Net::Sasl::Credentials c;
    c.user = QStringLiteral("user");
    c.password = QStringLiteral("secret-password");
    return c;
}

} // namespace

class TestSmtpFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tlsRequiredButNotOffered()
    {
        ScriptedServer server;
        server.sendLine("220 fake ESMTP")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250-fake")
            .sendLine("250-AUTH PLAIN LOGIN")
            .sendLine("250 8BITMIME")
            .expectDisconnect();
        QVERIFY(server.listen());
        SmtpClient<Smtp::VerifyJob> client(server, Net::Security::StartTls);
        auto &[session, job] = client;
        session.setCredentials(creds());
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::TlsNotOffered);
        QVERIFY(!job.errorString().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
        SCRIPTED_VERIFY_NO_FAILURES(server);
        QVERIFY(!server.received().contains("AUTH"));
        QVERIFY(!server.received().contains("secret-password"));
        QVERIFY(!server.received().contains(QByteArray("secret-password").toBase64()));
    }

    void startTlsThenAuth()
    {
        // STARTTLS with the fake's certificate; AUTH only inside TLS.
        ScriptedServer server;
        server.sendLine("220 fake ESMTP")
            .expectLine("EHLO [127.0.0.1]")
            .sendLine("250-fake")
            .sendLine("250-STARTTLS")
            .sendLine("250 AUTH PLAIN")
            .expectLine("STARTTLS")
            .sendLine("220 go ahead")
            .startTls()
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250-fake")
            .sendLine("250 AUTH PLAIN")
            .expectMatch(QStringLiteral("^AUTH PLAIN \\S+$"))
            .sendLine("235 ok")
            .expectLine("QUIT")
            .sendLine("221 bye")
            .close();
        QVERIFY(server.listen());
        SmtpClient<Smtp::VerifyJob> client(server, Net::Security::StartTls);
        auto &[session, job] = client;
        session.setCredentials(creds());
        QVERIFY(run(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
        SCRIPTED_VERIFY_NO_FAILURES(server);
        QVERIFY(!server.receivedBeforeTls().contains("AUTH"));
    }

    void plaintextInjectedAfterStartTls()
    {
        // Bytes after "220 go ahead" in the clear would be read as if inside TLS: refuse.
        ScriptedServer server;
        server.sendLine("220 fake ESMTP")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250-fake")
            .sendLine("250 STARTTLS")
            .expectLine("STARTTLS")
            .send("220 go ahead\r\n250 injected\r\n")
            .expectDisconnect();
        QVERIFY(server.listen());
        SmtpClient<Smtp::VerifyJob> client(server, Net::Security::StartTls);
        auto &[session, job] = client;
        session.setCredentials(creds());
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::ProtocolViolation);
        QVERIFY(!server.received().contains("AUTH"));
    }

    void replySplitAcrossSegments()
    {
        ScriptedServer server;
        server.sendSplit("220 fake ESMTP service ready\r\n", 12, 5)
            .expectMatch(QStringLiteral("^EHLO "))
            .sendSplit("250-fake\r\n250-PIPELINING\r\n250-SIZE 100000\r\n250 AUTH PLAIN\r\n", 30, 3)
            .expectMatch(QStringLiteral("^AUTH PLAIN "))
            .sendSplit("235 2.7.0 ok\r\n", 5, 5)
            .expectLine("MAIL FROM:<a@example.test> SIZE=9")
            .expectLine("RCPT TO:<b@example.test>")
            .sendSplit("250 ok\r\n250 ok\r\n", 16, 2)
            .expectLine("DATA")
            .sendSplit("354 go\r\n", 8, 2)
            .expectDataUntil(".")
            .sendSplit("250 2.0.0 queued as 77\r\n", 20, 2)
            .expectLine("QUIT")
            .sendLine("221 bye")
            .close();
        QVERIFY(server.listen());
        SmtpClient<Smtp::SendJob> client(server);
        auto &[session, job] = client;
        session.setCredentials(creds());
        job.setFrom(QStringLiteral("a@example.test"));
        job.setRecipients({QStringLiteral("b@example.test")});
        job.setData(QByteArray(".x\r\nhey\r\n"));
        QVERIFY(run(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QCOMPARE(job.serverReply(), QStringLiteral("250 2.0.0 queued as 77"));
        QCOMPARE(server.variable(QStringLiteral("data")).toLatin1(), QByteArray("..x\r\nhey"));
        session.quit();
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void heloFallback()
    {
        ScriptedServer server;
        server.sendLine("220 old server")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("502 command not implemented")
            .expectMatch(QStringLiteral("^HELO "))
            .sendLine("250 hello")
            .expectLine("MAIL FROM:<a@example.test>")
            .sendLine("250 ok")
            .expectLine("RCPT TO:<b@example.test>")
            .sendLine("250 ok")
            .expectLine("DATA")
            .sendLine("354 go")
            .expectDataUntil(".")
            .sendLine("250 ok")
            .hang();
        QVERIFY(server.listen());
        SmtpClient<Smtp::SendJob> client(server);
        auto &[session, job] = client;
        job.setFrom(QStringLiteral("a@example.test"));
        job.setRecipients({QStringLiteral("b@example.test")});
        job.setData(QByteArray("hello\r\n"));
        QVERIFY(run(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QVERIFY(!session.capabilities().esmtp);
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void eightBitWithout8BitMime()
    {
        ScriptedServer server;
        server.sendLine("220 fake")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250-fake")
            .sendLine("250 SIZE 1000")
            .hang();
        QVERIFY(server.listen());
        SmtpClient<Smtp::SendJob> client(server);
        auto &[session, job] = client;
        job.setFrom(QStringLiteral("a@example.test"));
        job.setRecipients({QStringLiteral("b@example.test")});
        job.setData(QStringLiteral("Subject: x\r\n\r\nGrüße\r\n").toUtf8());
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Command);
        QCOMPARE(job.errorValue().step, QStringLiteral("8BITMIME"));
        QVERIFY(job.errorString().contains(QStringLiteral("8-bit")));
        QVERIFY(!server.received().contains("MAIL FROM"));
    }

    void malformedReplies_data()
    {
        QTest::addColumn<QByteArray>("greeting");
        QTest::newRow("not a reply") << QByteArray("hello there\r\n");
        QTest::newRow("code changes") << QByteArray("220-fake\r\n221 other\r\n");
        QTest::newRow("bad separator") << QByteArray("220_fake\r\n");
        QTest::newRow("binary") << QByteArray("\x01\x02\x03\xff\r\n", 6);
        QTest::newRow("line without end too long") << QByteArray(2 * 1024 * 1024, 'A');
    }
    void malformedReplies()
    {
        QFETCH(QByteArray, greeting);
        ScriptedServer server;
        server.send(greeting).hang();
        QVERIFY(server.listen());
        SmtpClient<Smtp::VerifyJob> client(server);
        auto &[session, job] = client;
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::ProtocolViolation);
    }

    void negativeGreeting()
    {
        ScriptedServer server;
        server.sendLine("554 no service for you").hang();
        QVERIFY(server.listen());
        SmtpClient<Smtp::VerifyJob> client(server);
        auto &[session, job] = client;
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Greeting);
        QVERIFY(job.errorString().contains(QStringLiteral("no service for you")));
    }

    void serverStopsAnswering()
    {
        ScriptedServer server;
        server.sendLine("220 fake").expectMatch(QStringLiteral("^EHLO ")).hang();
        QVERIFY(server.listen());
        SmtpClient<Smtp::VerifyJob> client(server, Net::Security::None, 2000);
        auto &[session, job] = client;
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Timeout);
        QCOMPARE(job.errorValue().step, QStringLiteral("EHLO"));
    }

    void disconnectDuringData()
    {
        ScriptedServer server;
        server.sendLine("220 fake")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250-fake")
            .sendLine("250 8BITMIME")
            .expectMatch(QStringLiteral("^MAIL FROM:"))
            .sendLine("250 ok")
            .expectMatch(QStringLiteral("^RCPT TO:"))
            .sendLine("250 ok")
            .expectLine("DATA")
            .sendLine("354 go")
            .expectMatch(QStringLiteral("^line"))
            .close();
        QVERIFY(server.listen());
        SmtpClient<Smtp::SendJob> client(server);
        auto &[session, job] = client;
        job.setFrom(QStringLiteral("a@example.test"));
        job.setRecipients({QStringLiteral("b@example.test")});
        QByteArray big;
        for (int i = 0; i < 200000; ++i)
            big += "line " + QByteArray::number(i) + "\r\n";
        job.setData(big);
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Disconnected);
    }

    void oauthErrorChallenge()
    {
        // Gmail style: a 334 carrying the JSON error, the client answers an empty line.
        const QByteArray json
            = R"({"status":"401","schemes":"bearer","scope":"https://mail.google.com/"})";
        ScriptedServer server;
        server.sendLine("220 fake")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250-fake")
            .sendLine("250 AUTH XOAUTH2 PLAIN")
            .expectMatch(QStringLiteral("^AUTH XOAUTH2 \\S+$"))
            .sendLine("334 " + json.toBase64())
            .expectLine("")
            .sendLine("535 5.7.8 Username and Password not accepted")
            .hang();
        QVERIFY(server.listen());
        SmtpClient<Smtp::VerifyJob> client(server);
        auto &[session, job] = client;
        Net::Sasl::Credentials c;
        c.user = QStringLiteral("user@example.test");
        c.accessToken = QStringLiteral("expired-token");
        session.setCredentials(c);
        QVERIFY(run(&job));
        QCOMPARE(job.error(), Error::Kind::Authentication);
        QVERIFY(job.errorValue().serverReply.contains(QStringLiteral("535")));
        QCOMPARE(job.errorValue().detail, QString::fromUtf8(json));
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void logsNeverShowCredentials_data()
    {
        QTest::addColumn<int>("mechanism");
        QTest::newRow("LOGIN") << int(Net::Sasl::Mechanism::Login);
        QTest::newRow("PLAIN") << int(Net::Sasl::Mechanism::Plain);
    }
    void logsNeverShowCredentials()
    {
        QFETCH(int, mechanism);
        ScriptedServer server;
        server.sendLine("220 fake")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250-fake")
            .sendLine("250 AUTH PLAIN LOGIN");
        if (Net::Sasl::Mechanism(mechanism) == Net::Sasl::Mechanism::Login) {
            server.expectLine("AUTH LOGIN")
                .sendLine("334 VXNlcm5hbWU6")
                .expectLine(QByteArray("user").toBase64())
                .sendLine("334 UGFzc3dvcmQ6")
                .expectLine(QByteArray("secret-password").toBase64());
        } else {
            server.expectLine("AUTH PLAIN " + QByteArray("\0user\0secret-password", 21).toBase64());
        }
        server.sendLine("235 ok").expectLine("QUIT").sendLine("221 bye").close();
        QVERIFY(server.listen());

        ScriptedTest::LogCapture log(lcSmtp());
        SmtpClient<Smtp::VerifyJob> client(server);
        auto &[session, job] = client;
        session.setCredentials(creds());
        session.setPreferredMechanism(Net::Sasl::Mechanism(mechanism));
        const bool done = run(&job);
        log.stop();
        QVERIFY(done);
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        SCRIPTED_VERIFY_NO_FAILURES(server);

        const QString all = log.text();
        QVERIFY2(all.contains(QStringLiteral("EHLO")), qPrintable(all)); // the protocol was logged
        QVERIFY(all.contains(QStringLiteral("AUTH")));
        for (const QByteArray &secret :
             {QByteArray("secret-password"), QByteArray("secret-password").toBase64(),
              QByteArray("\0user\0secret-password", 21).toBase64()}) {
            QVERIFY2(!all.contains(QString::fromLatin1(secret)), qPrintable(all));
        }
    }

    void cancelWhileWaiting()
    {
        ScriptedServer server;
        server.sendLine("220 fake").expectMatch(QStringLiteral("^EHLO ")).hang();
        QVERIFY(server.listen());
        SmtpClient<Smtp::VerifyJob> client(server);
        auto &[session, job] = client;
        QSignalSpy finished(&job, &Net::Job::finished);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Smtp::Session::State::Ehlo, 30000);
        job.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(job.error(), Error::Kind::Cancelled);
        QTest::qWait(50); // nothing more may arrive
        QCOMPARE(finished.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSmtpFaults)
#include "tst_smtpfaults.moc"
