#include "ewsfakeserver.h"

#include "scriptedserver.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QXmlStreamReader>

#include <functional>
#include <vector>

namespace Tributary::Testing {

namespace {

const QString kSoap = QStringLiteral("http://schemas.xmlsoap.org/soap/envelope/");
const QString kM = QStringLiteral("http://schemas.microsoft.com/exchange/services/2006/messages");
const QString kT = QStringLiteral("http://schemas.microsoft.com/exchange/services/2006/types");

class TlsServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        addPendingConnection(socket);
    }
};

QByteArray esc(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray envelope(const QByteArray &body)
{
    return QByteArrayLiteral(
               "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
               "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
               "<s:Header><h:ServerVersionInfo MajorVersion=\"15\" MinorVersion=\"1\" "
               "MajorBuildNumber=\"2507\" MinorBuildNumber=\"6\" Version=\"V2017_07_11\" "
               "xmlns:h=\"http://schemas.microsoft.com/exchange/services/2006/types\" "
               "xmlns=\"http://schemas.microsoft.com/exchange/services/2006/types\" "
               "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
               "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/></s:Header>"
               "<s:Body xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
               "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">")
        + body + QByteArrayLiteral("</s:Body></s:Envelope>");
}

QByteArray responseOpen(const QByteArray &operation)
{
    return "<m:" + operation
        + "Response xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\" "
          "xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\">"
          "<m:ResponseMessages>";
}

QByteArray responseClose(const QByteArray &operation)
{
    return "</m:ResponseMessages></m:" + operation + "Response>";
}

QByteArray errorMessage(const QByteArray &messageName, const QByteArray &code,
                        const QByteArray &text)
{
    return "<m:" + messageName + " ResponseClass=\"Error\"><m:MessageText>" + text
        + "</m:MessageText><m:ResponseCode>" + code
        + "</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:" + messageName + ">";
}

QByteArray soapFault(const QByteArray &code, const QByteArray &text, qint64 backOff = 0)
{
    QByteArray detail = "<e:ResponseCode "
                        "xmlns:e=\"http://schemas.microsoft.com/exchange/services/2006/errors\">"
        + code
        + "</e:ResponseCode><e:Message "
          "xmlns:e=\"http://schemas.microsoft.com/exchange/services/2006/errors\">"
        + text + "</e:Message>";
    if (backOff > 0)
        detail += "<t:MessageXml xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/"
                  "types\"><t:Value Name=\"BackOffMilliseconds\">"
            + QByteArray::number(backOff) + "</t:Value></t:MessageXml>";
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
           "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
           "<s:Fault><faultcode xmlns:a=\"http://schemas.microsoft.com/exchange/services/2006/"
           "types\">a:"
        + code + "</faultcode><faultstring xml:lang=\"en-US\">" + text + "</faultstring><detail>"
        + detail + "</detail></s:Fault></s:Body></s:Envelope>";
}

} // namespace

// A parsed request element.
struct FakeEwsServer::Node
{
    QString ns;
    QString name;
    QXmlStreamAttributes attributes;
    QString text;
    std::vector<Node> children;

    const Node *child(const QString &n, const QString &local) const
    {
        for (const Node &c : children) {
            if (c.ns == n && c.name == local)
                return &c;
        }
        return nullptr;
    }
    QStringList childNames() const
    {
        QStringList out;
        for (const Node &c : children)
            out.append(c.name);
        return out;
    }
};

FakeEwsServer::FakeEwsServer(QObject *parent)
    : QObject(parent)
    , m_server(new TlsServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeEwsServer::onNewConnection);
    FolderData root {newId("AAMkFolderRoot"),
                     QString(),
                     QStringLiteral("Top of Information Store"),
                     QStringLiteral("IPF.Note"),
                     QStringLiteral("msgfolderroot"),
                     {}};
    m_folders.append(root);
    const QList<QPair<QString, QString>> wellKnown {
        {QStringLiteral("inbox"), QStringLiteral("Inbox")},
        {QStringLiteral("sentitems"), QStringLiteral("Sent Items")},
        {QStringLiteral("drafts"), QStringLiteral("Drafts")},
        {QStringLiteral("deleteditems"), QStringLiteral("Deleted Items")},
        {QStringLiteral("junkemail"), QStringLiteral("Junk Email")},
    };
    for (const auto &w : wellKnown) {
        const QString id = addFolder(root.id, w.second);
        folderById(id)->distinguished = w.first;
    }
    addFolder(root.id, QStringLiteral("Calendar"), QStringLiteral("IPF.Appointment"));
}

