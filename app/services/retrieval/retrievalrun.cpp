#include "retrievalrun.h"

#include "app/services/activitylogger.h"
#include "app/services/secretstore.h"
#include "connectors/common/error.h"
#include "connectors/pop3/deletejob.h"
#include "connectors/pop3/listjob.h"
#include "connectors/pop3/quitjob.h"
#include "connectors/pop3/retrievejob.h"
#include "connectors/pop3/session.h"
#include "models/store.h"

#include <QDateTime>

#include <algorithm>
#include <numeric>
#include <utility>
#include <vector>

namespace Tributary {

RetrievalRun::RetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                           QObject *parent)
    : RetrievalRunBase(store, secrets, logger, parent)
{
}

RetrievalRun::~RetrievalRun()
{
    delete m_session; // closes without QUIT: nothing is deleted at the source
}

void RetrievalRun::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

bool RetrievalRun::checkTask(QString *message, QString *details) const
{
    if (!m_task.uuid.isNull() && m_task.kind == RetrievalTask::Kind::Pop3
        && !m_task.server.isEmpty() && !m_task.username.isEmpty())
        return true;
    *message = tr("This retrieval task cannot run: only POP3 tasks with a server and a user "
                  "name are supported.");
    *details = QStringLiteral("kind %1, server '%2'")
                   .arg(RetrievalTask::kindName(m_task.kind), m_task.server);
    return false;
}

bool RetrievalRun::prepare()
{
    m_folderId = destinationFolder();
    if (m_folderId > 0)
        return true;
    fail(Error::Storage, tr("The destination folder does not exist."),
         QStringLiteral("no folder %1 and no Inbox").arg(m_task.destinationFolderId));
    return false;
}

void RetrievalRun::signIn(const QString &password)
{
    setState(State::Listing);
    Net::Sasl::Credentials credentials;
    credentials.user = m_task.username;
    m_session = new Pop3::Session;
    m_session->setEndpoint(endpoint());
    if (usesOAuth()) {
        credentials.accessToken = password; // the access token, sent with SASL XOAUTH2
        m_session->setLoginMethod(Pop3::LoginMethod::Sasl);
        m_session->setPreferredMechanism(Net::Sasl::Mechanism::XOAuth2);
    } else {
        credentials.password = password;
        m_session->setLoginMethod(m_task.apop ? Pop3::LoginMethod::Apop : Pop3::LoginMethod::Auto);
    }
    m_session->setCredentials(credentials);

    // Read in onListed, then deleted: the maildrop's list need not stay for the whole run.
    auto *list = new Pop3::ListJob(m_session);
    list->setAutoDelete(true);
    list->setWithUids(true);
    m_currentJob = list;
    connect(list, &Net::Job::finished, this, &RetrievalRun::onListed);
    list->start();
}

void RetrievalRun::onListed(Net::Job *job)
{
    if (m_state != State::Listing)
        return;
    if (netFailed(job))
        return;
    // The known UIDLs are matched against the listing in UIDL order, streamed from the
    // store, so no set of them is built; the listing is dropped at the end of this function
    // and the run keeps only the UIDLs it downloads, packed (see uidlOf).
    const QList<Pop3::MessageInfo> listing = static_cast<Pop3::ListJob *>(job)->takeMessages();
    const qsizetype count = listing.size();
    for (const Pop3::MessageInfo &info : listing) {
        if (info.uid.isEmpty()) {
            fail(Error::Server,
                 tr("The server does not report unique message ids (UIDL), so messages could be "
                    "retrieved twice."),
                 QStringLiteral("message %1 has no UIDL").arg(info.number));
            return;
        }
    }
    // Positions in UIDL order; stable, so equal UIDLs stay in number order.
    std::vector<qsizetype> byUid(static_cast<size_t>(count));
    std::iota(byUid.begin(), byUid.end(), 0);
    std::stable_sort(byUid.begin(), byUid.end(), [&listing](qsizetype a, qsizetype b) {
        return listing.at(a).uid < listing.at(b).uid;
    });
    enum class Fate : char { Fetch, Known, Repeated };
    std::vector<Fate> fate(size_t(count), Fate::Fetch);
    for (size_t i = 1; i < byUid.size(); ++i) {
        // A broken server repeating a UIDL: the first one only.
        if (listing.at(byUid[i]).uid == listing.at(byUid[i - 1]).uid)
            fate[size_t(byUid[i])] = Fate::Repeated;
    }
    size_t next = 0;
    QString storeError;
    const bool read = m_store.forEachKnownUidl(
        m_task.uuid,
        [&](const QByteArray &uidl) {
            while (next < byUid.size() && listing.at(byUid[next]).uid < uidl)
                ++next;
            for (; next < byUid.size() && listing.at(byUid[next]).uid == uidl; ++next)
                fate[size_t(byUid[next])] = Fate::Known; // stored by an earlier run
        },
        &storeError);
    if (!read) {
        fail(Error::Storage, tr("The local mailbox could not be read."), storeError);
        return;
    }
    QList<int> toFetch;
    qint64 bytes = 0;
    qsizetype packed = 0;
    for (qsizetype i = 0; i < count; ++i) {
        if (fate[size_t(i)] == Fate::Fetch)
            packed += listing.at(i).uid.size();
    }
    m_fetchUidls.reserve(packed);
    for (qsizetype i = 0; i < count; ++i) {
        const Pop3::MessageInfo &info = listing.at(i);
        if (fate[size_t(i)] == Fate::Known) {
            m_durable.append(info.number);
        } else if (fate[size_t(i)] == Fate::Fetch) {
            toFetch.append(info.number);
            m_fetching.push_back({info.number, int(m_fetchUidls.size())});
            m_fetchUidls.append(info.uid);
            bytes += info.size;
        }
    }
    m_total = int(toFetch.size());
    appendDetails(QStringLiteral("%1 messages on the server, %2 new").arg(count).arg(m_total));
    if (toFetch.isEmpty()) {
        startDelete();
        return;
    }
    setState(State::Retrieving);
    Q_EMIT progress(0, m_total);
    m_batch = std::make_unique<MessageBatch>(m_store);
    auto *retrieve = new Pop3::RetrieveJob(m_session);
    retrieve->setMessages(toFetch);
    retrieve->setExpectedTotal(bytes);
    retrieve->setChunkHandler(
        [this](int number, const QByteArray &chunk) { m_buffers[number].append(chunk); });
    connect(retrieve, &Pop3::RetrieveJob::messageRetrieved, this,
            &RetrievalRun::onMessageRetrieved);
    connect(retrieve, &Net::Job::finished, this, &RetrievalRun::onRetrieved);
    m_currentJob = retrieve;
    retrieve->start();
}

