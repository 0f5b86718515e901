#include "storesql_p.h"

#include "logging.h"

#include <QCoreApplication>

namespace Tributary {
namespace StoreSql {

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

bool prepare(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.prepare(sql))
        return true;
    qCWarning(lcStore) << "prepare failed:" << sql << query.lastError().text();
    setError(error,
             QCoreApplication::translate("Tributary::Store",
                                         "The mail database could not run a command (%1).")
                 .arg(query.lastError().databaseText()));
    return false;
}

bool exec(QSqlQuery &query, QString *error)
{
    // A default QString binds as NULL; text columns are NOT NULL, so bind it as ''.
    // Intended NULLs are null variants (see storesql_p.h), which this leaves alone.
    const QVariantList values = query.boundValues();
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        if (v.typeId() == QMetaType::QString && !v.isNull() && v.toString().isNull())
            query.bindValue(i, QStringLiteral(""));
    }
    if (query.exec())
        return true;
    qCWarning(lcStore) << "query failed:" << query.lastQuery() << query.lastError().text();
    setError(error,
             QCoreApplication::translate("Tributary::Store",
                                         "The mail database could not run a command (%1).")
                 .arg(query.lastError().databaseText()));
    return false;
}

bool execSql(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    qCWarning(lcStore) << "statement failed:" << sql << query.lastError().text();
    setError(error,
             QCoreApplication::translate("Tributary::Store",
                                         "The mail database could not run a command (%1).")
                 .arg(query.lastError().databaseText()));
    return false;
}

Transaction::Transaction(QSqlDatabase &db)
    : m_db(db)
{
    m_active = m_db.transaction();
    if (!m_active)
        qCWarning(lcStore) << "could not begin a transaction:" << m_db.lastError().text();
}

Transaction::~Transaction()
{
    if (m_active && !m_done)
        m_db.rollback();
}

bool Transaction::commit(QString *error)
{
    if (!m_active) {
        setError(error,
                 QCoreApplication::translate("Tributary::Store",
                                             "The mail database is busy or unavailable."));
        return false;
    }
    m_done = true;
    if (m_db.commit())
        return true;
    qCWarning(lcStore) << "commit failed:" << m_db.lastError().text();
    setError(error,
             QCoreApplication::translate("Tributary::Store",
                                         "The mail database could not save the change (%1).")
                 .arg(m_db.lastError().databaseText()));
    m_db.rollback();
    return false;
}

} // namespace StoreSql
} // namespace Tributary
