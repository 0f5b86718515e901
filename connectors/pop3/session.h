#pragma once

#include "connectors/common/linesession.h"
#include "multilinereader.h"
#include "response.h"

#include <QList>
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
// The queue, the connection's life, failures and abort() (closes without QUIT, so nothing
// is deleted; queued and running jobs end Cancelled) are Net::LineSession's. A failure while
// opening fails every queued job with the same Error. Not thread-safe; no nested event
// loops. Credentials stay in memory and are logged as redacted.
class Session : public Net::LineSession
{
    Q_OBJECT
public:
    enum class State {
        Disconnected = int(Phase::Disconnected),
        Connecting = int(Phase::Connecting),
        Greeting = int(Phase::Greeting),
        Capabilities = int(Phase::Negotiating),
        StartingTls = int(Phase::StartingTls),
        Authenticating = int(Phase::Authenticating),
        Ready = int(Phase::Ready),
        Busy = int(Phase::Busy),
        Quitting = int(Phase::Quitting)
    };
    Q_ENUM(State)

    explicit Session(QObject *parent = nullptr);

    void setLoginMethod(LoginMethod method);

    State state() const { return State(int(phase())); }
    const Capabilities &capabilities() const { return m_caps; }
    QByteArray greeting() const { return m_greeting; }
    // What signed in: "USER", "APOP" or the SASL mechanism name.
    QByteArray usedLogin() const { return m_usedLogin; }

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

    void setState(State state) { setPhase(Phase(int(state))); }
    void phaseChanged(Phase phase) override;
    void prepareConnection(Net::Connection *connection) override;
    void onReady() override;
    void onEncrypted() override;
    void onReadyRead() override;
    void connectionDropped() override;
    void sendOwn(const QByteArray &line, Own own, bool multiLine, const QString &step,
                 Net::Connection::LineKind kind = Net::Connection::LineKind::Normal);
    void handleOwn(const Pending &pending, const Response &response);
    void ownBody(const QByteArray &chunk);
    void afterCapa();
    void startLogin();
    void loginFailed(const Response &response, const QString &step);
    void parseCapa();

    LoginMethod m_loginMethod = LoginMethod::Auto;
    MultiLineReader m_reader;
    bool m_inBody = false;
    QList<Pending> m_pending;
    Capabilities m_caps;
    QByteArray m_capaBody;
    QByteArray m_greeting;
    QByteArray m_usedLogin;
};

} // namespace Tributary::Pop3
