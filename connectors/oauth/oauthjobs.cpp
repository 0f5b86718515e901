#include "oauthjobs.h"

#include "oauthhttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace Tributary::Oauth {

TokenJob::TokenJob(QObject *parent)
    : QObject(parent)
{
}

TokenJob::~TokenJob()
{
    if (m_reply)
        m_reply->abort();
}

QNetworkAccessManager *TokenJob::nam()
{
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    return m_nam;
}

void TokenJob::cancel()
{
    if (m_finished)
        return;
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    finishWith(Error(Error::Kind::Cancelled));
}

void TokenJob::post(const QUrl &url, const QList<QPair<QString, QString>> &form,
                    std::function<void(const QByteArray &, const Error &)> onReply)
{
    QNetworkReply *reply = Http::postForm(nam(), url, form, m_timeoutSeconds);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, onReply] {
        if (m_reply == reply)
            m_reply = nullptr;
        reply->deleteLater();
        if (m_finished)
            return;
        Error error;
        const QByteArray body = Http::readReply(reply, m_provider, &error);
        onReply(body, error);
    });
}

void TokenJob::finishWith(const Error &error, const QString &details)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_details = details;
    Q_EMIT finished(this);
}

// ---- RefreshJob

void RefreshJob::start()
{
    if (m_refreshToken.isEmpty()) {
        finishWith(Error(Error::Kind::SignInRequired, QString(),
                         QStringLiteral("no refresh token saved")));
        return;
    }
    if (!m_provider.tokenEndpoint.isValid() || m_provider.clientId.isEmpty()) {
        finishWith(
            Error(Error::Kind::InvalidRequest, QString(),
                  QStringLiteral("provider configuration lacks token endpoint or client id")));
        return;
    }
    Q_EMIT progress(0, 1);
    // No redirect_uri and no client_secret (Microsoft refuses a secret from public clients).
    QList<QPair<QString, QString>> form = {
        {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
        {QStringLiteral("refresh_token"), m_refreshToken},
        {QStringLiteral("client_id"), m_provider.clientId},
    };
    post(m_provider.tokenEndpoint, form, [this](const QByteArray &body, const Error &error) {
        if (error) {
            finishWith(error);
            return;
        }
        Error parseError;
        TokenSet tokens = parseTokenResponse(body, QDateTime::currentDateTimeUtc(),
                                             m_provider.scopes, &parseError);
        if (parseError) {
            finishWith(parseError);
            return;
        }
        m_rotated = !tokens.refreshToken.isEmpty() && tokens.refreshToken != m_refreshToken;
        if (tokens.refreshToken.isEmpty())
            tokens.refreshToken = m_refreshToken; // kept; its issue date is the caller's
        m_tokens = tokens;
        Q_EMIT progress(1, 1);
        finishWith(Error(),
                   QStringLiteral("refreshed at %1 (%2): %3")
                       .arg(m_provider.tokenEndpoint.host(),
                            m_rotated ? QStringLiteral("refresh token rotated")
                                      : QStringLiteral("refresh token kept"),
                            m_tokens.redacted()));
    });
}

// ---- RevokeJob

void RevokeJob::start()
{
    if (m_token.isEmpty()) {
        finishWith(Error(), QStringLiteral("nothing to revoke"));
        return;
    }
    if (!m_provider.revocationEndpoint.isValid() || m_provider.revocationEndpoint.isEmpty()) {
        finishWith(Error(), QStringLiteral("the provider offers no revocation; tokens forgotten"));
        return;
    }
    const QList<QPair<QString, QString>> form = {
        {QStringLiteral("token"), m_token},
        {QStringLiteral("token_type_hint"), m_hint},
        {QStringLiteral("client_id"), m_provider.clientId},
    };
    post(m_provider.revocationEndpoint, form, [this](const QByteArray &, const Error &error) {
        if (error) {
            finishWith(error);
            return;
        }
        finishWith(Error(), QStringLiteral("revoked at ") + m_provider.revocationEndpoint.host());
    });
}

// ---- DeviceAuthorizationJob

DeviceAuthorizationJob::DeviceAuthorizationJob(QObject *parent)
    : TokenJob(parent)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &DeviceAuthorizationJob::poll);
}

