#include "imapretrievalrun.h"

#include "app/services/activitylogger.h"
#include "app/services/filtering/retrievalfilter.h"
#include "app/services/secretstore.h"
#include "connectors/imap/imapauthjobs.h"
#include "connectors/imap/imapmailboxjobs.h"
#include "connectors/imap/imapmessagejobs.h"
#include "connectors/imap/imapsession.h"
#include "connectors/mime/mimeheaders.h"
#include "connectors/mime/mimemessage.h"
#include "models/store.h"

#include <QCryptographicHash>
#include <QMetaObject>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>

namespace Tributary {

namespace {

Net::Security toNetSecurity(RetrievalTask::Security security)
{
    switch (security) {
    case RetrievalTask::Security::None:
        return Net::Security::None;
    case RetrievalTask::Security::StartTls:
        return Net::Security::StartTls;
    case RetrievalTask::Security::SslTls:
        return Net::Security::ImplicitTls;
    }
    return Net::Security::ImplicitTls;
}

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

QString joinAddresses(const QList<Mime::Address> &addresses)
{
    QStringList parts;
    for (const Mime::Address &a : addresses)
        parts.append(a.toDisplayString());
    return parts.join(QStringLiteral(", "));
}

void describe(MessageRecord &record, const QByteArray &content)
{
    qsizetype end = content.indexOf("\r\n\r\n");
    if (end < 0)
        end = content.indexOf("\n\n");
    const QByteArray head = end < 0 ? content : content.left(end + 2);
    const Mime::Message message = Mime::Message::fromData(head + "\r\n");
    if (!message.isValid())
        return;
    const Mime::MessageHeaders h = message.headers();
    record.sender = joinAddresses(h.from);
    record.recipients = joinAddresses(h.to + h.cc);
    record.subject = h.subject;
    record.sentDate = h.date;
    record.messageId = h.messageId;
    record.inReplyTo = h.inReplyTo;
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
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_logger(logger)
{
}

ImapRetrievalRun::~ImapRetrievalRun()
{
    if (m_secretJob)
        m_secretJob->cancel();
    delete m_session;
}

void ImapRetrievalRun::start()
{
    if (m_started)
        return;
    m_started = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_done)
                return;
            if (m_task.uuid.isNull() || m_task.kind != RetrievalTask::Kind::Imap
                || m_task.server.isEmpty() || m_task.username.isEmpty()) {
                fail(Error::InvalidTask,
                     tr("This retrieval task cannot run: it needs an IMAP server and a user name."),
                     RetrievalTask::kindName(m_task.kind));
                return;
            }
            if (m_hasGivenPassword) {
                if (!m_passwordError.isEmpty())
                    fail(Error::NoPassword, m_passwordError, m_passwordErrorDetails);
                else
                    signIn(m_givenPassword);
                return;
            }
            m_secretJob
                = m_secrets.read(SecretKind::Password, m_task.uuid.toString(QUuid::WithoutBraces));
            connect(m_secretJob, &SecretJob::finished, this, &ImapRetrievalRun::onSecret);
        },
        Qt::QueuedConnection);
}

void ImapRetrievalRun::cancel()
{
    fail(Error::Cancelled, tr("The retrieval was cancelled."), QStringLiteral("cancelled"));
}

void ImapRetrievalRun::onSecret(SecretJob *job)
{
    if (m_done)
        return;
    if (job->error() != SecretJob::Error::NoError) {
        fail(Error::NoPassword,
             job->error() == SecretJob::Error::NotFound
                 ? tr("No password is stored for this task. Enter it in the task's settings.")
                 : job->errorString(),
             job->details());
        return;
    }
    signIn(QString::fromUtf8(job->secret()));
}

