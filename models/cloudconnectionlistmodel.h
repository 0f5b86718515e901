#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Cloud Storage page's connections.
class CloudConnectionListModel : public ItemListModel<CloudConnection, StoreListModel>
{
    Q_OBJECT
public:
    enum class Column { DisplayName, Provider, Account, Status, Created, Count };
    Q_ENUM(Column)
    enum Role { UuidRole = Qt::UserRole + 1, ProviderRole, StatusRole };
    Q_ENUM(Role)

    explicit CloudConnectionListModel(Store &store, QObject *parent = nullptr);

    void reload() override;

protected:
    QVariant itemData(const CloudConnection &c, int column, int role) const override;
};

} // namespace Tributary
