#pragma once

#include "dotstuffer.h"
#include "job.h"

#include <QBuffer>
#include <QIODevice>
#include <QList>
#include <QPointer>
#include <QString>

namespace Tributary::Smtp {

// The outcome for one recipient of a SendJob.
struct RecipientResult
{
    QString address;
    bool accepted = false;
    int code = 0;
    QString reply; // the server's words, e.g. "550 5.1.1 <x@y>: Recipient address rejected"
};

// Sends one message through a Session: MAIL FROM, RCPT TO for every recipient (pipelined
// when the server offers PIPELINING), DATA with the message streamed from a QIODevice and
// dot-stuffed on the fly (RFC 5321 §4.5.2), never held in memory as a whole.
//
// Before anything is sent: a message larger than the server's SIZE (RFC 1870) ends with
// Error::Kind::SizeExceeded; a message with 8-bit bytes gets BODY=8BITMIME when offered
// (RFC 6152) and fails with Kind::Command (a clear hint) when not.
// The message is delivered when at least one recipient was accepted; recipientResults() then
// says which were refused. No recipient accepted: Kind::Command naming RCPT TO.
// progress(bytesSent, total) while DATA is sent. finished() exactly once.
class SendJob : public Job
{
    Q_OBJECT
public:
    explicit SendJob(Session *session);

    // Envelope sender (RFC 5321 reverse-path; empty = null sender "<>").
    void setFrom(const QString &address);
    void setRecipients(const QStringList &addresses);
    // The message (RFC 5322, lines ending in CRLF; bare LF is sent as CRLF). Not owned; must
    // stay open for reading, be random access (QFile, QBuffer), and outlive the job. Sent
    // from position 0 to the end.
    void setData(QIODevice *device);
    // Convenience: the job keeps its own copy.
    void setData(const QByteArray &message);

    const QList<RecipientResult> &recipientResults() const { return m_results; }
    // The final reply to DATA, e.g. "250 2.0.0 Ok: queued as 1234".
    QString serverReply() const { return m_finalReply; }
    // Whether BODY=8BITMIME was announced.
    bool usedEightBitMime() const { return m_eightBit; }

protected:
    void run() override;
    void handleReply(const Reply &reply) override;
    void onBytesWritten() override;

private:
    enum class State { Idle, Envelope, Data, Body, Reset };

    bool scanMessage(); // size and 8-bit check
    void sendRecipient(int index);
    void envelopeDone();
    void pump();
    void failAfterReset(const Net::Error &error);
    QByteArray encodeAddress(const QString &address, bool *ok) const;

    QString m_from;
    QStringList m_recipients;
    QPointer<QIODevice> m_device;
    QBuffer m_ownBuffer;
    QList<RecipientResult> m_results;
    QString m_finalReply;
    DotStuffer m_stuffer;
    State m_state = State::Idle;
    int m_repliesExpected = 0;
    int m_repliesSeen = 0;
    bool m_mailAccepted = false;
    Reply m_mailReply;
    bool m_eightBit = false;
    bool m_needUtf8 = false;
    bool m_bodyDone = false;
    qint64 m_size = 0;
    qint64 m_sent = 0;
    Net::Error m_pendingError;
};

} // namespace Tributary::Smtp
