#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Mailbox Migration page's jobs, newest first.
class MigrationJobListModel : public StoreListModel
{
    Q_OBJECT
public:
    enum class Column { Provider, Status, Progress, Started, Finished, Count };
    Q_ENUM(Column)
    enum Role {
        UuidRole = Qt::UserRole + 1,
        StatusRole,
        ItemsDoneRole,
        ItemsTotalRole,
        ItemsFailedRole,
        ProgressPercentRole
    };
    Q_ENUM(Role)

    explicit MigrationJobListModel(Store &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void reload() override;

    MigrationJob itemAt(int row) const;

private:
    QList<MigrationJob> m_items;
};

} // namespace Tributary
