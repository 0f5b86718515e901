#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

namespace {

// Inserts, or updates the row with the same (source_account, source_id) when both are set.
// `columns` excludes id, source_account and source_id; `values` follows it.
qint64 upsert(QSqlDatabase &db, const QString &table, const QStringList &columns,
              const QVariantList &values, const QUuid &sourceAccount, const QString &sourceId,
              QString *error)
{
    Transaction transaction(db);
    qint64 existing = 0;
    if (!sourceAccount.isNull() && !sourceId.isEmpty()) {
        QSqlQuery find(db);
        if (!execBound(find,
                       QStringLiteral("SELECT id FROM ") + table
                           + QStringLiteral(" WHERE source_account = ? AND source_id = ?"),
                       {fromUuid(sourceAccount), sourceId}, error))
            return -1;
        if (find.next())
            existing = find.value(0).toLongLong();
    }
    QSqlQuery q(db);
    QString sql;
    if (existing > 0) {
        sql = QStringLiteral("UPDATE ") + table + QStringLiteral(" SET ")
            + columns.join(QStringLiteral(" = ?, ")) + QStringLiteral(" = ? WHERE id = ?");
    } else {
        QStringList marks;
        for (int i = 0; i < columns.size() + 2; ++i)
            marks.append(QStringLiteral("?"));
        sql = QStringLiteral("INSERT INTO ") + table + QStringLiteral(" (")
            + columns.join(QStringLiteral(", "))
            + QStringLiteral(", source_account, source_id) VALUES (")
            + marks.join(QStringLiteral(", ")) + QStringLiteral(")");
    }
    const QVariantList keys = existing > 0
        ? QVariantList {existing}
        : QVariantList {fromUuid(sourceAccount), nullableText(sourceId)};
    if (!execBound(q, sql, values + keys, error))
        return -1;
    const qint64 id = existing > 0 ? existing : q.lastInsertId().toLongLong();
    if (!transaction.commit(error))
        return -1;
    return id;
}

Contact readContact(const QSqlQuery &q)
{
    Contact c;
    c.id = q.value(0).toLongLong();
    c.uid = q.value(1).toString();
    c.displayName = q.value(2).toString();
    c.email = q.value(3).toString();
    c.phone = q.value(4).toString();
    c.organization = q.value(5).toString();
    c.vcard = q.value(6).toString();
    c.sourceAccount = toUuid(q.value(7));
    c.sourceId = q.value(8).toString();
    return c;
}

CalendarEvent readCalendarEvent(const QSqlQuery &q)
{
    CalendarEvent e;
    e.id = q.value(0).toLongLong();
    e.uid = q.value(1).toString();
    e.summary = q.value(2).toString();
    e.location = q.value(3).toString();
    e.start = toDateTime(q.value(4));
    e.end = toDateTime(q.value(5));
    e.allDay = q.value(6).toInt() != 0;
    e.icalendar = q.value(7).toString();
    e.sourceAccount = toUuid(q.value(8));
    e.sourceId = q.value(9).toString();
    return e;
}

TaskItem readTaskItem(const QSqlQuery &q)
{
    TaskItem t;
    t.id = q.value(0).toLongLong();
    t.uid = q.value(1).toString();
    t.summary = q.value(2).toString();
    t.due = toDateTime(q.value(3));
    t.completed = q.value(4).toInt() != 0;
    t.priority = q.value(5).toInt();
    t.icalendar = q.value(6).toString();
    t.sourceAccount = toUuid(q.value(7));
    t.sourceId = q.value(8).toString();
    return t;
}

Note readNote(const QSqlQuery &q)
{
    Note n;
    n.id = q.value(0).toLongLong();
    n.uid = q.value(1).toString();
    n.title = q.value(2).toString();
    n.body = q.value(3).toString();
    n.modified = toDateTime(q.value(4));
    n.sourceAccount = toUuid(q.value(5));
    n.sourceId = q.value(6).toString();
    return n;
}

} // namespace

