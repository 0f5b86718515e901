#include "cloudconnectionlistmodel.h"

namespace Tributary {

CloudConnectionListModel::CloudConnectionListModel(Store &store, QObject *parent)
    : StoreListModel(store, Store::Table::CloudConnections, parent)
{
    reload();
}

void CloudConnectionListModel::reload()
{
    applyList(m_items, m_store.cloudConnections(), [](const CloudConnection &c) { return c.uuid; });
}

int CloudConnectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int CloudConnectionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

CloudConnection CloudConnectionListModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : CloudConnection();
}

QVariant CloudConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const CloudConnection &c = m_items.at(index.row());
    switch (role) {
    case UuidRole:
        return c.uuid;
    case ProviderRole:
        return c.provider;
    case StatusRole:
        return c.status;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
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

QVariant CloudConnectionListModel::headerData(int section, Qt::Orientation orientation,
                                              int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case Column::DisplayName:
        return tr("Name");
    case Column::Provider:
        return tr("Service");
    case Column::Account:
        return tr("Account");
    case Column::Status:
        return tr("Status");
    case Column::Created:
        return tr("Connected");
    case Column::Count:
        break;
    }
    return QVariant();
}

QHash<int, QByteArray> CloudConnectionListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(UuidRole, "uuid");
    roles.insert(ProviderRole, "provider");
    roles.insert(StatusRole, "status");
    return roles;
}

} // namespace Tributary
