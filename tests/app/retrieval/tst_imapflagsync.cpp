// CONDSTORE flag updates of ImapRetrievalRun against the real Dovecot (fixture dovecot):
// flags changed at the source by another IMAP session reach the local copies on the next
// run, without downloading any body again. User u116 belongs to this test.
#include "app/services/retrieval/imapretrievalrun.h"
#include "connectors/imap/imapauthjobs.h"
#include "connectors/imap/imapmailboxjobs.h"
#include "connectors/imap/imapmessagejobs.h"
#include "connectors/imap/imapsession.h"
#include "models/store.h"
#include "support/dovecotfixture.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace Tributary;

namespace {

QByteArray mail(int i)
{
    const QByteArray n = QByteArray::number(i);
    return "From: Sender <sender@example.test>\r\nTo: someone@example.test\r\nSubject: flags " + n
        + "\r\nMessage-ID: <flags-" + n + "@example.test>\r\n\r\nBody " + n + "\r\n";
}

} // namespace

class TestImapFlagSync : public QObject
{
    Q_OBJECT

    std::unique_ptr<DovecotFixture> m_dovecot;

    std::unique_ptr<ImapRetrievalRun> run(Store &store, const RetrievalTask &task)
    {
        return m_dovecot->run<ImapRetrievalRun>(store, task);
    }
    // A second client: UID STORE of `flags` on INBOX's `uids` (another device reading mail).
    bool storeFlags(const QString &user, const QList<quint32> &uids, Imap::UidStoreJob::Mode mode,
                    const QByteArrayList &flags)
    {
        Net::Endpoint endpoint;
        endpoint.host = QStringLiteral("127.0.0.1");
        endpoint.port = m_dovecot->port(QStringLiteral("IMAPS_PORT"));
        endpoint.security = Net::Security::ImplicitTls;
        endpoint.extraCaCertificates = m_dovecot->ca();
        endpoint.timeoutMs = 20000;
        Imap::Session session;
        session.setEndpoint(endpoint);
        auto *login = new Imap::LoginJob(&session);
        login->setUser(user);
        login->setPassword(QStringLiteral("pw-") + user);
        auto *select = new Imap::SelectJob(&session);
        select->setMailbox(QStringLiteral("INBOX"));
        auto *store = new Imap::UidStoreJob(&session);
        store->setUids(Imap::UidSet::fromValues(uids));
        store->setMode(mode);
        store->setFlags(flags);
        QSignalSpy done(store, &Net::Job::finished);
        login->start();
        select->start();
        store->start();
        return done.wait(30000) && login->error() == Net::Error::Kind::None
            && select->error() == Net::Error::Kind::None
            && store->error() == Net::Error::Kind::None;
    }
    // Local flags by subject.
    static QHash<QString, int> localFlags(Store &store)
    {
        QHash<QString, int> result;
        QSqlQuery q(store.database());
        if (q.exec(QStringLiteral("SELECT subject, flags FROM messages"))) {
            while (q.next())
                result.insert(q.value(0).toString(), q.value(1).toInt());
        }
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dovecot = std::make_unique<DovecotFixture>(QStringLiteral("dovecot"),
                                                     QStringLiteral("imapflagsync"));
        QVERIFY2(m_dovecot->isValid(), qPrintable(m_dovecot->error()));
    }

    void flagsFollowTheSource()
    {
        const QString user = QStringLiteral("u116");
        QVERIFY(m_dovecot->reset(user));
        QVERIFY(m_dovecot->deliver(user, QStringLiteral("INBOX"), {mail(1), mail(2), mail(3)}));
        QVERIFY(m_dovecot->deliver(user, QStringLiteral("INBOX"), {mail(4)}, QStringLiteral("S")));
        Store store(TestEnv::scratchDir(QStringLiteral("imapflagsync")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        RetrievalTask task = m_dovecot->task(RetrievalTask::Kind::Imap, user);
        QVERIFY(m_dovecot->addTask(store, task));

        auto first = run(store, task);
        QCOMPARE(first->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(first->retrievedCount(), 4);
        QCOMPARE(first->flagUpdateCount(), 0);
        using Flags = QHash<QString, int>;
        const QString s1 = QStringLiteral("flags 1"), s2 = QStringLiteral("flags 2"),
                      s3 = QStringLiteral("flags 3"), s4 = QStringLiteral("flags 4");
        QCOMPARE(localFlags(store), Flags({{s1, 0}, {s2, 0}, {s3, 0}, {s4, MessageRecord::Seen}}));

        // Another client reads 1, flags 2 and answers it, deletes 3 (no expunge), unreads 4.
        QVERIFY(storeFlags(user, {1}, Imap::UidStoreJob::Mode::Add, {"\\Seen"}));
        QVERIFY(storeFlags(user, {2}, Imap::UidStoreJob::Mode::Add, {"\\Flagged", "\\Answered"}));
        QVERIFY(storeFlags(user, {3}, Imap::UidStoreJob::Mode::Add, {"\\Deleted"}));
        QVERIFY(storeFlags(user, {4}, Imap::UidStoreJob::Mode::Remove, {"\\Seen"}));

        QSignalSpy flagSignals(&store, &Store::messageFlagsChanged);
        auto second = run(store, task);
        QCOMPARE(second->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(second->downloadedCount(), 0); // no body fetched again
        QCOMPARE(second->retrievedCount(), 0);
        QCOMPARE(second->flagUpdateCount(), 4);
        QCOMPARE(flagSignals.count(), 4);
        QCOMPARE(localFlags(store),
                 Flags({{s1, MessageRecord::Seen},
                        {s2, MessageRecord::Flagged | MessageRecord::Answered},
                        {s3, MessageRecord::Deleted},
                        {s4, 0}}));

        // Nothing changed since: the folder is skipped, nothing is fetched or updated.
        auto third = run(store, task);
        QCOMPARE(third->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(third->flagUpdateCount(), 0);
        QCOMPARE(third->unchangedFolderCount(), int(store.folderSyncStates(task.uuid).size()));

        // A local flag the source does not know (Draft) stays; a new change still arrives.
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("UPDATE messages SET flags = flags | %1 WHERE subject = '%2'")
                           .arg(MessageRecord::Draft)
                           .arg(s1)));
        QVERIFY(storeFlags(user, {1}, Imap::UidStoreJob::Mode::Add, {"\\Flagged"}));
        auto fourth = run(store, task);
        QCOMPARE(fourth->error(), ImapRetrievalRun::Error::None);
        QCOMPARE(fourth->flagUpdateCount(), 1);
        QCOMPARE(fourth->downloadedCount(), 0);
        QCOMPARE(localFlags(store).value(s1),
                 MessageRecord::Seen | MessageRecord::Flagged | MessageRecord::Draft);
    }
};

QTEST_GUILESS_MAIN(TestImapFlagSync)
#include "tst_imapflagsync.moc"
