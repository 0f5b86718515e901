#include "models/messagefilestore.h"
#include "models/store.h"

#include "support/testenv.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QThread>

using namespace Tributary;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs statements on a database file through a private connection (as an older or newer
// program would have written it).
bool writeRawDatabase(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("raw-writer");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            return false;
        QSqlQuery q(db);
        for (const QString &sql : statements) {
            if (!q.exec(sql)) {
                qWarning() << sql << q.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QStringList columnsOf(Store &store, const QString &table)
{
    QStringList names;
    const QSqlRecord record = store.database().record(table);
    for (int i = 0; i < record.count(); ++i)
        names << record.fieldName(i);
    return names;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsSchema();
    void migratesFromVersion1();
    void migratesEmptyDatabase();
    void refusesNewerSchemaAndLeavesFileUntouched();
    void refusesGarbageFile();
    void retrievalTaskRoundTrip();
    void smtpAccountRoundTrip();
    void cloudAndMigrationRoundTrip();
    void foldersNestAndStayUnique();
    void activityQueries();
    void devicesAndLoginRecords();
    void pimItemsUpsertBySource();
    void connectionPerThread();
    void noSecretColumns();
    void outboxKeepsSharedMessageFile();
};

void TestStore::createsSchema()
{
    const QString dir = TestEnv::scratchDir(QStringLiteral("store-create"));
    Store store(dir);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::currentSchemaVersion());
    QVERIFY(Store::currentSchemaVersion() >= 3);
    QCOMPARE(store.databasePath(), dir + QStringLiteral("/store.sqlite"));
    QVERIFY(QFile::exists(store.databasePath()));
    QVERIFY(QFileInfo(dir + QStringLiteral("/messages")).isDir());

    const QStringList tables = store.database().tables();
    for (const char *t : {"retrieval_tasks", "smtp_accounts", "cloud_connections", "migration_jobs",
                          "folders", "messages", "contacts", "events", "tasks", "notes", "devices",
                          "login_records", "activity", "schema_info"})
        QVERIFY2(tables.contains(QLatin1String(t)), t);

    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString().toLower(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1); // NORMAL

    // Default special folders, each once.
    const QList<Folder> folders = store.folders();
    QCOMPARE(folders.size(), 6);
    for (auto use :
         {Folder::SpecialUse::Inbox, Folder::SpecialUse::Sent, Folder::SpecialUse::Drafts,
          Folder::SpecialUse::Junk, Folder::SpecialUse::Deleted, Folder::SpecialUse::Archive})
        QVERIFY(store.specialFolder(use) > 0);
    QCOMPARE(store.folder(store.specialFolder(Folder::SpecialUse::Junk))->name,
             QStringLiteral("Junk E-Mail"));
    QCOMPARE(store.folder(store.specialFolder(Folder::SpecialUse::Deleted))->name,
             QStringLiteral("Deleted Items"));

    const QMap<QString, qint64> counts = store.counts();
    QCOMPARE(counts.size(), 13);
    QCOMPARE(counts.value(QStringLiteral("folders")), 6);
    QCOMPARE(counts.value(QStringLiteral("messages")), 0);

    // Opening again neither migrates nor duplicates the folders.
    Store again(dir);
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.folders().size(), 6);
}

void TestStore::migratesFromVersion1()
{
    const QString dir = TestEnv::scratchDir(QStringLiteral("store-migrate-v1"));
    const QString path = dir + QStringLiteral("/store.sqlite");
    // The schema as version 1 of Tributary wrote it.
    QVERIFY(writeRawDatabase(
        path,
        {
            QStringLiteral(
                "CREATE TABLE schema_info (name VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO schema_info VALUES ('version', '1')"),
            QStringLiteral("CREATE TABLE folders (id INTEGER PRIMARY KEY, parent_id BIGINT "
                           "REFERENCES folders(id)"
                           " ON DELETE CASCADE, name TEXT NOT NULL, special_use VARCHAR(16) NOT "
                           "NULL DEFAULT 'none',"
                           " created BIGINT NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX folders_parent_name ON folders "
                           "(COALESCE(parent_id, 0), name)"),
            QStringLiteral("CREATE TABLE messages (id INTEGER PRIMARY KEY, folder_id BIGINT NOT "
                           "NULL REFERENCES"
                           " folders(id) ON DELETE RESTRICT, flags INTEGER NOT NULL DEFAULT 0, "
                           "internal_date BIGINT NOT"
                           " NULL, sent_date BIGINT, size BIGINT NOT NULL, sender TEXT NOT NULL "
                           "DEFAULT '', recipients"
                           " TEXT NOT NULL DEFAULT '', subject TEXT NOT NULL DEFAULT '', "
                           "message_id TEXT NOT NULL"
                           " DEFAULT '', sha256 VARCHAR(64) NOT NULL, source_account VARCHAR(40), "
                           "source_folder TEXT,"
                           " source_uidvalidity BIGINT, source_uid BIGINT, source_uidl TEXT)"),
            QStringLiteral(
                "CREATE TABLE retrieval_tasks (uuid VARCHAR(40) PRIMARY KEY, name TEXT NOT NULL, "
                "kind"
                " VARCHAR(16) NOT NULL, server TEXT NOT NULL, port INTEGER NOT NULL, security "
                "VARCHAR(16) NOT"
                " NULL, username TEXT NOT NULL, method VARCHAR(16) NOT NULL, destination_folder_id "
                "BIGINT,"
                " apop INTEGER NOT NULL DEFAULT 0, leave_on_server INTEGER NOT NULL DEFAULT 1, "
                "filtering"
                " INTEGER NOT NULL DEFAULT 0, folder_transfer VARCHAR(16) NOT NULL DEFAULT 'off',"
                " transfer_parent_folder_id BIGINT, provider_id TEXT, auth_kind VARCHAR(16) NOT "
                "NULL DEFAULT"
                " 'password', last_run BIGINT, last_result TEXT, last_count INTEGER NOT NULL "
                "DEFAULT 0,"
                " next_run BIGINT, created BIGINT NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE smtp_accounts (uuid VARCHAR(40) PRIMARY KEY, display_name TEXT NOT "
                "NULL,"
                " server TEXT NOT NULL, port INTEGER NOT NULL, encryption VARCHAR(16) NOT NULL, "
                "email TEXT NOT"
                " NULL, auth_enabled INTEGER NOT NULL DEFAULT 1, username TEXT NOT NULL, auth_kind"
                " VARCHAR(16) NOT NULL DEFAULT 'password', created BIGINT NOT NULL)"),
            QStringLiteral("CREATE TABLE activity (id INTEGER PRIMARY KEY, time BIGINT NOT NULL, "
                           "area VARCHAR(32) NOT"
                           " NULL, level VARCHAR(16) NOT NULL, source TEXT NOT NULL DEFAULT '', "
                           "message TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO folders VALUES (1, NULL, 'Inbox', 'inbox', 0)"),
            QStringLiteral("INSERT INTO folders VALUES (2, 1, 'Old project', 'none', 0)"),
            QStringLiteral(
                "INSERT INTO messages (id, folder_id, flags, internal_date, size, sender, subject, "
                "sha256)"
                " VALUES (7, 2, 1, 1700000000000, 42, 'ann@example.org', 'kept across upgrades',"
                " '0000000000000000000000000000000000000000000000000000000000000000')"),
            QStringLiteral(
                "INSERT INTO smtp_accounts VALUES ('6f1c1b8e-9a57-4c43-8f55-000000000001', 'Work',"
                " 'smtp.example.org', 587, 'starttls', 'me@example.org', 1, 'me', 'password', "
                "1700000000000)"),
        }));

    Store store(dir);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::currentSchemaVersion());
    // Old data kept, new columns and tables present.
    const auto m = store.message(7);
    QVERIFY(m.has_value());
    QCOMPARE(m->subject, QStringLiteral("kept across upgrades"));
    QCOMPARE(m->folderId, 2);
    QCOMPARE(m->inReplyTo, QString());
    QVERIFY(columnsOf(store, QStringLiteral("messages")).contains(QStringLiteral("in_reply_to")));
    QVERIFY(store.database().tables().contains(QStringLiteral("login_records")));
    QCOMPARE(store.smtpAccounts().size(), 1);
    QCOMPARE(store.smtpAccounts().first().displayName, QStringLiteral("Work"));
    // The existing Inbox is reused; the other special folders are added.
    QCOMPARE(store.specialFolder(Folder::SpecialUse::Inbox), 1);
    QCOMPARE(store.folders().size(), 7);
    QCOMPARE(store.folder(2)->parentId, 1);
    // The new indexes are usable: the upgraded database accepts version-3 data.
    MessageRecord r;
    r.folderId = 1;
    r.inReplyTo = QStringLiteral("<parent@example.org>");
    QVERIFY(store.storeMessage(r, QByteArrayLiteral("Subject: x\r\n\r\nbody\r\n"), &error) > 0);
}

void TestStore::migratesEmptyDatabase()
{
    // Version 0: a database file without any schema (e.g. created by a crashed first run).
    const QString dir = TestEnv::scratchDir(QStringLiteral("store-migrate-v0"));
    const QString path = dir + QStringLiteral("/store.sqlite");
    QVERIFY(writeRawDatabase(path, {QStringLiteral("PRAGMA user_version = 0")}));
    QVERIFY(QFile::exists(path));
    Store store(dir);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::currentSchemaVersion());
    QCOMPARE(store.folders().size(), 6);
}

