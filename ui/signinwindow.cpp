#include "signinwindow.h"

#include "signindialog.h"

#include <QWebEngineUrlScheme>
#include <QWidget>

namespace Tributary::Ui {

SignInWindow::SignInWindow(QWidget *parentWindow, QObject *parent)
    : Oauth::AuthorizationAgent(parent)
    , m_parentWindow(parentWindow)
{
}

SignInWindow::~SignInWindow()
{
    if (m_dialog) {
        disconnect(m_dialog, nullptr, this, nullptr);
        delete m_dialog;
    }
}

void SignInWindow::registerRedirectSchemes(const QStringList &schemes)
{
    for (const QString &name : schemes) {
        const QByteArray latin = name.toLatin1();
        if (!QWebEngineUrlScheme::schemeByName(latin).name().isEmpty())
            continue;
        QWebEngineUrlScheme scheme(latin);
        scheme.setSyntax(QWebEngineUrlScheme::Syntax::Path);
        scheme.setFlags(QWebEngineUrlScheme::SecureScheme);
        QWebEngineUrlScheme::registerScheme(scheme);
    }
}

SignInDialog *SignInWindow::dialog() const
{
    return m_dialog.data();
}

QUrl SignInWindow::prepareRedirectUri(const QUrl &configured)
{
    if (!configured.isValid() || configured.scheme().isEmpty()) {
        setErrorString(tr("This provider has no redirect address for the sign-in window."));
        return QUrl();
    }
    return configured;
}

void SignInWindow::authorize(const QUrl &authorizationUrl, const QUrl &redirectUri)
{
    if (m_running)
        cancel();
    resetOutcome();
    m_running = true;
    m_dialog = new SignInDialog(redirectUri, providerName(), m_parentWindow);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    connect(m_dialog, &SignInDialog::done, this, &SignInWindow::onDialogDone);
    m_dialog->show();
    m_dialog->load(authorizationUrl);
}

void SignInWindow::cancel()
{
    if (m_running && m_dialog)
        m_dialog->reject(); // ends with Cancelled through onDialogDone
}

void SignInWindow::onDialogDone(int outcome, const QUrl &url, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    if (m_dialog) {
        disconnect(m_dialog, nullptr, this, nullptr);
        m_dialog->hide();
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
    switch (outcome) {
    case SignInDialog::Redirected:
        finishRedirected(url);
        return;
    case SignInDialog::Cancelled:
        finishCancelled();
        return;
    default:
        finishFailed(error);
        return;
    }
}

} // namespace Tributary::Ui
