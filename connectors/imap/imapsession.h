#pragma once

#include "imapparser.h"
#include "imapresponse.h"

#include "connectors/common/endpoint.h"
#include "connectors/common/error.h"

#include <QByteArrayList>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

namespace Tributary::Net {
class Connection;
}

namespace Tributary::Imap {

class Job;

// One IMAP connection (RFC 3501 / RFC 9051) and the queue of jobs that use it.
//
// A Session owns its Net::Connection. Jobs are created with the session as parent-session
// and queued by their start(); the session connects on demand when the first job is
// queued, reads the greeting and, for Security::StartTls, upgrades with STARTTLS before
// any queued job runs. TLS is then required: a server that does not offer STARTTLS (or
// greets with PREAUTH in the clear) fails every queued job with Kind::TlsNotOffered and no
// credentials are sent.
//
// Jobs run one at a time in queue order; a job may pipeline several commands of its own
// (UidFetchJob does). Tags are "t1", "t2", ... per connection. The session keeps the
// capability list current (greeting, [CAPABILITY] codes, CAPABILITY responses, cleared
// after STARTTLS), the ENABLEd extensions and the selected mailbox.
//
// Failures (DNS, TCP, TLS, timeout, disconnect, protocol violation, untagged BYE) end the
// active job and every queued job with the same Error, and leave the session Disconnected;
// a job queued afterwards connects again (and must log in again).
//
// Typical use (all asynchronous; wait for each job's finished() or queue them all at once):
//     Imap::Session session;  session.setEndpoint(endpoint);
//     auto *login = new Imap::LoginJob(&session); login->setUser(u); login->setPassword(p);
//     auto *select = new Imap::SelectJob(&session); select->setMailbox(QStringLiteral("INBOX"));
//     auto *fetch = new Imap::UidFetchJob(&session); fetch->setAllUids(); fetch->setSink(&sink);
//     login->start(); select->start(); fetch->start();   // run in this order on one connection
// A failed job does not stop the ones queued after it (a failed LOGIN makes the next
// job fail with the server's NO); check each job's error().
// Jobs are children of the session: destroy them before it, or let it delete them.
//
// Every outgoing line is logged to lcImap through Net::redact() (LOGIN passwords and SASL
// responses are marked sensitive). Single-threaded: use from the thread that created it.
// Do not delete a session from a slot called by it or by one of its jobs: deleteLater().
class Session : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected, // no connection (initially, after LOGOUT or a failure)
        Connecting, // TCP/TLS, greeting, STARTTLS
        NotAuthenticated, // greeted, ready for LOGIN/AUTHENTICATE
        Authenticated, // logged in, no mailbox selected
        Selected, // a mailbox is selected (selectedMailbox())
        LoggingOut,
    };
    Q_ENUM(State)

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    void setEndpoint(const Net::Endpoint &endpoint);
    const Net::Endpoint &endpoint() const { return m_endpoint; }

    State state() const { return m_state; }
    bool isEncrypted() const;
    // Capabilities in upper case ("IMAP4REV1", "AUTH=PLAIN", "LITERAL+"...).
    QByteArrayList capabilities() const { return m_capabilities; }
    bool hasCapability(const QByteArray &capability) const;
    // Extensions the server confirmed with ENABLED (upper case).
    bool isEnabled(const QByteArray &extension) const;
    // The mailbox of the last successful SELECT/EXAMINE (empty when none).
    QString selectedMailbox() const { return m_selected; }
    bool isSelectedReadOnly() const { return m_selectedReadOnly; }
    QString greetingText() const { return m_greeting; }
    // The error that ended the last connection (Kind::None while all is well).
    Net::Error lastError() const { return m_lastError; }
    // Jobs queued or running.
    int pendingJobCount() const;

    // Closes the connection at once (no LOGOUT); queued jobs end with Cancelled.
    void abort();

    // ---- for jobs (Imap::Job subclasses) ----
    // Sends "<tag> <command>" and returns the tag; the tagged reply goes to `job`.
    QByteArray sendCommand(Job *job, const QByteArray &command, bool sensitive = false);
    // Sends a command containing literals: parts alternate text, literal, text, ... The
    // literals use LITERAL+ when offered, otherwise the session waits for each "+"
    // continuation itself. Returns the tag.
    QByteArray sendCommandWithLiterals(Job *job, const QByteArrayList &parts,
                                       bool sensitive = false);
    // A continuation line (SASL response, IDLE's DONE).
    void sendContinuation(const QByteArray &line, bool sensitive = false);
    // Raw bytes (a literal a job streams itself, e.g. APPEND from a QIODevice).
    void writeRaw(const QByteArray &data);
    qint64 bytesToWrite() const;
    QByteArray nextTag();
    Net::Connection *connection() const { return m_connection; }
    // Called by jobs: state after LOGIN/SELECT/CLOSE, capability updates, ENABLED.
    void setState(State state);
    void setCapabilities(const QByteArrayList &capabilities);
    void addEnabled(const QByteArrayList &extensions);
    void setSelectedMailbox(const QString &mailbox, bool readOnly);
    // Stops/starts the "server must answer" timer (IDLE waits without it).
    void setAwaitingServer(bool awaiting);
    Net::Error makeError(Net::Error::Kind kind, const QString &step, const Response &reply) const;
    Net::Error makeError(Net::Error::Kind kind, const QString &step,
                         const QString &serverReply = QString()) const;
    // Ends the connection with a protocol error found by a job.
    void failConnection(const Net::Error &error);
    // Orderly close after LOGOUT.
    void closeAfterLogout();

