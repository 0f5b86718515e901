// RetrievalRun (POP3) against the real Dovecot of the test environment (fixture dovecot)
// and the test session's unlocked keyring. Users u41..u55 belong to this module.
#include "app/services/activitylogger.h"
#include "app/services/retrieval/retrievalrun.h"
#include "app/services/secretstore.h"
#include "connectors/common/endpoint.h"
#include "connectors/pop3/listjob.h"
#include "connectors/pop3/quitjob.h"
#include "connectors/pop3/session.h"
#include "models/messagefilestore.h"
#include "models/store.h"
#include "support/dovecotfixture.h"

#include <QDir>
#include <QFile>
#include <QIODevice>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Tributary;

namespace {

QByteArray mail(const QByteArray &tag, int i)
{
    const QByteArray n = QByteArray::number(i);
    return "From: Sender " + n + " <sender" + n + "@example.test>\r\nTo: someone@example.test\r\n"
        + "Subject: " + tag + " message " + n + "\r\nMessage-ID: <" + tag + "-" + n
        + "@example.test>\r\nDate: Fri, 27 Nov 2026 05:00:00 +0000\r\n\r\nBody of " + tag + " " + n
        + "\r\n..a line that starts with a dot\r\n";
}

} // namespace

class TestRetrievalRun : public QObject
{
    Q_OBJECT

    quint16 m_port = 0;
    std::unique_ptr<DovecotFixture> m_dovecot;

    bool reset(const QString &user) { return m_dovecot->reset(user); }
    bool deliver(const QString &user, const QList<QByteArray> &messages)
    {
        return m_dovecot->deliver(user, QStringLiteral("INBOX"), messages);
    }
    // Messages in the user's maildrop, or -1.
    int serverCount(const QString &user)
    {
        Pop3::Session session;
        Net::Endpoint e;
        e.host = QStringLiteral("127.0.0.1");
        e.port = m_port;
        e.security = Net::Security::None;
        session.setEndpoint(e);
        Net::Sasl::Credentials c;
        c.user = user;
        c.password = QStringLiteral("pw-") + user;
        session.setCredentials(c);
        Pop3::ListJob list(&session);
        list.start();
        QSignalSpy spy(&list, &Net::Job::finished);
        if (!list.isFinished() && !spy.wait(60000))
            return -1;
        if (list.error() != Net::Error::Kind::None)
            return -1;
        Pop3::QuitJob quit(&session);
        QSignalSpy quitSpy(&quit, &Net::Job::finished);
        quit.start();
        quitSpy.wait(60000);
        return int(list.messages().size());
    }
    bool writePassword(const QUuid &uuid, const QByteArray &password)
    {
        return m_dovecot->writeSecret(uuid, QString::fromUtf8(password));
    }
    RetrievalTask makeTask(Store &store, const QString &user, bool leaveOnServer)
    {
        RetrievalTask task = m_dovecot->task(RetrievalTask::Kind::Pop3, user);
        task.leaveOnServer = leaveOnServer;
        QString error;
        if (!store.insertRetrievalTask(task, &error))
            qWarning() << "insert task:" << error;
        return task;
    }
    // Runs the task once; the run (finished) is returned.
    std::unique_ptr<RetrievalRun> run(Store &store, const RetrievalTask &task,
                                      ActivityLogger *logger = nullptr)
    {
        auto r = std::make_unique<RetrievalRun>(store, m_dovecot->secrets(), logger);
        r->setTask(task);
        r->setExtraCaCertificates(m_dovecot->ca());
        r->setTimeout(30000);
        r->setBatchSize(2); // several batches per run
        QSignalSpy spy(r.get(), &RetrievalRun::finished);
        r->start();
        if (!spy.wait(120000))
            qWarning() << "run did not finish";
        else if (spy.count() != 1)
            qWarning() << "finished emitted" << spy.count() << "times";
        return r;
    }
    // Every stored message's bytes, by UIDL, for the task.
    static QHash<QString, QByteArray> storedByUidl(Store &store, const QUuid &account, int *rows)
    {
        QHash<QString, QByteArray> out;
        *rows = 0;
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        QSqlQuery q(store.database());
        q.prepare(QStringLiteral("SELECT id FROM messages WHERE folder_id = ?"));
        q.addBindValue(inbox);
        q.exec();
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            const auto record = store.message(id);
            if (!record || record->sourceAccount != account)
                continue;
            ++*rows;
            auto device = store.openMessage(id);
            out.insert(record->sourceUidl, device ? device->readAll() : QByteArray());
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dovecot = std::make_unique<DovecotFixture>(QStringLiteral("dovecot"),
                                                     QStringLiteral("retrieval"));
        QVERIFY2(m_dovecot->isValid(), qPrintable(m_dovecot->error()));
        m_port = m_dovecot->port(QStringLiteral("POP3_PORT"));
    }

