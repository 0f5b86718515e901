// ImapRetrievalRun's per-folder sync state (folder_sync_state) against the real Dovecot
// (fixture dovecot): unchanged folders are skipped after one LIST-STATUS, changed ones are
// found. Users u77..u79 belong to this test.
#include "app/services/retrieval/imapretrievalrun.h"
#include "app/services/secretstore.h"
#include "models/store.h"
#include "support/dovecotfixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QTest>

#include <memory>

using namespace Tributary;

namespace {

QByteArray mail(const QByteArray &tag, int i)
{
    const QByteArray n = QByteArray::number(i);
    return "From: Sender <sender@example.test>\r\nTo: someone@example.test\r\nSubject: " + tag + " "
        + n + "\r\nMessage-ID: <inc-" + tag + "-" + n + "@example.test>\r\n\r\nBody " + tag + " "
        + n + "\r\n";
}

const QStringList kFolders {QStringLiteral("INBOX"),           QStringLiteral("Archive/2023"),
                            QStringLiteral("Archive/2024"),    QStringLiteral("Newsletters"),
                            QStringLiteral("Rechnungen/März"), QStringLiteral("日本語")};

} // namespace

class TestImapIncremental : public QObject
{
    Q_OBJECT

    std::unique_ptr<DovecotFixture> m_dovecot;

