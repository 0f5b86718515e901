#include "models/activitylogmodel.h"
#include "models/cloudconnectionlistmodel.h"
#include "models/devicelistmodel.h"
#include "models/foldertreemodel.h"
#include "models/loginrecordlistmodel.h"
#include "models/messagelistmodel.h"
#include "models/migrationjoblistmodel.h"
#include "models/retrievaltasklistmodel.h"
#include "models/smtpaccountlistmodel.h"
#include "models/store.h"

#include "support/testenv.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Tributary;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

// Every column has a translated, non-empty header.
bool headersComplete(const QAbstractItemModel &model)
{
    for (int c = 0; c < model.columnCount(); ++c) {
        if (model.headerData(c, Qt::Horizontal).toString().isEmpty())
            return false;
    }
    return true;
}

// Inserts `count` index rows into one folder in one transaction with one prepared
// statement. Senders repeat (50 distinct) and dates collide, so sorting has ties.
bool fillMessages(Store &store, qint64 folderId, int count)
{
    QSqlDatabase db = store.database();
    if (!db.transaction())
        return false;
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral(
            "INSERT INTO messages (folder_id, flags, internal_date, size, sender, subject,"
            " sha256) VALUES (?, ?, ?, ?, ?, ?, ?)")))
        return false;
    const qint64 base = 1700000000000;
    const QString sha(64, QLatin1Char('a'));
    for (int i = 0; i < count; ++i) {
        q.bindValue(0, folderId);
        q.bindValue(1, i % 3 == 0 ? 0 : int(MessageRecord::Seen));
        q.bindValue(2, base + qint64(i / 2) * 60000); // pairs share a date
        q.bindValue(3, qint64((i * 7919) % 100000));
        q.bindValue(4, QStringLiteral("sender%1@example.org").arg(i % 50, 2, 10, QLatin1Char('0')));
        q.bindValue(5, QStringLiteral("Subject %1").arg((i * 31) % 1000, 4, 10, QLatin1Char('0')));
        q.bindValue(6, sha);
        if (!q.exec()) {
            qWarning() << q.lastError().text();
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

} // namespace

class TestItemModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void folderTree();
    void messageListLazyAndSorted();
    void messageListFollowsStore();
    void retrievalTasks();
    void smtpAccounts();
    void cloudConnections();
    void devicesAndLoginRecords();
    void migrationJobs();
    void activityLog();

private:
    std::unique_ptr<Store> m_store;
};

void TestItemModels::initTestCase()
{
    m_store = std::make_unique<Store>(TestEnv::scratchDir(QStringLiteral("itemmodels")));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
}

