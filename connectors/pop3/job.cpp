#include "job.h"

#include "session.h"

namespace Tributary::Pop3 {

Job::Job(Session *session)
    : Net::LineJob(session)
{
}

Job::~Job()
{
    // endedClean() reads m_outstanding: leave while this part of the job still exists.
    leaveSession();
}

Session *Job::session() const
{
    return static_cast<Session *>(lineSession());
}

void Job::send(const QByteArray &line, bool multiLine, const QString &step)
{
    ++m_outstanding;
    session()->send(line, multiLine, step);
}

} // namespace Tributary::Pop3
