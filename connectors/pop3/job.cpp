#include "job.h"

#include "session.h"

namespace Tributary::Pop3 {

Job::Job(Session *session)
    : Net::Job(session)
    , m_session(session)
{
}

Job::~Job()
{
    if (m_session && !isFinished())
        m_session->dequeue(this);
}

void Job::start()
{
    if (!m_session) {
        // Reported from the event loop, never inside start().
        QMetaObject::invokeMethod(
            this, [this] { finishWithError(Net::Error(Net::Error::Kind::Command, tr("start"))); },
            Qt::QueuedConnection);
        return;
    }
    m_session->enqueue(this);
}

void Job::send(const QByteArray &line, bool multiLine, const QString &step)
{
    ++m_outstanding;
    m_session->send(line, multiLine, step);
}

void Job::sessionFailed(const Net::Error &error)
{
    m_cleanEnd = false;
    finishWithError(error);
}

void Job::aboutToFinish()
{
    if (m_session)
        m_session->dequeue(this);
}

} // namespace Tributary::Pop3