FakeEwsServer::~FakeEwsServer() = default;

bool FakeEwsServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeEwsServer::port() const
{
    return m_server->serverPort();
}

QUrl FakeEwsServer::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("https"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    u.setPath(QStringLiteral("/EWS/Exchange.asmx"));
    return u;
}

void FakeEwsServer::setBasicCredentials(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
    m_bearer.clear();
}

void FakeEwsServer::setBearerToken(const QByteArray &token)
{
    m_bearer = token;
}

QString FakeEwsServer::newId(const char *prefix)
{
    // EWS ids are opaque base64-like strings; these keep a readable prefix.
    return QString::fromLatin1(prefix)
        + QStringLiteral("AAA%1=").arg(m_nextId++, 4, 10, QLatin1Char('0'));
}

FakeEwsServer::FolderData *FakeEwsServer::folderById(const QString &id)
{
    for (FolderData &f : m_folders) {
        if (f.id == id)
            return &f;
    }
    return nullptr;
}

QString FakeEwsServer::folderId(const QString &distinguishedOrName) const
{
    for (const FolderData &f : m_folders) {
        if (f.distinguished == distinguishedOrName)
            return f.id;
    }
    for (const FolderData &f : m_folders) {
        if (f.displayName == distinguishedOrName)
            return f.id;
    }
    return QString();
}

QString FakeEwsServer::addFolder(const QString &parentId, const QString &displayName,
                                 const QString &folderClass)
{
    FolderData f;
    f.id = newId("AAMkFolder");
    f.parentId = parentId;
    f.displayName = displayName;
    f.folderClass = folderClass;
    m_folders.append(f);
    return f.id;
}

QString FakeEwsServer::addMessage(const QString &folderId, const QByteArray &mime,
                                  const QDateTime &received, bool isRead)
{
    FolderData *f = folderById(folderId);
    if (!f) {
        fail(QStringLiteral("addMessage: no folder %1").arg(folderId));
        return QString();
    }
    Message m {newId("AAMkItem"), mime,
               received.isValid() ? received.toUTC() : QDateTime::currentDateTimeUtc(), isRead};
    f->items.append(m);
    return m.id;
}

void FakeEwsServer::removeItem(const QString &itemId)
{
    for (FolderData &f : m_folders) {
        for (qsizetype i = 0; i < f.items.size(); ++i) {
            if (f.items.at(i).id == itemId) {
                f.items.removeAt(i);
                return;
            }
        }
    }
}

void FakeEwsServer::invalidateSyncStates()
{
    m_syncStates.clear();
    m_syncStateFolder.clear();
}

void FakeEwsServer::failNext(const QString &operation, Fault fault)
{
    m_faults.insert(operation, fault);
}

void FakeEwsServer::fail(const QString &what)
{
    m_failures.append(what);
}

void FakeEwsServer::onNewConnection()
{
    while (QTcpSocket *s = m_server->nextPendingConnection()) {
        auto *socket = static_cast<QSslSocket *>(s);
        const QString dir = ScriptedServer::certificateDir();
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificateChain(
            QSslCertificate::fromData(readFile(dir + QStringLiteral("/server-cert.pem"))));
        conf.setPrivateKey(QSslKey(readFile(dir + QStringLiteral("/server-key.pem")), QSsl::Rsa));
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket->setSslConfiguration(conf);
        connect(socket, &QSslSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QSslSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        socket->startServerEncryption();
    }
}

void FakeEwsServer::onReadyRead(QSslSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end);
        qint64 length = 0;
        for (const QByteArray &line : head.split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("content-length:"))
                length = l.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        const QByteArray body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        handle(socket, head, body);
    }
}

