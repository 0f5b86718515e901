// The runs of startRetrievalRun work off the caller's thread, against the real Dovecot
// (fixture dovecot) and the test session's keyring. Users u75 and u76 belong to this test.
#include "app/services/retrieval/retrievalrunhandle.h"
#include "app/services/retrieval/retrievalrunstarter.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "app/services/secretstore.h"
#include "models/messagefilestore.h"
#include "models/store.h"
#include "support/dovecotfixture.h"

#include <QFile>
#include <QMutex>
#include <QPointer>
#include <QSemaphore>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Tributary;

namespace {

QByteArray mail(const QByteArray &tag, int i, int padding = 0)
{
    const QByteArray n = QByteArray::number(i);
    return "From: Sender <sender@example.test>\r\nTo: someone@example.test\r\nSubject: " + tag + " "
        + n + "\r\nMessage-ID: <thr-" + tag + "-" + n + "@example.test>\r\n\r\nBody " + tag + " "
        + n + "\r\n" + QByteArray(padding, 'x') + "\r\n";
}

// Records the thread of every change the store reports (changed() comes from the thread
// that committed).
struct ThreadRecorder
{
    QMutex mutex;
    QSet<QThread *> threads;
    int messageChanges = 0;
};

} // namespace

class TestRetrievalThreads : public QObject
{
    Q_OBJECT

    std::unique_ptr<DovecotFixture> m_dovecot;

