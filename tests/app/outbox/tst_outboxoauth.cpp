// OutboxService with OAuth SMTP accounts, end to end with real servers (fixture dovecot-oauth:
// oidc-provider, and an SMTP server that checks XOAUTH2 tokens by introspection). Real sign-ins
// through the code flow (signinhelper.h). A token the server refuses is refreshed once and the
// send tried again; an account whose sign-in is gone waits in the Outbox (not failed) with
// "Sign in again", and goes after the next sign-in.
#include "app/services/appcontext.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/outbox/outboxservice.h"
#include "app/services/profile.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "app/services/secretstore.h"
#include "connectors/common/endpoint.h"
#include "models/store.h"
#include "oauthfixture.h"
#include "signinhelper.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

#include <memory>

using namespace Tributary;

class tst_OutboxOauth : public QObject
{
    Q_OBJECT

    QString m_oauthCa, m_spool;
    quint16 m_port = 0;
    QList<QSslCertificate> m_smtpCa;
    Oauth::ProviderConfig m_provider;
    SystemClock m_clock;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<TokenService> m_tokens;
    std::unique_ptr<OutboxService> m_outbox;

    TokenRequest *waitFor(TokenRequest *request)
    {
        request->setAutoDelete(false);
        QSignalSpy done(request, &TokenRequest::finished);
        if (!request->isFinished())
            done.wait(30000);
        return request;
    }
    QUuid addOauthAccount(const QString &user, const QByteArray &pinnedSha256 = QByteArray())
    {
        SmtpAccount a = fixtureOAuthSmtpAccount(m_port, user);
        a.pinnedSha256 = pinnedSha256;
        if (!m_context->store().insertSmtpAccount(a))
            return QUuid();
        return a.uuid;
    }
    bool saveTokens(const QUuid &account, const Oauth::TokenSet &tokens)
    {
        std::unique_ptr<TokenRequest> save(waitFor(
            m_tokens->saveSignIn(account.toString(QUuid::WithoutBraces), m_provider, tokens)));
        return save->isFinished() && save->error() == Oauth::Error::Kind::None;
    }
    static QByteArray message(const QString &from, const QString &subject)
    {
        return "From: " + from.toUtf8() + "\r\nTo: you@example.test\r\nSubject: " + subject.toUtf8()
            + "\r\nMessage-ID: <" + QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8()
            + "@example.test>\r\n\r\nSent with a bearer token.\r\n";
    }
    qint64 enqueue(const QUuid &account, const QByteArray &bytes, const QString &subject,
                   OutboxService *outbox = nullptr)
    {
        OutboxService::Envelope envelope;
        envelope.recipients = {QStringLiteral("you@example.test")};
        envelope.subject = subject;
        QString error;
        const qint64 id
            = (outbox ? outbox : m_outbox.get())->enqueue(account, bytes, envelope, &error);
        if (id <= 0)
            qWarning() << error;
        return id;
    }
    bool inSpool(const QByteArray &bytes) const
    {
        const QStringList files = QDir(m_spool).entryList({QStringLiteral("*.eml")}, QDir::Files);
        for (const QString &name : files) {
            QFile f(m_spool + QLatin1Char('/') + name);
            if (f.open(QIODevice::ReadOnly) && f.readAll() == bytes)
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString port, smtpCa;
        TRIBUTARY_REQUIRE_ENV(m_oauthCa, "dovecot-oauth", "OAUTH_CA");
        TRIBUTARY_REQUIRE_ENV(port, "dovecot-oauth", "SMTP_PORT");
        TRIBUTARY_REQUIRE_ENV(smtpCa, "dovecot-oauth", "SMTP_CA");
        TRIBUTARY_REQUIRE_ENV(m_spool, "dovecot-oauth", "SMTP_SPOOL");
        m_port = port.toUShort();
        m_smtpCa = QSslCertificate::fromPath(smtpCa);
        QVERIFY(!m_smtpCa.isEmpty());
        m_provider = fixtureProvider(QStringLiteral("dovecot-oauth"));
        QVERIFY(m_provider.isValid());
    }
    void init()
    {
        QString error;
        m_context
            = AppContext::open(Profile(TestEnv::scratchDir(QStringLiteral("outboxoauth"))), &error);
        QVERIFY2(m_context, qPrintable(error));
        m_context->secrets().setServiceName(QStringLiteral("Tributary-test-outboxoauth"));
        m_outbox = std::make_unique<OutboxService>(m_context->store(), m_context->secrets(),
                                                   m_clock, &m_context->log());
        m_outbox->setTimeoutMs(20000);
        const QList<QSslCertificate> ca = m_smtpCa;
        m_outbox->setEndpointDecorator([ca](Net::Endpoint &e) { e.extraCaCertificates = ca; });
        m_tokens = std::make_unique<TokenService>(m_context->secrets(), m_context->settings());
        m_outbox->setTokenService(m_tokens.get());
    }
    void cleanup()
    {
        m_outbox.reset();
        m_tokens.reset();
        m_context.reset();
    }

    // The stored access token is one the server does not accept (as after a revocation of
    // that token alone): 535, one forced refresh, the second try is accepted.
    void refusedTokenRefreshedOnceThenSent()
    {
        const QString user = QStringLiteral("ouser31");
        const QUuid account = addOauthAccount(user);
        QVERIFY(!account.isNull());
        Oauth::TokenSet tokens
            = fixtureSignIn(m_provider, m_oauthCa, user, QStringLiteral("opw-31"));
        QVERIFY(!tokens.accessToken.isEmpty());
        QVERIFY(!tokens.refreshToken.isEmpty());
        tokens.accessToken = QStringLiteral("not-a-token-the-server-knows");
        QVERIFY(saveTokens(account, tokens));

        QSignalSpy sent(m_outbox.get(), &OutboxService::sent);
        QSignalSpy failed(m_outbox.get(), &OutboxService::failed);
        QSignalSpy deferred(m_outbox.get(), &OutboxService::deferred);
        const QByteArray bytes
            = message(user + QStringLiteral("@example.test"), QStringLiteral("Bearer"));
        const qint64 id = enqueue(account, bytes, QStringLiteral("Bearer"));
        QVERIFY(id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty() || !failed.isEmpty() || !deferred.isEmpty(),
                                 60000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
        QVERIFY2(deferred.isEmpty(), qPrintable(deferred.value(0).value(1).toString()));
        QCOMPARE(sent.first().at(0).toLongLong(), id);
        QVERIFY(inSpool(bytes));
        const TokenHealth health = m_tokens->health(account.toString(QUuid::WithoutBraces));
        QVERIFY(health.lastRefresh.isValid()); // the forced refresh happened
        QCOMPARE(m_context->store().outboxEntry(id)->attempts, 1);
    }

    // Neither the access token nor the refresh token is accepted any more: the entry waits
    // with "Sign in again to send from …" (queued, not failed). After a new sign-in, the
    // fresh tokens send it.
    void signInRequiredWaitsThenSends()
    {
        const QString user = QStringLiteral("ouser32");
        const QUuid account = addOauthAccount(user);
        QVERIFY(!account.isNull());
        Oauth::TokenSet dead = fixtureSignIn(m_provider, m_oauthCa, user, QStringLiteral("opw-32"));
        QVERIFY(!dead.accessToken.isEmpty());
        dead.accessToken = QStringLiteral("dead-access-token");
        dead.refreshToken = QStringLiteral("dead-refresh-token");
        QVERIFY(saveTokens(account, dead));

        QSignalSpy sent(m_outbox.get(), &OutboxService::sent);
        QSignalSpy failed(m_outbox.get(), &OutboxService::failed);
        QSignalSpy deferred(m_outbox.get(), &OutboxService::deferred);
        const QByteArray bytes = message(user + QStringLiteral("@example.test"),
                                         QStringLiteral("Waiting for a sign-in"));
        const qint64 id = enqueue(account, bytes, QStringLiteral("Waiting for a sign-in"));
        QVERIFY(id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty() || !failed.isEmpty() || !deferred.isEmpty(),
                                 60000);
        QVERIFY(failed.isEmpty());
        QVERIFY(sent.isEmpty());
        QCOMPARE(deferred.size(), 1);
        const QString words = deferred.first().at(1).toString();
        QCOMPARE(words, QStringLiteral("Sign in again to send from ouser32@example.test."));
        const std::optional<OutboxEntry> waiting = m_context->store().outboxEntry(id);
        QVERIFY(waiting);
        QCOMPARE(waiting->state, OutboxEntry::State::Queued);
        QCOMPARE(waiting->lastError, words);
        QVERIFY(m_tokens->isSignInRequired(account.toString(QUuid::WithoutBraces)));

        const Oauth::TokenSet fresh
            = fixtureSignIn(m_provider, m_oauthCa, user, QStringLiteral("opw-32"));
        QVERIFY(!fresh.accessToken.isEmpty());
        QVERIFY(saveTokens(account, fresh));
        QVERIFY(m_outbox->resend(id));
        QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty() || !failed.isEmpty() || deferred.size() > 1,
                                 60000);
        QVERIFY2(sent.size() == 1, qPrintable(deferred.last().at(1).toString()));
        QVERIFY(inSpool(bytes));
        QCOMPARE(m_context->store().outboxEntry(id)->state, OutboxEntry::State::Sent);
    }

    // The application's own Outbox (AppContext) takes the tokens of the application's
    // TokenService. Its endpoints have no test CA: the account pins the server's certificate.
    void contextOutboxUsesTheContextsTokens()
    {
        const QString user = QStringLiteral("ouser33");
        const QUuid account = addOauthAccount(user, Net::fingerprintSha256(m_smtpCa.first()));
        QVERIFY(!account.isNull());
        const Oauth::TokenSet tokens
            = fixtureSignIn(m_provider, m_oauthCa, user, QStringLiteral("opw-33"));
        QVERIFY(!tokens.accessToken.isEmpty());
        std::unique_ptr<TokenRequest> save(waitFor(m_context->tokenService().saveSignIn(
            account.toString(QUuid::WithoutBraces), m_provider, tokens)));
        QCOMPARE(save->error(), Oauth::Error::Kind::None);

        OutboxService &outbox = m_context->outbox();
        QSignalSpy sent(&outbox, &OutboxService::sent);
        QSignalSpy failed(&outbox, &OutboxService::failed);
        QSignalSpy deferred(&outbox, &OutboxService::deferred);
        const QString subject = QStringLiteral("From the application");
        const QByteArray bytes = message(user + QStringLiteral("@example.test"), subject);
        const qint64 id = enqueue(account, bytes, subject, &outbox);
        QVERIFY(id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty() || !failed.isEmpty() || !deferred.isEmpty(),
                                 60000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
        QVERIFY2(deferred.isEmpty(), qPrintable(deferred.value(0).value(1).toString()));
        QCOMPARE(sent.first().at(0).toLongLong(), id);
        QVERIFY(inSpool(bytes));
    }
};

QTEST_GUILESS_MAIN(tst_OutboxOauth)
#include "tst_outboxoauth.moc"
