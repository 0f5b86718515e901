#include "signinstatusmodel.h"

#include "app/services/oauth/tokenservice.h"
#include "app/services/oauthaccountservice.h"

#include <QUuid>

#include <utility>

namespace Tributary::Ui {

SignInStatusModel::SignInStatusModel(OAuthAccountService &service, Subject subject,
                                     int statusColumn, int uuidRole, RowFilter asks,
                                     QObject *parent)
    : QIdentityProxyModel(parent)
    , m_service(&service)
    , m_subject(subject)
    , m_statusColumn(statusColumn)
    , m_uuidRole(uuidRole)
    , m_asks(std::move(asks))
{
    connect(&service, &OAuthAccountService::signInRequired, this,
            &SignInStatusModel::refreshStatus);
    if (TokenService *tokens = service.tokenService())
        connect(tokens, &TokenService::tokensRefreshed, this, &SignInStatusModel::refreshStatus);
}

QVariant SignInStatusModel::data(const QModelIndex &index, int role) const
{
    const bool statusText = role == Qt::DisplayRole || role == Qt::ToolTipRole;
    if (!statusText || !m_service || index.column() != m_statusColumn || (m_asks && !m_asks(index)))
        return QIdentityProxyModel::data(index, role);
    const QUuid uuid = index.siblingAtColumn(0).data(m_uuidRole).toUuid();
    if (!m_service->needsSignIn(uuid))
        return QIdentityProxyModel::data(index, role);
    if (role == Qt::DisplayRole)
        return tr("Sign in again");
    const TokenService *tokens = m_service->tokenService();
    const QString reason
        = tokens ? tokens->health(uuid.toString(QUuid::WithoutBraces)).signInReason : QString();
    if (!reason.isEmpty())
        return reason;
    return m_subject == Subject::Task
        ? tr("The provider no longer accepts this task's sign-in.")
        : tr("The provider no longer accepts this account's sign-in.");
}

void SignInStatusModel::refreshStatus()
{
    const int rows = rowCount();
    if (rows == 0)
        return;
    Q_EMIT dataChanged(index(0, m_statusColumn), index(rows - 1, m_statusColumn),
                       {Qt::DisplayRole, Qt::ToolTipRole});
}

} // namespace Tributary::Ui
