#include "cloudconnectionlistmodel.h"

namespace Tributary {

CloudConnectionListModel::CloudConnectionListModel(Store &store, QObject *parent)
    : ItemListModel(store, Store::Table::CloudConnections,
                    {QT_TR_NOOP("Name"), QT_TR_NOOP("Service"), QT_TR_NOOP("Account"),
                     QT_TR_NOOP("Status"), QT_TR_NOOP("Connected")},
                    {{UuidRole, "uuid"}, {ProviderRole, "provider"}, {StatusRole, "status"}},
                    parent)
{
    reload();
}

void CloudConnectionListModel::reload()
{
    applyList(m_items, m_store.cloudConnections(), [](const CloudConnection &c) { return c.uuid; });
}

QVariant CloudConnectionListModel::itemData(const CloudConnection &c, int column, int role) const
{
    switch (role) {
    case UuidRole:
        return c.uuid;
    case ProviderRole:
        return c.provider;
    case StatusRole:
        return c.status;
    case Qt::DisplayRole:
        switch (Column(column)) {
        case Column::DisplayName:
            return c.displayName;
        case Column::Provider:
            return c.provider;
        case Column::Account:
            return c.account;
        case Column::Status:
            return c.status;
        case Column::Created:
            return displayTime(c.created);
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
