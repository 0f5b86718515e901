#include "linesession.h"

#include "job.h"
#include "linejob.h"

namespace Tributary::Net {

LineSession::LineSession(const QLoggingCategory &(*category)(), QObject *parent)
    : QObject(parent)
    , m_logCategory(category)
{
}

LineSession::~LineSession()
{
    const auto queue = m_queue;
    m_queue.clear();
    for (const QPointer<LineJob> &job : queue) {
        if (job)
            job->m_lineSession = nullptr;
    }
    if (m_current)
        m_current->m_lineSession = nullptr;
}

void LineSession::setEndpoint(const Endpoint &endpoint)
{
    m_endpoint = endpoint;
}

void LineSession::setCredentials(const Sasl::Credentials &credentials)
{
    m_credentials = credentials;
}

void LineSession::setPreferredMechanism(Sasl::Mechanism mechanism)
{
    m_preferred = mechanism;
}

bool LineSession::isEncrypted() const
{
    return m_connection && m_connection->isEncrypted();
}

void LineSession::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    phaseChanged(phase);
}

void LineSession::enqueue(LineJob *job)
{
    m_queue.append(job);
    // Never run (or finish) a job inside its start(): callers connect to finished() after.
    if (m_phase == Phase::Disconnected)
        QMetaObject::invokeMethod(this, &LineSession::open, Qt::QueuedConnection);
    else if (m_phase == Phase::Ready)
        QMetaObject::invokeMethod(this, &LineSession::runNext, Qt::QueuedConnection);
}

void LineSession::dequeue(LineJob *job)
{
    if (m_current != job) {
        m_queue.removeAll(job);
        return;
    }
    m_current = nullptr;
    if (m_phase == Phase::Quitting) {
        // QUIT answered (or the job gave up): close; a POP3 server commits deletions now.
        if (m_connection)
            m_connection->disconnectFromServer();
        return;
    }
    if (m_phase != Phase::Busy)
        return;
    if (job->endedClean()) {
        setPhase(Phase::Ready);
        if (m_connection)
            m_connection->disarmTimeout();
        // Run the next job from the event loop, not inside the finished() emission.
        QMetaObject::invokeMethod(this, &LineSession::runNext, Qt::QueuedConnection);
    } else {
        dropConnection();
        if (!m_queue.isEmpty())
            QMetaObject::invokeMethod(this, &LineSession::open, Qt::QueuedConnection);
    }
}

void LineSession::dropConnection()
{
    if (m_connection) {
        m_connection->abort();
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    connectionDropped();
    setPhase(Phase::Disconnected);
}

void LineSession::open()
{
    if (m_phase != Phase::Disconnected || m_connection)
        return;
    m_lastError = Error();
    m_connection = new Connection(this);
    m_connection->setLogCategory(m_logCategory);
    m_connection->setEndpoint(m_endpoint);
    prepareConnection(m_connection);
    connect(m_connection, &Connection::ready, this, &LineSession::onReady);
    connect(m_connection, &Connection::encrypted, this, &LineSession::onEncrypted);
    connect(m_connection, &Connection::readyRead, this, &LineSession::onReadyRead);
    connect(m_connection, &Connection::failed, this, &LineSession::onFailed);
    connect(m_connection, &Connection::closed, this, &LineSession::onClosed);
    setPhase(Phase::Connecting);
    m_connection->connectToServer();
}

void LineSession::becomeReady()
{
    setPhase(Phase::Ready);
    m_connection->disarmTimeout();
    runNext();
}

void LineSession::runNext()
{
    if (m_phase != Phase::Ready || m_current)
        return;
    while (!m_queue.isEmpty()) {
        QPointer<LineJob> job = m_queue.takeFirst();
        if (!job || job->isFinished())
            continue;
        m_current = job;
        setPhase(Phase::Busy);
        job->m_cleanEnd = false;
        job->run();
        return;
    }
    queueDrained();
}

void LineSession::abort()
{
    // The same word (and translation) a cancelled Net::Job finishes with.
    failSession(Error(Error::Kind::Cancelled, Job::tr("cancelled")));
}

void LineSession::onClosed()
{
    if (m_connection) {
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    connectionDropped();
    setPhase(Phase::Disconnected);
    if (!m_queue.isEmpty())
        open();
}

void LineSession::onFailed(const Error &error)
{
    if (m_phase == Phase::Quitting && !m_current) {
        // The server closed after QUIT without answering, or the close timed out: fine.
        onClosed();
        return;
    }
    failSession(error);
}

void LineSession::failSession(const Error &error)
{
    m_lastError = error;
    m_sasl = Sasl::Client();
    dropConnection();
    QPointer<LineJob> current = m_current;
    m_current = nullptr;
    const auto queue = m_queue;
    m_queue.clear();
    if (current)
        current->sessionFailed(error);
    for (const QPointer<LineJob> &job : queue) {
        if (job)
            job->sessionFailed(error);
    }
}

} // namespace Tributary::Net
