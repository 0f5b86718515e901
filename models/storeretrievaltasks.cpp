#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

namespace {

const char kColumns[]
    = "uuid, name, kind, server, port, security, username, method, destination_folder_id, apop,"
      " leave_on_server, filtering, folder_transfer, transfer_parent_folder_id, provider_id, "
      "auth_kind,"
      " last_run, last_result, last_count, next_run, created, pinned_sha256";

RetrievalTask readTask(const QSqlQuery &q)
{
    RetrievalTask t;
    t.uuid = toUuid(q.value(0));
    t.name = q.value(1).toString();
    t.kind = RetrievalTask::kindFromName(q.value(2).toString());
    t.server = q.value(3).toString();
    t.port = quint16(q.value(4).toUInt());
    t.security = RetrievalTask::securityFromName(q.value(5).toString());
    t.username = q.value(6).toString();
    t.method = RetrievalTask::methodFromName(q.value(7).toString());
    t.destinationFolderId = q.value(8).toLongLong();
    t.apop = q.value(9).toInt() != 0;
    t.leaveOnServer = q.value(10).toInt() != 0;
    t.filtering = q.value(11).toInt() != 0;
    t.folderTransfer = RetrievalTask::folderTransferFromName(q.value(12).toString());
    t.transferParentFolderId = q.value(13).toLongLong();
    t.providerId = q.value(14).toString();
    t.authKind = RetrievalTask::authKindFromName(q.value(15).toString());
    t.lastRun = toDateTime(q.value(16));
    t.lastResult = q.value(17).toString();
    t.lastCount = q.value(18).toInt();
    t.nextRun = toDateTime(q.value(19));
    t.created = toDateTime(q.value(20));
    t.pinnedSha256 = QByteArray::fromHex(q.value(21).toString().toLatin1());
    return t;
}

// The values of every column except uuid, in kColumns order.
QVariantList settingsValues(const RetrievalTask &t)
{
    return {t.name,
            RetrievalTask::kindName(t.kind),
            t.server,
            int(t.port),
            RetrievalTask::securityName(t.security),
            t.username,
            RetrievalTask::methodName(t.method),
            fromId(t.destinationFolderId),
            int(t.apop),
            int(t.leaveOnServer),
            int(t.filtering),
            RetrievalTask::folderTransferName(t.folderTransfer),
            fromId(t.transferParentFolderId),
            t.providerId,
            RetrievalTask::authKindName(t.authKind),
            fromDateTime(t.lastRun),
            t.lastResult,
            t.lastCount,
            fromDateTime(t.nextRun),
            fromDateTime(t.created),
            QString::fromLatin1(t.pinnedSha256.toHex())};
}

} // namespace

bool Store::insertRetrievalTask(RetrievalTask &task, QString *errorMessage)
{
    if (task.uuid.isNull())
        task.uuid = QUuid::createUuid();
    if (!task.created.isValid())
        task.created = QDateTime::currentDateTimeUtc();
    task.created = msPrecision(task.created);
    task.lastRun = msPrecision(task.lastRun);
    task.nextRun = msPrecision(task.nextRun);
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!execBound(
            q,
            QStringLiteral("INSERT INTO retrieval_tasks (") + QLatin1String(kColumns)
                + QStringLiteral(
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            QVariantList {fromUuid(task.uuid)} + settingsValues(task), errorMessage))
        return false;
    notify(Table::RetrievalTasks);
    return true;
}

bool Store::updateRetrievalTask(const RetrievalTask &task, QString *errorMessage)
{
    RetrievalTask t = task;
    if (!t.created.isValid())
        t.created = QDateTime::currentDateTimeUtc();
    QSqlDatabase db = database();
    if (!changeExistingRow(
            db,
            QStringLiteral(
                "UPDATE retrieval_tasks SET name = ?, kind = ?, server = ?, port = ?,"
                " security = ?, username = ?, method = ?, destination_folder_id = ?, apop = ?,"
                " leave_on_server = ?, filtering = ?, folder_transfer = ?,"
                " transfer_parent_folder_id = ?, provider_id = ?, auth_kind = ?, last_run = ?,"
                " last_result = ?, last_count = ?, next_run = ?, created = ?, pinned_sha256 = ?"
                " WHERE uuid = ?"),
            settingsValues(t) << fromUuid(task.uuid), tr("The retrieval task no longer exists."),
            errorMessage))
        return false;
    notify(Table::RetrievalTasks);
    return true;
}

bool Store::removeRetrievalTask(const QUuid &uuid, QString *errorMessage)
{
    QSqlDatabase db = database();
    if (!changeExistingRow(db, QStringLiteral("DELETE FROM retrieval_tasks WHERE uuid = ?"),
                           {fromUuid(uuid)}, tr("The retrieval task no longer exists."),
                           errorMessage))
        return false;
    notify(Table::RetrievalTasks);
    return true;
}

QList<RetrievalTask> Store::retrievalTasks() const
{
    QSqlDatabase db = database();
    return selectRows<RetrievalTask>(
        db,
        QStringLiteral("SELECT ") + QLatin1String(kColumns)
            + QStringLiteral(" FROM retrieval_tasks ORDER BY name, created"),
        readTask);
}

std::optional<RetrievalTask> Store::retrievalTask(const QUuid &uuid) const
{
    QSqlDatabase db = database();
    return selectRow<RetrievalTask>(db,
                                    QStringLiteral("SELECT ") + QLatin1String(kColumns)
                                        + QStringLiteral(" FROM retrieval_tasks WHERE uuid = ?"),
                                    fromUuid(uuid), readTask);
}

bool Store::recordRetrievalRun(const QUuid &uuid, const QDateTime &time, const QString &result,
                               int count, const QDateTime &nextRun, QString *errorMessage)
{
    QSqlDatabase db = database();
    if (!changeExistingRow(
            db,
            QStringLiteral("UPDATE retrieval_tasks SET last_run = ?, last_result = ?,"
                           " last_count = ?, next_run = ? WHERE uuid = ?"),
            {fromDateTime(time), result, count, fromDateTime(nextRun), fromUuid(uuid)},
            tr("The retrieval task no longer exists."), errorMessage))
        return false;
    notify(Table::RetrievalTasks);
    return true;
}

} // namespace Tributary
