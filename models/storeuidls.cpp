#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

bool Store::forEachKnownUidl(const QUuid &account,
                             const std::function<void(const QByteArray &)> &visit,
                             QString *errorMessage) const
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // UIDLs are printable ASCII (RFC 1939 §7), stored as text: SQLite's BINARY collation
    // orders them byte by byte, as QByteArray does.
    if (!execBound(q,
                   QStringLiteral("SELECT source_uidl FROM messages WHERE source_account = ?"
                                  " AND source_uidl IS NOT NULL ORDER BY source_uidl"),
                   {fromUuid(account)}, errorMessage))
        return false;
    while (q.next())
        visit(q.value(0).toString().toLatin1());
    return true;
}

} // namespace Tributary
