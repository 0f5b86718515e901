#include "verifyjob.h"

#include "session.h"

namespace Tributary::Smtp {

VerifyJob::VerifyJob(Session *session)
    : Job(session)
{
}

void VerifyJob::run()
{
    Session *s = session();
    m_encrypted = s->isEncrypted();
    m_mechanisms = s->capabilities().authMechanisms;
    m_maxSize = s->capabilities().maxSize;
    // Everything that matters worked; QUIT politely. The session stays usable if the
    // caller queued more jobs (then no QUIT is sent).
    m_cleanEnd = true;
    finishSuccess(
        tr("Connected, %1, signed in.").arg(m_encrypted ? tr("encrypted") : tr("not encrypted")));
    s->quit();
}

void VerifyJob::handleReply(const Reply &) { }

void VerifyJob::sessionFailed(const Net::Error &error)
{
    Job::sessionFailed(error);
}

} // namespace Tributary::Smtp
