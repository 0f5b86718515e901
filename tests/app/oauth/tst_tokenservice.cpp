// TokenService against the real OAuth fixture (oidc-provider) and the test session's
// gnome-keyring: tokens saved in the keychain, refreshed before expiry with rotation,
// refreshes serialised, "sign in again" after the server revoked the grant, revocation on
// delete, and no token ever in the settings file.
#include "app/services/oauth/tokenservice.h"
#include "app/services/secretstore.h"
#include "connectors/oauth/oauthjobs.h"
#include "oauthfixture.h"
#include "signinhelper.h"

#include <QDirIterator>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Tributary;
using Oauth::Error;

class TstTokenService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void saveThenUseTheSavedToken();
    void refreshBeforeExpiryRotatesTheRefreshToken();
    void concurrentRequestsShareOneRefresh();
    void revokedByTheServerAsksToSignInAgain();
    void revokeOnDelete();
    void tokenHealthWarnsBeforeLifetimeEnds();
    void noTokenInTheProfileFiles();

private:
    Oauth::TokenSet signIn(const QString &user, const QString &password);
    TokenRequest *waitFor(TokenRequest *request);
    QByteArray keychainRead(SecretKind kind, SecretJob::Error *error = nullptr);
    bool serverRevokesAccount(const QString &user);

    QString m_ca;
    QString m_control;
    Oauth::ProviderConfig m_provider;
    QString m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<TokenService> m_service;
    QString m_uuid;
    QStringList m_seenTokens;
};

void TstTokenService::initTestCase()
{
    TRIBUTARY_REQUIRE_ENV(m_ca, "oauth", "OAUTH_CA");
    TRIBUTARY_REQUIRE_ENV(m_control, "oauth", "OAUTH_TEST_CONTROL");
    m_provider = fixtureProvider(QStringLiteral("oauth"));
    m_provider.refreshTokenLifetimeDays = 90;
    QVERIFY(m_provider.isValid());
    m_dir = TestEnv::scratchDir(QStringLiteral("tst_tokenservice"));
    m_settings = std::make_unique<QSettings>(m_dir + QStringLiteral("/settings.ini"),
                                             QSettings::IniFormat);
    m_secrets = std::make_unique<SecretStore>(*m_settings);
    m_secrets->setServiceName(QStringLiteral("TributaryTest-tokenservice"));
}

void TstTokenService::init()
{
    m_service = std::make_unique<TokenService>(*m_secrets, *m_settings);
    m_uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void TstTokenService::cleanup()
{
    m_service.reset();
}

Oauth::TokenSet TstTokenService::signIn(const QString &user, const QString &password)
{
    const Oauth::TokenSet tokens = fixtureSignIn(m_provider, m_ca, user, password);
    m_seenTokens << tokens.accessToken << tokens.refreshToken;
    return tokens;
}

TokenRequest *TstTokenService::waitFor(TokenRequest *request)
{
    request->setAutoDelete(false);
    QSignalSpy done(request, &TokenRequest::finished);
    if (!request->isFinished())
        done.wait(30000);
    if (!request->accessToken().isEmpty())
        m_seenTokens << request->accessToken();
    return request;
}

QByteArray TstTokenService::keychainRead(SecretKind kind, SecretJob::Error *error)
{
    SecretJob *job = m_secrets->read(kind, m_uuid);
    job->setAutoDelete(false);
    QSignalSpy done(job, &SecretJob::finished);
    done.wait(15000);
    const QByteArray secret = job->secret();
    if (error)
        *error = job->error();
    delete job;
    if (!secret.isEmpty())
        m_seenTokens << QString::fromUtf8(secret);
    return secret;
}

bool TstTokenService::serverRevokesAccount(const QString &user)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(m_control + QStringLiteral("/revoke-account")));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = nam.post(request, QByteArray("account=") + user.toUtf8());
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(15000);
    const bool ok
        = reply->error() == QNetworkReply::NoError && reply->readAll().contains("revoked");
    delete reply;
    return ok;
}

