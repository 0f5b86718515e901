#pragma once

#include "connectors/common/connection.h"
#include "connectors/common/endpoint.h"
#include "connectors/common/error.h"
#include "connectors/common/sasl.h"
#include "reply.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Tributary::Smtp {

class Job;

// What the server said in its EHLO reply (RFC 5321 §4.1.1.1 and the extensions).
struct Capabilities
{
    bool esmtp = false; // EHLO accepted (false: HELO fallback)
    bool startTls = false; // RFC 3207
    bool pipelining = false; // RFC 2920
    bool eightBitMime = false; // RFC 6152
    bool smtpUtf8 = false; // RFC 6531
    qint64 maxSize = 0; // RFC 1870 SIZE; 0 = not announced / no limit
    QList<QByteArray> authMechanisms; // RFC 4954, upper case
};

// One SMTP connection with a queue of jobs (RFC 5321, 6409 submission).
//
// Jobs (SendJob, VerifyJob) are created with the session as parent argument and start()ed;
// they run one after another. The first job opens the connection: connect (implicit TLS when
// the endpoint says so), greeting, EHLO (HELO when EHLO is refused), STARTTLS + EHLO again
// when the endpoint requires it, then AUTH with the credentials given (if any).
//
// Security contract: with Security::StartTls the session never sends AUTH (nor MAIL) before
// TLS is up; a server that does not offer STARTTLS ends with Error::Kind::TlsNotOffered.
// A failure while opening fails every queued job with the same Error. Credentials are only
// held in memory and only sent in SASL lines, which are logged as redacted.
//
// Not thread-safe; use from the thread that created it. No nested event loops.
class Session : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,
        Connecting,
        Greeting,
        Ehlo,
        StartingTls,
        Authenticating,
        Ready, // logged in, idle
        Busy, // a job is running
        Quitting,
    };
    Q_ENUM(State)

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    void setEndpoint(const Net::Endpoint &endpoint);
    const Net::Endpoint &endpoint() const { return m_endpoint; }
    // Empty credentials: no AUTH (servers that relay for the local network).
    void setCredentials(const Net::Sasl::Credentials &credentials);
    // Used when the server offers it; otherwise Sasl::choose() picks.
    void setPreferredMechanism(Net::Sasl::Mechanism mechanism);
    // Name sent in EHLO/HELO; default is the address literal of the local socket address.
    void setClientName(const QByteArray &name);

    State state() const { return m_state; }
    const Capabilities &capabilities() const { return m_caps; }
    bool isEncrypted() const;
    Net::Sasl::Mechanism usedMechanism() const { return m_usedMechanism; }
    // The last error that ended the connection (None while all is well).
    const Net::Error &lastError() const { return m_lastError; }

    // Sends QUIT once the queue is empty and closes; Disconnected afterwards.
    void quit();
    // Closes at once; the running and queued jobs end with Cancelled.
    void abort();

Q_SIGNALS:
    void stateChanged(Tributary::Smtp::Session::State state);

public:
    // For the job that is running (from its run()/handleReply()): send a command line and
    // arm the reply timeout with `step`; raw body bytes; what is still buffered.
    void send(const QByteArray &line, const QString &step,
              Net::Connection::LineKind kind = Net::Connection::LineKind::Normal);
    void sendRaw(const QByteArray &data);
    qint64 bytesToWrite() const;
    Net::Connection *connection() const { return m_connection; }

private:
    friend class Job;
    void enqueue(Job *job);
    void dequeue(Job *job); // queued or running job that ended (finished or cancelled)
    void jobFinishedAbnormally(); // the running job could not finish cleanly: drop the connection

    enum class Step { None, Greeting, Ehlo, Helo, StartTls, Auth, Quit };

    void setState(State state);
    void open();
    void onReady();
    void onEncrypted();
    void onReadyRead();
    void onFailed(const Net::Error &error);
    void onClosed();
    void handleReply(const Reply &reply);
    void handleSessionReply(const Reply &reply);
    void sendEhlo();
    void afterEhlo();
    void startAuth();
    void becomeReady();
    void failSession(const Net::Error &error);
    void runNext();
    void parseEhlo(const Reply &reply);
    QByteArray clientName() const;

    Net::Endpoint m_endpoint;
    Net::Sasl::Credentials m_credentials;
    Net::Sasl::Mechanism m_preferred = Net::Sasl::Mechanism::None;
    Net::Sasl::Mechanism m_usedMechanism = Net::Sasl::Mechanism::None;
    Net::Sasl::Client m_sasl;
    QByteArray m_clientName;
    Net::Connection *m_connection = nullptr;
    ReplyParser m_parser;
    Capabilities m_caps;
    State m_state = State::Disconnected;
    Step m_step = Step::None;
    QList<QPointer<Job>> m_queue;
    QPointer<Job> m_current;
    Net::Error m_lastError;
    bool m_quitRequested = false;
};

} // namespace Tributary::Smtp
