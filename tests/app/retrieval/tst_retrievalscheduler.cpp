// RetrievalScheduler with a fake clock and fake runs: nothing waits for real time.
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "app/services/retrieval/retrievalrunhandle.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "app/services/secretstore.h"
#include "models/store.h"
#include "support/fakeclock.h"
#include "support/testenv.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Tributary;

class TestRetrievalScheduler : public QObject
{
    Q_OBJECT

    std::unique_ptr<Store> m_store;
    FakeClock m_clock;
    QHash<QUuid, QObject *> m_runs; // the fake runs in progress
    QList<QUuid> m_started; // every start, in order

    bool m_handles = false; // fake runs are RetrievalRunHandles

    QObject *startFake(const RetrievalTask &task)
    {
        QObject *run = m_handles ? new RetrievalRunHandle : new QObject;
        m_runs.insert(task.uuid, run);
        m_started.append(task.uuid);
        return run;
    }
    void endRun(const QUuid &uuid) { delete m_runs.take(uuid); }
    QUuid addTask(const QString &name, RetrievalTask::Method method, qint64 lastRunSecsAgo)
    {
        RetrievalTask task;
        task.name = name;
        task.server = QStringLiteral("pop.example.test");
        task.username = name;
        task.method = method;
        if (!m_store->insertRetrievalTask(task))
            return QUuid();
        if (lastRunSecsAgo >= 0)
            m_store->recordRetrievalRun(task.uuid, m_clock.now().addSecs(-lastRunSecsAgo),
                                        QStringLiteral("OK"), 0, QDateTime());
        return task.uuid;
    }
    std::unique_ptr<RetrievalScheduler> makeScheduler(int maxConcurrent = 4)
    {
        auto s = std::make_unique<RetrievalScheduler>(
            *m_store, m_clock, [this](const RetrievalTask &t) { return startFake(t); });
        s->setMaxConcurrent(maxConcurrent);
        return s;
    }

private Q_SLOTS:
    void init()
    {
        m_store
            = std::make_unique<Store>(TestEnv::scratchDir(QStringLiteral("retrieval-scheduler")));
        QString error;
        QVERIFY2(m_store->open(&error), qPrintable(error));
        m_started.clear();
        m_handles = false;
    }
    void cleanup()
    {
        qDeleteAll(m_runs);
        m_runs.clear();
        m_store.reset();
    }

    // At start-up: overdue and never-run automatic tasks start; recent and manual ones not.
    void overdueAtStartup()
    {
        const QUuid overdue
            = addTask(QStringLiteral("overdue"), RetrievalTask::Method::Automatic, 11 * 60);
        const QUuid recent
            = addTask(QStringLiteral("recent"), RetrievalTask::Method::Automatic, 5 * 60);
        const QUuid never = addTask(QStringLiteral("never"), RetrievalTask::Method::Automatic, -1);
        const QUuid manual
            = addTask(QStringLiteral("manual"), RetrievalTask::Method::Manual, 60 * 60);
        auto s = makeScheduler();
        QSignalSpy started(s.get(), &RetrievalScheduler::runStarted);
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, 30000);
        QCOMPARE(m_started, (QList<QUuid> {never, overdue})); // never-run first
        QVERIFY(s->isRunning(overdue));
        QVERIFY(!s->isRunning(recent));
        QVERIFY(!s->isRunning(manual));

