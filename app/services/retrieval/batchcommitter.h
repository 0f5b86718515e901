#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace Tributary {

class MessageBatch;
class Store;

// Commits MessageBatches on a writer thread of its own, so that a retrieval run keeps
// reading the network while a full batch is made durable and indexed.
//
//   BatchCommitter committer(store);
//   connect(&committer, &BatchCommitter::committed, ...);   // one per batch, in order
//   connect(&committer, &BatchCommitter::failed, ...);
//   committer.submit(std::move(batch));                    // returns at once (see below)
//   ... when inFlight() is 0 (or on drained()) every batch handed over is committed.
//
// Batches are committed one after another in the order they were submitted, each with
// MessageBatch::commit() on the writer thread (which opens its own Store connection, and
// releases it when the thread ends). The writer thread starts with the first submit().
//
// Bounded: at most maxInFlight() batches (default 2) wait or commit at once; submit() blocks
// the calling thread while that many do, so a disk slower than the network slows the reader
// down instead of piling up batches.
//
// Results come back to the committer's thread from its event loop: committed() once per
// batch whose rows are committed, in submission order; after the first failure, failed()
// once, and no later batch is committed (they are dropped whole: their files stay as
// unreferenced content, none of their rows exists). drained() follows a committed() that
// left nothing in flight. No signal is emitted after stop().
//
// Threading: every method is called from the thread the committer lives on. The store must
// outlive the committer; destroying the committer stops it (stop()).
class BatchCommitter : public QObject
{
    Q_OBJECT
public:
    explicit BatchCommitter(Store &store, QObject *parent = nullptr);
    ~BatchCommitter() override;

    // Batches that may wait or commit at once (at least 1).
    void setMaxInFlight(int batches);
    int maxInFlight() const { return m_maxInFlight; }

    // Hands over `batch` (no message open in it). Ignored after a failure or stop().
    void submit(std::unique_ptr<MessageBatch> batch);
    // Submitted batches whose committed() (or failed()) has not been emitted yet.
    int inFlight() const { return m_inFlight; }
    bool hasFailed() const { return m_failed; }

    // Thread-safe, callable from any thread (a cancellation that cannot wait for the
    // committer's thread, which may be busy reading or blocked in submit()): drops the
    // batches that have not started and every later submit(), and wakes a blocked submit().
    // The batch being committed finishes and its committed() still comes; drained() does
    // not follow, as the dropped batches never commit: the owner ends with stop().
    void discardPending();

    // Drops the batches that have not started, waits for the one being committed (if any)
    // and ends the writer thread. Returns how many messages were newly stored by batches
    // whose committed() was not emitted (so a caller can still count them). Afterwards the
    // committer emits nothing and ignores submit().
    int stop();

Q_SIGNALS:
    // The rows of one batch are committed: its new rows' ids and how many rows already
    // existed (MessageBatch::insertedIds(), duplicateCount()).
    void committed(const QList<qint64> &insertedIds, int duplicates);
    // A batch could not be committed: `message` is MessageBatch::commit()'s error text.
    void failed(const QString &message);
    // Every batch submitted so far is committed.
    void drained();

private:
    struct Shared;
    void startThread();
    void deliver();

    Store &m_store;
    std::shared_ptr<Shared> m_shared;
    QThread *m_thread = nullptr;
    int m_maxInFlight = 2;
    int m_inFlight = 0;
    bool m_failed = false;
    bool m_stopped = false;
};

} // namespace Tributary
