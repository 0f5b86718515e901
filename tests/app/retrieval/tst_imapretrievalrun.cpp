// ImapRetrievalRun against the real Dovecot (fixture dovecot) and the test session's
// keyring. Users u48..u51 belong to this test.
#include "app/services/retrieval/imapretrievalrun.h"
#include "app/services/retrieval/retrievalrunstarter.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "app/services/secretstore.h"
#include "connectors/common/endpoint.h"
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
        + n + "\r\nMessage-ID: <imap-" + tag + "-" + n + "@example.test>\r\n\r\nBody " + tag + " "
        + n + "\r\n";
}

} // namespace

class TestImapRetrievalRun : public QObject
{
    Q_OBJECT

    std::unique_ptr<DovecotFixture> m_dovecot;

    bool deliver(const QString &user, const QString &folder, const QList<QByteArray> &messages,
                 const QString &flags = QString())
    {
        return m_dovecot->deliver(user, folder, messages, flags);
    }
    // The server's folders of the user: INBOX (2, one seen), nested non-ASCII, Sent.
    bool prepare(const QString &user)
    {
        return m_dovecot->reset(user) && deliver(user, QStringLiteral("INBOX"), {mail("inbox", 1)})
            && deliver(user, QStringLiteral("INBOX"), {mail("inbox", 2)}, QStringLiteral("S"))
            && deliver(user, QStringLiteral("Projekte/2024/März"),
                       {mail("maerz", 1), mail("maerz", 2)})
            && deliver(user, QStringLiteral("Sent"), {mail("sent", 1)});
    }
    RetrievalTask makeTask(Store &store, const QString &user,
                           RetrievalTask::FolderTransfer transfer, qint64 parent)
    {
        RetrievalTask task = m_dovecot->task(RetrievalTask::Kind::Imap, user);
        task.name = QStringLiteral("IMAP ") + user;
        task.folderTransfer = transfer;
        task.transferParentFolderId = parent;
        if (!m_dovecot->addTask(store, task))
            qWarning() << "task not added";
        return task;
    }
    // withCa false: the test CA is not trusted, so only a pinned fingerprint lets TLS pass.
    std::unique_ptr<ImapRetrievalRun> run(Store &store, const RetrievalTask &task,
                                          bool withCa = true)
    {
        auto r = std::make_unique<ImapRetrievalRun>(store, m_dovecot->secrets(), nullptr);
        r->setTask(task);
        if (withCa)
            r->setExtraCaCertificates(m_dovecot->ca());
        r->setTimeout(30000);
        QSignalSpy spy(r.get(), &ImapRetrievalRun::finished);
        r->start();
        if (!spy.wait(120000))
            qWarning() << "run did not finish";
        return r;
    }
    static qint64 path(Store &store, qint64 parent, const QStringList &names)
    {
        for (const QString &n : names) {
            parent = store.findFolder(parent, n);
            if (parent <= 0)
                return 0;
        }
        return parent;
    }
    static int flagsOf(Store &store, qint64 folder, const QString &subject)
    {
        QSqlQuery q(store.database());
        q.prepare(QStringLiteral("SELECT flags FROM messages WHERE folder_id = ? AND subject = ?"));
        q.addBindValue(folder);
        q.addBindValue(subject);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dovecot = std::make_unique<DovecotFixture>(QStringLiteral("dovecot"),
                                                     QStringLiteral("imapretrieval"));
        QVERIFY2(m_dovecot->isValid(), qPrintable(m_dovecot->error()));
    }

