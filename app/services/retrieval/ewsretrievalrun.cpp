#include "ewsretrievalrun.h"

#include "app/services/activitylogger.h"
#include "app/services/secretstore.h"
#include "connectors/ews/ewsclient.h"
#include "connectors/ews/ewsjobs.h"
#include "connectors/mime/mimeheaders.h"
#include "connectors/mime/mimemessage.h"
#include "models/foldersynctokens.h"
#include "models/store.h"

#include <QMetaObject>

namespace Tributary {

namespace {

// Index fields from the message's header block.
void fillFromHeaders(MessageRecord &record, const QByteArray &content)
{
    qsizetype end = content.indexOf("\r\n\r\n");
    if (end < 0)
        end = content.indexOf("\n\n");
    const Mime::Message message
        = Mime::Message::fromData((end < 0 ? content : content.left(end + 2)) + "\r\n");
    if (!message.isValid())
        return;
    const Mime::MessageHeaders h = message.headers();
    QStringList from;
    for (const Mime::Address &a : h.from)
        from.append(a.toDisplayString());
    QStringList to;
    for (const Mime::Address &a : h.to + h.cc)
        to.append(a.toDisplayString());
    record.sender = from.join(QStringLiteral(", "));
    record.recipients = to.join(QStringLiteral(", "));
    record.subject = h.subject;
    record.sentDate = h.date;
    record.messageId = h.messageId;
    record.inReplyTo = h.inReplyTo;
}

Folder::SpecialUse specialUseOf(const QString &distinguished)
{
    if (distinguished == QLatin1String("inbox"))
        return Folder::SpecialUse::Inbox;
    if (distinguished == QLatin1String("sentitems"))
        return Folder::SpecialUse::Sent;
    if (distinguished == QLatin1String("drafts"))
        return Folder::SpecialUse::Drafts;
    if (distinguished == QLatin1String("deleteditems"))
        return Folder::SpecialUse::Deleted;
    if (distinguished == QLatin1String("junkemail"))
        return Folder::SpecialUse::Junk;
    return Folder::SpecialUse::None;
}

} // namespace

EwsRetrievalRun::EwsRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                                 QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_logger(logger)
{
}

EwsRetrievalRun::~EwsRetrievalRun()
{
    if (m_secretJob)
        m_secretJob->cancel();
    delete m_client; // its jobs are its children
}

void EwsRetrievalRun::start()
{
    if (m_started)
        return;
    m_started = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_done)
                return;
            if (m_task.uuid.isNull() || m_task.kind != RetrievalTask::Kind::Exchange
                || m_task.server.isEmpty() || m_task.username.isEmpty()) {
                fail(Error::InvalidTask,
                     tr("This retrieval task cannot run: it needs an Exchange server and a "
                        "user name."),
                     RetrievalTask::kindName(m_task.kind));
                return;
            }
            if (m_hasGivenSecret) {
                if (!m_secretError.isEmpty())
                    fail(Error::NoPassword, m_secretError, m_secretErrorDetails);
                else
                    signIn(m_givenSecret.toUtf8());
                return;
            }
            const SecretKind kind = m_task.authKind == RetrievalTask::AuthKind::OAuth
                ? SecretKind::OAuthAccessToken
                : SecretKind::Password;
            m_secretJob = m_secrets.read(kind, m_task.uuid.toString(QUuid::WithoutBraces));
            connect(m_secretJob, &SecretJob::finished, this, &EwsRetrievalRun::onSecret);
        },
        Qt::QueuedConnection);
}

void EwsRetrievalRun::cancel()
{
    fail(Error::Cancelled, tr("The retrieval was cancelled."), QStringLiteral("cancelled"));
}

void EwsRetrievalRun::onSecret(SecretJob *job)
{
    if (m_done)
        return;
    const bool oauth = m_task.authKind == RetrievalTask::AuthKind::OAuth;
    if (job->error() != SecretJob::Error::NoError) {
        QString message = job->errorString();
        if (job->error() == SecretJob::Error::NotFound)
            message = oauth ? tr("This task is not signed in. Sign in again in the task's "
                                 "settings.")
                            : tr("No password is stored for this task. Enter it in the task's "
                                 "settings.");
        fail(Error::NoPassword, message, job->details());
        return;
    }
    signIn(job->secret());
}

