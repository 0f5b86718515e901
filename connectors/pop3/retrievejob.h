#pragma once

#include "job.h"

#include <QIODevice>
#include <QList>
#include <QPointer>

#include <functional>

namespace Tributary::Pop3 {

// RETR (or TOP n when setTopLines() is used) of one or more messages, streamed: the
// message bytes (dot-unstuffed, exactly as the server stores them) go to a chunk callback
// or a QIODevice as they arrive, never collected whole by the job.
// With PIPELINING several RETRs are in flight at once (RFC 2449 §6.6).
//
// messageRetrieved(number) is emitted after a message's last byte went to the sink: the
// caller stores it durably before deleting it at the source (DeleteJob).
// A -ERR for one message ends the job with Kind::Command naming that message (the messages
// before it were delivered). progress(bytes, expected) when sizes were given.
class RetrieveJob : public Job
{
    Q_OBJECT
public:
    using ChunkHandler = std::function<void(int number, const QByteArray &chunk)>;

    explicit RetrieveJob(Session *session);

    void setMessages(const QList<int> &numbers);
    // Optional: expected sizes (from LIST), for progress only.
    void setExpectedTotal(qint64 bytes) { m_expected = bytes; }
    void setChunkHandler(ChunkHandler handler) { m_handler = std::move(handler); }
    // Alternative sink: every message is appended to this device (not owned).
    void setOutput(QIODevice *device) { m_output = device; }
    // TOP number lines (RFC 1939 §7) instead of RETR; -1 (default) means RETR.
    void setTopLines(int lines) { m_topLines = lines; }
    // Messages in flight with PIPELINING (default 8).
    void setWindow(int window) { m_window = qMax(1, window); }

    qint64 bytesReceived() const { return m_bytes; }

Q_SIGNALS:
    void messageRetrieved(int number);

protected:
    void run() override;
    void handleStatus(const Response &response) override;
    void handleData(const QByteArray &chunk) override;
    void handleEnd() override;

private:
    void sendMore();
    void maybeFinish();

    QList<int> m_numbers;
    ChunkHandler m_handler;
    QPointer<QIODevice> m_output;
    int m_topLines = -1;
    int m_window = 8;
    int m_nextToSend = 0;
    int m_nextToReceive = 0;
    qint64 m_bytes = 0;
    qint64 m_expected = 0;
    Net::Error m_error;
};

} // namespace Tributary::Pop3