Q_SIGNALS:
    void stateChanged(Tributary::Imap::Session::State state);
    // Every untagged response (also those a job consumed), for observers such as a
    // mailbox view: EXISTS, EXPUNGE, FETCH flag changes, VANISHED.
    void untaggedResponse(const Tributary::Imap::Response &response);
    // The connection ended with an error (also reported to the jobs).
    void connectionFailed(const Tributary::Net::Error &error);
    // The server's [ALERT] text, which RFC 3501 says must be shown to the user.
    void alert(const QString &text);

private:
    friend class Job;
    class ParserClient;
    void enqueue(Job *job);
    void dequeue(Job *job);
    void connectNow();
    void scheduleNext();
    void runNext();
    void onReady();
    void onEncrypted();
    void onReadyRead();
    void onFailed(const Net::Error &error);
    void onClosed();
    void handleResponse(Response &response);
    void handleGreeting(Response &response);
    void failAll(const Net::Error &error);
    void beginStartTls();
    void writeNextLiteralPart();
    void updateTimer();

    enum class Phase {
        None,
        Greeting,
        StartTlsCapability,
        StartTls,
        TlsHandshake,
        TlsCapability,
        Ready
    };

    Net::Endpoint m_endpoint;
    Net::Connection *m_connection = nullptr;
    ParserClient *m_parserClient = nullptr;
    ResponseParser *m_parser = nullptr;
    State m_state = State::Disconnected;
    Phase m_phase = Phase::None;
    QByteArrayList m_capabilities;
    QByteArrayList m_enabled;
    QString m_selected;
    bool m_selectedReadOnly = false;
    QString m_greeting;
    Net::Error m_lastError;
    QList<QPointer<Job>> m_queue;
    QPointer<Job> m_active;
    QHash<QByteArray, QPointer<Job>> m_tags;
    QByteArray m_phaseTag;
    quint32 m_tagCounter = 0;
    bool m_runScheduled = false;
    bool m_awaiting = true;
    bool m_closing = false;
    // A command whose next literal waits for "+" (no LITERAL+).
    QByteArrayList m_literalParts;
    bool m_literalSensitive = false;
};

} // namespace Tributary::Imap
