#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Authenticated IPs page: sign-ins of the last `days` days (3 by default), newest first.
class LoginRecordListModel : public ItemListModel<LoginRecord, StoreListModel>
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

    void reload() override;

protected:
    QVariant itemData(const LoginRecord &r, int column, int role) const override;

private:
    int m_days = 3;
};

} // namespace Tributary
