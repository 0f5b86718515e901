// The retrieval runs with their batches committed on the writer thread, against scripted
// servers. POP3 (PIPELINING): DELE only after every batch is committed, and a batch the store
// refuses ends the run with words, with no DELE, no QUIT and no row after the last committed
// batch. IMAP: a folder's sync state is saved only after every batch is committed, and a
// refused batch keeps the batches before it and saves no sync state (the next run fetches
// the rest again).
#include "app/services/retrieval/imapretrievalrun.h"
#include "app/services/retrieval/retrievalrun.h"
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
        + "@example.test>\r\nTo: me@example.test\r\n" + "Subject: writer message " + n
        + "\r\nMessage-ID: <writer-" + n + "@example.test>\r\n\r\n";
    for (int line = 0; line < 20 + i; ++line)
        m += "body line " + QByteArray::number(line) + " of message " + n + "\r\n";
    return m;
}

// Greeting, CAPA with PIPELINING, USER/PASS, and the pipelined LIST and UIDL commands.
void scriptPop3Login(ScriptedServer &s)
{
    s.sendLine("+OK fake POP3 ready")
        .expectLine("CAPA")
        .sendLine("+OK capabilities")
        .sendLine("USER")
        .sendLine("UIDL")
        .sendLine("PIPELINING")
        .sendLine(".")
        .expectLine("USER user")
        .sendLine("+OK")
        .expectLine("PASS secret-password")
        .sendLine("+OK logged in")
        .expectLine("LIST")
        .expectLine("UIDL");
}

// The login above, the listing of the five messages, then the five pipelined RETRs and
// their bodies.
void scriptPop3(ScriptedServer &s)
{
    scriptPop3Login(s);
    QByteArray list = "+OK " + QByteArray::number(kMessages) + " messages\r\n";
    QByteArray uidl = "+OK\r\n";
    for (int i = 1; i <= kMessages; ++i) {
        list += QByteArray::number(i) + ' ' + QByteArray::number(mail(i).size()) + "\r\n";
        uidl += QByteArray::number(i) + " uid-" + QByteArray::number(i) + "\r\n";
    }
    s.send(list + ".\r\n").send(uidl + ".\r\n");
    for (int i = 1; i <= kMessages; ++i)
        s.expectLine("RETR " + QByteArray::number(i));
    for (int i = 1; i <= kMessages; ++i)
        s.send("+OK message follows\r\n" + mail(i) + ".\r\n");
}

// LOGIN, LIST, STATUS, EXAMINE, UID SEARCH and the UID FETCH of the five messages of INBOX.
void scriptImap(ScriptedServer &s)
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

// Every insert of a message matching `condition` fails inside its batch's transaction, as a
// full or broken database would.
bool refuse(Store &store, const QString &condition)
{
    QSqlQuery q(store.database());
    const bool ok
        = q.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON messages WHEN ") + condition
                 + QStringLiteral(" BEGIN SELECT RAISE(ABORT, 'refused'); END"));
    if (!ok)
        qWarning() << q.lastError().text();
    return ok;
}

} // namespace

class TestRetrievalWriter : public QObject
{
    Q_OBJECT

    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;

    RetrievalTask makeTask(Store &store, const ScriptedServer &server, RetrievalTask::Kind kind)
    {
        RetrievalTask task;
        task.name = QStringLiteral("writer test");
        task.kind = kind;
        task.server = QStringLiteral("127.0.0.1");
        task.port = server.port();
        task.security = RetrievalTask::Security::None;
        task.username = QStringLiteral("user");
        task.leaveOnServer = false;
        QString error;
        if (!store.insertRetrievalTask(task, &error))
            qWarning() << "insert task:" << error;
        return task;
    }

    // Runs the task to its end (batches of two: three batches for five messages).
    template<typename Run> std::unique_ptr<Run> run(Store &store, const RetrievalTask &task)
    {
        auto r = std::make_unique<Run>(store, *m_secrets, nullptr);
        r->setTask(task);
        r->setPassword(QStringLiteral("secret-password"));
        r->setTimeout(20000);
        r->setBatchSize(2);
        QSignalSpy spy(r.get(), &Run::finished);
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
            TestEnv::scratchDir(QStringLiteral("writer-settings")) + QStringLiteral("/s.ini"),
            QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(*m_settings);
    }

