#include "oauthsigninsteps.h"

#include "app/services/oauth/tokenservice.h"
#include "app/services/providers/providercatalogue.h"

namespace Tributary::Ui {

bool OAuthSignInSteps::isNeeded(const TokenService &tokens, const QUuid &uuid, const QString &login,
                                const std::optional<QString> &storedLogin) const
{
    if (m_force)
        return true;
    if (!m_signedInAs.isEmpty())
        return m_signedInAs.compare(login, Qt::CaseInsensitive) != 0;
    if (!storedLogin)
        return true;
    if (login.compare(*storedLogin, Qt::CaseInsensitive) != 0)
        return true; // another account: its own sign-in
    const QString account = uuid.toString(QUuid::WithoutBraces);
    return tokens.isSignInRequired(account) || !tokens.health(account).known;
}

TaskSignIn *OAuthSignInSteps::create(QWidget *dialog, const OAuthTaskSupport &oauth,
                                     const Oauth::ProviderConfig &config, const QUuid &uuid,
                                     const QString &login)
{
    auto *signIn = new TaskSignIn(*oauth.tokens, dialog);
    signIn->setAccountUuid(uuid.toString(QUuid::WithoutBraces));
    signIn->setProvider(config);
    signIn->setLoginHint(login);
    signIn->setAgentFactory(oauth.agentFactory);
    signIn->setWindow(dialog);
    m_running = signIn;
    return signIn;
}

bool OAuthSignInSteps::finish(TaskSignIn *signIn, const QString &login)
{
    m_running.clear();
    signIn->deleteLater();
    if (signIn->error() != Oauth::Error::Kind::None)
        return false;
    m_signedInAs = login;
    m_force = false;
    return true;
}

bool OAuthSignInSteps::cancel()
{
    if (!m_running)
        return false;
    m_running->cancel();
    return true;
}

void OAuthSignInSteps::abandon(QObject *receiver)
{
    if (!m_running)
        return;
    m_running->disconnect(receiver);
    delete m_running;
}

void OAuthSignInSteps::forgetUnsaved(TokenService *tokens, const QUuid &newUuid)
{
    if (m_signedInAs.isEmpty() || !tokens)
        return;
    tokens->revoke(newUuid.toString(QUuid::WithoutBraces));
    m_signedInAs.clear();
}

QString OAuthSignInSteps::waitingText(bool browser, const QString &company)
{
    return browser ? tr("Waiting for you to sign in to %1 in your browser…").arg(company)
                   : tr("Waiting for you to sign in to %1 in the sign-in window…").arg(company);
}

QString OAuthSignInSteps::unavailableText()
{
    return tr("Signing in with OAuth is not available: the token service is not running. "
              "Restart Tributary and try again.");
}

QString OAuthSignInSteps::browserOnlyNote(const QString &company)
{
    return tr("%1 does not allow signing in inside apps: saving opens its sign-in page in your "
              "browser. You type your password there, never in Tributary.")
        .arg(company);
}

QString OAuthSignInSteps::signInPageNote(const QString &name)
{
    return tr("Saving opens the %1 sign-in page. You type your password there, never in "
              "Tributary.")
        .arg(name);
}

QString OAuthSignInSteps::signInCompany(const Provider &provider)
{
    return provider.id == QLatin1String("gmail") ? QStringLiteral("Google") : provider.name;
}

} // namespace Tributary::Ui
