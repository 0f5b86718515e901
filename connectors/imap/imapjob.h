#pragma once

#include "imapparser.h"
#include "imapresponse.h"

#include "connectors/common/job.h"

#include <QPointer>

namespace Tributary::Imap {

class Session;

// Base of every IMAP job (STYLE.md job shape): create with the session, use the setters,
// start(). start() validates and queues the job on the session; the session calls
// run() when the job's turn comes (after connecting, greeting and STARTTLS). finished()
// is emitted exactly once, also when the connection fails or cancel() is called.
//
// cancel() of a queued job only removes it. cancel() of a running job closes the
// connection (the server may still be sending its answer; IdleJob::done() is the graceful
// way out of IDLE), so later jobs on the session fail with Cancelled too.
class Job : public Net::Job
{
    Q_OBJECT
public:
    explicit Job(Session *session);
    ~Job() override;

    Session *session() const { return m_session; }
    void start() override;
    void cancel() override;

protected:
    friend class Session;
    // Validation in start(): return an error (kind != None) to finish at once.
    virtual Net::Error validate() const { return {}; }
    // The job's turn: send its command(s).
    virtual void run() = 0;
    // The tagged completion of one of this job's commands.
    virtual void handleTagged(Response &response) = 0;
    // Untagged responses while this job runs. Return true if the job used it.
    virtual bool handleUntagged(Response &response)
    {
        Q_UNUSED(response);
        return false;
    }
    // A "+" continuation request addressed to this job (SASL challenge, IDLE, APPEND).
    virtual void handleContinuation(Response &response);
    // Streaming of FETCH body literals (see ResponseParserClient).
    virtual bool literalBegin(const LiteralInfo &info)
    {
        Q_UNUSED(info);
        return false;
    }
    virtual void literalData(const char *data, qsizetype size)
    {
        Q_UNUSED(data);
        Q_UNUSED(size);
    }
    virtual void literalEnd() { }
    // Bytes were written (for jobs streaming a literal from a device).
    virtual void bytesWritten() { }
    // Whether the session must time out if the server is silent while this job runs.
    virtual bool expectsServerActivity() const { return true; }
    // The connection closed in an orderly way while this job ran (LOGOUT: success).
    virtual void connectionClosed();

    void aboutToFinish() override;
    // NO/BAD -> Command error with the server's words, for `step`.
    void finishWithReply(const Response &response, const QString &step,
                         Net::Error::Kind kind = Net::Error::Kind::Command);
    // The command this job sends, quoted as needed (astring / mailbox helpers).
    static QByteArray quoted(const QByteArray &text);
    static QByteArray mailboxArgument(const QString &mailbox);

private:
    QPointer<Session> m_session;
    bool m_queued = false;
};

} // namespace Tributary::Imap
