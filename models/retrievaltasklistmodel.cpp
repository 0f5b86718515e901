#include "retrievaltasklistmodel.h"

namespace Tributary {

RetrievalTaskListModel::RetrievalTaskListModel(Store &store, QObject *parent)
    : ItemListModel(store, Store::Table::RetrievalTasks,
                    {QT_TR_NOOP("Name"), QT_TR_NOOP("Type"), QT_TR_NOOP("Server"),
                     QT_TR_NOOP("User name"), QT_TR_NOOP("Retrieval"), QT_TR_NOOP("Last run"),
                     QT_TR_NOOP("Result"), QT_TR_NOOP("Messages"), QT_TR_NOOP("Next run"),
                     QT_TR_NOOP("Status")},
                    {{UuidRole, "uuid"},
                     {KindRole, "kind"},
                     {MethodRole, "method"},
                     {LastRunRole, "lastRun"},
                     {NextRunRole, "nextRun"},
                     {LastCountRole, "lastCount"},
                     {RunningRole, "running"},
                     {ProgressDoneRole, "progressDone"},
                     {ProgressTotalRole, "progressTotal"}},
                    parent)
{
    reload();
}

void RetrievalTaskListModel::reload()
{
    applyList(m_items, m_store.retrievalTasks(), [](const RetrievalTask &t) { return t.uuid; });
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        if (rowOf(it.key()) < 0)
            it = m_runs.erase(it);
        else
            ++it;
    }
}

int RetrievalTaskListModel::rowOf(const QUuid &task) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).uuid == task)
            return row;
    }
    return -1;
}

void RetrievalTaskListModel::setRunning(const QUuid &task, bool running)
{
    if (rowOf(task) < 0 || running == m_runs.contains(task))
        return;
    if (running)
        m_runs.insert(task, RunState());
    else
        m_runs.remove(task);
    emitRowChanged(task);
}

void RetrievalTaskListModel::setRunProgress(const QUuid &task, qint64 done, qint64 total)
{
    auto it = m_runs.find(task);
    if (it == m_runs.end())
        return;
    it->done = done;
    it->total = total;
    emitRowChanged(task);
}

void RetrievalTaskListModel::emitRowChanged(const QUuid &task)
{
    const int row = rowOf(task);
    if (row >= 0)
        emitRowDataChanged(row);
}

QVariant RetrievalTaskListModel::itemData(const RetrievalTask &t, int column, int role) const
{
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
    case RunningRole:
        return m_runs.contains(t.uuid);
    case ProgressDoneRole:
        return m_runs.value(t.uuid).done;
    case ProgressTotalRole:
        return m_runs.value(t.uuid).total;
    case Qt::DisplayRole:
        switch (Column(column)) {
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
        case Column::LastCount:
            return t.lastRun.isValid() ? QVariant(t.lastCount) : QVariant();
        case Column::NextRun:
            return displayTime(t.nextRun);
        case Column::Status: {
            const auto run = m_runs.constFind(t.uuid);
            if (run == m_runs.cend())
                return QString();
            if (run->total > 0 && run->done >= 0)
                return tr("Retrieving… %1 of %2").arg(run->done).arg(run->total);
            return tr("Retrieving…");
        }
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