void ImapRetrievalRun::signIn(const QString &password)
{
    Net::Endpoint endpoint;
    endpoint.host = m_task.server;
    endpoint.port = m_task.port;
    endpoint.security = toNetSecurity(m_task.security);
    endpoint.extraCaCertificates = m_extraCa;
    endpoint.pinnedSha256 = m_task.pinnedSha256;
    endpoint.timeoutMs = m_timeoutMs;
    m_session = new Imap::Session;
    m_session->setEndpoint(endpoint);
    auto *login = new Imap::LoginJob(m_session);
    login->setUser(m_task.username);
    login->setPassword(password);
    connect(login, &Net::Job::finished, this, [this](Net::Job *j) {
        if (m_done || netFailed(j))
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
    if (m_done || netFailed(job))
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
    m_details = QStringLiteral("%1 folders").arg(m_folders.size());
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
    if (m_done)
        return;
    ++m_folderIndex;
    while (m_folderIndex < m_folders.size() && unchanged(m_folders.at(m_folderIndex).name)) {
        ++m_skipped;
        ++m_folderIndex;
    }
    if (m_folderIndex >= m_folders.size()) {
        if (m_skipped > 0)
            m_details += QStringLiteral("; %1 unchanged").arg(m_skipped);
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
    auto *select = new Imap::SelectJob(m_session);
    select->setMailbox(m_current.name);
    select->setReadOnly(true);
    select->setCondStore(m_condStore);
    connect(select, &Net::Job::finished, this, &ImapRetrievalRun::onSelected);
    select->start();
}

void ImapRetrievalRun::onSelected(Net::Job *job)
{
    if (m_done || netFailed(job))
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
    if (select->exists() == 0) {
        folderDone();
        return;
    }
    auto *search = new Imap::UidSearchJob(m_session);
    search->setCriteria("UID " + QByteArray::number(m_highestKnown + 1) + ":*");
    connect(search, &Net::Job::finished, this, &ImapRetrievalRun::onSearched);
    search->start();
}

void ImapRetrievalRun::onSearched(Net::Job *job)
{
    if (m_done || netFailed(job))
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
    fetch->setUids(Imap::UidSet::fromValues(uids));
    fetch->setItems(Imap::UidFetchJob::Flags | Imap::UidFetchJob::InternalDate
                    | Imap::UidFetchJob::Body);
    fetch->setSink(m_sink.get());
    connect(fetch, &Net::Job::finished, this, &ImapRetrievalRun::onFetched);
    fetch->start();
}

void ImapRetrievalRun::storeFetched(const QByteArray &content, const QByteArrayList &flags,
                                    const QDateTime &internalDate, quint32 uid)
{
    if (m_done || !m_batch)
        return;
    ++m_downloaded;
    if (m_checkContent) {
        // UIDVALIDITY changed (or first run of this folder): skip content already stored here.
        if (!m_contentLoaded) {
            m_content.clear();
            QSqlQuery q(m_store.database());
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT sha256 FROM messages WHERE folder_id = ?"));
            q.addBindValue(m_localFolder);
            if (q.exec()) {
                while (q.next())
                    m_content.insert(q.value(0).toString());
            }
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
    describe(record, content);
    // Spam and content filtering (when the task has it on): the final folder and flags,
    // decided before the message is stored.
    RetrievalFilter::apply(this, m_store, m_task, m_logger, record, content);
    if (!m_batch->addMessage(record, content)) {
        fail(Error::Storage, tr("The message could not be written to the local mailbox."),
             m_batch->errorString());
        return;
    }
    if (m_batch->pendingCount() >= m_batchSize) {
        // Durable in batches while the FETCH goes on: an interrupted run keeps them.
        QString error;
        if (!m_batch->commit(&error)) {
            fail(Error::Storage,
                 tr("The retrieved messages could not be saved in the local mailbox."), error);
            return;
        }
        m_retrieved += int(m_batch->insertedIds().size());
        m_batch = std::make_unique<MessageBatch>(m_store);
    }
}

void ImapRetrievalRun::onFetched(Net::Job *job)
{
    if (m_done)
        return;
    if (m_batch) {
        QString error;
        if (!m_batch->commit(&error)) {
            fail(Error::Storage,
                 tr("The retrieved messages could not be saved in the local mailbox."), error);
            return;
        }
        m_retrieved += int(m_batch->insertedIds().size());
        m_batch.reset();
    }
    if (netFailed(job))
        return;
    folderDone();
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

void ImapRetrievalRun::folderDone()
{
    // Every message of this folder up to the SELECT's UIDNEXT is stored: remember what the
    // SELECT saw (mail that arrived since then moves UIDNEXT, so it is found next time).
    if (m_pendingState.uidValidity > 0 && m_pendingState.uidNext > 0) {
        QString error;
        if (!m_store.saveFolderSyncState(m_task.uuid, m_pendingState, &error))
            m_details
                += QStringLiteral("; sync state of %1 not saved: %2").arg(m_current.name, error);
    }
    m_pendingState = Store::FolderSyncState();
    nextFolder();
}

bool ImapRetrievalRun::netFailed(Net::Job *job)
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

void ImapRetrievalRun::fail(Error error, const QString &message, const QString &details)
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
    m_batch.reset();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    finish();
}

void ImapRetrievalRun::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_givenPassword.clear();
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
    if (m_session) {
        // Jobs still queued end with the session; none of them reaches this run any more.
        for (QObject *child : m_session->children())
            disconnect(child, nullptr, this, nullptr);
        m_session->deleteLater();
        m_session = nullptr;
    }
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(this); }, Qt::QueuedConnection);
}

} // namespace Tributary
