#include "storequery_p.h"

namespace Tributary {
namespace StoreSql {

namespace {

// Prepares `sql` on `query` (StoreSql::prepare) and binds `values` in order.
bool prepareBound(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error)
{
    if (!prepare(query, sql, error))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return true;
}

} // namespace

bool execOnExistingRow(QSqlQuery &query, const QString &missing, QString *error)
{
    if (!exec(query, error))
        return false;
    if (query.numRowsAffected() == 0) {
        setError(error, missing);
        return false;
    }
    return true;
}

bool execBound(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error)
{
    return prepareBound(query, sql, values, error) && exec(query, error);
}

bool changeExistingRow(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                       const QString &missing, QString *error)
{
    QSqlQuery query(db);
    return prepareBound(query, sql, values, error) && execOnExistingRow(query, missing, error);
}

qint64 contentReferences(QSqlDatabase &db, const QString &sha256, QString *error)
{
    QSqlQuery refs(db);
    if (!execBound(refs,
                   QStringLiteral("SELECT (SELECT COUNT(*) FROM messages WHERE sha256 = ?)"
                                  " + (SELECT COUNT(*) FROM outbox WHERE sha256 = ?)"),
                   {sha256, sha256}, error)
        || !refs.next())
        return -1;
    return refs.value(0).toLongLong();
}

} // namespace StoreSql
} // namespace Tributary
