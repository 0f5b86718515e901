#include "imapretrievalrun.h"

#include "app/services/activitylogger.h"
#include "app/services/secretstore.h"
#include "connectors/imap/imapauthjobs.h"
#include "connectors/imap/imapmailboxjobs.h"
#include "connectors/imap/imapmessagejobs.h"
#include "connectors/imap/imapsession.h"
#include "models/store.h"

#include <QCryptographicHash>
#include <QStringList>

#include <algorithm>
#include <utility>

namespace Tributary {

namespace {

// A batch goes to the writer thread at this much body data even before it has batchSize
// messages, so that two batches of bodies stay a few MB.
constexpr qint64 kBatchBodyBytes = qint64(4) * 1024 * 1024;

int toFlags(const QByteArrayList &flags)
{
    int out = 0;
    for (const QByteArray &f : flags) {
        const QByteArray l = f.toLower();
        if (l == "\\seen")
            out |= MessageRecord::Seen;
        else if (l == "\\answered")
            out |= MessageRecord::Answered;
        else if (l == "\\flagged")
            out |= MessageRecord::Flagged;
        else if (l == "\\deleted")
            out |= MessageRecord::Deleted;
        else if (l == "\\draft")
            out |= MessageRecord::Draft;
    }
    return out;
}

} // namespace

class ImapRetrievalRun::Sink : public Imap::FetchSink
{
public:
    explicit Sink(ImapRetrievalRun *run)
        : m_run(run)
    {
    }
    void bodyBegin(const Imap::LiteralInfo &info) override
    {
        m_body.clear();
        m_body.reserve(qsizetype(qMin<qint64>(info.size, 64 * 1024 * 1024)));
    }
    void bodyData(const char *data, qsizetype size) override { m_body.append(data, size); }
    void bodyEnd() override { }
    void messageFetched(const Imap::FetchData &message) override
    {
        if (message.bodyStreamed || message.hasBody)
            m_run->storeFetched(message.bodyStreamed ? m_body : message.body, message.flags,
                                message.internalDate, message.uid);
        m_body.clear();
    }

private:
    ImapRetrievalRun *m_run;
    QByteArray m_body;
};

ImapRetrievalRun::ImapRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                                   QObject *parent)
    : RetrievalRunBase(store, secrets, logger, parent)
{
    // Batches carry their bodies to the writer thread (queueInBatch): one filling here and
    // one with the writer keep at most two batches of bodies in memory.
    setBatchesInFlight(1);
}

ImapRetrievalRun::~ImapRetrievalRun()
{
    delete m_session;
}

bool ImapRetrievalRun::checkTask(QString *message, QString *details) const
{
    if (!m_task.uuid.isNull() && m_task.kind == RetrievalTask::Kind::Imap
        && !m_task.server.isEmpty() && !m_task.username.isEmpty())
        return true;
    *message = tr("This retrieval task cannot run: it needs an IMAP server and a user name.");
    *details = RetrievalTask::kindName(m_task.kind);
    return false;
}

void ImapRetrievalRun::signIn(const QString &password)
{
    m_session = new Imap::Session;
    m_session->setEndpoint(endpoint());
    Imap::Job *login = nullptr;
    if (usesOAuth()) {
        auto *auth = new Imap::AuthenticateJob(m_session);
        Net::Sasl::Credentials credentials;
        credentials.user = m_task.username;
        credentials.accessToken = password;
        auth->setCredentials(credentials);
        auth->setMechanism(Net::Sasl::Mechanism::XOAuth2);
        login = auth;
    } else {
        auto *plain = new Imap::LoginJob(m_session);
        plain->setUser(m_task.username);
        plain->setPassword(password);
        login = plain;
    }
    connect(login, &Net::Job::finished, this, [this](Net::Job *j) {
        if (isFinished() || netFailed(j))
            return;
        // One LIST with the status of every folder (LIST-STATUS where offered): enough to
        // tell which folders changed since the last complete pass.
        m_condStore = m_session->hasCapability("CONDSTORE");
        QByteArrayList items {"MESSAGES", "UIDNEXT", "UIDVALIDITY"};
        if (m_condStore)
            items.append("HIGHESTMODSEQ");
        auto *list = new Imap::ListJob(m_session);
        list->setStatusItems(items);
        connect(list, &Net::Job::finished, this, &ImapRetrievalRun::onListed);
        list->start();
    });
    login->start();
}

