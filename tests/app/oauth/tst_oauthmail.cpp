// End to end with real servers (fixture dovecot-oauth): sign in at oidc-provider, keep the
// tokens with TokenService, log in to Dovecot over IMAP with XOAUTH2 (Dovecot checks the
// token by introspection), let the short-lived access token expire, get a refreshed one
// automatically and read the mailbox again; then the server revokes the grant and the
// account asks to sign in again, its settings kept.
#include "app/services/oauth/tokenservice.h"
#include "app/services/secretstore.h"
#include "connectors/imap/imapauthjobs.h"
#include "connectors/imap/imapmailboxjobs.h"
#include "connectors/imap/imapmessagejobs.h"
#include "connectors/imap/imapsession.h"
#include "connectors/smtp/session.h"
#include "connectors/smtp/verifyjob.h"
#include "oauthfixture.h"
#include "signinhelper.h"

#include <QNetworkReply>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace Tributary;
using Oauth::Error;

class TstOauthMail : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void imapWithRefreshAndRevocation();
    void smtpWithTheAccountsToken();

private:
    // XOAUTH2 login + SELECT INBOX; true when both worked. *exists gets the message count.
    // With `append`, stores that message in INBOX first (as the mail that waits there).
    bool imapRead(const QString &user, const QString &token, quint32 *exists = nullptr,
                  const QByteArray &append = QByteArray());
    TokenRequest *waitFor(TokenRequest *request);

    QString m_ca;
    Net::Endpoint m_imap;
    QString m_control;
    Oauth::ProviderConfig m_provider;
};

void TstOauthMail::initTestCase()
{
    TRIBUTARY_REQUIRE_ENV(m_ca, "dovecot-oauth", "OAUTH_CA");
    TRIBUTARY_REQUIRE_ENV(m_control, "dovecot-oauth", "OAUTH_TEST_CONTROL");
    QString port, dovecotCa;
    TRIBUTARY_REQUIRE_ENV(port, "dovecot-oauth", "IMAP_PORT");
    TRIBUTARY_REQUIRE_ENV(dovecotCa, "dovecot-oauth", "CA");
    m_imap.host = QStringLiteral("127.0.0.1");
    m_imap.port = port.toUShort();
    m_imap.security = Net::Security::StartTls;
    m_imap.extraCaCertificates = QSslCertificate::fromPath(dovecotCa);
    m_imap.timeoutMs = 20000;
    // Access tokens of this client live OAUTH_SHORT_TTL (10) seconds.
    m_provider
        = fixtureProvider(QStringLiteral("dovecot-oauth"), QStringLiteral("OAUTH_SHORT_CLIENT_ID"));
    QVERIFY(m_provider.isValid());
}

bool TstOauthMail::imapRead(const QString &user, const QString &token, quint32 *exists,
                            const QByteArray &append)
{
    Imap::Session session;
    session.setEndpoint(m_imap);
    auto *auth = new Imap::AuthenticateJob(&session);
    Net::Sasl::Credentials credentials;
    credentials.user = user;
    credentials.accessToken = token;
    auth->setCredentials(credentials);
    auth->setMechanism(Net::Sasl::Mechanism::XOAuth2);
    Imap::AppendJob *store = nullptr;
    if (!append.isEmpty()) {
        store = new Imap::AppendJob(&session);
        store->setMailbox(QStringLiteral("INBOX"));
        store->setMessage(append);
    }
    auto *select = new Imap::SelectJob(&session);
    select->setMailbox(QStringLiteral("INBOX"));
    QSignalSpy done(select, &Net::Job::finished);
    auth->start();
    if (store)
        store->start();
    select->start();
    if (!done.wait(30000))
        return false;
    if (exists)
        *exists = select->exists();
    return auth->error() == Net::Error::Kind::None && select->error() == Net::Error::Kind::None
        && (!store || store->error() == Net::Error::Kind::None);
}

TokenRequest *TstOauthMail::waitFor(TokenRequest *request)
{
    request->setAutoDelete(false);
    QSignalSpy done(request, &TokenRequest::finished);
    if (!request->isFinished())
        done.wait(30000);
    return request;
}