void TstTokenService::saveThenUseTheSavedToken()
{
    const Oauth::TokenSet tokens = signIn(QStringLiteral("ouser3"), QStringLiteral("opw-3"));
    QVERIFY(!tokens.refreshToken.isEmpty());
    std::unique_ptr<TokenRequest> save(waitFor(m_service->saveSignIn(m_uuid, m_provider, tokens)));
    QVERIFY2(save->error() == Error::Kind::None, qPrintable(save->details()));
    QCOMPARE(keychainRead(SecretKind::OAuthRefreshToken), tokens.refreshToken.toUtf8());
    QCOMPARE(keychainRead(SecretKind::OAuthAccessToken), tokens.accessToken.toUtf8());

    std::unique_ptr<TokenRequest> get(waitFor(m_service->accessToken(m_uuid)));
    QVERIFY2(get->error() == Error::Kind::None, qPrintable(get->details()));
    QCOMPARE(get->accessToken(), tokens.accessToken);
    QVERIFY(!get->refreshed());

    const TokenHealth h = m_service->health(m_uuid);
    QVERIFY(h.known);
    QVERIFY(!h.signInRequired);
    QVERIFY(h.grantedScopes.contains(QStringLiteral("mail.imap")));
    QCOMPARE(h.accessTokenExpiresAt, tokens.accessTokenExpiresAt);
    QVERIFY(h.refreshTokenIssuedAt.isValid());
    QCOMPARE(h.refreshTokenAgeDays(QDateTime::currentDateTimeUtc()), 0);
    QVERIFY(!h.lastRefresh.isValid());
    QCOMPARE(m_service->savedProvider(m_uuid).clientId, m_provider.clientId);

    // An account that never signed in.
    std::unique_ptr<TokenRequest> none(waitFor(m_service->accessToken(QStringLiteral("nobody"))));
    QCOMPARE(none->error(), Error::Kind::SignInRequired);
}

void TstTokenService::refreshBeforeExpiryRotatesTheRefreshToken()
{
    const Oauth::TokenSet tokens = signIn(QStringLiteral("ouser3"), QStringLiteral("opw-3"));
    delete waitFor(m_service->saveSignIn(m_uuid, m_provider, tokens));
    QSignalSpy refreshed(m_service.get(), &TokenService::tokensRefreshed);
    // The token lives an hour; a margin longer than that makes it "about to expire".
    m_service->setRefreshMargin(2 * 3600);
    std::unique_ptr<TokenRequest> get(waitFor(m_service->accessToken(m_uuid)));
    QVERIFY2(get->error() == Error::Kind::None, qPrintable(get->details()));
    QVERIFY(get->refreshed());
    QVERIFY(get->accessToken() != tokens.accessToken);
    QCOMPARE(refreshed.count(), 1);
    const QByteArray newRefresh = keychainRead(SecretKind::OAuthRefreshToken);
    QVERIFY(!newRefresh.isEmpty());
    QVERIFY(newRefresh != tokens.refreshToken.toUtf8());
    QCOMPARE(keychainRead(SecretKind::OAuthAccessToken), get->accessToken().toUtf8());
    QVERIFY(m_service->health(m_uuid).lastRefresh.isValid());

    // The rotated-away refresh token is dead at the server.
    Oauth::RefreshJob old;
    old.setProvider(m_provider);
    old.setRefreshToken(tokens.refreshToken);
    QSignalSpy oldDone(&old, &Oauth::RefreshJob::finished);
    old.start();
    QVERIFY(oldDone.wait(20000));
    QCOMPARE(old.error(), Error::Kind::InvalidGrant);
}

void TstTokenService::concurrentRequestsShareOneRefresh()
{
    const Oauth::TokenSet tokens = signIn(QStringLiteral("ouser4"), QStringLiteral("opw-4"));
    delete waitFor(m_service->saveSignIn(m_uuid, m_provider, tokens));
    QSignalSpy refreshed(m_service.get(), &TokenService::tokensRefreshed);
    TokenRequest *a = m_service->accessToken(m_uuid, true);
    TokenRequest *b = m_service->accessToken(m_uuid, true);
    TokenRequest *c = m_service->accessToken(m_uuid);
    for (TokenRequest *r : {a, b, c})
        r->setAutoDelete(false); // they all finish together, while the test waits for a
    std::unique_ptr<TokenRequest> ra(waitFor(a)), rb(waitFor(b)), rc(waitFor(c));
    QVERIFY2(ra->error() == Error::Kind::None, qPrintable(ra->details()));
    QCOMPARE(rb->error(), Error::Kind::None);
    QCOMPARE(rc->error(), Error::Kind::None);
    QCOMPARE(rb->accessToken(), ra->accessToken());
    QCOMPARE(rc->accessToken(), ra->accessToken());
    QCOMPARE(refreshed.count(), 1);
    // Had two refreshes used the same refresh token, the server would have revoked the
    // grant; the next refresh still works.
    std::unique_ptr<TokenRequest> again(waitFor(m_service->accessToken(m_uuid, true)));
    QVERIFY2(again->error() == Error::Kind::None, qPrintable(again->details()));
    QCOMPARE(refreshed.count(), 2);
}

