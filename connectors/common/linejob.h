#pragma once

#include "job.h"

#include <QPointer>

namespace Tributary::Net {

class LineSession;

// Base of the jobs that run on a LineSession (POP3, SMTP). start() queues the job on its
// session (a job without a session finishes with Kind::Command, from the event loop, never
// inside start()); the session calls run() once it is connected and signed in, and hands
// the job the server's replies in its own protocol's terms until the job finishes.
// If the session cannot open, loses the connection or is aborted, sessionFailed() is called
// and the job finishes with that error. finished() is emitted once (Net::Job); the job then
// leaves its session, which runs the next one. The session must outlive the job's run; a
// session that is destroyed first detaches its jobs (session() becomes null).
class LineJob : public Job
{
    Q_OBJECT
public:
    explicit LineJob(LineSession *session);
    ~LineJob() override;

    void start() override;

protected:
    friend class LineSession;
    // Called once by the session when this job's turn has come (connected, signed in).
    virtual void run() = 0;
    // The connection failed or closed while this job was queued or running.
    virtual void sessionFailed(const Error &error);
    // Whether the session may be reused after this job: by default m_cleanEnd. Read when the
    // job leaves its session (finished, or destroyed unfinished).
    virtual bool endedClean() const { return m_cleanEnd; }
    void aboutToFinish() override;
    // Leaves the session now (no effect when finished or already detached). A subclass whose
    // endedClean() reads its own members calls this from its destructor.
    void leaveSession();
    LineSession *lineSession() const { return m_lineSession; }

    // Set by a job that ends with no reply outstanding, so the session can be reused;
    // otherwise (cancel, timeout, protocol error) the session drops the connection.
    bool m_cleanEnd = false;

private:
    QPointer<LineSession> m_lineSession;
};

} // namespace Tributary::Net
