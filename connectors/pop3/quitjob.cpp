#include "quitjob.h"

#include "session.h"

namespace Tributary::Pop3 {

using Net::Error;

QuitJob::QuitJob(Session *session)
    : Job(session)
{
}

void QuitJob::run()
{
    send("QUIT", false, QStringLiteral("QUIT"));
}

void QuitJob::handleStatus(const Response &response)
{
    m_cleanEnd = true;
    if (response.isOk())
        finishSuccess();
    else
        finishWithError(
            Error(Error::Kind::Command, QStringLiteral("QUIT"), response.displayText()));
}

VerifyJob::VerifyJob(Session *session)
    : Job(session)
{
}

void VerifyJob::run()
{
    m_encrypted = session()->isEncrypted();
    m_login = session()->usedLogin();
    send("QUIT", false, QStringLiteral("QUIT"));
}

void VerifyJob::handleStatus(const Response &)
{
    // Signed in is what counted; the QUIT answer does not change the verdict.
    m_cleanEnd = true;
    finishSuccess();
}

} // namespace Tributary::Pop3