void EwsRetrievalRun::signIn(const QByteArray &secret)
{
    const bool oauth = m_task.authKind == RetrievalTask::AuthKind::OAuth;
    m_client = new Ews::Client;
    m_client->setUrl(Ews::Client::urlForServer(m_task.server, m_task.port,
                                               m_task.security != RetrievalTask::Security::None));
    m_client->setAllowPlainHttp(m_task.security == RetrievalTask::Security::None);
    m_client->setExtraCaCertificates(m_extraCa);
    m_client->setTimeout(m_timeoutMs);
    if (oauth)
        m_client->setBearerToken(secret);
    else
        m_client->setCredentials(m_task.username, QString::fromUtf8(secret));
    auto *list = new Ews::ListFoldersJob(m_client);
    connect(list, &Net::Job::finished, this, &EwsRetrievalRun::onListed);
    m_job = list;
    list->start();
}

void EwsRetrievalRun::onListed(Net::Job *job)
{
    if (m_done || netFailed(job))
        return;
    const auto *list = static_cast<Ews::ListFoldersJob *>(job);
    m_folders = list->folders();
    m_rootId = list->rootFolderId();
    for (const Ews::Folder &f : std::as_const(m_folders))
        m_byId.insert(f.id, f);
    m_details = QStringLiteral("%1 folders").arg(m_folders.size());
    m_known = m_store.knownUidls(m_task.uuid);
    nextFolder();
}

qint64 EwsRetrievalRun::localFolderFor(const Ews::Folder &folder, QString *error)
{
    if (m_task.folderTransfer == RetrievalTask::FolderTransfer::Off) {
        if (m_task.destinationFolderId > 0 && m_store.folder(m_task.destinationFolderId))
            return m_task.destinationFolderId;
        return m_store.specialFolder(Folder::SpecialUse::Inbox);
    }
    if (m_localFolders.contains(folder.id))
        return m_localFolders.value(folder.id);
    qint64 local = -1;
    const bool topLevel = folder.parentId == m_rootId || !m_byId.contains(folder.parentId);
    const qint64 base = m_task.transferParentFolderId;
    const Folder::SpecialUse special = specialUseOf(folder.distinguishedId);
    if (base == 0 && special != Folder::SpecialUse::None && m_store.specialFolder(special) > 0) {
        local = m_store.specialFolder(special);
    } else {
        const qint64 parent
            = topLevel ? base : localFolderFor(m_byId.value(folder.parentId), error);
        if (parent < 0)
            return -1;
        local = m_store.createFolder(parent, folder.displayName, error);
    }
    if (local > 0)
        m_localFolders.insert(folder.id, local);
    return local;
}

void EwsRetrievalRun::nextFolder()
{
    if (m_done)
        return;
    ++m_folderIndex;
    if (m_folderIndex >= m_folders.size()) {
        finish();
        return;
    }
    m_current = m_folders.at(m_folderIndex);
    QString error;
    m_localFolder = localFolderFor(m_current, &error);
    if (m_localFolder <= 0) {
        fail(Error::Storage,
             tr("The local folder for %1 could not be created.").arg(m_current.displayName), error);
        return;
    }
    Q_EMIT progress(m_folderIndex, m_folders.size());
    m_restarted = false;
    m_syncState = FolderSyncTokens::token(m_store, m_task.uuid, m_current.id);
    syncPage();
}

void EwsRetrievalRun::syncPage()
{
    auto *sync = new Ews::SyncFolderItemsJob(m_client);
    sync->setFolderId(m_current.id);
    sync->setSyncState(m_syncState);
    sync->setMaxChanges(m_syncPage);
    connect(sync, &Net::Job::finished, this, &EwsRetrievalRun::onSynced);
    m_job = sync;
    sync->start();
}

void EwsRetrievalRun::onSynced(Net::Job *job)
{
    if (m_done)
        return;
    auto *sync = static_cast<Ews::SyncFolderItemsJob *>(job);
    if (sync->status().responseCode == QLatin1String("ErrorInvalidSyncStateData") && !m_restarted) {
        // The server forgot the state: sync the folder from the start; stored items are
        // recognised by their ids.
        m_details += QStringLiteral("; sync state of %1 reset").arg(m_current.displayName);
        m_restarted = true;
        m_syncState.clear();
        FolderSyncTokens::setToken(m_store, m_task.uuid, m_current.id, QString());
        syncPage();
        return;
    }
    if (netFailed(job))
        return;
    const Ews::SyncResult result = sync->result();
    m_pageState = result.syncState;
    m_pageLast = result.includesLastItemInRange;
    m_toFetch.clear();
    for (const QString &id : result.created) {
        if (!m_known.contains(id))
            m_toFetch.append(id);
    }
    fetchNext();
}

void EwsRetrievalRun::fetchNext()
{
    if (m_done)
        return;
    if (m_toFetch.isEmpty()) {
        pageDone();
        return;
    }
    auto *get = new Ews::GetItemJob(m_client);
    get->setItemIds(m_toFetch.mid(0, m_itemPage));
    m_toFetch.remove(0, qMin<qsizetype>(m_itemPage, m_toFetch.size()));
    connect(get, &Net::Job::finished, this, &EwsRetrievalRun::onFetched);
    m_job = get;
    get->start();
}

