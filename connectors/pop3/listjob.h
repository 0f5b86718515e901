#pragma once

#include "job.h"

#include <QList>

#include <utility>

namespace Tributary::Pop3 {

// STAT (RFC 1939 §5): number of messages and total size of the maildrop.
class StatJob : public Job
{
    Q_OBJECT
public:
    explicit StatJob(Session *session);
    int count() const { return m_count; }
    qint64 totalSize() const { return m_size; }

protected:
    void run() override;
    void handleStatus(const Response &response) override;

private:
    int m_count = 0;
    qint64 m_size = 0;
};

struct MessageInfo
{
    int number = 0;
    qint64 size = 0;
    QByteArray uid; // UIDL (empty when not asked for or not supported)
};

// LIST, and UIDL when withUids (default), for the whole maildrop (RFC 1939 §5, §7).
// With PIPELINING both commands are sent at once. messages() is sorted by number.
// A listing line that does not parse ends the job with Kind::ProtocolViolation.
class ListJob : public Job
{
    Q_OBJECT
public:
    explicit ListJob(Session *session);
    void setWithUids(bool withUids) { m_withUids = withUids; }
    const QList<MessageInfo> &messages() const { return m_messages; }
    // Moves the listing out (messages() is empty after): for a caller that keeps it.
    QList<MessageInfo> takeMessages() { return std::exchange(m_messages, {}); }

protected:
    void run() override;
    void handleStatus(const Response &response) override;
    void handleData(const QByteArray &chunk) override;
    void handleEnd() override;

private:
    void sendUidl();
    void parse(const QByteArray &body, bool uids);
    void maybeFinish();

    bool m_withUids = true;
    int m_phase = 0; // 0 = LIST reply, 1 = UIDL reply
    QByteArray m_body;
    QList<MessageInfo> m_messages;
    Net::Error m_error;
};

} // namespace Tributary::Pop3
