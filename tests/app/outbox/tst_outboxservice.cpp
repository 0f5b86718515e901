// OutboxService: durable queue, sending through the real SMTP server (tests/env/smtp.sh,
// password in the test session's keychain), copies in Sent, and the retry rules against
// scripted servers with a fake clock (no waiting for backoff).
#include "app/services/appcontext.h"
#include "app/services/outbox/outboxservice.h"
#include "app/services/profile.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "app/services/secretstore.h"
#include "connectors/mime/messagebuilder.h"
#include "connectors/mime/mimemessage.h"
#include "fakes/scriptedserver.h"
#include "models/messagefilestore.h"
#include "models/store.h"
#include "support/scratchcontext.h"
#include "support/testenv.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

#include <memory>

using namespace Tributary;
using Tributary::Testing::ScriptedServer;

namespace {

class FakeClock : public Clock
{
public:
    QDateTime now() const override { return m_now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    QDateTime m_now = QDateTime(QDate(2026, 11, 27), QTime(10, 0), Qt::UTC);
};

} // namespace

class tst_OutboxService : public QObject
{
    Q_OBJECT

    QString m_user, m_password, m_spool;
    quint16 m_port = 0;
    QList<QSslCertificate> m_ca;
    std::unique_ptr<AppContext> m_context;
    FakeClock m_clock;

    std::unique_ptr<OutboxService> makeService()
    {
        auto service = std::make_unique<OutboxService>(m_context->store(), m_context->secrets(),
                                                       m_clock, &m_context->log());
        service->setTimeoutMs(20000);
        const QList<QSslCertificate> ca = m_ca;
        service->setEndpointDecorator([ca](Net::Endpoint &e) { e.extraCaCertificates = ca; });
        return service;
    }

    // An account on the real server, its password in the keychain.
    QUuid addFixtureAccount()
    {
        SmtpAccount a;
        a.displayName = QStringLiteral("Fixture");
        a.server = QStringLiteral("127.0.0.1");
        a.port = m_port;
        a.encryption = SmtpAccount::Encryption::StartTls;
        a.email = QStringLiteral("me@example.test");
        a.authEnabled = true;
        a.username = m_user;
        QString error;
        if (!m_context->store().insertSmtpAccount(a, &error))
            return QUuid();
        SecretJob *job = m_context->secrets().write(
            SecretKind::Password, a.uuid.toString(QUuid::WithoutBraces), m_password.toUtf8());
        QSignalSpy spy(job, &SecretJob::finished);
        if (!spy.wait(20000))
            return QUuid();
        return a.uuid;
    }

    // An account without authentication on a scripted server.
    QUuid addScriptedAccount(quint16 port)
    {
        SmtpAccount a;
        a.displayName = QStringLiteral("Scripted");
        a.server = QStringLiteral("127.0.0.1");
        a.port = port;
        a.encryption = SmtpAccount::Encryption::None;
        a.email = QStringLiteral("me@example.test");
        a.authEnabled = false;
        if (!m_context->store().insertSmtpAccount(a))
            return QUuid();
        return a.uuid;
    }

    static QByteArray simpleMessage(const QString &subject)
    {
        Mime::MessageBuilder b;
        b.setFrom({QStringLiteral("Me"), QStringLiteral("me@example.test")});
        b.setTo({{QString(), QStringLiteral("you@example.test")}});
        b.setSubject(subject);
        b.setTextBody(QStringLiteral("Hello there.\nSecond line.\n"));
        return b.toByteArray();
    }

    // The spool file whose bytes equal `message`; empty when none does.
    QString findInSpool(const QByteArray &message) const
    {
        const QStringList files
            = QDir(m_spool).entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Time);
        for (const QString &name : files) {
            QFile f(m_spool + QLatin1Char('/') + name);
            if (f.open(QIODevice::ReadOnly) && f.size() == message.size() && f.readAll() == message)
                return f.fileName();
        }
        return QString();
    }

