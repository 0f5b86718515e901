#include "imapjob.h"

#include "imapsession.h"
#include "mutf7.h"

namespace Tributary::Imap {

Job::Job(Session *session)
    : Net::Job(session)
    , m_session(session)
{
}

Job::~Job()
{
    if (m_session && m_queued)
        m_session->dequeue(this);
}

void Job::start()
{
    if (isFinished() || m_queued)
        return;
    if (!m_session) {
        finishWithError(Net::Error(Net::Error::Kind::Cancelled, tr("no session")));
        return;
    }
    const Net::Error e = validate();
    if (e.isError()) {
        finishWithError(e);
        return;
    }
    m_queued = true;
    m_session->enqueue(this);
}

void Job::cancel()
{
    if (isFinished())
        return;
    if (m_session && m_session->m_active == this) {
        // The server may still answer this job's commands: the connection is unusable.
        m_session->abort();
        return;
    }
    Net::Job::cancel();
}

void Job::aboutToFinish()
{
    if (m_session && m_queued) {
        m_queued = false;
        m_session->dequeue(this);
    }
}

void Job::handleContinuation(Response &response)
{
    Q_UNUSED(response);
    if (m_session)
        m_session->failConnection(m_session->makeError(Net::Error::Kind::ProtocolViolation,
                                                       tr("reading the server's reply"),
                                                       tr("Unexpected continuation request.")));
}

void Job::connectionClosed()
{
    finishWithError(Net::Error(Net::Error::Kind::Disconnected, tr("reading the server's reply")));
}

void Job::finishWithReply(const Response &response, const QString &step, Net::Error::Kind kind)
{
    if (!m_session) {
        finishWithError(Net::Error(kind, step, response.text));
        return;
    }
    finishWithError(m_session->makeError(kind, step, response));
}

QByteArray Job::quoted(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out.append('"');
    for (char c : text) {
        if (c == '"' || c == '\\')
            out.append('\\');
        out.append(c);
    }
    out.append('"');
    return out;
}

QByteArray Job::mailboxArgument(const QString &mailbox)
{
    if (mailbox.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
        return QByteArrayLiteral("INBOX");
    return quoted(encodeMailboxName(mailbox));
}

} // namespace Tributary::Imap
