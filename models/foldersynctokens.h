#pragma once

#include <QHash>
#include <QString>
#include <QUuid>

namespace Tributary {

class Store;

// Opaque per-folder synchronization tokens of one retrieval task (table folder_sync_tokens,
// schema 6): the EWS SyncState of each source folder. A token is saved only after the
// messages it covers are durably stored, so a run that stops half-way asks again from the
// previous token and the message de-duplication keys skip what was already stored.
// Rows go with their task (ON DELETE CASCADE). Any thread, through Store::database().
namespace FolderSyncTokens {

// The token of (task, folder), or an empty string when none is saved.
QString token(const Store &store, const QUuid &task, const QString &sourceFolder);
// Every folder's token of a task.
QHash<QString, QString> tokens(const Store &store, const QUuid &task);
// Saves (insert or replace) the token; an empty token removes the row.
bool setToken(Store &store, const QUuid &task, const QString &sourceFolder, const QString &token,
              QString *errorMessage = nullptr);

} // namespace FolderSyncTokens
} // namespace Tributary