void TestStore::refusesNewerSchemaAndLeavesFileUntouched()
{
    const QString dir = TestEnv::scratchDir(QStringLiteral("store-newer"));
    {
        Store store(dir);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        SmtpAccount a;
        a.displayName = QStringLiteral("Future");
        a.server = QStringLiteral("smtp.example.org");
        a.email = QStringLiteral("f@example.org");
        QVERIFY(store.insertSmtpAccount(a, &error));
    }
    const QString path = dir + QStringLiteral("/store.sqlite");
    const int newer = Store::currentSchemaVersion() + 1;
    // A later version upgraded the file (and switched it back out of WAL, as a
    // hypothetical exporter would, so the main file holds everything).
    QVERIFY(writeRawDatabase(
        path,
        {QStringLiteral("UPDATE schema_info SET value = '%1' WHERE name = 'version'").arg(newer),
         QStringLiteral("CREATE TABLE future_things (id INTEGER PRIMARY KEY)"),
         QStringLiteral("PRAGMA journal_mode=DELETE")}));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    const QByteArray before = fileBytes(path);
    QVERIFY(!before.isEmpty());
    const QDateTime modifiedBefore = QFileInfo(path).lastModified();

    Store store(dir);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(QStringLiteral("newer version")), qPrintable(error));
    QVERIFY2(error.contains(QString::number(newer)), qPrintable(error));
    QVERIFY(!store.isOpen());
    QVERIFY(!store.database().isValid());
    QCOMPARE(fileBytes(path), before);
    QCOMPARE(QFileInfo(path).lastModified(), modifiedBefore);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));

    // Also when the newer database is in WAL mode.
    QVERIFY(writeRawDatabase(path, {QStringLiteral("PRAGMA journal_mode=WAL")}));
    const QByteArray walBefore = fileBytes(path);
    Store again(dir);
    QVERIFY(!again.open(&error));
    QCOMPARE(fileBytes(path), walBefore);
}

