#pragma once

#include <QIdentityProxyModel>
#include <QPointer>

#include <functional>

namespace Tributary {
class OAuthAccountService;
}

namespace Tributary::Ui {

// The accounts of an OAuthAccountService (retrieval tasks, SMTP accounts) as their page shows
// them: a proxy over the page's list model whose Status column (`statusColumn`) says
// "Sign in again" for a row whose account must sign in again
// (OAuthAccountService::needsSignIn of the uuid that column 0 holds in `uuidRole`). Its tooltip
// is the reason the TokenService gives (TokenHealth::signInReason), else a sentence naming the
// account as `subject`. Rows for which `asks` returns false (it gets the Status index) keep the
// source's Status: a running task, a password account. Every other role and column passes
// through unchanged.
//
// refreshStatus() re-reads every row's Status (dataChanged for Display and ToolTip); the model
// calls it itself on the service's signInRequired() and on tokensRefreshed() of the service's
// TokenService as set when the model is made; callers add their own triggers. The service may
// be deleted first: the model then passes everything through. Main thread only.
class SignInStatusModel : public QIdentityProxyModel
{
    Q_OBJECT
public:
    // Whose sign-in the tooltip names when the TokenService gives no reason.
    enum class Subject { Task, Account };
    using RowFilter = std::function<bool(const QModelIndex &status)>;

    SignInStatusModel(OAuthAccountService &service, Subject subject, int statusColumn, int uuidRole,
                      RowFilter asks, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role) const override;

    // Every row's Status again (the sign-in state of some account changed).
    void refreshStatus();

private:
    QPointer<OAuthAccountService> m_service;
    Subject m_subject;
    int m_statusColumn;
    int m_uuidRole;
    RowFilter m_asks;
};

} // namespace Tributary::Ui