void TestItemModels::folderTree()
{
    Store &store = *m_store;
    FolderTreeModel model(store);
    Tester tester(&model, kFatal);
    QVERIFY(headersComplete(model));
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), int(FolderTreeModel::Column::Count));
    // Special folders in the usual order.
    const QModelIndex inbox = model.index(0, 0);
    QCOMPARE(inbox.data(FolderTreeModel::SpecialUseNameRole).toString(), QStringLiteral("inbox"));
    QCOMPARE(inbox.data(FolderTreeModel::IconNameRole).toString(),
             QStringLiteral("mail-folder-inbox"));
    QCOMPARE(inbox.data().toString(), QStringLiteral("Inbox"));
    QCOMPARE(model.index(1, 0).data(FolderTreeModel::SpecialUseNameRole).toString(),
             QStringLiteral("drafts"));
    QCOMPARE(model.index(5, 0).data(FolderTreeModel::IconNameRole).toString(),
             QStringLiteral("mail-folder-archive"));

    // New folders (Store::changed(Folders)) appear, nested.
    const qint64 inboxId = inbox.data(FolderTreeModel::FolderIdRole).toLongLong();
    const qint64 projects = store.createFolder(0, QStringLiteral("Projects"));
    const qint64 alpha = store.createFolder(projects, QStringLiteral("alpha"));
    const qint64 beta = store.createFolder(projects, QStringLiteral("Beta"));
    const qint64 sub = store.createFolder(inboxId, QStringLiteral("Receipts"));
    QCOMPARE(model.rowCount(), 7);
    const QModelIndex projectsIndex = model.indexForFolder(projects);
    QCOMPARE(projectsIndex.row(), 6); // after the special folders
    QCOMPARE(model.rowCount(projectsIndex), 2);
    QCOMPARE(model.index(0, 0, projectsIndex).data(FolderTreeModel::FolderIdRole).toLongLong(),
             alpha);
    QCOMPARE(model.index(1, 0, projectsIndex).data(FolderTreeModel::FolderIdRole).toLongLong(),
             beta);
    QCOMPARE(model.parent(model.indexForFolder(beta)), projectsIndex);
    QCOMPARE(
        model.parent(model.indexForFolder(sub)).data(FolderTreeModel::FolderIdRole).toLongLong(),
        inboxId);
    QCOMPARE(model.folderId(model.indexForFolder(sub)), sub);
    QCOMPARE(model.indexForFolder(projects).data(FolderTreeModel::IconNameRole).toString(),
             QStringLiteral("folder"));

    // Unread counts follow new messages with dataChanged, without a reset.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    MessageRecord r;
    r.folderId = alpha;
    const qint64 unreadId
        = store.storeMessage(r, QByteArrayLiteral("Subject: unread\r\n\r\nx\r\n"));
    QVERIFY(unreadId > 0);
    r.flags = MessageRecord::Seen;
    QVERIFY(store.storeMessage(r, QByteArrayLiteral("Subject: read\r\n\r\ny\r\n")) > 0);
    QCOMPARE(resets.size(), 0);
    QVERIFY(dataChanged.size() >= 1);
    const QModelIndex alphaIndex = model.indexForFolder(alpha);
    QCOMPARE(alphaIndex.data(FolderTreeModel::UnreadCountRole).toInt(), 1);
    QCOMPARE(alphaIndex.data(FolderTreeModel::TotalCountRole).toInt(), 2);
    QCOMPARE(model.index(alphaIndex.row(), int(FolderTreeModel::Column::Unread), projectsIndex)
                 .data()
                 .toInt(),
             1);
    // Reading it (a flag change) updates only that folder's counts.
    dataChanged.clear();
    QVERIFY(store.setMessageFlags(unreadId, MessageRecord::Seen));
    QCOMPARE(dataChanged.size(), 1);
    QCOMPARE(dataChanged.first().at(0).toModelIndex(), alphaIndex);
    QCOMPARE(alphaIndex.data(FolderTreeModel::UnreadCountRole).toInt(), 0);
    QCOMPARE(alphaIndex.data(FolderTreeModel::TotalCountRole).toInt(), 2);
    // Moving it counts in both folders.
    QVERIFY(store.moveMessage(unreadId, beta));
    QCOMPARE(alphaIndex.data(FolderTreeModel::TotalCountRole).toInt(), 1);
    QCOMPARE(model.indexForFolder(beta).data(FolderTreeModel::TotalCountRole).toInt(), 1);
    QCOMPARE(resets.size(), 0);

    // Renamed: sorted again by name (case-insensitive): "alpha" < "Archive 2019" < "Zeta".
    QVERIFY(store.renameFolder(beta, QStringLiteral("Zeta")));
    QCOMPARE(model.index(1, 0, model.indexForFolder(projects)).data().toString(),
             QStringLiteral("Zeta"));
    QVERIFY(store.renameFolder(beta, QStringLiteral("Archive 2019")));
    QCOMPARE(model.index(1, 0, model.indexForFolder(projects)).data().toString(),
             QStringLiteral("Archive 2019"));
    QVERIFY(store.renameFolder(alpha, QStringLiteral("Zeta")));
    QCOMPARE(model.index(0, 0, model.indexForFolder(projects)).data().toString(),
             QStringLiteral("Archive 2019"));
}

