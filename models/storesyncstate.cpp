#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

QHash<QString, Store::FolderSyncState> Store::folderSyncStates(const QUuid &task) const
{
    QHash<QString, FolderSyncState> result;
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT source_folder, uidvalidity, uidnext, highest_modseq,"
                                  " message_count FROM folder_sync_state WHERE task_uuid = ?"),
                   {fromUuid(task)}, nullptr))
        return result;
    while (q.next()) {
        FolderSyncState s;
        s.folder = q.value(0).toString();
        s.uidValidity = q.value(1).toLongLong();
        s.uidNext = q.value(2).toLongLong();
        s.highestModSeq = q.value(3).toLongLong();
        s.messageCount = q.value(4).toLongLong();
        result.insert(s.folder, s);
    }
    return result;
}

bool Store::saveFolderSyncState(const QUuid &task, const FolderSyncState &state,
                                QString *errorMessage)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q,
                 QStringLiteral("INSERT OR REPLACE INTO folder_sync_state (task_uuid,"
                                " source_folder, uidvalidity, uidnext, highest_modseq,"
                                " message_count, updated) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                 errorMessage))
        return false;
    q.addBindValue(fromUuid(task));
    q.addBindValue(state.folder);
    q.addBindValue(state.uidValidity);
    q.addBindValue(state.uidNext);
    q.addBindValue(state.highestModSeq);
    q.addBindValue(state.messageCount);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return exec(q, errorMessage);
}

bool Store::removeFolderSyncState(const QUuid &task, const QString &folder, QString *errorMessage)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q,
                 QStringLiteral(
                     "DELETE FROM folder_sync_state WHERE task_uuid = ? AND source_folder = ?"),
                 errorMessage))
        return false;
    q.addBindValue(fromUuid(task));
    q.addBindValue(folder);
    return exec(q, errorMessage);
}

bool Store::containsContent(const QString &sha256, qint64 folderId) const
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    const QString sql = folderId > 0
        ? QStringLiteral("SELECT 1 FROM messages WHERE sha256 = ? AND folder_id = ? LIMIT 1")
        : QStringLiteral("SELECT 1 FROM messages WHERE sha256 = ? LIMIT 1");
    if (!prepare(q, sql, nullptr))
        return false;
    q.addBindValue(sha256);
    if (folderId > 0)
        q.addBindValue(folderId);
    return exec(q, nullptr) && q.next();
}

} // namespace Tributary
