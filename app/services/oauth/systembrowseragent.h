#pragma once

#include "connectors/oauth/oauthflow.h"

#include <QHash>
#include <QPointer>
#include <QTimer>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace Tributary::Oauth {

// The system-browser authorization agent (RFC 8252 §7.3): opens the authorization URL in the
// user's default browser and catches the redirect on a loopback listener bound to 127.0.0.1
// only, on a port the system picks, then answers the browser with a "you can close this tab"
// page. The listener lives from prepareRedirectUri() until finished() (or cancel()).
//
// The browser is opened through an injected opener so this class needs no Qt GUI module:
// the GUI passes QDesktopServices::openUrl, the CLI one that prints the URL. Without an
// opener authorize() fails. Requests for other paths (favicon.ico) get 404 and the agent keeps
// waiting; only the first request for the redirect path counts. GUI thread only.
class SystemBrowserAgent : public AuthorizationAgent
{
    Q_OBJECT
public:
    using Opener = std::function<bool(const QUrl &)>;

    explicit SystemBrowserAgent(QObject *parent = nullptr);
    ~SystemBrowserAgent() override;

    void setOpener(Opener opener) { m_opener = std::move(opener); }
    // Give up (Failed) when no redirect came within this many seconds (default 600).
    void setTimeout(int seconds) { m_timeoutSeconds = seconds; }

    AgentKind kind() const override { return AgentKind::SystemBrowser; }
    // Starts the listener; returns http://127.0.0.1:<port><path>, where path is the
    // configured one if `configured` is an http loopback URI, else "/callback".
    QUrl prepareRedirectUri(const QUrl &configured) override;
    void authorize(const QUrl &authorizationUrl, const QUrl &redirectUri) override;
    void cancel() override;

    // The port listened on (0 when not listening); for tests.
    quint16 listeningPort() const;

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, int status, const QByteArray &html);
    void stopListening();
    QByteArray closeTabPage(bool failed) const;

    Opener m_opener;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QUrl m_redirectUri;
    QTimer m_timeout;
    int m_timeoutSeconds = 600;
    bool m_running = false;
};

} // namespace Tributary::Oauth
