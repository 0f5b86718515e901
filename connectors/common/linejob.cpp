#include "linejob.h"

#include "linesession.h"

namespace Tributary::Net {

LineJob::LineJob(LineSession *session)
    : Job(session)
    , m_lineSession(session)
{
}

LineJob::~LineJob()
{
    leaveSession();
}

void LineJob::leaveSession()
{
    if (m_lineSession && !isFinished()) {
        LineSession *session = m_lineSession;
        m_lineSession = nullptr;
        session->dequeue(this);
    }
}

void LineJob::start()
{
    if (!m_lineSession) {
        // Reported from the event loop, never inside start().
        QMetaObject::invokeMethod(
            this, [this] { finishWithError(Error(Error::Kind::Command, tr("start"))); },
            Qt::QueuedConnection);
        return;
    }
    m_lineSession->enqueue(this);
}

void LineJob::sessionFailed(const Error &error)
{
    m_cleanEnd = false;
    finishWithError(error);
}

void LineJob::aboutToFinish()
{
    if (m_lineSession)
        m_lineSession->dequeue(this);
}

} // namespace Tributary::Net