void ImapRetrievalRun::onListed(Net::Job *job)
{
    if (isFinished() || netFailed(job))
        return;
    const auto *list = static_cast<Imap::ListJob *>(job);
    m_statuses = list->statuses();
    m_syncStates = m_store.folderSyncStates(m_task.uuid);
    QSet<QString> listed;
    for (const Imap::ListEntry &e : list->entries()) {
        if (!e.isSelectable())
            continue;
        m_folders.append({e.name, e.delimiter, e.specialUse()});
        listed.insert(e.name);
    }
    // Folders gone at the source: forget their state (their messages stay here).
    for (auto it = m_syncStates.cbegin(); it != m_syncStates.cend(); ++it) {
        if (!listed.contains(it.key()))
            m_store.removeFolderSyncState(m_task.uuid, it.key());
    }
    appendDetails(QStringLiteral("%1 folders").arg(m_folders.size()));
    nextFolder();
}

qint64 ImapRetrievalRun::localFolderFor(const SourceFolder &folder, QString *error)
{
    if (m_task.folderTransfer == RetrievalTask::FolderTransfer::Off) {
        if (m_task.destinationFolderId > 0 && m_store.folder(m_task.destinationFolderId))
            return m_task.destinationFolderId;
        return m_store.specialFolder(Folder::SpecialUse::Inbox);
    }
    QStringList parts = folder.delimiter
        ? folder.name.split(QLatin1Char(folder.delimiter), Qt::SkipEmptyParts)
        : QStringList {folder.name};
    qint64 parent = m_task.transferParentFolderId;
    if (parent == 0) {
        const QByteArray use = folder.specialUse.toLower();
        Folder::SpecialUse special = Folder::SpecialUse::None;
        if (use == "\\sent")
            special = Folder::SpecialUse::Sent;
        else if (use == "\\drafts")
            special = Folder::SpecialUse::Drafts;
        else if (use == "\\trash")
            special = Folder::SpecialUse::Deleted;
        else if (use == "\\junk")
            special = Folder::SpecialUse::Junk;
        if (special != Folder::SpecialUse::None && m_store.specialFolder(special) > 0)
            return m_store.specialFolder(special);
        if (!parts.isEmpty()
            && parts.first().compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0) {
            parent = m_store.specialFolder(Folder::SpecialUse::Inbox);
            parts.removeFirst();
        }
    }
    for (const QString &part : std::as_const(parts)) {
        parent = m_store.createFolder(parent, part, error);
        if (parent <= 0)
            return -1;
    }
    return parent;
}

void ImapRetrievalRun::nextFolder()
{
    if (isFinished())
        return;
    ++m_folderIndex;
    while (m_folderIndex < m_folders.size() && unchanged(m_folders.at(m_folderIndex).name)) {
        ++m_skipped;
        ++m_folderIndex;
    }
    if (m_folderIndex >= m_folders.size()) {
        if (m_skipped > 0)
            appendDetails(QStringLiteral("%1 unchanged").arg(m_skipped));
        if (m_flagUpdates > 0)
            appendDetails(QStringLiteral("%1 flag changes").arg(m_flagUpdates));
        auto *logout = new Imap::LogoutJob(m_session);
        connect(logout, &Net::Job::finished, this, [this](Net::Job *) { finish(); });
        logout->start();
        return;
    }
    m_current = m_folders.at(m_folderIndex);
    QString error;
    m_localFolder = localFolderFor(m_current, &error);
    if (m_localFolder <= 0) {
        fail(Error::Storage,
             tr("The local folder for %1 could not be created.").arg(m_current.name), error);
        return;
    }
    Q_EMIT progress(m_folderIndex, m_folders.size());
    // Each folder's jobs are read in their finished handlers and then deleted, so their
    // UID lists do not stay in the session until the end of the run.
    auto *select = new Imap::SelectJob(m_session);
    select->setAutoDelete(true);
    select->setMailbox(m_current.name);
    select->setReadOnly(true);
    select->setCondStore(m_condStore);
    connect(select, &Net::Job::finished, this, &ImapRetrievalRun::onSelected);
    select->start();
}