void TstTokenService::revokedByTheServerAsksToSignInAgain()
{
    const Oauth::TokenSet tokens = signIn(QStringLiteral("ouser5"), QStringLiteral("opw-5"));
    delete waitFor(m_service->saveSignIn(m_uuid, m_provider, tokens));
    QSignalSpy lost(m_service.get(), &TokenService::signInRequired);
    QVERIFY(serverRevokesAccount(QStringLiteral("ouser5")));

    std::unique_ptr<TokenRequest> get(waitFor(m_service->accessToken(m_uuid, true)));
    QCOMPARE(get->error(), Error::Kind::InvalidGrant);
    QVERIFY(get->accessToken().isEmpty());
    QCOMPARE(lost.count(), 1);
    QCOMPARE(lost.at(0).at(0).toString(), m_uuid);
    QVERIFY(lost.at(0).at(1).toString().contains(QStringLiteral("sign in again")));
    QVERIFY(m_service->isSignInRequired(m_uuid));
    const TokenHealth h = m_service->health(m_uuid);
    QVERIFY(h.signInRequired);
    QVERIFY(!h.signInReason.isEmpty());
    // The account's OAuth settings stay; only the dead tokens are gone.
    QCOMPARE(m_service->savedProvider(m_uuid).clientId, m_provider.clientId);
    // The service removes the dead tokens without waiting for the keychain, so a read issued
    // now can still reach gnome-keyring before the removal does: wait until it is gone.
    const auto refreshTokenGone = [this] {
        SecretJob::Error readError = SecretJob::Error::NoError;
        keychainRead(SecretKind::OAuthRefreshToken, &readError);
        return readError == SecretJob::Error::NotFound;
    };
    QTRY_VERIFY_WITH_TIMEOUT(refreshTokenGone(), 30000);

    // Later requests fail at once, without asking the server, and do not signal again.
    std::unique_ptr<TokenRequest> later(waitFor(m_service->accessToken(m_uuid)));
    QCOMPARE(later->error(), Error::Kind::SignInRequired);
    QCOMPARE(lost.count(), 1);

    // Signing in again brings the account back.
    const Oauth::TokenSet again = signIn(QStringLiteral("ouser5"), QStringLiteral("opw-5"));
    delete waitFor(m_service->saveSignIn(m_uuid, m_provider, again));
    QVERIFY(!m_service->isSignInRequired(m_uuid));
    std::unique_ptr<TokenRequest> back(waitFor(m_service->accessToken(m_uuid, true)));
    QVERIFY2(back->error() == Error::Kind::None, qPrintable(back->details()));
}

void TstTokenService::revokeOnDelete()
{
    const Oauth::TokenSet tokens = signIn(QStringLiteral("ouser6"), QStringLiteral("opw-6"));
    delete waitFor(m_service->saveSignIn(m_uuid, m_provider, tokens));
    std::unique_ptr<TokenRequest> revoke(waitFor(m_service->revoke(m_uuid)));
    QVERIFY2(revoke->error() == Error::Kind::None, qPrintable(revoke->details()));
    QVERIFY(revoke->details().contains(QStringLiteral("revoked")));
    SecretJob::Error e1, e2;
    keychainRead(SecretKind::OAuthRefreshToken, &e1);
    keychainRead(SecretKind::OAuthAccessToken, &e2);
    QCOMPARE(e1, SecretJob::Error::NotFound);
    QCOMPARE(e2, SecretJob::Error::NotFound);
    QVERIFY(!m_service->health(m_uuid).known);

    Oauth::RefreshJob refresh;
    refresh.setProvider(m_provider);
    refresh.setRefreshToken(tokens.refreshToken);
    QSignalSpy done(&refresh, &Oauth::RefreshJob::finished);
    refresh.start();
    QVERIFY(done.wait(20000));
    QCOMPARE(refresh.error(), Error::Kind::InvalidGrant);
}

void TstTokenService::tokenHealthWarnsBeforeLifetimeEnds()
{
    TokenHealth h;
    h.refreshTokenLifetimeDays = 90;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    h.refreshTokenIssuedAt = now.addDays(-10);
    QCOMPARE(h.refreshTokenAgeDays(now), 10);
    QVERIFY(!h.refreshTokenNearsEnd(now));
    h.refreshTokenIssuedAt = now.addDays(-75);
    QVERIFY(h.refreshTokenNearsEnd(now));
    h.refreshTokenLifetimeDays = 0; // unknown lifetime: no warning
    QVERIFY(!h.refreshTokenNearsEnd(now));
}

void TstTokenService::noTokenInTheProfileFiles()
{
    m_settings->sync();
    m_seenTokens.removeAll(QString());
    QVERIFY(m_seenTokens.size() >= 10);
    int files = 0;
    QDirIterator it(m_dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        ++files;
        for (const QString &token : std::as_const(m_seenTokens))
            QVERIFY2(!bytes.contains(token.toUtf8()), qPrintable(f.fileName()));
    }
    QVERIFY(files >= 1);
    // The bookkeeping is there, so the grep looked at the right file.
    QFile settings(m_dir + QStringLiteral("/settings.ini"));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(settings.readAll().contains("oauthTokens"));
}

QTEST_GUILESS_MAIN(TstTokenService)
#include "tst_tokenservice.moc"
