#pragma once

#include "endpoint.h"
#include "error.h"
#include "linebuffer.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>

class QSslSocket;

namespace Tributary::Net {

// The transport under every mail protocol session: one QSslSocket, a LineBuffer for what the
// server sent, and the connect/command timeout. Asynchronous only: no waitFor*(), no nested
// event loop. Lives in (and must be used from) the thread that created it.
//
// Sequence:
//   setEndpoint(); setLogCategory(lcSmtp);
//   connectToServer()  -> ready()        TCP is up (None/StartTls) or TLS is up (ImplicitTls)
//   [startTls()]       -> encrypted()    after the protocol's STARTTLS/STLS was accepted
//   readyRead()        -> buffer().takeLine() / readLine() / takeBytes() as the protocol needs
//   writeLine(line)    (CRLF is appended; the line is logged through redact())
//   disconnectFromServer() -> closed()   an orderly end the caller asked for
// failed(Error) is emitted at most once, for any failure (DNS, TCP, TLS, timeout, unexpected
// close, line too long); the socket is aborted afterwards and nothing else is emitted.
// Data that arrived before a remote close is delivered with readyRead() before failed().
//
// TLS: certificates are verified (system CAs + Endpoint::extraCaCertificates, host name =
// Endpoint::host). There is no "ignore errors" switch: a certificate that fails verification
// is accepted only when Endpoint::pinnedSha256 equals the SHA-256 of the presented leaf.
// A Kind::Tls error carries the SSL errors, the leaf certificate and its fingerprint.
//
// Timeouts: the connect phase (DNS+TCP+TLS) is bounded by Endpoint::timeoutMs
// (ConnectTimeout). Afterwards the caller arms the timer while it waits for the server
// (armTimeout(step)); every byte received or written restarts it; when it fires: Timeout.
//
// One connection attempt per object: after failed() or closed(), make a new Connection.
// Do not delete a Connection from a slot connected to its signals; use deleteLater().
class Connection : public QObject
{
    Q_OBJECT
public:
    enum class State { Unconnected, Connecting, Connected, Encrypting, Closing, Failed };
    Q_ENUM(State)

    // Sensitive lines (SASL responses, passwords) are logged as "<redacted N bytes>".
    enum class LineKind { Normal, Sensitive };

    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    void setEndpoint(const Endpoint &endpoint);
    const Endpoint &endpoint() const { return m_endpoint; }
    // The category protocol lines are logged to (debug level). Default: lcNet.
    void setLogCategory(const QLoggingCategory &(*category)());

    State state() const { return m_state; }
    bool isEncrypted() const;
    // The certificate the server presented (null on plain connections).
    QSslCertificate peerCertificate() const;
    // This side's address of the connection (null when not connected).
    QHostAddress localAddress() const;

    void connectToServer();
    // Upgrades the connection to TLS in place. Fails with ProtocolViolation when the server
    // already sent bytes after its "go ahead" reply (they would be plaintext injected into
    // the TLS session: RFC 3207 §6).
    void startTls();
    // Orderly close: flushes what was written, then emits closed().
    void disconnectFromServer();
    // Immediate close, nothing emitted afterwards.
    void abort();

    void writeLine(const QByteArray &line, LineKind kind = LineKind::Normal);
    // Bytes as they are (message bodies); not logged.
    void writeRaw(const QByteArray &data);
    qint64 bytesToWrite() const;

    // Received bytes not consumed yet.
    LineBuffer &buffer() { return m_buffer; }
    // Takes one line (without CRLF) from buffer() and logs it (redacted); null if none.
    QByteArray readLine();
    // Logs a line the caller took from buffer() itself.
    void logIncoming(const QByteArray &line) const;

    void armTimeout(const QString &step);
    void disarmTimeout();

    // An Error with this endpoint's host and port filled in.
    Error makeError(Error::Kind kind, const QString &step,
                    const QString &serverReply = QString()) const;
    // Aborts the socket and emits failed(error) (once). For protocol-level failures found by
    // the session, so that every failure path looks the same to the session.
    void fail(const Error &error);

Q_SIGNALS:
    void ready();
    void encrypted();
    void readyRead();
    void bytesWritten(qint64 bytes);
    void closed();
    void failed(const Tributary::Net::Error &error);
    void stateChanged(Tributary::Net::Connection::State state);

private:
    void setState(State state);
    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError();
    void onDisconnected();
    void onTimeout();
    void drainSocket();
    Error tlsError(const QString &detail) const;
    void logOutgoing(const QByteArray &line, LineKind kind) const;

    Endpoint m_endpoint;
    QByteArray m_pin;
    const QLoggingCategory &(*m_category)();
    QSslSocket *m_socket = nullptr;
    LineBuffer m_buffer;
    QTimer m_timer;
    QString m_timeoutStep;
    State m_state = State::Unconnected;
    QList<QSslError> m_sslErrors;
    QSslCertificate m_peerCertificate;
    bool m_failed = false;
    bool m_implicitHandshake = false;
};

} // namespace Tributary::Net
