#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>

namespace Tributary {

// A device or client that synchronises with this mailbox (filled by the sync server).
struct Device
{
    QUuid uuid; // null before insert; Store::upsertDevice assigns one
    QString name;
    QString type; // client kind: "iOS Mail", "Thunderbird", "DAVx5", ...
    QString protocol; // "imap", "caldav", "carddav", ...
    QDateTime firstSeen;
    QDateTime lastSeen;
    QString lastIp;
};

// One sign-in attempt to the sync endpoints.
struct LoginRecord
{
    qint64 id = 0; // assigned by Store::insertLoginRecord
    QDateTime time;
    QString ip;
    QString protocol;
    QString client;
    QUuid deviceUuid; // null when no device is known
    bool success = false;
};

} // namespace Tributary
