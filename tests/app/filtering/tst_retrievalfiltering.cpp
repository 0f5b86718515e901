// Spam and content filtering inside real retrieval runs: the real Dovecot (fixture dovecot)
// and the real spamd (fixture spamd). Users u28..u30, u72..u74 and u117 belong to this
// module.
#include "app/services/activitylogger.h"
#include "app/services/filtering/retrievalfilter.h"
#include "app/services/retrieval/imapretrievalrun.h"
#include "app/services/retrieval/retrievalrun.h"
#include "app/services/secretstore.h"
#include "models/store.h"
#include "support/deadport.h"
#include "support/dovecotfixture.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace Tributary;

namespace {

QByteArray mail(const QByteArray &from, const QByteArray &subject, const QByteArray &extraHeaders,
                const QByteArray &body)
{
    return "From: " + from + "\r\nTo: someone@example.test\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + QByteArray::number(qHash(subject)) + "." + from.left(3)
        + "@example.test>\r\nDate: Fri, 27 Nov 2026 05:00:00 +0000\r\n" + extraHeaders + "\r\n"
        + body + "\r\n";
}

const QByteArray kGtubeBody
    = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

QByteArray gtube()
{
    return mail("promo@spam.test", "GTUBE test", QByteArray(), kGtubeBody);
}
QByteArray headerSpam()
{
    return mail("other@spam.test", "Flagged by the server", "X-Spam-Flag: YES\r\n",
                "Nothing special in here.");
}
QByteArray exchangeSpam()
{
    return mail("ms@spam.test", "Flagged by Exchange", "X-MS-Exchange-Organization-SCL: 7\r\n",
                "Nothing special in here either.");
}
QByteArray newsletter()
{
    return mail("news@shop.test", "Weekly Newsletter 48", QByteArray(), "Our offers this week.");
}
QByteArray fromBoss()
{
    return mail("boss@work.test", "Budget meeting", QByteArray(), "Please come at ten.");
}
QByteArray deleteMe()
{
    return mail("noise@work.test", "Out of office: delete me", QByteArray(), "Away.");
}
QByteArray plain()
{
    return mail("friend@example.test", "Lunch tomorrow", QByteArray(), "Shall we meet at noon?");
}

} // namespace

class TestRetrievalFiltering : public QObject
{
    Q_OBJECT

    quint16 m_spamdPort = 0;
    std::unique_ptr<DovecotFixture> m_dovecot;

    bool reset(const QString &user) { return m_dovecot->reset(user); }
    bool deliver(const QString &user, const QString &folder, const QList<QByteArray> &messages)
    {
        return m_dovecot->deliver(user, folder, messages);
    }
    RetrievalTask makeTask(Store &store, const QString &user, RetrievalTask::Kind kind,
                           bool filtering)
    {
        RetrievalTask task = m_dovecot->task(kind, user);
        task.name = QStringLiteral("Filtered ") + user;
        task.leaveOnServer = true;
        task.filtering = filtering;
        if (!m_dovecot->addTask(store, task))
            qWarning() << "task not added";
        return task;
    }
    template<typename Run>
    bool runOnce(Store &store, const RetrievalTask &task, ActivityLogger *logger, QString *error)
    {
        Run r(store, m_dovecot->secrets(), logger);
        r.setTask(task);
        r.setExtraCaCertificates(m_dovecot->ca());
        r.setTimeout(30000);
        QSignalSpy spy(&r, &Run::finished);
        r.start();
        if (!spy.wait(180000)) {
            *error = QStringLiteral("run did not finish");
            return false;
        }
        *error = r.errorString();
        return r.error() == Run::Error::None;
    }
    // Rules: newsletters to Archive and read; the boss flagged; "delete me" deleted.
    void addRules(Store &store)
    {
        FilterRule news;
        news.name = QStringLiteral("Newsletters");
        news.conditions = {{FilterCondition::Field::Subject, QString(),
                            FilterCondition::Op::Contains, QStringLiteral("newsletter")}};
        news.actions
            = {{FilterAction::Kind::MoveToFolder, store.specialFolder(Folder::SpecialUse::Archive)},
               {FilterAction::Kind::MarkRead, 0}};
        FilterRule boss;
        boss.name = QStringLiteral("Boss");
        boss.conditions = {{FilterCondition::Field::From, QString(), FilterCondition::Op::Wildcard,
                            QStringLiteral("boss@*.test")}};
        boss.actions = {{FilterAction::Kind::Flag, 0}};
        FilterRule noise;
        noise.name = QStringLiteral("Noise");
        noise.conditions = {{FilterCondition::Field::Subject, QString(),
                             FilterCondition::Op::Contains, QStringLiteral("delete me")}};
        noise.actions = {{FilterAction::Kind::Delete, 0}};
        QVERIFY(store.insertFilterRule(news) && store.insertFilterRule(boss)
                && store.insertFilterRule(noise));
    }
    void enableSpamd(Store &store, quint16 port)
    {
        SpamdSettings s;
        s.enabled = true;
        s.host = QStringLiteral("127.0.0.1");
        s.port = port;
        s.timeoutMs = 30000;
        QVERIFY(store.setSpamdSettings(s));
    }
    // (folder id, flags) of every stored message with that subject.
    static QList<std::pair<qint64, int>> placed(Store &store, const QString &subject)
    {
        QList<std::pair<qint64, int>> out;
        QSqlQuery q(store.database());
        q.prepare(QStringLiteral("SELECT folder_id, flags FROM messages WHERE subject = ?"));
        q.addBindValue(subject);
        if (q.exec()) {
            while (q.next())
                out.append({q.value(0).toLongLong(), q.value(1).toInt()});
        }
        return out;
    }
    static qint64 totalMessages(Store &store)
    {
        QSqlQuery q(store.database());
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM messages")) && q.next()
            ? q.value(0).toLongLong()
            : -1;
    }
    static int warnings(Store &store, const QString &word)
    {
        ActivityQuery query;
        query.search = word;
        int n = 0;
        for (const ActivityEntry &e : store.activity(query))
            n += e.level == QLatin1String("warning") ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dovecot = std::make_unique<DovecotFixture>(QStringLiteral("dovecot"),
                                                     QStringLiteral("filtering"));
        QVERIFY2(m_dovecot->isValid(), qPrintable(m_dovecot->error()));
        QString spamd;
        TRIBUTARY_REQUIRE_ENV(spamd, "spamd", "SPAMD_PORT");
        m_spamdPort = quint16(spamd.toUInt());
    }

