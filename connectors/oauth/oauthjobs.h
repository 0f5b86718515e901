#pragma once

#include "oauthtypes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

// Token-endpoint jobs that need no browser: refresh (RFC 6749 §6), revocation (RFC 7009) and
// the device authorization grant (RFC 8628). Job shape as everywhere (STYLE.md): setters,
// start(), finished() exactly once (also after cancel(): Cancelled), error()/errorString()/
// details(). No client secret is ever sent (public clients). Without
// setNetworkAccessManager() a job makes its own. GUI or main thread.
namespace Tributary::Oauth {

class TokenJob : public QObject
{
    Q_OBJECT
public:
    explicit TokenJob(QObject *parent = nullptr);
    ~TokenJob() override;

    void setProvider(const ProviderConfig &provider) { m_provider = provider; }
    const ProviderConfig &provider() const { return m_provider; }
    void setNetworkAccessManager(QNetworkAccessManager *nam) { m_nam = nam; }
    void setTransferTimeout(int seconds) { m_timeoutSeconds = seconds; }

    virtual void start() = 0;
    virtual void cancel();

    bool isFinished() const { return m_finished; }
    Error::Kind error() const { return m_error.kind; }
    const Error &errorValue() const { return m_error; }
    QString errorString() const { return m_error.userMessage(); }
    QString details() const { return m_error.isError() ? m_error.details() : m_details; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(Tributary::Oauth::TokenJob *job);

protected:
    QNetworkAccessManager *nam();
    // POSTs the form to `url`; onReply gets the body (or the error) once.
    void post(const QUrl &url, const QList<QPair<QString, QString>> &form,
              std::function<void(const QByteArray &body, const Error &error)> onReply);
    void finishWith(const Error &error, const QString &details = QString());

    ProviderConfig m_provider;
    int m_timeoutSeconds = 30;

private:
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<QNetworkReply> m_reply;
    Error m_error;
    QString m_details;
    bool m_finished = false;
};

// Exchanges a refresh token for new tokens. tokens() keeps the old refresh token when the
// provider sent no new one (no rotation); with rotation the new one replaces it, and the old
// one must be forgotten (re-use revokes the grant at strict providers). An invalid_grant
// answer is Error::Kind::InvalidGrant: the user has to sign in again.
class RefreshJob : public TokenJob
{
    Q_OBJECT
public:
    using TokenJob::TokenJob;
    void setRefreshToken(const QString &refreshToken) { m_refreshToken = refreshToken; }
    void start() override;
    const TokenSet &tokens() const { return m_tokens; }
    // Whether the provider rotated the refresh token.
    bool rotated() const { return m_rotated; }

private:
    QString m_refreshToken;
    TokenSet m_tokens;
    bool m_rotated = false;
};

// Revokes a token at the provider's revocation endpoint (RFC 7009 §2.1). A provider without
// one (empty revocationEndpoint) finishes at once with success and details() saying so.
// RFC 7009 answers 200 also for unknown tokens: that is success.
class RevokeJob : public TokenJob
{
    Q_OBJECT
public:
    using TokenJob::TokenJob;
    void setToken(const QString &token, const QString &typeHint = QStringLiteral("refresh_token"))
    {
        m_token = token;
        m_hint = typeHint;
    }
    void start() override;

private:
    QString m_token;
    QString m_hint;
};

// The device authorization grant (RFC 8628): asks for a device code, then emits
// userCodeReady() once with the code and the address the user opens on any other device,
// then polls the token endpoint every `interval` seconds (growing by 5 s on slow_down) until
// the user finished (tokens()), refused (ConsentDenied), or the code expired (Timeout).
class DeviceAuthorizationJob : public TokenJob
{
    Q_OBJECT
public:
    explicit DeviceAuthorizationJob(QObject *parent = nullptr);
    void start() override;
    void cancel() override;

    QString userCode() const { return m_userCode; }
    QUrl verificationUri() const { return m_verificationUri; }
    // With the code filled in (may be empty: providers need not send it).
    QUrl verificationUriComplete() const { return m_verificationUriComplete; }
    QDateTime expiresAt() const { return m_expiresAt; }
    const TokenSet &tokens() const { return m_tokens; }
    // For tests: poll faster than the provider asks (never below 1 s in real use).
    void setMinimumPollIntervalForTesting(int milliseconds) { m_testIntervalMs = milliseconds; }

Q_SIGNALS:
    void userCodeReady(const QString &userCode, const QUrl &verificationUri,
                       const QUrl &verificationUriComplete);

private:
    void poll();
    void schedulePoll();

    QTimer m_pollTimer;
    QString m_deviceCode;
    QString m_userCode;
    QUrl m_verificationUri;
    QUrl m_verificationUriComplete;
    QDateTime m_expiresAt;
    int m_intervalSeconds = 5;
    int m_testIntervalMs = 0;
    TokenSet m_tokens;
};

} // namespace Tributary::Oauth
