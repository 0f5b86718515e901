#include "retrievalscheduler.h"

#include "retrievalrunbase.h"
#include "retrievalrunhandle.h"

#include "app/services/oauth/tokenservice.h"
#include "models/store.h"

#include <QList>
#include <QMetaObject>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace Tributary {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

RetrievalScheduler::RetrievalScheduler(Store &store, const Clock &clock, RunStarter starter,
                                       QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_starter(std::move(starter))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(30000);
    connect(m_timer, &QTimer::timeout, this, [this] { check(); });
}

RetrievalScheduler::~RetrievalScheduler()
{
    // Runs still going are not ours to stop; only stop listening to them.
    for (QObject *run : std::as_const(m_running))
        disconnect(run, nullptr, this, nullptr);
}

void RetrievalScheduler::setCheckInterval(int milliseconds)
{
    m_timer->setInterval(qMax(1, milliseconds));
}

void RetrievalScheduler::start()
{
    m_timer->start();
    QMetaObject::invokeMethod(
        this, [this] { check(); }, Qt::QueuedConnection);
}

void RetrievalScheduler::stop()
{
    m_timer->stop();
}

int RetrievalScheduler::check()
{
    const QDateTime now = m_clock.now();
    struct Due
    {
        RetrievalTask task;
        QDateTime last; // invalid = never ran
    };
    QList<Due> due;
    for (const RetrievalTask &task : m_store.retrievalTasks()) {
        if (task.method != RetrievalTask::Method::Automatic || m_running.contains(task.uuid))
            continue;
        // A sign-in the provider no longer accepts: not due until the user signed in again.
        if (task.authKind == RetrievalTask::AuthKind::OAuth && m_tokens
            && m_tokens->isSignInRequired(task.uuid.toString(QUuid::WithoutBraces)))
            continue;
        QDateTime last = m_lastStarted.value(task.uuid);
        if (!last.isValid())
            last = task.lastRun;
        if (!last.isValid() || last.secsTo(now) >= m_intervalSecs)
            due.append({task, last});
    }
    // Most overdue first; never-run tasks before all others.
    std::stable_sort(due.begin(), due.end(), [](const Due &a, const Due &b) {
        if (!a.last.isValid() || !b.last.isValid())
            return !a.last.isValid() && b.last.isValid();
        return a.last < b.last;
    });
    int started = 0;
    for (const Due &d : std::as_const(due)) {
        if (m_running.size() >= m_maxConcurrent)
            break;
        if (startRun(d.task, now))
            ++started;
    }
    return started;
}

bool RetrievalScheduler::runNow(const QUuid &uuid)
{
    if (m_running.contains(uuid) || m_running.size() >= m_maxConcurrent)
        return false;
    const auto task = m_store.retrievalTask(uuid);
    if (!task)
        return false;
    return startRun(*task, m_clock.now());
}

bool RetrievalScheduler::startRun(const RetrievalTask &task, const QDateTime &now)
{
    QObject *run = m_starter ? m_starter(task) : nullptr;
    if (!run)
        return false;
    const QUuid uuid = task.uuid;
    m_running.insert(uuid, run);
    m_lastStarted.insert(uuid, now);
    m_reported.remove(uuid);
    connectRun(run, uuid);
    connect(run, &QObject::destroyed, this, [this, uuid] { onRunDestroyed(uuid); });
    Q_EMIT runStarted(uuid);
    return true;
}

void RetrievalScheduler::connectRun(QObject *run, const QUuid &uuid)
{
    auto relayProgress = [this, uuid](qint64 done, qint64 total) {
        if (m_running.contains(uuid) && !m_reported.contains(uuid))
            Q_EMIT runProgress(uuid, done, total);
    };
    if (auto *handle = qobject_cast<RetrievalRunHandle *>(run)) {
        connect(handle, &RetrievalRunHandle::progress, this, relayProgress);
        connect(handle, &RetrievalRunHandle::finished, this,
                [this, uuid](bool ok, int newMessages, const QString &summary) {
                    reportFinished(uuid, ok, newMessages, summary);
                });
    } else if (auto *base = qobject_cast<RetrievalRunBase *>(run)) {
        connect(base, &RetrievalRunBase::progress, this, relayProgress);
        connect(base, &RetrievalRunBase::ended, this, [this, uuid](RetrievalRunBase *r) {
            const bool ok = r->error() == RetrievalRunBase::Error::None;
            reportFinished(uuid, ok, r->retrievedCount(),
                           ok ? tr("%n new message(s)", nullptr, r->retrievedCount())
                              : r->errorString());
        });
    }
}

void RetrievalScheduler::reportFinished(const QUuid &uuid, bool ok, int newMessages,
                                        const QString &summary)
{
    if (!m_running.contains(uuid) || m_reported.contains(uuid))
        return;
    m_reported.insert(uuid);
    Q_EMIT runFinished(uuid, ok, newMessages, summary);
}

void RetrievalScheduler::onRunDestroyed(const QUuid &uuid)
{
    reportFinished(uuid, false, 0, tr("The retrieval ended without a result."));
    m_reported.remove(uuid);
    m_running.remove(uuid);
    Q_EMIT runEnded(uuid);
    // A waiting task may start now that a slot is free (from the event loop, not from
    // inside the run's destruction).
    if (m_checkQueued)
        return;
    m_checkQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_checkQueued = false;
            check();
        },
        Qt::QueuedConnection);
}

} // namespace Tributary
