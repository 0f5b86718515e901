#include "store.h"

#include "logging.h"
#include "messagefilestore.h"
#include "storeschema_p.h"
#include "storesql_p.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>

namespace Tributary {

using namespace StoreSql;

namespace {

const char kDriver[] = "QSQLITE";

// A number unique to each thread for its lifetime (thread ids are reused after a thread
// ends; this never is), so a connection name always belongs to the thread using it.
quint64 threadSerial()
{
    static QAtomicInteger<quint64> counter;
    thread_local const quint64 serial = ++counter;
    return serial;
}

QString uniquePrefix(const Store *store)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("tributary-store-%1-").arg(++counter)
        + QString::number(quintptr(store), 16);
}

// Reads the schema version without writing anything: -1 = not a database we can read,
// 0 = no schema yet.
int peekSchemaVersion(const QString &path, QString *error)
{
    const QString name = QStringLiteral("tributary-store-peek-%1").arg(threadSerial());
    int version = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(kDriver), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            setError(error,
                     Store::tr("The mail database %1 could not be opened (%2).")
                         .arg(QDir::toNativeSeparators(path), db.lastError().databaseText()));
        } else if (!db.tables().contains(QStringLiteral("schema_info"))) {
            QSqlQuery probe(db);
            // An unreadable file (not SQLite, encrypted) fails here.
            if (probe.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master")))
                version = 0;
            else
                setError(
                    error,
                    Store::tr("%1 is not a Tributary mail database (%2).")
                        .arg(QDir::toNativeSeparators(path), probe.lastError().databaseText()));
        } else {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT value FROM schema_info WHERE name = 'version'"))
                && query.next())
                version = query.value(0).toInt();
            else
                version = 0;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}

} // namespace

Store::Store(const QString &profileDir, QObject *parent)
    : QObject(parent)
    , m_profileDir(QDir(profileDir).absolutePath())
    , m_connectionPrefix(uniquePrefix(this))
    , m_files(std::make_unique<MessageFileStore>(m_profileDir + QStringLiteral("/messages")))
{
}