QByteArray RetrievalRun::uidlOf(int number) const
{
    const auto it = std::lower_bound(m_fetching.cbegin(), m_fetching.cend(), number,
                                     [](const Fetching &f, int n) { return f.number < n; });
    if (it == m_fetching.cend() || it->number != number)
        return {};
    const auto next = std::next(it);
    const int end = next == m_fetching.cend() ? int(m_fetchUidls.size()) : next->offset;
    return m_fetchUidls.mid(it->offset, end - it->offset);
}

void RetrievalRun::onMessageRetrieved(int number)
{
    if (m_state != State::Retrieving || !m_batch)
        return;
    const QByteArray content = m_buffers.take(number);
    MessageRecord record;
    record.folderId = m_folderId;
    record.internalDate = QDateTime::currentDateTimeUtc();
    record.sourceAccount = m_task.uuid;
    record.sourceUidl = QString::fromLatin1(uidlOf(number));
    if (!addToBatch(*m_batch, record, content))
        return;
    m_inBatch.append(number);
    ++m_downloaded;
    Q_EMIT progress(m_downloaded, m_total);
    if (m_inBatch.size() >= m_batchSize)
        submitBatch();
}

void RetrievalRun::submitBatch()
{
    if (!m_batch || m_inBatch.isEmpty())
        return;
    const QList<int> numbers = std::exchange(m_inBatch, {});
    // Made durable on the writer thread while the next batch downloads. Inserted or
    // already present (a duplicate row): either way the message is durably stored then,
    // and only then may it be deleted at the source.
    submitToStore(std::exchange(m_batch, std::make_unique<MessageBatch>(m_store)),
                  [this, numbers] { m_durable += numbers; });
}

void RetrievalRun::onRetrieved(Net::Job *job)
{
    if (m_state != State::Retrieving)
        return;
    // Whatever arrived whole is kept, also when the download broke off: the run ends (or
    // deletes at the source) only once every batch is committed.
    submitBatch();
    m_batch.reset();
    whenStored(job, [this] { startDelete(); });
}

void RetrievalRun::startDelete()
{
    if (m_task.leaveOnServer || m_durable.isEmpty()) {
        startQuit();
        return;
    }
    setState(State::Deleting);
    std::sort(m_durable.begin(), m_durable.end());
    auto *dele = new Pop3::DeleteJob(m_session);
    dele->setMessages(m_durable);
    connect(dele, &Net::Job::finished, this, &RetrievalRun::onDeleted);
    m_currentJob = dele;
    dele->start();
}

void RetrievalRun::onDeleted(Net::Job *job)
{
    if (m_state != State::Deleting)
        return;
    if (netFailed(job)) // the session is dropped without QUIT: nothing is deleted
        return;
    m_toDelete = static_cast<Pop3::DeleteJob *>(job)->deleted();
    startQuit();
}

void RetrievalRun::startQuit()
{
    setState(State::Quitting);
    auto *quit = new Pop3::QuitJob(m_session);
    connect(quit, &Net::Job::finished, this, &RetrievalRun::onQuit);
    m_currentJob = quit;
    quit->start();
}

void RetrievalRun::onQuit(Net::Job *job)
{
    if (m_state != State::Quitting)
        return;
    if (netFailed(job))
        return;
    m_deletedConfirmed = int(m_toDelete.size());
    appendDetails(QStringLiteral("%1 stored, %2 deleted at the source")
                      .arg(m_retrieved)
                      .arg(m_deletedConfirmed));
    finish();
}

void RetrievalRun::abortConnection()
{
    if (m_currentJob)
        disconnect(m_currentJob, nullptr, this, nullptr);
    m_batch.reset(); // uncommitted rows are dropped; their messages stay on the server
    if (m_session)
        m_session->abort(); // no QUIT: the server keeps every message
}

void RetrievalRun::releaseConnection()
{
    setState(State::Done);
    if (m_session) {
        m_session->deleteLater();
        m_session = nullptr;
    }
}

} // namespace Tributary
