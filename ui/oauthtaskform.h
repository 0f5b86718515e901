#pragma once

#include "app/services/oauth/tokenservice.h"
#include "connectors/oauth/oauthflow.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <functional>

class QSettings;

namespace Tributary::Ui {

// Makes the authorization agent of one sign-in: `kind` is the provider's agent (or
// SystemBrowser when the user chose "Use my browser instead"), `window` the parent of a popup.
// The caller owns the agent and deletes it after the sign-in.
using AgentFactory
    = std::function<Oauth::AuthorizationAgent *(Oauth::AgentKind kind, QWidget *window)>;

// What the Email Retrieval dialogs need for OAuth tasks (Microsoft 365, Outlook.com and
// Exchange with a Microsoft sign-in). All pointers are not owned and must outlive the dialogs.
struct OAuthTaskSupport
{
    TokenService *tokens = nullptr; // null: OAuth tasks cannot be saved (said in the dialog)
    const QSettings *settings = nullptr; // client ids, tenant, agent (oauthproviders.h)
    QByteArray catalogueJson; // the provider catalogue; empty = the built-in one
    AgentFactory agentFactory; // empty = the default agents (defaultAgent())
};

// The default agents: the embedded SignInWindow for Embedded, the system browser with a
// loopback listener (opened with QDesktopServices) for SystemBrowser.
Oauth::AuthorizationAgent *defaultAgent(Oauth::AgentKind kind, QWidget *window);

// The OAuth configuration of a provider for a task form, from `support`'s catalogue and
// settings. Exchange ("exchange") has an entry of its own: Microsoft's identity platform with
// the EWS scope. Invalid config and *error set when there is none.
Oauth::ProviderConfig taskProviderConfig(const OAuthTaskSupport &support, const QString &providerId,
                                         QString *error);

// One sign-in for a retrieval task: the authorization code flow through an agent, then
// TokenService::saveSignIn under the task's uuid. Job shape: start(), finished() exactly once
// (also after cancel()), error()/errorString() (user words of the failed step)/details(),
// errorValue() for the admin-consent link. The tokens never leave this object except into the
// TokenService. One object per sign-in; GUI thread only.
class TaskSignIn : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Authorizing, SavingTokens, Finished };
    Q_ENUM(State)

    TaskSignIn(TokenService &tokens, QObject *parent = nullptr);
    ~TaskSignIn() override;

    void setAccountUuid(const QString &uuid) { m_account = uuid; }
    void setProvider(const Oauth::ProviderConfig &provider) { m_provider = provider; }
    void setLoginHint(const QString &hint) { m_loginHint = hint; }
    // Overrides the provider's agent with the system browser.
    void setUseSystemBrowser(bool on) { m_useBrowser = on; }
    void setAgentFactory(AgentFactory factory) { m_factory = std::move(factory); }
    void setWindow(QWidget *window) { m_window = window; }

    void start();
    void cancel();

    State state() const { return m_state; }
    // The agent of the running sign-in (null when none); for tests and screenshots.
    Oauth::AuthorizationAgent *agent() const { return m_agent; }
    Oauth::Error::Kind error() const { return m_error.kind; }
    const Oauth::Error &errorValue() const { return m_error; }
    QString errorString() const { return m_error.userMessage(); }
    QString details() const { return m_details; }

Q_SIGNALS:
    void finished(Tributary::Ui::TaskSignIn *signIn);

private:
    void onFlowFinished();
    void onTokensSaved(Tributary::TokenRequest *request);
    void finish(const Oauth::Error &error, const QString &details = QString());

    TokenService &m_tokens;
    QString m_account;
    Oauth::ProviderConfig m_provider;
    QString m_loginHint;
    bool m_useBrowser = false;
    AgentFactory m_factory;
    QPointer<QWidget> m_window;
    QPointer<Oauth::AuthorizationAgent> m_agent;
    QPointer<Oauth::AuthorizationCodeFlow> m_flow;
    QPointer<TokenRequest> m_save;
    State m_state = State::Idle;
    Oauth::Error m_error;
    QString m_details;
};

} // namespace Tributary::Ui
