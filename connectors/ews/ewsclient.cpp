#include "ewsclient.h"

#include "connectors/common/endpoint.h"

#include <QAuthenticator>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

Q_LOGGING_CATEGORY(lcEws, "tributary.ews", QtInfoMsg)

namespace Tributary::Ews {

namespace {
const char kAuthTried[] = "tributary_ews_auth_tried";
}

Client::Client(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    connect(m_nam, &QNetworkAccessManager::authenticationRequired, this,
            &Client::onAuthenticationRequired);
    connect(m_nam, &QNetworkAccessManager::sslErrors, this, &Client::onSslErrors);
}

Client::~Client() = default;

QUrl Client::urlForServer(const QString &server, quint16 port, bool tls)
{
    const QString trimmed = server.trimmed();
    if (trimmed.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
        || trimmed.startsWith(QLatin1String("http://"), Qt::CaseInsensitive))
        return QUrl(trimmed);
    QUrl url;
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(trimmed);
    if (port != 0 && port != (tls ? 443 : 80))
        url.setPort(port);
    url.setPath(QStringLiteral("/EWS/Exchange.asmx"));
    return url;
}

void Client::setCredentials(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
    m_bearer.clear();
}

void Client::setBearerToken(const QByteArray &accessToken)
{
    m_bearer = accessToken;
    m_password.clear();
}

void Client::setExtraCaCertificates(const QList<QSslCertificate> &certificates)
{
    m_extraCa = certificates;
}

void Client::setPinnedSha256(const QByteArray &fingerprint)
{
    m_pinned = Net::normalizeFingerprint(fingerprint);
}

quint16 Client::port() const
{
    return quint16(m_url.port(m_url.scheme() == QLatin1String("http") ? 80 : 443));
}

QNetworkReply *Client::post(const QByteArray &envelope, const QString &operation)
{
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("text/xml; charset=utf-8"));
    request.setRawHeader("SOAPAction",
                         "\"http://schemas.microsoft.com/exchange/services/2006/messages/"
                             + operation.toLatin1() + '"');
    request.setRawHeader("Accept", "text/xml");
    request.setTransferTimeout(m_timeoutMs);
    if (!m_bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_bearer);
    if (m_url.scheme() == QLatin1String("https")) {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        if (!m_extraCa.isEmpty())
            conf.addCaCertificates(m_extraCa);
        request.setSslConfiguration(conf);
    }
    qCDebug(lcEws) << "POST" << operation << "to" << m_url.host();
    QNetworkReply *reply = m_nam->post(request, envelope);
    reply->setParent(this);
    connect(reply, &QObject::destroyed, this, [this, reply] { m_sslErrors.remove(reply); });
    return reply;
}

void Client::onAuthenticationRequired(QNetworkReply *reply, QAuthenticator *authenticator)
{
    // Bearer: the token was refused; another scheme must not be tried with it.
    if (!m_bearer.isEmpty() || m_user.isEmpty())
        return;
    if (reply->property(kAuthTried).toBool()) {
        qCInfo(lcEws) << "credentials refused by" << m_url.host();
        return; // leaving the authenticator empty ends the reply with a 401
    }
    if (m_url.scheme() != QLatin1String("https") && !m_allowPlainHttp)
        return;
    reply->setProperty(kAuthTried, true);
    authenticator->setUser(m_user);
    authenticator->setPassword(m_password);
}

void Client::onSslErrors(QNetworkReply *reply, const QList<QSslError> &errors)
{
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    if (!m_pinned.isEmpty() && Net::fingerprintSha256(peer) == m_pinned) {
        reply->ignoreSslErrors(errors);
        return;
    }
    m_sslErrors.insert(reply, errors);
}

Net::Error Client::transportError(QNetworkReply *reply, const QString &step) const
{
    using Kind = Net::Error::Kind;
    Net::Error e;
    e.host = host();
    e.port = port();
    e.step = step;
    const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    switch (reply->error()) {
    case QNetworkReply::NoError:
        return Net::Error();
    case QNetworkReply::HostNotFoundError:
        e.kind = Kind::HostNotFound;
        break;
    case QNetworkReply::ConnectionRefusedError:
        e.kind = Kind::ConnectionRefused;
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = Kind::Tls;
        e.sslErrors = m_sslErrors.value(reply);
        e.peerCertificate = reply->sslConfiguration().peerCertificate();
        e.peerFingerprint = Net::fingerprintSha256(e.peerCertificate);
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts the reply
        e.kind = Kind::Timeout;
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.kind = Kind::Disconnected;
        break;
    case QNetworkReply::AuthenticationRequiredError:
        e.kind = Kind::Authentication;
        e.hint = m_bearer.isEmpty()
            ? tr("Exchange (%1) did not accept the user name or password.").arg(host())
            : tr("Exchange (%1) did not accept the sign-in. Sign in again.").arg(host());
        break;
    default:
        e.kind = http > 0 ? Kind::Command : Kind::Disconnected;
        if (http > 0)
            e.serverReply
                = QStringLiteral("HTTP %1 %2")
                      .arg(http)
                      .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
        break;
    }
    e.detail = reply->errorString();
    return e;
}

} // namespace Tributary::Ews
