#pragma once

#include "storelistmodel.h"

#include <QHash>
#include <QUuid>

namespace Tributary {

// The Email Retrieval page's tasks, ordered by name.
//
// Besides the stored columns, the model shows which tasks are retrieving right now and how
// far they are (Column::Status, RunningRole, ProgressDoneRole, ProgressTotalRole). That state
// is not stored: the owner feeds it from the scheduler with setRunning()/setRunProgress();
// it survives reloads (by uuid) and is dropped for a task that is no longer listed.
class RetrievalTaskListModel : public ItemListModel<RetrievalTask, StoreListModel>
{
    Q_OBJECT
public:
    enum class Column {
        Name,
        Kind,
        Server,
        Username,
        Method,
        LastRun,
        LastResult,
        LastCount,
        NextRun,
        Status,
        Count
    };
    Q_ENUM(Column)
    enum Role {
        UuidRole = Qt::UserRole + 1,
        KindRole,
        MethodRole,
        LastRunRole,
        NextRunRole,
        LastCountRole,
        RunningRole, // bool
        ProgressDoneRole, // qint64; -1 while the run has not said how far it is
        ProgressTotalRole, // qint64; -1 (unknown) or the run's total
    };
    Q_ENUM(Role)

    explicit RetrievalTaskListModel(Store &store, QObject *parent = nullptr);

    void reload() override;

    int rowOf(const QUuid &task) const; // -1 when not listed

    // A run of `task` started (running = true; progress unknown) or ended.
    void setRunning(const QUuid &task, bool running);
    // Progress of the running task (ignored when it is not marked running).
    void setRunProgress(const QUuid &task, qint64 done, qint64 total);
    bool isRunning(const QUuid &task) const { return m_runs.contains(task); }

protected:
    QVariant itemData(const RetrievalTask &t, int column, int role) const override;

private:
    struct RunState
    {
        qint64 done = -1;
        qint64 total = -1;
    };
    void emitRowChanged(const QUuid &task);

    QHash<QUuid, RunState> m_runs;
};

} // namespace Tributary