void TestStore::refusesGarbageFile()
{
    const QString dir = TestEnv::scratchDir(QStringLiteral("store-garbage"));
    const QString path = dir + QStringLiteral("/store.sqlite");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray garbage(8192, 'x');
    f.write(garbage);
    f.close();
    Store store(dir);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(fileBytes(path), garbage);
}

void TestStore::retrievalTaskRoundTrip()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-tasks")));
    QString error;
    QVERIFY(store.open(&error));
    QSignalSpy changed(&store, &Store::changed);

    const qint64 parent = store.createFolder(0, QStringLiteral("Imported"));
    RetrievalTask t;
    t.name = QStringLiteral("Home POP");
    t.kind = RetrievalTask::Kind::Pop3;
    t.server = QStringLiteral("pop.example.org");
    t.port = 995;
    t.security = RetrievalTask::Security::SslTls;
    t.username = QStringLiteral("me");
    t.method = RetrievalTask::Method::Automatic;
    t.destinationFolderId = store.specialFolder(Folder::SpecialUse::Inbox);
    t.apop = true;
    t.leaveOnServer = false;
    t.filtering = true;
    t.folderTransfer = RetrievalTask::FolderTransfer::Mirror;
    t.transferParentFolderId = parent;
    t.providerId = QStringLiteral("generic-pop");
    t.authKind = RetrievalTask::AuthKind::OAuth;
    t.nextRun = QDateTime::currentDateTimeUtc().addSecs(600);
    QVERIFY2(store.insertRetrievalTask(t, &error), qPrintable(error));
    QVERIFY(!t.uuid.isNull());
    QVERIFY(t.created.isValid());
    QVERIFY(changed.size() >= 1);
    QCOMPARE(changed.last().at(0).value<Store::Table>(), Store::Table::RetrievalTasks);

    auto loaded = store.retrievalTask(t.uuid);
    QVERIFY(loaded.has_value());
    QCOMPARE(*loaded, t);

    t.name = QStringLiteral("Home POP (renamed)");
    t.kind = RetrievalTask::Kind::Imap;
    t.security = RetrievalTask::Security::StartTls;
    t.port = 143;
    QVERIFY(store.updateRetrievalTask(t, &error));
    QCOMPARE(*store.retrievalTask(t.uuid), t);

    const QDateTime ran = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
    QVERIFY(store.recordRetrievalRun(t.uuid, ran, QStringLiteral("OK"), 12, QDateTime(), &error));
    loaded = store.retrievalTask(t.uuid);
    QCOMPARE(loaded->lastRun, ran);
    QCOMPARE(loaded->lastCount, 12);
    QCOMPARE(loaded->lastResult, QStringLiteral("OK"));
    QVERIFY(!loaded->nextRun.isValid());
    QCOMPARE(loaded->name, t.name);

    RetrievalTask second;
    second.name = QStringLiteral("Alpha");
    second.server = QStringLiteral("imap.example.org");
    QVERIFY(store.insertRetrievalTask(second, &error));
    const QList<RetrievalTask> all = store.retrievalTasks();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.first().name, QStringLiteral("Alpha"));

    // Removing the destination folder clears the reference instead of failing.
    QVERIFY(store.removeFolder(parent, &error));
    QCOMPARE(store.retrievalTask(t.uuid)->transferParentFolderId, 0);

    QVERIFY(store.removeRetrievalTask(t.uuid, &error));
    QVERIFY(!store.retrievalTask(t.uuid).has_value());
    QVERIFY(!store.removeRetrievalTask(t.uuid, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!store.updateRetrievalTask(t, &error));
    QCOMPARE(store.counts().value(QStringLiteral("retrieval_tasks")), 1);
}

