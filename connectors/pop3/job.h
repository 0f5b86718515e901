#pragma once

#include "connectors/common/job.h"
#include "response.h"

#include <QPointer>

namespace Tributary::Pop3 {

class Session;

// Base of the jobs that run on a Pop3::Session. start() queues the job; the session runs
// it once signed in. The session hands the job, in order, the status of each command it
// sent (handleStatus), and for a multi-line +OK the body (handleData, dot-unstuffed, in
// chunks) and its end (handleEnd). If the connection fails, the job finishes with that
// error. The session must outlive the job's run.
class Job : public Net::Job
{
    Q_OBJECT
public:
    explicit Job(Session *session);
    ~Job() override;

    void start() override;
    Session *session() const { return m_session; }

protected:
    friend class Session;
    virtual void run() = 0;
    virtual void handleStatus(const Response &response) = 0;
    virtual void handleData(const QByteArray &chunk) { Q_UNUSED(chunk) }
    virtual void handleEnd() { }
    virtual void sessionFailed(const Net::Error &error);
    void aboutToFinish() override;
    // Sends through the session and counts the command as outstanding.
    void send(const QByteArray &line, bool multiLine, const QString &step);
    // Called by the session once a command's reply (and body) has been fully read.
    void commandDone() { --m_outstanding; }

    QPointer<Session> m_session;
    int m_outstanding = 0;
    // Set when the job ends with nothing outstanding, so the session can be reused;
    // otherwise (cancel, protocol error) the session drops the connection.
    bool m_cleanEnd = false;
};

} // namespace Tributary::Pop3
