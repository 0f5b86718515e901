#include "devicelistmodel.h"

namespace Tributary {

DeviceListModel::DeviceListModel(Store &store, QObject *parent)
    : ItemListModel(
        store, Store::Table::Devices,
        {QT_TR_NOOP("Device"), QT_TR_NOOP("Client"), QT_TR_NOOP("Protocol"),
         QT_TR_NOOP("First seen"), QT_TR_NOOP("Last seen"), QT_TR_NOOP("Last IP address")},
        {{UuidRole, "uuid"}, {LastSeenRole, "lastSeen"}, {ProtocolRole, "protocol"}}, parent)
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

} // namespace Tributary