void TestItemModels::messageListLazyAndSorted()
{
    Store &store = *m_store;
    const qint64 big = store.createFolder(0, QStringLiteral("Big"));
    const int total = 100000;
    QVERIFY(fillMessages(store, big, total));
    QCOMPARE(store.messageCount(big), total);

    MessageListModel model(store);
    Tester tester(&model, kFatal);
    QVERIFY(headersComplete(model));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore(QModelIndex()));
    model.setFolder(big);
    QCOMPARE(model.totalCount(), total);
    QCOMPARE(model.rowCount(), model.pageSize());
    QVERIFY(model.canFetchMore(QModelIndex()));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 2 * model.pageSize());
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), model.pageSize());

    // Default: newest first, across the page boundary.
    auto checkOrder = [&model](int role, bool descending) {
        for (int row = 1; row < model.rowCount(); ++row) {
            const QVariant a = model.index(row - 1, 0).data(role);
            const QVariant b = model.index(row, 0).data(role);
            const int c = QVariant::compare(a, b) == QPartialOrdering::Less
                ? -1
                : (QVariant::compare(a, b) == QPartialOrdering::Greater ? 1 : 0);
            if (descending ? c < 0 : c > 0)
                return false;
        }
        return true;
    };
    QVERIFY(checkOrder(MessageListModel::DateRole, true));

    // Sorting reloads one page in the new order.
    model.sort(int(MessageListModel::Column::Size), Qt::AscendingOrder);
    QCOMPARE(model.sortColumn(), MessageListModel::Column::Size);
    QCOMPARE(model.rowCount(), model.pageSize());
    model.fetchMore(QModelIndex());
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 3 * model.pageSize());
    QVERIFY(checkOrder(MessageListModel::SizeRole, false));
    QCOMPARE(model.index(0, 0).data(MessageListModel::SizeRole).toLongLong(), 0);

    model.sort(int(MessageListModel::Column::Subject), Qt::DescendingOrder);
    model.fetchMore(QModelIndex());
    QVERIFY(checkOrder(MessageListModel::SubjectRole, true));
    QCOMPARE(model.index(0, int(MessageListModel::Column::Subject)).data().toString(),
             QStringLiteral("Subject 0999"));

    // Sender has 2,000 messages per value: scroll to the end and check that keyset paging
    // over ties neither skips nor repeats a message.
    model.sort(int(MessageListModel::Column::Sender), Qt::AscendingOrder);
    model.setPageSize(10000);
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), total);
    QVERIFY(checkOrder(MessageListModel::SenderRole, false));
    QSet<qint64> ids;
    ids.reserve(total);
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.messageId(row));
    QCOMPARE(ids.size(), total);
    QCOMPARE(model.index(total - 1, int(MessageListModel::Column::Sender)).data().toString(),
             QStringLiteral("sender49@example.org"));

    // Sorting by the flags column is not offered: nothing changes.
    model.sort(int(MessageListModel::Column::Flags), Qt::AscendingOrder);
    QCOMPARE(model.sortColumn(), MessageListModel::Column::Sender);
    QCOMPARE(model.rowCount(), total);
    model.setFolder(0);
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::messageListFollowsStore()
{
    Store &store = *m_store;
    const qint64 folder = store.createFolder(0, QStringLiteral("Live"));
    QVERIFY(fillMessages(store, folder, 450));
    MessageListModel model(store);
    Tester tester(&model, kFatal);
    model.setFolder(folder);
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 400);

    // A flag change keeps the rows (no reset) and updates the data.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    const qint64 id = model.messageId(5);
    QVERIFY(store.setMessageFlags(id, MessageRecord::Seen | MessageRecord::Flagged));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(dataChanged.size(), 1);
    QCOMPARE(model.rowCount(), 400);
    QVERIFY(model.index(5, 0).data(MessageListModel::FlaggedRole).toBool());
    QCOMPARE(model.rowForMessage(id), 5);

    // Changes in other folders leave this list alone (no reset, no data change).
    {
        QSignalSpy otherResets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy otherData(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy folderSignal(&store, &Store::messagesChanged);
        MessageRecord elsewhere;
        elsewhere.folderId = store.specialFolder(Folder::SpecialUse::Archive);
        const qint64 other
            = store.storeMessage(elsewhere, QByteArrayLiteral("Subject: elsewhere\r\n\r\nz\r\n"));
        QVERIFY(other > 0);
        QCOMPARE(folderSignal.size(), 1);
        QCOMPARE(folderSignal.first().at(0).value<QList<qint64>>(),
                 QList<qint64> {elsewhere.folderId});
        QVERIFY(store.setMessageFlags(other, MessageRecord::Seen));
        QVERIFY(store.moveMessage(other, store.specialFolder(Folder::SpecialUse::Junk)));
        QCOMPARE(folderSignal.last().at(0).value<QList<qint64>>().size(), 2);
        QCOMPARE(otherResets.size(), 0);
        QCOMPARE(otherData.size(), 0);
        QCOMPARE(model.rowCount(), 400);
    }

    // A new message (newest) appears at the top.
    MessageRecord r;
    r.folderId = folder;
    r.subject = QStringLiteral("Fresh");
    r.internalDate = QDateTime::currentDateTimeUtc();
    const qint64 fresh = store.storeMessage(r, QByteArrayLiteral("Subject: Fresh\r\n\r\nnew\r\n"));
    QVERIFY(fresh > 0);
    QCOMPARE(model.messageId(0), fresh);
    QCOMPARE(model.index(0, int(MessageListModel::Column::Subject)).data().toString(),
             QStringLiteral("Fresh"));
    QCOMPARE(model.totalCount(), 451);
    QVERIFY(model.rowCount() >= 400);
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 451);

    // Removing it takes it out.
    QVERIFY(store.removeMessage(fresh));
    QCOMPARE(model.rowForMessage(fresh), -1);
    QCOMPARE(model.rowCount(), 450);
}