    // Root level: INBOX -> Inbox, Sent -> Sent, nested non-ASCII path at the top; flags kept;
    // a second run fetches nothing.
    void rootLevel()
    {
        const QString user = QStringLiteral("u48");
        QVERIFY(prepare(user));
        QVERIFY(deliver(user, QStringLiteral("Trash"), {mail("trash", 1)}));
        QVERIFY(deliver(user, QStringLiteral("Junk"), {mail("junk", 1)}));
        QVERIFY(deliver(user, QStringLiteral("Drafts"), {mail("draft", 1)}));
        Store store(TestEnv::scratchDir(QStringLiteral("imapretrieval-root")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, user, RetrievalTask::FolderTransfer::Mirror, 0);
        auto r = run(store, task);
        QCOMPARE(r->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(r->retrievedCount(), 8);
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Deleted)), qint64(1));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Junk)), qint64(1));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Drafts)), qint64(1));
        QCOMPARE(store.findFolder(0, QStringLiteral("Trash")),
                 qint64(0)); // no copy of the server's name
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        QCOMPARE(store.messageCount(inbox), qint64(2));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Sent)), qint64(1));
        const qint64 maerz = path(
            store, 0, {QStringLiteral("Projekte"), QStringLiteral("2024"), QStringLiteral("März")});
        QVERIFY(maerz > 0);
        QCOMPARE(store.messageCount(maerz), qint64(2));
        QCOMPARE(flagsOf(store, inbox, QStringLiteral("inbox 2")) & MessageRecord::Seen,
                 int(MessageRecord::Seen));
        QCOMPARE(flagsOf(store, inbox, QStringLiteral("inbox 1")) & MessageRecord::Seen, 0);

        auto again = run(store, task);
        QCOMPARE(again->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(again->downloadedCount(), 0);
        QCOMPARE(again->retrievedCount(), 0);

        // New mail: only that is fetched.
        QVERIFY(deliver(user, QStringLiteral("Projekte/2024/März"), {mail("maerz", 3)}));
        auto third = run(store, task);
        QCOMPARE(third->downloadedCount(), 1);
        QCOMPARE(store.messageCount(maerz), qint64(3));
    }

    // Subfolders of a chosen local folder: everything, INBOX included, below it.
    void belowChosenFolder()
    {
        const QString user = QStringLiteral("u49");
        QVERIFY(prepare(user));
        Store store(TestEnv::scratchDir(QStringLiteral("imapretrieval-below")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const qint64 parent = store.createFolder(0, QStringLiteral("Altes Konto"), &error);
        QVERIFY(parent > 0);
        const RetrievalTask task
            = makeTask(store, user, RetrievalTask::FolderTransfer::Mirror, parent);
        auto r = run(store, task);
        QCOMPARE(r->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(r->retrievedCount(), 5);
        QCOMPARE(store.messageCount(path(store, parent, {QStringLiteral("INBOX")})), qint64(2));
        QCOMPARE(store.messageCount(path(store, parent, {QStringLiteral("Sent")})), qint64(1));
        QCOMPARE(store.messageCount(path(
                     store, parent,
                     {QStringLiteral("Projekte"), QStringLiteral("2024"), QStringLiteral("März")})),
                 qint64(2));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Inbox)), qint64(0));
    }

    // The source folder is recreated (new UIDVALIDITY) with the same messages: no duplicates.
    void uidValidityChange()
    {
        const QString user = QStringLiteral("u50");
        QVERIFY(m_dovecot->reset(user));
        QVERIFY(deliver(user, QStringLiteral("Archiv"), {mail("arch", 1), mail("arch", 2)}));
        Store store(TestEnv::scratchDir(QStringLiteral("imapretrieval-uidvalidity")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, user, RetrievalTask::FolderTransfer::Mirror, 0);
        auto r = run(store, task);
        QCOMPARE(r->error(), ImapRetrievalRun::Error::None);
        const qint64 archiv = path(store, 0, {QStringLiteral("Archiv")});
        QCOMPARE(store.messageCount(archiv), qint64(2));

        QVERIFY(m_dovecot->doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"),
                                    QStringLiteral("-u"), user, QStringLiteral("-s"),
                                    QStringLiteral("-Z"), QStringLiteral("Archiv")}));
        QVERIFY(deliver(user, QStringLiteral("Archiv"),
                        {mail("arch", 1), mail("arch", 2), mail("arch", 3)}));
        auto second = run(store, task);
        QCOMPARE(second->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(second->downloadedCount(), 3);
        QCOMPARE(second->retrievedCount(), 1);
        QCOMPARE(store.messageCount(archiv), qint64(3));
    }

    // The scheduler with the real run classes: an overdue automatic IMAP task runs at start-up,
    // the run ends by itself and its messages are stored; it is not due again at once.
    void schedulerRunsAutomaticTask()
    {
        const QString user = QStringLiteral("u53");
        QVERIFY(m_dovecot->reset(user));
        QVERIFY(deliver(user, QStringLiteral("INBOX"), {mail("sched", 1), mail("sched", 2)}));
        Store store(TestEnv::scratchDir(QStringLiteral("imapretrieval-scheduler")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        RetrievalTask task = makeTask(store, user, RetrievalTask::FolderTransfer::Off, 0);
        task.method = RetrievalTask::Method::Automatic;
        QVERIFY(store.updateRetrievalTask(task, &error));
        SystemClock clock;
        RetrievalScheduler scheduler(store, clock, [&](const RetrievalTask &t) {
            return startRetrievalRun(store, m_dovecot->secrets(), nullptr, t, nullptr,
                                     m_dovecot->ca());
        });
        QSignalSpy ended(&scheduler, &RetrievalScheduler::runEnded);
        QCOMPARE(scheduler.check(), 1);
        QVERIFY(scheduler.isRunning(task.uuid));
        QVERIFY(ended.wait(120000));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Inbox)), qint64(2));
        const auto recorded = store.retrievalTask(task.uuid);
        QVERIFY(recorded);
        QCOMPARE(recorded->lastCount, 2);
        QCOMPARE(recorded->lastResult, QStringLiteral("OK"));
        QCOMPARE(scheduler.check(), 0);
    }

    void wrongPassword()
    {
        const QString user = QStringLiteral("u51");
        QVERIFY(m_dovecot->reset(user));
        QVERIFY(deliver(user, QStringLiteral("INBOX"), {mail("wrong", 1)}));
        Store store(TestEnv::scratchDir(QStringLiteral("imapretrieval-wrong")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        RetrievalTask task = makeTask(store, user, RetrievalTask::FolderTransfer::Off, 0);
        task.username = QStringLiteral("u52"); // u51's password is not u52's
        auto r = run(store, task);
        QCOMPARE(r->error(), ImapRetrievalRun::Error::Authentication);
        QVERIFY(!r->errorString().isEmpty());
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Inbox)), qint64(0));
    }

    // A certificate the user trusted by fingerprint (retrieval_tasks.pinned_sha256) is
    // accepted by the run as by the test on save; another certificate is still refused.
    void pinnedCertificate()
    {
        const QString user = QStringLiteral("u73");
        QVERIFY(m_dovecot->reset(user));
        QVERIFY(deliver(user, QStringLiteral("INBOX"), {mail("pinned", 1)}));
        Store store(TestEnv::scratchDir(QStringLiteral("imapretrieval-pinned")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        RetrievalTask task = makeTask(store, user, RetrievalTask::FolderTransfer::Off, 0);
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);

        auto untrusted = run(store, task, false);
        QCOMPARE(untrusted->error(), ImapRetrievalRun::Error::Connection);
        QCOMPARE(store.messageCount(inbox), qint64(0));

        task.pinnedSha256 = QByteArray(64, 'a');
        auto wrongPin = run(store, task, false);
        QCOMPARE(wrongPin->error(), ImapRetrievalRun::Error::Connection);

        task.pinnedSha256 = Net::fingerprintSha256(m_dovecot->ca().first()).toHex();
        auto pinned = run(store, task, false);
        QCOMPARE(pinned->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(store.messageCount(inbox), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestImapRetrievalRun)
#include "tst_imapretrievalrun.moc"
