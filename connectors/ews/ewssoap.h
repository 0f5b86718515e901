#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Tributary::Ews {

// Request bodies and response parsers of the Exchange Web Services operations Tributary
// uses, following Microsoft's documented SOAP shapes (messages and types schemas,
// RequestServerVersion Exchange2010_SP2). Pure functions: bytes in, typed values out.

// A mail-capable folder as GetFolder / FindFolder return it.
struct Folder
{
    QString id;
    QString changeKey;
    QString parentId;
    QString displayName;
    QString folderClass; // "IPF.Note" for mail; empty when the server omits it
    QString distinguishedId; // "inbox", "sentitems"... when asked for by that name
    int totalCount = -1;
    int childFolderCount = -1;
    // Holds mail (IPF.Note or a subclass; a folder without class counts as mail too).
    bool isMailFolder() const;
};

// The outcome of one response message (ResponseClass + ResponseCode), or of a SOAP fault.
struct Status
{
    QString responseClass; // Success, Warning, Error; "Fault" for a SOAP fault
    QString responseCode; // NoError, ErrorInvalidSyncStateData, ErrorServerBusy, ...
    QString messageText;
    qint64 backOffMilliseconds = 0; // ErrorServerBusy: how long to wait (MessageXml)
    bool isSuccess() const { return responseClass == QLatin1String("Success"); }
};

// One page of SyncFolderItems changes.
struct SyncResult
{
    Status status;
    QString syncState;
    bool includesLastItemInRange = true;
    QStringList created; // item ids, in the server's order
    QStringList updated;
    QStringList deleted;
    QStringList readFlagSet; // ReadFlagChange IsRead=true
    QStringList readFlagCleared;
};

// One item fetched by GetItem with its MIME content.
struct Item
{
    Status status; // per item: ErrorItemNotFound when it vanished meanwhile
    QString id;
    QString changeKey;
    QByteArray mimeContent; // decoded (RFC 5322 bytes)
    QDateTime dateTimeReceived; // UTC; invalid when absent
    bool isRead = false;
};

struct FolderPage
{
    Status status;
    QList<Folder> folders;
    bool includesLastItemInRange = true;
    int nextOffset = 0;
};

namespace Soap {

// --- request bodies (complete SOAP envelopes, UTF-8) ---
// GetFolder for distinguished folder ids ("msgfolderroot", "inbox", "sentitems", ...).
QByteArray getFolderRequest(const QStringList &distinguishedIds);
// FindFolder, deep traversal below `parentDistinguishedId`, one page from `offset`.
QByteArray findFolderRequest(const QString &parentDistinguishedId, int offset, int pageSize);
// SyncFolderItems for one folder; no SyncState element when syncState is empty (first sync).
// maxChanges is clamped to 1..512 (the schema's range).
QByteArray syncFolderItemsRequest(const QString &folderId, const QString &syncState,
                                  int maxChanges);
// GetItem with IncludeMimeContent, DateTimeReceived and IsRead.
QByteArray getItemRequest(const QStringList &itemIds);

// --- response parsers ---
// Each returns false (and a reason in `error`) when the body is not a SOAP envelope with
// the expected response element; a SOAP fault is parsed into `fault` and also returns false
// with `error` naming it, so callers check fault->responseCode first.
bool parseFault(const QByteArray &body, Status *fault);
// One Folder per GetFolderResponseMessage, in request order (an empty Folder for a failed
// one; `status` is then the first failure, else Success).
bool parseGetFolderResponse(const QByteArray &body, QList<Folder> *folders, Status *status,
                            QString *error);
bool parseFindFolderResponse(const QByteArray &body, FolderPage *page, QString *error);
bool parseSyncFolderItemsResponse(const QByteArray &body, SyncResult *result, QString *error);
// One Item per GetItemResponseMessage, in request order.
bool parseGetItemResponse(const QByteArray &body, QList<Item> *items, QString *error);

} // namespace Soap
} // namespace Tributary::Ews