qint64 Store::saveContact(const Contact &c, QString *errorMessage)
{
    QSqlDatabase db = database();
    const qint64 id
        = upsert(db, QStringLiteral("contacts"),
                 {QStringLiteral("uid"), QStringLiteral("display_name"), QStringLiteral("email"),
                  QStringLiteral("phone"), QStringLiteral("organization"), QStringLiteral("vcard")},
                 {c.uid, c.displayName, c.email, c.phone, c.organization, c.vcard}, c.sourceAccount,
                 c.sourceId, errorMessage);
    if (id > 0)
        notify(Table::Contacts);
    return id;
}

qint64 Store::saveEvent(const CalendarEvent &e, QString *errorMessage)
{
    QSqlDatabase db = database();
    const qint64 id
        = upsert(db, QStringLiteral("events"),
                 {QStringLiteral("uid"), QStringLiteral("summary"), QStringLiteral("location"),
                  QStringLiteral("start_time"), QStringLiteral("end_time"),
                  QStringLiteral("all_day"), QStringLiteral("icalendar")},
                 {e.uid, e.summary, e.location, fromDateTime(e.start), fromDateTime(e.end),
                  int(e.allDay), e.icalendar},
                 e.sourceAccount, e.sourceId, errorMessage);
    if (id > 0)
        notify(Table::Events);
    return id;
}

qint64 Store::saveTask(const TaskItem &t, QString *errorMessage)
{
    QSqlDatabase db = database();
    const qint64 id = upsert(
        db, QStringLiteral("tasks"),
        {QStringLiteral("uid"), QStringLiteral("summary"), QStringLiteral("due"),
         QStringLiteral("completed"), QStringLiteral("priority"), QStringLiteral("icalendar")},
        {t.uid, t.summary, fromDateTime(t.due), int(t.completed), t.priority, t.icalendar},
        t.sourceAccount, t.sourceId, errorMessage);
    if (id > 0)
        notify(Table::Tasks);
    return id;
}

qint64 Store::saveNote(const Note &n, QString *errorMessage)
{
    QSqlDatabase db = database();
    const qint64 id = upsert(db, QStringLiteral("notes"),
                             {QStringLiteral("uid"), QStringLiteral("title"),
                              QStringLiteral("body"), QStringLiteral("modified")},
                             {n.uid, n.title, n.body, fromDateTime(n.modified)}, n.sourceAccount,
                             n.sourceId, errorMessage);
    if (id > 0)
        notify(Table::Notes);
    return id;
}

QList<Contact> Store::contacts() const
{
    QSqlDatabase db = database();
    return selectRows<Contact>(
        db,
        QStringLiteral(
            "SELECT id, uid, display_name, email, phone, organization, vcard, source_account,"
            " source_id FROM contacts ORDER BY display_name, id"),
        readContact);
}

QList<CalendarEvent> Store::events() const
{
    QSqlDatabase db = database();
    return selectRows<CalendarEvent>(
        db,
        QStringLiteral(
            "SELECT id, uid, summary, location, start_time, end_time, all_day, icalendar,"
            " source_account, source_id FROM events ORDER BY start_time, id"),
        readCalendarEvent);
}

QList<TaskItem> Store::tasks() const
{
    QSqlDatabase db = database();
    return selectRows<TaskItem>(
        db,
        QStringLiteral(
            "SELECT id, uid, summary, due, completed, priority, icalendar, source_account,"
            " source_id FROM tasks ORDER BY completed, due, id"),
        readTaskItem);
}

QList<Note> Store::notes() const
{
    QSqlDatabase db = database();
    return selectRows<Note>(
        db,
        QStringLiteral("SELECT id, uid, title, body, modified, source_account, source_id FROM notes"
                       " ORDER BY modified DESC, id"),
        readNote);
}

} // namespace Tributary
