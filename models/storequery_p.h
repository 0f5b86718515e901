#pragma once

// Query shapes that the Store's typed CRUD repeats (list, one row by key, change one row).
// Internal to models/, like storesql_p.h.

#include "storesql_p.h"

#include <QList>

#include <optional>

namespace Tributary {
namespace StoreSql {

// Every row of the SELECT `sql`, each made a T by `read(const QSqlQuery &)`, in the query's
// order. `bind` fills the placeholders in order. An empty list when the query cannot run; a
// statement with placeholders is logged then (StoreSql::exec), one without is not.
template<typename T, typename Read>
QList<T> selectRows(QSqlDatabase &db, const QString &sql, Read read, const QVariantList &bind = {})
{
    QList<T> rows;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (bind.isEmpty()) {
        if (!q.exec(sql))
            return rows;
    } else {
        if (!prepare(q, sql, nullptr))
            return rows;
        for (const QVariant &value : bind)
            q.addBindValue(value);
        if (!exec(q, nullptr))
            return rows;
    }
    while (q.next())
        rows.append(read(q));
    return rows;
}

// The first row of the SELECT `sql`, whose one placeholder is `key`, made a T by `read`;
// nullopt when there is no such row or the query fails (logged).
template<typename T, typename Read>
std::optional<T> selectRow(QSqlDatabase &db, const QString &sql, const QVariant &key, Read read)
{
    QSqlQuery q(db);
    if (!prepare(q, sql, nullptr))
        return std::nullopt;
    q.addBindValue(key);
    if (!exec(q, nullptr) || !q.next())
        return std::nullopt;
    return read(q);
}

// Runs the prepared, bound `query` (StoreSql::exec) that must change a row: when it changes
// none, *error gets `missing` (user words: the item no longer exists) and the result is false.
bool execOnExistingRow(QSqlQuery &query, const QString &missing, QString *error);

// Prepares `sql` on `query`, binds `values` in order and runs it (StoreSql::prepare/exec: a
// failure is logged and put in *error); false when either step fails. The caller reads
// lastInsertId() or the rows from `query` afterwards.
bool execBound(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error);

// execBound on a new query of `db` for an UPDATE or DELETE that must change a row, with
// execOnExistingRow's rule: when it changes none, *error gets `missing` and the result is false.
bool changeExistingRow(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                       const QString &missing, QString *error);

// How many stored messages and outbox rows use the content file `sha256` (a queued message
// and its Sent copy share one file); -1 when the count fails (*error filled).
qint64 contentReferences(QSqlDatabase &db, const QString &sha256, QString *error);

} // namespace StoreSql
} // namespace Tributary