    // Every batch is committed (on the writer thread) before the first DELE.
    void pop3DeletesAfterEveryBatchIsCommitted()
    {
        ScriptedServer server;
        scriptPop3(server);
        for (int i = 1; i <= kMessages; ++i)
            server.expectLine("DELE " + QByteArray::number(i));
        for (int i = 1; i <= kMessages; ++i)
            server.sendLine("+OK deleted");
        server.expectLine("QUIT").sendLine("+OK bye").close();
        QVERIFY(server.listen());

        Store store(TestEnv::scratchDir(QStringLiteral("writer-ok")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, server, RetrievalTask::Kind::Pop3);
        const auto r = run<RetrievalRun>(store, task);
        QVERIFY2(r->error() == RetrievalRun::Error::None, qPrintable(r->details()));
        QCOMPARE(r->retrievedCount(), kMessages);
        QCOMPARE(r->deletedCount(), kMessages);
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
        QVERIFY2(server.failures().isEmpty(),
                 qPrintable(server.failures().join(QLatin1Char('\n'))));
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        QCOMPARE(store.messageCount(inbox), qint64(kMessages));
        QCOMPARE(store.knownUidls(task.uuid).size(), kMessages);
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT id, source_uidl FROM messages")));
        while (q.next()) {
            const int n = q.value(1).toString().mid(4).toInt();
            auto device = store.openMessage(q.value(0).toLongLong());
            QVERIFY(device);
            QCOMPARE(device->readAll(), mail(n));
        }
    }

    // The store refuses the second batch (messages 3 and 4): the run ends with Storage and
    // words, the first batch stays, nothing after it is indexed, and the server sees neither
    // DELE nor QUIT (the connection is dropped, so it keeps every message).
    void pop3RefusedBatchEndsTheRunWithoutDeleting()
    {
        ScriptedServer server;
        scriptPop3(server);
        server.expectDisconnect();
        QVERIFY(server.listen());

        Store store(TestEnv::scratchDir(QStringLiteral("writer-refused")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY(refuse(store, QStringLiteral("NEW.source_uidl = 'uid-3'")));
        const RetrievalTask task = makeTask(store, server, RetrievalTask::Kind::Pop3);
        const auto r = run<RetrievalRun>(store, task);
        QCOMPARE(r->error(), RetrievalRun::Error::Storage);
        QVERIFY(!r->errorString().isEmpty());
        QCOMPARE(r->retrievedCount(), 2);
        QCOMPARE(r->deletedCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
        QVERIFY2(server.failures().isEmpty(),
                 qPrintable(server.failures().join(QLatin1Char('\n'))));
        QVERIFY(!server.received().contains("DELE"));
        QVERIFY(!server.received().contains("QUIT"));
        QCOMPARE(store.knownUidls(task.uuid),
                 (QSet<QString> {QStringLiteral("uid-1"), QStringLiteral("uid-2")}));
        const auto recorded = store.retrievalTask(task.uuid);
        QVERIFY(recorded);
        QCOMPARE(recorded->lastResult, r->errorString());
        QCOMPARE(recorded->lastCount, 2);
    }

    // The listing is matched against the stored UIDLs in UIDL order, not number order:
    // UIDLs known from an earlier run are not downloaded (but deleted, being stored), a UIDL
    // a broken server repeats is downloaded once (the lower number) and never deleted, and
    // every new message is stored under its own UIDL.
    void pop3MatchesKnownAndRepeatedUidls()
    {
        // number -> UIDL; "mid" and "known-b" are stored already, "alpha" comes twice.
        const QList<QByteArray> uidls {"zeta", "alpha", "mid", "alpha", "beta", "known-b"};
        ScriptedServer server;
        scriptPop3Login(server);
        QByteArray list = "+OK 6 messages\r\n";
        QByteArray uidl = "+OK\r\n";
        for (int i = 1; i <= uidls.size(); ++i) {
            list += QByteArray::number(i) + ' ' + QByteArray::number(mail(i).size()) + "\r\n";
            uidl += QByteArray::number(i) + ' ' + uidls.at(i - 1) + "\r\n";
        }
        server.send(list + ".\r\n").send(uidl + ".\r\n");
        const QList<int> fetched {1, 2, 5};
        for (int i : fetched)
            server.expectLine("RETR " + QByteArray::number(i));
        for (int i : fetched)
            server.send("+OK message follows\r\n" + mail(i) + ".\r\n");
        const QList<int> deleted {1, 2, 3, 5, 6};
        for (int i : deleted)
            server.expectLine("DELE " + QByteArray::number(i));
        for (int i = 0; i < deleted.size(); ++i)
            server.sendLine("+OK deleted");
        server.expectLine("QUIT").sendLine("+OK bye").close();
        QVERIFY(server.listen());

        Store store(TestEnv::scratchDir(QStringLiteral("writer-uidl-match")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, server, RetrievalTask::Kind::Pop3);
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        for (const char *known : {"mid", "known-b"}) {
            MessageRecord record;
            record.folderId = inbox;
            record.sourceAccount = task.uuid;
            record.sourceUidl = QString::fromLatin1(known);
            QVERIFY2(store.storeMessage(record, "Subject: stored before\r\n\r\nold\r\n", &error)
                         > 0,
                     qPrintable(error));
        }
        const auto r = run<RetrievalRun>(store, task);
        QVERIFY2(r->error() == RetrievalRun::Error::None, qPrintable(r->details()));
        QCOMPARE(r->retrievedCount(), fetched.size());
        QCOMPARE(r->deletedCount(), deleted.size());
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
        QVERIFY2(server.failures().isEmpty(),
                 qPrintable(server.failures().join(QLatin1Char('\n'))));
        QCOMPARE(
            store.knownUidls(task.uuid),
            (QSet<QString> {QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("mid"),
                            QStringLiteral("beta"), QStringLiteral("known-b")}));
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT id, source_uidl FROM messages WHERE source_uidl IN"
                                      " ('zeta', 'alpha', 'beta')")));
        int checked = 0;
        while (q.next()) {
            const int number = int(uidls.indexOf(q.value(1).toString().toLatin1())) + 1;
            auto device = store.openMessage(q.value(0).toLongLong());
            QVERIFY(device);
            QCOMPARE(device->readAll(), mail(number));
            ++checked;
        }
        QCOMPARE(checked, fetched.size());
        // The store hands the UIDLs out in byte order.
        QByteArrayList order;
        QVERIFY(
            store.forEachKnownUidl(task.uuid, [&order](const QByteArray &u) { order.append(u); }));
        QCOMPARE(order, (QByteArrayList {"alpha", "beta", "known-b", "mid", "zeta"}));
    }

    void imapSyncStateAfterEveryBatch()
    {
        ScriptedServer server;
        scriptImap(server);
        server.expectMatch(QStringLiteral("^(?<tag>\\S+) LOGOUT$"))
            .sendLine("* BYE bye")
            .sendLine("${tag} OK done")
            .close();
        QVERIFY(server.listen());
        Store store(TestEnv::scratchDir(QStringLiteral("writer-imap-ok")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const RetrievalTask task = makeTask(store, server, RetrievalTask::Kind::Imap);
        const auto r = run<ImapRetrievalRun>(store, task);
        QVERIFY2(r->error() == ImapRetrievalRun::Error::None, qPrintable(r->details()));
        QCOMPARE(r->retrievedCount(), kMessages);
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
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
    void imapRefusedBatchSavesNoSyncState()
    {
        ScriptedServer server;
        scriptImap(server);
        server.expectDisconnect();
        QVERIFY(server.listen());
        Store store(TestEnv::scratchDir(QStringLiteral("writer-imap-refused")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY(refuse(store, QStringLiteral("NEW.source_uid = 3")));
        const RetrievalTask task = makeTask(store, server, RetrievalTask::Kind::Imap);
        const auto r = run<ImapRetrievalRun>(store, task);
        QCOMPARE(r->error(), ImapRetrievalRun::Error::Storage);
        QVERIFY(!r->errorString().isEmpty());
        QCOMPARE(r->retrievedCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
        QVERIFY2(server.failures().isEmpty(),
                 qPrintable(server.failures().join(QLatin1Char('\n'))));
        QCOMPARE(store.knownUids(task.uuid, QStringLiteral("INBOX"), kUidValidity),
                 (QSet<qint64> {1, 2}));
        QVERIFY(store.folderSyncStates(task.uuid).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRetrievalWriter)
#include "tst_retrievalwriter.moc"
