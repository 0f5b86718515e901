#include "models/messagefilestore.h"
#include "models/store.h"

#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Tributary;

// Durability under SIGKILL: a helper process stores messages; this test kills it at chosen
// phases and at arbitrary moments, reopens the store and proves that every indexed message
// has its complete file (SHA-256 and size match), that no partial file or temp file is
// left, that every message the helper reported as stored is there, and that resumed runs
// add no duplicates.
class TestStoreCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killAtPhase_data();
    void killAtPhase();
    void killAtArbitraryMoments_data();
    void killAtArbitraryMoments();
    void cleanupTestCase();

private:
    struct Run
    {
        QStringList acknowledged;
        QString paused;
    };
    // Starts the helper, waits until `stopWhen` says so, then kills it with SIGKILL.
    bool runAndKill(const QString &mode, const QString &pauseSpec, int ackCount, Run *run);
    void verifyStore(bool *ok);

    QString m_profile;
    QSet<QString> m_acknowledged;
};

void TestStoreCrash::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(STORECRASH_HELPER)), STORECRASH_HELPER);
    m_profile = TestEnv::scratchDir(QStringLiteral("store-crash"));
}

bool TestStoreCrash::runAndKill(const QString &mode, const QString &pauseSpec, int ackCount,
                                Run *run)
{
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args {m_profile, mode};
    if (!pauseSpec.isEmpty())
        args << pauseSpec;
    helper.start(QStringLiteral(STORECRASH_HELPER), args);
    if (!helper.waitForStarted(30000))
        return false;
    QByteArray buffer;
    bool stop = false;
    while (!stop) {
        if (!helper.waitForReadyRead(60000)) {
            qWarning() << "helper ended or stalled:" << helper.state() << helper.exitCode();
            return false;
        }
        buffer += helper.readAllStandardOutput();
        qsizetype nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(buffer.left(nl));
            buffer.remove(0, nl + 1);
            if (line.startsWith(QLatin1String("OK ")))
                run->acknowledged << line.mid(3);
            else if (line.startsWith(QLatin1String("PAUSED ")))
                run->paused = line.mid(7);
        }
        stop = pauseSpec.isEmpty() ? run->acknowledged.size() >= ackCount : !run->paused.isEmpty();
    }
    ::kill(pid_t(helper.processId()), SIGKILL);
    helper.waitForFinished(30000);
    // Anything printed before the kill still counts as acknowledged.
    buffer += helper.readAllStandardOutput();
    for (const QByteArray &line : buffer.split('\n')) {
        if (line.startsWith("OK "))
            run->acknowledged << QString::fromUtf8(line.mid(3));
    }
    return helper.exitStatus() == QProcess::CrashExit;
}

void TestStoreCrash::verifyStore(bool *ok)
{
    *ok = false;
    Store store(m_profile);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    MessageFileStore &files = store.messageFiles();
    QCOMPARE(files.tempFileCount(), 0);

    // Every stored file is complete: its content hashes to its name.
    const QSet<QString> hashes = files.allHashes();
    for (const QString &sha : hashes) {
        auto device = files.open(sha);
        QVERIFY(device);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QVERIFY(hash.addData(device.get()));
        QCOMPARE(QString::fromLatin1(hash.result().toHex()), sha);
    }
    // No stray files beside the shards and tmp/.
    const QStringList top
        = QDir(files.rootDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QString &name : top)
        QVERIFY2(name == QLatin1String("tmp")
                     || (name.size() == 2
                         && QFileInfo(files.rootDir() + QLatin1Char('/') + name).isDir()),
                 qPrintable(name));

    // Every row has its file, with the recorded size.
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT id, sha256, size, source_uidl FROM messages")));
    QSet<QString> uidls;
    int rows = 0;
    while (q.next()) {
        ++rows;
        const QString sha = q.value(1).toString();
        QVERIFY2(hashes.contains(sha),
                 qPrintable(QStringLiteral("row %1 has no file").arg(q.value(0).toLongLong())));
        QCOMPARE(QFileInfo(files.pathFor(sha)).size(), q.value(2).toLongLong());
        uidls.insert(q.value(3).toString());
    }
    QCOMPARE(uidls.size(), rows); // no duplicates
    for (const QString &uidl : std::as_const(m_acknowledged))
        QVERIFY2(uidls.contains(uidl),
                 qPrintable(QStringLiteral("acknowledged %1 is missing").arg(uidl)));
    *ok = true;
}