void FakeEwsServer::handle(QSslSocket *socket, const QByteArray &head, const QByteArray &body)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    QByteArray authorization;
    QByteArray soapAction;
    QByteArray contentType;
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "authorization")
            authorization = value;
        else if (name == "soapaction")
            soapAction = value;
        else if (name == "content-type")
            contentType = value;
    }
    auto respond = [socket](int status, const QByteArray &reason, const QByteArray &payload,
                            const QByteArray &extraHeaders = QByteArray()) {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        out += extraHeaders;
        if (!payload.isEmpty())
            out += "Content-Type: text/xml; charset=utf-8\r\n";
        out += "Content-Length: " + QByteArray::number(payload.size()) + "\r\n\r\n" + payload;
        socket->write(out);
    };
    if (requestLine.value(0) != "POST" || requestLine.value(1) != "/EWS/Exchange.asmx") {
        fail(
            QStringLiteral("unexpected request line: %1").arg(QString::fromLatin1(lines.value(0))));
        respond(404, "Not Found", QByteArray());
        return;
    }
    m_authHeaders.append(authorization);
    bool authorized = false;
    if (!m_bearer.isEmpty())
        authorized = authorization == "Bearer " + m_bearer;
    else
        authorized = authorization
            == "Basic " + (m_user + QLatin1Char(':') + m_password).toUtf8().toBase64();
    if (!authorized) {
        ++m_unauthorized;
        respond(
            401, "Unauthorized", QByteArray(),
            m_bearer.isEmpty()
                ? QByteArrayLiteral("WWW-Authenticate: Basic realm=\"127.0.0.1\"\r\n")
                : QByteArrayLiteral("WWW-Authenticate: Bearer client_id=\"00000002-0000-0ff1-ce00-"
                                    "000000000000\", error=\"invalid_token\"\r\n"));
        return;
    }
    if (!contentType.startsWith("text/xml"))
        fail(QStringLiteral("Content-Type is %1, not text/xml")
                 .arg(QString::fromLatin1(contentType)));

    // Parse the request into a tree.
    Node root;
    {
        QXmlStreamReader reader(body);
        std::vector<Node *> stack;
        bool haveRoot = false;
        while (!reader.atEnd()) {
            const auto token = reader.readNext();
            if (token == QXmlStreamReader::StartElement) {
                Node *n = &root;
                if (!stack.empty()) {
                    stack.back()->children.emplace_back();
                    n = &stack.back()->children.back();
                } else if (haveRoot) {
                    break;
                }
                haveRoot = true;
                n->ns = reader.namespaceUri().toString();
                n->name = reader.name().toString();
                n->attributes = reader.attributes();
                stack.push_back(n);
            } else if (token == QXmlStreamReader::EndElement) {
                stack.pop_back();
            } else if (token == QXmlStreamReader::Characters && !stack.empty()) {
                stack.back()->text += reader.text();
            }
        }
        if (reader.hasError() || !haveRoot) {
            fail(QStringLiteral("request is not well-formed XML: %1").arg(reader.errorString()));
            respond(500, "Internal Server Error",
                    soapFault("ErrorSchemaValidation", "The request failed schema validation."));
            return;
        }
    }
    const Node *header = root.child(kSoap, QStringLiteral("Header"));
    const Node *soapBody = root.child(kSoap, QStringLiteral("Body"));
    const bool versioned = header && header->child(kT, QStringLiteral("RequestServerVersion"))
        && !header->child(kT, QStringLiteral("RequestServerVersion"))
                ->attributes.value(QStringLiteral("Version"))
                .isEmpty();
    if (root.ns != kSoap || root.name != QLatin1String("Envelope") || !soapBody
        || soapBody->children.size() != 1 || soapBody->children.front().ns != kM || !versioned) {
        fail(QStringLiteral("request is not an EWS SOAP envelope with RequestServerVersion: %1")
                 .arg(QString::fromUtf8(body.left(300))));
        respond(500, "Internal Server Error",
                soapFault("ErrorSchemaValidation", "The request failed schema validation."));
        return;
    }
    const Node &op = soapBody->children.front();
    m_operations.append(op.name);
    m_bodies.append(body);
    const QByteArray expectedAction
        = "\"http://schemas.microsoft.com/exchange/services/2006/messages/" + op.name.toLatin1()
        + '"';
    if (soapAction != expectedAction)
        fail(QStringLiteral("SOAPAction %1 does not match %2")
                 .arg(QString::fromLatin1(soapAction), op.name));

    if (m_faults.contains(op.name)) {
        const Fault fault = m_faults.take(op.name);
        switch (fault) {
        case Fault::ServerBusy:
            respond(500, "Internal Server Error",
                    soapFault("ErrorServerBusy",
                              "The server cannot service this request right now. Try again later.",
                              30000));
            return;
        case Fault::Malformed:
            respond(200, "OK",
                    envelope(responseOpen(op.name.toLatin1()) + "<m:" + op.name.toLatin1()
                             + "ResponseMessage ResponseClass=\"Succ"));
            return;
        case Fault::Http503:
            respond(503, "Service Unavailable", QByteArray());
            return;
        case Fault::InvalidSyncState:
            respond(200, "OK",
                    envelope(responseOpen(op.name.toLatin1())
                             + errorMessage(op.name.toLatin1() + "ResponseMessage",
                                            "ErrorInvalidSyncStateData",
                                            "Synchronization state data is corrupt or "
                                            "otherwise invalid.")
                             + responseClose(op.name.toLatin1())));
            return;
        }
    }
    int status = 200;
    const QByteArray payload = dispatch(op.name, op, &status);
    respond(status,
            status == 200 ? QByteArrayLiteral("OK") : QByteArrayLiteral("Internal Server Error"),
            payload);
}