    // POP3 with spamd: spam (by spamd and by server headers) lands in Junk E-Mail, read;
    // the rules move, flag and delete; everything is stored exactly once; a second run
    // stores nothing; the server keeps every message.
    void pop3WithSpamd()
    {
        const QString user = QStringLiteral("u28");
        QVERIFY(reset(user));
        QVERIFY(deliver(user, QStringLiteral("INBOX"),
                        {gtube(), headerSpam(), exchangeSpam(), newsletter(), fromBoss(),
                         deleteMe(), plain()}));
        Store store(TestEnv::scratchDir(QStringLiteral("filtering-pop3")));
        QVERIFY(store.open(nullptr));
        ActivityLogger logger(&store);
        addRules(store);
        enableSpamd(store, m_spamdPort);
        const RetrievalTask task = makeTask(store, user, RetrievalTask::Kind::Pop3, true);
        QString error;
        QVERIFY2(runOnce<RetrievalRun>(store, task, &logger, &error), qPrintable(error));

        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        const qint64 junk = store.specialFolder(Folder::SpecialUse::Junk);
        const qint64 archive = store.specialFolder(Folder::SpecialUse::Archive);
        const qint64 deleted = store.specialFolder(Folder::SpecialUse::Deleted);
        using P = QList<std::pair<qint64, int>>;
        QCOMPARE(placed(store, QStringLiteral("GTUBE test")), P({{junk, MessageRecord::Seen}}));
        QCOMPARE(placed(store, QStringLiteral("Flagged by the server")),
                 P({{junk, MessageRecord::Seen}}));
        QCOMPARE(placed(store, QStringLiteral("Flagged by Exchange")),
                 P({{junk, MessageRecord::Seen}}));
        QCOMPARE(placed(store, QStringLiteral("Weekly Newsletter 48")),
                 P({{archive, MessageRecord::Seen}}));
        QCOMPARE(placed(store, QStringLiteral("Budget meeting")),
                 P({{inbox, MessageRecord::Flagged}}));
        QCOMPARE(placed(store, QStringLiteral("Out of office: delete me")), P({{deleted, 0}}));
        QCOMPARE(placed(store, QStringLiteral("Lunch tomorrow")), P({{inbox, 0}}));
        QCOMPARE(totalMessages(store), 7);
        QCOMPARE(warnings(store, QStringLiteral("spamd")), 0);

        // Nothing new: nothing stored again, nothing moved.
        QVERIFY2(runOnce<RetrievalRun>(store, task, &logger, &error), qPrintable(error));
        QCOMPARE(totalMessages(store), 7);
        QCOMPARE(store.messageCount(junk), 3);
    }

