#pragma once

#include "connectors/common/connection.h"
#include "connectors/common/endpoint.h"
#include "connectors/common/error.h"
#include "connectors/common/sasl.h"
#include "multilinereader.h"
#include "response.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Tributary::Pop3 {

class Job;

// What CAPA (RFC 2449) reported. When CAPA is refused, `known` is false and the session
// assumes RFC 1939 (USER/PASS, TOP and UIDL optional).
struct Capabilities
{
    bool known = false;
    bool stls = false; // RFC 2595
    bool user = false; // USER/PASS allowed
    bool top = false;
    bool uidl = false;
    bool pipelining = false; // RFC 2449 §6.6
    QList<QByteArray> saslMechanisms; // RFC 5034, upper case
    QList<QByteArray> raw; // every line, as sent (unknown ones included)
};

// How to sign in. Auto: OAuth token -> SASL XOAUTH2/OAUTHBEARER; password -> SASL PLAIN
// when offered, else USER/PASS. Apop is used only when asked for and fails with
// Kind::Authentication when the greeting carries no <timestamp> (RFC 1939 §7).
enum class LoginMethod { Auto, UserPass, Apop, Sasl };

// One POP3 connection (RFC 1939, 2449, 2595, 5034) with a queue of jobs.
//
// The first job opens the connection: connect (implicit TLS for POP3S), greeting, CAPA,
// STLS + CAPA again when the endpoint requires TLS (Kind::TlsNotOffered when it is not
// offered; no credential is ever sent before TLS then), then sign-in. Jobs run one after
// another; a job may pipeline several commands when CAPA lists PIPELINING.
// Deletions (DeleteJob) are committed by the server only on QuitJob (RFC 1939 §6); a
// dropped connection leaves every message in place.
//
// A failure while opening fails every queued job with the same Error. Not thread-safe;
// no nested event loops. Credentials stay in memory and are logged as redacted.
class Session : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,
        Connecting,
        Greeting,
        Capabilities,
        StartingTls,
        Authenticating,
        Ready,
        Busy,
        Quitting
    };
    Q_ENUM(State)

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    void setEndpoint(const Net::Endpoint &endpoint);
    const Net::Endpoint &endpoint() const { return m_endpoint; }
    void setCredentials(const Net::Sasl::Credentials &credentials);
    void setLoginMethod(LoginMethod method);
    void setPreferredMechanism(Net::Sasl::Mechanism mechanism);

    State state() const { return m_state; }
    const Capabilities &capabilities() const { return m_caps; }
    bool isEncrypted() const;
    QByteArray greeting() const { return m_greeting; }
    // What signed in: "USER", "APOP" or the SASL mechanism name.
    QByteArray usedLogin() const { return m_usedLogin; }
    const Net::Error &lastError() const { return m_lastError; }

    // Closes without QUIT (nothing deleted); queued and running jobs end Cancelled.
    void abort();

    // For the running job: sends a command; `multiLine` says an +OK starts a multi-line body.
    void send(const QByteArray &line, bool multiLine, const QString &step,
              Net::Connection::LineKind kind = Net::Connection::LineKind::Normal);

Q_SIGNALS:
    void stateChanged(Tributary::Pop3::Session::State state);

private:
    friend class Job;
    enum class Own { None, Greeting, Capa, Stls, User, Pass, Apop, Auth };
    struct Pending
    {
        QPointer<Job> job;
        Own own = Own::None;
        bool multiLine = false;
        QString step;
    };

    void enqueue(Job *job);
    void dequeue(Job *job);
    void open();
    void setState(State state);
    void onReady();
    void onEncrypted();
    void onReadyRead();
    void onFailed(const Net::Error &error);
    void onClosed();
    void sendOwn(const QByteArray &line, Own own, bool multiLine, const QString &step,
                 Net::Connection::LineKind kind = Net::Connection::LineKind::Normal);
    void handleOwn(const Pending &pending, const Response &response);
    void ownBody(const QByteArray &chunk);
    void afterCapa();
    void startLogin();
    void loginDone();
    void loginFailed(const Response &response, const QString &step);
    void failSession(const Net::Error &error);
    void dropConnection();
    void runNext();
    void parseCapa();

    Net::Endpoint m_endpoint;
    Net::Sasl::Credentials m_credentials;
    LoginMethod m_loginMethod = LoginMethod::Auto;
    Net::Sasl::Mechanism m_preferred = Net::Sasl::Mechanism::None;
    Net::Sasl::Client m_sasl;
    Net::Connection *m_connection = nullptr;
    MultiLineReader m_reader;
    bool m_inBody = false;
    QList<Pending> m_pending;
    Capabilities m_caps;
    QByteArray m_capaBody;
    QByteArray m_greeting;
    QByteArray m_usedLogin;
    State m_state = State::Disconnected;
    QList<QPointer<Job>> m_queue;
    QPointer<Job> m_current;
    Net::Error m_lastError;
};

} // namespace Tributary::Pop3
