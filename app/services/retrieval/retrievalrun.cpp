#include "retrievalrun.h"

#include "app/services/activitylogger.h"
#include "app/services/filtering/retrievalfilter.h"
#include "app/services/secretstore.h"
#include "connectors/common/error.h"
#include "connectors/mime/mimeheaders.h"
#include "connectors/mime/mimemessage.h"
#include "connectors/pop3/deletejob.h"
#include "connectors/pop3/listjob.h"
#include "connectors/pop3/quitjob.h"
#include "connectors/pop3/retrievejob.h"
#include "connectors/pop3/session.h"
#include "models/store.h"

#include <QDateTime>
#include <QMetaObject>

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

QString joinAddresses(const QList<Mime::Address> &addresses)
{
    QStringList parts;
    for (const Mime::Address &a : addresses)
        parts.append(a.toDisplayString());
    return parts.join(QStringLiteral(", "));
}

// Fills the display fields of `record` from the message's header section.
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

RetrievalRun::RetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_logger(logger)
{
}

RetrievalRun::~RetrievalRun()
{
    if (m_secretJob)
        m_secretJob->cancel();
    delete m_session; // closes without QUIT: nothing is deleted at the source
}

void RetrievalRun::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

qint64 RetrievalRun::destinationFolder() const
{
    if (m_task.destinationFolderId > 0 && m_store.folder(m_task.destinationFolderId))
        return m_task.destinationFolderId;
    return m_store.specialFolder(Folder::SpecialUse::Inbox);
}

void RetrievalRun::start()
{
    if (m_started)
        return;
    m_started = true;
    // Everything, failures included, is reported from the event loop, never inside start().
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_state == State::Done)
                return;
            if (m_task.uuid.isNull() || m_task.kind != RetrievalTask::Kind::Pop3
                || m_task.server.isEmpty() || m_task.username.isEmpty()) {
                fail(Error::InvalidTask,
                     tr("This retrieval task cannot run: only POP3 tasks with a server and a user "
                        "name are supported."),
                     QStringLiteral("kind %1, server '%2'")
                         .arg(RetrievalTask::kindName(m_task.kind), m_task.server));
                return;
            }
            m_folderId = destinationFolder();
            if (m_folderId <= 0) {
                fail(Error::Storage, tr("The destination folder does not exist."),
                     QStringLiteral("no folder %1 and no Inbox").arg(m_task.destinationFolderId));
                return;
            }
            if (m_hasGivenPassword) {
                if (!m_passwordError.isEmpty()) {
                    fail(Error::NoPassword, m_passwordError, m_passwordErrorDetails);
                } else {
                    m_password = m_givenPassword;
                    startList();
                }
                return;
            }
            setState(State::ReadingSecret);
            m_secretJob
                = m_secrets.read(SecretKind::Password, m_task.uuid.toString(QUuid::WithoutBraces));
            connect(m_secretJob, &SecretJob::finished, this, &RetrievalRun::onSecret);
        },
        Qt::QueuedConnection);
}

void RetrievalRun::cancel()
{
    if (m_state == State::Done)
        return;
    fail(Error::Cancelled, tr("The retrieval was cancelled."),
         QStringLiteral("cancelled in state %1").arg(int(m_state)));
}

void RetrievalRun::onSecret(SecretJob *job)
{
    if (m_state != State::ReadingSecret)
        return;
    if (job->error() != SecretJob::Error::NoError) {
        const QString message = job->error() == SecretJob::Error::NotFound
            ? tr("No password is stored for this task. Enter it in the task's settings.")
            : job->errorString();
        fail(Error::NoPassword, message, job->details());
        return;
    }
    m_password = QString::fromUtf8(job->secret());
    startList();
}

void RetrievalRun::startList()
{
    setState(State::Listing);
    Net::Endpoint endpoint;
    endpoint.host = m_task.server;
    endpoint.port = m_task.port;
    endpoint.security = toNetSecurity(m_task.security);
    endpoint.extraCaCertificates = m_extraCa;
    endpoint.pinnedSha256 = m_task.pinnedSha256;
    endpoint.timeoutMs = m_timeoutMs;

    Net::Sasl::Credentials credentials;
    credentials.user = m_task.username;
    credentials.password = m_password;

    m_session = new Pop3::Session;
    m_session->setEndpoint(endpoint);
    m_session->setCredentials(credentials);
    m_session->setLoginMethod(m_task.apop ? Pop3::LoginMethod::Apop : Pop3::LoginMethod::Auto);

    auto *list = new Pop3::ListJob(m_session);
    list->setWithUids(true);
    m_currentJob = list;
    connect(list, &Net::Job::finished, this, &RetrievalRun::onListed);
    list->start();
}