void TestStore::smtpAccountRoundTrip()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-smtp")));
    QString error;
    QVERIFY(store.open(&error));
    SmtpAccount a;
    a.displayName = QStringLiteral("Work");
    a.server = QStringLiteral("smtp.example.org");
    a.port = 465;
    a.encryption = SmtpAccount::Encryption::Ssl;
    a.email = QStringLiteral("me@example.org");
    a.authEnabled = true;
    a.username = QStringLiteral("me@example.org");
    a.authKind = SmtpAccount::AuthKind::OAuth;
    QVERIFY2(store.insertSmtpAccount(a, &error), qPrintable(error));
    QCOMPARE(*store.smtpAccount(a.uuid), a);

    a.encryption = SmtpAccount::Encryption::None;
    a.authEnabled = false;
    a.port = 25;
    QVERIFY(store.updateSmtpAccount(a, &error));
    QCOMPARE(*store.smtpAccount(a.uuid), a);
    QCOMPARE(store.smtpAccounts().size(), 1);

    // The same uuid cannot be inserted twice.
    SmtpAccount copy = a;
    QVERIFY(!store.insertSmtpAccount(copy, &error));
    QVERIFY(!error.isEmpty());

    QVERIFY(store.removeSmtpAccount(a.uuid, &error));
    QVERIFY(store.smtpAccounts().isEmpty());
}

