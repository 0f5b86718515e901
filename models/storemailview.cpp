#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

QList<qint64> Store::messageIdsInFolder(qint64 folderId, qint64 afterId, int limit) const
{
    QList<qint64> ids;
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT id FROM messages WHERE folder_id = ? AND id > ?"
                                  " ORDER BY id LIMIT ?"),
                   {folderId, afterId, qMax(1, limit)}, nullptr))
        return ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

} // namespace Tributary
