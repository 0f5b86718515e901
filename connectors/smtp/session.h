#pragma once

#include "connectors/common/linesession.h"
#include "reply.h"

#include <QList>

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
// The queue, the connection's life, failures and abort() (closes at once; the running and
// queued jobs end with Cancelled) are Net::LineSession's. Empty credentials
// (setCredentials()) mean no AUTH (servers that relay for the local network).
// Not thread-safe; use from the thread that created it. No nested event loops.
class Session : public Net::LineSession
{
    Q_OBJECT
public:
    enum class State {
        Disconnected = int(Phase::Disconnected),
        Connecting = int(Phase::Connecting),
        Greeting = int(Phase::Greeting),
        Ehlo = int(Phase::Negotiating),
        StartingTls = int(Phase::StartingTls),
        Authenticating = int(Phase::Authenticating),
        Ready = int(Phase::Ready), // logged in, idle
        Busy = int(Phase::Busy), // a job is running
        Quitting = int(Phase::Quitting),
    };
    Q_ENUM(State)

    explicit Session(QObject *parent = nullptr);

    // Name sent in EHLO/HELO; default is the address literal of the local socket address.
    void setClientName(const QByteArray &name);

    State state() const { return State(int(phase())); }
    const Capabilities &capabilities() const { return m_caps; }
    Net::Sasl::Mechanism usedMechanism() const { return m_usedMechanism; }

    // Sends QUIT once the queue is empty and closes; Disconnected afterwards.
    void quit();

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
    enum class Step { None, Greeting, Ehlo, Helo, StartTls, Auth, Quit };

    void setState(State state) { setPhase(Phase(int(state))); }
    void phaseChanged(Phase phase) override;
    void prepareConnection(Net::Connection *connection) override;
    void onReady() override;
    void onEncrypted() override;
    void onReadyRead() override;
    void connectionDropped() override;
    void queueDrained() override;
    Job *current() const;
    void handleReply(const Reply &reply);
    void handleSessionReply(const Reply &reply);
    void sendEhlo();
    void afterEhlo();
    void startAuth();
    void signedIn();
    void parseEhlo(const Reply &reply);
    QByteArray clientName() const;

    Net::Sasl::Mechanism m_usedMechanism = Net::Sasl::Mechanism::None;
    QByteArray m_clientName;
    ReplyParser m_parser;
    Capabilities m_caps;
    Step m_step = Step::None;
    bool m_quitRequested = false;
};

} // namespace Tributary::Smtp
