#include "ewsretrievalrun.h"

#include "app/services/activitylogger.h"
#include "app/services/secretstore.h"
#include "connectors/ews/ewsclient.h"
#include "connectors/ews/ewsjobs.h"
#include "models/foldersynctokens.h"
#include "models/store.h"

namespace Tributary {

namespace {

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
    : RetrievalRunBase(store, secrets, logger, parent)
{
}

EwsRetrievalRun::~EwsRetrievalRun()
{
    delete m_client; // its jobs are its children
}

bool EwsRetrievalRun::checkTask(QString *message, QString *details) const
{
    if (!m_task.uuid.isNull() && m_task.kind == RetrievalTask::Kind::Exchange
        && !m_task.server.isEmpty() && !m_task.username.isEmpty())
        return true;
    *message = tr("This retrieval task cannot run: it needs an Exchange server and a "
                  "user name.");
    *details = RetrievalTask::kindName(m_task.kind);
    return false;
}

SecretKind EwsRetrievalRun::secretKind() const
{
    return m_task.authKind == RetrievalTask::AuthKind::OAuth ? SecretKind::OAuthAccessToken
                                                             : SecretKind::Password;
}

void EwsRetrievalRun::signIn(const QString &secret)
{
    const bool oauth = m_task.authKind == RetrievalTask::AuthKind::OAuth;
    m_client = new Ews::Client;
    m_client->setUrl(Ews::Client::urlForServer(m_task.server, m_task.port,
                                               m_task.security != RetrievalTask::Security::None));
    m_client->setAllowPlainHttp(m_task.security == RetrievalTask::Security::None);
    m_client->setExtraCaCertificates(m_extraCa);
    if (!m_task.pinnedSha256.isEmpty())
        m_client->setPinnedSha256(m_task.pinnedSha256);
    m_client->setTimeout(m_timeoutMs);
    if (oauth)
        m_client->setBearerToken(secret.toUtf8());
    else
        m_client->setCredentials(m_task.username, secret);
    auto *list = new Ews::ListFoldersJob(m_client);
    connect(list, &Net::Job::finished, this, &EwsRetrievalRun::onListed);
    m_job = list;
    list->start();
}

void EwsRetrievalRun::onListed(Net::Job *job)
{
    if (isFinished() || netFailed(job))
        return;
    const auto *list = static_cast<Ews::ListFoldersJob *>(job);
    m_folders = list->folders();
    m_rootId = list->rootFolderId();
    for (const Ews::Folder &f : std::as_const(m_folders))
        m_byId.insert(f.id, f);
    appendDetails(QStringLiteral("%1 folders").arg(m_folders.size()));
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
    if (isFinished())
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
    if (isFinished())
        return;
    auto *sync = static_cast<Ews::SyncFolderItemsJob *>(job);
    if (sync->status().responseCode == QLatin1String("ErrorInvalidSyncStateData") && !m_restarted) {
        // The server forgot the state: sync the folder from the start; stored items are
        // recognised by their ids.
        appendDetails(QStringLiteral("sync state of %1 reset").arg(m_current.displayName));
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
    if (isFinished())
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
    if (isFinished() || netFailed(job))
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
        if (!addToBatch(batch, record, item.mimeContent, false))
            return;
    }
    if (!commitToStore(batch))
        return;
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

void EwsRetrievalRun::releaseConnection()
{
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
    }
    if (m_client) {
        m_client->deleteLater();
        m_client = nullptr;
    }
}

} // namespace Tributary