    // Classic SMTP exchange up to the 354 (no PIPELINING, no AUTH).
    static void scriptEnvelope(ScriptedServer &server)
    {
        server.sendLine("220 fake ESMTP")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250 fake")
            .expectMatch(QStringLiteral("^MAIL FROM:<me@example.test>"))
            .sendLine("250 2.1.0 ok")
            .expectLine("RCPT TO:<you@example.test>")
            .sendLine("250 2.1.5 ok")
            .expectLine("DATA")
            .sendLine("354 go ahead");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString port, ca;
        TRIBUTARY_REQUIRE_ENV(port, "smtp", "SMTP_PORT");
        TRIBUTARY_REQUIRE_ENV(ca, "smtp", "SMTP_CA");
        TRIBUTARY_REQUIRE_ENV(m_user, "smtp", "SMTP_USER");
        TRIBUTARY_REQUIRE_ENV(m_password, "smtp", "SMTP_PASSWORD");
        TRIBUTARY_REQUIRE_ENV(m_spool, "smtp", "SMTP_SPOOL");
        m_port = quint16(port.toUInt());
        m_ca = QSslCertificate::fromPath(ca);
        QCOMPARE(m_ca.size(), 1);
    }
    void init()
    {
        QString error;
        m_context = TestEnv::openScratchContext(QStringLiteral("outbox"),
                                                QStringLiteral("Tributary-test"), &error);
        QVERIFY2(m_context, qPrintable(error));
    }
    void cleanup() { m_context.reset(); }

    void backoffDoublesUpToOneHour()
    {
        auto service = makeService();
        QCOMPARE(service->backoffSeconds(1), 60);
        QCOMPARE(service->backoffSeconds(2), 120);
        QCOMPARE(service->backoffSeconds(3), 240);
        QCOMPARE(service->backoffSeconds(6), 1920);
        QCOMPARE(service->backoffSeconds(7), 3600);
        QCOMPARE(service->backoffSeconds(40), 3600);
    }

    void enqueueRejectsBadEnvelope()
    {
        auto service = makeService();
        const QUuid account = addScriptedAccount(25);
        QVERIFY(!account.isNull());
        QString error;
        QCOMPARE(service->enqueue(QUuid::createUuid(), simpleMessage(QStringLiteral("x")),
                                  {QString(), {QStringLiteral("you@example.test")}, {}}, &error),
                 0);
        QVERIFY(!error.isEmpty());
        QCOMPARE(service->enqueue(account, simpleMessage(QStringLiteral("x")), {}, &error), 0);
        QCOMPARE(service->enqueue(account, simpleMessage(QStringLiteral("x")),
                                  {QString(), {QStringLiteral("not an address")}, {}}, &error),
                 0);
        QVERIFY(error.contains(QStringLiteral("not an address")));
        QVERIFY(m_context->store().outboxEntries().isEmpty());
    }

