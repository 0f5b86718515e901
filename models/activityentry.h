#pragma once

#include <QDateTime>
#include <QString>

namespace Tributary {

// One line of the Activity log. Never holds credentials or tokens: callers redact first.
struct ActivityEntry
{
    qint64 id = 0; // assigned by Store::appendActivity
    QDateTime time; // invalid on append = now
    QString area; // "retrieval", "smtp", "migration", "sync", "cloud", ...
    QString level; // "info", "warning", "error"
    QString source; // task/account name or uuid
    QString message;
};

// Filter for Store::activity(). Results are newest first.
struct ActivityQuery
{
    QString area; // empty = every area
    QString search; // case-insensitive substring of message or source; empty = all
    QString source; // exact source; empty = every source
    int limit = 200; // <= 0 = no limit
    qint64 beforeId = 0; // > 0: only entries with id < beforeId (paging)
    qint64 afterId = 0; // > 0: only entries with id > afterId (new arrivals)
};

} // namespace Tributary
