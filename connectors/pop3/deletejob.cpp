#include "deletejob.h"

#include "session.h"

namespace Tributary::Pop3 {

using Net::Error;

DeleteJob::DeleteJob(Session *session)
    : Job(session)
{
}

void DeleteJob::run()
{
    m_next = 0;
    m_received = 0;
    m_deleted.clear();
    if (m_numbers.isEmpty()) {
        m_cleanEnd = true;
        finishSuccess();
        return;
    }
    if (session()->capabilities().pipelining) {
        while (m_next < m_numbers.size())
            sendNext();
    } else {
        sendNext();
    }
}

void DeleteJob::sendNext()
{
    send("DELE " + QByteArray::number(m_numbers.at(m_next++)), false, QStringLiteral("DELE"));
}

void DeleteJob::handleStatus(const Response &response)
{
    const int number = m_numbers.value(m_received++);
    if (response.isOk())
        m_deleted.append(number);
    else if (!m_error.isError())
        m_error = Error(Error::Kind::Command, QStringLiteral("DELE ") + QString::number(number),
                        response.displayText());
    if (!m_error.isError() && m_next < m_numbers.size() && m_outstanding == 0) {
        sendNext();
        return;
    }
    if (m_outstanding > 0)
        return;
    m_cleanEnd = true;
    if (m_error.isError())
        finishWithError(m_error);
    else
        finishSuccess();
}

ResetJob::ResetJob(Session *session)
    : Job(session)
{
}

void ResetJob::run()
{
    send("RSET", false, QStringLiteral("RSET"));
}

void ResetJob::handleStatus(const Response &response)
{
    m_cleanEnd = true;
    if (response.isOk())
        finishSuccess();
    else
        finishWithError(
            Error(Error::Kind::Command, QStringLiteral("RSET"), response.displayText()));
}

} // namespace Tributary::Pop3