void TestItemModels::retrievalTasks()
{
    Store &store = *m_store;
    RetrievalTaskListModel model(store);
    Tester tester(&model, kFatal);
    QVERIFY(headersComplete(model));
    QCOMPARE(model.rowCount(), 0);
    RetrievalTask b;
    b.name = QStringLiteral("b-task");
    b.kind = RetrievalTask::Kind::Imap;
    b.server = QStringLiteral("imap.example.org");
    QVERIFY(store.insertRetrievalTask(b));
    RetrievalTask a;
    a.name = QStringLiteral("a-task");
    a.server = QStringLiteral("pop.example.org");
    QVERIFY(store.insertRetrievalTask(a));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, int(RetrievalTaskListModel::Column::Name)).data().toString(),
             QStringLiteral("a-task"));
    QCOMPARE(model.index(1, int(RetrievalTaskListModel::Column::Kind)).data().toString(),
             QStringLiteral("IMAP"));
    QCOMPARE(model.index(1, 0).data(RetrievalTaskListModel::UuidRole).toUuid(), b.uuid);
    QCOMPARE(model.index(0, int(RetrievalTaskListModel::Column::LastRun)).data().toString(),
             QStringLiteral("Never"));
    QCOMPARE(model.itemAt(1).server, QStringLiteral("imap.example.org"));

    // A run result updates the row in place.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QVERIFY(store.recordRetrievalRun(b.uuid, QDateTime::currentDateTimeUtc(), QStringLiteral("OK"),
                                     4, QDateTime()));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(model.index(1, 0).data(RetrievalTaskListModel::LastCountRole).toInt(), 4);
    QCOMPARE(model.index(1, int(RetrievalTaskListModel::Column::LastResult)).data().toString(),
             QStringLiteral("OK"));

    QVERIFY(store.removeRetrievalTask(a.uuid));
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.roleNames().contains(RetrievalTaskListModel::UuidRole));
}

void TestItemModels::smtpAccounts()
{
    Store &store = *m_store;
    SmtpAccountListModel model(store);
    Tester tester(&model, kFatal);
    QVERIFY(headersComplete(model));
    SmtpAccount s;
    s.displayName = QStringLiteral("Work");
    s.email = QStringLiteral("me@example.org");
    s.server = QStringLiteral("smtp.example.org");
    s.encryption = SmtpAccount::Encryption::Ssl;
    s.port = 465;
    s.username = QStringLiteral("me");
    QVERIFY(store.insertSmtpAccount(s));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, int(SmtpAccountListModel::Column::Encryption)).data().toString(),
             QStringLiteral("SSL/TLS"));
    QCOMPARE(model.index(0, int(SmtpAccountListModel::Column::Port)).data().toInt(), 465);
    QCOMPARE(model.index(0, 0).data(SmtpAccountListModel::EmailRole).toString(), s.email);
    s.authEnabled = false;
    QVERIFY(store.updateSmtpAccount(s));
    QCOMPARE(model.index(0, 0).data(SmtpAccountListModel::AuthEnabledRole).toBool(), false);
    QVERIFY(store.removeSmtpAccount(s.uuid));
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::cloudConnections()
{
    Store &store = *m_store;
    CloudConnectionListModel model(store);
    Tester tester(&model, kFatal);
    QVERIFY(headersComplete(model));
    CloudConnection c;
    c.provider = QStringLiteral("dropbox");
    c.displayName = QStringLiteral("Personal");
    c.status = QStringLiteral("connected");
    QVERIFY(store.insertCloudConnection(c));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, int(CloudConnectionListModel::Column::Provider)).data().toString(),
             QStringLiteral("dropbox"));
    c.status = QStringLiteral("error");
    QVERIFY(store.updateCloudConnection(c));
    QCOMPARE(model.index(0, 0).data(CloudConnectionListModel::StatusRole).toString(),
             QStringLiteral("error"));
}