    // IMAP: only the INBOX is filtered; other folders keep their mapping.
    void imapInboxOnly()
    {
        const QString user = QStringLiteral("u29");
        QVERIFY(reset(user));
        QVERIFY(deliver(user, QStringLiteral("INBOX"), {gtube(), newsletter(), plain()}));
        QVERIFY(deliver(user, QStringLiteral("Lists"), {headerSpam(), deleteMe()}));
        Store store(TestEnv::scratchDir(QStringLiteral("filtering-imap")));
        QVERIFY(store.open(nullptr));
        ActivityLogger logger(&store);
        addRules(store);
        enableSpamd(store, m_spamdPort);
        RetrievalTask task = makeTask(store, user, RetrievalTask::Kind::Imap, true);
        task.folderTransfer = RetrievalTask::FolderTransfer::Mirror; // root level
        QVERIFY(store.updateRetrievalTask(task));
        QString error;
        QVERIFY2(runOnce<ImapRetrievalRun>(store, task, &logger, &error), qPrintable(error));

        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        const qint64 junk = store.specialFolder(Folder::SpecialUse::Junk);
        const qint64 archive = store.specialFolder(Folder::SpecialUse::Archive);
        const qint64 lists = store.findFolder(0, QStringLiteral("Lists"));
        QVERIFY(lists > 0);
        using P = QList<std::pair<qint64, int>>;
        QCOMPARE(placed(store, QStringLiteral("GTUBE test")), P({{junk, MessageRecord::Seen}}));
        QCOMPARE(placed(store, QStringLiteral("Weekly Newsletter 48")),
                 P({{archive, MessageRecord::Seen}}));
        QCOMPARE(placed(store, QStringLiteral("Lunch tomorrow")), P({{inbox, 0}}));
        QCOMPARE(placed(store, QStringLiteral("Flagged by the server")), P({{lists, 0}}));
        QCOMPARE(placed(store, QStringLiteral("Out of office: delete me")), P({{lists, 0}}));
        QCOMPARE(totalMessages(store), 5);
    }

    // spamd down: nothing is lost, header spam still goes to Junk, one warning per run.
    void spamdDown()
    {
        const TestEnv::DeadPort dead;
        QVERIFY(dead.port() != 0);

        const QString user = QStringLiteral("u30");
        QVERIFY(reset(user));
        QVERIFY(
            deliver(user, QStringLiteral("INBOX"), {gtube(), headerSpam(), plain(), fromBoss()}));
        Store store(TestEnv::scratchDir(QStringLiteral("filtering-spamd-down")));
        QVERIFY(store.open(nullptr));
        ActivityLogger logger(&store);
        addRules(store);
        enableSpamd(store, dead.port());
        const RetrievalTask task = makeTask(store, user, RetrievalTask::Kind::Pop3, true);
        QString error;
        QVERIFY2(runOnce<RetrievalRun>(store, task, &logger, &error), qPrintable(error));

        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        const qint64 junk = store.specialFolder(Folder::SpecialUse::Junk);
        using P = QList<std::pair<qint64, int>>;
        QCOMPARE(placed(store, QStringLiteral("GTUBE test")), P({{inbox, 0}}));
        QCOMPARE(placed(store, QStringLiteral("Flagged by the server")),
                 P({{junk, MessageRecord::Seen}}));
        QCOMPARE(placed(store, QStringLiteral("Budget meeting")),
                 P({{inbox, MessageRecord::Flagged}}));
        QCOMPARE(totalMessages(store), 4);
        QCOMPARE(warnings(store, QStringLiteral("spamd")), 1);
    }

    // Filtering off: every message goes to the destination as it came.
    void filteringOff()
    {
        const QString user = QStringLiteral("u72");
        QVERIFY(reset(user));
        QVERIFY(deliver(user, QStringLiteral("INBOX"), {gtube(), headerSpam(), newsletter()}));
        Store store(TestEnv::scratchDir(QStringLiteral("filtering-off")));
        QVERIFY(store.open(nullptr));
        addRules(store);
        enableSpamd(store, m_spamdPort);
        const RetrievalTask task = makeTask(store, user, RetrievalTask::Kind::Pop3, false);
        QString error;
        QVERIFY2(runOnce<RetrievalRun>(store, task, nullptr, &error), qPrintable(error));
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        QCOMPARE(store.messageCount(inbox), 3);
        QCOMPARE(store.messageCount(store.specialFolder(Folder::SpecialUse::Junk)), 0);
    }

