#include "foldersynctokens.h"

#include "store.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Tributary::FolderSyncTokens {

namespace {
QString taskKey(const QUuid &task)
{
    return task.toString(QUuid::WithoutBraces);
}
} // namespace

QString token(const Store &store, const QUuid &task, const QString &sourceFolder)
{
    QSqlQuery q(store.database());
    q.prepare(QStringLiteral(
        "SELECT sync_state FROM folder_sync_tokens WHERE task_uuid = ? AND source_folder = ?"));
    q.addBindValue(taskKey(task));
    q.addBindValue(sourceFolder);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return QString();
}

QHash<QString, QString> tokens(const Store &store, const QUuid &task)
{
    QHash<QString, QString> out;
    QSqlQuery q(store.database());
    q.prepare(QStringLiteral(
        "SELECT source_folder, sync_state FROM folder_sync_tokens WHERE task_uuid = ?"));
    q.addBindValue(taskKey(task));
    if (q.exec()) {
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toString());
    }
    return out;
}

bool setToken(Store &store, const QUuid &task, const QString &sourceFolder, const QString &token,
              QString *errorMessage)
{
    QSqlDatabase db = store.database();
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("DELETE FROM folder_sync_tokens WHERE task_uuid = ? AND source_folder = ?"));
    q.addBindValue(taskKey(task));
    q.addBindValue(sourceFolder);
    bool ok = db.transaction() && q.exec();
    if (ok && !token.isEmpty()) {
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO folder_sync_tokens"
                                      " (task_uuid, source_folder, sync_state, updated)"
                                      " VALUES (?, ?, ?, ?)"));
        insert.addBindValue(taskKey(task));
        insert.addBindValue(sourceFolder);
        insert.addBindValue(token);
        insert.addBindValue(QDateTime::currentSecsSinceEpoch());
        ok = insert.exec();
        if (!ok && errorMessage)
            *errorMessage = insert.lastError().text();
    } else if (!ok && errorMessage) {
        *errorMessage = q.lastError().text();
    }
    if (ok)
        ok = db.commit();
    else
        db.rollback();
    return ok;
}

} // namespace Tributary::FolderSyncTokens