void ImapRetrievalRun::onSelected(Net::Job *job)
{
    if (isFinished() || netFailed(job))
        return;
    const auto *select = static_cast<Imap::SelectJob *>(job);
    m_uidValidity = select->uidValidity();
    m_pendingState = Store::FolderSyncState();
    m_pendingState.folder = m_current.name;
    m_pendingState.uidValidity = m_uidValidity;
    m_pendingState.uidNext = select->uidNext();
    m_pendingState.highestModSeq = qint64(select->highestModSeq());
    m_pendingState.messageCount = select->exists();
    const QSet<qint64> known = m_store.knownUids(m_task.uuid, m_current.name, m_uidValidity);
    m_highestKnown = known.isEmpty() ? 0 : *std::max_element(known.cbegin(), known.cend());
    m_checkContent = known.isEmpty();
    m_contentLoaded = false;
    // CONDSTORE (RFC 7162 §3.1): flags changed at the source since the last complete pass
    // are fetched for the messages already here, once the new ones are stored.
    m_flagsSince = 0;
    const auto saved = m_syncStates.constFind(m_current.name);
    if (m_condStore && m_highestKnown > 0 && saved != m_syncStates.cend()
        && saved->uidValidity == m_uidValidity && saved->highestModSeq > 0
        && select->highestModSeq() > quint64(saved->highestModSeq))
        m_flagsSince = quint64(saved->highestModSeq);
    if (select->exists() == 0) {
        folderDone();
        return;
    }
    auto *search = new Imap::UidSearchJob(m_session);
    search->setAutoDelete(true);
    search->setCriteria("UID " + QByteArray::number(m_highestKnown + 1) + ":*");
    connect(search, &Net::Job::finished, this, &ImapRetrievalRun::onSearched);
    search->start();
}

void ImapRetrievalRun::onSearched(Net::Job *job)
{
    if (isFinished() || netFailed(job))
        return;
    QList<quint32> uids;
    for (quint32 uid : static_cast<Imap::UidSearchJob *>(job)->uids()) {
        if (qint64(uid) > m_highestKnown) // "n:*" always matches the highest UID
            uids.append(uid);
    }
    if (uids.isEmpty()) {
        folderDone();
        return;
    }
    std::sort(uids.begin(), uids.end());
    m_batch = std::make_unique<MessageBatch>(m_store);
    m_sink = std::make_unique<Sink>(this);
    auto *fetch = new Imap::UidFetchJob(m_session);
    fetch->setAutoDelete(true);
    fetch->setUids(Imap::UidSet::fromValues(uids));
    fetch->setItems(Imap::UidFetchJob::Flags | Imap::UidFetchJob::InternalDate
                    | Imap::UidFetchJob::Body);
    fetch->setSink(m_sink.get());
    // The sink gets every message as it completes; a copy of each one's metadata kept for
    // the whole folder would grow with its size (about 1 KB a message).
    fetch->setKeepResults(false);
    connect(fetch, &Net::Job::finished, this, &ImapRetrievalRun::onFetched);
    fetch->start();
}

void ImapRetrievalRun::storeFetched(const QByteArray &content, const QByteArrayList &flags,
                                    const QDateTime &internalDate, quint32 uid)
{
    if (isFinished() || !m_batch)
        return;
    ++m_downloaded;
    if (m_checkContent) {
        // UIDVALIDITY changed (or first run of this folder): skip content already stored.
        if (!m_contentLoaded) {
            // Where this folder's messages may be: its local folder, or wherever a filter
            // put them.
            m_content = m_store.retrievedContent(m_task.uuid, m_current.name, m_localFolder);
            m_contentLoaded = true;
        }
        if (!m_content.isEmpty()
            && m_content.contains(QString::fromLatin1(
                QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex())))
            return;
    }
    MessageRecord record;
    record.folderId = m_localFolder;
    record.flags = toFlags(flags);
    record.internalDate = internalDate.isValid() ? internalDate : QDateTime::currentDateTimeUtc();
    record.sourceAccount = m_task.uuid;
    record.sourceFolder = m_current.name;
    record.sourceUidValidity = m_uidValidity;
    record.sourceUid = uid;
    // The body's file is written and hashed on the writer thread when its batch commits.
    queueInBatch(*m_batch, record, content);
    if (m_batch->pendingCount() >= m_batchSize || m_batch->queuedBytes() >= kBatchBodyBytes) {
        // Durable in batches, on the writer thread while the FETCH goes on: an interrupted
        // run keeps the committed ones.
        submitToStore(std::exchange(m_batch, std::make_unique<MessageBatch>(m_store)));
    }
}

