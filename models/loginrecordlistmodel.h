#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Authenticated IPs page: sign-ins of the last `days` days (3 by default), newest first.
class LoginRecordListModel : public StoreListModel
{
    Q_OBJECT
public:
    enum class Column { Time, Ip, Protocol, Client, Result, Count };
    Q_ENUM(Column)
    enum Role {
        IdRole = Qt::UserRole + 1,
        TimeRole,
        IpRole,
        ProtocolRole,
        SuccessRole,
        DeviceUuidRole
    };
    Q_ENUM(Role)

    explicit LoginRecordListModel(Store &store, QObject *parent = nullptr);

    // How far back to show; <= 0 = everything. Reloads.
    void setDays(int days);
    int days() const { return m_days; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void reload() override;

    LoginRecord itemAt(int row) const;

private:
    QList<LoginRecord> m_items;
    int m_days = 3;
};

} // namespace Tributary