void TestStoreCrash::killAtPhase_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("pause");
    QTest::addColumn<bool>("leavesTempFile");
    QTest::addColumn<bool>("leavesUnreferencedFile");
    QTest::newRow("single, half-written body") << "single"
                                               << "partial:3" << true << false;
    QTest::newRow("single, file in place, no row") << "single"
                                                   << "renamed:2" << false << true;
    QTest::newRow("batch, half-written body") << "batch"
                                              << "partial:1" << true << false;
    QTest::newRow("batch, files in place, no rows") << "batch"
                                                    << "batch-files:1" << false << true;
    QTest::newRow("single, first message half-written") << "single"
                                                        << "partial:0" << true << false;
}

void TestStoreCrash::killAtPhase()
{
    QFETCH(QString, mode);
    QFETCH(QString, pause);
    QFETCH(bool, leavesTempFile);
    QFETCH(bool, leavesUnreferencedFile);

    Run run;
    QVERIFY(runAndKill(mode, pause, 0, &run));
    QCOMPARE(run.paused, pause.section(QLatin1Char(':'), 0, 0));
    for (const QString &uidl : std::as_const(run.acknowledged))
        m_acknowledged.insert(uidl);

    // What the kill left, before any Store cleans up.
    {
        MessageFileStore raw(m_profile + QStringLiteral("/messages"));
        QCOMPARE(raw.tempFileCount() > 0, leavesTempFile);
    }
    bool ok = false;
    verifyStore(&ok);
    QVERIFY(ok);
    {
        Store store(m_profile);
        QVERIFY(store.open(nullptr));
        const int removed = store.removeUnreferencedFiles();
        QCOMPARE(removed > 0, leavesUnreferencedFile);
    }
    verifyStore(&ok);
    QVERIFY(ok);
}

void TestStoreCrash::killAtArbitraryMoments_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("acks");
    // Killed right after the n-th acknowledgement: usually in the middle of writing the next
    // message's file, sometimes inside the index transaction.
    QTest::newRow("single after 1") << "single" << 1;
    QTest::newRow("single after 7") << "single" << 7;
    QTest::newRow("single after 13") << "single" << 13;
    QTest::newRow("batch after 10") << "batch" << 10;
    QTest::newRow("batch after 30") << "batch" << 30;
    QTest::newRow("single after 2") << "single" << 2;
}

void TestStoreCrash::killAtArbitraryMoments()
{
    QFETCH(QString, mode);
    QFETCH(int, acks);
    Run run;
    QVERIFY(runAndKill(mode, QString(), acks, &run));
    QVERIFY(run.acknowledged.size() >= acks);
    for (const QString &uidl : std::as_const(run.acknowledged))
        m_acknowledged.insert(uidl);
    bool ok = false;
    verifyStore(&ok);
    QVERIFY(ok);
}

void TestStoreCrash::cleanupTestCase()
{
    // The runs resumed one another: everything acknowledged is there exactly once.
    Store store(m_profile);
    QVERIFY(store.open(nullptr));
    const QSet<QString> uidls
        = store.knownUidls(QUuid(QStringLiteral("{5b0c3f1e-8d1c-4a57-9d1e-2a3b4c5d6e7f}")));
    QVERIFY(uidls.size() >= m_acknowledged.size());
    QVERIFY(m_acknowledged.size() > 60);
    QCOMPARE(store.counts().value(QStringLiteral("messages")), qint64(uidls.size()));
}

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "tst_storecrash.moc"