void ImapRetrievalRun::onFetched(Net::Job *job)
{
    if (isFinished())
        return;
    if (m_batch && m_batch->pendingCount() > 0)
        submitToStore(std::move(m_batch));
    m_batch.reset();
    // The folder's sync state moves on (folderDone) only once every batch of it is
    // committed; what arrived whole is kept also when the FETCH broke off.
    whenStored(job, [this] { folderDone(); });
}

bool ImapRetrievalRun::unchanged(const QString &folder) const
{
    const auto state = m_syncStates.constFind(folder);
    const auto status = m_statuses.constFind(folder);
    if (state == m_syncStates.cend() || status == m_statuses.cend())
        return false;
    if (status->uidValidity <= 0 || status->uidNext <= 0 || status->messages < 0)
        return false;
    if (status->uidValidity != state->uidValidity || status->uidNext != state->uidNext
        || status->messages != state->messageCount)
        return false;
    // With CONDSTORE a flag change or expunge moves HIGHESTMODSEQ.
    return status->highestModSeq < 0 || status->highestModSeq == state->highestModSeq;
}

void ImapRetrievalRun::fetchFlagChanges()
{
    auto *fetch = new Imap::UidFetchJob(m_session);
    fetch->setAutoDelete(true);
    Imap::UidSet uids;
    uids.add(1, quint32(m_highestKnown));
    fetch->setUids(uids);
    fetch->setItems(Imap::UidFetchJob::Flags | Imap::UidFetchJob::ModSeq);
    fetch->setChangedSince(std::exchange(m_flagsSince, 0));
    connect(fetch, &Net::Job::finished, this, &ImapRetrievalRun::onFlagsFetched);
    fetch->start();
}

void ImapRetrievalRun::onFlagsFetched(Net::Job *job)
{
    if (isFinished() || netFailed(job))
        return;
    QHash<qint64, int> flags;
    for (const Imap::FetchData &message : static_cast<Imap::UidFetchJob *>(job)->messages()) {
        if (message.uid > 0 && message.hasFlags)
            flags.insert(message.uid, toFlags(message.flags));
    }
    QString error;
    const int changed
        = m_store.updateSourceFlags(m_task.uuid, m_current.name, m_uidValidity, flags,
                                    MessageRecord::Seen | MessageRecord::Answered
                                        | MessageRecord::Flagged | MessageRecord::Deleted,
                                    &error);
    if (changed < 0) {
        fail(Error::Storage, tr("The message flags could not be saved in the local mailbox."),
             error);
        return;
    }
    m_flagUpdates += changed;
    folderDone();
}

void ImapRetrievalRun::folderDone()
{
    if (m_flagsSince > 0) {
        fetchFlagChanges();
        return;
    }
    // Every message of this folder up to the SELECT's UIDNEXT is stored: remember what the
    // SELECT saw (mail that arrived since then moves UIDNEXT, so it is found next time).
    if (m_pendingState.uidValidity > 0 && m_pendingState.uidNext > 0) {
        QString error;
        if (!m_store.saveFolderSyncState(m_task.uuid, m_pendingState, &error))
            appendDetails(
                QStringLiteral("sync state of %1 not saved: %2").arg(m_current.name, error));
    }
    m_pendingState = Store::FolderSyncState();
    nextFolder();
}

void ImapRetrievalRun::abortConnection()
{
    m_batch.reset();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
}

void ImapRetrievalRun::releaseConnection()
{
    if (m_session) {
        // Jobs still queued end with the session; none of them reaches this run any more.
        for (QObject *child : m_session->children())
            disconnect(child, nullptr, this, nullptr);
        m_session->deleteLater();
        m_session = nullptr;
    }
}

} // namespace Tributary
