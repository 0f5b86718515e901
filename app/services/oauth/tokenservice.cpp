#include "tokenservice.h"

#include "app/services/secretstore.h"
#include "app/services/settingsnames.h"
#include "connectors/oauth/oauthjobs.h"

#include <QSettings>
#include <QTimer>

namespace Tributary {

namespace {
// Keys below SettingsNames::oauthTokensGroup/<uuid>/ (bookkeeping only, never a token).
const QString kProvider = QStringLiteral("provider");
const QString kTokenUrl = QStringLiteral("tokenUrl");
const QString kRevocationUrl = QStringLiteral("revocationUrl");
const QString kClientId = QStringLiteral("clientId");
const QString kScopes = QStringLiteral("scopes");
const QString kTenant = QStringLiteral("tenant");
const QString kGranted = QStringLiteral("grantedScopes");
const QString kExpires = QStringLiteral("accessTokenExpiresAt");
const QString kLastRefresh = QStringLiteral("lastRefresh");
const QString kRefreshIssued = QStringLiteral("refreshTokenIssuedAt");
const QString kLifetime = QStringLiteral("refreshTokenLifetimeDays");
const QString kSignInRequired = QStringLiteral("signInRequired");
const QString kSignInReason = QStringLiteral("signInReason");

Oauth::Error keychainError(const SecretJob *job)
{
    Oauth::Error e(Oauth::Error::Kind::Keychain);
    e.detail = job->errorString();
    return e;
}
} // namespace

int TokenHealth::refreshTokenAgeDays(const QDateTime &now) const
{
    return refreshTokenIssuedAt.isValid() ? int(refreshTokenIssuedAt.daysTo(now)) : -1;
}

bool TokenHealth::refreshTokenNearsEnd(const QDateTime &now, int warnDays) const
{
    if (refreshTokenLifetimeDays <= 0 || !refreshTokenIssuedAt.isValid())
        return false;
    const int warn = qMax(warnDays, refreshTokenLifetimeDays / 5);
    return refreshTokenAgeDays(now) >= refreshTokenLifetimeDays - warn;
}

// ---- TokenRequest

TokenRequest::TokenRequest(Operation operation, const QString &accountUuid, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_accountUuid(accountUuid)
{
}

void TokenRequest::cancel()
{
    finish(Oauth::Error(Oauth::Error::Kind::Cancelled));
}

void TokenRequest::finish(const Oauth::Error &error, const QString &details)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_details = details;
    if (error.isError())
        m_accessToken.clear();
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

// ---- TokenService

TokenService::TokenService(SecretStore &secrets, QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_settings(settings)
{
}

TokenService::~TokenService() = default;

QString TokenService::group(const QString &accountUuid) const
{
    return QString(SettingsNames::oauthTokensGroup) + QLatin1Char('/') + accountUuid
        + QLatin1Char('/');
}

Oauth::ProviderConfig TokenService::savedProvider(const QString &accountUuid) const
{
    const QString g = group(accountUuid);
    Oauth::ProviderConfig p;
    p.id = m_settings.value(g + kProvider).toString();
    p.tokenEndpoint = QUrl(m_settings.value(g + kTokenUrl).toString());
    p.revocationEndpoint = QUrl(m_settings.value(g + kRevocationUrl).toString());
    p.clientId = m_settings.value(g + kClientId).toString();
    p.scopes = m_settings.value(g + kScopes).toStringList();
    p.tenant = m_settings.value(g + kTenant).toString();
    p.refreshTokenLifetimeDays = m_settings.value(g + kLifetime).toInt();
    return p;
}

TokenHealth TokenService::health(const QString &accountUuid) const
{
    const QString g = group(accountUuid);
    TokenHealth h;
    h.known = m_settings.contains(g + kClientId);
    h.signInRequired = m_settings.value(g + kSignInRequired).toBool();
    h.signInReason = m_settings.value(g + kSignInReason).toString();
    h.providerId = m_settings.value(g + kProvider).toString();
    h.grantedScopes = m_settings.value(g + kGranted).toStringList();
    h.accessTokenExpiresAt = m_settings.value(g + kExpires).toDateTime();
    h.lastRefresh = m_settings.value(g + kLastRefresh).toDateTime();
    h.refreshTokenIssuedAt = m_settings.value(g + kRefreshIssued).toDateTime();
    h.refreshTokenLifetimeDays = m_settings.value(g + kLifetime).toInt();
    return h;
}

bool TokenService::isSignInRequired(const QString &accountUuid) const
{
    return m_settings.value(group(accountUuid) + kSignInRequired).toBool();
}

void TokenService::post(TokenRequest *request, const Oauth::Error &error, const QString &details)
{
    QPointer<TokenRequest> guard(request);
    QTimer::singleShot(0, this, [guard, error, details] {
        if (guard)
            guard->finish(error, details);
    });
}

TokenRequest *TokenService::saveSignIn(const QString &accountUuid,
                                       const Oauth::ProviderConfig &provider,
                                       const Oauth::TokenSet &tokens)
{
    auto *request = new TokenRequest(TokenRequest::Operation::Save, accountUuid, this);
    if (accountUuid.isEmpty() || tokens.accessToken.isEmpty()) {
        post(request,
             Oauth::Error(Oauth::Error::Kind::SignInRequired, QString(),
                          QStringLiteral("no account or no access token to save")));
        return request;
    }
    QPointer<TokenRequest> guard(request);
    auto writeAccess = [this, guard, accountUuid, provider, tokens] {
        SecretJob *job = m_secrets.write(SecretKind::OAuthAccessToken, accountUuid,
                                         tokens.accessToken.toUtf8());
        connect(job, &SecretJob::finished, this,
                [this, guard, accountUuid, provider, tokens](SecretJob *j) {
                    if (!guard)
                        return;
                    if (j->error() != SecretJob::Error::NoError) {
                        guard->finish(keychainError(j));
                        return;
                    }
                    const QString g = group(accountUuid);
                    m_settings.remove(QString(SettingsNames::oauthTokensGroup) + QLatin1Char('/')
                                      + accountUuid);
                    m_settings.setValue(g + kProvider, provider.id);
                    m_settings.setValue(g + kTokenUrl, provider.tokenEndpoint.toString());
                    m_settings.setValue(g + kRevocationUrl, provider.revocationEndpoint.toString());
                    m_settings.setValue(g + kClientId, provider.clientId);
                    m_settings.setValue(g + kScopes, provider.scopes);
                    m_settings.setValue(g + kTenant, provider.tenant);
                    m_settings.setValue(g + kLifetime, provider.refreshTokenLifetimeDays);
                    m_settings.setValue(g + kGranted, tokens.grantedScopes);
                    m_settings.setValue(g + kExpires, tokens.accessTokenExpiresAt);
                    m_settings.setValue(g + kRefreshIssued,
                                        tokens.refreshTokenIssuedAt.isValid()
                                            ? tokens.refreshTokenIssuedAt
                                            : tokens.obtainedAt);
                    m_settings.sync();
                    guard->finish(Oauth::Error(),
                                  QStringLiteral("saved sign-in: ") + tokens.redacted());
                });
    };
    if (tokens.refreshToken.isEmpty()) {
        QTimer::singleShot(0, this, writeAccess);
        return request;
    }
    SecretJob *job
        = m_secrets.write(SecretKind::OAuthRefreshToken, accountUuid, tokens.refreshToken.toUtf8());
    connect(job, &SecretJob::finished, this, [guard, writeAccess](SecretJob *j) {
        if (!guard)
            return;
        if (j->error() != SecretJob::Error::NoError) {
            guard->finish(keychainError(j));
            return;
        }
        writeAccess();
    });
    return request;
}

TokenRequest *TokenService::accessToken(const QString &accountUuid, bool forceRefresh)
{
    auto *request = new TokenRequest(TokenRequest::Operation::AccessToken, accountUuid, this);
    request->m_forceRefresh = forceRefresh;
    QPointer<TokenRequest> guard(request);
    // Always asynchronous: finished() never comes from inside this call.
    QTimer::singleShot(0, this, [this, guard] {
        if (guard && !guard->isFinished())
            runAccessToken(guard);
    });
    return request;
}

void TokenService::runAccessToken(TokenRequest *request)
{
    const QString uuid = request->accountUuid();
    const QString g = group(uuid);
    if (isSignInRequired(uuid)) {
        Oauth::Error e(Oauth::Error::Kind::SignInRequired);
        e.detail = m_settings.value(g + kSignInReason).toString();
        request->finish(e);
        return;
    }
    if (!m_settings.contains(g + kClientId)) {
        request->finish(Oauth::Error(Oauth::Error::Kind::SignInRequired, QString(),
                                     QStringLiteral("this account never signed in")));
        return;
    }
    const QDateTime expires = m_settings.value(g + kExpires).toDateTime();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool fresh = expires.isValid() && now.secsTo(expires) > m_marginSeconds;
    if (fresh && !request->m_forceRefresh && !m_waiting.contains(uuid)) {
        QPointer<TokenRequest> guard(request);
        SecretJob *job = m_secrets.read(SecretKind::OAuthAccessToken, uuid);
        connect(job, &SecretJob::finished, this, [this, guard, uuid](SecretJob *j) {
            if (!guard || guard->isFinished())
                return;
            if (j->error() == SecretJob::Error::NoError && !j->secret().isEmpty()) {
                guard->m_accessToken = QString::fromUtf8(j->secret());
                guard->finish(Oauth::Error(), QStringLiteral("saved access token still valid"));
                return;
            }
            if (j->error() != SecretJob::Error::NotFound) {
                guard->finish(keychainError(j));
                return;
            }
            // The saved access token is gone: refresh.
            const bool first = !m_waiting.contains(uuid);
            m_waiting[uuid].append(guard);
            if (first)
                startRefresh(uuid);
        });
        return;
    }
    const bool first = !m_waiting.contains(uuid);
    m_waiting[uuid].append(request);
    if (first)
        startRefresh(uuid);
}

void TokenService::startRefresh(const QString &accountUuid)
{
    SecretJob *read = m_secrets.read(SecretKind::OAuthRefreshToken, accountUuid);
    connect(read, &SecretJob::finished, this, [this, accountUuid](SecretJob *j) {
        if (j->error() == SecretJob::Error::NotFound
            || (j->error() == SecretJob::Error::NoError && j->secret().isEmpty())) {
            Oauth::Error e(Oauth::Error::Kind::SignInRequired, QString(),
                           QStringLiteral("no refresh token saved"));
            markSignInRequired(accountUuid, e);
            finishRefresh(accountUuid, e, QString());
            return;
        }
        if (j->error() != SecretJob::Error::NoError) {
            finishRefresh(accountUuid, keychainError(j), QString());
            return;
        }
        const QString oldRefresh = QString::fromUtf8(j->secret());
        auto *refresh = new Oauth::RefreshJob(this);
        refresh->setProvider(savedProvider(accountUuid));
        refresh->setNetworkAccessManager(m_nam);
        refresh->setRefreshToken(oldRefresh);
        connect(refresh, &Oauth::RefreshJob::finished, this, [this, accountUuid, refresh] {
            refresh->deleteLater();
            const Oauth::Error error = refresh->errorValue();
            switch (error.kind) {
            case Oauth::Error::Kind::None:
                break;
            case Oauth::Error::Kind::InvalidGrant:
            case Oauth::Error::Kind::InvalidClient:
            case Oauth::Error::Kind::SignInRequired:
            case Oauth::Error::Kind::AdminConsentRequired:
            case Oauth::Error::Kind::ConsentDenied:
                markSignInRequired(accountUuid, error);
                finishRefresh(accountUuid, error, QString());
                return;
            default:
                // Network trouble and the like: nothing changes, try again later.
                finishRefresh(accountUuid, error, QString());
                return;
            }
            const Oauth::TokenSet tokens = refresh->tokens();
            const bool rotated = refresh->rotated();
            auto saveAccess = [this, accountUuid, tokens, rotated] {
                SecretJob *w = m_secrets.write(SecretKind::OAuthAccessToken, accountUuid,
                                               tokens.accessToken.toUtf8());
                connect(w, &SecretJob::finished, this,
                        [this, accountUuid, tokens, rotated](SecretJob *wj) {
                            if (wj->error() != SecretJob::Error::NoError) {
                                finishRefresh(accountUuid, keychainError(wj), QString());
                                return;
                            }
                            const QString g = group(accountUuid);
                            m_settings.setValue(g + kExpires, tokens.accessTokenExpiresAt);
                            m_settings.setValue(g + kLastRefresh, tokens.obtainedAt);
                            m_settings.setValue(g + kGranted, tokens.grantedScopes);
                            if (rotated)
                                m_settings.setValue(g + kRefreshIssued, tokens.obtainedAt);
                            m_settings.sync();
                            Q_EMIT tokensRefreshed(accountUuid);
                            finishRefresh(accountUuid, Oauth::Error(), tokens.accessToken);
                        });
            };
            if (!rotated) {
                saveAccess();
                return;
            }
            // The old refresh token is dead now: keep the new one before anything else.
            SecretJob *w = m_secrets.write(SecretKind::OAuthRefreshToken, accountUuid,
                                           tokens.refreshToken.toUtf8());
            connect(w, &SecretJob::finished, this, [this, accountUuid, saveAccess](SecretJob *wj) {
                if (wj->error() != SecretJob::Error::NoError) {
                    finishRefresh(accountUuid, keychainError(wj), QString());
                    return;
                }
                saveAccess();
            });
        });
        refresh->start();
    });
}

void TokenService::finishRefresh(const QString &accountUuid, const Oauth::Error &error,
                                 const QString &accessToken)
{
    const QList<QPointer<TokenRequest>> waiting = m_waiting.take(accountUuid);
    for (const QPointer<TokenRequest> &request : waiting) {
        if (!request || request->isFinished())
            continue;
        request->m_accessToken = accessToken;
        request->m_refreshed = !error.isError();
        request->finish(error,
                        error.isError() ? QString() : QStringLiteral("access token refreshed"));
    }
}

void TokenService::markSignInRequired(const QString &accountUuid, const Oauth::Error &error)
{
    const QString g = group(accountUuid);
    const bool already = m_settings.value(g + kSignInRequired).toBool();
    m_settings.setValue(g + kSignInRequired, true);
    m_settings.setValue(g + kSignInReason, error.userMessage());
    m_settings.sync();
    // The refused tokens are useless; the account's own settings and state stay.
    m_secrets.remove(SecretKind::OAuthAccessToken, accountUuid);
    m_secrets.remove(SecretKind::OAuthRefreshToken, accountUuid);
    if (!already)
        Q_EMIT signInRequired(accountUuid, error.userMessage());
}

TokenRequest *TokenService::revoke(const QString &accountUuid)
{
    auto *request = new TokenRequest(TokenRequest::Operation::Revoke, accountUuid, this);
    QPointer<TokenRequest> guard(request);
    const Oauth::ProviderConfig provider = savedProvider(accountUuid);
    auto forget = [this, guard, accountUuid](const QString &revokeDetails) {
        SecretJob *a = m_secrets.remove(SecretKind::OAuthAccessToken, accountUuid);
        connect(a, &SecretJob::finished, this,
                [this, guard, accountUuid, revokeDetails](SecretJob *aj) {
                    SecretJob *r = m_secrets.remove(SecretKind::OAuthRefreshToken, accountUuid);
                    const bool accessOk = aj->error() == SecretJob::Error::NoError;
                    const QString accessError = aj->errorString();
                    connect(r, &SecretJob::finished, this,
                            [this, guard, accountUuid, revokeDetails, accessOk,
                             accessError](SecretJob *rj) {
                                if (!guard)
                                    return;
                                if (!accessOk || rj->error() != SecretJob::Error::NoError) {
                                    Oauth::Error e(Oauth::Error::Kind::Keychain);
                                    e.detail = accessOk ? rj->errorString() : accessError;
                                    guard->finish(e);
                                    return;
                                }
                                m_settings.remove(QString(SettingsNames::oauthTokensGroup)
                                                  + QLatin1Char('/') + accountUuid);
                                m_settings.sync();
                                guard->finish(Oauth::Error(), revokeDetails);
                            });
                });
    };
    SecretJob *read = m_secrets.read(SecretKind::OAuthRefreshToken, accountUuid);
    connect(read, &SecretJob::finished, this, [this, provider, forget](SecretJob *j) {
        if (j->error() != SecretJob::Error::NoError || j->secret().isEmpty()) {
            forget(QStringLiteral("no refresh token to revoke; tokens removed"));
            return;
        }
        auto *job = new Oauth::RevokeJob(this);
        job->setProvider(provider);
        job->setNetworkAccessManager(m_nam);
        job->setToken(QString::fromUtf8(j->secret()));
        connect(job, &Oauth::RevokeJob::finished, this, [job, forget] {
            job->deleteLater();
            // Removing the tokens here does not depend on the provider being reachable.
            const QString outcome = job->error() == Oauth::Error::Kind::None
                ? QString(job->details() + QStringLiteral("; tokens removed"))
                : QString(QStringLiteral("revocation failed (") + job->details()
                          + QStringLiteral("); tokens removed"));
            forget(outcome);
        });
        job->start();
    });
    return request;
}

} // namespace Tributary
