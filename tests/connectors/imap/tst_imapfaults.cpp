// The IMAP session against scripted fake servers: broken, slow, hostile and downgrading
// peers. Every case must end in a typed error, never a crash or a hang.
#include "connectors/common/endpoint.h"
#include "connectors/common/sasl.h"
#include "connectors/imap/imapauthjobs.h"
#include "connectors/imap/imapmailboxjobs.h"
#include "connectors/imap/imapmessagejobs.h"
#include "connectors/imap/imapsession.h"
#include "support/scriptedclient.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using namespace Tributary;
using namespace Tributary::Imap;
using Tributary::Testing::ScriptedServer;
using Kind = Net::Error::Kind;

namespace {

using ScriptedTest::run;
template<class JobT> using ImapClient = ScriptedTest::Client<Session, JobT>;

// An IMAP session on `server` and a LOGIN job for alice with `password`.
struct LoginClient : ImapClient<LoginJob>
{
    explicit LoginClient(const ScriptedServer &server, Net::Security security,
                         const QString &password = QStringLiteral("secret"))
        : ImapClient<LoginJob>(server, security)
    {
        job.setUser(QStringLiteral("alice"));
        job.setPassword(password);
    }
};

class Sink : public FetchSink
{
public:
    QByteArray data;
    QByteArray current;
    QList<QByteArray> bodies;
    int begins = 0;
    int ends = 0;
    qint64 largestChunk = 0;
    void bodyBegin(const LiteralInfo &) override
    {
        ++begins;
        current.clear();
    }
    void bodyData(const char *d, qsizetype n) override
    {
        data.append(d, n);
        current.append(d, n);
        largestChunk = qMax<qint64>(largestChunk, n);
    }
    void bodyEnd() override
    {
        ++ends;
        bodies.append(current);
    }
    void messageFetched(const FetchData &) override { }
};

const QByteArray kFetchLine
    = "^(?<tag>\\S+) UID FETCH 1:3 \\(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK\\[\\]\\)$";

UidSet oneToThree()
{
    UidSet s;
    s.add(1, 3);
    return s;
}

} // namespace

class TstImapFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void disconnectInsideLiteral()
    {
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1] ready")
            .expectMatch(QString::fromLatin1(kFetchLine))
            .send("* 1 FETCH (UID 1 RFC822.SIZE 1000 BODY[] {1000}\r\n" + QByteArray(100, 'a'))
            .close();
        QVERIFY(server.listen());
        Sink sink;
        ImapClient<UidFetchJob> client(server);
        auto &[s, fetch] = client;
        fetch.setUids(oneToThree());
        fetch.setSink(&sink);
        UidFetchJob queued(&s);
        queued.setUids(oneToThree());
        QSignalSpy queuedDone(&queued, &Net::Job::finished);
        QSignalSpy fetchDone(&fetch, &Net::Job::finished);
        fetch.start();
        queued.start();
        QVERIFY(fetchDone.wait(30000));
        QCOMPARE(fetch.error(), Kind::Disconnected);
        QCOMPARE(sink.begins, 1);
        QCOMPARE(sink.ends, 0);
        QCOMPARE(sink.data, QByteArray(100, 'a'));
        // the queued job ends with the same error, once
        QCOMPARE(queuedDone.count(), 1);
        QCOMPARE(queued.error(), Kind::Disconnected);
        QCOMPARE(s.state(), Session::State::Disconnected);
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void replySplitIntoManySegments()
    {
        const QByteArray body1 = "Subject: one\r\n\r\nfirst body with ) and ( and {3}\r\n";
        const QByteArray body2 = "Subject: two\r\n\r\n" + QByteArray(3000, 'z') + "\r\n";
        const QByteArray reply = "* 1 FETCH (UID 1 FLAGS (\\Seen) INTERNALDATE \"01-Jan-2024 "
                                 "10:00:00 +0000\" RFC822.SIZE "
            + QByteArray::number(body1.size()) + " BODY[] {" + QByteArray::number(body1.size())
            + "}\r\n" + body1 + ")\r\n* 2 FETCH (UID 3 FLAGS () BODY[] {"
            + QByteArray::number(body2.size()) + "}\r\n" + body2 + " RFC822.SIZE "
            + QByteArray::number(body2.size()) + ")\r\n${tag} OK Fetch completed.\r\n";
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1] ready")
            .expectMatch(QString::fromLatin1(kFetchLine))
            .sendSplit(reply, 60, 2)
            .hang();
        QVERIFY(server.listen());
        Sink sink;
        ImapClient<UidFetchJob> client(server);
        auto &[s, fetch] = client;
        fetch.setUids(oneToThree());
        fetch.setSink(&sink);
        QVERIFY(run(&fetch));
        QVERIFY2(fetch.error() == Kind::None, qPrintable(fetch.details()));
        QCOMPARE(sink.bodies, (QList<QByteArray> {body1, body2}));
        QCOMPARE(fetch.messages().size(), 2);
        QCOMPARE(fetch.messages().at(0).flags, QByteArrayList {"\\Seen"});
        QCOMPARE(fetch.messages().at(1).uid, 3u);
        QCOMPARE(fetch.messages().at(1).size, qint64(body2.size()));
        QVERIFY(sink.largestChunk < body2.size()); // streamed in pieces as they came
    }

    void unknownUntaggedResponseIsSkipped()
    {
        ScriptedServer server;
        server.sendLine("* OK ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) CAPABILITY$"))
            .send("* XSTRANGE something (nested (list) {5}\r\nhello \"q\")\r\n"
                  "* 12 XNUMBERED whatever\r\n"
                  "* CAPABILITY IMAP4rev1 IDLE\r\n"
                  "${tag} OK done\r\n")
            .hang();
        QVERIFY(server.listen());
        ImapClient<CapabilityJob> client(server);
        auto &[s, cap] = client;
        QSignalSpy untagged(&s, &Session::untaggedResponse);
        QVERIFY(run(&cap));
        QVERIFY2(cap.error() == Kind::None, qPrintable(cap.details()));
        QVERIFY(cap.capabilities().contains("IDLE"));
        QCOMPARE(untagged.count(), 3);
    }

    void hugeLiteralAnnouncedThenCut_data()
    {
        QTest::addColumn<bool>("withSink");
        QTest::addColumn<int>("expected");
        QTest::newRow("streamed to a sink") << true << int(Kind::Disconnected);
        QTest::newRow("no sink: refused, not allocated") << false << int(Kind::ProtocolViolation);
    }
    void hugeLiteralAnnouncedThenCut()
    {
        QFETCH(bool, withSink);
        QFETCH(int, expected);
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1] ready")
            .expectMatch(QString::fromLatin1(kFetchLine))
            .hugeLiteralThenClose("* 1 FETCH (UID 1 BODY[] ", 2147483648LL, 64);
        QVERIFY(server.listen());
        Sink sink;
        ImapClient<UidFetchJob> client(server);
        auto &[s, fetch] = client;
        fetch.setUids(oneToThree());
        if (withSink)
            fetch.setSink(&sink);
        QVERIFY(run(&fetch));
        QCOMPARE(int(fetch.error()), expected);
        QCOMPARE(sink.data.size(), withSink ? 64 : 0);
    }

    void serverStopsAnswering()
    {
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1] ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) CAPABILITY$"))
            .hang();
        QVERIFY(server.listen());
        ImapClient<CapabilityJob> client(server, Net::Security::None, 2000);
        auto &[s, cap] = client;
        QVERIFY(run(&cap));
        QCOMPARE(cap.error(), Kind::Timeout);
        QVERIFY(!cap.errorString().isEmpty());
    }

    void silentAfterConnect()
    {
        ScriptedServer server;
        server.hang(); // accepts, never greets
        QVERIFY(server.listen());
        ImapClient<CapabilityJob> client(server, Net::Security::None, 2000);
        auto &[s, cap] = client;
        QVERIFY(run(&cap));
        QCOMPARE(cap.error(), Kind::Timeout);
    }

    void startTlsNotOffered_data()
    {
        QTest::addColumn<bool>("capabilityInGreeting");
        QTest::newRow("capabilities in the greeting") << true;
        QTest::newRow("capabilities asked for") << false;
    }
    void startTlsNotOffered()
    {
        QFETCH(bool, capabilityInGreeting);
        ScriptedServer server;
        if (capabilityInGreeting) {
            server.sendLine("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready");
        } else {
            server.sendLine("* OK ready")
                .expectMatch(QStringLiteral("^(?<tag>\\S+) CAPABILITY$"))
                .sendLine("* CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN")
                .sendLine("${tag} OK done");
        }
        server.expectDisconnect();
        QVERIFY(server.listen());
        LoginClient client(server, Net::Security::StartTls);
        auto &[s, login] = client;
        QVERIFY(run(&login));
        QCOMPARE(login.error(), Kind::TlsNotOffered);
        QVERIFY(!server.received().contains("LOGIN"));
        QVERIFY(!server.received().contains("secret"));
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000); // the client hung up
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void preauthInTheClearWithTlsRequired()
    {
        ScriptedServer server;
        server.sendLine("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome").expectDisconnect();
        QVERIFY(server.listen());
        ImapClient<ListJob> client(server, Net::Security::StartTls);
        auto &[s, list] = client;
        QVERIFY(run(&list));
        QCOMPARE(list.error(), Kind::TlsNotOffered);
    }

    void credentialsOnlyAfterStartTls()
    {
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) STARTTLS$"))
            .sendLine("${tag} OK Begin TLS negotiation now.")
            .startTls()
            .expectMatch(QStringLiteral("^(?<tag>\\S+) CAPABILITY$"))
            .sendLine("* CAPABILITY IMAP4rev1 AUTH=PLAIN")
            .sendLine("${tag} OK done")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) LOGIN \"alice\" \"s\\\\\"ecret\"$"))
            .sendLine("${tag} OK [CAPABILITY IMAP4rev1 IDLE] Logged in")
            .hang();
        QVERIFY(server.listen());
        ImapClient<LoginJob> client(server, Net::Security::StartTls);
        auto &[s, login] = client;
        login.setUser(QStringLiteral("alice"));
        login.setPassword(QStringLiteral("s\"ecret"));
        QVERIFY(run(&login));
        QVERIFY2(login.error() == Kind::None, qPrintable(login.details()));
        QVERIFY(s.isEncrypted());
        QVERIFY(s.hasCapability("IDLE"));
        QVERIFY(!s.hasCapability("LOGINDISABLED")); // pre-TLS capabilities were dropped
        QVERIFY(!server.receivedBeforeTls().contains("LOGIN"));
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void plaintextInjectedAfterStartTlsReply()
    {
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) STARTTLS$"))
            .send("${tag} OK Begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n")
            .expectDisconnect();
        QVERIFY(server.listen());
        LoginClient client(server, Net::Security::StartTls);
        auto &[s, login] = client;
        QVERIFY(run(&login));
        QCOMPARE(login.error(), Kind::ProtocolViolation);
        QVERIFY(!server.received().contains("LOGIN"));
    }

    void wrongCertificateAfterStartTls()
    {
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) STARTTLS$"))
            .sendLine("${tag} OK Begin TLS")
            .startTls(ScriptedServer::Certificate::Wrong)
            .hang();
        QVERIFY(server.listen());
        LoginClient client(server, Net::Security::StartTls);
        auto &[s, login] = client;
        QVERIFY(run(&login));
        QCOMPARE(login.error(), Kind::Tls);
        QCOMPARE(login.errorValue().peerFingerprint,
                 Net::fingerprintSha256(
                     ScriptedServer::serverCertificate(ScriptedServer::Certificate::Wrong)));
        QVERIFY(!server.received().contains("LOGIN"));
    }

    void malformedResponse()
    {
        ScriptedServer server;
        server.sendLine("* OK ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) CAPABILITY$"))
            .sendLine("* 1 FETCH UID 3")
            .hang();
        QVERIFY(server.listen());
        ImapClient<CapabilityJob> client(server);
        auto &[s, cap] = client;
        QVERIFY(run(&cap));
        QCOMPARE(cap.error(), Kind::ProtocolViolation);
        QVERIFY(!cap.details().isEmpty());
    }

    void replyToUnknownTag()
    {
        ScriptedServer server;
        server.sendLine("* OK ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) CAPABILITY$"))
            .sendLine("zz99 OK not yours")
            .hang();
        QVERIFY(server.listen());
        ImapClient<CapabilityJob> client(server);
        auto &[s, cap] = client;
        QVERIFY(run(&cap));
        QCOMPARE(cap.error(), Kind::ProtocolViolation);
    }

    void greetingBye()
    {
        ScriptedServer server;
        server.sendLine("* BYE Too many connections").close();
        QVERIFY(server.listen());
        ImapClient<CapabilityJob> client(server);
        auto &[s, cap] = client;
        QVERIFY(run(&cap));
        QCOMPARE(cap.error(), Kind::Greeting);
        QVERIFY(cap.errorValue().serverReply.contains(QStringLiteral("Too many connections")));
    }

    void byeDuringSession()
    {
        ScriptedServer server;
        server.sendLine("* OK ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) NAMESPACE$"))
            .sendLine("* BYE [UNAVAILABLE] Server shutting down")
            .close();
        QVERIFY(server.listen());
        ImapClient<NamespaceJob> client(server);
        auto &[s, ns] = client;
        QVERIFY(run(&ns));
        QCOMPARE(ns.error(), Kind::Disconnected);
        QVERIFY(ns.errorValue().serverReply.contains(QStringLiteral("shutting down")));
    }

    void loginDisabledSendsNothing()
    {
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=PLAIN] ready")
            .expectDisconnect();
        QVERIFY(server.listen());
        LoginClient client(server, Net::Security::None);
        auto &[s, login] = client;
        QVERIFY(run(&login));
        QCOMPARE(login.error(), Kind::Authentication);
        QVERIFY(!server.received().contains("secret"));
    }

    void cancelQueuedAndRunning()
    {
        ScriptedServer server;
        server.sendLine("* OK ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) CAPABILITY$"))
            .hang();
        QVERIFY(server.listen());
        ImapClient<CapabilityJob> client(server);
        auto &[s, running] = client;
        NamespaceJob queued(&s);
        QSignalSpy runningDone(&running, &Net::Job::finished);
        QSignalSpy queuedDone(&queued, &Net::Job::finished);
        running.start();
        queued.start();
        queued.cancel();
        QCOMPARE(queuedDone.count(), 1);
        QCOMPARE(queued.error(), Kind::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished() || server.receivedLines().size() == 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(server.receivedLines().size(), 1, 30000);
        running.cancel();
        QCOMPARE(runningDone.count(), 1);
        QCOMPARE(running.error(), Kind::Cancelled);
        QCOMPARE(s.state(), Session::State::Disconnected);
    }

    void xoauth2RejectedToken()
    {
        const QByteArray ir
            = Net::Sasl::xoauth2Message(QStringLiteral("alice"), QStringLiteral("tok3n"))
                  .toBase64();
        const QByteArray errorJson = R"({"status":"401","schemes":"bearer","scope":"mail"})";
        ScriptedServer server;
        server
            .sendLine("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=XOAUTH2 "
                      "AUTH=OAUTHBEARER] ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) AUTHENTICATE XOAUTH2 ")
                         + QRegularExpression::escape(QString::fromLatin1(ir))
                         + QStringLiteral("$"))
            .sendLine("+ " + errorJson.toBase64())
            .expectLine(QByteArray())
            .sendLine("${tag} NO [AUTHENTICATIONFAILED] Authentication failed.")
            .hang();
        QVERIFY(server.listen());
        ImapClient<AuthenticateJob> client(server);
        auto &[s, auth] = client;
        Net::Sasl::Credentials c;
        c.user = QStringLiteral("alice");
        c.accessToken = QStringLiteral("tok3n");
        auth.setCredentials(c);
        auth.setMechanism(Net::Sasl::Mechanism::XOAuth2);
        QVERIFY(run(&auth));
        QCOMPARE(auth.error(), Kind::Authentication);
        QCOMPARE(auth.oauthError(), errorJson);
        QVERIFY(auth.errorValue().serverReply.contains(QStringLiteral("AUTHENTICATIONFAILED")));
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void oauthBearerWithoutSaslIr()
    {
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1 AUTH=OAUTHBEARER AUTH=XOAUTH2] ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) AUTHENTICATE OAUTHBEARER$"))
            .sendLine("+ ")
            .expectMatch(QStringLiteral("^(?<ir>[A-Za-z0-9+/=]+)$"))
            .sendLine("${tag} OK [CAPABILITY IMAP4rev1 IDLE] Logged in")
            .hang();
        QVERIFY(server.listen());
        ImapClient<AuthenticateJob> client(server);
        auto &[s, auth] = client;
        Net::Sasl::Credentials c;
        c.user = QStringLiteral("alice");
        c.accessToken = QStringLiteral("tok3n");
        auth.setCredentials(c); // with a token, OAUTHBEARER is preferred
        QVERIFY(run(&auth));
        QVERIFY2(auth.error() == Kind::None, qPrintable(auth.details()));
        QCOMPARE(auth.usedMechanism(), Net::Sasl::Mechanism::OAuthBearer);
        const QByteArray sent
            = QByteArray::fromBase64(server.variable(QStringLiteral("ir")).toLatin1());
        QVERIFY(sent.startsWith("n,a=alice,"));
        QVERIFY(sent.contains("auth=Bearer tok3n"));
        QVERIFY(sent.contains(QByteArray(QByteArray("port=") + QByteArray::number(server.port()))));
        QCOMPARE(s.state(), Session::State::Authenticated);
        QVERIFY(s.hasCapability("IDLE"));
    }

    void appendWaitsForContinuationWithoutLiteralPlus()
    {
        const QByteArray message = "Subject: hi\r\n\r\n" + QByteArray(200000, 'b') + "\r\n";
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1] ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) APPEND \"Entw&APw-rfe\" \\(\\\\Seen\\) "
                                        "\"02-Jan-2024 03:04:05 \\+0100\" \\{%1\\}$")
                             .arg(message.size()))
            .sendLine("+ Ready for literal data")
            .expectBytes(message.size())
            .expectLine(QByteArray())
            .sendLine("${tag} OK [APPENDUID 1700000000 42] Append completed.")
            .hang();
        QVERIFY(server.listen());
        QBuffer device;
        device.setData(message);
        QVERIFY(device.open(QIODevice::ReadOnly));
        ImapClient<AppendJob> client(server);
        auto &[s, append] = client;
        append.setMailbox(QStringLiteral("Entwürfe"));
        append.setFlags({"\\Seen"});
        append.setInternalDate(
            QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::OffsetFromUTC, 3600));
        append.setDevice(&device, message.size());
        QSignalSpy progress(&append, &Net::Job::progress);
        QVERIFY(run(&append));
        QVERIFY2(append.error() == Kind::None, qPrintable(append.details()));
        QCOMPARE(append.appendUid(), 42u);
        QCOMPARE(append.uidValidity(), 1700000000u);
        QCOMPARE(server.variable(QStringLiteral("data")).toLatin1(), message);
        QVERIFY(progress.count() >= 2);
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }

    void alertsReachTheUser()
    {
        ScriptedServer server;
        server.sendLine("* OK [ALERT] Maintenance tonight at 22:00")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) CAPABILITY$"))
            .sendLine("* CAPABILITY IMAP4rev1")
            .sendLine("${tag} OK [ALERT] Your quota is almost full")
            .hang();
        QVERIFY(server.listen());
        ImapClient<CapabilityJob> client(server);
        auto &[s, cap] = client;
        QSignalSpy alerts(&s, &Session::alert);
        QVERIFY(run(&cap));
        QCOMPARE(cap.error(), Kind::None);
        QCOMPARE(alerts.count(), 2);
        QCOMPARE(alerts.at(0).at(0).toString(), QStringLiteral("Maintenance tonight at 22:00"));
        QCOMPARE(alerts.at(1).at(0).toString(), QStringLiteral("Your quota is almost full"));
    }

    void literalLoginWithoutLiteralPlus()
    {
        // 8-bit passwords go as literals; without LITERAL+ the client waits for "+"
        ScriptedServer server;
        server.sendLine("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready")
            .expectMatch(QStringLiteral("^(?<tag>\\S+) LOGIN \\{5\\}$"))
            .sendLine("+ go ahead")
            .expectLine(QByteArray("alice {7}"))
            .sendLine("+ go ahead")
            .expectLine(QByteArray("p\xc3\xa4sswd"))
            .sendLine("${tag} OK [CAPABILITY IMAP4rev1] Logged in")
            .hang();
        QVERIFY(server.listen());
        LoginClient client(server, Net::Security::None, QStringLiteral("pässwd"));
        auto &[s, login] = client;
        QVERIFY(run(&login));
        QVERIFY2(login.error() == Kind::None, qPrintable(login.details()));
        SCRIPTED_VERIFY_NO_FAILURES(server);
    }
};

QTEST_GUILESS_MAIN(TstImapFaults)
#include "tst_imapfaults.moc"