Store::~Store()
{
    QStringList names;
    {
        QMutexLocker lock(&m_connectionsMutex);
        names.swap(m_connections);
    }
    for (const QString &name : std::as_const(names)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

int Store::currentSchemaVersion()
{
    return int(StoreSchema::migrations(QLatin1String(kDriver)).size());
}

QString Store::databasePath() const
{
    return m_profileDir + QStringLiteral("/store.sqlite");
}

QString Store::tableName(Table table)
{
    switch (table) {
    case Table::RetrievalTasks:
        return QStringLiteral("retrieval_tasks");
    case Table::SmtpAccounts:
        return QStringLiteral("smtp_accounts");
    case Table::CloudConnections:
        return QStringLiteral("cloud_connections");
    case Table::MigrationJobs:
        return QStringLiteral("migration_jobs");
    case Table::Folders:
        return QStringLiteral("folders");
    case Table::Messages:
        return QStringLiteral("messages");
    case Table::Contacts:
        return QStringLiteral("contacts");
    case Table::Events:
        return QStringLiteral("events");
    case Table::Tasks:
        return QStringLiteral("tasks");
    case Table::Notes:
        return QStringLiteral("notes");
    case Table::Devices:
        return QStringLiteral("devices");
    case Table::LoginRecords:
        return QStringLiteral("login_records");
    case Table::Activity:
        return QStringLiteral("activity");
    }
    return QString();
}

bool Store::open(QString *errorMessage)
{
    if (m_open)
        return true;
    if (!QDir().mkpath(m_profileDir)) {
        setError(errorMessage,
                 tr("The profile folder %1 could not be created.")
                     .arg(QDir::toNativeSeparators(m_profileDir)));
        return false;
    }
    const QString path = databasePath();
    int found = 0;
    if (QFileInfo::exists(path)) {
        found = peekSchemaVersion(path, errorMessage);
        if (found < 0)
            return false;
        if (found > currentSchemaVersion()) {
            setError(
                errorMessage,
                tr("The mail database %1 was written by a newer version of Tributary (schema %2; "
                   "this version understands up to %3). Update Tributary to open it; the file "
                   "was left unchanged.")
                    .arg(QDir::toNativeSeparators(path))
                    .arg(found)
                    .arg(currentSchemaVersion()));
            qCWarning(lcStore) << "refusing newer schema" << found << "in" << path;
            return false;
        }
    }

    m_open = true; // database() may now open connections
    QSqlDatabase db = database();
    if (!db.isOpen()) {
        m_open = false;
        setError(errorMessage,
                 tr("The mail database %1 could not be opened (%2).")
                     .arg(QDir::toNativeSeparators(path), db.lastError().databaseText()));
        return false;
    }
    {
        QSqlQuery wal(db);
        if (!wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            qCWarning(lcStore) << "could not switch to WAL:" << wal.lastError().text();
    }
    if (found < currentSchemaVersion() && !migrate(db, found, errorMessage)) {
        m_open = false;
        releaseThreadConnection();
        return false;
    }
    if (!m_files->open(errorMessage) || !ensureDefaultFolders(errorMessage)) {
        m_open = false;
        releaseThreadConnection();
        return false;
    }
    qCInfo(lcStore) << "opened" << path << "schema" << schemaVersion();
    return true;
}

bool Store::migrate(QSqlDatabase &db, int fromVersion, QString *errorMessage)
{
    const QList<QStringList> steps = StoreSchema::migrations(db.driverName());
    Transaction transaction(db);
    if (!transaction.isActive()) {
        setError(errorMessage,
                 tr("The mail database is busy; close other copies of Tributary and try again."));
        return false;
    }
    for (int version = fromVersion; version < steps.size(); ++version) {
        for (const QString &sql : steps.at(version)) {
            QString detail;
            if (!execSql(db, sql, &detail)) {
                setError(errorMessage,
                         tr("The mail database could not be upgraded to version %1 (%2).")
                             .arg(version + 1)
                             .arg(detail));
                return false;
            }
        }
        qCInfo(lcStore) << "schema migrated to" << version + 1;
    }
    QSqlQuery query(db);
    if (fromVersion == 0)
        prepare(query,
                QStringLiteral("INSERT INTO schema_info (name, value) VALUES ('version', ?)"),
                nullptr);
    else
        prepare(query, QStringLiteral("UPDATE schema_info SET value = ? WHERE name = 'version'"),
                nullptr);
    query.addBindValue(QString::number(steps.size()));
    if (!exec(query, errorMessage))
        return false;
    return transaction.commit(errorMessage);
}

QSqlDatabase Store::openConnection(const QString &name) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(kDriver), name);
    db.setDatabaseName(databasePath());
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        qCWarning(lcStore) << "cannot open" << databasePath() << db.lastError().text();
        return db;
    }
    QSqlQuery pragma(db);
    // Connection settings (SQLite only): enforce references; with WAL, NORMAL keeps the
    // database consistent after a crash and only risks the last commits on power loss.
    pragma.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    {
        QMutexLocker lock(&m_connectionsMutex);
        m_connections.append(name);
    }
    return db;
}

QSqlDatabase Store::database() const
{
    if (!m_open)
        return QSqlDatabase();
    const QString name = m_connectionPrefix + QLatin1Char('-') + QString::number(threadSerial());
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    return openConnection(name);
}

void Store::releaseThreadConnection()
{
    const QString name = m_connectionPrefix + QLatin1Char('-') + QString::number(threadSerial());
    {
        QMutexLocker lock(&m_connectionsMutex);
        if (!m_connections.removeOne(name))
            return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

int Store::schemaVersion() const
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return 0;
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT value FROM schema_info WHERE name = 'version'"))
        && query.next())
        return query.value(0).toInt();
    return 0;
}

QMap<QString, qint64> Store::counts() const
{
    QMap<QString, qint64> result;
    QSqlDatabase db = database();
    if (!db.isOpen())
        return result;
    for (int t = int(Table::RetrievalTasks); t <= int(Table::Activity); ++t) {
        const QString table = tableName(Table(t));
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) && query.next())
            result.insert(table, query.value(0).toLongLong());
    }
    return result;
}

void Store::notify(Table table)
{
    Q_EMIT changed(table);
}

void Store::notifyMessages(const QList<qint64> &folderIds)
{
    Q_EMIT messagesChanged(folderIds);
    Q_EMIT changed(Table::Messages);
}

} // namespace Tributary
