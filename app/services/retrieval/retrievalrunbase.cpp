#include "retrievalrunbase.h"

#include "app/services/activitylogger.h"
#include "app/services/filtering/retrievalfilter.h"
#include "batchcommitter.h"
#include "connectors/common/job.h"
#include "connectors/mime/mimeheaders.h"
#include "connectors/mime/mimemessage.h"
#include "models/store.h"

#include <QDateTime>
#include <QMetaObject>
#include <QStringList>

#include <utility>

namespace Tributary {

namespace {

QString joinAddresses(const QList<Mime::Address> &addresses)
{
    QStringList parts;
    for (const Mime::Address &a : addresses)
        parts.append(a.toDisplayString());
    return parts.join(QStringLiteral(", "));
}

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

} // namespace

RetrievalRunBase::RetrievalRunBase(Store &store, SecretStore &secrets, ActivityLogger *logger,
                                   QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_logger(logger)
    , m_committer(new BatchCommitter(store, this))
    , m_secrets(secrets)
{
    connect(m_committer, &BatchCommitter::committed, this, &RetrievalRunBase::onBatchCommitted);
    connect(m_committer, &BatchCommitter::drained, this, [this] {
        if (!m_done && m_whenStored)
            std::exchange(m_whenStored, nullptr)();
    });
    connect(m_committer, &BatchCommitter::failed, this, [this](const QString &error) {
        fail(Error::Storage, tr("The retrieved messages could not be saved in the local mailbox."),
             error);
    });
}

RetrievalRunBase::~RetrievalRunBase()
{
    if (m_secretJob)
        m_secretJob->cancel();
}

void RetrievalRunBase::start()
{
    if (m_started)
        return;
    m_started = true;
    // Everything, failures included, is reported from the event loop, never inside start().
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_done)
                return;
            QString message;
            QString details;
            if (!checkTask(&message, &details)) {
                fail(Error::InvalidTask, message, details);
                return;
            }
            if (!prepare())
                return;
            if (m_hasGivenSecret) {
                if (!m_secretError.isEmpty())
                    fail(m_secretErrorKind, m_secretError, m_secretErrorDetails);
                else
                    signIn(m_givenSecret);
                return;
            }
            readingSecret();
            m_secretJob = m_secrets.read(secretKind(), m_task.uuid.toString(QUuid::WithoutBraces));
            connect(m_secretJob, &SecretJob::finished, this, &RetrievalRunBase::onSecret);
        },
        Qt::QueuedConnection);
}

void RetrievalRunBase::cancel()
{
    fail(Error::Cancelled, tr("The retrieval was cancelled."), QStringLiteral("cancelled"));
}

void RetrievalRunBase::discardPendingBatches()
{
    m_committer->discardPending();
}

void RetrievalRunBase::onSecret(SecretJob *job)
{
    if (m_done)
        return;
    m_secretJob = nullptr;
    if (job->error() != SecretJob::Error::NoError) {
        QString message = job->errorString();
        if (job->error() == SecretJob::Error::NotFound)
            message = usesOAuth()
                ? tr("This task is not signed in. Sign in again in the task's settings.")
                : tr("No password is stored for this task. Enter it in the task's settings.");
        fail(Error::NoPassword, message, job->details());
        return;
    }
    signIn(QString::fromUtf8(job->secret()));
}

RetrievalRunBase::Error RetrievalRunBase::errorFor(const Net::Job *job)
{
    switch (job->errorValue().kind) {
    case Net::Error::Kind::None:
        return Error::None;
    case Net::Error::Kind::Command:
    case Net::Error::Kind::ProtocolViolation:
    case Net::Error::Kind::SizeExceeded:
        return Error::Server;
    case Net::Error::Kind::Authentication:
        return Error::Authentication;
    case Net::Error::Kind::HostNotFound:
    case Net::Error::Kind::ConnectionRefused:
    case Net::Error::Kind::ConnectTimeout:
    case Net::Error::Kind::Tls:
    case Net::Error::Kind::TlsNotOffered:
    case Net::Error::Kind::Greeting:
    case Net::Error::Kind::Timeout:
    case Net::Error::Kind::Disconnected:
        return Error::Connection;
    case Net::Error::Kind::Cancelled:
        return Error::Cancelled;
    }
    return Error::Server;
}

bool RetrievalRunBase::netFailed(Net::Job *job)
{
    const Error error = errorFor(job);
    if (error == Error::None)
        return false;
    fail(error, job->errorString(), job->details());
    return true;
}

void RetrievalRunBase::appendDetails(const QString &text)
{
    m_details = m_details.isEmpty() ? text : m_details + QStringLiteral("; ") + text;
}