QByteArray FakeEwsServer::dispatch(const QString &operation, const Node &op, int *status)
{
    // Children must appear in the order the messages schema defines.
    auto ordered = [&](const QStringList &schemaOrder, const QStringList &required) {
        int last = -1;
        for (const QString &name : op.childNames()) {
            const int at = int(schemaOrder.indexOf(name));
            if (at < 0 || at <= last) {
                fail(QStringLiteral("%1: element %2 unexpected or out of schema order (%3)")
                         .arg(operation, name, op.childNames().join(u',')));
                return false;
            }
            last = at;
        }
        for (const QString &r : required) {
            if (!op.child(kM, r)) {
                fail(QStringLiteral("%1: required element %2 missing").arg(operation, r));
                return false;
            }
        }
        return true;
    };
    bool valid = false;
    QByteArray out;
    if (operation == QLatin1String("GetFolder")) {
        valid = ordered({QStringLiteral("FolderShape"), QStringLiteral("FolderIds")},
                        {QStringLiteral("FolderShape"), QStringLiteral("FolderIds")});
        if (valid)
            out = getFolder(op);
    } else if (operation == QLatin1String("FindFolder")) {
        valid = ordered({QStringLiteral("FolderShape"), QStringLiteral("IndexedPageFolderView"),
                         QStringLiteral("FractionalPageFolderView"), QStringLiteral("Restriction"),
                         QStringLiteral("ParentFolderIds")},
                        {QStringLiteral("FolderShape"), QStringLiteral("ParentFolderIds")})
            && !op.attributes.value(QStringLiteral("Traversal")).isEmpty();
        if (valid)
            out = findFolder(op);
    } else if (operation == QLatin1String("SyncFolderItems")) {
        valid = ordered({QStringLiteral("ItemShape"), QStringLiteral("SyncFolderId"),
                         QStringLiteral("SyncState"), QStringLiteral("Ignore"),
                         QStringLiteral("MaxChangesReturned"), QStringLiteral("SyncScope")},
                        {QStringLiteral("ItemShape"), QStringLiteral("SyncFolderId"),
                         QStringLiteral("MaxChangesReturned")});
        if (valid)
            out = syncFolderItems(op);
    } else if (operation == QLatin1String("GetItem")) {
        valid = ordered({QStringLiteral("ItemShape"), QStringLiteral("ItemIds")},
                        {QStringLiteral("ItemShape"), QStringLiteral("ItemIds")});
        if (valid)
            out = getItem(op);
    } else {
        fail(QStringLiteral("unsupported operation %1").arg(operation));
    }
    if (!valid || out.isEmpty()) {
        *status = 500;
        return soapFault("ErrorSchemaValidation", "The request failed schema validation.");
    }
    return envelope(out);
}

QByteArray FakeEwsServer::folderXml(const FolderData &f) const
{
    int children = 0;
    for (const FolderData &c : m_folders)
        children += c.parentId == f.id ? 1 : 0;
    int unread = 0;
    for (const Message &m : f.items)
        unread += m.isRead ? 0 : 1;
    const QByteArray element
        = f.folderClass == QLatin1String("IPF.Appointment") ? "CalendarFolder" : "Folder";
    QByteArray out = "<t:" + element + "><t:FolderId Id=\"" + esc(f.id) + "\" ChangeKey=\"AQAAABYA"
        + QByteArray::number(f.items.size()) + "\"/>";
    if (!f.parentId.isEmpty())
        out += "<t:ParentFolderId Id=\"" + esc(f.parentId) + "\" ChangeKey=\"AQAAAA==\"/>";
    out += "<t:FolderClass>" + esc(f.folderClass) + "</t:FolderClass><t:DisplayName>"
        + esc(f.displayName) + "</t:DisplayName><t:TotalCount>" + QByteArray::number(f.items.size())
        + "</t:TotalCount><t:ChildFolderCount>" + QByteArray::number(children)
        + "</t:ChildFolderCount>";
    if (element == "Folder")
        out += "<t:UnreadCount>" + QByteArray::number(unread) + "</t:UnreadCount>";
    return out + "</t:" + element + ">";
}

