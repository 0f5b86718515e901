// The IMAP retrieval run with its batches committed on the writer thread, against a scripted
// IMAP server: the folder's sync state is saved only after every batch is committed, and a
// batch the store refuses ends the run with words, keeps the batches before it and saves no
// sync state (the next run fetches the rest again).
#include "app/services/retrieval/imapretrievalrun.h"
#include "app/services/secretstore.h"
#include "fakes/scriptedserver.h"
#include "models/store.h"

#include "support/testenv.h"

#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace Tributary;
using Testing::ScriptedServer;

namespace {

constexpr int kMessages = 5;
constexpr qint64 kUidValidity = 77;

QByteArray mail(int i)
{
    const QByteArray n = QByteArray::number(i);
    QByteArray m = "From: Sender " + n + " <sender" + n
        + "@example.test>\r\nTo: me@example.test\r\n" + "Subject: imap writer " + n
        + "\r\nMessage-ID: <imap-writer-" + n + "@example.test>\r\n\r\n";
    for (int line = 0; line < 10 + i; ++line)
        m += "line " + QByteArray::number(line) + " of message " + n + "\r\n";
    return m;
}

// LOGIN, LIST, STATUS, EXAMINE, UID SEARCH and the UID FETCH of the five messages of INBOX.
void scriptRetrieval(ScriptedServer &s)
{
    s.sendLine("* OK [CAPABILITY IMAP4rev1] ready")
        .expectMatch(QStringLiteral("^(?<tag>\\S+) LOGIN \"user\" \"secret-password\"$"))
        .sendLine("${tag} OK [CAPABILITY IMAP4rev1] Logged in")
        .expectMatch(QStringLiteral("^(?<tag>\\S+) LIST \"\" \"\\*\"$"))
        .sendLine("* LIST (\\HasNoChildren) \"/\" INBOX")
        .sendLine("${tag} OK done")
        .expectMatch(QStringLiteral("^(?<tag>\\S+) STATUS \"?INBOX\"? \\(.*\\)$"))
        .sendLine("* STATUS INBOX (MESSAGES 5 UIDNEXT 6 UIDVALIDITY 77)")
        .sendLine("${tag} OK done")
        .expectMatch(QStringLiteral("^(?<tag>\\S+) EXAMINE \"?INBOX\"?$"))
        .sendLine("* 5 EXISTS")
        .sendLine("* OK [UIDVALIDITY 77] ok")
        .sendLine("* OK [UIDNEXT 6] ok")
        .sendLine("${tag} OK [READ-ONLY] done")
        .expectMatch(QStringLiteral("^(?<tag>\\S+) UID SEARCH UID 1:\\*$"))
        .sendLine("* SEARCH 1 2 3 4 5")
        .sendLine("${tag} OK done")
        .expectMatch(QStringLiteral("^(?<tag>\\S+) UID FETCH 1:5 \\(.*BODY\\.PEEK\\[\\]\\)$"));
    QByteArray fetch;
    for (int i = 1; i <= kMessages; ++i) {
        const QByteArray body = mail(i);
        fetch += "* " + QByteArray::number(i) + " FETCH (UID " + QByteArray::number(i)
            + " FLAGS (\\Seen) INTERNALDATE \"27-Nov-2026 05:00:00 +0000\" BODY[] {"
            + QByteArray::number(body.size()) + "}\r\n" + body + ")\r\n";
    }
    s.send(fetch).sendLine("${tag} OK done");
}

} // namespace

class TestImapWriter : public QObject
{
    Q_OBJECT

    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;

    RetrievalTask makeTask(Store &store, const ScriptedServer &server)
    {
        RetrievalTask task;
        task.name = QStringLiteral("imap writer test");
        task.kind = RetrievalTask::Kind::Imap;
        task.server = QStringLiteral("127.0.0.1");
        task.port = server.port();
        task.security = RetrievalTask::Security::None;
        task.username = QStringLiteral("user");
        QString error;
        if (!store.insertRetrievalTask(task, &error))
            qWarning() << "insert task:" << error;
        return task;
    }

    // Runs the task to its end (batches of two: three batches for five messages).
    std::unique_ptr<ImapRetrievalRun> run(Store &store, const RetrievalTask &task)
    {
        auto r = std::make_unique<ImapRetrievalRun>(store, *m_secrets, nullptr);
        r->setTask(task);
        r->setPassword(QStringLiteral("secret-password"));
        r->setTimeout(20000);
        r->setBatchSize(2);
        QSignalSpy spy(r.get(), &ImapRetrievalRun::finished);
        r->start();
        if (!spy.wait(60000))
            qWarning() << "run did not finish";
        else if (spy.count() != 1)
            qWarning() << "finished emitted" << spy.count() << "times";
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_settings = std::make_unique<QSettings>(
            TestEnv::scratchDir(QStringLiteral("imapwriter-settings")) + QStringLiteral("/s.ini"),
            QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(*m_settings);
    }

    void syncStateAfterEveryBatch()
    {
        ScriptedServer server;
        scriptRetrieval(server);
        server.expectMatch(QStringLiteral("^(?<tag>\\S+) LOGOUT$"))
            .sendLine("* BYE bye")
            .sendLine("${tag} OK done")
            .close();
        QVERIFY(server.listen());
        Store store(TestEnv::scratchDir(QStringLiteral("imapwriter-ok")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, server);
        const auto r = run(store, task);
        QVERIFY2(r->error() == ImapRetrievalRun::Error::None, qPrintable(r->details()));
        QCOMPARE(r->retrievedCount(), kMessages);
        QTRY_VERIFY(server.isFinished());
        QVERIFY2(server.failures().isEmpty(),
                 qPrintable(server.failures().join(QLatin1Char('\n'))));
        QCOMPARE(store.knownUids(task.uuid, QStringLiteral("INBOX"), kUidValidity),
                 (QSet<qint64> {1, 2, 3, 4, 5}));
        const auto states = store.folderSyncStates(task.uuid);
        QVERIFY(states.contains(QStringLiteral("INBOX")));
        QCOMPARE(states.value(QStringLiteral("INBOX")).uidNext, 6);
    }

    // The store refuses the batch of UIDs 3 and 4: UIDs 1 and 2 stay, nothing after them is
    // indexed, and INBOX's sync state is not saved.
    void refusedBatchSavesNoSyncState()
    {
        ScriptedServer server;
        scriptRetrieval(server);
        server.expectDisconnect();
        QVERIFY(server.listen());
        Store store(TestEnv::scratchDir(QStringLiteral("imapwriter-refused")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        {
            QSqlQuery q(store.database());
            QVERIFY2(q.exec(QStringLiteral(
                         "CREATE TRIGGER refuse_three BEFORE INSERT ON messages WHEN "
                         "NEW.source_uid = 3 BEGIN SELECT RAISE(ABORT, 'refused'); END")),
                     qPrintable(q.lastError().text()));
        }
        const RetrievalTask task = makeTask(store, server);
        const auto r = run(store, task);
        QCOMPARE(r->error(), ImapRetrievalRun::Error::Storage);
        QVERIFY(!r->errorString().isEmpty());
        QCOMPARE(r->retrievedCount(), 2);
        QTRY_VERIFY(server.isFinished());
        QVERIFY2(server.failures().isEmpty(),
                 qPrintable(server.failures().join(QLatin1Char('\n'))));
        QCOMPARE(store.knownUids(task.uuid, QStringLiteral("INBOX"), kUidValidity),
                 (QSet<qint64> {1, 2}));
        QVERIFY(store.folderSyncStates(task.uuid).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestImapWriter)
#include "tst_imapwriter.moc"