void TestStore::cloudAndMigrationRoundTrip()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-cloud")));
    QString error;
    QVERIFY(store.open(&error));
    CloudConnection c;
    c.provider = QStringLiteral("owncloud");
    c.displayName = QStringLiteral("Team files");
    c.account = QStringLiteral("ann");
    c.status = QStringLiteral("connected");
    c.settings.insert(QStringLiteral("baseUrl"),
                      QStringLiteral("https://cloud.example.org/remote.php/dav"));
    QVERIFY2(store.insertCloudConnection(c, &error), qPrintable(error));
    auto lc = store.cloudConnection(c.uuid);
    QVERIFY(lc.has_value());
    QCOMPARE(lc->settings, c.settings);
    QCOMPARE(lc->created, c.created);
    c.status = QStringLiteral("needs-sign-in");
    QVERIFY(store.updateCloudConnection(c, &error));
    QCOMPARE(store.cloudConnections().first().status, QStringLiteral("needs-sign-in"));
    QVERIFY(store.removeCloudConnection(c.uuid, &error));
    QVERIFY(store.cloudConnections().isEmpty());

    MigrationJob j;
    j.provider = QStringLiteral("gmail");
    j.sourceSettings.insert(QStringLiteral("server"), QStringLiteral("imap.gmail.com"));
    QVERIFY(store.insertMigrationJob(j, &error));
    QCOMPARE(j.status, QStringLiteral("queued"));
    j.status = QStringLiteral("running");
    j.itemsDone = 10;
    j.itemsTotal = 40;
    j.itemsFailed = 1;
    j.bytesDone = 123456;
    j.started = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    QVERIFY(store.updateMigrationJob(j, &error));
    const auto lj = store.migrationJob(j.uuid);
    QVERIFY(lj.has_value());
    QCOMPARE(lj->itemsDone, 10);
    QCOMPARE(lj->itemsTotal, 40);
    QCOMPARE(lj->itemsFailed, 1);
    QCOMPARE(lj->bytesDone, 123456);
    QCOMPARE(lj->started, j.started);
    QVERIFY(!lj->finished.isValid());
    QCOMPARE(lj->sourceSettings, j.sourceSettings);
    QVERIFY(store.removeMigrationJob(j.uuid, &error));
    QVERIFY(store.migrationJobs().isEmpty());
}