    bool deliver(const QString &user, const QString &folder, const QList<QByteArray> &messages)
    {
        return m_dovecot->deliver(user, folder, messages);
    }
    // Three messages in each of kFolders.
    bool prepare(const QString &user)
    {
        if (!m_dovecot->reset(user))
            return false;
        for (const QString &folder : kFolders) {
            const QByteArray tag = folder.toUtf8().toHex().left(12);
            if (!deliver(user, folder, {mail(tag, 1), mail(tag, 2), mail(tag, 3)}))
                return false;
        }
        return true;
    }
    RetrievalTask makeTask(Store &store, const QString &user)
    {
        RetrievalTask task = m_dovecot->task(RetrievalTask::Kind::Imap, user);
        task.name = QStringLiteral("incremental ") + user;
        task.folderTransfer = RetrievalTask::FolderTransfer::Mirror;
        if (!m_dovecot->addTask(store, task))
            qWarning() << "task not added";
        return task;
    }
    std::unique_ptr<ImapRetrievalRun> run(Store &store, const RetrievalTask &task)
    {
        return m_dovecot->run<ImapRetrievalRun>(store, task);
    }
    static qint64 total(Store &store)
    {
        QSqlQuery q(store.database());
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM messages")) && q.next()
            ? q.value(0).toLongLong()
            : -1;
    }
    static qint64 distinctSources(Store &store)
    {
        QSqlQuery q(store.database());
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM (SELECT DISTINCT source_folder, sha256"
                                     " FROM messages)"))
                && q.next()
            ? q.value(0).toLongLong()
            : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dovecot = std::make_unique<DovecotFixture>(QStringLiteral("dovecot"),
                                                     QStringLiteral("imapincremental"));
        QVERIFY2(m_dovecot->isValid(), qPrintable(m_dovecot->error()));
    }

    // A second run with no new mail selects no folder; new mail in one folder of many is
    // found while every other folder is skipped; a flag change (CONDSTORE) is noticed.
    void unchangedFoldersSkipped()
    {
        const QString user = QStringLiteral("u77");
        QVERIFY(prepare(user));
        Store store(TestEnv::scratchDir(QStringLiteral("imapincremental-skip")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, user);

        auto first = run(store, task);
        QCOMPARE(first->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(first->retrievedCount(), 3 * int(kFolders.size()));
        QCOMPARE(first->unchangedFolderCount(), 0);
        const auto states = store.folderSyncStates(task.uuid);
        for (const QString &folder : kFolders) {
            QVERIFY2(states.contains(folder), qPrintable(folder));
            QVERIFY(states.value(folder).uidValidity > 0);
            QCOMPARE(states.value(folder).messageCount, qint64(3));
            QCOMPARE(states.value(folder).uidNext, qint64(4));
        }
        const int selectable = int(states.size()); // kFolders and the special-use ones

        auto second = run(store, task);
        QCOMPARE(second->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(second->retrievedCount(), 0);
        QCOMPARE(second->downloadedCount(), 0);
        QCOMPARE(second->unchangedFolderCount(), selectable);

        QVERIFY(deliver(user, QStringLiteral("Rechnungen/März"), {mail("new", 1)}));
        auto third = run(store, task);
        QCOMPARE(third->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(third->retrievedCount(), 1);
        QCOMPARE(third->downloadedCount(), 1);
        QCOMPARE(third->unchangedFolderCount(), selectable - 1);
        const qint64 rechnungen = store.findFolder(
            store.findFolder(0, QStringLiteral("Rechnungen")), QStringLiteral("März"));
        QVERIFY(rechnungen > 0);
        QCOMPARE(store.messageCount(rechnungen), qint64(4));
        QCOMPARE(store.folderSyncStates(task.uuid).value(QStringLiteral("Rechnungen/März")).uidNext,
                 qint64(5));

        // A flag set at the source moves HIGHESTMODSEQ: that folder is looked at again.
        QVERIFY(m_dovecot->doveadm({QStringLiteral("flags"), QStringLiteral("add"),
                                    QStringLiteral("-u"), user, QStringLiteral("\\Flagged"),
                                    QStringLiteral("mailbox"), QStringLiteral("Newsletters"),
                                    QStringLiteral("all")}));
        auto fourth = run(store, task);
        QCOMPARE(fourth->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(fourth->retrievedCount(), 0);
        QCOMPARE(fourth->unchangedFolderCount(), selectable - 1);
        QCOMPARE(total(store), qint64(3 * kFolders.size() + 1));
    }

    // A folder recreated at the source (new UIDVALIDITY) with the same messages and one more:
    // one new message, no duplicates, the state follows the new UIDVALIDITY. A folder deleted
    // at the source loses its state; its messages stay here.
    void uidValidityChangeAndDeletedFolder()
    {
        const QString user = QStringLiteral("u78");
        QVERIFY(prepare(user));
        Store store(TestEnv::scratchDir(QStringLiteral("imapincremental-validity")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, user);
        auto first = run(store, task);
        QCOMPARE(first->error(), ImapRetrievalRun::Error::None);
        const qint64 stored = total(store);
        QCOMPARE(stored, qint64(3 * kFolders.size()));
        const qint64 oldValidity
            = store.folderSyncStates(task.uuid).value(QStringLiteral("Newsletters")).uidValidity;

        const QByteArray tag = QStringLiteral("Newsletters").toUtf8().toHex().left(12);
        QVERIFY(m_dovecot->doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"),
                                    QStringLiteral("-u"), user, QStringLiteral("-s"),
                                    QStringLiteral("-Z"), QStringLiteral("Newsletters")}));
        QTest::qWait(1100); // Dovecot derives a new UIDVALIDITY from the clock's seconds
        QVERIFY(deliver(user, QStringLiteral("Newsletters"),
                        {mail(tag, 1), mail(tag, 2), mail(tag, 3), mail(tag, 4)}));
        QVERIFY(m_dovecot->doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"),
                                    QStringLiteral("-u"), user, QStringLiteral("-s"),
                                    QStringLiteral("-Z"), QStringLiteral("Archive/2023")}));

        auto second = run(store, task);
        QCOMPARE(second->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(second->downloadedCount(), 4);
        QCOMPARE(second->retrievedCount(), 1);
        QCOMPARE(total(store), stored + 1);
        QCOMPARE(distinctSources(store), total(store));
        const auto states = store.folderSyncStates(task.uuid);
        QVERIFY(states.value(QStringLiteral("Newsletters")).uidValidity != oldValidity);
        QCOMPARE(states.value(QStringLiteral("Newsletters")).messageCount, qint64(4));
        QVERIFY(!states.contains(QStringLiteral("Archive/2023")));
        const qint64 archive2023 = store.findFolder(store.findFolder(0, QStringLiteral("Archive")),
                                                    QStringLiteral("2023"));
        QCOMPARE(store.messageCount(archive2023), qint64(3));

        auto third = run(store, task);
        QCOMPARE(third->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(third->downloadedCount(), 0);
        QCOMPARE(third->unchangedFolderCount(), int(states.size()));
    }
};

QTEST_GUILESS_MAIN(TestImapIncremental)
#include "tst_imapincremental.moc"
