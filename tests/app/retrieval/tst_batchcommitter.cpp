// BatchCommitter: MessageBatches committed on a writer thread in the order they were handed
// over, while the caller fills the next one; a failed batch stops every later one; stop()
// waits for the batch being committed and counts it; discardPending() from another thread
// drops what has not started and frees a submit() waiting for room.
#include "app/services/retrieval/batchcommitter.h"
#include "models/messagefilestore.h"
#include "models/store.h"

#include "support/testenv.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>
#include <QSemaphore>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>

using namespace Tributary;

namespace {

const QUuid kAccount(QStringLiteral("{6f1c7c1e-5b7a-4d59-9a55-0c3f6c2b9e11}"));

QByteArray body(const QString &uidl)
{
    QByteArray m = "From: writer@example.org\r\nSubject: " + uidl.toUtf8() + "\r\n\r\n";
    for (int i = 0; i < 40; ++i)
        m += "line " + QByteArray::number(i) + " of " + uidl.toUtf8() + "\r\n";
    return m;
}

// A batch of `count` messages with UIDLs prefix-0, prefix-1, ...
std::unique_ptr<MessageBatch> makeBatch(Store &store, const QString &prefix, int count)
{
    auto batch = std::make_unique<MessageBatch>(store);
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    for (int i = 0; i < count; ++i) {
        MessageRecord r;
        r.folderId = inbox;
        r.sourceAccount = kAccount;
        r.sourceUidl = prefix + QLatin1Char('-') + QString::number(i);
        if (!batch->addMessage(r, body(r.sourceUidl)))
            return nullptr;
    }
    return batch;
}

// Every insert of a message with this UIDL fails inside the batch's transaction, as a full
// or broken database would.
bool poison(Store &store, const QString &uidl)
{
    QSqlQuery q(store.database());
    const bool ok
        = q.exec(QStringLiteral("CREATE TRIGGER refuse_poison BEFORE INSERT ON messages WHEN "
                                "NEW.source_uidl = '%1' BEGIN SELECT RAISE(ABORT, 'refused'); END")
                     .arg(uidl));
    if (!ok)
        qWarning() << q.lastError().text();
    return ok;
}

} // namespace

class TestBatchCommitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commitsOnWriterThreadInOrder();
    void failedBatchStopsLaterOnes();
    void stopWaitsForTheBatchBeingCommitted();
    void discardFromAnotherThread();
};