void TestStore::foldersNestAndStayUnique()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-folders")));
    QString error;
    QVERIFY(store.open(&error));
    const qint64 projects = store.createFolder(0, QStringLiteral("Projects"), &error);
    QVERIFY(projects > 0);
    const qint64 alpha = store.createFolder(projects, QStringLiteral("Alpha"), &error);
    const qint64 beta = store.createFolder(projects, QStringLiteral("Beta"), &error);
    const qint64 deep = store.createFolder(alpha, QStringLiteral("2024"), &error);
    QVERIFY(alpha > 0 && beta > 0 && deep > 0);
    // Same name below the same parent: the existing folder.
    QCOMPARE(store.createFolder(projects, QStringLiteral("Alpha"), &error), alpha);
    QCOMPARE(store.createFolder(0, QStringLiteral("Projects"), &error), projects);
    // Same name below another parent: a new folder.
    const qint64 otherAlpha = store.createFolder(0, QStringLiteral("Alpha"), &error);
    QVERIFY(otherAlpha > 0 && otherAlpha != alpha);
    QCOMPARE(store.findFolder(projects, QStringLiteral("Alpha")), alpha);
    QCOMPARE(store.findFolder(alpha, QStringLiteral("2024")), deep);
    QCOMPARE(store.folder(deep)->parentId, alpha);
    QVERIFY(store.createFolder(0, QStringLiteral("  "), &error) < 0);

    // The database enforces (parent, name) even for top-level folders (NULL parent).
    QSqlQuery q(store.database());
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO folders (parent_id, name, special_use, created)"
                                   " VALUES (NULL, 'Projects', 'none', 0)")));
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO folders (parent_id, name, special_use, created)"
                                   " VALUES (%1, 'Beta', 'none', 0)")
                        .arg(projects)));

    // folders() lists parents before children.
    const QList<Folder> all = store.folders();
    QSet<qint64> seen {0};
    for (const Folder &f : all) {
        QVERIFY2(seen.contains(f.parentId), qPrintable(f.name));
        seen.insert(f.id);
    }
    QCOMPARE(all.size(), 6 + 5);

    QVERIFY(store.renameFolder(beta, QStringLiteral("Gamma"), &error));
    QCOMPARE(store.folder(beta)->name, QStringLiteral("Gamma"));
    QVERIFY(!store.renameFolder(beta, QStringLiteral("Alpha"), &error));
    QVERIFY(!store.removeFolder(alpha, &error)); // has a child
    MessageRecord r;
    r.folderId = deep;
    QVERIFY(store.storeMessage(r, QByteArrayLiteral("Subject: a\r\n\r\nb\r\n"), &error) > 0);
    QVERIFY(!store.removeFolder(deep, &error)); // has a message
    QCOMPARE(store.unreadCounts().value(deep), 1);
    QCOMPARE(store.messageCounts().value(deep), 1);
    QVERIFY(store.removeFolder(otherAlpha, &error));
    QVERIFY(!store.folder(otherAlpha).has_value());
}

void TestStore::activityQueries()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-activity")));
    QString error;
    QVERIFY(store.open(&error));
    QSignalSpy changed(&store, &Store::changed);
    const QDateTime base = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    for (int i = 0; i < 30; ++i) {
        ActivityEntry e;
        e.time = base.addSecs(i);
        e.area = i % 3 == 0 ? QStringLiteral("smtp") : QStringLiteral("retrieval");
        e.level = i % 10 == 0 ? QStringLiteral("error") : QStringLiteral("info");
        e.source = QStringLiteral("task-%1").arg(i % 2);
        e.message = QStringLiteral("Message %1 %2")
                        .arg(i)
                        .arg(i == 17 ? QStringLiteral("100%_DONE") : QString());
        QVERIFY(store.appendActivity(e) > 0);
    }
    QCOMPARE(changed.size(), 30);
    QCOMPARE(changed.first().at(0).value<Store::Table>(), Store::Table::Activity);

    ActivityQuery all;
    all.limit = 0;
    const QList<ActivityEntry> entries = store.activity(all);
    QCOMPARE(entries.size(), 30);
    QCOMPARE(entries.first().message.trimmed(), QStringLiteral("Message 29")); // newest first
    QCOMPARE(entries.first().time, base.addSecs(29));

    ActivityQuery smtp;
    smtp.area = QStringLiteral("smtp");
    smtp.limit = 0;
    QCOMPARE(store.activity(smtp).size(), 10);

    ActivityQuery limited;
    limited.limit = 5;
    QCOMPARE(store.activity(limited).size(), 5);
    limited.beforeId = entries.at(4).id;
    QCOMPARE(store.activity(limited).first().id, entries.at(5).id);

    ActivityQuery search;
    search.search = QStringLiteral("message 2"); // case-insensitive: 2, 20..29
    search.limit = 0;
    QCOMPARE(store.activity(search).size(), 11);
    search.search = QStringLiteral("100%_d"); // wildcards are literal
    QCOMPARE(store.activity(search).size(), 1);
    search.search = QStringLiteral("0%_"); // would match everything if % and _ were wildcards
    QCOMPARE(store.activity(search).size(), 1);
    search.search = QStringLiteral("TASK-1"); // source matches too
    QCOMPARE(store.activity(search).size(), 15);
    search.area = QStringLiteral("smtp");
    QCOMPARE(store.activity(search).size(), 5);

    QCOMPARE(store.activityAreas(),
             (QStringList {QStringLiteral("retrieval"), QStringLiteral("smtp")}));
}

