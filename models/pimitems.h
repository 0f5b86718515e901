#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>

namespace Tributary {

// Imported contacts, calendar events, tasks and notes: a few parsed fields for the lists,
// the raw vCard / iCalendar text as received, and where it came from (to resume imports
// without duplicates: (sourceAccount, sourceId) is unique per table).

struct Contact
{
    qint64 id = 0;
    QString uid; // vCard UID
    QString displayName;
    QString email;
    QString phone;
    QString organization;
    QString vcard;
    QUuid sourceAccount;
    QString sourceId; // href / item id at the source
};

struct CalendarEvent
{
    qint64 id = 0;
    QString uid; // iCalendar UID
    QString summary;
    QString location;
    QDateTime start;
    QDateTime end;
    bool allDay = false;
    QString icalendar;
    QUuid sourceAccount;
    QString sourceId;
};

struct TaskItem
{
    qint64 id = 0;
    QString uid;
    QString summary;
    QDateTime due;
    bool completed = false;
    int priority = 0; // iCalendar PRIORITY 0..9
    QString icalendar;
    QUuid sourceAccount;
    QString sourceId;
};

struct Note
{
    qint64 id = 0;
    QString uid;
    QString title;
    QString body;
    QDateTime modified;
    QUuid sourceAccount;
    QString sourceId;
};

} // namespace Tributary
