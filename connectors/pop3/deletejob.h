#pragma once

#include "job.h"

#include <QList>

namespace Tributary::Pop3 {

// DELE for each message (pipelined when offered). The server removes them only when the
// session ends with QuitJob (RFC 1939 §6); RSET (ResetJob) or a dropped connection keeps
// them. A -ERR ends the job with Kind::Command naming the message; deleted() lists the
// numbers the server accepted.
class DeleteJob : public Job
{
    Q_OBJECT
public:
    explicit DeleteJob(Session *session);
    void setMessages(const QList<int> &numbers) { m_numbers = numbers; }
    const QList<int> &deleted() const { return m_deleted; }

protected:
    void run() override;
    void handleStatus(const Response &response) override;

private:
    void sendNext();

    QList<int> m_numbers;
    QList<int> m_deleted;
    int m_next = 0;
    int m_received = 0;
    Net::Error m_error;
};

// RSET: unmark every message marked as deleted in this session.
class ResetJob : public Job
{
    Q_OBJECT
public:
    explicit ResetJob(Session *session);

protected:
    void run() override;
    void handleStatus(const Response &response) override;
};

} // namespace Tributary::Pop3
