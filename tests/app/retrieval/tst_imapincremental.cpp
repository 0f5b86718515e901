// ImapRetrievalRun's per-folder sync state (folder_sync_state) against the real Dovecot
// (fixture dovecot): unchanged folders are skipped after one LIST-STATUS, changed ones are
// found. Users u77..u79 belong to this test.
#include "app/services/retrieval/imapretrievalrun.h"
#include "app/services/secretstore.h"
#include "models/store.h"
#include "support/testenv.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
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

    quint16 m_port = 0;
    QList<QSslCertificate> m_ca;
    QString m_deliver, m_reset, m_doveadm;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    QList<QUuid> m_written;

    bool tool(const QString &command, const QStringList &extra)
    {
        QStringList args = QProcess::splitCommand(command);
        const QString program = args.takeFirst();
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(program, args + extra);
        return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit
            && p.exitCode() == 0;
    }
    bool doveadm(const QStringList &args) { return tool(m_doveadm, args); }
    bool deliver(const QString &user, const QString &folder, const QList<QByteArray> &messages)
    {
        const QString dir = TestEnv::scratchDir(QStringLiteral("imapincremental-deliver"));
        QStringList files;
        for (int i = 0; i < messages.size(); ++i) {
            const QString path = dir + QStringLiteral("/%1.eml").arg(i);
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(messages.at(i)) != messages.at(i).size())
                return false;
            files.append(path);
        }
        return tool(m_deliver, QStringList {user, folder} + files);
    }
    // Three messages in each of kFolders.
    bool prepare(const QString &user)
    {
        if (!tool(m_reset, {user}))
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
        RetrievalTask task;
        task.name = QStringLiteral("incremental ") + user;
        task.kind = RetrievalTask::Kind::Imap;
        task.server = QStringLiteral("127.0.0.1");
        task.port = m_port;
        task.security = RetrievalTask::Security::SslTls;
        task.username = user;
        task.folderTransfer = RetrievalTask::FolderTransfer::Mirror;
        store.insertRetrievalTask(task);
        SecretJob *job
            = m_secrets->write(SecretKind::Password, task.uuid.toString(QUuid::WithoutBraces),
                               QStringLiteral("pw-%1").arg(user).toUtf8());
        QSignalSpy spy(job, &SecretJob::finished);
        spy.wait(20000);
        m_written.append(task.uuid);
        return task;
    }
    std::unique_ptr<ImapRetrievalRun> run(Store &store, const RetrievalTask &task)
    {
        auto r = std::make_unique<ImapRetrievalRun>(store, *m_secrets, nullptr);
        r->setTask(task);
        r->setExtraCaCertificates(m_ca);
        r->setTimeout(30000);
        QSignalSpy spy(r.get(), &ImapRetrievalRun::finished);
        r->start();
        if (!spy.wait(120000))
            qWarning() << "run did not finish";
        return r;
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
        QString port, ca;
        TRIBUTARY_REQUIRE_ENV(port, "dovecot", "IMAPS_PORT");
        TRIBUTARY_REQUIRE_ENV(ca, "dovecot", "CA");
        TRIBUTARY_REQUIRE_ENV(m_deliver, "dovecot", "DELIVER");
        TRIBUTARY_REQUIRE_ENV(m_reset, "dovecot", "RESET");
        TRIBUTARY_REQUIRE_ENV(m_doveadm, "dovecot", "DOVEADM");
        m_port = quint16(port.toUInt());
        m_ca = QSslCertificate::fromPath(ca);
        QCOMPARE(m_ca.size(), 1);
        const QString dir = TestEnv::scratchDir(QStringLiteral("imapincremental-settings"));
        m_settings = std::make_unique<QSettings>(dir + QStringLiteral("/settings.ini"),
                                                 QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(*m_settings);
        m_secrets->setServiceName(QStringLiteral("Tributary-test-imapincremental"));
    }
    void cleanupTestCase()
    {
        for (const QUuid &uuid : std::as_const(m_written)) {
            SecretJob *job = m_secrets->removeAll(uuid.toString(QUuid::WithoutBraces));
            QSignalSpy spy(job, &SecretJob::finished);
            spy.wait(20000);
        }
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
        QVERIFY(doveadm({QStringLiteral("flags"), QStringLiteral("add"), QStringLiteral("-u"), user,
                         QStringLiteral("\\Flagged"), QStringLiteral("mailbox"),
                         QStringLiteral("Newsletters"), QStringLiteral("all")}));
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
        QVERIFY(doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"), QStringLiteral("-u"),
                         user, QStringLiteral("-s"), QStringLiteral("-Z"),
                         QStringLiteral("Newsletters")}));
        QTest::qWait(1100); // Dovecot derives a new UIDVALIDITY from the clock's seconds
        QVERIFY(deliver(user, QStringLiteral("Newsletters"),
                        {mail(tag, 1), mail(tag, 2), mail(tag, 3), mail(tag, 4)}));
        QVERIFY(doveadm({QStringLiteral("mailbox"), QStringLiteral("delete"), QStringLiteral("-u"),
                         user, QStringLiteral("-s"), QStringLiteral("-Z"),
                         QStringLiteral("Archive/2023")}));

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
