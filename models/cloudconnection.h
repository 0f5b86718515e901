#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace Tributary {

// A connected cloud storage account. Non-secret settings only (settings holds e.g. the
// WebDAV base URL); tokens live in the keychain.
struct CloudConnection
{
    QUuid uuid; // null before insert; Store::insertCloudConnection assigns one
    QString provider; // "dropbox", "onedrive", "gdrive", "owncloud", "vboxx", "leitzcloud"
    QString displayName;
    QString account; // the signed-in account's name or e-mail
    QString status; // "connected", "needs-sign-in", "error", ...
    QDateTime created;
    QJsonObject settings;
};

// A mailbox migration job (import of a whole account).
struct MigrationJob
{
    QUuid uuid; // null before insert; Store::insertMigrationJob assigns one
    QString provider;
    QJsonObject sourceSettings; // server names, user name, what to import; no secrets
    QString status; // "queued", "running", "paused", "finished", "failed", "cancelled"
    qint64 itemsDone = 0;
    qint64 itemsTotal = 0;
    qint64 itemsFailed = 0;
    qint64 bytesDone = 0;
    QDateTime started;
    QDateTime finished;
};

} // namespace Tributary