void RetrievalRun::onListed(Net::Job *job)
{
    if (m_state != State::Listing)
        return;
    if (job->error() != Net::Error::Kind::None) {
        failFromNet(job);
        return;
    }
    const auto *list = static_cast<Pop3::ListJob *>(job);
    const QSet<QString> known = m_store.knownUidls(m_task.uuid);
    QList<int> toFetch;
    QSet<QByteArray> seen;
    qint64 bytes = 0;
    for (const Pop3::MessageInfo &info : list->messages()) {
        if (info.uid.isEmpty()) {
            fail(Error::Server,
                 tr("The server does not report unique message ids (UIDL), so messages could be "
                    "retrieved twice."),
                 QStringLiteral("message %1 has no UIDL").arg(info.number));
            return;
        }
        if (known.contains(QString::fromLatin1(info.uid))) {
            m_durable.append(info.number); // stored by an earlier run
            continue;
        }
        if (seen.contains(info.uid))
            continue; // a broken server repeating a UIDL: take the first one only
        seen.insert(info.uid);
        m_uidls.insert(info.number, info.uid);
        toFetch.append(info.number);
        bytes += info.size;
    }
    m_total = int(toFetch.size());
    m_details = QStringLiteral("%1 messages on the server, %2 new")
                    .arg(list->messages().size())
                    .arg(m_total);
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

void RetrievalRun::onMessageRetrieved(int number)
{
    if (m_state != State::Retrieving || !m_batch)
        return;
    const QByteArray content = m_buffers.take(number);
    MessageRecord record;
    record.folderId = m_folderId;
    record.internalDate = QDateTime::currentDateTimeUtc();
    record.sourceAccount = m_task.uuid;
    record.sourceUidl = QString::fromLatin1(m_uidls.value(number));
    describe(record, content);
    // Spam and content filtering (when the task has it on): the final folder and flags,
    // decided before the message is stored.
    RetrievalFilter::apply(this, m_store, m_task, m_logger, record, content);
    if (!m_batch->addMessage(record, content)) {
        fail(Error::Storage, tr("The message could not be written to the local mailbox."),
             m_batch->errorString());
        return;
    }
    m_inBatch.append(number);
    ++m_received;
    Q_EMIT progress(m_received, m_total);
    if (m_inBatch.size() >= m_batchSize)
        commitBatch();
}

bool RetrievalRun::commitBatch()
{
    if (!m_batch || m_inBatch.isEmpty())
        return true;
    QString error;
    if (!m_batch->commit(&error)) {
        m_inBatch.clear();
        m_batch.reset();
        fail(Error::Storage, tr("The retrieved messages could not be saved in the local mailbox."),
             error);
        return false;
    }
    m_retrieved += int(m_batch->insertedIds().size());
    // Inserted or already present (a duplicate row): either way the message is durably stored.
    m_durable += m_inBatch;
    m_inBatch.clear();
    m_batch = std::make_unique<MessageBatch>(m_store);
    return true;
}

void RetrievalRun::onRetrieved(Net::Job *job)
{
    if (m_state != State::Retrieving)
        return;
    // Whatever arrived whole is kept, also when the download broke off.
    if (!commitBatch())
        return;
    m_batch.reset();
    if (job->error() != Net::Error::Kind::None) {
        failFromNet(job);
        return;
    }
    startDelete();
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
    if (job->error() != Net::Error::Kind::None) {
        failFromNet(job); // the session is dropped without QUIT: nothing is deleted
        return;
    }
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
    if (job->error() != Net::Error::Kind::None) {
        failFromNet(job);
        return;
    }
    m_deletedConfirmed = int(m_toDelete.size());
    m_details += QStringLiteral("; %1 stored, %2 deleted at the source")
                     .arg(m_retrieved)
                     .arg(m_deletedConfirmed);
    finish();
}

void RetrievalRun::failFromNet(Net::Job *job)
{
    const Net::Error &e = job->errorValue();
    Error error = Error::Server;
    switch (e.kind) {
    case Net::Error::Kind::None:
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
}

void RetrievalRun::fail(Error error, const QString &message, const QString &details)
{
    if (m_state == State::Done)
        return;
    m_error = error;
    m_errorString = message;
    m_details = m_details.isEmpty() ? details : m_details + QStringLiteral("; ") + details;
    if (m_secretJob) {
        disconnect(m_secretJob, nullptr, this, nullptr);
        m_secretJob->cancel();
    }
    if (m_currentJob)
        disconnect(m_currentJob, nullptr, this, nullptr);
    m_batch.reset(); // uncommitted rows are dropped; their messages stay on the server
    if (m_session)
        m_session->abort(); // no QUIT: the server keeps every message
    finish();
}

void RetrievalRun::finish()
{
    m_password.clear();
    m_givenPassword.clear();
    setState(State::Done);
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
        m_session->deleteLater();
        m_session = nullptr;
    }
    // Reported from the event loop, so a failure inside a connector's signal does not
    // re-enter the caller.
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(this); }, Qt::QueuedConnection);
}

} // namespace Tributary
