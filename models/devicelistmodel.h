#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Synchronized Devices page's devices, last seen first.
class DeviceListModel : public StoreListModel
{
    Q_OBJECT
public:
    enum class Column { Name, Type, Protocol, FirstSeen, LastSeen, LastIp, Count };
    Q_ENUM(Column)
    enum Role { UuidRole = Qt::UserRole + 1, LastSeenRole, ProtocolRole };
    Q_ENUM(Role)

    explicit DeviceListModel(Store &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void reload() override;

    Device itemAt(int row) const;

private:
    QList<Device> m_items;
};

} // namespace Tributary