void TestItemModels::devicesAndLoginRecords()
{
    Store &store = *m_store;
    DeviceListModel devices(store);
    Tester deviceTester(&devices, kFatal);
    LoginRecordListModel logins(store);
    Tester loginTester(&logins, kFatal);
    QVERIFY(headersComplete(devices));
    QVERIFY(headersComplete(logins));
    QCOMPARE(logins.days(), 3);

    Device d;
    d.name = QStringLiteral("Laptop");
    d.protocol = QStringLiteral("imap");
    d.lastIp = QStringLiteral("203.0.113.9");
    QVERIFY(store.upsertDevice(d));
    QCOMPARE(devices.rowCount(), 1);
    QCOMPARE(devices.index(0, int(DeviceListModel::Column::Protocol)).data().toString(),
             QStringLiteral("IMAP"));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int daysAgo : {0, 1, 2, 4, 10}) {
        LoginRecord r;
        r.time = now.addDays(-daysAgo).addSecs(-30);
        r.ip = QStringLiteral("198.51.100.%1").arg(daysAgo);
        r.protocol = QStringLiteral("imap");
        r.success = daysAgo != 1;
        r.deviceUuid = d.uuid;
        QVERIFY(store.insertLoginRecord(r) > 0);
    }
    QCOMPARE(logins.rowCount(), 3); // the last three days
    QCOMPARE(logins.index(0, int(LoginRecordListModel::Column::Ip)).data().toString(),
             QStringLiteral("198.51.100.0"));
    QCOMPARE(logins.index(1, int(LoginRecordListModel::Column::Result)).data().toString(),
             QStringLiteral("Failed"));
    logins.setDays(0);
    QCOMPARE(logins.rowCount(), 5);
    logins.setDays(7);
    QCOMPARE(logins.rowCount(), 4);

    QVERIFY(store.removeDevice(d.uuid));
    QCOMPARE(devices.rowCount(), 0);
    QCOMPARE(logins.rowCount(), 4);
    QVERIFY(logins.index(0, 0).data(LoginRecordListModel::DeviceUuidRole).toUuid().isNull());
}

void TestItemModels::migrationJobs()
{
    Store &store = *m_store;
    MigrationJobListModel model(store);
    Tester tester(&model, kFatal);
    QVERIFY(headersComplete(model));
    MigrationJob j;
    j.provider = QStringLiteral("gmail");
    QVERIFY(store.insertMigrationJob(j));
    QCOMPARE(model.rowCount(), 1);
    j.status = QStringLiteral("running");
    j.itemsDone = 25;
    j.itemsTotal = 100;
    QVERIFY(store.updateMigrationJob(j));
    QCOMPARE(model.index(0, 0).data(MigrationJobListModel::ProgressPercentRole).toInt(), 25);
    QVERIFY(model.index(0, int(MigrationJobListModel::Column::Progress))
                .data()
                .toString()
                .contains(QStringLiteral("25")));
}

void TestItemModels::activityLog()
{
    Store &store = *m_store;
    ActivityLogModel model(store);
    Tester tester(&model, kFatal);
    QVERIFY(headersComplete(model));
    QCOMPARE(model.rowCount(), 0);
    const QDateTime base = QDateTime::currentDateTimeUtc().addDays(-1);
    for (int i = 0; i < 500; ++i) {
        ActivityEntry e;
        e.time = base.addSecs(i);
        e.area = i % 5 == 0 ? QStringLiteral("smtp") : QStringLiteral("retrieval");
        e.level = QStringLiteral("info");
        e.source = QStringLiteral("task");
        e.message = QStringLiteral("entry %1").arg(i);
        QVERIFY(store.appendActivity(e) > 0);
    }
    // Each new entry was inserted at the top as it arrived.
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(model.index(0, int(ActivityLogModel::Column::Message)).data().toString(),
             QStringLiteral("entry 499"));

    // Read again: lazily, one page at a time.
    model.reload();
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(model.index(0, int(ActivityLogModel::Column::Message)).data().toString(),
             QStringLiteral("entry 499"));
    QVERIFY(model.canFetchMore(QModelIndex()));
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 400);
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 500);
    QVERIFY(!model.canFetchMore(QModelIndex()));
    QCOMPARE(model.index(499, int(ActivityLogModel::Column::Message)).data().toString(),
             QStringLiteral("entry 0"));

    model.setAreaFilter(QStringLiteral("smtp"));
    QCOMPARE(model.rowCount(), 100);
    QVERIFY(!model.canFetchMore(QModelIndex()));
    model.setSearchText(
        QStringLiteral("ENTRY 4")); // 40-49 and 400-499 within smtp (multiples of 5)
    QCOMPARE(model.rowCount(), 2 + 20);
    model.setAreaFilter(QString());
    QCOMPARE(model.rowCount(), 111);

    // New entries arrive at the top without a reset, when they match the filter.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    ActivityEntry e;
    e.area = QStringLiteral("sync");
    e.message = QStringLiteral("Entry 4 again");
    QVERIFY(store.appendActivity(e) > 0);
    e.message = QStringLiteral("unrelated");
    QVERIFY(store.appendActivity(e) > 0);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(model.rowCount(), 112);
    QCOMPARE(model.index(0, int(ActivityLogModel::Column::Area)).data().toString(),
             QStringLiteral("sync"));
    model.setSearchText(QString());
    QCOMPARE(model.rowCount(), 200);
}

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
