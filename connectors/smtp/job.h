#pragma once

#include "connectors/common/job.h"
#include "reply.h"

#include <QPointer>

namespace Tributary::Smtp {

class Session;

// Base of the jobs that run on an Smtp::Session. start() queues the job on its session;
// the session calls run() once it is connected and authenticated, then hands every reply to
// handleReply() until the job finishes. If the session cannot open or loses the connection,
// the job finishes with that error. The session must outlive the job's run.
class Job : public Net::Job
{
    Q_OBJECT
public:
    explicit Job(Session *session);
    ~Job() override;

    void start() override;
    void cancel() override;
    Session *session() const { return m_session; }

protected:
    friend class Session;
    virtual void run() = 0;
    virtual void handleReply(const Reply &reply) = 0;
    // Output progress while DATA is sent (bytesWritten); default: nothing.
    virtual void onBytesWritten() { }
    // The connection failed or closed while this job was queued or running.
    virtual void sessionFailed(const Net::Error &error);
    void aboutToFinish() override;

    QPointer<Session> m_session;
    bool m_running = false;
    // Set by a job that ends with no reply outstanding, so the session can be reused;
    // otherwise (cancel, timeout) the session drops the connection.
    bool m_cleanEnd = false;
};

} // namespace Tributary::Smtp
