#pragma once

#include "models/retrievaltask.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUuid>

#include <functional>
#include <utility>

class QTimer;

namespace Tributary {

class Store;
class TokenService;

// The time, injectable: the scheduler asks a Clock, so tests move time forward instead of
// waiting.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
};

// QDateTime::currentDateTimeUtc().
class SystemClock : public Clock
{
public:
    QDateTime now() const override;
};

// Starts the automatic retrieval tasks (RetrievalTask::Method::Automatic) every
// interval() (10 minutes by default).
//
// check() looks at every task once: a task is due when it never ran, or when its last
// run (the store's lastRun at first sight, afterwards the clock's time when this scheduler
// started it) is interval() or longer ago; so at start-up an overdue task runs at once.
// A task that is running is never started again; at most maxConcurrent() runs go at
// once, the most overdue first, and the others wait for the next check. start() checks
// at once (from the event loop) and then every checkInterval(); the end of a run also
// triggers a check. runNow() starts a task by hand under the same rules.
//
// Runs are made by the injected RunStarter: it starts one run of the task and returns an
// object that lives exactly as long as the run (the scheduler counts the run as over when
// that object is destroyed; e.g. a RetrievalRun deleted after its finished()). It returns
// nullptr when it could not start one.
//
// When that object is a RetrievalRunHandle or a run class (RetrievalRunBase), its
// progress and its end are passed on as runProgress() and runFinished() (emitted on this
// scheduler's thread). runFinished() comes before runEnded(); a run object destroyed
// without reporting an end gives runFinished(task, false, 0, ...) first.
//
// Ownership: the store and the clock must outlive the scheduler. Main thread only.
class RetrievalScheduler : public QObject
{
    Q_OBJECT
public:
    using RunStarter = std::function<QObject *(const RetrievalTask &task)>;

    RetrievalScheduler(Store &store, const Clock &clock, RunStarter starter,
                       QObject *parent = nullptr);
    ~RetrievalScheduler() override;

    // Replaces the starter (for owners that create the scheduler before the starter can
    // refer to it). Runs already going are not affected.
    void setRunStarter(RunStarter starter) { m_starter = std::move(starter); }
    // The OAuth tokens of the tasks (may be null): an automatic OAuth task whose sign-in the
    // token service says is required (TokenService::isSignInRequired(task uuid without
    // braces)) is not due until the user signed in again (TokenService::saveSignIn), so a
    // revoked sign-in is not retried every interval. runNow() still starts it. The run
    // starter may hand the same service to its runs (tokenService()). Must outlive the
    // scheduler.
    void setTokenService(TokenService *tokens) { m_tokens = tokens; }
    TokenService *tokenService() const { return m_tokens; }
    void setInterval(qint64 seconds) { m_intervalSecs = qMax<qint64>(1, seconds); }
    qint64 interval() const { return m_intervalSecs; }
    void setMaxConcurrent(int runs) { m_maxConcurrent = qMax(1, runs); }
    int maxConcurrent() const { return m_maxConcurrent; }
    // How often start()'s timer calls check(), in milliseconds (default 30000).
    void setCheckInterval(int milliseconds);

    void start();
    void stop();

    // Starts every due automatic task that the limits allow; returns how many started.
    int check();
    // Starts the task now unless it is running or the limit is reached; false then.
    bool runNow(const QUuid &task);

    bool isRunning(const QUuid &task) const { return m_running.contains(task); }
    int runningCount() const { return int(m_running.size()); }

Q_SIGNALS:
    void runStarted(const QUuid &task);
    // done/total messages of the task's current run.
    void runProgress(const QUuid &task, qint64 done, qint64 total);
    // The run's outcome: ok without error, newMessages newly stored, summary one sentence
    // for the user. Exactly once per run started, before runEnded().
    void runFinished(const QUuid &task, bool ok, int newMessages, const QString &summary);
    void runEnded(const QUuid &task);

private:
    bool startRun(const RetrievalTask &task, const QDateTime &now);
    void connectRun(QObject *run, const QUuid &task);
    void reportFinished(const QUuid &task, bool ok, int newMessages, const QString &summary);
    void onRunDestroyed(const QUuid &task);

    Store &m_store;
    const Clock &m_clock;
    RunStarter m_starter;
    TokenService *m_tokens = nullptr;
    qint64 m_intervalSecs = 600;
    int m_maxConcurrent = 2;
    QTimer *m_timer = nullptr;
    QHash<QUuid, QObject *> m_running;
    QHash<QUuid, QDateTime> m_lastStarted;
    QSet<QUuid> m_reported; // running tasks whose runFinished() was emitted
    bool m_checkQueued = false;
};

} // namespace Tributary
