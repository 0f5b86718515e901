#include "devicelistmodel.h"

namespace Tributary {

DeviceListModel::DeviceListModel(Store &store, QObject *parent)
    : StoreListModel(store, Store::Table::Devices, parent)
{
    reload();
}

void DeviceListModel::reload()
{
    applyList(m_items, m_store.devices(), [](const Device &d) { return d.uuid; });
}

int DeviceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int DeviceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

Device DeviceListModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : Device();
}

QVariant DeviceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Device &d = m_items.at(index.row());
    switch (role) {
    case UuidRole:
        return d.uuid;
    case LastSeenRole:
        return d.lastSeen;
    case ProtocolRole:
        return d.protocol;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Column::Name:
            return d.name;
        case Column::Type:
            return d.type;
        case Column::Protocol:
            return d.protocol.toUpper();
        case Column::FirstSeen:
            return displayTime(d.firstSeen);
        case Column::LastSeen:
            return displayTime(d.lastSeen);
        case Column::LastIp:
            return d.lastIp;
        case Column::Count:
            break;
        }
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant DeviceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case Column::Name:
        return tr("Device");
    case Column::Type:
        return tr("Client");
    case Column::Protocol:
        return tr("Protocol");
    case Column::FirstSeen:
        return tr("First seen");
    case Column::LastSeen:
        return tr("Last seen");
    case Column::LastIp:
        return tr("Last IP address");
    case Column::Count:
        break;
    }
    return QVariant();
}

QHash<int, QByteArray> DeviceListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(UuidRole, "uuid");
    roles.insert(LastSeenRole, "lastSeen");
    roles.insert(ProtocolRole, "protocol");
    return roles;
}

} // namespace Tributary
