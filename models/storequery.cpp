#include "storequery_p.h"

namespace Tributary {
namespace StoreSql {

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

qint64 contentReferences(QSqlDatabase &db, const QString &sha256, QString *error)
{
    QSqlQuery refs(db);
    if (!prepare(refs,
                 QStringLiteral("SELECT (SELECT COUNT(*) FROM messages WHERE sha256 = ?)"
                                " + (SELECT COUNT(*) FROM outbox WHERE sha256 = ?)"),
                 error))
        return -1;
    refs.addBindValue(sha256);
    refs.addBindValue(sha256);
    if (!exec(refs, error) || !refs.next())
        return -1;
    return refs.value(0).toLongLong();
}

} // namespace StoreSql
} // namespace Tributary
