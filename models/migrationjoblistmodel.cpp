#include "migrationjoblistmodel.h"

namespace Tributary {

MigrationJobListModel::MigrationJobListModel(Store &store, QObject *parent)
    : StoreListModel(store, Store::Table::MigrationJobs, parent)
{
    reload();
}

void MigrationJobListModel::reload()
{
    applyList(m_items, m_store.migrationJobs(), [](const MigrationJob &j) { return j.uuid; });
}

int MigrationJobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int MigrationJobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

MigrationJob MigrationJobListModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : MigrationJob();
}

QVariant MigrationJobListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const MigrationJob &j = m_items.at(index.row());
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
        switch (Column(index.column())) {
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

QVariant MigrationJobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case Column::Provider:
        return tr("Source");
    case Column::Status:
        return tr("Status");
    case Column::Progress:
        return tr("Progress");
    case Column::Started:
        return tr("Started");
    case Column::Finished:
        return tr("Finished");
    case Column::Count:
        break;
    }
    return QVariant();
}

QHash<int, QByteArray> MigrationJobListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(UuidRole, "uuid");
    roles.insert(StatusRole, "status");
    roles.insert(ItemsDoneRole, "itemsDone");
    roles.insert(ItemsTotalRole, "itemsTotal");
    roles.insert(ItemsFailedRole, "itemsFailed");
    roles.insert(ProgressPercentRole, "progressPercent");
    return roles;
}

} // namespace Tributary