    // The real server receives the message byte for byte, the attachment intact; the copy
    // lands in Sent with the Seen flag; a refused recipient is reported on its own.
    void sendsThroughRealServerWithCopyInSent()
    {
        auto service = makeService();
        const QUuid account = addFixtureAccount();
        QVERIFY(!account.isNull());

        QByteArray attachment(300 * 1024, Qt::Uninitialized);
        for (char &c : attachment)
            c = char(QRandomGenerator::global()->bounded(256));
        Mime::MessageBuilder b;
        b.setFrom({QStringLiteral("Me"), QStringLiteral("me@example.test")});
        b.setTo({{QStringLiteral("You"), QStringLiteral("you@example.test")},
                 {QString(), QStringLiteral("reject-me@example.test")}});
        b.setSubject(
            QStringLiteral("Outbox with attachment %1").arg(QUuid::createUuid().toString()));
        b.setTextBody(QStringLiteral("See the attachment.\n"));
        b.addAttachmentData(attachment, QStringLiteral("random.bin"));
        const QByteArray message = b.toByteArray();
        QVERIFY(!message.isEmpty());

        QSignalSpy sent(service.get(), &OutboxService::sent);
        QString error;
        const qint64 id = service->enqueue(
            account, message,
            {QString(),
             {QStringLiteral("you@example.test"), QStringLiteral("reject-me@example.test")},
             QStringLiteral("Outbox with attachment")},
            &error);
        QVERIFY2(id > 0, qPrintable(error));
        // Durable before anything is sent.
        std::optional<OutboxEntry> queued = m_context->store().outboxEntry(id);
        QVERIFY(queued);
        QCOMPARE(queued->state, OutboxEntry::State::Queued);
        QVERIFY(m_context->store().messageFiles().contains(queued->sha256));

        QVERIFY(sent.wait(30000));
        QCOMPARE(sent.first().at(0).toLongLong(), id);
        const QStringList refused = sent.first().at(1).toStringList();
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.first().startsWith(QStringLiteral("reject-me@example.test: 550")),
                 qPrintable(refused.first()));
        const qint64 copyId = sent.first().at(2).toLongLong();
        QVERIFY(copyId > 0);

        const std::optional<OutboxEntry> done = m_context->store().outboxEntry(id);
        QVERIFY(done);
        QCOMPARE(done->state, OutboxEntry::State::Sent);
        QCOMPARE(done->attempts, 1);
        QVERIFY(done->sent.isValid());
        QVERIFY(done->lastError.contains(QStringLiteral("reject-me@example.test")));

        const QString spoolFile = findInSpool(message);
        QVERIFY2(!spoolFile.isEmpty(), "the server did not receive the message byte for byte");
        const Mime::Message received = Mime::Message::fromFile(spoolFile);
        QCOMPARE(received.attachments().size(), 1);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(received.saveAttachment(0, &out));
        QCOMPARE(out.data(), attachment);

        const std::optional<MessageRecord> copy = m_context->store().message(copyId);
        QVERIFY(copy);
        QCOMPARE(copy->folderId, m_context->store().specialFolder(Folder::SpecialUse::Sent));
        QVERIFY(copy->flags & MessageRecord::Seen);
        QCOMPARE(copy->sha256, done->sha256);
        std::unique_ptr<QIODevice> copyFile = m_context->store().openMessage(copyId);
        QVERIFY(copyFile);
        QCOMPARE(copyFile->readAll(), message);