void EwsRetrievalRun::onFetched(Net::Job *job)
{
    if (m_done || netFailed(job))
        return;
    MessageBatch batch(m_store);
    for (const Ews::Item &item : static_cast<Ews::GetItemJob *>(job)->items()) {
        if (!item.status.isSuccess())
            continue; // deleted at the source meanwhile
        ++m_downloaded;
        MessageRecord record;
        record.folderId = m_localFolder;
        record.flags = item.isRead ? MessageRecord::Seen : 0;
        record.internalDate = item.dateTimeReceived.isValid() ? item.dateTimeReceived
                                                              : QDateTime::currentDateTimeUtc();
        record.sourceAccount = m_task.uuid;
        record.sourceUidl = item.id;
        fillFromHeaders(record, item.mimeContent);
        if (!batch.addMessage(record, item.mimeContent)) {
            fail(Error::Storage, tr("The message could not be written to the local mailbox."),
                 batch.errorString());
            return;
        }
    }
    QString error;
    if (!batch.commit(&error)) {
        fail(Error::Storage, tr("The retrieved messages could not be saved in the local mailbox."),
             error);
        return;
    }
    m_retrieved += int(batch.insertedIds().size());
    for (const Ews::Item &item : static_cast<Ews::GetItemJob *>(job)->items())
        m_known.insert(item.id);
    fetchNext();
}

void EwsRetrievalRun::pageDone()
{
    // Everything this page announced is stored: its state may be saved now.
    QString error;
    if (!FolderSyncTokens::setToken(m_store, m_task.uuid, m_current.id, m_pageState, &error)) {
        fail(Error::Storage, tr("The synchronization state could not be saved."), error);
        return;
    }
    m_syncState = m_pageState;
    if (!m_pageLast) {
        syncPage();
        return;
    }
    nextFolder();
}

bool EwsRetrievalRun::netFailed(Net::Job *job)
{
    const Net::Error &e = job->errorValue();
    Error error = Error::Server;
    switch (e.kind) {
    case Net::Error::Kind::None:
        return false;
    case Net::Error::Kind::Command:
    case Net::Error::Kind::ProtocolViolation:
    case Net::Error::Kind::SizeExceeded:
        error = Error::Server;
        break;
    case Net::Error::Kind::Authentication:
        error = Error::Authentication;
        break;
    case Net::Error::Kind::HostNotFound:
    case Net::Error::Kind::ConnectionRefused:
    case Net::Error::Kind::ConnectTimeout:
    case Net::Error::Kind::Tls:
    case Net::Error::Kind::TlsNotOffered:
    case Net::Error::Kind::Greeting:
    case Net::Error::Kind::Timeout:
    case Net::Error::Kind::Disconnected:
        error = Error::Connection;
        break;
    case Net::Error::Kind::Cancelled:
        error = Error::Cancelled;
        break;
    }
    fail(error, job->errorString(), job->details());
    return true;
}

void EwsRetrievalRun::fail(Error error, const QString &message, const QString &details)
{
    if (m_done)
        return;
    m_error = error;
    m_errorString = message;
    m_details = m_details.isEmpty() ? details : m_details + QStringLiteral("; ") + details;
    if (m_secretJob) {
        disconnect(m_secretJob, nullptr, this, nullptr);
        m_secretJob->cancel();
    }
    finish();
}

void EwsRetrievalRun::finish()
{
    if (m_done)
        return;
    m_done = true;
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString result = m_error == Error::None ? tr("OK") : m_errorString;
    const QDateTime next
        = m_task.method == RetrievalTask::Method::Automatic ? now.addSecs(600) : QDateTime();
    QString storeError;
    if (!m_task.uuid.isNull()
        && !m_store.recordRetrievalRun(m_task.uuid, now, result, m_retrieved, next, &storeError))
        m_details += QStringLiteral("; run not recorded: ") + storeError;
    if (m_logger) {
        const QString source = m_task.name.isEmpty() ? m_task.server : m_task.name;
        if (m_error == Error::None)
            m_logger->info(ActivityLogger::Area::Retrieval, source,
                           tr("Retrieved %n new message(s).", nullptr, m_retrieved));
        else
            m_logger->error(ActivityLogger::Area::Retrieval, source,
                            tr("Retrieval failed: %1 (%n message(s) stored)", nullptr, m_retrieved)
                                .arg(m_errorString));
    }
    if (m_client) {
        m_client->deleteLater();
        m_client = nullptr;
    }
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(this); }, Qt::QueuedConnection);
}

} // namespace Tributary
