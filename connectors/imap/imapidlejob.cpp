#include "imapidlejob.h"

#include "imapsession.h"

namespace Tributary::Imap {

void IdleJob::run()
{
    if (!session()->hasCapability("IDLE")) {
        finishWithError(session()->makeError(Net::Error::Kind::Command, QStringLiteral("IDLE"),
                                             tr("The server does not support IDLE.")));
        return;
    }
    session()->sendCommand(this, "IDLE");
}

void IdleJob::handleContinuation(Response &response)
{
    Q_UNUSED(response);
    if (m_idling) // a second "+" is not part of IDLE
        return Job::handleContinuation(response);
    m_idling = true;
    session()->setAwaitingServer(false);
    if (m_doneWanted) {
        done();
        return;
    }
    Q_EMIT idling();
}

void IdleJob::done()
{
    if (isFinished() || m_doneSent)
        return;
    m_doneWanted = true;
    if (!m_idling || !session())
        return;
    m_doneSent = true;
    session()->sendContinuation("DONE");
    session()->setAwaitingServer(true);
}

bool IdleJob::handleUntagged(Response &response)
{
    switch (response.type) {
    case Response::Type::Exists:
        Q_EMIT exists(response.number);
        return true;
    case Response::Type::Expunge:
        Q_EMIT expunged(response.number);
        return true;
    case Response::Type::Vanished:
        Q_EMIT vanished(response.uidSet);
        return true;
    case Response::Type::Fetch:
        Q_EMIT flagsChanged(response.fetch);
        return true;
    default:
        return false;
    }
}

void IdleJob::handleTagged(Response &response)
{
    m_idling = false;
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("IDLE"));
    finishSuccess();
}

} // namespace Tributary::Imap
