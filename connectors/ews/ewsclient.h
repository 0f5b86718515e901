#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

#include "connectors/common/error.h"

class QAuthenticator;
class QNetworkAccessManager;
class QNetworkReply;

Q_DECLARE_LOGGING_CATEGORY(lcEws)

namespace Tributary::Ews {

// The connection settings of one Exchange Web Services mailbox, and the HTTP client that
// carries SOAP requests to it (QNetworkAccessManager; HTTPS unless the caller allows plain
// HTTP). The jobs in ewsjobs.h use it; nothing here blocks.
//
//   Ews::Client client;
//   client.setUrl(QUrl(QStringLiteral("https://mail.example.com/EWS/Exchange.asmx")));
//   client.setCredentials(user, password);      // or setBearerToken(accessToken)
//   auto *job = new Ews::ListFoldersJob(&client);
//   connect(job, &Net::Job::finished, ...); job->start();
//
// Authentication: with credentials, whatever the server offers in WWW-Authenticate after a
// 401 (NTLM, Negotiate, Digest or Basic, through QAuthenticator), answered once per request:
// a second 401 ends the request with Error::Kind::Authentication. With a bearer token
// (OAuth), "Authorization: Bearer" is sent on every request and no other scheme is tried.
// Credentials never travel over plain HTTP unless setAllowPlainHttp(true).
// TLS: system CAs plus extraCaCertificates; a certificate that does not verify is accepted
// only when its SHA-256 equals the pinned fingerprint. Nothing logged here holds a secret.
// Threading: the thread that created it. The client must outlive its jobs.
class Client : public QObject
{
    Q_OBJECT
public:
    explicit Client(QObject *parent = nullptr);
    ~Client() override;

    void setUrl(const QUrl &url) { m_url = url; }
    QUrl url() const { return m_url; }
    // The EWS URL of a server name: https://<host>[:port]/EWS/Exchange.asmx. A value that
    // already is an http(s) URL is returned as it is.
    static QUrl urlForServer(const QString &server, quint16 port = 0, bool tls = true);

    void setCredentials(const QString &user, const QString &password);
    void setBearerToken(const QByteArray &accessToken);
    bool usesBearerToken() const { return !m_bearer.isEmpty(); }
    QString user() const { return m_user; }

    void setExtraCaCertificates(const QList<QSslCertificate> &certificates);
    void setPinnedSha256(const QByteArray &fingerprint); // see Net::Endpoint::pinnedSha256
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }
    void setAllowPlainHttp(bool allow) { m_allowPlainHttp = allow; }
    bool allowPlainHttp() const { return m_allowPlainHttp; }

    // Sends one SOAP envelope; the reply is a child of the client (caller deletes it later).
    // `operation` names the SOAP action (FindFolder, GetItem...) for the SOAPAction header
    // and logs.
    QNetworkReply *post(const QByteArray &envelope, const QString &operation);
    // The error of a finished reply that failed at the HTTP or transport level (no SOAP
    // body to read), for `step`. Kind::None when the transport succeeded.
    Net::Error transportError(QNetworkReply *reply, const QString &step) const;

    QString host() const { return m_url.host(); }
    quint16 port() const;

private:
    void onAuthenticationRequired(QNetworkReply *reply, QAuthenticator *authenticator);
    void onSslErrors(QNetworkReply *reply, const QList<QSslError> &errors);

    QNetworkAccessManager *m_nam = nullptr;
    QUrl m_url;
    QString m_user;
    QString m_password;
    QByteArray m_bearer;
    QList<QSslCertificate> m_extraCa;
    QByteArray m_pinned;
    int m_timeoutMs = 60000;
    bool m_allowPlainHttp = false;
    QHash<QNetworkReply *, QList<QSslError>> m_sslErrors;
};

} // namespace Tributary::Ews
