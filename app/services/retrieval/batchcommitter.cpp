#include "batchcommitter.h"

#include "models/store.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QThread>
#include <QWaitCondition>

#include <deque>
#include <utility>

namespace Tributary {

// What the committer's thread and the writer thread share, under `mutex`.
struct BatchCommitter::Shared
{
    struct Result
    {
        bool ok = false;
        QList<qint64> insertedIds;
        int duplicates = 0;
        QString error;
    };

    QMutex mutex;
    QWaitCondition changed;
    std::deque<std::unique_ptr<MessageBatch>> queue; // submitted, not started
    bool busy = false; // the writer is committing a batch
    bool stopping = false;
    bool failed = false;
    bool discarding = false; // discardPending() was called
    std::deque<Result> results; // finished on the writer, not delivered yet
};

BatchCommitter::BatchCommitter(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_shared(std::make_shared<Shared>())
{
}

BatchCommitter::~BatchCommitter()
{
    stop();
}

void BatchCommitter::setMaxInFlight(int batches)
{
    m_maxInFlight = qMax(1, batches);
}

void BatchCommitter::startThread()
{
    // The writer keeps the shared state alive by itself; `committer` is only used to post
    // results back, and stop() joins the thread before the committer goes away.
    std::shared_ptr<Shared> shared = m_shared;
    Store *store = &m_store;
    BatchCommitter *committer = this;
    m_thread = QThread::create([shared, store, committer] {
        for (;;) {
            std::unique_ptr<MessageBatch> batch;
            {
                QMutexLocker lock(&shared->mutex);
                while (shared->queue.empty() && !shared->stopping)
                    shared->changed.wait(&shared->mutex);
                if (shared->stopping)
                    break;
                batch = std::move(shared->queue.front());
                shared->queue.pop_front();
                shared->busy = true;
            }
            Shared::Result result;
            result.ok = batch->commit(&result.error);
            result.insertedIds = batch->insertedIds();
            result.duplicates = batch->duplicateCount();
            batch.reset();
            {
                QMutexLocker lock(&shared->mutex);
                shared->busy = false;
                if (!result.ok) {
                    // Nothing after a failed batch may count: drop the rest whole.
                    shared->failed = true;
                    shared->queue.clear();
                }
                shared->results.push_back(std::move(result));
                shared->changed.wakeAll();
            }
            QMetaObject::invokeMethod(committer, &BatchCommitter::deliver, Qt::QueuedConnection);
        }
        store->releaseThreadConnection();
    });
    m_thread->setObjectName(QStringLiteral("batch-writer"));
    m_thread->start();
}

void BatchCommitter::submit(std::unique_ptr<MessageBatch> batch)
{
    if (!batch || m_failed || m_stopped)
        return;
    if (!m_thread)
        startThread();
    ++m_inFlight;
    QMutexLocker lock(&m_shared->mutex);
    while (!m_shared->failed && !m_shared->discarding
           && int(m_shared->queue.size()) + (m_shared->busy ? 1 : 0) >= m_maxInFlight)
        m_shared->changed.wait(&m_shared->mutex);
    if (m_shared->failed)
        return; // dropped; failed() is on its way
    if (m_shared->discarding) {
        --m_inFlight; // dropped; it never commits
        return;
    }
    m_shared->queue.push_back(std::move(batch));
    m_shared->changed.wakeAll();
}

void BatchCommitter::deliver()
{
    std::deque<Shared::Result> results;
    {
        QMutexLocker lock(&m_shared->mutex);
        results.swap(m_shared->results);
    }
    const QPointer<BatchCommitter> alive(this);
    for (Shared::Result &result : results) {
        if (m_stopped || m_failed)
            return;
        if (!result.ok) {
            m_failed = true;
            m_inFlight = 0;
            Q_EMIT failed(result.error);
            return;
        }
        --m_inFlight;
        Q_EMIT committed(result.insertedIds, result.duplicates);
        if (!alive)
            return;
        if (m_inFlight == 0 && !m_stopped && !m_failed) {
            Q_EMIT drained();
            if (!alive)
                return;
        }
    }
}

void BatchCommitter::discardPending()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->discarding = true;
    m_shared->queue.clear();
    m_shared->changed.wakeAll();
}

int BatchCommitter::stop()
{
    if (m_stopped)
        return 0;
    m_stopped = true;
    m_inFlight = 0;
    if (!m_thread)
        return 0;
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->stopping = true;
        m_shared->queue.clear();
        m_shared->changed.wakeAll();
    }
    // At most the batch being committed is waited for.
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    int inserted = 0;
    QMutexLocker lock(&m_shared->mutex);
    for (const Shared::Result &result : m_shared->results) {
        if (result.ok)
            inserted += int(result.insertedIds.size());
    }
    m_shared->results.clear();
    return inserted;
}

} // namespace Tributary
