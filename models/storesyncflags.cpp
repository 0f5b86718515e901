#include "store.h"

#include "storesql_p.h"

#include <QList>

namespace Tributary {

using namespace StoreSql;

int Store::updateSourceFlags(const QUuid &account, const QString &folder, qint64 uidValidity,
                             const QHash<qint64, int> &flagsByUid, int mask, QString *errorMessage)
{
    if (flagsByUid.isEmpty())
        return 0;
    QSqlDatabase db = database();
    Transaction transaction(db);
    QSqlQuery find(db);
    QSqlQuery update(db);
    if (!prepare(find,
                 QStringLiteral("SELECT id, flags, folder_id FROM messages WHERE source_account = ?"
                                " AND source_folder = ? AND source_uidvalidity = ?"
                                " AND source_uid = ?"),
                 errorMessage)
        || !prepare(update, QStringLiteral("UPDATE messages SET flags = ? WHERE id = ?"),
                    errorMessage))
        return -1;
    struct Change
    {
        qint64 id;
        qint64 folderId;
        int flags;
    };
    QList<Change> changes;
    for (auto it = flagsByUid.cbegin(); it != flagsByUid.cend(); ++it) {
        find.addBindValue(fromUuid(account));
        find.addBindValue(folder);
        find.addBindValue(uidValidity);
        find.addBindValue(it.key());
        if (!exec(find, errorMessage))
            return -1;
        if (!find.next())
            continue; // not retrieved (or removed here): nothing to update
        const qint64 id = find.value(0).toLongLong();
        const int old = find.value(1).toInt();
        const qint64 folderId = find.value(2).toLongLong();
        find.finish();
        const int flags = (old & ~mask) | (it.value() & mask);
        if (flags == old)
            continue;
        update.addBindValue(flags);
        update.addBindValue(id);
        if (!exec(update, errorMessage))
            return -1;
        changes.append({id, folderId, flags});
    }
    if (!transaction.commit(errorMessage))
        return -1;
    for (const Change &c : std::as_const(changes))
        Q_EMIT messageFlagsChanged(c.id, c.folderId, c.flags);
    if (!changes.isEmpty())
        notify(Table::Messages);
    return int(changes.size());
}

QSet<QString> Store::retrievedContent(const QUuid &account, const QString &sourceFolder,
                                      qint64 localFolderId) const
{
    QSet<QString> result;
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Two lookups, each along its own index (folder; source keys).
    if (prepare(q, QStringLiteral("SELECT sha256 FROM messages WHERE folder_id = ?"), nullptr)) {
        q.addBindValue(localFolderId);
        if (exec(q, nullptr)) {
            while (q.next())
                result.insert(q.value(0).toString());
        }
    }
    if (prepare(q,
                QStringLiteral("SELECT sha256 FROM messages WHERE source_account = ?"
                               " AND source_folder = ?"),
                nullptr)) {
        q.addBindValue(fromUuid(account));
        q.addBindValue(sourceFolder);
        if (exec(q, nullptr)) {
            while (q.next())
                result.insert(q.value(0).toString());
        }
    }
    return result;
}

} // namespace Tributary
