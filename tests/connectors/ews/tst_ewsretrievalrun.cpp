// EwsRetrievalRun against the fake EWS server (HTTPS, test CA) and the test session's keyring.
#include "app/services/retrieval/ewsretrievalrun.h"
#include "app/services/retrieval/retrievalrunstarter.h"
#include "app/services/secretstore.h"
#include "fakes/ewsfakeserver.h"
#include "fakes/scriptedserver.h"
#include "models/foldersynctokens.h"
#include "models/store.h"
#include "support/testenv.h"

#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace Tributary;
using Tributary::Testing::FakeEwsServer;
using Tributary::Testing::ScriptedServer;

namespace {

QByteArray mail(const QByteArray &tag, int i)
{
    const QByteArray n = QByteArray::number(i);
    return "From: Sender <sender@example.test>\r\nTo: someone@example.test\r\nSubject: " + tag + " "
        + n + "\r\nMessage-ID: <ews-" + tag + "-" + n + "@example.test>\r\n\r\nBody " + tag + " "
        + n + "\r\n";
}

qint64 totalMessages(Store &store)
{
    QSqlQuery q(store.database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM messages")) && q.next()
        ? q.value(0).toLongLong()
        : -1;
}

int flagsOf(Store &store, const QString &subject)
{
    QSqlQuery q(store.database());
    q.prepare(QStringLiteral("SELECT flags FROM messages WHERE subject = ?"));
    q.addBindValue(subject);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

} // namespace

class TestEwsRetrievalRun : public QObject
{
    Q_OBJECT

    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    QList<QUuid> m_written;
    std::unique_ptr<FakeEwsServer> m_server;
    QString m_inbox;

    bool writeSecret(SecretKind kind, const QUuid &uuid, const QByteArray &secret)
    {
        SecretJob *job = m_secrets->write(kind, uuid.toString(QUuid::WithoutBraces), secret);
        QSignalSpy spy(job, &SecretJob::finished);
        m_written.append(uuid);
        return spy.wait(20000) && job->error() == SecretJob::Error::NoError;
    }
    RetrievalTask makeTask(Store &store, RetrievalTask::FolderTransfer transfer, qint64 parent,
                           const QByteArray &password = "s3cret")
    {
        RetrievalTask task;
        task.name = QStringLiteral("Exchange");
        task.kind = RetrievalTask::Kind::Exchange;
        task.server = QStringLiteral("127.0.0.1");
        task.port = m_server->port();
        task.security = RetrievalTask::Security::SslTls;
        task.username = QStringLiteral("CONTOSO\\alice");
        task.folderTransfer = transfer;
        task.transferParentFolderId = parent;
        store.insertRetrievalTask(task);
        if (!writeSecret(SecretKind::Password, task.uuid, password))
            qWarning() << "could not store the password";
        return task;
    }
    std::unique_ptr<EwsRetrievalRun> run(Store &store, const RetrievalTask &task)
    {
        auto r = std::make_unique<EwsRetrievalRun>(store, *m_secrets, nullptr);
        r->setTask(task);
        r->setExtraCaCertificates(ScriptedServer::caCertificates());
        r->setTimeout(30000);
        r->setPageSizes(2, 2); // several SyncFolderItems pages and GetItem batches
        QSignalSpy spy(r.get(), &EwsRetrievalRun::finished);
        r->start();
        if (!spy.wait(60000))
            qWarning() << "run did not finish";
        return r;
    }
    // Inbox 3 (one read), Inbox/Projects 2, Sent Items 1, Deleted Items 1, Junk Email 1,
    // Archive (top level) 1, and a calendar that is not mail.
    void fill()
    {
        m_inbox = m_server->folderId(QStringLiteral("inbox"));
        for (int i = 1; i <= 3; ++i)
            m_server->addMessage(m_inbox, mail("inbox", i),
                                 QDateTime(QDate(2026, 11, i), QTime(9, 30), Qt::UTC), i == 2);
        const QString projects = m_server->addFolder(m_inbox, QStringLiteral("Projects"));
        m_server->addMessage(projects, mail("projects", 1));
        m_server->addMessage(projects, mail("projects", 2));
        m_server->addMessage(m_server->folderId(QStringLiteral("sentitems")), mail("sent", 1));
        m_server->addMessage(m_server->folderId(QStringLiteral("deleteditems")),
                             mail("deleted", 1));
        m_server->addMessage(m_server->folderId(QStringLiteral("junkemail")), mail("junk", 1));
        const QString archive = m_server->addFolder(
            m_server->folderId(QStringLiteral("msgfolderroot")), QStringLiteral("Archive 2025 ä"));
        m_server->addMessage(archive, mail("archive", 1));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString dir = TestEnv::scratchDir(QStringLiteral("ewsretrieval-settings"));
        m_settings = std::make_unique<QSettings>(dir + QStringLiteral("/settings.ini"),
                                                 QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(*m_settings);
        m_secrets->setServiceName(QStringLiteral("Tributary-test-ewsretrieval"));
    }
    void init()
    {
        m_server = std::make_unique<FakeEwsServer>();
        m_server->setBasicCredentials(QStringLiteral("CONTOSO\\alice"), QStringLiteral("s3cret"));
        QVERIFY(m_server->listen());
        fill();
    }
    void cleanup()
    {
        QVERIFY2(m_server->failures().isEmpty(), qPrintable(m_server->failures().join(u'\n')));
        m_server.reset();
    }
    void cleanupTestCase()
    {
        for (const QUuid &uuid : std::as_const(m_written)) {
            SecretJob *job = m_secrets->removeAll(uuid.toString(QUuid::WithoutBraces));
            QSignalSpy spy(job, &SecretJob::finished);
            spy.wait(20000);
        }
    }

    // Root level: the well-known folders are the local special folders, others keep their
    // place; IsRead becomes Seen; the second run downloads nothing; new mail alone is fetched.
    void rootLevelIncremental()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("ewsretrieval-root")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, RetrievalTask::FolderTransfer::Mirror, 0);
        auto r = run(store, task);
        QCOMPARE(r->error(), EwsRetrievalRun::Error::None);
        QCOMPARE(r->retrievedCount(), 9);
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        QCOMPARE(store.messageCount(inbox), qint64(3));
        QCOMPARE(store.messageCount(store.findFolder(inbox, QStringLiteral("Projects"))),
                 qint64(2));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Sent)), qint64(1));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Deleted)), qint64(1));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Junk)), qint64(1));
        QCOMPARE(store.messageCount(store.findFolder(0, QStringLiteral("Archive 2025 ä"))),
                 qint64(1));
        QCOMPARE(store.findFolder(0, QStringLiteral("Sent Items")), qint64(0)); // no copy by name
        QCOMPARE(store.findFolder(0, QStringLiteral("Calendar")), qint64(0));
        QCOMPARE(flagsOf(store, QStringLiteral("inbox 2")) & MessageRecord::Seen,
                 int(MessageRecord::Seen));
        QCOMPARE(flagsOf(store, QStringLiteral("inbox 1")) & MessageRecord::Seen, 0);
        // A SyncState is kept per folder.
        QCOMPARE(FolderSyncTokens::tokens(store, task.uuid).size(), 7);
        const auto record = store.retrievalTask(task.uuid);
        QVERIFY(record && record->lastRun.isValid());
        QCOMPARE(record->lastCount, 9);

        const int served = m_server->itemsServed();
        auto again = run(store, task);
        QCOMPARE(again->error(), EwsRetrievalRun::Error::None);
        QCOMPARE(again->downloadedCount(), 0);
        QCOMPARE(again->retrievedCount(), 0);
        QCOMPARE(m_server->itemsServed(), served);
        QVERIFY(m_server->requestBodies().constLast().contains("SyncState>H4sI"));

        m_server->addMessage(m_inbox, mail("inbox", 4));
        auto third = run(store, task);
        QCOMPARE(third->error(), EwsRetrievalRun::Error::None);
        QCOMPARE(third->downloadedCount(), 1);
        QCOMPARE(third->retrievedCount(), 1);
        QCOMPARE(store.messageCount(inbox), qint64(4));
        QCOMPARE(totalMessages(store), qint64(10));
    }

    void belowAFolder()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("ewsretrieval-below")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const qint64 parent = store.createFolder(0, QStringLiteral("Work Exchange"));
        QVERIFY(parent > 0);
        const RetrievalTask task = makeTask(store, RetrievalTask::FolderTransfer::Mirror, parent);
        auto r = run(store, task);
        QCOMPARE(r->error(), EwsRetrievalRun::Error::None);
        QCOMPARE(r->retrievedCount(), 9);
        const qint64 inbox = store.findFolder(parent, QStringLiteral("Inbox"));
        QVERIFY(inbox > 0);
        QCOMPARE(store.messageCount(inbox), qint64(3));
        QCOMPARE(store.messageCount(store.findFolder(inbox, QStringLiteral("Projects"))),
                 qint64(2));
        QCOMPARE(store.messageCount(store.findFolder(parent, QStringLiteral("Sent Items"))),
                 qint64(1));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Inbox)), qint64(0));
    }

    void everythingIntoTheInbox()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("ewsretrieval-off")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, RetrievalTask::FolderTransfer::Off, 0);
        auto r = run(store, task);
        QCOMPARE(r->error(), EwsRetrievalRun::Error::None);
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Inbox)), qint64(9));
    }

    // The server forgets its SyncStates: the folder is synced from the start, nothing twice.
    void invalidSyncStateResyncsWithoutDuplicates()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("ewsretrieval-invalid")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, RetrievalTask::FolderTransfer::Mirror, 0);
        QCOMPARE(run(store, task)->retrievedCount(), 9);
        m_server->invalidateSyncStates();
        m_server->addMessage(m_inbox, mail("inbox", 5));
        const int served = m_server->itemsServed();
        auto r = run(store, task);
        QCOMPARE(r->error(), EwsRetrievalRun::Error::None);
        QCOMPARE(r->retrievedCount(), 1);
        QCOMPARE(r->downloadedCount(), 1);
        QCOMPARE(m_server->itemsServed(), served + 1);
        QCOMPARE(totalMessages(store), qint64(10));
        QVERIFY(r->details().contains(QStringLiteral("sync state")));
    }

    // Throttling in the middle: the run fails with words, keeps what it stored, saves no
    // state past it; the next run completes without duplicates.
    void serverBusyThenResume()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("ewsretrieval-busy")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, RetrievalTask::FolderTransfer::Mirror, 0);
        m_server->failNext(QStringLiteral("GetItem"), FakeEwsServer::Fault::ServerBusy);
        auto r = run(store, task);
        QCOMPARE(r->error(), EwsRetrievalRun::Error::Server);
        QVERIFY(r->errorString().contains(QStringLiteral("busy")));
        QCOMPARE(totalMessages(store), qint64(0));
        QVERIFY(FolderSyncTokens::token(store, task.uuid, m_inbox).isEmpty());
        const auto record = store.retrievalTask(task.uuid);
        QVERIFY(record && record->lastResult.contains(QStringLiteral("busy")));

        auto again = run(store, task);
        QCOMPARE(again->error(), EwsRetrievalRun::Error::None);
        QCOMPARE(again->retrievedCount(), 9);
        QCOMPARE(totalMessages(store), qint64(9));
    }

    void malformedReplyIsServerError()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("ewsretrieval-malformed")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, RetrievalTask::FolderTransfer::Mirror, 0);
        m_server->failNext(QStringLiteral("SyncFolderItems"), FakeEwsServer::Fault::Malformed);
        auto r = run(store, task);
        QCOMPARE(r->error(), EwsRetrievalRun::Error::Server);
        QVERIFY(r->details().contains(QStringLiteral("malformed XML")));
    }

    void wrongPassword()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("ewsretrieval-auth")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task
            = makeTask(store, RetrievalTask::FolderTransfer::Mirror, 0, "not-the-password");
        auto r = run(store, task);
        QCOMPARE(r->error(), EwsRetrievalRun::Error::Authentication);
        QVERIFY(!r->details().contains(QStringLiteral("not-the-password")));
        QCOMPARE(totalMessages(store), qint64(0));
    }

    // The scheduler's starter runs Exchange tasks too, on its worker thread (QNAM there).
    void startedByRetrievalRunStarter()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("ewsretrieval-starter")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, RetrievalTask::FolderTransfer::Mirror, 0);
        RetrievalRunHandle *handle = startRetrievalRun(store, *m_secrets, nullptr, task, this,
                                                       ScriptedServer::caCertificates());
        QVERIFY(handle);
        QSignalSpy finished(handle, &RetrievalRunHandle::finished);
        QSignalSpy destroyed(handle, &QObject::destroyed);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(finished.first().at(1).toInt(), 9);
        QVERIFY(destroyed.wait(20000));
        QCOMPARE(totalMessages(store), qint64(9));
    }

    // OAuth task: the access token from the keychain goes as a Bearer token.
    void oauthBearer()
    {
        m_server->setBearerToken("ews-access-token");
        Store store(TestEnv::scratchDir(QStringLiteral("ewsretrieval-oauth")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        RetrievalTask task;
        task.name = QStringLiteral("Exchange OAuth");
        task.kind = RetrievalTask::Kind::Exchange;
        task.server = m_server->url().toString();
        task.username = QStringLiteral("alice@example.test");
        task.authKind = RetrievalTask::AuthKind::OAuth;
        task.folderTransfer = RetrievalTask::FolderTransfer::Off;
        QVERIFY(store.insertRetrievalTask(task));
        QVERIFY(writeSecret(SecretKind::OAuthAccessToken, task.uuid, "ews-access-token"));
        auto r = run(store, task);
        QCOMPARE(r->error(), EwsRetrievalRun::Error::None);
        QCOMPARE(r->retrievedCount(), 9);
        QCOMPARE(m_server->unauthorizedCount(), 0);
        QCOMPARE(m_server->authorizationHeaders().first(), QByteArray("Bearer ews-access-token"));
    }
};

QTEST_MAIN(TestEwsRetrievalRun)
#include "tst_ewsretrievalrun.moc"
