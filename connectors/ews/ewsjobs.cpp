#include "ewsjobs.h"

#include "ewsclient.h"

#include <QMetaObject>
#include <QNetworkReply>

namespace Tributary::Ews {

Job::Job(Client *client, QObject *parent)
    : Net::Job(parent ? parent : client)
    , m_client(client)
{
}

Job::~Job()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void Job::start()
{
    if (m_started)
        return;
    m_started = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (isFinished())
                return;
            if (!m_client || !m_client->url().isValid() || m_client->url().host().isEmpty()) {
                finishWithError(Net::Error(Net::Error::Kind::Command, operation(),
                                           QStringLiteral("no EWS address")));
                return;
            }
            if (m_client->url().scheme() != QLatin1String("https") && !m_client->allowPlainHttp()) {
                Net::Error e(Net::Error::Kind::TlsNotOffered, operation());
                e.host = m_client->host();
                e.port = m_client->port();
                e.hint = tr("The Exchange address %1 is not encrypted (https), so no password "
                            "was sent.")
                             .arg(m_client->url().toDisplayString());
                finishWithError(e);
                return;
            }
            const QString invalid = validate();
            if (!invalid.isEmpty()) {
                Net::Error e(Net::Error::Kind::Command, operation());
                e.hint = invalid;
                finishWithError(e);
                return;
            }
            send();
        },
        Qt::QueuedConnection);
}

void Job::send()
{
    m_reply = m_client->post(requestBody(), operation());
    connect(m_reply, &QNetworkReply::finished, this, &Job::onReplyFinished);
}

void Job::cancel()
{
    if (isFinished())
        return;
    Net::Job::cancel();
}

void Job::aboutToFinish()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

Net::Error Job::protocolError(const QString &detail) const
{
    Net::Error e(Net::Error::Kind::ProtocolViolation, operation());
    if (m_client) {
        e.host = m_client->host();
        e.port = m_client->port();
    }
    e.detail = detail;
    return e;
}

Net::Error Job::statusError(const Status &status)
{
    m_status = status;
    Net::Error e(Net::Error::Kind::Command, operation(),
                 status.messageText.isEmpty()
                     ? status.responseCode
                     : status.responseCode + QStringLiteral(": ") + status.messageText);
    if (m_client) {
        e.host = m_client->host();
        e.port = m_client->port();
    }
    if (status.responseCode == QLatin1String("ErrorServerBusy")) {
        e.hint = tr("The Exchange server %1 is busy. Tributary tries again later.").arg(e.host);
    } else if (status.responseCode == QLatin1String("ErrorInvalidSyncStateData")) {
        e.hint = tr("Exchange no longer accepts the saved synchronization state of a folder.");
    } else if (status.responseCode == QLatin1String("ErrorAccessDenied")
               || status.responseCode == QLatin1String("ErrorNonExistentMailbox")) {
        e.kind = Net::Error::Kind::Authentication;
        e.hint = tr("Exchange refused access to the mailbox: %1").arg(status.messageText);
    }
    return e;
}

void Job::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || isFinished())
        return;
    m_reply = nullptr;
    reply->deleteLater();
    const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    qCDebug(lcEws) << operation() << "HTTP" << http << body.size() << "bytes";
    // EWS answers faults (ErrorServerBusy, schema errors) with HTTP 500 and a SOAP body.
    if (http == 500 || (http == 200 && reply->error() == QNetworkReply::NoError)) {
        Status fault;
        if (Soap::parseFault(body, &fault)) {
            finishWithError(statusError(fault));
            return;
        }
    }
    if (reply->error() != QNetworkReply::NoError || http != 200) {
        Net::Error e = m_client->transportError(reply, operation());
        if (!e.isError()) {
            e = protocolError(QStringLiteral("HTTP status %1").arg(http));
        }
        if (http == 500 && e.kind == Net::Error::Kind::Command)
            e.detail += QStringLiteral("; body: ") + QString::fromUtf8(body.left(200));
        finishWithError(e);
        return;
    }
    bool again = false;
    const Net::Error e = parseResponse(body, &again);
    if (e.isError()) {
        finishWithError(e);
        return;
    }
    if (again) {
        send();
        return;
    }
    finishSuccess(QStringLiteral("%1 done").arg(operation()));
}

// ---- ListFoldersJob ----

