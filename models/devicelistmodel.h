#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Synchronized Devices page's devices, last seen first.
class DeviceListModel : public ItemListModel<Device, StoreListModel>
{
    Q_OBJECT
public:
    enum class Column { Name, Type, Protocol, FirstSeen, LastSeen, LastIp, Count };
    Q_ENUM(Column)
    enum Role { UuidRole = Qt::UserRole + 1, LastSeenRole, ProtocolRole };
    Q_ENUM(Role)

    explicit DeviceListModel(Store &store, QObject *parent = nullptr);

    void reload() override;

protected:
    QVariant itemData(const Device &d, int column, int role) const override;
};

} // namespace Tributary
