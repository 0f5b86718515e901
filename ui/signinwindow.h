#pragma once

#include "connectors/oauth/oauthflow.h"

#include <QPointer>
#include <QStringList>
#include <QUrl>

class QWidget;

namespace Tributary::Ui {

class SignInDialog;

// The embedded authorization agent (ARCHITECTURE.md "Sign-in"): a popup window holding a
// QWebEngineView in which the user signs in on the provider's own page (Microsoft 365,
// Outlook.com). Used through Oauth::AuthorizationCodeFlow like any agent.
//
// Each authorize() opens a new window with its own off-the-record QWebEngineProfile, so no
// cookie, cache or storage is shared with another sign-in or with anything else, and nothing
// reaches the disk. The page gets no QWebChannel and no other bridge to C++. The window
// shows the address (host) of the page and its TLS state (lock icon and words), and a
// Cancel button. The redirect to the redirect URI is caught inside the app, before any
// request leaves: by navigation interception (QWebEnginePage::acceptNavigationRequest,
// also for server redirects) and, for a custom scheme registered with
// registerRedirectSchemes() before QApplication, by a URL scheme handler. The page never
// loads the redirect URI. Certificate errors are never ignored: the page stops and the
// window says so. A page that cannot be loaded is shown in words.
//
// Outcomes: Redirected (the full redirect URL; the flow checks state and code), Cancelled
// (Cancel, Escape or the window's close button), Failed (the window could not be shown,
// the page's process died). finished() once per authorize(); the window closes then.
// GUI thread only. The parent widget (may be null) is the popup's parent window.
class SignInWindow : public Oauth::AuthorizationAgent
{
    Q_OBJECT
public:
    explicit SignInWindow(QWidget *parentWindow = nullptr, QObject *parent = nullptr);
    ~SignInWindow() override;

    // Registers the URL schemes of custom-scheme redirect URIs ("org.tributary.app") with
    // QtWebEngine. Must run before QApplication is created (QtWebEngine's rule); schemes
    // registered later are caught by navigation interception only.
    static void registerRedirectSchemes(const QStringList &schemes);

    Oauth::AgentKind kind() const override { return Oauth::AgentKind::Embedded; }
    QUrl prepareRedirectUri(const QUrl &configured) override;
    void authorize(const QUrl &authorizationUrl, const QUrl &redirectUri) override;
    void cancel() override;

    // The open popup (null when none); for tests and screenshots.
    SignInDialog *dialog() const;

private:
    void onDialogDone(int outcome, const QUrl &url, const QString &error);

    QPointer<QWidget> m_parentWindow;
    QPointer<SignInDialog> m_dialog;
    bool m_running = false;
};

} // namespace Tributary::Ui
