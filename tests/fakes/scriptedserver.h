#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>
#include <QStringList>

#include <memory>

class QSslSocket;
class QTcpServer;
class QTimer;

// ScriptedServer: an in-process fake TCP (and TLS) server that plays a fixed script, for
// protocol fault tests of the IMAP, POP3 and SMTP clients.
//
// It listens on 127.0.0.1 (or any address given to listen()) on a free port chosen by the
// system, and runs a list of steps in order, in the thread that owns it (the test's event
// loop; no threads, no blocking). Steps:
//   sendLine / send / sendSplit   write bytes (sendSplit: N tiny TCP segments, each flushed,
//                                 with a delay between them)
//   expectLine / expectMatch      wait for one line from the client (CRLF or LF, stripped)
//                                 and compare it; a mismatch is recorded in failures() and
//                                 the script stops (the connection stays open)
//   expectData                    read lines up to a terminator line (SMTP DATA "."), or a
//                                 byte count (IMAP literal)
//   startTls                      begin the server side of a TLS handshake now (after a
//                                 STARTTLS/STLS exchange); setImplicitTls() does it on accept
//   delay, close, hang, expectDisconnect, hugeLiteralThenClose
// A step that needs a connection waits for one: after close() the next steps run on the next
// accepted connection, so reconnect/retry scenarios are one script. One connection is served
// at a time; a client connecting meanwhile waits in a queue (its early bytes are kept) until
// the current connection ends. A client that disconnects while a step other than
// expectDisconnect()/hang() is pending is recorded as a failure.
// startTls() must directly follow the send that answers STARTTLS/STLS; bytes the client sent
// in the clear before the handshake are recorded as a failure (STARTTLS injection).
//
// Named capture groups of expectMatch() become variables that later send steps substitute
// as ${name} (e.g. IMAP tags chosen by the client).
//
// Everything the client sent is recorded (received(), receivedLines() with a flag saying
// whether it arrived inside TLS), so a test can assert e.g. that no AUTH left before TLS.
//
// Usage (QtTest, the client under test runs in the same event loop):
//
//     using namespace Tributary::Testing;
//     ScriptedServer server;
//     server.sendLine("+OK POP3 ready")
//           .expectLine("STLS")
//           .sendLine("+OK begin TLS")
//           .startTls()
//           .expectLine("CAPA")
//           .sendLine("+OK").sendLine("USER").sendLine(".")
//           .expectMatch(QStringLiteral("^USER (?<user>\\S+)$"))
//           .sendLine("-ERR no such user ${user}")
//           .hang();
//     QVERIFY(server.listen());
//     client.setPort(server.port());
//     client.setCaCertificates(ScriptedServer::caCertificates());
//     client.start();
//     QVERIFY(QSignalSpy(&client, &Job::finished).wait());
//     QVERIFY2(server.failures().isEmpty(), qPrintable(server.failures().join(u'\n')));
//     QVERIFY(!server.receivedBeforeTls().contains("USER"));
//
//     // IMAP: a server that announces a 2 GB literal, sends a few bytes and cuts.
//     server.sendLine("* OK IMAP4rev1")
//           .expectMatch(QStringLiteral("^(?<tag>\\S+) SELECT INBOX$"))
//           .hugeLiteralThenClose("* 1 FETCH (BODY[] ", 2'000'000'000, 64);
//
//     // Implicit TLS with a certificate the client must reject.
//     server.setImplicitTls(true, ScriptedServer::Certificate::Wrong);
//     server.expectDisconnect();
//
// Contracts: failures() lists every mismatch and unexpected event in words a test prints;
// scriptFinished() is emitted once when the last step ran (or a hang() step was reached; once
// more if steps are appended afterwards); a test normally waits for it
// (or for its client) and then checks failures() and isFinished(). The server owns its
// sockets; destroying it closes them.
namespace Tributary::Testing {

class ScriptedServer : public QObject
{
    Q_OBJECT
public:
    enum class Certificate {
        Good, // server-cert.pem, signed by the test CA, for 127.0.0.1 and localhost
        Wrong, // wrong-cert.pem, self-signed, same names, not signed by the test CA
    };
    Q_ENUM(Certificate)

    // One line (or one chunk of a data block) the client sent.
    struct ReceivedLine
    {
        QByteArray line; // without CRLF
        bool encrypted; // arrived inside TLS
        int connection; // 1 for the first accepted connection, 2 for the next...
    };