QByteArray FakeEwsServer::getFolder(const Node &op)
{
    const Node *ids = op.child(kM, QStringLiteral("FolderIds"));
    if (!op.child(kM, QStringLiteral("FolderShape"))->child(kT, QStringLiteral("BaseShape"))) {
        fail(QStringLiteral("GetFolder: FolderShape without BaseShape"));
        return QByteArray();
    }
    QByteArray out = responseOpen("GetFolder");
    for (const Node &id : ids->children) {
        const QString value = id.attributes.value(QStringLiteral("Id")).toString();
        const FolderData *f = nullptr;
        if (id.ns == kT && id.name == QLatin1String("DistinguishedFolderId"))
            f = folderById(folderId(value));
        else if (id.ns == kT && id.name == QLatin1String("FolderId"))
            f = folderById(value);
        if (!f) {
            out += errorMessage("GetFolderResponseMessage", "ErrorFolderNotFound",
                                "The specified folder could not be found in the store.")
                       .replace("</m:GetFolderResponseMessage>",
                                "<m:Folders/></m:GetFolderResponseMessage>");
            continue;
        }
        out += "<m:GetFolderResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError"
               "</m:ResponseCode><m:Folders>"
            + folderXml(*f) + "</m:Folders></m:GetFolderResponseMessage>";
    }
    return out + responseClose("GetFolder");
}

QByteArray FakeEwsServer::findFolder(const Node &op)
{
    const Node *parents = op.child(kM, QStringLiteral("ParentFolderIds"));
    if (parents->children.size() != 1) {
        fail(QStringLiteral("FindFolder: expected one parent folder"));
        return QByteArray();
    }
    const Node &p = parents->children.front();
    const QString value = p.attributes.value(QStringLiteral("Id")).toString();
    const QString parentId
        = p.name == QLatin1String("DistinguishedFolderId") ? folderId(value) : value;
    const bool deep = op.attributes.value(QStringLiteral("Traversal")) == QLatin1String("Deep");
    // Collect descendants in depth-first order.
    QList<const FolderData *> found;
    std::function<void(const QString &)> walk = [&](const QString &id) {
        for (const FolderData &f : m_folders) {
            if (f.parentId == id) {
                found.append(&f);
                if (deep)
                    walk(f.id);
            }
        }
    };
    walk(parentId);
    int offset = 0;
    int max = int(found.size());
    if (const Node *view = op.child(kM, QStringLiteral("IndexedPageFolderView"))) {
        offset = view->attributes.value(QStringLiteral("Offset")).toInt();
        max = view->attributes.value(QStringLiteral("MaxEntriesReturned")).toInt();
        if (max <= 0)
            max = int(found.size());
    }
    const QList<const FolderData *> page = found.mid(offset, max);
    const int next = offset + int(page.size());
    const bool last = next >= found.size();
    QByteArray out = responseOpen("FindFolder")
        + "<m:FindFolderResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError"
          "</m:ResponseCode><m:RootFolder IndexedPagingOffset=\""
        + QByteArray::number(next) + "\" TotalItemsInView=\"" + QByteArray::number(found.size())
        + "\" IncludesLastItemInRange=\"" + (last ? "true" : "false") + "\"><t:Folders>";
    for (const FolderData *f : page)
        out += folderXml(*f);
    out += "</t:Folders></m:RootFolder></m:FindFolderResponseMessage>";
    return out + responseClose("FindFolder");
}

