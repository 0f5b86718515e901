#include "retrievejob.h"

#include "session.h"

namespace Tributary::Pop3 {

using Net::Error;

RetrieveJob::RetrieveJob(Session *session)
    : Job(session)
{
}

void RetrieveJob::setMessages(const QList<int> &numbers)
{
    m_numbers = numbers;
}

void RetrieveJob::run()
{
    m_nextToSend = 0;
    m_nextToReceive = 0;
    m_bytes = 0;
    if (m_numbers.isEmpty()) {
        m_cleanEnd = true;
        finishSuccess();
        return;
    }
    sendMore();
}

void RetrieveJob::sendMore()
{
    const int window = session()->capabilities().pipelining ? m_window : 1;
    while (!m_error.isError() && m_nextToSend < m_numbers.size() && m_outstanding < window) {
        const int number = m_numbers.at(m_nextToSend++);
        if (m_topLines >= 0)
            send("TOP " + QByteArray::number(number) + ' ' + QByteArray::number(m_topLines), true,
                 QStringLiteral("TOP"));
        else
            send("RETR " + QByteArray::number(number), true, QStringLiteral("RETR"));
    }
}

void RetrieveJob::handleStatus(const Response &response)
{
    if (response.isOk())
        return; // the body follows
    const int number = m_numbers.value(m_nextToReceive++);
    if (!m_error.isError()) {
        m_error = Error(Error::Kind::Command,
                        (m_topLines >= 0 ? QStringLiteral("TOP ") : QStringLiteral("RETR "))
                            + QString::number(number),
                        response.displayText());
    }
    maybeFinish();
}

void RetrieveJob::handleData(const QByteArray &chunk)
{
    const int number = m_numbers.value(m_nextToReceive);
    m_bytes += chunk.size();
    if (m_handler)
        m_handler(number, chunk);
    if (m_output)
        m_output->write(chunk);
    Q_EMIT progress(m_bytes, m_expected);
}

void RetrieveJob::handleEnd()
{
    const int number = m_numbers.value(m_nextToReceive++);
    if (!m_error.isError())
        Q_EMIT messageRetrieved(number);
    if (isFinished())
        return;
    sendMore();
    maybeFinish();
}

void RetrieveJob::maybeFinish()
{
    if (m_outstanding > 0)
        return;
    if (!m_error.isError() && m_nextToSend < m_numbers.size()) {
        sendMore();
        return;
    }
    m_cleanEnd = true;
    if (m_error.isError())
        finishWithError(m_error);
    else
        finishSuccess();
}

} // namespace Tributary::Pop3
