#include "job.h"

#include "session.h"

namespace Tributary::Smtp {

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

void Job::cancel()
{
    Net::Job::cancel();
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

} // namespace Tributary::Smtp
