#include "oauthtaskform.h"

#include "signindialog.h"
#include "signinwindow.h"

#include "app/services/oauth/oauthproviders.h"
#include "app/services/oauth/systembrowseragent.h"
#include "app/services/oauth/tokenservice.h"

#include <QDesktopServices>

namespace Tributary::Ui {

Oauth::AuthorizationAgent *defaultAgent(Oauth::AgentKind kind, QWidget *window)
{
    if (kind == Oauth::AgentKind::Embedded)
        return new SignInWindow(window);
    auto *agent = new Oauth::SystemBrowserAgent;
    agent->setOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
    return agent;
}

Oauth::ProviderConfig taskProviderConfig(const OAuthTaskSupport &support, const QString &providerId,
                                         QString *error)
{
    return Oauth::providerFromCatalogue(providerId, support.settings, error, support.catalogueJson);
}

TaskSignIn::TaskSignIn(TokenService &tokens, QObject *parent)
    : QObject(parent)
    , m_tokens(tokens)
{
}

TaskSignIn::~TaskSignIn()
{
    if (m_flow) {
        m_flow->disconnect(this);
        m_flow->cancel();
        delete m_flow;
    }
    delete m_agent;
    if (m_save)
        m_save->disconnect(this);
}

void TaskSignIn::start()
{
    if (m_state != State::Idle)
        return;
    m_state = State::Authorizing;
    if (m_account.isEmpty() || !m_provider.isValid()) {
        // Reported on the next turn, like every other outcome.
        QMetaObject::invokeMethod(
            this,
            [this] {
                finish(Oauth::Error(Oauth::Error::Kind::InvalidClient),
                       QStringLiteral("no account or no valid provider configuration"));
            },
            Qt::QueuedConnection);
        return;
    }
    const Oauth::AgentKind kind = m_useBrowser ? Oauth::AgentKind::SystemBrowser : m_provider.agent;
    m_agent = m_factory ? m_factory(kind, m_window) : defaultAgent(kind, m_window);
    m_agent->setProviderName(m_provider.displayName);
    m_flow = new Oauth::AuthorizationCodeFlow(this);
    m_flow->setProvider(m_provider);
    m_flow->setAgent(m_agent);
    if (!m_loginHint.isEmpty())
        m_flow->setLoginHint(m_loginHint);
    connect(m_flow.data(), &Oauth::AuthorizationCodeFlow::finished, this,
            &TaskSignIn::onFlowFinished);
    m_flow->start();
}

void TaskSignIn::cancel()
{
    if (m_state == State::Authorizing && m_flow) {
        m_flow->cancel(); // finishes the flow with Cancelled
        return;
    }
    if (m_state == State::SavingTokens && m_save) {
        m_save->disconnect(this);
        m_save->cancel();
        finish(Oauth::Error(Oauth::Error::Kind::Cancelled));
    }
}

void TaskSignIn::onFlowFinished()
{
    Oauth::AuthorizationCodeFlow *flow = m_flow;
    m_flow.clear();
    flow->deleteLater();
    if (m_agent) {
        m_agent->deleteLater();
        m_agent.clear();
    }
    if (flow->error() != Oauth::Error::Kind::None) {
        finish(flow->errorValue(), flow->details());
        return;
    }
    m_state = State::SavingTokens;
    m_save = m_tokens.saveSignIn(m_account, m_provider, flow->tokens());
    connect(m_save.data(), &TokenRequest::finished, this, &TaskSignIn::onTokensSaved);
}

void TaskSignIn::onTokensSaved(TokenRequest *request)
{
    m_save.clear();
    finish(request->errorValue(), request->details());
}

void TaskSignIn::finish(const Oauth::Error &error, const QString &details)
{
    if (m_state == State::Finished)
        return;
    m_state = State::Finished;
    m_error = error;
    m_details = details;
    Q_EMIT finished(this);
}

} // namespace Tributary::Ui
