#include "smtpaccountlistmodel.h"

namespace Tributary {

SmtpAccountListModel::SmtpAccountListModel(Store &store, QObject *parent)
    : ItemListModel(store, Store::Table::SmtpAccounts,
                    {QT_TR_NOOP("Name"), QT_TR_NOOP("Email address"), QT_TR_NOOP("SMTP server"),
                     QT_TR_NOOP("Port"), QT_TR_NOOP("Encryption"), QT_TR_NOOP("User name"),
                     QT_TR_NOOP("Status")},
                    {{UuidRole, "uuid"},
                     {EmailRole, "email"},
                     {EncryptionRole, "encryption"},
                     {AuthEnabledRole, "authEnabled"},
                     {OAuthRole, "oauth"}},
                    parent)
{
    reload();
}

void SmtpAccountListModel::reload()
{
    applyList(m_items, m_store.smtpAccounts(), [](const SmtpAccount &a) { return a.uuid; });
}

QVariant SmtpAccountListModel::itemData(const SmtpAccount &a, int column, int role) const
{
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
        switch (Column(column)) {
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

} // namespace Tributary
