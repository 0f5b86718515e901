#pragma once

#include "connection.h"
#include "endpoint.h"
#include "error.h"
#include "sasl.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Tributary::Net {

class LineJob;

// What the line-protocol sessions (Pop3::Session, Smtp::Session) share: one Connection at a
// time, a queue of LineJobs of which one runs at a time, and the connection's life.
//
// - The first queued job opens the connection (open(): prepareConnection(), connect). The
//   protocol then reads the greeting, negotiates, signs in and calls becomeReady(), which
//   runs the queued jobs one after another (each from the event loop, never inside the
//   job's start() or finished()). queueDrained() is called when Ready with nothing queued.
// - A job that ends clean (LineJob::endedClean()) leaves the connection Ready for the next;
//   any other end drops the connection and, if jobs are waiting, opens a new one.
// - failSession(error): the connection is dropped, lastError() is set and the running and
//   every queued job finish with that error. A failure of the connection does the same,
//   except while Quitting with no job running (the close after QUIT is the normal end).
// - abort(): failSession with Kind::Cancelled.
// - The server closing the connection in order: Disconnected, then a new connection if jobs
//   are waiting.
//
// The protocol subclass reads the server's lines (onReadyRead), answers the greeting
// (onReady) and TLS (onEncrypted), routes replies to currentJob(), and forgets its
// per-connection reply state in connectionDropped(). It names the phases in its own Q_ENUM
// State (same order and values as Phase) and emits its own stateChanged from phaseChanged().
// Not thread-safe; use from the thread that created it. No nested event loops.
class LineSession : public QObject
{
    Q_OBJECT
public:
    enum class Phase {
        Disconnected,
        Connecting,
        Greeting,
        Negotiating, // capabilities (CAPA, EHLO)
        StartingTls,
        Authenticating,
        Ready, // signed in, idle
        Busy, // a job is running
        Quitting,
    };

    ~LineSession() override;

    void setEndpoint(const Endpoint &endpoint);
    const Endpoint &endpoint() const { return m_endpoint; }
    void setCredentials(const Sasl::Credentials &credentials);
    // Used when the server offers it; otherwise Sasl::choose() picks.
    void setPreferredMechanism(Sasl::Mechanism mechanism);

    bool isEncrypted() const;
    // The last error that ended the connection (None while all is well).
    const Error &lastError() const { return m_lastError; }

    // Closes at once; the running and queued jobs end with Cancelled.
    void abort();

protected:
    // `category` is where the connection logs protocol lines (redacted).
    LineSession(const QLoggingCategory &(*category)(), QObject *parent);

    Phase phase() const { return m_phase; }
    void setPhase(Phase phase);
    // Called on every change of phase (announce it as the protocol's stateChanged).
    virtual void phaseChanged(Phase phase) = 0;

    // The connection about to connect: reset what was learnt on the previous one, set
    // limits, connect extra signals.
    virtual void prepareConnection(Connection *connection) = 0;
    virtual void onReady() = 0;
    virtual void onEncrypted() = 0;
    virtual void onReadyRead() = 0;
    // The connection is gone (dropped, failed or closed): forget replies still expected.
    virtual void connectionDropped() { }
    // Ready, with no job left to run.
    virtual void queueDrained() { }

    // Signed in: Ready, timeout disarmed, the next job runs.
    void becomeReady();
    void failSession(const Error &error);
    // Aborts the connection (no QUIT) and becomes Disconnected; jobs stay queued.
    void dropConnection();
    LineJob *currentJob() const { return m_current; }
    bool hasQueuedJobs() const { return !m_queue.isEmpty(); }

    Endpoint m_endpoint;
    Sasl::Credentials m_credentials;
    Sasl::Mechanism m_preferred = Sasl::Mechanism::None;
    Sasl::Client m_sasl;
    Connection *m_connection = nullptr;

private:
    friend class LineJob;
    void enqueue(LineJob *job);
    void dequeue(LineJob *job); // queued or running job that ended (finished or destroyed)
    void open();
    void runNext();
    void onFailed(const Error &error);
    void onClosed();

    const QLoggingCategory &(*m_logCategory)();
    Phase m_phase = Phase::Disconnected;
    QList<QPointer<LineJob>> m_queue;
    QPointer<LineJob> m_current;
    Error m_lastError;
};

} // namespace Tributary::Net
