#pragma once

#include "connectors/common/endpoint.h"
#include "connectors/common/job.h"
#include "spamdreply.h"

#include <QByteArray>
#include <QPointer>

namespace Tributary::Net {
class Connection;
}

namespace Tributary::Spamd {

// Asks a SpamAssassin spamd whether one message is spam (spamc protocol SPAMC/1.5; see
// spamdreply.h). One connection per job, as spamc does.
//
//   auto *job = new Spamd::CheckJob;
//   job->setEndpoint(endpoint);          // host, port; security None (spamd speaks plain TCP
//                                        // here; TLS spamd is not supported)
//   job->setMessage(bytes);              // the whole message, as received
//   connect(job, &Net::Job::finished, ...);   // exactly once, also after cancel()
//   job->start();
//
// Request: "<COMMAND> SPAMC/1.5", Content-length (the message's bytes), User when set, a
// blank line, the message. Success means spamd answered EX_OK with a Spam: verdict; then
// isSpam(), score(), threshold() (and symbols() for Command::Symbols, headers() for
// Command::Headers) are valid.
//
// Errors (Net::Error kinds, user words through errorString()): ConnectionRefused /
// HostNotFound / ConnectTimeout (spamd not reachable), Timeout (no complete answer within
// Endpoint::timeoutMs of silence), Disconnected (closed before a complete answer), Command
// (spamd refused the request: non-zero code, its words in the reply), ProtocolViolation
// (not a spamd answer), SizeExceeded (the message is larger than setMaxSize()), Cancelled.
//
// Threading: lives in the thread that created it; no waitFor*, no nested event loop.
// Ownership: the job owns its connection; it does not delete itself unless setAutoDelete.
class CheckJob : public Net::Job
{
    Q_OBJECT
public:
    enum class Command { Check, Symbols, Headers };
    Q_ENUM(Command)

    explicit CheckJob(QObject *parent = nullptr);
    ~CheckJob() override;

    void setEndpoint(const Net::Endpoint &endpoint) { m_endpoint = endpoint; }
    void setMessage(const QByteArray &message) { m_message = message; }
    void setCommand(Command command) { m_command = command; }
    // The spamd user whose preferences apply (spamd -u/virtual users); empty: none sent.
    void setUser(const QString &user) { m_user = user; }
    // Messages larger than this fail with SizeExceeded without connecting (0 = no limit).
    void setMaxSize(qint64 bytes) { m_maxSize = bytes; }

    void start() override;
    void cancel() override;

    bool isSpam() const { return m_reply.spam; }
    double score() const { return m_reply.score; }
    double threshold() const { return m_reply.threshold; }
    QStringList symbols() const { return m_reply.symbols; }
    QByteArray headers() const
    {
        return m_command == Command::Headers ? m_reply.body : QByteArray();
    }
    const Reply &reply() const { return m_reply; }

protected:
    void aboutToFinish() override;

private:
    void onReady();
    void onReadyRead();
    void onFailed(const Net::Error &error);
    void fail(Net::Error::Kind kind, const QString &step, const QString &serverReply = QString(),
              const QString &detail = QString());

    Net::Endpoint m_endpoint;
    QByteArray m_message;
    Command m_command = Command::Check;
    QString m_user;
    qint64 m_maxSize = 0;
    QPointer<Net::Connection> m_connection;
    QByteArray m_received;
    Reply m_reply;
    bool m_started = false;
};

} // namespace Tributary::Spamd