        const QList<ActivityEntry> log = m_context->store().activity();
        bool logged = false;
        for (const ActivityEntry &e : log)
            logged
                = logged || e.message.contains(QStringLiteral("Sent \"Outbox with attachment\""));
        QVERIFY(logged);
    }

    // Every recipient refused with 550 by the real server: failed for good, server's words.
    void allRecipientsRefusedIsPermanent()
    {
        auto service = makeService();
        const QUuid account = addFixtureAccount();
        QVERIFY(!account.isNull());
        QSignalSpy failed(service.get(), &OutboxService::failed);
        const qint64 id = service->enqueue(
            account, simpleMessage(QStringLiteral("refused")),
            {QString(), {QStringLiteral("reject-a@example.test")}, QStringLiteral("refused")});
        QVERIFY(id > 0);
        QVERIFY(failed.wait(30000));
        const std::optional<OutboxEntry> e = m_context->store().outboxEntry(id);
        QVERIFY(e);
        QCOMPARE(e->state, OutboxEntry::State::Failed);
        QVERIFY2(e->lastError.contains(QStringLiteral("550")), qPrintable(e->lastError));
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("550")));
        QCOMPARE(service->processDue(), 0); // a failed entry is not retried by itself
    }

    // A message enqueued but not sent before the service ended stays queued and is sent by
    // the next service's start().
    void queuedMessageSurvivesRestart()
    {
        const QUuid account = addFixtureAccount();
        QVERIFY(!account.isNull());
        const QByteArray message = simpleMessage(
            QStringLiteral("Survives restart %1").arg(QUuid::createUuid().toString()));
        qint64 id = 0;
        {
            auto service = makeService();
            id = service->enqueue(
                account, message,
                {QString(), {QStringLiteral("you@example.test")}, QStringLiteral("restart")});
            QVERIFY(id > 0);
        } // ends before the first attempt could run
        QCOMPARE(m_context->store().outboxEntry(id)->state, OutboxEntry::State::Queued);

        auto service = makeService();
        QSignalSpy sent(service.get(), &OutboxService::sent);
        service->start();
        QVERIFY(sent.wait(30000));
        QCOMPARE(sent.first().at(0).toLongLong(), id);
        QCOMPARE(m_context->store().outboxEntry(id)->state, OutboxEntry::State::Sent);
        QVERIFY(!findInSpool(message).isEmpty());
    }

    // 451 after DATA: queued with a one-minute backoff; not retried before its time; the
    // retry after the (fake) minute is accepted.
    void transientThenSuccess()
    {
        ScriptedServer server;
        scriptEnvelope(server);
        server.expectDataUntil(".")
            .sendLine("451 4.3.0 try again later")
            .expectLine("QUIT")
            .sendLine("221 bye")
            .close();
        scriptEnvelope(server);
        server.expectDataUntil(".")
            .sendLine("250 2.0.0 queued")
            .expectLine("QUIT")
            .sendLine("221 bye")
            .close();
        QVERIFY(server.listen());

        auto service = makeService();
        const QUuid account = addScriptedAccount(server.port());
        QSignalSpy deferred(service.get(), &OutboxService::deferred);
        QSignalSpy sent(service.get(), &OutboxService::sent);
        const QByteArray message = simpleMessage(QStringLiteral("retry"));
        const qint64 id = service->enqueue(
            account, message,
            {QString(), {QStringLiteral("you@example.test")}, QStringLiteral("retry")});
        QVERIFY(id > 0);
        QVERIFY(deferred.wait(20000));
        std::optional<OutboxEntry> e = m_context->store().outboxEntry(id);
        QCOMPARE(e->state, OutboxEntry::State::Queued);
        QCOMPARE(e->attempts, 1);
        QCOMPARE(e->nextAttempt, m_clock.now().addSecs(60));
        QVERIFY2(e->lastError.contains(QStringLiteral("451")), qPrintable(e->lastError));
        QCOMPARE(deferred.first().at(2).toDateTime(), m_clock.now().addSecs(60));

        QCOMPARE(service->processDue(), 0); // not yet
        m_clock.advance(59);
        QCOMPARE(service->processDue(), 0);
        m_clock.advance(1);
        QCOMPARE(service->processDue(), 1);
        QVERIFY(sent.wait(20000));
        e = m_context->store().outboxEntry(id);
        QCOMPARE(e->state, OutboxEntry::State::Sent);
        QCOMPARE(e->attempts, 2);
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 20000);
        QVERIFY2(server.failures().isEmpty(), qPrintable(server.failures().join(u'\n')));
        QCOMPARE(server.connectionCount(), 2);
        // What the second connection carried after DATA is the message.
        QByteArray body;
        for (const ScriptedServer::ReceivedLine &line : server.receivedLines()) {
            if (line.connection == 2)
                body += line.line + "\r\n";
        }
        QVERIFY(body.contains(message));
    }

    // 550 at RCPT: failed for good with the server's words; a resend by the user tries again.
    void permanentRefusal()
    {
        ScriptedServer server;
        server.sendLine("220 fake ESMTP")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250 fake")
            .expectMatch(QStringLiteral("^MAIL FROM:<me@example.test>"))
            .sendLine("250 2.1.0 ok")
            .expectLine("RCPT TO:<you@example.test>")
            .sendLine("550 5.1.1 <you@example.test>: mailbox unavailable")
            .expectLine("RSET")
            .sendLine("250 ok")
            .expectLine("QUIT")
            .sendLine("221 bye")
            .close();
        QVERIFY(server.listen());

        auto service = makeService();
        const QUuid account = addScriptedAccount(server.port());
        QSignalSpy failed(service.get(), &OutboxService::failed);
        const qint64 id = service->enqueue(
            account, simpleMessage(QStringLiteral("perm")),
            {QString(), {QStringLiteral("you@example.test")}, QStringLiteral("perm")});
        QVERIFY(id > 0);
        QVERIFY(failed.wait(20000));
        const std::optional<OutboxEntry> e = m_context->store().outboxEntry(id);
        QCOMPARE(e->state, OutboxEntry::State::Failed);
        QCOMPARE(e->attempts, 1);
        QVERIFY2(e->lastError.contains(QStringLiteral("mailbox unavailable")),
                 qPrintable(e->lastError));
        m_clock.advance(7200);
        QCOMPARE(service->processDue(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 20000);
        QVERIFY2(server.failures().isEmpty(), qPrintable(server.failures().join(u'\n')));

        // Discard removes the row and the file (nothing else refers to it).
        const QString sha = e->sha256;
        QVERIFY(service->discard(id));
        QVERIFY(!m_context->store().outboxEntry(id));
        QVERIFY(!m_context->store().messageFiles().contains(sha));
    }

    // The server goes away in the middle of DATA: transient, queued for later, nothing lost.
    void serverVanishesMidData()
    {
        ScriptedServer server;
        scriptEnvelope(server);
        server.close();
        QVERIFY(server.listen());

        auto service = makeService();
        const QUuid account = addScriptedAccount(server.port());
        QSignalSpy deferred(service.get(), &OutboxService::deferred);
        // Large enough that the body is still on its way when the server closes.
        Mime::MessageBuilder b;
        b.setFrom({QString(), QStringLiteral("me@example.test")});
        b.setTo({{QString(), QStringLiteral("you@example.test")}});
        b.setSubject(QStringLiteral("vanish"));
        b.setTextBody(QStringLiteral("x\n"));
        b.addAttachmentData(QByteArray(2 * 1024 * 1024, 'a'), QStringLiteral("big.bin"));
        const qint64 id = service->enqueue(
            account, b.toByteArray(),
            {QString(), {QStringLiteral("you@example.test")}, QStringLiteral("vanish")});
        QVERIFY(id > 0);
        QVERIFY(deferred.wait(30000));
        const std::optional<OutboxEntry> e = m_context->store().outboxEntry(id);
        QCOMPARE(e->state, OutboxEntry::State::Queued);
        QCOMPARE(e->attempts, 1);
        QCOMPARE(e->nextAttempt, m_clock.now().addSecs(60));
        QVERIFY(m_context->store().messageFiles().contains(e->sha256));
        QCOMPARE(m_context->store().specialFolder(Folder::SpecialUse::Sent) > 0, true);
        QCOMPARE(m_context->store().messageCount(
                     m_context->store().specialFolder(Folder::SpecialUse::Sent)),
                 0);
    }

    // Nobody listens: connection refused is transient too.
    void connectionRefusedIsTransient()
    {
        quint16 port = 0;
        {
            ScriptedServer probe;
            QVERIFY(probe.listen());
            port = probe.port();
        }
        auto service = makeService();
        const QUuid account = addScriptedAccount(port);
        QSignalSpy deferred(service.get(), &OutboxService::deferred);
        const qint64 id = service->enqueue(
            account, simpleMessage(QStringLiteral("refused")),
            {QString(), {QStringLiteral("you@example.test")}, QStringLiteral("refused")});
        QVERIFY(id > 0);
        QVERIFY(deferred.wait(20000));
        QCOMPARE(m_context->store().outboxEntry(id)->state, OutboxEntry::State::Queued);
    }
};

QTEST_GUILESS_MAIN(tst_OutboxService)
#include "tst_outboxservice.moc"