void TestStore::devicesAndLoginRecords()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-devices")));
    QString error;
    QVERIFY(store.open(&error));
    Device d;
    d.name = QStringLiteral("Ann's phone");
    d.type = QStringLiteral("iOS Mail");
    d.protocol = QStringLiteral("imap");
    d.lastIp = QStringLiteral("203.0.113.5");
    d.lastSeen = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    QVERIFY2(store.upsertDevice(d, &error), qPrintable(error));
    QVERIFY(!d.uuid.isNull());
    QCOMPARE(d.firstSeen, d.lastSeen);
    const QDateTime firstSeen = d.firstSeen;

    // Seen again: first_seen stays.
    d.lastSeen = d.lastSeen.addDays(1);
    d.lastIp = QStringLiteral("198.51.100.7");
    d.firstSeen = QDateTime();
    QVERIFY(store.upsertDevice(d, &error));
    QCOMPARE(store.devices().size(), 1);
    QCOMPARE(store.devices().first().firstSeen, firstSeen);
    QCOMPARE(store.devices().first().lastIp, QStringLiteral("198.51.100.7"));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    LoginRecord old;
    old.time = now.addDays(-5);
    old.ip = QStringLiteral("192.0.2.1");
    old.protocol = QStringLiteral("imap");
    QVERIFY(store.insertLoginRecord(old, &error) > 0);
    LoginRecord recent;
    recent.time = now.addSecs(-60);
    recent.ip = QStringLiteral("203.0.113.5");
    recent.protocol = QStringLiteral("caldav");
    recent.client = QStringLiteral("DAVx5");
    recent.deviceUuid = d.uuid;
    recent.success = true;
    QVERIFY(store.insertLoginRecord(recent, &error) > 0);

    QCOMPARE(store.loginRecords().size(), 2);
    const QList<LoginRecord> lastDays = store.loginRecords(now.addDays(-3));
    QCOMPARE(lastDays.size(), 1);
    QCOMPARE(lastDays.first().deviceUuid, d.uuid);
    QVERIFY(lastDays.first().success);
    QCOMPARE(lastDays.first().client, QStringLiteral("DAVx5"));

    // Removing the device keeps the sign-in, without the device.
    QVERIFY(store.removeDevice(d.uuid, &error));
    QVERIFY(store.devices().isEmpty());
    QVERIFY(store.loginRecords(now.addDays(-3)).first().deviceUuid.isNull());
}

void TestStore::pimItemsUpsertBySource()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-pim")));
    QString error;
    QVERIFY(store.open(&error));
    const QUuid account = QUuid::createUuid();
    Contact c;
    c.uid = QStringLiteral("c1");
    c.displayName = QStringLiteral("Ann");
    c.vcard = QStringLiteral("BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n");
    c.sourceAccount = account;
    c.sourceId = QStringLiteral("/addressbook/c1.vcf");
    const qint64 id = store.saveContact(c, &error);
    QVERIFY2(id > 0, qPrintable(error));
    c.displayName = QStringLiteral("Ann Smith");
    QCOMPARE(store.saveContact(c, &error), id); // same source: updated, not duplicated
    QCOMPARE(store.contacts().size(), 1);
    QCOMPARE(store.contacts().first().displayName, QStringLiteral("Ann Smith"));

    CalendarEvent e;
    e.summary = QStringLiteral("Review");
    e.start = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    e.end = e.start.addSecs(3600);
    e.sourceAccount = account;
    e.sourceId = QStringLiteral("e1");
    QVERIFY(store.saveEvent(e, &error) > 0);
    QCOMPARE(store.events().first().end, e.end);

    TaskItem t;
    t.summary = QStringLiteral("File taxes");
    t.priority = 1;
    QVERIFY(store.saveTask(t, &error) > 0);
    QVERIFY(store.saveTask(t, &error) > 0); // no source: always a new row
    QCOMPARE(store.tasks().size(), 2);

    Note n;
    n.title = QStringLiteral("Ideas");
    n.body = QStringLiteral("…");
    QVERIFY(store.saveNote(n, &error) > 0);
    QCOMPARE(store.notes().first().body, QStringLiteral("…"));
    const auto counts = store.counts();
    QCOMPARE(counts.value(QStringLiteral("contacts")), 1);
    QCOMPARE(counts.value(QStringLiteral("events")), 1);
    QCOMPARE(counts.value(QStringLiteral("tasks")), 2);
    QCOMPARE(counts.value(QStringLiteral("notes")), 1);
}