    // A missing Junk folder is created (special use Junk) when spam arrives.
    void junkCreatedWhenMissing()
    {
        Store store(TestEnv::scratchDir(QStringLiteral("filtering-nojunk")));
        QVERIFY(store.open(nullptr));
        const qint64 oldJunk = store.specialFolder(Folder::SpecialUse::Junk);
        QVERIFY(store.removeFolder(oldJunk));
        QCOMPARE(store.specialFolder(Folder::SpecialUse::Junk), 0);
        RetrievalTask task;
        task.kind = RetrievalTask::Kind::Pop3;
        task.filtering = true;
        QObject run;
        MessageRecord record;
        record.folderId = store.specialFolder(Folder::SpecialUse::Inbox);
        RetrievalFilter::apply(&run, store, task, nullptr, record, headerSpam());
        const qint64 junk = store.specialFolder(Folder::SpecialUse::Junk);
        QVERIFY(junk > 0);
        QCOMPARE(record.folderId, junk);
        QCOMPARE(store.folder(junk)->name, QStringLiteral("Junk E-Mail"));
        QCOMPARE(record.flags, int(MessageRecord::Seen));
    }

    // A filter rule put a message into another folder; then the source's INBOX gets a new
    // UIDVALIDITY. The next run downloads everything again but stores only what is new:
    // the content check looks wherever the task's messages may be, not just in the Inbox.
    void uidValidityChangeKeepsFilteredMessagesOnce()
    {
        const QString user = QStringLiteral("u117");
        QVERIFY(reset(user));
        QVERIFY(deliver(user, QStringLiteral("INBOX"), {newsletter(), plain()}));
        Store store(TestEnv::scratchDir(QStringLiteral("filtering-uidvalidity")));
        QVERIFY(store.open(nullptr));
        addRules(store);
        RetrievalTask task = makeTask(store, user, RetrievalTask::Kind::Imap, true);
        QString error;
        QVERIFY2(runOnce<ImapRetrievalRun>(store, task, nullptr, &error), qPrintable(error));
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        const qint64 archive = store.specialFolder(Folder::SpecialUse::Archive);
        using P = QList<std::pair<qint64, int>>;
        QCOMPARE(placed(store, QStringLiteral("Weekly Newsletter 48")),
                 P({{archive, MessageRecord::Seen}}));
        QCOMPARE(placed(store, QStringLiteral("Lunch tomorrow")), P({{inbox, 0}}));
        const qint64 oldValidity
            = store.folderSyncStates(task.uuid).value(QStringLiteral("INBOX")).uidValidity;
        QVERIFY(oldValidity > 0);

        QVERIFY(m_dovecot->doveadm({QStringLiteral("mailbox"), QStringLiteral("update"),
                                    QStringLiteral("-u"), user, QStringLiteral("--uid-validity"),
                                    QString::number(oldValidity + 1000), QStringLiteral("INBOX")}));
        QVERIFY(deliver(user, QStringLiteral("INBOX"), {fromBoss()}));

        ImapRetrievalRun again(store, m_dovecot->secrets(), nullptr);
        again.setTask(task);
        again.setExtraCaCertificates(m_dovecot->ca());
        again.setTimeout(30000);
        QSignalSpy done(&again, &ImapRetrievalRun::finished);
        again.start();
        QVERIFY(done.wait(120000));
        QCOMPARE(again.error(), ImapRetrievalRun::Error::None);
        QCOMPARE(again.downloadedCount(), 3); // the whole INBOX under its new UIDVALIDITY
        QCOMPARE(again.retrievedCount(), 1); // only the boss's message is new
        QCOMPARE(placed(store, QStringLiteral("Weekly Newsletter 48")),
                 P({{archive, MessageRecord::Seen}}));
        QCOMPARE(placed(store, QStringLiteral("Lunch tomorrow")), P({{inbox, 0}}));
        QCOMPARE(placed(store, QStringLiteral("Budget meeting")),
                 P({{inbox, MessageRecord::Flagged}}));
        QCOMPARE(totalMessages(store), 3);
        QCOMPARE(store.folderSyncStates(task.uuid).value(QStringLiteral("INBOX")).uidValidity,
                 oldValidity + 1000);
    }
};

QTEST_GUILESS_MAIN(TestRetrievalFiltering)
#include "tst_retrievalfiltering.moc"
