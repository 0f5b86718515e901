#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

class QSslSocket;
class QTcpServer;

// FakeEwsServer: an in-process Exchange Web Services endpoint for tests of the EWS client.
//
// It listens on 127.0.0.1 (HTTPS with the test certificate of ScriptedServer, signed by the
// test CA; port 0), speaks HTTP/1.1 with keep-alive, and answers POST /EWS/Exchange.asmx in
// the SOAP shapes Microsoft documents for GetFolder, FindFolder (Traversal Deep, indexed
// paging), SyncFolderItems (SyncState, MaxChangesReturned, IncludesLastItemInRange,
// Create/Delete changes) and GetItem (IncludeMimeContent as base64, DateTimeReceived,
// IsRead; ErrorItemNotFound per item). It holds a small mailbox the test fills: the
// well-known folders (msgfolderroot, inbox, sentitems, drafts, deleteditems, junkemail, a
// calendar that is not mail), folders the test adds, and messages.
//
// Requests are checked against the schema's shape (envelope, RequestServerVersion, the
// operation element in the messages namespace, its children in schema order, the SOAPAction
// header); a request that does not conform is answered with an ErrorSchemaValidation fault
// and recorded in failures().
//
// Authentication: HTTP Basic with the configured user and password (401 with
// `WWW-Authenticate: Basic realm=...` otherwise), or, after setBearerToken(), only
// "Authorization: Bearer <token>" (401 with `WWW-Authenticate: Bearer ...` otherwise).
// Fault injection: failNext(operation, fault) makes the next request of that operation
// answer with a documented error (ErrorServerBusy as HTTP 500 SOAP fault with
// BackOffMilliseconds, ErrorInvalidSyncStateData as an Error response message), a
// malformed body, or a bare HTTP 503.
// Threading: the test's thread; no blocking. Destroying it closes every connection.
namespace Tributary::Testing {

class FakeEwsServer : public QObject
{
    Q_OBJECT
public:
    enum class Fault { ServerBusy, InvalidSyncState, Malformed, Http503 };
    Q_ENUM(Fault)

    explicit FakeEwsServer(QObject *parent = nullptr);
    ~FakeEwsServer() override;

    bool listen();
    quint16 port() const;
    QUrl url() const; // https://127.0.0.1:<port>/EWS/Exchange.asmx

    void setBasicCredentials(const QString &user, const QString &password);
    void setBearerToken(const QByteArray &token);

    // The id of a well-known folder ("inbox", "msgfolderroot"...) or of an added folder by
    // display name.
    QString folderId(const QString &distinguishedOrName) const;
    // Adds a folder below parentId; returns its id.
    QString addFolder(const QString &parentId, const QString &displayName,
                      const QString &folderClass = QStringLiteral("IPF.Note"));
    // Adds a message; returns its item id.
    QString addMessage(const QString &folderId, const QByteArray &mime,
                       const QDateTime &received = QDateTime(), bool isRead = false);
    void removeItem(const QString &itemId);
    // Forgets every SyncState handed out (the next use gets ErrorInvalidSyncStateData).
    void invalidateSyncStates();

    void failNext(const QString &operation, Fault fault);

    // ---- what happened ----
    QStringList operations() const { return m_operations; } // in arrival order
    QList<QByteArray> requestBodies() const { return m_bodies; }
    QStringList failures() const { return m_failures; }
    int unauthorizedCount() const { return m_unauthorized; }
    QList<QByteArray> authorizationHeaders() const { return m_authHeaders; }
    int itemsServed() const { return m_itemsServed; } // MIME contents sent by GetItem

private:
    struct Node;
    struct Message
    {
        QString id;
        QByteArray mime;
        QDateTime received;
        bool isRead = false;
    };
    struct FolderData
    {
        QString id;
        QString parentId;
        QString displayName;
        QString folderClass;
        QString distinguished;
        QList<Message> items;
    };

    void onNewConnection();
    void onReadyRead(QSslSocket *socket);
    void handle(QSslSocket *socket, const QByteArray &head, const QByteArray &body);
    QByteArray dispatch(const QString &operation, const Node &request, int *status);
    QByteArray getFolder(const Node &op);
    QByteArray findFolder(const Node &op);
    QByteArray syncFolderItems(const Node &op);
    QByteArray getItem(const Node &op);
    QString newId(const char *prefix);
    void fail(const QString &what);
    QByteArray folderXml(const FolderData &f) const;
    FolderData *folderById(const QString &id);

    QTcpServer *m_server = nullptr;
    QHash<QSslSocket *, QByteArray> m_buffers;
    QList<FolderData> m_folders;
    QHash<QString, QSet<QString>> m_syncStates; // state -> item ids the client knows
    QHash<QString, QString> m_syncStateFolder; // state -> folder id
    QHash<QString, Fault> m_faults;
    QString m_user = QStringLiteral("user");
    QString m_password = QStringLiteral("password");
    QByteArray m_bearer;
    QStringList m_operations;
    QList<QByteArray> m_bodies;
    QStringList m_failures;
    QList<QByteArray> m_authHeaders;
    int m_unauthorized = 0;
    int m_itemsServed = 0;
    int m_nextId = 1;
};

} // namespace Tributary::Testing
