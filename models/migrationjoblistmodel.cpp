#include "migrationjoblistmodel.h"

namespace Tributary {

MigrationJobListModel::MigrationJobListModel(Store &store, QObject *parent)
    : ItemListModel(store, Store::Table::MigrationJobs,
                    {QT_TR_NOOP("Source"), QT_TR_NOOP("Status"), QT_TR_NOOP("Progress"),
                     QT_TR_NOOP("Started"), QT_TR_NOOP("Finished")},
                    {{UuidRole, "uuid"},
                     {StatusRole, "status"},
                     {ItemsDoneRole, "itemsDone"},
                     {ItemsTotalRole, "itemsTotal"},
                     {ItemsFailedRole, "itemsFailed"},
                     {ProgressPercentRole, "progressPercent"}},
                    parent)
{
    reload();
}

void MigrationJobListModel::reload()
{
    applyList(m_items, m_store.migrationJobs(), [](const MigrationJob &j) { return j.uuid; });
}

QVariant MigrationJobListModel::itemData(const MigrationJob &j, int column, int role) const
{
    const int percent = j.itemsTotal > 0
        ? int(qBound(qint64(0), j.itemsDone * 100 / j.itemsTotal, qint64(100)))
        : 0;
    switch (role) {
    case UuidRole:
        return j.uuid;
    case StatusRole:
        return j.status;
    case ItemsDoneRole:
        return j.itemsDone;
    case ItemsTotalRole:
        return j.itemsTotal;
    case ItemsFailedRole:
        return j.itemsFailed;
    case ProgressPercentRole:
        return percent;
    case Qt::DisplayRole:
        switch (Column(column)) {
        case Column::Provider:
            return j.provider;
        case Column::Status:
            return j.status;
        case Column::Progress:
            if (j.itemsTotal <= 0)
                return tr("%n item(s)", nullptr, int(j.itemsDone));
            return tr("%1 of %2 (%3%)").arg(j.itemsDone).arg(j.itemsTotal).arg(percent);
        case Column::Started:
            return displayTime(j.started);
        case Column::Finished:
            return displayTime(j.finished);
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