void RetrievalRunBase::fail(Error error, const QString &message, const QString &details)
{
    if (m_done)
        return;
    m_error = error;
    m_errorString = message;
    appendDetails(details);
    if (m_secretJob) {
        disconnect(m_secretJob, nullptr, this, nullptr);
        m_secretJob->cancel();
    }
    abortConnection();
    finish();
}

void RetrievalRunBase::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_givenSecret.clear();
    // Batches that did not start are dropped whole; one being committed is counted.
    m_retrieved += m_committer->stop();
    m_onCommitted.clear();
    m_whenStored = nullptr;
    // A refused token that the caller retries once is not the run's outcome yet.
    m_recorded = !(m_quietAuthentication && m_error == Error::Authentication);
    if (m_recorded)
        recordOutcome();
    releaseConnection();
    // Reported from the event loop, so a failure inside a connector's signal does not
    // re-enter the caller.
    QMetaObject::invokeMethod(
        this,
        [this] {
            const QPointer<RetrievalRunBase> alive(this);
            // `this` is the live receiver Qt invokes the functor for; the analyzer takes the
            // QPointer test below as a hint that it may be null.
            // NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage): see above
            emitFinished();
            if (alive) // a receiver of finished() may have deleted the run
                Q_EMIT ended(this);
        },
        Qt::QueuedConnection);
}

void RetrievalRunBase::recordOutcome()
{
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
}

QString RetrievalRunBase::signInAgainMessage()
{
    return tr("The provider no longer accepts this task's sign-in. Sign in again in the task's "
              "settings; no mail is lost meanwhile.");
}

Net::Endpoint RetrievalRunBase::endpoint() const
{
    Net::Endpoint endpoint;
    endpoint.host = m_task.server;
    endpoint.port = m_task.port;
    endpoint.security = toNetSecurity(m_task.security);
    endpoint.extraCaCertificates = m_extraCa;
    endpoint.pinnedSha256 = m_task.pinnedSha256;
    endpoint.timeoutMs = m_timeoutMs;
    return endpoint;
}

qint64 RetrievalRunBase::destinationFolder() const
{
    if (m_task.destinationFolderId > 0 && m_store.folder(m_task.destinationFolderId))
        return m_task.destinationFolderId;
    return m_store.specialFolder(Folder::SpecialUse::Inbox);
}

void RetrievalRunBase::prepareRecord(MessageRecord &record, const QByteArray &content, bool filter)
{
    describe(record, content);
    // Spam and content filtering (when the task has it on): the final folder and flags,
    // decided before the message is stored.
    if (filter)
        RetrievalFilter::apply(this, m_store, m_task, m_logger, record, content);
}

void RetrievalRunBase::queueInBatch(MessageBatch &batch, MessageRecord &record,
                                    const QByteArray &content)
{
    prepareRecord(record, content, true);
    batch.queueMessage(record, content);
}

void RetrievalRunBase::setBatchesInFlight(int batches)
{
    m_committer->setMaxInFlight(batches);
}

bool RetrievalRunBase::addToBatch(MessageBatch &batch, MessageRecord &record,
                                  const QByteArray &content, bool filter)
{
    prepareRecord(record, content, filter);
    if (batch.addMessage(record, content))
        return true;
    fail(Error::Storage, tr("The message could not be written to the local mailbox."),
         batch.errorString());
    return false;
}

bool RetrievalRunBase::commitToStore(MessageBatch &batch)
{
    QString error;
    if (batch.commit(&error)) {
        m_retrieved += int(batch.insertedIds().size());
        return true;
    }
    fail(Error::Storage, tr("The retrieved messages could not be saved in the local mailbox."),
         error);
    return false;
}

void RetrievalRunBase::submitToStore(std::unique_ptr<MessageBatch> batch,
                                     std::function<void()> committed)
{
    if (m_done || !batch)
        return;
    m_onCommitted.push_back(std::move(committed));
    m_committer->submit(std::move(batch));
}

void RetrievalRunBase::onBatchCommitted(const QList<qint64> &insertedIds)
{
    if (m_done || m_onCommitted.empty())
        return;
    m_retrieved += int(insertedIds.size());
    const std::function<void()> committed = std::move(m_onCommitted.front());
    m_onCommitted.pop_front();
    if (committed)
        committed();
}

void RetrievalRunBase::whenStored(std::function<void()> next)
{
    if (m_done)
        return;
    if (m_committer->inFlight() == 0)
        next();
    else
        m_whenStored = std::move(next);
}

void RetrievalRunBase::whenStored(const Net::Job *job, std::function<void()> next)
{
    const Error error = errorFor(job);
    if (error == Error::None) {
        whenStored(std::move(next));
        return;
    }
    whenStored([this, error, message = job->errorString(), details = job->details()] {
        fail(error, message, details);
    });
}

void RetrievalRunBase::describe(MessageRecord &record, const QByteArray &content)
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

} // namespace Tributary
