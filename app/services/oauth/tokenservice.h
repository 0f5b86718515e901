#pragma once

#include "connectors/oauth/oauthtypes.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QNetworkAccessManager;
class QSettings;

namespace Tributary {

class SecretStore;
class TokenService;

// What the token health view shows for one account (no secrets).
struct TokenHealth
{
    bool known = false; // the account ever signed in with OAuth
    bool signInRequired = false; // refresh failed for good: the user must sign in again
    QString signInReason; // user words of the failure that required it
    QString providerId;
    QStringList grantedScopes;
    QDateTime accessTokenExpiresAt; // UTC
    QDateTime lastRefresh; // UTC; invalid when never refreshed
    QDateTime refreshTokenIssuedAt; // UTC
    int refreshTokenLifetimeDays = 0; // the provider's, 0 = unknown

    // Days since the refresh token was issued (-1 when unknown).
    int refreshTokenAgeDays(const QDateTime &now) const;
    // True when the provider's refresh-token lifetime ends within `warnDays` (or 20% of it,
    // whichever is longer): time to prompt the user to sign in again while it still works.
    bool refreshTokenNearsEnd(const QDateTime &now, int warnDays = 14) const;
};

// One request to the token service. Job shape: finished() exactly once (never from inside
// the TokenService call that made it), error()/errorString()/details(); deletes itself after
// finished() unless setAutoDelete(false).
class TokenRequest : public QObject
{
    Q_OBJECT
public:
    enum class Operation { Save, AccessToken, Revoke };
    Q_ENUM(Operation)

    Operation operation() const { return m_operation; }
    QString accountUuid() const { return m_accountUuid; }
    void setAutoDelete(bool on) { m_autoDelete = on; }

    bool isFinished() const { return m_finished; }
    Oauth::Error::Kind error() const { return m_error.kind; }
    const Oauth::Error &errorValue() const { return m_error; }
    QString errorString() const { return m_error.userMessage(); }
    QString details() const { return m_error.isError() ? m_error.details() : m_details; }
    // AccessToken: the bearer token to send (never log it).
    QString accessToken() const { return m_accessToken; }
    // AccessToken: whether this request refreshed at the provider.
    bool refreshed() const { return m_refreshed; }
    void cancel();

Q_SIGNALS:
    void finished(Tributary::TokenRequest *request);

private:
    friend class TokenService;
    TokenRequest(Operation operation, const QString &accountUuid, QObject *parent);
    void finish(const Oauth::Error &error, const QString &details = QString());

    Operation m_operation;
    QString m_accountUuid;
    QString m_accessToken;
    Oauth::Error m_error;
    QString m_details;
    bool m_refreshed = false;
    bool m_forceRefresh = false;
    bool m_autoDelete = true;
    bool m_finished = false;
};

// OAuth tokens of the accounts (retrieval tasks, SMTP accounts), by account UUID.
//
// Tokens live in the keychain only (SecretStore, kinds OAuthRefreshToken/OAuthAccessToken);
// the settings keep non-secret bookkeeping under "oauthTokens/<uuid>/": the provider's
// endpoints, client id and scopes (so a refresh needs nothing else), granted scopes, expiry,
// last refresh, refresh-token issue date, and the sign-in-required state.
//
//   saveSignIn(uuid, provider, tokens)  after a sign-in (code flow or device grant)
//   accessToken(uuid)                   a valid access token; refreshes when it expires within
//                                       refreshMargin() seconds. accessToken(uuid, true)
//                                       refreshes anyway: call it once after the server
//                                       refused a token, then retry once.
//   revoke(uuid)                        revokes at the provider (RFC 7009, where offered) and
//                                       removes the tokens and bookkeeping (account deleted)
//
// Refreshes of one account are serialised: requests that arrive while a refresh runs get its
// result (a rotated refresh token may only be used once). When the provider refuses the
// refresh token (invalid_grant: revoked, expired, password changed), the account is marked
// "sign in again", signInRequired() is emitted once, the dead tokens are removed, and later
// requests fail with SignInRequired until saveSignIn(). Network failures change nothing
// (retry later). Main thread only.
class TokenService : public QObject
{
    Q_OBJECT
public:
    TokenService(SecretStore &secrets, QSettings &settings, QObject *parent = nullptr);
    ~TokenService() override;

    void setNetworkAccessManager(QNetworkAccessManager *nam) { m_nam = nam; }
    void setRefreshMargin(int seconds) { m_marginSeconds = seconds; }
    int refreshMargin() const { return m_marginSeconds; }

    TokenRequest *saveSignIn(const QString &accountUuid, const Oauth::ProviderConfig &provider,
                             const Oauth::TokenSet &tokens);
    TokenRequest *accessToken(const QString &accountUuid, bool forceRefresh = false);
    TokenRequest *revoke(const QString &accountUuid);

    TokenHealth health(const QString &accountUuid) const;
    bool isSignInRequired(const QString &accountUuid) const;
    // The provider configuration saved at sign-in (endpoints, client id, scopes).
    Oauth::ProviderConfig savedProvider(const QString &accountUuid) const;

Q_SIGNALS:
    // The account's sign-in is no longer accepted; `message` is for the user. Once per loss.
    void signInRequired(const QString &accountUuid, const QString &message);
    void tokensRefreshed(const QString &accountUuid);

private:
    QString group(const QString &accountUuid) const;
    void runAccessToken(TokenRequest *request);
    void startRefresh(const QString &accountUuid);
    void finishRefresh(const QString &accountUuid, const Oauth::Error &error,
                       const QString &accessToken);
    void markSignInRequired(const QString &accountUuid, const Oauth::Error &error);
    void post(TokenRequest *request, const Oauth::Error &error, const QString &details = QString());

    SecretStore &m_secrets;
    QSettings &m_settings;
    QNetworkAccessManager *m_nam = nullptr;
    int m_marginSeconds = 300;
    // Requests waiting for the refresh of their account.
    QHash<QString, QList<QPointer<TokenRequest>>> m_waiting;
};

} // namespace Tributary
