#include "retrievaltasklistmodel.h"

namespace Tributary {

RetrievalTaskListModel::RetrievalTaskListModel(Store &store, QObject *parent)
    : StoreListModel(store, Store::Table::RetrievalTasks, parent)
{
    reload();
}

void RetrievalTaskListModel::reload()
{
    applyList(m_items, m_store.retrievalTasks(), [](const RetrievalTask &t) { return t.uuid; });
}

int RetrievalTaskListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int RetrievalTaskListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

RetrievalTask RetrievalTaskListModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : RetrievalTask();
}

QVariant RetrievalTaskListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const RetrievalTask &t = m_items.at(index.row());
    switch (role) {
    case UuidRole:
        return t.uuid;
    case KindRole:
        return RetrievalTask::kindName(t.kind);
    case MethodRole:
        return RetrievalTask::methodName(t.method);
    case LastRunRole:
        return t.lastRun;
    case NextRunRole:
        return t.nextRun;
    case LastCountRole:
        return t.lastCount;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Column::Name:
            return t.name;
        case Column::Kind:
            switch (t.kind) {
            case RetrievalTask::Kind::Pop3:
                return tr("POP3");
            case RetrievalTask::Kind::Imap:
                return tr("IMAP");
            case RetrievalTask::Kind::Exchange:
                return tr("Exchange");
            }
            return QVariant();
        case Column::Server:
            return t.server;
        case Column::Username:
            return t.username;
        case Column::Method:
            return t.method == RetrievalTask::Method::Automatic ? tr("Automatic") : tr("Manual");
        case Column::LastRun:
            return t.lastRun.isValid() ? displayTime(t.lastRun) : tr("Never");
        case Column::LastResult:
            return t.lastResult;
        case Column::NextRun:
            return displayTime(t.nextRun);
        case Column::Count:
            break;
        }
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant RetrievalTaskListModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Kind:
        return tr("Type");
    case Column::Server:
        return tr("Server");
    case Column::Username:
        return tr("User name");
    case Column::Method:
        return tr("Retrieval");
    case Column::LastRun:
        return tr("Last run");
    case Column::LastResult:
        return tr("Result");
    case Column::NextRun:
        return tr("Next run");
    case Column::Count:
        break;
    }
    return QVariant();
}

QHash<int, QByteArray> RetrievalTaskListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(UuidRole, "uuid");
    roles.insert(KindRole, "kind");
    roles.insert(MethodRole, "method");
    roles.insert(LastRunRole, "lastRun");
    roles.insert(NextRunRole, "nextRun");
    roles.insert(LastCountRole, "lastCount");
    return roles;
}

} // namespace Tributary
