#pragma once

// Internal helpers shared by the Store's .cpp files. Not installed, not for other layers.

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUuid>
#include <QVariant>

namespace Tributary {
namespace StoreSql {

// NULLs are bound as null variants (QVariant(QMetaType(...))); exec() binds a default
// QString as '' instead.

// Times are stored as milliseconds since the epoch (UTC); invalid = NULL.
inline QVariant fromDateTime(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch())
                          : QVariant(QMetaType(QMetaType::LongLong));
}

inline QDateTime toDateTime(const QVariant &value)
{
    if (value.isNull())
        return QDateTime();
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

inline QVariant fromUuid(const QUuid &uuid)
{
    return uuid.isNull() ? QVariant(QMetaType(QMetaType::QString))
                         : QVariant(uuid.toString(QUuid::WithoutBraces));
}

inline QUuid toUuid(const QVariant &value)
{
    return value.isNull() ? QUuid() : QUuid::fromString(value.toString());
}

// `time` cut to the milliseconds a stored time keeps, in UTC; an invalid time stays invalid.
inline QDateTime msPrecision(const QDateTime &time)
{
    return time.isValid() ? QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), Qt::UTC)
                          : time;
}

// Folder ids: 0 = none = NULL.
inline QVariant fromId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

inline QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

// Prepares and runs `query`; logs and fills *error on failure.
bool exec(QSqlQuery &query, QString *error);
bool prepare(QSqlQuery &query, const QString &sql, QString *error);
// Runs a statement without parameters.
bool execSql(QSqlDatabase &db, const QString &sql, QString *error);

// Rolls back unless commit() was called.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    bool isActive() const { return m_active; }
    bool commit(QString *error);

private:
    QSqlDatabase &m_db;
    bool m_active = false;
    bool m_done = false;
};

void setError(QString *error, const QString &text);

} // namespace StoreSql
} // namespace Tributary
