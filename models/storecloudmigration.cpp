#include "store.h"

#include "storequery_p.h"

#include <QJsonDocument>

namespace Tributary {

using namespace StoreSql;

namespace {

QString toJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromJson(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

const char kCloudColumns[] = "uuid, provider, display_name, account, status, created, settings";
const char kJobColumns[]
    = "uuid, provider, source_settings, status, items_done, items_total, items_failed,"
      " bytes_done, started, finished";

CloudConnection readConnection(const QSqlQuery &q)
{
    CloudConnection c;
    c.uuid = toUuid(q.value(0));
    c.provider = q.value(1).toString();
    c.displayName = q.value(2).toString();
    c.account = q.value(3).toString();
    c.status = q.value(4).toString();
    c.created = toDateTime(q.value(5));
    c.settings = fromJson(q.value(6));
    return c;
}

MigrationJob readJob(const QSqlQuery &q)
{
    MigrationJob j;
    j.uuid = toUuid(q.value(0));
    j.provider = q.value(1).toString();
    j.sourceSettings = fromJson(q.value(2));
    j.status = q.value(3).toString();
    j.itemsDone = q.value(4).toLongLong();
    j.itemsTotal = q.value(5).toLongLong();
    j.itemsFailed = q.value(6).toLongLong();
    j.bytesDone = q.value(7).toLongLong();
    j.started = toDateTime(q.value(8));
    j.finished = toDateTime(q.value(9));
    return j;
}

bool removeByUuid(QSqlDatabase &db, const QString &table, const QUuid &uuid, QString *error)
{
    return changeExistingRow(
        db, QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE uuid = ?"),
        {fromUuid(uuid)}, Store::tr("The item no longer exists."), error);
}

} // namespace

bool Store::insertCloudConnection(CloudConnection &c, QString *errorMessage)
{
    if (c.uuid.isNull())
        c.uuid = QUuid::createUuid();
    c.created = msPrecision(c.created.isValid() ? c.created : QDateTime::currentDateTimeUtc());
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!execBound(q,
                   QStringLiteral("INSERT INTO cloud_connections (") + QLatin1String(kCloudColumns)
                       + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?)"),
                   {fromUuid(c.uuid), c.provider, c.displayName, c.account, c.status,
                    fromDateTime(c.created), toJson(c.settings)},
                   errorMessage))
        return false;
    notify(Table::CloudConnections);
    return true;
}

bool Store::updateCloudConnection(const CloudConnection &c, QString *errorMessage)
{
    QSqlDatabase db = database();
    if (!changeExistingRow(
            db,
            QStringLiteral("UPDATE cloud_connections SET provider = ?, display_name = ?,"
                           " account = ?, status = ?, settings = ? WHERE uuid = ?"),
            {c.provider, c.displayName, c.account, c.status, toJson(c.settings), fromUuid(c.uuid)},
            tr("The cloud connection no longer exists."), errorMessage))
        return false;
    notify(Table::CloudConnections);
    return true;
}

bool Store::removeCloudConnection(const QUuid &uuid, QString *errorMessage)
{
    QSqlDatabase db = database();
    if (!removeByUuid(db, QStringLiteral("cloud_connections"), uuid, errorMessage))
        return false;
    notify(Table::CloudConnections);
    return true;
}

QList<CloudConnection> Store::cloudConnections() const
{
    QSqlDatabase db = database();
    return selectRows<CloudConnection>(
        db,
        QStringLiteral("SELECT ") + QLatin1String(kCloudColumns)
            + QStringLiteral(" FROM cloud_connections ORDER BY display_name, created"),
        readConnection);
}

std::optional<CloudConnection> Store::cloudConnection(const QUuid &uuid) const
{
    QSqlDatabase db = database();
    return selectRow<CloudConnection>(
        db,
        QStringLiteral("SELECT ") + QLatin1String(kCloudColumns)
            + QStringLiteral(" FROM cloud_connections WHERE uuid = ?"),
        fromUuid(uuid), readConnection);
}

bool Store::insertMigrationJob(MigrationJob &j, QString *errorMessage)
{
    if (j.uuid.isNull())
        j.uuid = QUuid::createUuid();
    j.started = msPrecision(j.started);
    j.finished = msPrecision(j.finished);
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!execBound(q,
                   QStringLiteral("INSERT INTO migration_jobs (") + QLatin1String(kJobColumns)
                       + QStringLiteral(", created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   {fromUuid(j.uuid), j.provider, toJson(j.sourceSettings),
                    j.status.isEmpty() ? QStringLiteral("queued") : j.status, j.itemsDone,
                    j.itemsTotal, j.itemsFailed, j.bytesDone, fromDateTime(j.started),
                    fromDateTime(j.finished), QDateTime::currentMSecsSinceEpoch()},
                   errorMessage))
        return false;
    if (j.status.isEmpty())
        j.status = QStringLiteral("queued");
    notify(Table::MigrationJobs);
    return true;
}

bool Store::updateMigrationJob(const MigrationJob &j, QString *errorMessage)
{
    QSqlDatabase db = database();
    if (!changeExistingRow(
            db,
            QStringLiteral(
                "UPDATE migration_jobs SET provider = ?, source_settings = ?, status = ?,"
                " items_done = ?, items_total = ?, items_failed = ?, bytes_done = ?,"
                " started = ?, finished = ? WHERE uuid = ?"),
            {j.provider, toJson(j.sourceSettings), j.status, j.itemsDone, j.itemsTotal,
             j.itemsFailed, j.bytesDone, fromDateTime(j.started), fromDateTime(j.finished),
             fromUuid(j.uuid)},
            tr("The migration job no longer exists."), errorMessage))
        return false;
    notify(Table::MigrationJobs);
    return true;
}

bool Store::removeMigrationJob(const QUuid &uuid, QString *errorMessage)
{
    QSqlDatabase db = database();
    if (!removeByUuid(db, QStringLiteral("migration_jobs"), uuid, errorMessage))
        return false;
    notify(Table::MigrationJobs);
    return true;
}

QList<MigrationJob> Store::migrationJobs() const
{
    QSqlDatabase db = database();
    return selectRows<MigrationJob>(
        db,
        QStringLiteral("SELECT ") + QLatin1String(kJobColumns)
            + QStringLiteral(" FROM migration_jobs ORDER BY created DESC, uuid"),
        readJob);
}

std::optional<MigrationJob> Store::migrationJob(const QUuid &uuid) const
{
    QSqlDatabase db = database();
    return selectRow<MigrationJob>(db,
                                   QStringLiteral("SELECT ") + QLatin1String(kJobColumns)
                                       + QStringLiteral(" FROM migration_jobs WHERE uuid = ?"),
                                   fromUuid(uuid), readJob);
}

} // namespace Tributary