    explicit ScriptedServer(QObject *parent = nullptr);
    ~ScriptedServer() override;

    // ---- script (call before or after listen(); steps run in order) ----
    ScriptedServer &send(const QByteArray &bytes);
    ScriptedServer &sendLine(const QByteArray &line); // appends CRLF
    // Writes `bytes` in `segments` pieces, flushing each and waiting delayMs between them.
    ScriptedServer &sendSplit(const QByteArray &bytes, int segments, int delayMs = 10);
    ScriptedServer &expectLine(const QByteArray &line);
    ScriptedServer &expectMatch(const QString &pattern); // QRegularExpression on the line
    // Reads lines until one equals `terminator` (not included); the block is recorded and
    // available as the variable ${data} (without the final CRLF).
    ScriptedServer &expectDataUntil(const QByteArray &terminator = QByteArrayLiteral("."));
    // Reads exactly `count` bytes (an IMAP literal); also stored as ${data}.
    ScriptedServer &expectBytes(qint64 count);
    ScriptedServer &startTls(Certificate certificate = Certificate::Good);
    ScriptedServer &delay(int ms);
    ScriptedServer &close(); // server closes this connection
    ScriptedServer &expectDisconnect(); // waits until the client closes; fails on data
    ScriptedServer &hang(); // stops answering; the connection stays open
    // Sends prefix + "{announcedSize}\r\n" + `sendBytes` filler bytes, then closes.
    ScriptedServer &hugeLiteralThenClose(const QByteArray &prefix, qint64 announcedSize,
                                         qint64 sendBytes = 64);

    // Start TLS as soon as a connection is accepted (IMAPS, POP3S, SMTPS).
    void setImplicitTls(bool on, Certificate certificate = Certificate::Good);

    // Listens on `address`, port 0 (a free port). Returns false (and records why) on error.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost);
    quint16 port() const;
    QHostAddress address() const;

    // ---- results ----
    QStringList failures() const;
    bool isFinished() const; // every step ran
    int connectionCount() const;
    QByteArray received() const; // all bytes the client sent (decrypted), in order
    QByteArray receivedBeforeTls() const; // bytes sent in the clear, all connections
    QList<ReceivedLine> receivedLines() const;
    bool isClientConnected() const;
    bool tlsHandshakeFailed() const; // a handshake the server started did not complete
    QString variable(const QString &name) const;

    // ---- certificates for clients ----
    static QString certificateDir();
    static QString caCertificatePath();
    static QList<QSslCertificate> caCertificates();
    static QSslCertificate serverCertificate(Certificate which = Certificate::Good);
    // The default configuration plus the test CA (system CAs kept).
    static QSslConfiguration clientSslConfiguration();

Q_SIGNALS:
    void clientConnected(int connection);
    void clientDisconnected(int connection);
    void scriptFinished();
    void failed(const QString &what);

private:
    struct Step;
    void onNewConnection();
    void onReadyRead();
    void onDisconnected();
    void advance();
    bool runCurrentStep();
    bool takeLine(QByteArray *line);
    void fail(const QString &what);
    void recordLine(const QByteArray &line);
    QByteArray substitute(const QByteArray &bytes) const;
    void writeNow(const QByteArray &bytes);
    void beginServerTls(Certificate certificate);
    void addStep(std::unique_ptr<Step> step);

    QTcpServer *m_server = nullptr;
    QPointer<QSslSocket> m_socket;
    QList<QSslSocket *> m_pending;
    std::vector<std::unique_ptr<Step>> m_steps;
    size_t m_current = 0;
    bool m_busy = false; // a timed step (delay, split send) is in progress
    bool m_stopped = false; // failed or hanging: no more steps
    bool m_finishedEmitted = false;
    bool m_implicitTls = false;
    Certificate m_implicitCert = Certificate::Good;
    bool m_waitingForTls = false;
    bool m_tlsFailed = false;
    Certificate m_tlsCert = Certificate::Good;
    bool m_hanging = false;
    bool m_advancing = false;
    bool m_disconnected = false; // inside onDisconnected(): leftover lines may still be read
    int m_connections = 0;
    QByteArray m_buffer;
    QByteArray m_received;
    QByteArray m_receivedClear;
    QByteArray m_partialLine;
    QList<ReceivedLine> m_lines;
    QStringList m_failures;
    QHash<QString, QByteArray> m_vars;
};

} // namespace Tributary::Testing