    // Leave on server: three runs and a restart (a fresh Store object) store each message once.
    void pop3LeaveOnServerNoDuplicates()
    {
        const QString user = QStringLiteral("u41");
        QVERIFY(reset(user));
        QVERIFY(deliver(user, {mail("keep", 1), mail("keep", 2), mail("keep", 3)}));
        const QString profile = TestEnv::scratchDir(QStringLiteral("retrieval-keep"));
        QUuid uuid;
        {
            Store store(profile);
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            ActivityLogger logger(&store);
            const RetrievalTask task = makeTask(store, user, true);
            uuid = task.uuid;
            QVERIFY(writePassword(uuid, "pw-u41"));

            auto first = run(store, task, &logger);
            QVERIFY(first->isFinished());
            QCOMPARE(first->error(), RetrievalRun::Error::None);
            QCOMPARE(first->retrievedCount(), 3);
            QCOMPARE(first->deletedCount(), 0);

            auto second = run(store, task, &logger);
            QCOMPARE(second->error(), RetrievalRun::Error::None);
            QCOMPARE(second->retrievedCount(), 0);
            QCOMPARE(second->downloadedCount(), 0); // known UIDLs are not even downloaded

            const auto recorded = store.retrievalTask(uuid);
            QVERIFY(recorded);
            QVERIFY(recorded->lastRun.isValid());
            QCOMPARE(recorded->lastCount, 0);
            ActivityQuery query;
            query.area = QStringLiteral("retrieval");
            QCOMPARE(store.activity(query).size(), 2);
        }
        QVERIFY(deliver(user, {mail("keep", 4), mail("keep", 5)}));
        {
            Store store(profile); // as after a restart
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            const auto task = store.retrievalTask(uuid);
            QVERIFY(task);
            auto third = run(store, *task);
            QCOMPARE(third->error(), RetrievalRun::Error::None);
            QCOMPARE(third->retrievedCount(), 2);
            QCOMPARE(third->downloadedCount(), 2);
            QCOMPARE(store.retrievalTask(uuid)->lastCount, 2);

            int rows = 0;
            const auto stored = storedByUidl(store, uuid, &rows);
            QCOMPARE(rows, 5);
            QCOMPARE(stored.size(), 5);
            QList<QByteArray> contents = stored.values();
            std::sort(contents.begin(), contents.end());
            QList<QByteArray> expected {mail("keep", 1), mail("keep", 2), mail("keep", 3),
                                        mail("keep", 4), mail("keep", 5)};
            std::sort(expected.begin(), expected.end());
            QCOMPARE(contents, expected);
        }
        QCOMPARE(serverCount(user), 5);
    }

    // Delete after store: the server is empty afterwards and every message is stored exactly
    // as delivered.
    void pop3DeleteAfterStore()
    {
        const QString user = QStringLiteral("u42");
        QVERIFY(reset(user));
        QList<QByteArray> delivered;
        for (int i = 1; i <= 5; ++i)
            delivered.append(mail("del", i));
        QVERIFY(deliver(user, delivered));
        QCOMPARE(serverCount(user), 5);

        Store store(TestEnv::scratchDir(QStringLiteral("retrieval-delete")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, user, false);
        QVERIFY(writePassword(task.uuid, "pw-u42"));

        auto r = run(store, task);
        QCOMPARE(r->error(), RetrievalRun::Error::None);
        QCOMPARE(r->retrievedCount(), 5);
        QCOMPARE(r->deletedCount(), 5);
        QCOMPARE(serverCount(user), 0);

        int rows = 0;
        QList<QByteArray> contents = storedByUidl(store, task.uuid, &rows).values();
        QCOMPARE(rows, 5);
        std::sort(contents.begin(), contents.end());
        std::sort(delivered.begin(), delivered.end());
        QCOMPARE(contents, delivered);

        // The message's headers are indexed.
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        QCOMPARE(store.messageCount(inbox), qint64(5));
    }

    // APOP sign-in on plain POP3, into a chosen destination folder.
    void pop3ApopIntoFolder()
    {
        const QString user = QStringLiteral("u43");
        QVERIFY(reset(user));
        QVERIFY(deliver(user, {mail("apop", 1)}));
        Store store(TestEnv::scratchDir(QStringLiteral("retrieval-apop")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const qint64 folder = store.createFolder(0, QStringLiteral("From POP"), &error);
        QVERIFY2(folder > 0, qPrintable(error));
        RetrievalTask task;
        task.name = QStringLiteral("APOP");
        task.server = QStringLiteral("127.0.0.1");
        task.port = m_port;
        task.security = RetrievalTask::Security::None;
        task.username = user;
        task.apop = true;
        task.destinationFolderId = folder;
        QVERIFY(store.insertRetrievalTask(task, &error));
        QVERIFY(writePassword(task.uuid, "pw-u43"));
        auto r = run(store, task);
        QCOMPARE(r->error(), RetrievalRun::Error::None);
        QCOMPARE(r->retrievedCount(), 1);
        QCOMPARE(store.messageCount(folder), qint64(1));
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Inbox)), qint64(0));
    }

