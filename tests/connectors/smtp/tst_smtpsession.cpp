// The SMTP client against the real test server (tests/env/smtp.sh, aiosmtpd on 127.0.0.1).
#include "connectors/common/endpoint.h"
#include "connectors/smtp/sendjob.h"
#include "connectors/smtp/session.h"
#include "connectors/smtp/verifyjob.h"
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTemporaryFile>
#include <QTest>

using namespace Tributary;
using Net::Error;

namespace {

QByteArray messageWith(const QByteArray &body, const QByteArray &subject = "Test")
{
    return "From: sender@example.test\r\nTo: rcpt@example.test\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + QByteArray::number(QRandomGenerator::global()->generate64())
        + "@example.test>\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body;
}

bool waitFinished(Net::Job *job, int ms = 60000)
{
    if (job->isFinished())
        return true;
    QSignalSpy spy(job, &Net::Job::finished);
    return spy.wait(ms);
}

} // namespace

class TestSmtpSession : public QObject
{
    Q_OBJECT

    QString m_spool;
    QList<QSslCertificate> m_ca;
    QString m_user, m_password, m_token;
    quint16 m_port = 0, m_tlsPort = 0, m_strictPort = 0;
    qint64 m_sizeLimit = 0;

    Net::Endpoint endpoint(quint16 port, Net::Security security, bool trustCa = true) const
    {
        Net::Endpoint e;
        e.host = QStringLiteral("127.0.0.1");
        e.port = port;
        e.security = security;
        if (trustCa)
            e.extraCaCertificates = m_ca;
        e.timeoutMs = 30000;
        return e;
    }
    Net::Sasl::Credentials password() const
    {
        Net::Sasl::Credentials c;
        c.user = m_user;
        c.password = m_password;
        return c;
    }
    // The message the server stored, found through the id in its final DATA reply.
    bool spooled(const Smtp::SendJob &job, QByteArray *message, QJsonObject *envelope)
    {
        const QRegularExpression re(QStringLiteral("queued as (\\S+)"));
        const auto m = re.match(job.serverReply());
        if (!m.hasMatch())
            return false;
        QFile eml(m_spool + QLatin1Char('/') + m.captured(1) + QStringLiteral(".eml"));
        QFile json(m_spool + QLatin1Char('/') + m.captured(1) + QStringLiteral(".json"));
        if (!eml.open(QIODevice::ReadOnly) || !json.open(QIODevice::ReadOnly))
            return false;
        *message = eml.readAll();
        *envelope = QJsonDocument::fromJson(json.readAll()).object();
        return true;
    }
    int spoolCount() const
    {
        return int(QDir(m_spool).entryList({QStringLiteral("*.eml")}, QDir::Files).size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString port, tlsPort, strictPort, ca, size;
        TRIBUTARY_REQUIRE_ENV(port, "smtp", "SMTP_PORT");
        TRIBUTARY_REQUIRE_ENV(tlsPort, "smtp", "SMTPS_PORT");
        TRIBUTARY_REQUIRE_ENV(strictPort, "smtp", "SMTP_STRICT_PORT");
        TRIBUTARY_REQUIRE_ENV(ca, "smtp", "SMTP_CA");
        TRIBUTARY_REQUIRE_ENV(size, "smtp", "SMTP_SIZE_LIMIT");
        TRIBUTARY_REQUIRE_ENV(m_spool, "smtp", "SMTP_SPOOL");
        TRIBUTARY_REQUIRE_ENV(m_user, "smtp", "SMTP_USER");
        TRIBUTARY_REQUIRE_ENV(m_password, "smtp", "SMTP_PASSWORD");
        TRIBUTARY_REQUIRE_ENV(m_token, "smtp", "SMTP_TOKEN");
        m_port = quint16(port.toUInt());
        m_tlsPort = quint16(tlsPort.toUInt());
        m_strictPort = quint16(strictPort.toUInt());
        m_sizeLimit = size.toLongLong();
        m_ca = QSslCertificate::fromPath(ca);
        QCOMPARE(m_ca.size(), 1);
    }

    // Each security mode and password mechanism; the message (with lines starting with '.')
    // must arrive byte for byte.
    void sendByteForByte_data()
    {
        QTest::addColumn<int>("security");
        QTest::addColumn<int>("mechanism");
        QTest::newRow("plain, AUTH PLAIN")
            << int(Net::Security::None) << int(Net::Sasl::Mechanism::Plain);
        QTest::newRow("plain, AUTH LOGIN")
            << int(Net::Security::None) << int(Net::Sasl::Mechanism::Login);
        QTest::newRow("STARTTLS, AUTH PLAIN")
            << int(Net::Security::StartTls) << int(Net::Sasl::Mechanism::Plain);
        QTest::newRow("STARTTLS, AUTH LOGIN")
            << int(Net::Security::StartTls) << int(Net::Sasl::Mechanism::Login);
        QTest::newRow("SMTPS, AUTH PLAIN")
            << int(Net::Security::ImplicitTls) << int(Net::Sasl::Mechanism::Plain);
        QTest::newRow("SMTPS, AUTH LOGIN")
            << int(Net::Security::ImplicitTls) << int(Net::Sasl::Mechanism::Login);
    }
    void sendByteForByte()
    {
        QFETCH(int, security);
        QFETCH(int, mechanism);
        const auto sec = Net::Security(security);
        Smtp::Session session;
        session.setEndpoint(endpoint(sec == Net::Security::ImplicitTls ? m_tlsPort : m_port, sec));
        session.setCredentials(password());
        session.setPreferredMechanism(Net::Sasl::Mechanism(mechanism));
        const QByteArray message = messageWith(".leading dot\r\n..two dots\r\n.\r\nend\r\n");
        Smtp::SendJob job(&session);
        job.setFrom(QStringLiteral("sender@example.test"));
        job.setRecipients({QStringLiteral("rcpt@example.test")});
        job.setData(message);
        job.start();
        QVERIFY(waitFinished(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QCOMPARE(session.usedMechanism(), Net::Sasl::Mechanism(mechanism));
        QCOMPARE(session.isEncrypted(), sec != Net::Security::None);
        QByteArray stored;
        QJsonObject envelope;
        QVERIFY(spooled(job, &stored, &envelope));
        QCOMPARE(stored, message);
        QCOMPARE(envelope.value(QStringLiteral("mail_from")).toString(),
                 QStringLiteral("sender@example.test"));
        QCOMPARE(envelope.value(QStringLiteral("auth_user")).toString(), m_user);
        QCOMPARE(envelope.value(QStringLiteral("tls")).toBool(), sec != Net::Security::None);
    }

    void eightBitBody()
    {
        Smtp::Session session;
        session.setEndpoint(endpoint(m_port, Net::Security::StartTls));
        session.setCredentials(password());
        const QByteArray message
            = messageWith(QStringLiteral("Grüße aus Köln — ½ € ✓\r\n.Ωμέγα\r\n").toUtf8(), "8bit");
        Smtp::SendJob job(&session);
        job.setFrom(QStringLiteral("sender@example.test"));
        job.setRecipients({QStringLiteral("rcpt@example.test")});
        job.setData(message);
        job.start();
        QVERIFY(waitFinished(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QVERIFY(job.usedEightBitMime());
        QByteArray stored;
        QJsonObject envelope;
        QVERIFY(spooled(job, &stored, &envelope));
        QCOMPARE(stored, message);
        QVERIFY(envelope.value(QStringLiteral("mail_options"))
                    .toArray()
                    .contains(QStringLiteral("BODY=8BITMIME")));
    }

    void fiveMegabytes()
    {
        // Streamed from a file: dot-stuffed on the fly, progress reported.
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(messageWith(QByteArray(), "5 MB"));
        QRandomGenerator rng(42);
        while (file.size() < 5 * 1024 * 1024) {
            QByteArray line;
            const int len = 1 + int(rng.bounded(76));
            for (int i = 0; i < len; ++i)
                line.append(char('!' + rng.bounded(90)));
            if (rng.bounded(8) == 0)
                line.prepend('.');
            file.write(line + "\r\n");
        }
        file.flush();
        file.seek(0);
        const QByteArray expected = file.readAll();
        file.seek(0);
        Smtp::Session session;
        session.setEndpoint(endpoint(m_tlsPort, Net::Security::ImplicitTls));
        session.setCredentials(password());
        Smtp::SendJob job(&session);
        job.setFrom(QStringLiteral("sender@example.test"));
        job.setRecipients({QStringLiteral("rcpt@example.test")});
        job.setData(&file);
        QSignalSpy progress(&job, &Net::Job::progress);
        job.start();
        QVERIFY(waitFinished(&job, 120000));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QVERIFY(progress.size() > 1);
        QCOMPARE(progress.last().at(0).toLongLong(), expected.size());
        QByteArray stored;
        QJsonObject envelope;
        QVERIFY(spooled(job, &stored, &envelope));
        QCOMPARE(stored.size(), expected.size());
        QVERIFY(stored == expected);
    }

    void wrongPassword()
    {
        Smtp::Session session;
        session.setEndpoint(endpoint(m_port, Net::Security::StartTls));
        Net::Sasl::Credentials c = password();
        c.password = QStringLiteral("not-the-password");
        session.setCredentials(c);
        Smtp::SendJob job(&session);
        job.setFrom(QStringLiteral("sender@example.test"));
        job.setRecipients({QStringLiteral("rcpt@example.test")});
        job.setData(messageWith("x\r\n"));
        job.start();
        QVERIFY(waitFinished(&job));
        QCOMPARE(job.error(), Error::Kind::Authentication);
        QVERIFY2(job.errorValue().serverReply.contains(QStringLiteral("535")),
                 qPrintable(job.details()));
        QVERIFY2(job.errorString().contains(QStringLiteral("Authentication credentials invalid")),
                 qPrintable(job.errorString()));
    }

    void oauthMechanisms_data()
    {
        QTest::addColumn<int>("mechanism");
        QTest::addColumn<bool>("goodToken");
        QTest::newRow("XOAUTH2") << int(Net::Sasl::Mechanism::XOAuth2) << true;
        QTest::newRow("OAUTHBEARER") << int(Net::Sasl::Mechanism::OAuthBearer) << true;
        QTest::newRow("XOAUTH2 bad token") << int(Net::Sasl::Mechanism::XOAuth2) << false;
        QTest::newRow("OAUTHBEARER bad token") << int(Net::Sasl::Mechanism::OAuthBearer) << false;
    }
    void oauthMechanisms()
    {
        QFETCH(int, mechanism);
        QFETCH(bool, goodToken);
        Smtp::Session session;
        session.setEndpoint(endpoint(m_tlsPort, Net::Security::ImplicitTls));
        Net::Sasl::Credentials c;
        c.user = m_user;
        c.accessToken = goodToken ? m_token : QStringLiteral("expired-token");
        session.setCredentials(c);
        session.setPreferredMechanism(Net::Sasl::Mechanism(mechanism));
        Smtp::VerifyJob job(&session);
        job.start();
        QVERIFY(waitFinished(&job));
        QCOMPARE(session.usedMechanism(), Net::Sasl::Mechanism(mechanism));
        if (goodToken) {
            QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        } else {
            QCOMPARE(job.error(), Error::Kind::Authentication);
            QVERIFY(job.errorValue().serverReply.contains(QStringLiteral("535")));
        }
    }

    void oneRecipientRejected()
    {
        Smtp::Session session;
        session.setEndpoint(endpoint(m_port, Net::Security::None));
        session.setCredentials(password());
        Smtp::SendJob job(&session);
        job.setFrom(QStringLiteral("sender@example.test"));
        job.setRecipients({QStringLiteral("first@example.test"),
                           QStringLiteral("reject-me@example.test"),
                           QStringLiteral("third@example.test")});
        const QByteArray message = messageWith("three recipients\r\n");
        job.setData(message);
        job.start();
        QVERIFY(waitFinished(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        const auto results = job.recipientResults();
        QCOMPARE(results.size(), 3);
        QVERIFY(results.at(0).accepted);
        QVERIFY(!results.at(1).accepted);
        QCOMPARE(results.at(1).code, 550);
        QVERIFY(results.at(1).reply.contains(QStringLiteral("reject-me@example.test")));
        QVERIFY(results.at(2).accepted);
        QByteArray stored;
        QJsonObject envelope;
        QVERIFY(spooled(job, &stored, &envelope));
        QCOMPARE(stored, message);
        const QJsonArray rcpts = envelope.value(QStringLiteral("rcpt_tos")).toArray();
        QCOMPARE(rcpts.size(), 2);
        QCOMPARE(rcpts.at(0).toString(), QStringLiteral("first@example.test"));
        QCOMPARE(rcpts.at(1).toString(), QStringLiteral("third@example.test"));
    }

    void allRecipientsRejected()
    {
        Smtp::Session session;
        session.setEndpoint(endpoint(m_port, Net::Security::None));
        session.setCredentials(password());
        Smtp::SendJob job(&session);
        job.setFrom(QStringLiteral("sender@example.test"));
        job.setRecipients(
            {QStringLiteral("reject1@example.test"), QStringLiteral("reject2@example.test")});
        job.setData(messageWith("nobody\r\n"));
        job.start();
        QVERIFY(waitFinished(&job));
        QCOMPARE(job.error(), Error::Kind::Command);
        QCOMPARE(job.errorValue().step, QStringLiteral("RCPT TO"));
        QVERIFY(job.errorValue().serverReply.contains(QStringLiteral("reject2@example.test")));
        // The transaction was reset: the same session sends the next message.
        Smtp::SendJob next(&session);
        next.setFrom(QStringLiteral("sender@example.test"));
        next.setRecipients({QStringLiteral("ok@example.test")});
        next.setData(messageWith("after reset\r\n"));
        next.start();
        QVERIFY(waitFinished(&next));
        QVERIFY2(next.error() == Error::Kind::None, qPrintable(next.details()));
    }

    void sizeExceededBeforeData()
    {
        const int before = spoolCount();
        Smtp::Session session;
        session.setEndpoint(endpoint(m_port, Net::Security::None));
        session.setCredentials(password());
        Smtp::SendJob job(&session);
        job.setFrom(QStringLiteral("sender@example.test"));
        job.setRecipients({QStringLiteral("rcpt@example.test")});
        job.setData(messageWith(QByteArray(int(m_sizeLimit) + 1000, 'x')));
        QSignalSpy progress(&job, &Net::Job::progress);
        job.start();
        QVERIFY(waitFinished(&job));
        QCOMPARE(job.error(), Error::Kind::SizeExceeded);
        QCOMPARE(job.errorValue().step,
                 QStringLiteral("SIZE")); // refused by the client, no MAIL sent
        QCOMPARE(progress.size(), 0); // no byte of DATA
        QCOMPARE(session.capabilities().maxSize, m_sizeLimit);
        QCOMPARE(spoolCount(), before);
    }

    void untrustedCertificateThenPinned()
    {
        const QByteArray expected = Net::fingerprintSha256(m_ca.first());
        {
            Smtp::Session session;
            session.setEndpoint(endpoint(m_tlsPort, Net::Security::ImplicitTls, false));
            session.setCredentials(password());
            Smtp::VerifyJob job(&session);
            job.start();
            QVERIFY(waitFinished(&job));
            QCOMPARE(job.error(), Error::Kind::Tls);
            QCOMPARE(job.errorValue().peerFingerprint, expected);
            QVERIFY(!job.errorValue().sslErrors.isEmpty());
            QVERIFY(job.details().contains(Net::formatFingerprint(expected)));
        }
        {
            // STARTTLS path too.
            Smtp::Session session;
            session.setEndpoint(endpoint(m_port, Net::Security::StartTls, false));
            session.setCredentials(password());
            Smtp::VerifyJob job(&session);
            job.start();
            QVERIFY(waitFinished(&job));
            QCOMPARE(job.error(), Error::Kind::Tls);
            QCOMPARE(job.errorValue().peerFingerprint, expected);
        }
        {
            // A different pin does not help.
            Net::Endpoint e = endpoint(m_tlsPort, Net::Security::ImplicitTls, false);
            e.pinnedSha256 = QByteArray(32, '\x42');
            Smtp::Session session;
            session.setEndpoint(e);
            session.setCredentials(password());
            Smtp::VerifyJob job(&session);
            job.start();
            QVERIFY(waitFinished(&job));
            QCOMPARE(job.error(), Error::Kind::Tls);
        }
        for (const QByteArray &pin : {expected, Net::formatFingerprint(expected).toLatin1()}) {
            Net::Endpoint e = endpoint(m_tlsPort, Net::Security::ImplicitTls, false);
            e.pinnedSha256 = pin;
            Smtp::Session session;
            session.setEndpoint(e);
            session.setCredentials(password());
            Smtp::VerifyJob job(&session);
            job.start();
            QVERIFY(waitFinished(&job));
            QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
            QVERIFY(job.encrypted());
        }
    }

    void authOnlyAfterTls()
    {
        // The strict port refuses AUTH in the clear; with STARTTLS required it works.
        {
            Smtp::Session session;
            session.setEndpoint(endpoint(m_strictPort, Net::Security::StartTls));
            session.setCredentials(password());
            Smtp::VerifyJob job(&session);
            job.start();
            QVERIFY(waitFinished(&job));
            QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
            QVERIFY(job.encrypted());
        }
        {
            Smtp::Session session;
            session.setEndpoint(endpoint(m_strictPort, Net::Security::None));
            session.setCredentials(password());
            Smtp::VerifyJob job(&session);
            job.start();
            QVERIFY(waitFinished(&job));
            // Before TLS this server does not even offer AUTH: the client stops without
            // sending credentials.
            QCOMPARE(job.error(), Error::Kind::Authentication);
            QVERIFY(session.capabilities().authMechanisms.isEmpty());
            QVERIFY(job.errorString().contains(QStringLiteral("AUTH")));
        }
    }

    void verifyAndQuit()
    {
        Smtp::Session session;
        session.setEndpoint(endpoint(m_port, Net::Security::StartTls));
        session.setCredentials(password());
        QSignalSpy states(&session, &Smtp::Session::stateChanged);
        Smtp::VerifyJob job(&session);
        job.start();
        QVERIFY(waitFinished(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QVERIFY(job.authMechanisms().contains("PLAIN"));
        QCOMPARE(job.maxSize(), m_sizeLimit);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Smtp::Session::State::Disconnected, 10000);
        QVERIFY(session.lastError().kind == Error::Kind::None);
        bool sawQuitting = false;
        for (const auto &args : std::as_const(states))
            sawQuitting = sawQuitting
                || args.at(0).value<Smtp::Session::State>() == Smtp::Session::State::Quitting;
        QVERIFY(sawQuitting);
    }

    void severalJobsOneSession()
    {
        Smtp::Session session;
        session.setEndpoint(endpoint(m_port, Net::Security::StartTls));
        session.setCredentials(password());
        QList<Smtp::SendJob *> jobs;
        QList<QByteArray> messages;
        for (int i = 0; i < 3; ++i) {
            auto *job = new Smtp::SendJob(&session);
            messages.append(messageWith("message " + QByteArray::number(i) + "\r\n"));
            job->setFrom(QStringLiteral("sender@example.test"));
            job->setRecipients({QStringLiteral("rcpt@example.test")});
            job->setData(messages.last());
            jobs.append(job);
        }
        for (auto *job : std::as_const(jobs))
            job->start();
        for (int i = 0; i < jobs.size(); ++i) {
            QVERIFY(waitFinished(jobs.at(i)));
            QVERIFY2(jobs.at(i)->error() == Error::Kind::None, qPrintable(jobs.at(i)->details()));
            QByteArray stored;
            QJsonObject envelope;
            QVERIFY(spooled(*jobs.at(i), &stored, &envelope));
            QCOMPARE(stored, messages.at(i));
        }
    }

    void connectionRefused()
    {
        // A port nothing listens on: bind one, close it again.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        Smtp::Session session;
        session.setEndpoint(endpoint(port, Net::Security::None));
        Smtp::VerifyJob job(&session);
        job.start();
        QVERIFY(waitFinished(&job));
        QCOMPARE(job.error(), Error::Kind::ConnectionRefused);
        QVERIFY(job.errorString().contains(QString::number(port)));
    }
};

QTEST_GUILESS_MAIN(TestSmtpSession)
#include "tst_smtpsession.moc"
