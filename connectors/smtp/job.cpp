#include "job.h"

#include "session.h"

namespace Tributary::Smtp {

Job::Job(Session *session)
    : Net::LineJob(session)
{
}

Session *Job::session() const
{
    return static_cast<Session *>(lineSession());
}

} // namespace Tributary::Smtp
