#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Mailbox Migration page's jobs, newest first.
class MigrationJobListModel : public ItemListModel<MigrationJob, StoreListModel>
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

    void reload() override;

protected:
    QVariant itemData(const MigrationJob &j, int column, int role) const override;
};

} // namespace Tributary