QStringList ListFoldersJob::wellKnown()
{
    return {QStringLiteral("msgfolderroot"), QStringLiteral("inbox"),
            QStringLiteral("sentitems"),     QStringLiteral("drafts"),
            QStringLiteral("deleteditems"),  QStringLiteral("junkemail")};
}

QString ListFoldersJob::operation() const
{
    return m_finding ? QStringLiteral("FindFolder") : QStringLiteral("GetFolder");
}

QByteArray ListFoldersJob::requestBody() const
{
    if (!m_finding)
        return Soap::getFolderRequest(wellKnown());
    return Soap::findFolderRequest(QStringLiteral("msgfolderroot"), m_offset, m_pageSize);
}

Net::Error ListFoldersJob::parseResponse(const QByteArray &body, bool *again)
{
    QString error;
    if (!m_finding) {
        QList<Folder> folders;
        Status status;
        if (!Soap::parseGetFolderResponse(body, &folders, &status, &error))
            return protocolError(error);
        const QStringList names = wellKnown();
        if (folders.size() != names.size())
            return protocolError(QStringLiteral("GetFolder answered %1 of %2 folders")
                                     .arg(folders.size())
                                     .arg(names.size()));
        if (folders.first().id.isEmpty()) // msgfolderroot itself failed
            return statusError(status);
        m_rootId = folders.first().id;
        for (int i = 1; i < folders.size(); ++i) {
            if (!folders.at(i).id.isEmpty())
                m_distinguished.insert(folders.at(i).id, names.at(i));
        }
        m_finding = true;
        *again = true;
        return Net::Error();
    }
    FolderPage page;
    if (!Soap::parseFindFolderResponse(body, &page, &error))
        return protocolError(error);
    if (!page.status.isSuccess())
        return statusError(page.status);
    m_found += page.folders;
    if (!page.includesLastItemInRange) {
        if (page.nextOffset <= m_offset)
            return protocolError(QStringLiteral("FindFolder paging does not advance"));
        m_offset = page.nextOffset;
        *again = true;
        return Net::Error();
    }
    // Keep mail folders whose ancestors are mail folders too, parents before children.
    QHash<QString, Folder> byId;
    for (const Folder &f : std::as_const(m_found))
        byId.insert(f.id, f);
    QSet<QString> placed {m_rootId};
    bool progress = true;
    while (progress) {
        progress = false;
        for (Folder f : std::as_const(m_found)) {
            if (placed.contains(f.id) || !placed.contains(f.parentId) || !f.isMailFolder())
                continue;
            f.distinguishedId = m_distinguished.value(f.id);
            m_folders.append(f);
            placed.insert(f.id);
            progress = true;
        }
    }
    return Net::Error();
}

// ---- SyncFolderItemsJob ----

QString SyncFolderItemsJob::operation() const
{
    return QStringLiteral("SyncFolderItems");
}

QByteArray SyncFolderItemsJob::requestBody() const
{
    return Soap::syncFolderItemsRequest(m_folderId, m_syncState, m_maxChanges);
}

QString SyncFolderItemsJob::validate() const
{
    return m_folderId.isEmpty() ? tr("No Exchange folder was given.") : QString();
}

Net::Error SyncFolderItemsJob::parseResponse(const QByteArray &body, bool *)
{
    QString error;
    SyncResult result;
    if (!Soap::parseSyncFolderItemsResponse(body, &result, &error))
        return protocolError(error);
    m_result = result;
    if (!result.status.isSuccess())
        return statusError(result.status);
    return Net::Error();
}

// ---- GetItemJob ----

QString GetItemJob::operation() const
{
    return QStringLiteral("GetItem");
}

QByteArray GetItemJob::requestBody() const
{
    return Soap::getItemRequest(m_ids);
}

QString GetItemJob::validate() const
{
    return m_ids.isEmpty() ? tr("No Exchange items were given.") : QString();
}

Net::Error GetItemJob::parseResponse(const QByteArray &body, bool *)
{
    QString error;
    QList<Item> items;
    if (!Soap::parseGetItemResponse(body, &items, &error))
        return protocolError(error);
    if (items.size() != m_ids.size())
        return protocolError(
            QStringLiteral("GetItem answered %1 of %2 items").arg(items.size()).arg(m_ids.size()));
    for (const Item &item : std::as_const(items)) {
        if (!item.status.isSuccess()
            && item.status.responseCode != QLatin1String("ErrorItemNotFound"))
            return statusError(item.status);
    }
    m_items = items;
    return Net::Error();
}

} // namespace Tributary::Ews