void TstOauthMail::imapWithRefreshAndRevocation()
{
    const QString user = QStringLiteral("ouser10");
    const QString dir = TestEnv::scratchDir(QStringLiteral("tst_oauthmail"));
    QSettings settings(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat);
    SecretStore secrets(settings);
    secrets.setServiceName(QStringLiteral("TributaryTest-oauthmail"));
    TokenService service(secrets, settings);
    service.setRefreshMargin(1);
    const QString account = QStringLiteral("task-oauth-imap");

    const Oauth::TokenSet tokens = fixtureSignIn(m_provider, m_ca, user, QStringLiteral("opw-10"));
    QVERIFY(!tokens.accessToken.isEmpty());
    std::unique_ptr<TokenRequest> save(waitFor(service.saveSignIn(account, m_provider, tokens)));
    QVERIFY2(save->error() == Error::Kind::None, qPrintable(save->details()));

    std::unique_ptr<TokenRequest> first(waitFor(service.accessToken(account)));
    QVERIFY2(first->error() == Error::Kind::None, qPrintable(first->details()));
    // The mailbox may hold this test's message from an earlier pass (ctest --repeat).
    quint32 before = 0;
    QVERIFY(imapRead(user, first->accessToken(), &before));
    quint32 exists = 0;
    const QByteArray message = "From: a@example.test\r\nTo: ouser10@example.test\r\n"
                               "Subject: oauth e2e\r\n\r\nhello\r\n";
    QVERIFY(imapRead(user, first->accessToken(), &exists, message));
    QCOMPARE(exists, before + 1);

    // The access token expires; Dovecot refuses it then.
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc()
                                 > service.health(account).accessTokenExpiresAt.addSecs(1),
                             60000);
    QVERIFY(!imapRead(user, first->accessToken()));

    // The service notices the expiry and refreshes; retrieval works again.
    std::unique_ptr<TokenRequest> second(waitFor(service.accessToken(account)));
    QVERIFY2(second->error() == Error::Kind::None, qPrintable(second->details()));
    QVERIFY(second->refreshed());
    QVERIFY(second->accessToken() != first->accessToken());
    QVERIFY(imapRead(user, second->accessToken(), &exists));
    QCOMPARE(exists, before + 1);

    // The provider revokes the grant (password changed, admin action).
    QSignalSpy lost(&service, &TokenService::signInRequired);
    {
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(m_control + QStringLiteral("/revoke-account")));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *reply = nam.post(request, QByteArray("account=") + user.toUtf8());
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(15000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        delete reply;
    }
    QVERIFY(!imapRead(user, second->accessToken()));
    // After the server refused the token: one forced refresh, which fails for good.
    std::unique_ptr<TokenRequest> third(waitFor(service.accessToken(account, true)));
    QCOMPARE(third->error(), Error::Kind::InvalidGrant);
    QCOMPARE(lost.count(), 1);
    QVERIFY(service.isSignInRequired(account));
    // Nothing lost: the mail is still there for the next sign-in, the settings kept.
    QCOMPARE(service.savedProvider(account).clientId, m_provider.clientId);
    const Oauth::TokenSet again = fixtureSignIn(m_provider, m_ca, user, QStringLiteral("opw-10"));
    delete waitFor(service.saveSignIn(account, m_provider, again));
    std::unique_ptr<TokenRequest> fourth(waitFor(service.accessToken(account)));
    QVERIFY2(fourth->error() == Error::Kind::None, qPrintable(fourth->details()));
    QVERIFY(imapRead(user, fourth->accessToken(), &exists));
    QCOMPARE(exists, before + 1);
}

// SMTP AUTH XOAUTH2 with the token the service hands out. The fixture's SMTP server checks
// bearer tokens by RFC 7662 introspection at the OAuth server, as Dovecot does.
void TstOauthMail::smtpWithTheAccountsToken()
{
    QString port, ca, introspection;
    TRIBUTARY_REQUIRE_ENV(port, "dovecot-oauth", "SMTP_PORT");
    TRIBUTARY_REQUIRE_ENV(ca, "dovecot-oauth", "SMTP_CA");
    TRIBUTARY_REQUIRE_ENV(introspection, "dovecot-oauth", "SMTP_INTROSPECTION");
    QCOMPARE(introspection, QStringLiteral("1"));
    const QString user = QStringLiteral("ouser11");
    const QString dir = TestEnv::scratchDir(QStringLiteral("tst_oauthmail_smtp"));
    QSettings settings(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat);
    SecretStore secrets(settings);
    secrets.setServiceName(QStringLiteral("TributaryTest-oauthmail"));
    TokenService service(secrets, settings);
    const QString account = QStringLiteral("smtp-oauth-account");
    const Oauth::TokenSet tokens = fixtureSignIn(m_provider, m_ca, user, QStringLiteral("opw-11"));
    QVERIFY(!tokens.accessToken.isEmpty());
    delete waitFor(service.saveSignIn(account, m_provider, tokens));
    std::unique_ptr<TokenRequest> get(waitFor(service.accessToken(account)));
    QVERIFY2(get->error() == Error::Kind::None, qPrintable(get->details()));
    Net::Endpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = port.toUShort();
    endpoint.security = Net::Security::StartTls;
    endpoint.extraCaCertificates = QSslCertificate::fromPath(ca);
    endpoint.timeoutMs = 20000;
    auto verify = [&](const QString &token, Net::Error *error) {
        Smtp::Session session;
        session.setEndpoint(endpoint);
        Net::Sasl::Credentials credentials;
        credentials.user = user;
        credentials.accessToken = token;
        session.setCredentials(credentials);
        session.setPreferredMechanism(Net::Sasl::Mechanism::XOAuth2);
        auto *job = new Smtp::VerifyJob(&session);
        QSignalSpy done(job, &Net::Job::finished);
        job->start();
        if (!done.wait(30000))
            return false;
        *error = job->errorValue();
        return job->error() == Net::Error::Kind::None;
    };
    Net::Error error;
    QVERIFY2(verify(get->accessToken(), &error), qPrintable(error.details()));
    // A token the server does not know: refused with 535, which reads as "sign in again".
    QVERIFY(!verify(QStringLiteral("not-a-token"), &error));
    QCOMPARE(error.kind, Net::Error::Kind::Authentication);
    QVERIFY2(error.serverReply.contains(QStringLiteral("not accepted")),
             qPrintable(error.details()));
    QCOMPARE(Oauth::classifySmtpAuthReply(535, error.serverReply).kind,
             Error::Kind::SignInRequired);
}

QTEST_GUILESS_MAIN(TstOauthMail)
#include "tst_oauthmail.moc"
