#include "ewssoap.h"

#include "ewsxml.h"

#include <QXmlStreamWriter>

#include <functional>

namespace Tributary::Ews {

namespace {

const QString kSoap = QString::fromUtf16(soapNamespace);
const QString kMessages = QString::fromUtf16(messagesNamespace);
const QString kTypes = QString::fromUtf16(typesNamespace);
const QString kErrors = QString::fromUtf16(errorsNamespace);

// Writes the envelope around what `body` writes into soap:Body.
QByteArray envelope(const std::function<void(QXmlStreamWriter &)> &body)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(kSoap, QStringLiteral("soap"));
    w.writeNamespace(kMessages, QStringLiteral("m"));
    w.writeNamespace(kTypes, QStringLiteral("t"));
    w.writeStartElement(kSoap, QStringLiteral("Envelope"));
    w.writeStartElement(kSoap, QStringLiteral("Header"));
    w.writeEmptyElement(kTypes, QStringLiteral("RequestServerVersion"));
    w.writeAttribute(QStringLiteral("Version"), QStringLiteral("Exchange2010_SP2"));
    w.writeEndElement();
    w.writeStartElement(kSoap, QStringLiteral("Body"));
    body(w);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

void writeFieldUris(QXmlStreamWriter &w, const QStringList &uris)
{
    w.writeStartElement(kTypes, QStringLiteral("AdditionalProperties"));
    for (const QString &uri : uris) {
        w.writeEmptyElement(kTypes, QStringLiteral("FieldURI"));
        w.writeAttribute(QStringLiteral("FieldURI"), uri);
    }
    w.writeEndElement();
}

void writeFolderShape(QXmlStreamWriter &w)
{
    w.writeStartElement(kMessages, QStringLiteral("FolderShape"));
    w.writeTextElement(kTypes, QStringLiteral("BaseShape"), QStringLiteral("Default"));
    writeFieldUris(w,
                   {QStringLiteral("folder:ParentFolderId"), QStringLiteral("folder:FolderClass")});
    w.writeEndElement();
}

// The soap:Body of a parsed envelope, or nullptr (error says why).
const XmlNode *soapBody(const XmlNode &root, QString *error)
{
    if (!root.is(kSoap, u"Envelope")) {
        *error = QStringLiteral("not a SOAP envelope (document element %1)").arg(root.name);
        return nullptr;
    }
    const XmlNode *body = root.child(kSoap, u"Body");
    if (!body)
        *error = QStringLiteral("SOAP envelope without a Body");
    return body;
}

Status statusOf(const XmlNode &message)
{
    Status s;
    s.responseClass = message.attribute(u"ResponseClass");
    s.responseCode = message.childText(kMessages, u"ResponseCode").trimmed();
    s.messageText = message.childText(kMessages, u"MessageText").trimmed();
    if (const XmlNode *xml = message.child(kMessages, u"MessageXml")) {
        for (const XmlNode &v : xml->children) {
            if (v.is(kTypes, u"Value")
                && v.attribute(u"Name") == QLatin1String("BackOffMilliseconds"))
                s.backOffMilliseconds = v.text.trimmed().toLongLong();
        }
    }
    return s;
}

bool parseFaultNode(const XmlNode &body, Status *fault)
{
    const XmlNode *f = body.child(kSoap, u"Fault");
    if (!f)
        return false;
    fault->responseClass = QStringLiteral("Fault");
    // faultcode, faultstring and detail are unqualified in SOAP 1.1.
    fault->messageText = f->childText(QString(), u"faultstring").trimmed();
    QString code = f->childText(QString(), u"faultcode").trimmed();
    code = code.mid(code.indexOf(QLatin1Char(':')) + 1);
    fault->responseCode = code;
    if (const XmlNode *detail = f->child(QString(), u"detail")) {
        const QString detailed = detail->childText(kErrors, u"ResponseCode").trimmed();
        if (!detailed.isEmpty())
            fault->responseCode = detailed;
        const QString message = detail->childText(kErrors, u"Message").trimmed();
        if (!message.isEmpty())
            fault->messageText = message;
        if (const XmlNode *xml = detail->child(kTypes, u"MessageXml")) {
            for (const XmlNode &v : xml->children) {
                if (v.is(kTypes, u"Value")
                    && v.attribute(u"Name") == QLatin1String("BackOffMilliseconds"))
                    fault->backOffMilliseconds = v.text.trimmed().toLongLong();
            }
        }
    }
    return true;
}

// Parses `data`, returns the list of <m:XResponseMessage> nodes below
// <m:<operation>Response><m:ResponseMessages>, or nullptr with `error` set.
const XmlNode *responseMessages(const XmlNode &root, const QString &operation, Status *fault,
                                QString *error)
{
    const XmlNode *body = soapBody(root, error);
    if (!body)
        return nullptr;
    Status f;
    if (parseFaultNode(*body, &f)) {
        if (fault)
            *fault = f;
        *error = QStringLiteral("SOAP fault %1: %2").arg(f.responseCode, f.messageText);
        return nullptr;
    }
    const XmlNode *messages = body->path(
        kMessages,
        {QString(operation + QStringLiteral("Response")), QStringLiteral("ResponseMessages")});
    if (!messages)
        *error = QStringLiteral("no %1Response/ResponseMessages in the SOAP body").arg(operation);
    return messages;
}

Folder folderOf(const XmlNode &node)
{
    Folder f;
    if (const XmlNode *id = node.child(kTypes, u"FolderId")) {
        f.id = id->attribute(u"Id");
        f.changeKey = id->attribute(u"ChangeKey");
    }
    if (const XmlNode *parent = node.child(kTypes, u"ParentFolderId"))
        f.parentId = parent->attribute(u"Id");
    f.displayName = node.childText(kTypes, u"DisplayName");
    f.folderClass = node.childText(kTypes, u"FolderClass").trimmed();
    bool ok = false;
    const int total = node.childText(kTypes, u"TotalCount").trimmed().toInt(&ok);
    if (ok)
        f.totalCount = total;
    const int childCount = node.childText(kTypes, u"ChildFolderCount").trimmed().toInt(&ok);
    if (ok)
        f.childFolderCount = childCount;
    return f;
}

bool isFolderElement(const XmlNode &node)
{
    return node.namespaceUri == kTypes
        && (node.name == QLatin1String("Folder") || node.name == QLatin1String("CalendarFolder")
            || node.name == QLatin1String("ContactsFolder")
            || node.name == QLatin1String("SearchFolder")
            || node.name == QLatin1String("TasksFolder"));
}

bool parseDocument(const QByteArray &data, XmlNode *root, QString *error)
{
    QString why;
    if (!parseXml(data, root, &why)) {
        *error = QStringLiteral("malformed XML: ") + why;
        return false;
    }
    return true;
}

bool toBool(const QString &text)
{
    return text.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
        || text.trimmed() == QLatin1String("1");
}

} // namespace

bool Folder::isMailFolder() const
{
    return folderClass.isEmpty() || folderClass == QLatin1String("IPF.Note")
        || folderClass.startsWith(QLatin1String("IPF.Note."));
}

namespace Soap {

QByteArray getFolderRequest(const QStringList &distinguishedIds)
{
    return envelope([&](QXmlStreamWriter &w) {
        w.writeStartElement(kMessages, QStringLiteral("GetFolder"));
        writeFolderShape(w);
        w.writeStartElement(kMessages, QStringLiteral("FolderIds"));
        for (const QString &id : distinguishedIds) {
            w.writeEmptyElement(kTypes, QStringLiteral("DistinguishedFolderId"));
            w.writeAttribute(QStringLiteral("Id"), id);
        }
        w.writeEndElement();
        w.writeEndElement();
    });
}

QByteArray findFolderRequest(const QString &parentDistinguishedId, int offset, int pageSize)
{
    return envelope([&](QXmlStreamWriter &w) {
        w.writeStartElement(kMessages, QStringLiteral("FindFolder"));
        w.writeAttribute(QStringLiteral("Traversal"), QStringLiteral("Deep"));
        writeFolderShape(w);
        w.writeEmptyElement(kMessages, QStringLiteral("IndexedPageFolderView"));
        w.writeAttribute(QStringLiteral("MaxEntriesReturned"), QString::number(qMax(1, pageSize)));
        w.writeAttribute(QStringLiteral("Offset"), QString::number(qMax(0, offset)));
        w.writeAttribute(QStringLiteral("BasePoint"), QStringLiteral("Beginning"));
        w.writeStartElement(kMessages, QStringLiteral("ParentFolderIds"));
        w.writeEmptyElement(kTypes, QStringLiteral("DistinguishedFolderId"));
        w.writeAttribute(QStringLiteral("Id"), parentDistinguishedId);
        w.writeEndElement();
        w.writeEndElement();
    });
}

QByteArray syncFolderItemsRequest(const QString &folderId, const QString &syncState, int maxChanges)
{
    return envelope([&](QXmlStreamWriter &w) {
        w.writeStartElement(kMessages, QStringLiteral("SyncFolderItems"));
        w.writeStartElement(kMessages, QStringLiteral("ItemShape"));
        w.writeTextElement(kTypes, QStringLiteral("BaseShape"), QStringLiteral("IdOnly"));
        w.writeEndElement();
        w.writeStartElement(kMessages, QStringLiteral("SyncFolderId"));
        w.writeEmptyElement(kTypes, QStringLiteral("FolderId"));
        w.writeAttribute(QStringLiteral("Id"), folderId);
        w.writeEndElement();
        if (!syncState.isEmpty())
            w.writeTextElement(kMessages, QStringLiteral("SyncState"), syncState);
        w.writeTextElement(kMessages, QStringLiteral("MaxChangesReturned"),
                           QString::number(qBound(1, maxChanges, 512)));
        w.writeEndElement();
    });
}

QByteArray getItemRequest(const QStringList &itemIds)
{
    return envelope([&](QXmlStreamWriter &w) {
        w.writeStartElement(kMessages, QStringLiteral("GetItem"));
        w.writeStartElement(kMessages, QStringLiteral("ItemShape"));
        w.writeTextElement(kTypes, QStringLiteral("BaseShape"), QStringLiteral("IdOnly"));
        w.writeTextElement(kTypes, QStringLiteral("IncludeMimeContent"), QStringLiteral("true"));
        writeFieldUris(w,
                       {QStringLiteral("item:DateTimeReceived"), QStringLiteral("message:IsRead")});
        w.writeEndElement();
        w.writeStartElement(kMessages, QStringLiteral("ItemIds"));
        for (const QString &id : itemIds) {
            w.writeEmptyElement(kTypes, QStringLiteral("ItemId"));
            w.writeAttribute(QStringLiteral("Id"), id);
        }
        w.writeEndElement();
        w.writeEndElement();
    });
}

bool parseFault(const QByteArray &body, Status *fault)
{
    XmlNode root;
    QString error;
    if (!parseXml(body, &root, &error))
        return false;
    const XmlNode *b = soapBody(root, &error);
    return b && parseFaultNode(*b, fault);
}

bool parseGetFolderResponse(const QByteArray &body, QList<Folder> *folders, Status *status,
                            QString *error)
{
    XmlNode root;
    if (!parseDocument(body, &root, error))
        return false;
    const XmlNode *messages = responseMessages(root, QStringLiteral("GetFolder"), status, error);
    if (!messages)
        return false;
    folders->clear();
    *status = Status();
    status->responseClass = QStringLiteral("Success");
    for (const XmlNode &m : messages->children) {
        if (!m.is(kMessages, u"GetFolderResponseMessage"))
            continue;
        const Status s = statusOf(m);
        Folder folder;
        if (!s.isSuccess()) {
            if (status->isSuccess())
                *status = s; // the first failure; the other folders are still returned
        } else if (const XmlNode *list = m.child(kMessages, u"Folders")) {
            for (const XmlNode &f : list->children) {
                if (isFolderElement(f)) {
                    folder = folderOf(f);
                    break;
                }
            }
        }
        folders->append(folder);
    }
    return true;
}

bool parseFindFolderResponse(const QByteArray &body, FolderPage *page, QString *error)
{
    XmlNode root;
    if (!parseDocument(body, &root, error))
        return false;
    const XmlNode *messages
        = responseMessages(root, QStringLiteral("FindFolder"), &page->status, error);
    if (!messages)
        return false;
    const XmlNode *m = messages->child(kMessages, u"FindFolderResponseMessage");
    if (!m) {
        *error = QStringLiteral("no FindFolderResponseMessage");
        return false;
    }
    page->status = statusOf(*m);
    page->folders.clear();
    if (!page->status.isSuccess())
        return true;
    const XmlNode *rootFolder = m->child(kMessages, u"RootFolder");
    if (!rootFolder) {
        *error = QStringLiteral("FindFolderResponseMessage without RootFolder");
        return false;
    }
    page->includesLastItemInRange = toBool(rootFolder->attribute(u"IncludesLastItemInRange"));
    page->nextOffset = rootFolder->attribute(u"IndexedPagingOffset").toInt();
    if (const XmlNode *list = rootFolder->child(kTypes, u"Folders")) {
        for (const XmlNode &f : list->children) {
            if (isFolderElement(f)) {
                Folder folder = folderOf(f);
                if (f.name != QLatin1String("Folder") && folder.folderClass.isEmpty())
                    folder.folderClass = QStringLiteral("IPF.") + f.name; // not mail
                page->folders.append(folder);
            }
        }
    }
    return true;
}

bool parseSyncFolderItemsResponse(const QByteArray &body, SyncResult *result, QString *error)
{
    XmlNode root;
    if (!parseDocument(body, &root, error))
        return false;
    const XmlNode *messages
        = responseMessages(root, QStringLiteral("SyncFolderItems"), &result->status, error);
    if (!messages)
        return false;
    const XmlNode *m = messages->child(kMessages, u"SyncFolderItemsResponseMessage");
    if (!m) {
        *error = QStringLiteral("no SyncFolderItemsResponseMessage");
        return false;
    }
    *result = SyncResult();
    result->status = statusOf(*m);
    if (!result->status.isSuccess())
        return true;
    const XmlNode *state = m->child(kMessages, u"SyncState");
    if (!state || state->text.trimmed().isEmpty()) {
        *error = QStringLiteral("SyncFolderItemsResponseMessage without SyncState");
        return false;
    }
    result->syncState = state->text.trimmed();
    result->includesLastItemInRange = toBool(m->childText(kMessages, u"IncludesLastItemInRange"));
    const XmlNode *changes = m->child(kMessages, u"Changes");
    if (!changes)
        return true;
    for (const XmlNode &c : changes->children) {
        if (c.namespaceUri != kTypes)
            continue;
        if (c.name == QLatin1String("Delete")) {
            if (const XmlNode *id = c.child(kTypes, u"ItemId"))
                result->deleted.append(id->attribute(u"Id"));
            continue;
        }
        if (c.name == QLatin1String("ReadFlagChange")) {
            const XmlNode *id = c.child(kTypes, u"ItemId");
            if (id) {
                (toBool(c.childText(kTypes, u"IsRead")) ? result->readFlagSet
                                                        : result->readFlagCleared)
                    .append(id->attribute(u"Id"));
            }
            continue;
        }
        const bool create = c.name == QLatin1String("Create");
        if (!create && c.name != QLatin1String("Update"))
            continue;
        // Create/Update hold one item element (Message, Item, MeetingRequest...) with an ItemId.
        for (const XmlNode &item : c.children) {
            if (const XmlNode *id = item.child(kTypes, u"ItemId")) {
                (create ? result->created : result->updated).append(id->attribute(u"Id"));
                break;
            }
        }
    }
    return true;
}

bool parseGetItemResponse(const QByteArray &body, QList<Item> *items, QString *error)
{
    XmlNode root;
    if (!parseDocument(body, &root, error))
        return false;
    Status fault;
    const XmlNode *messages = responseMessages(root, QStringLiteral("GetItem"), &fault, error);
    if (!messages)
        return false;
    items->clear();
    for (const XmlNode &m : messages->children) {
        if (!m.is(kMessages, u"GetItemResponseMessage"))
            continue;
        Item item;
        item.status = statusOf(m);
        if (item.status.isSuccess()) {
            const XmlNode *list = m.child(kMessages, u"Items");
            const XmlNode *node
                = list && !list->children.empty() ? &list->children.front() : nullptr;
            if (!node) {
                *error = QStringLiteral("GetItemResponseMessage without an item");
                return false;
            }
            if (const XmlNode *id = node->child(kTypes, u"ItemId")) {
                item.id = id->attribute(u"Id");
                item.changeKey = id->attribute(u"ChangeKey");
            }
            const XmlNode *mime = node->child(kTypes, u"MimeContent");
            if (!mime) {
                *error = QStringLiteral("item %1 without MimeContent").arg(item.id);
                return false;
            }
            QByteArray encoded;
            encoded.reserve(mime->text.size());
            for (const QChar c : mime->text) {
                if (!c.isSpace())
                    encoded.append(char(c.unicode() < 0x80 ? c.unicode() : '!'));
            }
            const auto decoded
                = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                *error = QStringLiteral("item %1: MimeContent is not base64").arg(item.id);
                return false;
            }
            item.mimeContent = *decoded;
            item.dateTimeReceived = QDateTime::fromString(
                node->childText(kTypes, u"DateTimeReceived").trimmed(), Qt::ISODate);
            if (item.dateTimeReceived.isValid())
                item.dateTimeReceived = item.dateTimeReceived.toUTC();
            item.isRead = toBool(node->childText(kTypes, u"IsRead"));
        }
        items->append(item);
    }
    return true;
}

} // namespace Soap
} // namespace Tributary::Ews