void TestBatchCommitter::commitsOnWriterThreadInOrder()
{
    Store store(TestEnv::scratchDir(QStringLiteral("committer-order")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);

    // messagesChanged() comes from the thread that committed.
    QMutex mutex;
    QSet<QThread *> committingThreads;
    connect(
        &store, &Store::messagesChanged, this,
        [&] {
            QMutexLocker lock(&mutex);
            committingThreads.insert(QThread::currentThread());
        },
        Qt::DirectConnection);

    BatchCommitter committer(store);
    QSignalSpy committed(&committer, &BatchCommitter::committed);
    QSignalSpy drained(&committer, &BatchCommitter::drained);
    QSignalSpy failed(&committer, &BatchCommitter::failed);
    // Each batch is handed over and the next one filled before any result came back
    // (results arrive from this thread's event loop, which has not run yet).
    for (int b = 0; b < 3; ++b) {
        auto batch = makeBatch(store, QStringLiteral("b%1").arg(b), b == 2 ? 3 : 12);
        QVERIFY(batch);
        committer.submit(std::move(batch));
        QCOMPARE(committer.inFlight(), b + 1);
        QCOMPARE(committed.count(), 0);
    }
    QVERIFY(drained.wait(60000));
    QCOMPARE(drained.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(committer.inFlight(), 0);
    QCOMPARE(committed.count(), 3);
    QList<qint64> all;
    const QList<int> sizes {12, 12, 3};
    for (int b = 0; b < 3; ++b) {
        const auto ids = committed.at(b).at(0).value<QList<qint64>>();
        QCOMPARE(ids.size(), sizes.at(b));
        QCOMPARE(committed.at(b).at(1).toInt(), 0);
        all += ids;
    }
    // In submission order: ids only grow, and each row names the batch it came from.
    QVERIFY(std::is_sorted(all.cbegin(), all.cend()));
    QCOMPARE(store.message(all.first())->sourceUidl, QStringLiteral("b0-0"));
    QCOMPARE(store.message(all.last())->sourceUidl, QStringLiteral("b2-2"));
    QCOMPARE(store.messageCount(inbox), 27);
    for (qint64 id : std::as_const(all)) {
        const auto record = store.message(id);
        QVERIFY(record);
        auto device = store.openMessage(id);
        QVERIFY(device);
        QCOMPARE(device->readAll(), body(record->sourceUidl));
    }
    {
        QMutexLocker lock(&mutex);
        QCOMPARE(committingThreads.size(), 1);
        QVERIFY(!committingThreads.contains(QThread::currentThread()));
    }
    QCOMPARE(committer.stop(), 0);
}

void TestBatchCommitter::failedBatchStopsLaterOnes()
{
    Store store(TestEnv::scratchDir(QStringLiteral("committer-failure")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    QVERIFY(poison(store, QStringLiteral("second-4")));

    BatchCommitter committer(store);
    committer.setMaxInFlight(3); // all three queued at once: the third must still not commit
    QSignalSpy committed(&committer, &BatchCommitter::committed);
    QSignalSpy failed(&committer, &BatchCommitter::failed);
    QSignalSpy drained(&committer, &BatchCommitter::drained);
    committer.submit(makeBatch(store, QStringLiteral("first"), 10));
    committer.submit(makeBatch(store, QStringLiteral("second"), 10));
    committer.submit(makeBatch(store, QStringLiteral("third"), 10));
    QVERIFY(failed.wait(60000));
    QCOMPARE(failed.count(), 1);
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    QVERIFY(committer.hasFailed());
    QCOMPARE(committed.count(), 1);
    QCOMPARE(committed.at(0).at(0).value<QList<qint64>>().size(), 10);
    QCOMPARE(drained.count(), 0);

    // Only the first batch is indexed: none of the failed one, none after it.
    QCOMPARE(store.messageCount(inbox), 10);
    const QSet<QString> known = store.knownUidls(kAccount);
    QCOMPARE(known.size(), 10);
    for (const QString &uidl : known)
        QVERIFY2(uidl.startsWith(QLatin1String("first-")), qPrintable(uidl));

    // Nothing is taken any more.
    committer.submit(makeBatch(store, QStringLiteral("fourth"), 2));
    QCOMPARE(committer.stop(), 0);
    QCOMPARE(store.messageCount(inbox), 10);
}

void TestBatchCommitter::stopWaitsForTheBatchBeingCommitted()
{
    Store store(TestEnv::scratchDir(QStringLiteral("committer-stop")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);

    BatchCommitter committer(store);
    QSignalSpy committed(&committer, &BatchCommitter::committed);
    committer.submit(makeBatch(store, QStringLiteral("a"), 9));
    committer.submit(makeBatch(store, QStringLiteral("b"), 9));
    committer.submit(makeBatch(store, QStringLiteral("c"), 9)); // waits until "a" is done
    // No result was delivered (this thread's event loop did not run): stop() reports what
    // the writer committed; the rest is dropped whole.
    const int stored = committer.stop();
    QCOMPARE(committed.count(), 0);
    QVERIFY2(stored == 9 || stored == 18 || stored == 27, qPrintable(QString::number(stored)));
    QCOMPARE(store.messageCount(inbox), qint64(stored));
    QCoreApplication::sendPostedEvents(&committer);
    QCOMPARE(committed.count(), 0);
    QCOMPARE(committer.inFlight(), 0);
}

void TestBatchCommitter::discardFromAnotherThread()
{
    Store store(TestEnv::scratchDir(QStringLiteral("committer-discard")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);

    // The writer holds still after committing the first batch's rows until the other
    // thread has discarded, as a run's worker would be cancelled in the middle; the other
    // thread discards once the second batch is handed over.
    QSemaphore firstCommitted, secondSubmitted, resume;
    bool first = true;
    connect(
        &store, &Store::messagesChanged, this,
        [&] {
            if (!first)
                return;
            first = false;
            firstCommitted.release();
            resume.acquire();
        },
        Qt::DirectConnection);

    BatchCommitter committer(store);
    QSignalSpy committed(&committer, &BatchCommitter::committed);
    QSignalSpy drained(&committer, &BatchCommitter::drained);
    std::unique_ptr<QThread> canceller(QThread::create([&] {
        firstCommitted.acquire();
        secondSubmitted.acquire();
        committer.discardPending();
        resume.release();
    }));
    canceller->start();

    auto c = makeBatch(store, QStringLiteral("c"), 9);
    auto d = makeBatch(store, QStringLiteral("d"), 9);
    committer.submit(makeBatch(store, QStringLiteral("a"), 9));
    committer.submit(makeBatch(store, QStringLiteral("b"), 9));
    secondSubmitted.release();
    // Either no room (one committing, one waiting), so this waits until the discard frees
    // it, or the discard came first: the batch is dropped.
    committer.submit(std::move(c));
    QVERIFY(canceller->wait(60000));
    QCOMPARE(committer.inFlight(), 2); // "a" (its result not delivered yet) and "b"
    committer.submit(std::move(d)); // dropped at once
    QCOMPARE(committer.inFlight(), 2);

    QTRY_COMPARE_WITH_TIMEOUT(committed.count(), 1, 60000);
    QCOMPARE(committed.at(0).at(0).value<QList<qint64>>().size(), 9);
    QCOMPARE(committer.stop(), 0);
    QCOMPARE(drained.count(), 0); // "b" never commits
    QCOMPARE(store.messageCount(inbox), 9);
    const QSet<QString> known = store.knownUidls(kAccount);
    QCOMPARE(known.size(), 9);
    for (const QString &uidl : known)
        QVERIFY2(uidl.startsWith(QLatin1String("a-")), qPrintable(uidl));
}

QTEST_GUILESS_MAIN(TestBatchCommitter)
#include "tst_batchcommitter.moc"