    bool deliver(const QString &user, const QString &folder, const QList<QByteArray> &messages)
    {
        return m_dovecot->deliver(user, folder, messages);
    }
    RetrievalTask makeTask(Store &store, const QString &user, RetrievalTask::Kind kind)
    {
        RetrievalTask task = m_dovecot->task(kind, user);
        task.name = QStringLiteral("threads ") + user;
        if (kind == RetrievalTask::Kind::Pop3) {
            task.port = m_dovecot->port(QStringLiteral("POP3_PORT"));
            task.security = RetrievalTask::Security::None;
        }
        task.leaveOnServer = false;
        task.folderTransfer = RetrievalTask::FolderTransfer::Mirror;
        if (!m_dovecot->addTask(store, task))
            qWarning() << "task not added";
        return task;
    }
    static void watch(Store &store, ThreadRecorder &recorder)
    {
        QObject::connect(
            &store, &Store::changed, &store,
            [&recorder](Store::Table table) {
                QMutexLocker lock(&recorder.mutex);
                recorder.threads.insert(QThread::currentThread());
                if (table == Store::Table::Messages)
                    ++recorder.messageChanges;
            },
            Qt::DirectConnection);
    }
    // Every stored message has its file, and no content is stored twice in one folder.
    static bool consistent(Store &store, qint64 *rows)
    {
        QSqlQuery q(store.database());
        if (!q.exec(QStringLiteral("SELECT sha256, folder_id FROM messages")))
            return false;
        QSet<QString> seen;
        *rows = 0;
        while (q.next()) {
            ++*rows;
            const QString key = q.value(0).toString() + q.value(1).toString();
            if (seen.contains(key) || !store.messageFiles().contains(q.value(0).toString()))
                return false;
            seen.insert(key);
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dovecot = std::make_unique<DovecotFixture>(QStringLiteral("dovecot"),
                                                     QStringLiteral("retrievalthreads"));
        QVERIFY2(m_dovecot->isValid(), qPrintable(m_dovecot->error()));
    }

    // IMAP and POP3 runs through the scheduler: every store commit (messages and the run's
    // record) happens on another thread than the main one; progress and the outcome
    // arrive on the main thread; the handle goes away after its finished().
    void storesOffTheMainThread_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("imap") << int(RetrievalTask::Kind::Imap);
        QTest::newRow("pop3") << int(RetrievalTask::Kind::Pop3);
    }
    void storesOffTheMainThread()
    {
        QFETCH(int, kind);
        const QString user = QStringLiteral("u75");
        QVERIFY(m_dovecot->reset(user));
        QList<QByteArray> messages;
        for (int i = 0; i < 120; ++i)
            messages.append(mail("thread", i, 2000));
        QVERIFY(deliver(user, QStringLiteral("INBOX"), messages));
        if (RetrievalTask::Kind(kind) == RetrievalTask::Kind::Imap)
            QVERIFY(deliver(user, QStringLiteral("Archive/2024"), {mail("archive", 1)}));
        Store store(TestEnv::scratchDir(QStringLiteral("retrievalthreads-off")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, user, RetrievalTask::Kind(kind));
        ThreadRecorder recorder;
        watch(store, recorder);

        SystemClock clock;
        RetrievalScheduler scheduler(store, clock, [&](const RetrievalTask &t) {
            return startRetrievalRun(store, m_dovecot->secrets(), nullptr, t, nullptr,
                                     m_dovecot->ca());
        });
        QSet<QThread *> signalThreads;
        connect(&scheduler, &RetrievalScheduler::runProgress, this,
                [&signalThreads] { signalThreads.insert(QThread::currentThread()); });
        QSignalSpy finished(&scheduler, &RetrievalScheduler::runFinished);
        QSignalSpy ended(&scheduler, &RetrievalScheduler::runEnded);
        QVERIFY(scheduler.runNow(task.uuid));
        QVERIFY(ended.wait(120000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        const int expected = RetrievalTask::Kind(kind) == RetrievalTask::Kind::Imap ? 121 : 120;
        QCOMPARE(finished.at(0).at(2).toInt(), expected);

        qint64 rows = 0;
        QVERIFY(consistent(store, &rows));
        QCOMPARE(rows, qint64(expected));
        QMutexLocker lock(&recorder.mutex);
        QVERIFY(recorder.messageChanges > 0);
        QVERIFY(!recorder.threads.isEmpty());
        QVERIFY2(!recorder.threads.contains(QThread::currentThread()),
                 "the store was written on the main thread");
        QVERIFY(!signalThreads.isEmpty());
        QCOMPARE(signalThreads, QSet<QThread *> {QThread::currentThread()});
    }

    // Deleting the handle while the run is storing (application shutdown) cancels it and
    // waits for its thread: what was committed stays whole, nothing is half-stored or
    // deleted at the source, and the next run brings the rest exactly once.
    void shutdownInTheMiddle()
    {
        const QString user = QStringLiteral("u76");
        QVERIFY(m_dovecot->reset(user));
        QList<QByteArray> messages;
        for (int i = 0; i < 400; ++i)
            messages.append(mail("shutdown", i, 8000));
        QVERIFY(deliver(user, QStringLiteral("INBOX"), messages));
        Store store(TestEnv::scratchDir(QStringLiteral("retrievalthreads-shutdown")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, user, RetrievalTask::Kind::Pop3);

        // The worker stops after its first committed batch until the main thread has asked
        // for the cancellation, so the run is surely in the middle.
        QSemaphore committed, resume;
        bool first = true;
        connect(
            &store, &Store::changed, &store,
            [&](Store::Table table) {
                if (table != Store::Table::Messages || !first)
                    return;
                first = false;
                committed.release();
                resume.acquire();
            },
            Qt::DirectConnection);
        QPointer<RetrievalRunHandle> handle = startRetrievalRun(
            store, m_dovecot->secrets(), nullptr, task, nullptr, m_dovecot->ca());
        QVERIFY(handle);
        QTRY_VERIFY_WITH_TIMEOUT(committed.available() > 0, 120000);
        handle->cancel();
        resume.release();
        delete handle.data(); // waits for the worker
        QVERIFY(!handle);
        disconnect(&store, &Store::changed, &store, nullptr);
        qint64 rows = 0;
        QVERIFY(consistent(store, &rows));
        QVERIFY(rows < 400); // stopped in the middle

        QPointer<RetrievalRunHandle> again = startRetrievalRun(store, m_dovecot->secrets(), nullptr,
                                                               task, nullptr, m_dovecot->ca());
        QSignalSpy finished(again.data(), &RetrievalRunHandle::finished);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(!again, 30000); // deletes itself after finished()
        QVERIFY(consistent(store, &rows));
        QCOMPARE(rows, qint64(400));
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(DISTINCT source_uidl) FROM messages")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), qint64(400));
    }
};

QTEST_GUILESS_MAIN(TestRetrievalThreads)
#include "tst_retrievalthreads.moc"
