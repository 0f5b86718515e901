#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

namespace {

// LIKE pattern for a case-insensitive substring, with '\' as the escape character.
QString likePattern(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

qint64 Store::appendActivity(const ActivityEntry &entry)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!execBound(
            q,
            QStringLiteral(
                "INSERT INTO activity (time, area, level, source, message) VALUES (?, ?, ?, ?, ?)"),
            {(entry.time.isValid() ? entry.time : QDateTime::currentDateTimeUtc())
                 .toMSecsSinceEpoch(),
             entry.area, entry.level.isEmpty() ? QStringLiteral("info") : entry.level, entry.source,
             entry.message},
            nullptr))
        return -1;
    const qint64 id = q.lastInsertId().toLongLong();
    notify(Table::Activity);
    return id;
}

QList<ActivityEntry> Store::activity(const ActivityQuery &query) const
{
    QList<ActivityEntry> result;
    QString sql
        = QStringLiteral("SELECT id, time, area, level, source, message FROM activity WHERE 1 = 1");
    QVariantList binds;
    if (!query.area.isEmpty()) {
        sql += QStringLiteral(" AND area = ?");
        binds << query.area;
    }
    if (!query.source.isEmpty()) {
        sql += QStringLiteral(" AND source = ?");
        binds << query.source;
    }
    if (!query.search.isEmpty()) {
        sql += QStringLiteral(
            " AND (LOWER(message) LIKE ? ESCAPE '\\' OR LOWER(source) LIKE ? ESCAPE '\\')");
        const QString pattern = likePattern(query.search);
        binds << pattern << pattern;
    }
    if (query.beforeId > 0) {
        sql += QStringLiteral(" AND id < ?");
        binds << query.beforeId;
    }
    if (query.afterId > 0) {
        sql += QStringLiteral(" AND id > ?");
        binds << query.afterId;
    }
    // Entries are appended in time order, so the id orders them newest first cheaply.
    sql += QStringLiteral(" ORDER BY id DESC");
    if (query.limit > 0)
        sql += QStringLiteral(" LIMIT ") + QString::number(query.limit);
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q, sql, binds, nullptr))
        return result;
    while (q.next()) {
        ActivityEntry e;
        e.id = q.value(0).toLongLong();
        e.time = toDateTime(q.value(1));
        e.area = q.value(2).toString();
        e.level = q.value(3).toString();
        e.source = q.value(4).toString();
        e.message = q.value(5).toString();
        result.append(e);
    }
    return result;
}

QStringList Store::activityAreas() const
{
    QSqlDatabase db = database();
    return selectRows<QString>(db,
                               QStringLiteral("SELECT DISTINCT area FROM activity ORDER BY area"),
                               [](const QSqlQuery &q) { return q.value(0).toString(); });
}

} // namespace Tributary
