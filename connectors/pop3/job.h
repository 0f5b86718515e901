#pragma once

#include "connectors/common/linejob.h"
#include "response.h"

namespace Tributary::Pop3 {

class Session;

// Base of the jobs that run on a Pop3::Session (queueing, start(), run(), failure and
// cancel as Net::LineJob). The session hands the job, in order, the status of each command
// it sent (handleStatus), and for a multi-line +OK the body (handleData, dot-unstuffed, in
// chunks) and its end (handleEnd). The session is reused after the job only if it set
// m_cleanEnd and no reply is outstanding.
class Job : public Net::LineJob
{
    Q_OBJECT
public:
    explicit Job(Session *session);
    ~Job() override;

    Session *session() const;

protected:
    friend class Session;
    virtual void handleStatus(const Response &response) = 0;
    virtual void handleData(const QByteArray &chunk) { Q_UNUSED(chunk) }
    virtual void handleEnd() { }
    bool endedClean() const override { return m_cleanEnd && m_outstanding == 0; }
    // Sends through the session and counts the command as outstanding.
    void send(const QByteArray &line, bool multiLine, const QString &step);
    // Called by the session once a command's reply (and body) has been fully read.
    void commandDone() { --m_outstanding; }

    int m_outstanding = 0;
};

} // namespace Tributary::Pop3