    // A wrong password: a clear error, nothing stored, nothing deleted, the run recorded.
    void pop3WrongPassword()
    {
        const QString user = QStringLiteral("u44");
        QVERIFY(reset(user));
        QVERIFY(deliver(user, {mail("wrong", 1), mail("wrong", 2)}));
        Store store(TestEnv::scratchDir(QStringLiteral("retrieval-wrong")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        ActivityLogger logger(&store);
        const RetrievalTask task = makeTask(store, user, false);
        QVERIFY(writePassword(task.uuid, "not-the-password"));
        auto r = run(store, task, &logger);
        QCOMPARE(r->error(), RetrievalRun::Error::Authentication);
        QVERIFY(!r->errorString().isEmpty());
        QVERIFY(!r->errorString().contains(QStringLiteral("not-the-password")));
        QVERIFY(!r->details().contains(QStringLiteral("not-the-password")));
        QCOMPARE(r->retrievedCount(), 0);
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Inbox)), qint64(0));
        QCOMPARE(serverCount(user), 2);
        const auto recorded = store.retrievalTask(task.uuid);
        QVERIFY(recorded);
        QCOMPARE(recorded->lastResult, r->errorString());
        ActivityQuery query;
        query.area = QStringLiteral("retrieval");
        const QList<ActivityEntry> entries = store.activity(query);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().level, QStringLiteral("error"));
    }

    // The local store cannot write: Storage error, and with delete-after-store nothing is
    // deleted at the source (a message is removed there only once durably stored).
    void pop3StoreFailureDeletesNothing()
    {
        const QString user = QStringLiteral("u47");
        QVERIFY(reset(user));
        QVERIFY(deliver(user, {mail("full", 1), mail("full", 2), mail("full", 3)}));
        Store store(TestEnv::scratchDir(QStringLiteral("retrieval-storefail")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, user, false);
        QVERIFY(writePassword(task.uuid, "pw-u47"));
        // A file where the message files' temporary folder should be: nothing can be written.
        const QString temp = store.messageFiles().tempDir();
        QVERIFY(QDir(temp).removeRecursively());
        QFile blocker(temp);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();

        auto r = run(store, task);
        QCOMPARE(r->error(), RetrievalRun::Error::Storage);
        QVERIFY(!r->errorString().isEmpty());
        QCOMPARE(r->retrievedCount(), 0);
        QCOMPARE(r->deletedCount(), 0);
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Inbox)), qint64(0));
        QCOMPARE(serverCount(user), 3);
    }

    // No password in the keychain: NoPassword, before any connection.
    void noPasswordStored()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("retrieval-nopassword")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, QStringLiteral("u45"), true);
        auto r = run(store, task);
        QCOMPARE(r->error(), RetrievalRun::Error::NoPassword);
        QVERIFY(!r->errorString().isEmpty());
    }

    // Cancel right after start: Cancelled, finished once, nothing stored.
    void cancelBeforeConnect()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("retrieval-cancel")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, QStringLiteral("u46"), true);
        RetrievalRun r(store, m_dovecot->secrets(), nullptr);
        r.setTask(task);
        QSignalSpy spy(&r, &RetrievalRun::finished);
        r.start();
        r.cancel();
        QVERIFY(spy.wait(20000));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(r.error(), RetrievalRun::Error::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestRetrievalRun)
#include "tst_retrievalrun.moc"