void TestStore::connectionPerThread()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-threads")));
    QString error;
    QVERIFY(store.open(&error));
    const QString mainName = store.database().connectionName();
    QCOMPARE(store.database().connectionName(), mainName);

    QSignalSpy changed(&store, &Store::changed);
    QString workerName;
    bool workerForeignKeys = false;
    qint64 workerId = -1;
    QThread *worker = QThread::create([&] {
        {
            QSqlDatabase db = store.database();
            workerName = db.connectionName();
            QSqlQuery q(db);
            workerForeignKeys = q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next()
                && q.value(0).toInt() == 1;
        }
        ActivityEntry e;
        e.area = QStringLiteral("sync");
        e.message = QStringLiteral("from a worker");
        workerId = store.appendActivity(e);
        store.releaseThreadConnection();
    });
    worker->start();
    QVERIFY(worker->wait(30000));
    delete worker;
    QVERIFY(!workerName.isEmpty());
    QVERIFY(workerName != mainName);
    QVERIFY(workerForeignKeys);
    QVERIFY(workerId > 0);
    QCOMPARE(store.activity().first().message, QStringLiteral("from a worker"));
    // Emitted in the worker; delivered here.
    QCOMPARE(changed.size(), 1);
    QVERIFY(!QSqlDatabase::contains(workerName));
}

void TestStore::noSecretColumns()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-secrets")));
    QString error;
    QVERIFY(store.open(&error));
    for (const QString &table : store.database().tables()) {
        for (const QString &column : columnsOf(store, table)) {
            for (const char *word : {"password", "token", "secret"})
                QVERIFY2(!column.contains(QLatin1String(word)),
                         qPrintable(table + QLatin1Char('.') + column));
        }
    }
}

// A queued outbox message and its Sent copy share one file: removing the copy, or sweeping
// unreferenced files, must not take the file the outbox still needs.
void TestStore::outboxKeepsSharedMessageFile()
{
    Store store(TestEnv::scratchDir(QStringLiteral("store-outbox-file")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 sent = store.specialFolder(Folder::SpecialUse::Sent);
    QVERIFY(sent > 0);

    const QByteArray bytes("From: a@example.org\r\nSubject: shared\r\n\r\nbody\r\n");
    MessageRecord record;
    record.folderId = sent;
    record.internalDate = QDateTime::currentDateTimeUtc();
    record.size = bytes.size();
    const qint64 id = store.storeMessage(record, bytes, &error);
    QVERIFY2(id > 0, qPrintable(error));
    const QString sha = store.message(id)->sha256;
    QVERIFY(store.messageFiles().contains(sha));

    OutboxEntry entry;
    entry.accountUuid = QUuid::createUuid();
    entry.sha256 = sha;
    entry.size = bytes.size();
    entry.envelopeFrom = QStringLiteral("a@example.org");
    entry.recipients = {QStringLiteral("b@example.org")};
    entry.created = QDateTime::currentDateTimeUtc();
    QVERIFY2(store.insertOutboxEntry(entry, &error) > 0, qPrintable(error));

    QVERIFY2(store.removeMessage(id, &error), qPrintable(error));
    QVERIFY(store.messageFiles().contains(sha));
    QCOMPARE(store.removeUnreferencedFiles(), 0);
    QVERIFY(store.messageFiles().contains(sha));
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
