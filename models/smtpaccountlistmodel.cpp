#include "smtpaccountlistmodel.h"

namespace Tributary {

SmtpAccountListModel::SmtpAccountListModel(Store &store, QObject *parent)
    : StoreListModel(store, Store::Table::SmtpAccounts, parent)
{
    reload();
}

void SmtpAccountListModel::reload()
{
    applyList(m_items, m_store.smtpAccounts(), [](const SmtpAccount &a) { return a.uuid; });
}

int SmtpAccountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int SmtpAccountListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

SmtpAccount SmtpAccountListModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : SmtpAccount();
}

QVariant SmtpAccountListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const SmtpAccount &a = m_items.at(index.row());
    switch (role) {
    case UuidRole:
        return a.uuid;
    case EmailRole:
        return a.email;
    case EncryptionRole:
        return SmtpAccount::encryptionName(a.encryption);
    case AuthEnabledRole:
        return a.authEnabled;
    case OAuthRole:
        return a.authEnabled && a.authKind == SmtpAccount::AuthKind::OAuth;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Column::DisplayName:
            return a.displayName;
        case Column::Email:
            return a.email;
        case Column::Server:
            return a.server;
        case Column::Port:
            return int(a.port);
        case Column::Encryption:
            switch (a.encryption) {
            case SmtpAccount::Encryption::None:
                return tr("None");
            case SmtpAccount::Encryption::Ssl:
                return tr("SSL/TLS");
            case SmtpAccount::Encryption::StartTls:
                return tr("STARTTLS");
            }
            return QVariant();
        case Column::Username:
            return a.authEnabled ? a.username : tr("(no authentication)");
        case Column::Status:
            return QString();
        case Column::Count:
            break;
        }
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant SmtpAccountListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case Column::DisplayName:
        return tr("Name");
    case Column::Email:
        return tr("Email address");
    case Column::Server:
        return tr("SMTP server");
    case Column::Port:
        return tr("Port");
    case Column::Encryption:
        return tr("Encryption");
    case Column::Username:
        return tr("User name");
    case Column::Status:
        return tr("Status");
    case Column::Count:
        break;
    }
    return QVariant();
}

QHash<int, QByteArray> SmtpAccountListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(UuidRole, "uuid");
    roles.insert(EmailRole, "email");
    roles.insert(EncryptionRole, "encryption");
    roles.insert(AuthEnabledRole, "authEnabled");
    roles.insert(OAuthRole, "oauth");
    return roles;
}

} // namespace Tributary
