#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Cloud Storage page's connections.
class CloudConnectionListModel : public StoreListModel
{
    Q_OBJECT
public:
    enum class Column { DisplayName, Provider, Account, Status, Created, Count };
    Q_ENUM(Column)
    enum Role { UuidRole = Qt::UserRole + 1, ProviderRole, StatusRole };
    Q_ENUM(Role)

    explicit CloudConnectionListModel(Store &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void reload() override;

    CloudConnection itemAt(int row) const;

private:
    QList<CloudConnection> m_items;
};

} // namespace Tributary