void DeviceAuthorizationJob::start()
{
    if (!m_provider.deviceAuthorizationEndpoint.isValid()
        || m_provider.deviceAuthorizationEndpoint.isEmpty()) {
        finishWith(Error(Error::Kind::InvalidRequest, QString(),
                         QStringLiteral("this provider offers no device sign-in")));
        return;
    }
    const QList<QPair<QString, QString>> form = {
        {QStringLiteral("client_id"), m_provider.clientId},
        {QStringLiteral("scope"), m_provider.scopes.join(QLatin1Char(' '))},
    };
    Q_EMIT progress(0, 2);
    post(m_provider.deviceAuthorizationEndpoint, form,
         [this](const QByteArray &body, const Error &error) {
             if (error) {
                 finishWith(error);
                 return;
             }
             const QJsonObject o = QJsonDocument::fromJson(body).object();
             m_deviceCode = o.value(QLatin1String("device_code")).toString();
             m_userCode = o.value(QLatin1String("user_code")).toString();
             // RFC 8628 names it verification_uri; Microsoft's v1 endpoint verification_url.
             QString uri = o.value(QLatin1String("verification_uri")).toString();
             if (uri.isEmpty())
                 uri = o.value(QLatin1String("verification_url")).toString();
             m_verificationUri = QUrl(uri);
             m_verificationUriComplete
                 = QUrl(o.value(QLatin1String("verification_uri_complete")).toString());
             const int expiresIn = o.value(QLatin1String("expires_in")).toInt(900);
             m_expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
             m_intervalSeconds = qBound(1, o.value(QLatin1String("interval")).toInt(5), 60);
             if (m_deviceCode.isEmpty() || m_userCode.isEmpty() || !m_verificationUri.isValid()
                 || m_verificationUri.isEmpty()) {
                 Error e(Error::Kind::ProtocolViolation);
                 e.detail = QStringLiteral("device authorization response lacks device_code, "
                                           "user_code or verification_uri");
                 finishWith(e);
                 return;
             }
             Q_EMIT progress(1, 2);
             Q_EMIT userCodeReady(m_userCode, m_verificationUri, m_verificationUriComplete);
             schedulePoll();
         });
}

void DeviceAuthorizationJob::cancel()
{
    m_pollTimer.stop();
    TokenJob::cancel();
}

void DeviceAuthorizationJob::schedulePoll()
{
    if (isFinished())
        return;
    if (QDateTime::currentDateTimeUtc() >= m_expiresAt) {
        finishWith(Error(Error::Kind::Timeout, QStringLiteral("expired_token"),
                         QStringLiteral("the device code expired before sign-in finished")));
        return;
    }
    m_pollTimer.start(m_testIntervalMs > 0 ? m_testIntervalMs : m_intervalSeconds * 1000);
}

void DeviceAuthorizationJob::poll()
{
    const QList<QPair<QString, QString>> form = {
        {QStringLiteral("grant_type"),
         QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
        {QStringLiteral("device_code"), m_deviceCode},
        {QStringLiteral("client_id"), m_provider.clientId},
    };
    post(m_provider.tokenEndpoint, form, [this](const QByteArray &body, const Error &error) {
        if (error) {
            // RFC 8628 §3.5: keep polling while pending; slow down when asked.
            if (error.code == QLatin1String("authorization_pending")) {
                schedulePoll();
                return;
            }
            if (error.code == QLatin1String("slow_down")) {
                m_intervalSeconds += 5;
                schedulePoll();
                return;
            }
            finishWith(error);
            return;
        }
        Error parseError;
        const TokenSet tokens = parseTokenResponse(body, QDateTime::currentDateTimeUtc(),
                                                   m_provider.scopes, &parseError);
        if (parseError) {
            finishWith(parseError);
            return;
        }
        m_tokens = tokens;
        Q_EMIT progress(2, 2);
        finishWith(Error(), QStringLiteral("device sign-in finished: ") + m_tokens.redacted());
    });
}

} // namespace Tributary::Oauth
