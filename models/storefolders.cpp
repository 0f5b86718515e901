#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

namespace {

Folder readFolder(const QSqlQuery &q)
{
    Folder f;
    f.id = q.value(0).toLongLong();
    f.parentId = q.value(1).toLongLong();
    f.name = q.value(2).toString();
    f.specialUse = Folder::specialUseFromName(q.value(3).toString());
    return f;
}

qint64 findFolderIn(QSqlDatabase &db, qint64 parentId, const QString &name, QString *error)
{
    QSqlQuery q(db);
    const QString sql = parentId > 0
        ? QStringLiteral("SELECT id FROM folders WHERE parent_id = ? AND name = ?")
        : QStringLiteral("SELECT id FROM folders WHERE parent_id IS NULL AND name = ?");
    if (!prepare(q, sql, error))
        return -1;
    if (parentId > 0)
        q.addBindValue(parentId);
    q.addBindValue(name);
    if (!exec(q, error))
        return -1;
    return q.next() ? q.value(0).toLongLong() : 0;
}

QHash<qint64, int> countsBy(QSqlDatabase &db, const QString &sql)
{
    QHash<qint64, int> result;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return result;
    while (q.next())
        result.insert(q.value(0).toLongLong(), q.value(1).toInt());
    return result;
}

} // namespace

bool Store::ensureDefaultFolders(QString *errorMessage)
{
    // Names are stored untranslated; views translate the special folders' display names.
    const std::pair<Folder::SpecialUse, const char *> defaults[] = {
        {Folder::SpecialUse::Inbox, "Inbox"},           {Folder::SpecialUse::Sent, "Sent"},
        {Folder::SpecialUse::Drafts, "Drafts"},         {Folder::SpecialUse::Junk, "Junk E-Mail"},
        {Folder::SpecialUse::Deleted, "Deleted Items"}, {Folder::SpecialUse::Archive, "Archive"},
    };
    for (const auto &entry : defaults) {
        if (specialFolder(entry.first) > 0)
            continue;
        if (createFolder(0, QString::fromLatin1(entry.second), errorMessage, entry.first) < 0)
            return false;
    }
    return true;
}

QList<Folder> Store::folders() const
{
    QSqlDatabase db = database();
    const QList<Folder> all = selectRows<Folder>(
        db,
        QStringLiteral("SELECT id, parent_id, name, special_use FROM folders ORDER BY name, id"),
        readFolder);
    // Parents before children: breadth-first from the top level.
    QList<Folder> ordered;
    QList<qint64> level {0};
    while (!level.isEmpty() && ordered.size() < all.size()) {
        QList<qint64> next;
        for (qint64 parent : std::as_const(level)) {
            for (const Folder &f : std::as_const(all)) {
                if (f.parentId == parent) {
                    ordered.append(f);
                    next.append(f.id);
                }
            }
        }
        level = next;
    }
    return ordered;
}

std::optional<Folder> Store::folder(qint64 id) const
{
    QSqlDatabase db = database();
    return selectRow<Folder>(
        db, QStringLiteral("SELECT id, parent_id, name, special_use FROM folders WHERE id = ?"), id,
        readFolder);
}

qint64 Store::createFolder(qint64 parentId, const QString &name, QString *errorMessage,
                           Folder::SpecialUse specialUse)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        setError(errorMessage, tr("A folder needs a name."));
        return -1;
    }
    QSqlDatabase db = database();
    Transaction transaction(db);
    const qint64 existing = findFolderIn(db, parentId, trimmed, errorMessage);
    if (existing != 0)
        return existing;
    QSqlQuery q(db);
    if (!prepare(
            q,
            QStringLiteral(
                "INSERT INTO folders (parent_id, name, special_use, created) VALUES (?, ?, ?, ?)"),
            errorMessage))
        return -1;
    q.addBindValue(fromId(parentId));
    q.addBindValue(trimmed);
    q.addBindValue(Folder::specialUseName(specialUse));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!exec(q, errorMessage)) {
        setError(errorMessage, tr("The folder \"%1\" could not be created.").arg(trimmed));
        return -1;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    if (!transaction.commit(errorMessage))
        return -1;
    notify(Table::Folders);
    return id;
}

qint64 Store::findFolder(qint64 parentId, const QString &name) const
{
    QSqlDatabase db = database();
    return qMax<qint64>(0, findFolderIn(db, parentId, name, nullptr));
}

qint64 Store::specialFolder(Folder::SpecialUse use) const
{
    if (use == Folder::SpecialUse::None)
        return 0;
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!execBound(q, QStringLiteral("SELECT MIN(id) FROM folders WHERE special_use = ?"),
                   {Folder::specialUseName(use)}, nullptr)
        || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

bool Store::renameFolder(qint64 id, const QString &name, QString *errorMessage)
{
    const QString trimmed = name.trimmed();
    const auto current = folder(id);
    if (!current) {
        setError(errorMessage, tr("The folder no longer exists."));
        return false;
    }
    if (trimmed.isEmpty()) {
        setError(errorMessage, tr("A folder needs a name."));
        return false;
    }
    if (findFolder(current->parentId, trimmed) > 0 && trimmed != current->name) {
        setError(errorMessage, tr("A folder named \"%1\" already exists there.").arg(trimmed));
        return false;
    }
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!execBound(q, QStringLiteral("UPDATE folders SET name = ? WHERE id = ?"), {trimmed, id},
                   errorMessage))
        return false;
    notify(Table::Folders);
    return true;
}

bool Store::removeFolder(qint64 id, QString *errorMessage)
{
    QSqlDatabase db = database();
    Transaction transaction(db);
    QSqlQuery q(db);
    if (!execBound(q,
                   QStringLiteral("SELECT (SELECT COUNT(*) FROM folders WHERE parent_id = ?),"
                                  " (SELECT COUNT(*) FROM messages WHERE folder_id = ?)"),
                   {id, id}, errorMessage)
        || !q.next())
        return false;
    if (q.value(0).toLongLong() > 0 || q.value(1).toLongLong() > 0) {
        setError(errorMessage, tr("Only an empty folder without subfolders can be removed."));
        return false;
    }
    QSqlQuery del(db);
    if (!execBound(del, QStringLiteral("DELETE FROM folders WHERE id = ?"), {id}, errorMessage))
        return false;
    if (del.numRowsAffected() == 0) {
        setError(errorMessage, tr("The folder no longer exists."));
        return false;
    }
    if (!transaction.commit(errorMessage))
        return false;
    notify(Table::Folders);
    return true;
}

QHash<qint64, int> Store::unreadCounts() const
{
    QSqlDatabase db = database();
    return countsBy(db,
                    QStringLiteral("SELECT folder_id, COUNT(*) FROM messages WHERE (flags & %1) = 0"
                                   " GROUP BY folder_id")
                        .arg(int(MessageRecord::Seen)));
}

QHash<qint64, int> Store::messageCounts() const
{
    QSqlDatabase db = database();
    return countsBy(db,
                    QStringLiteral("SELECT folder_id, COUNT(*) FROM messages GROUP BY folder_id"));
}

} // namespace Tributary
