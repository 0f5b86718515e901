#include "systembrowseragent.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

namespace Tributary::Oauth {

namespace {
constexpr int maxRequestBytes = 16 * 1024;
}

SystemBrowserAgent::SystemBrowserAgent(QObject *parent)
    : AuthorizationAgent(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        m_running = false;
        stopListening();
        finishFailed(tr("No answer came back from the browser in time."));
    });
}

SystemBrowserAgent::~SystemBrowserAgent()
{
    stopListening();
}

quint16 SystemBrowserAgent::listeningPort() const
{
    return m_server && m_server->isListening() ? m_server->serverPort() : 0;
}

QUrl SystemBrowserAgent::prepareRedirectUri(const QUrl &configured)
{
    stopListening();
    m_server = new QTcpServer(this);
    // Loopback only (never QHostAddress::Any): nothing off this machine may reach it.
    if (!m_server->listen(QHostAddress(QHostAddress::LocalHost), 0)) {
        setErrorString(tr("Could not open a local port for the browser's answer: %1")
                           .arg(m_server->errorString()));
        stopListening();
        return QUrl();
    }
    connect(m_server, &QTcpServer::newConnection, this, &SystemBrowserAgent::onNewConnection);
    QString path = QStringLiteral("/callback");
    if (configured.scheme() == QLatin1String("http")
        && (configured.host() == QLatin1String("127.0.0.1")
            || configured.host() == QLatin1String("localhost"))
        && !configured.path().isEmpty())
        path = configured.path();
    QUrl uri;
    uri.setScheme(QStringLiteral("http"));
    uri.setHost(QStringLiteral("127.0.0.1"));
    uri.setPort(m_server->serverPort());
    uri.setPath(path);
    m_redirectUri = uri;
    return uri;
}

void SystemBrowserAgent::authorize(const QUrl &authorizationUrl, const QUrl &redirectUri)
{
    resetOutcome();
    if (!m_server || !m_server->isListening() || redirectUri.port() != m_server->serverPort()) {
        finishFailed(tr("The local port for the browser's answer is not open."));
        return;
    }
    m_redirectUri = redirectUri;
    if (!m_opener) {
        stopListening();
        finishFailed(tr("No web browser is available on this computer."));
        return;
    }
    m_running = true;
    m_timeout.start(m_timeoutSeconds * 1000);
    if (!m_opener(authorizationUrl)) {
        m_running = false;
        m_timeout.stop();
        stopListening();
        finishFailed(tr("The web browser could not be opened."));
    }
}

void SystemBrowserAgent::cancel()
{
    const bool wasRunning = m_running;
    m_running = false;
    m_timeout.stop();
    stopListening();
    if (wasRunning)
        finishCancelled();
}

void SystemBrowserAgent::onNewConnection()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        // Ours, not the server's: an answered socket may outlive the closed listener.
        socket->setParent(this);
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void SystemBrowserAgent::onReadyRead(QTcpSocket *socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    it->append(socket->readAll());
    const int end = it->indexOf("\r\n\r\n");
    if (end < 0) {
        if (it->size() > maxRequestBytes) {
            respond(socket, 431, QByteArray());
        }
        return;
    }
    const QByteArray requestLine = it->left(it->indexOf("\r\n"));
    const QList<QByteArray> parts = requestLine.split(' ');
    it->clear();
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1.")) {
        respond(socket, 400, QByteArray());
        return;
    }
    if (parts.at(0) != "GET") {
        respond(socket, 405, QByteArray());
        return;
    }
    const QUrl target = QUrl::fromEncoded(parts.at(1));
    if (!m_running || target.path() != m_redirectUri.path()) {
        respond(socket, 404, QByteArray());
        return;
    }
    QUrl full = m_redirectUri;
    full.setQuery(target.query(QUrl::FullyEncoded), QUrl::StrictMode);
    const bool failed = QUrlQuery(full).hasQueryItem(QStringLiteral("error"));
    respond(socket, 200, closeTabPage(failed));
    m_running = false;
    m_timeout.stop();
    // The answered socket closes itself after the bytes are written; stop taking new ones.
    if (m_server) {
        m_server->close();
    }
    finishRedirected(full);
}

void SystemBrowserAgent::respond(QTcpSocket *socket, int status, const QByteArray &html)
{
    QByteArray reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request";
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += "Content-Type: text/html; charset=utf-8\r\n";
    response += "Cache-Control: no-store\r\n";
    response += "Connection: close\r\n";
    response += "Content-Length: " + QByteArray::number(html.size()) + "\r\n\r\n";
    response += html;
    socket->write(response);
    socket->disconnectFromHost();
}

QByteArray SystemBrowserAgent::closeTabPage(bool failed) const
{
    const QString title = failed ? tr("Sign-in did not finish") : tr("Signed in");
    const QString text = failed ? tr("Return to Tributary to see what happened. You can close "
                                     "this tab.")
                                : tr("Tributary has your sign-in. You can close this tab.");
    const QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                        "<title>%1</title></head><body style=\"font-family:"
                                        "sans-serif;margin:3em\"><h1 id=\"title\">%1</h1>"
                                        "<p id=\"text\">%2</p></body></html>")
                             .arg(title.toHtmlEscaped(), text.toHtmlEscaped());
    return html.toUtf8();
}

void SystemBrowserAgent::stopListening()
{
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
}

} // namespace Tributary::Oauth
