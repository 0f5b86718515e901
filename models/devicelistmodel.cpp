#include "devicelistmodel.h"

namespace Tributary {

DeviceListModel::DeviceListModel(Store &store, QObject *parent)
    : ItemListModel(store, Store::Table::Devices, int(Column::Count),
                    {{UuidRole, "uuid"}, {LastSeenRole, "lastSeen"}, {ProtocolRole, "protocol"}},
                    parent)
{
    reload();
}

void DeviceListModel::reload()
{
    applyList(m_items, m_store.devices(), [](const Device &d) { return d.uuid; });
}

QVariant DeviceListModel::itemData(const Device &d, int column, int role) const
{
    switch (role) {
    case UuidRole:
        return d.uuid;
    case LastSeenRole:
        return d.lastSeen;
    case ProtocolRole:
        return d.protocol;
    case Qt::DisplayRole:
        switch (Column(column)) {
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

QString DeviceListModel::columnTitle(int column) const
{
    switch (Column(column)) {
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
    return QString();
}

} // namespace Tributary