        // The recent one becomes due once 10 minutes have passed since its last run.
        m_clock.advance(4 * 60);
        QCOMPARE(s->check(), 0);
        m_clock.advance(60);
        QCOMPARE(s->check(), 1);
        QVERIFY(s->isRunning(recent));
        QVERIFY(!s->isRunning(manual));
    }

    // Every 10 minutes after the scheduler started it; never while it is running.
    void everyTenMinutesNeverTwice()
    {
        const QUuid task = addTask(QStringLiteral("auto"), RetrievalTask::Method::Automatic, -1);
        auto s = makeScheduler();
        QCOMPARE(s->check(), 1);
        m_clock.advance(25 * 60); // still running: not started again
        QCOMPARE(s->check(), 0);
        QVERIFY(!s->runNow(task));
        QCOMPARE(m_started.size(), 1);

        m_clock.advance(-25 * 60 + 60); // back to one minute after the start
        QSignalSpy ended(s.get(), &RetrievalScheduler::runEnded);
        endRun(task);
        QCOMPARE(ended.count(), 1);
        QVERIFY(!s->isRunning(task));
        m_clock.advance(8 * 60); // 9 minutes after the start
        QCOMPARE(s->check(), 0);
        m_clock.advance(60); // 10 minutes
        QCOMPARE(s->check(), 1);
        QCOMPARE(m_started.size(), 2);

        // By hand, once the run ended.
        endRun(task);
        QVERIFY(s->runNow(task));
        QCOMPARE(m_started.size(), 3);
    }

    // At most N runs at once; a waiting task starts when a slot frees up.
    void concurrencyLimit()
    {
        const QUuid a = addTask(QStringLiteral("a"), RetrievalTask::Method::Automatic, 30 * 60);
        const QUuid b = addTask(QStringLiteral("b"), RetrievalTask::Method::Automatic, 20 * 60);
        const QUuid c = addTask(QStringLiteral("c"), RetrievalTask::Method::Automatic, 15 * 60);
        auto s = makeScheduler(2);
        QCOMPARE(s->check(), 2);
        QCOMPARE(m_started, (QList<QUuid> {a, b})); // most overdue first
        QCOMPARE(s->runningCount(), 2);
        QCOMPARE(s->check(), 0);
        QVERIFY(!s->runNow(c));

        QSignalSpy started(s.get(), &RetrievalScheduler::runStarted);
        endRun(a);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 30000); // the end of a run triggers a check
        QCOMPARE(m_started.last(), c);
        QCOMPARE(s->runningCount(), 2);
    }

    // A run's progress and outcome reach the scheduler's signals, tagged with the task;
    // runFinished() exactly once and before runEnded(), also for a run that vanishes
    // without an outcome.
    void progressAndOutcome()
    {
        m_handles = true;
        const QUuid a = addTask(QStringLiteral("a"), RetrievalTask::Method::Manual, -1);
        const QUuid b = addTask(QStringLiteral("b"), RetrievalTask::Method::Manual, -1);
        auto s = makeScheduler();
        QSignalSpy progress(s.get(), &RetrievalScheduler::runProgress);
        QSignalSpy finished(s.get(), &RetrievalScheduler::runFinished);
        QList<QUuid> order; // finished/ended, in order
        connect(s.get(), &RetrievalScheduler::runFinished, this,
                [&order](const QUuid &t) { order.append(t); });
        connect(s.get(), &RetrievalScheduler::runEnded, this,
                [&order](const QUuid &) { order.append(QUuid()); });
        QVERIFY(s->runNow(a));
        QVERIFY(s->runNow(b));
        auto *ha = qobject_cast<RetrievalRunHandle *>(m_runs.value(a));
        QVERIFY(ha);
        Q_EMIT ha->progress(3, 10);
        QCOMPARE(progress.count(), 1);
        QCOMPARE(progress.at(0).at(0).value<QUuid>(), a);
        QCOMPARE(progress.at(0).at(1).toLongLong(), 3);
        QCOMPARE(progress.at(0).at(2).toLongLong(), 10);

        Q_EMIT ha->finished(true, 10, QStringLiteral("10 new messages"));
        Q_EMIT ha->finished(false, 0, QStringLiteral("again")); // ignored: once per run
        Q_EMIT ha->progress(10, 10); // after the end: ignored
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<QUuid>(), a);
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        QCOMPARE(finished.at(0).at(2).toInt(), 10);
        QCOMPARE(finished.at(0).at(3).toString(), QStringLiteral("10 new messages"));
        QCOMPARE(progress.count(), 1);
        endRun(a);
        QCOMPARE(order, (QList<QUuid> {a, QUuid()}));

        endRun(b); // no outcome reported: a failed one stands in
        QCOMPARE(finished.count(), 2);
        QCOMPARE(finished.at(1).at(0).value<QUuid>(), b);
        QCOMPARE(finished.at(1).at(1).toBool(), false);
        QVERIFY(!finished.at(1).at(3).toString().isEmpty());
        QCOMPARE(order, (QList<QUuid> {a, QUuid(), b, QUuid()}));
    }

    // The context's scheduler starts real runs: a POP3 task without a stored password ends
    // at once with the keychain's answer, recorded on the task.
    void appContextScheduler()
    {
        QString error;
        auto context = AppContext::open(
            Profile(TestEnv::scratchDir(QStringLiteral("retrieval-scheduler-context"))), &error);
        QVERIFY2(context, qPrintable(error));
        RetrievalScheduler &scheduler = context->retrievalScheduler();
        QCOMPARE(&context->retrievalScheduler(), &scheduler);
        RetrievalTask task;
        task.name = QStringLiteral("no password");
        task.server = QStringLiteral("127.0.0.1");
        task.port = 1;
        task.username = QStringLiteral("nobody");
        task.method = RetrievalTask::Method::Automatic;
        QVERIFY(context->store().insertRetrievalTask(task, &error));
        context->secrets().setServiceName(QStringLiteral("Tributary-test-retrieval-scheduler"));
        QSignalSpy ended(&scheduler, &RetrievalScheduler::runEnded);
        QSignalSpy finished(&scheduler, &RetrievalScheduler::runFinished);
        QCOMPARE(scheduler.check(), 1);
        QVERIFY(scheduler.isRunning(task.uuid));
        QVERIFY(ended.wait(30000));
        QVERIFY(!scheduler.isRunning(task.uuid));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<QUuid>(), task.uuid);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QCOMPARE(finished.at(0).at(2).toInt(), 0);
        const QString summary = finished.at(0).at(3).toString();
        QVERIFY(!summary.isEmpty());
        QVERIFY(summary
                != QStringLiteral("The retrieval ended without a result.")); // its own words
        const auto recorded = context->store().retrievalTask(task.uuid);
        QVERIFY(recorded);
        QVERIFY(recorded->lastRun.isValid());
        QVERIFY(!recorded->lastResult.isEmpty());
        QVERIFY(recorded->lastResult != QStringLiteral("OK"));
    }
};

QTEST_GUILESS_MAIN(TestRetrievalScheduler)
#include "tst_retrievalscheduler.moc"