QByteArray FakeEwsServer::syncFolderItems(const Node &op)
{
    const Node *shape = op.child(kM, QStringLiteral("ItemShape"));
    const Node *target = op.child(kM, QStringLiteral("SyncFolderId"));
    if (!shape->child(kT, QStringLiteral("BaseShape")) || target->children.size() != 1) {
        fail(QStringLiteral("SyncFolderItems: ItemShape/BaseShape or SyncFolderId malformed"));
        return QByteArray();
    }
    const Node &t = target->children.front();
    const QString value = t.attributes.value(QStringLiteral("Id")).toString();
    const QString id = t.name == QLatin1String("DistinguishedFolderId") ? folderId(value) : value;
    FolderData *folder = folderById(id);
    const int max = op.child(kM, QStringLiteral("MaxChangesReturned"))->text.trimmed().toInt();
    if (max < 1 || max > 512) {
        fail(QStringLiteral("SyncFolderItems: MaxChangesReturned %1 out of 1..512").arg(max));
        return QByteArray();
    }
    if (!folder) {
        return responseOpen("SyncFolderItems")
            + errorMessage("SyncFolderItemsResponseMessage", "ErrorFolderNotFound",
                           "The specified folder could not be found in the store.")
            + responseClose("SyncFolderItems");
    }
    QSet<QString> known;
    if (const Node *state = op.child(kM, QStringLiteral("SyncState"))) {
        const QString s = state->text.trimmed();
        if (!m_syncStates.contains(s) || m_syncStateFolder.value(s) != folder->id) {
            return responseOpen("SyncFolderItems")
                + errorMessage("SyncFolderItemsResponseMessage", "ErrorInvalidSyncStateData",
                               "Synchronization state data is corrupt or otherwise invalid.")
                + responseClose("SyncFolderItems");
        }
        known = m_syncStates.value(s);
    }
    QByteArray changes;
    int count = 0;
    QSet<QString> present;
    for (const Message &m : std::as_const(folder->items))
        present.insert(m.id);
    for (const QString &k : QSet<QString>(known)) {
        if (count >= max)
            break;
        if (!present.contains(k)) {
            changes
                += "<t:Delete><t:ItemId Id=\"" + esc(k) + "\" ChangeKey=\"CQAAAA==\"/></t:Delete>";
            known.remove(k);
            ++count;
        }
    }
    bool last = true;
    for (const Message &m : std::as_const(folder->items)) {
        if (known.contains(m.id))
            continue;
        if (count >= max) {
            last = false;
            break;
        }
        changes += "<t:Create><t:Message><t:ItemId Id=\"" + esc(m.id)
            + "\" ChangeKey=\"CQAAABYAAAA=\"/></t:Message></t:Create>";
        known.insert(m.id);
        ++count;
    }
    const QString newState = QStringLiteral("H4sIAAAAAAAEAO29B2AcSZYlJi9tynt")
        + QString::number(m_nextId++) + QStringLiteral("/Iq");
    m_syncStates.insert(newState, known);
    m_syncStateFolder.insert(newState, folder->id);
    return responseOpen("SyncFolderItems")
        + "<m:SyncFolderItemsResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError"
          "</m:ResponseCode><m:SyncState>"
        + esc(newState) + "</m:SyncState><m:IncludesLastItemInRange>" + (last ? "true" : "false")
        + "</m:IncludesLastItemInRange><m:Changes>" + changes
        + "</m:Changes></m:SyncFolderItemsResponseMessage>" + responseClose("SyncFolderItems");
}

QByteArray FakeEwsServer::getItem(const Node &op)
{
    const Node *shape = op.child(kM, QStringLiteral("ItemShape"));
    const Node *mime = shape->child(kT, QStringLiteral("IncludeMimeContent"));
    const bool includeMime = mime && mime->text.trimmed() == QLatin1String("true");
    if (!shape->child(kT, QStringLiteral("BaseShape"))) {
        fail(QStringLiteral("GetItem: ItemShape without BaseShape"));
        return QByteArray();
    }
    QByteArray out = responseOpen("GetItem");
    for (const Node &id : op.child(kM, QStringLiteral("ItemIds"))->children) {
        const QString value = id.attributes.value(QStringLiteral("Id")).toString();
        const Message *found = nullptr;
        for (const FolderData &f : m_folders) {
            for (const Message &m : f.items) {
                if (m.id == value)
                    found = &m;
            }
        }
        if (!found) {
            out += errorMessage("GetItemResponseMessage", "ErrorItemNotFound",
                                "The specified object was not found in the store.")
                       .replace("</m:GetItemResponseMessage>",
                                "<m:Items/></m:GetItemResponseMessage>");
            continue;
        }
        out += "<m:GetItemResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError"
               "</m:ResponseCode><m:Items><t:Message>";
        if (includeMime) {
            out += "<t:MimeContent CharacterSet=\"UTF-8\">" + found->mime.toBase64()
                + "</t:MimeContent>";
            ++m_itemsServed;
        }
        out += "<t:ItemId Id=\"" + esc(found->id) + "\" ChangeKey=\"CQAAABYAAAA=\"/>"
            + "<t:DateTimeReceived>" + found->received.toString(Qt::ISODate).toLatin1()
            + "</t:DateTimeReceived>" + "<t:IsRead>" + (found->isRead ? "true" : "false")
            + "</t:IsRead>" + "</t:Message></m:Items></m:GetItemResponseMessage>";
    }
    return out + responseClose("GetItem");
}

} // namespace Tributary::Testing
