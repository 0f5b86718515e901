#include "fakes/scriptedserver.h"

#include <QDir>
#include <QFile>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

#include <functional>

namespace Tributary::Testing {

namespace {

// A QTcpServer that hands out QSslSockets, so any connection can start TLS later.
class SslCapableServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        addPendingConnection(socket);
    }
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString printable(const QByteArray &bytes)
{
    QByteArray shown = bytes.left(200);
    shown.replace("\r", "\\r").replace("\n", "\\n");
    return QString::fromLatin1(shown) + (bytes.size() > 200 ? QStringLiteral("...") : QString());
}

} // namespace

struct ScriptedServer::Step
{
    enum class Kind {
        Send,
        SendSplit,
        ExpectLine,
        ExpectMatch,
        ExpectData,
        ExpectBytes,
        StartTls,
        Delay,
        Close,
        ExpectDisconnect,
        Hang
    };
    Kind kind;
    QByteArray bytes;
    QRegularExpression pattern;
    int segments = 1;
    int delayMs = 0;
    qint64 count = 0;
    Certificate certificate = Certificate::Good;
    QByteArray collected; // ExpectData/ExpectBytes: what has arrived so far

    QString describe() const
    {
        switch (kind) {
        case Kind::Send:
            return QStringLiteral("send '%1'").arg(printable(bytes));
        case Kind::SendSplit:
            return QStringLiteral("send '%1' in %2 segments").arg(printable(bytes)).arg(segments);
        case Kind::ExpectLine:
            return QStringLiteral("expect line '%1'").arg(printable(bytes));
        case Kind::ExpectMatch:
            return QStringLiteral("expect a line matching /%1/").arg(pattern.pattern());
        case Kind::ExpectData:
            return QStringLiteral("expect data up to '%1'").arg(printable(bytes));
        case Kind::ExpectBytes:
            return QStringLiteral("expect %1 bytes").arg(count);
        case Kind::StartTls:
            return QStringLiteral("start TLS");
        case Kind::Delay:
            return QStringLiteral("delay %1 ms").arg(delayMs);
        case Kind::Close:
            return QStringLiteral("close the connection");
        case Kind::ExpectDisconnect:
            return QStringLiteral("expect the client to disconnect");
        case Kind::Hang:
            return QStringLiteral("hang");
        }
        return {};
    }
};

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
    , m_server(new SslCapableServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &ScriptedServer::onNewConnection);
}

ScriptedServer::~ScriptedServer()
{
    // Sockets are children of m_server; make sure no handler runs during destruction.
    const auto sockets = m_server->findChildren<QSslSocket *>();
    for (QSslSocket *s : sockets)
        s->disconnect(this);
}

// ---- script building ----

#define TRIBUTARY_ADD_STEP(kindValue)                                                              \
    auto step = std::make_unique<Step>();                                                          \
    step->kind = Step::Kind::kindValue

void ScriptedServer::addStep(std::unique_ptr<Step> step)
{
    m_steps.push_back(std::move(step));
    m_finishedEmitted = false;
    // A script extended while a client waits continues on its own.
    QTimer::singleShot(0, this, &ScriptedServer::advance);
}

ScriptedServer &ScriptedServer::send(const QByteArray &bytes)
{
    TRIBUTARY_ADD_STEP(Send);
    step->bytes = bytes;
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::sendLine(const QByteArray &line)
{
    return send(line + "\r\n");
}

ScriptedServer &ScriptedServer::sendSplit(const QByteArray &bytes, int segments, int delayMs)
{
    TRIBUTARY_ADD_STEP(SendSplit);
    step->bytes = bytes;
    step->segments = qMax(1, segments);
    step->delayMs = qMax(0, delayMs);
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::expectLine(const QByteArray &line)
{
    TRIBUTARY_ADD_STEP(ExpectLine);
    step->bytes = line;
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::expectMatch(const QString &pattern)
{
    TRIBUTARY_ADD_STEP(ExpectMatch);
    step->pattern = QRegularExpression(pattern);
    if (!step->pattern.isValid())
        m_failures
            << QStringLiteral("invalid pattern /%1/: %2").arg(pattern, step->pattern.errorString());
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::expectDataUntil(const QByteArray &terminator)
{
    TRIBUTARY_ADD_STEP(ExpectData);
    step->bytes = terminator;
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::expectBytes(qint64 count)
{
    TRIBUTARY_ADD_STEP(ExpectBytes);
    step->count = qMax<qint64>(0, count);
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::startTls(Certificate certificate)
{
    TRIBUTARY_ADD_STEP(StartTls);
    step->certificate = certificate;
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::delay(int ms)
{
    TRIBUTARY_ADD_STEP(Delay);
    step->delayMs = qMax(0, ms);
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::close()
{
    TRIBUTARY_ADD_STEP(Close);
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::expectDisconnect()
{
    TRIBUTARY_ADD_STEP(ExpectDisconnect);
    addStep(std::move(step));
    return *this;
}

ScriptedServer &ScriptedServer::hang()
{
    TRIBUTARY_ADD_STEP(Hang);
    addStep(std::move(step));
    return *this;
}

#undef TRIBUTARY_ADD_STEP

ScriptedServer &ScriptedServer::hugeLiteralThenClose(const QByteArray &prefix, qint64 announcedSize,
                                                     qint64 sendBytes)
{
    const QByteArray head = prefix + '{' + QByteArray::number(announcedSize) + "}\r\n";
    send(head + QByteArray(qMax<qint64>(0, sendBytes), 'x'));
    return close();
}

void ScriptedServer::setImplicitTls(bool on, Certificate certificate)
{
    m_implicitTls = on;
    m_implicitCert = certificate;
}

bool ScriptedServer::listen(const QHostAddress &address)
{
    if (!m_server->listen(address, 0)) {
        fail(QStringLiteral("cannot listen on %1: %2")
                 .arg(address.toString(), m_server->errorString()));
        return false;
    }
    return true;
}

quint16 ScriptedServer::port() const
{
    return m_server->serverPort();
}
QHostAddress ScriptedServer::address() const
{
    return m_server->serverAddress();
}
QStringList ScriptedServer::failures() const
{
    return m_failures;
}
bool ScriptedServer::isFinished() const
{
    return m_current >= m_steps.size();
}
int ScriptedServer::connectionCount() const
{
    return m_connections;
}
QByteArray ScriptedServer::received() const
{
    return m_received;
}
QByteArray ScriptedServer::receivedBeforeTls() const
{
    return m_receivedClear;
}
QList<ScriptedServer::ReceivedLine> ScriptedServer::receivedLines() const
{
    return m_lines;
}
bool ScriptedServer::isClientConnected() const
{
    return !m_socket.isNull();
}
bool ScriptedServer::tlsHandshakeFailed() const
{
    return m_tlsFailed;
}

QString ScriptedServer::variable(const QString &name) const
{
    return QString::fromUtf8(m_vars.value(name));
}

// ---- certificates ----

QString ScriptedServer::certificateDir()
{
    return QDir::cleanPath(QStringLiteral(TRIBUTARY_TEST_DATA_DIR "/../fakes/certs"));
}

QString ScriptedServer::caCertificatePath()
{
    return certificateDir() + QStringLiteral("/ca-cert.pem");
}

QList<QSslCertificate> ScriptedServer::caCertificates()
{
    return QSslCertificate::fromData(readFile(caCertificatePath()), QSsl::Pem);
}

QSslCertificate ScriptedServer::serverCertificate(Certificate which)
{
    const QString name = which == Certificate::Good ? QStringLiteral("/server-cert.pem")
                                                    : QStringLiteral("/wrong-cert.pem");
    const auto certs = QSslCertificate::fromData(readFile(certificateDir() + name), QSsl::Pem);
    return certs.isEmpty() ? QSslCertificate() : certs.first();
}

QSslConfiguration ScriptedServer::clientSslConfiguration()
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.addCaCertificates(caCertificates());
    return conf;
}

// ---- engine ----

void ScriptedServer::onNewConnection()
{
    while (QTcpSocket *plain = m_server->nextPendingConnection()) {
        auto *socket = qobject_cast<QSslSocket *>(plain);
        if (!socket) {
            plain->deleteLater();
            continue;
        }
        m_pending.append(socket);
    }
    if (m_socket || m_pending.isEmpty())
        return;

    QSslSocket *socket = m_pending.takeFirst();
    m_socket = socket;
    ++m_connections;
    const int connection = m_connections;
    m_buffer.clear();
    m_partialLine.clear();
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QSslSocket::readyRead, this, &ScriptedServer::onReadyRead);
    connect(socket, &QSslSocket::disconnected, this, [this, socket, connection] {
        Q_EMIT clientDisconnected(connection);
        if (socket == m_socket)
            onDisconnected();
        socket->deleteLater();
    });
    connect(socket, &QSslSocket::encrypted, this, [this, socket] {
        if (socket != m_socket || !m_waitingForTls)
            return;
        m_waitingForTls = false;
        // The StartTls step (not the implicit one) completes here.
        if (m_current < m_steps.size() && m_steps[m_current]->kind == Step::Kind::StartTls)
            ++m_current;
        advance();
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError) {
        if (socket != m_socket || !m_waitingForTls)
            return;
        // A failed handshake: the connection is over, whether or not disconnected() follows.
        onDisconnected();
        socket->abort();
    });
    Q_EMIT clientConnected(connection);
    if (m_implicitTls)
        beginServerTls(m_implicitCert);
    // A queued connection may have sent data before it became the active one.
    if (!m_implicitTls && socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &ScriptedServer::onReadyRead);
    advance();
}

void ScriptedServer::beginServerTls(Certificate certificate)
{
    const bool good = certificate == Certificate::Good;
    const QString dir = certificateDir();
    const QString certFile
        = dir + (good ? QStringLiteral("/server-cert.pem") : QStringLiteral("/wrong-cert.pem"));
    const QString keyFile
        = dir + (good ? QStringLiteral("/server-key.pem") : QStringLiteral("/wrong-key.pem"));
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    const auto chain = QSslCertificate::fromData(readFile(certFile), QSsl::Pem);
    const QSslKey key(readFile(keyFile), QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        fail(QStringLiteral("cannot load the test certificate %1").arg(certFile));
        return;
    }
    conf.setLocalCertificateChain(chain);
    conf.setPrivateKey(key);
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_socket->setSslConfiguration(conf);
    m_waitingForTls = true;
    m_tlsCert = certificate;
    if (!m_buffer.isEmpty())
        fail(QStringLiteral("the client sent %1 plaintext bytes before the TLS handshake: '%2'")
                 .arg(m_buffer.size())
                 .arg(printable(m_buffer)));
    m_socket->startServerEncryption();
}

void ScriptedServer::onReadyRead()
{
    if (!m_socket)
        return;
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty())
        return;
    const bool encrypted = m_socket->isEncrypted();
    m_received += data;
    if (!encrypted)
        m_receivedClear += data;
    m_buffer += data;
    m_partialLine += data;
    int nl;
    while ((nl = m_partialLine.indexOf('\n')) >= 0) {
        QByteArray line = m_partialLine.left(nl);
        if (line.endsWith('\r'))
            line.chop(1);
        m_lines.append({line, encrypted, m_connections});
        m_partialLine.remove(0, nl + 1);
    }
    advance();
}

void ScriptedServer::onDisconnected()
{
    QSslSocket *gone = m_socket;
    m_socket = nullptr;
    if (m_waitingForTls) {
        m_waitingForTls = false;
        m_tlsFailed = true;
        if (m_tlsCert == Certificate::Good) {
            fail(QStringLiteral("the TLS handshake with the test CA's certificate failed: %1")
                     .arg(gone ? gone->errorString() : QString()));
        } else if (m_current < m_steps.size() && m_steps[m_current]->kind == Step::Kind::StartTls) {
            ++m_current; // a rejected wrong certificate is the expected outcome
        }
    }
    if (!m_partialLine.isEmpty()) {
        m_lines.append({m_partialLine, gone && gone->isEncrypted(), m_connections});
        m_partialLine.clear();
    }
    // Lines that arrived before the disconnect may still satisfy pending steps.
    m_disconnected = true;
    advance();
    m_disconnected = false;
    if (!m_stopped && m_current < m_steps.size()) {
        const Step &step = *m_steps[m_current];
        if (!m_hanging && step.kind != Step::Kind::ExpectDisconnect
            && step.kind != Step::Kind::Close)
            fail(QStringLiteral("the client disconnected at step %1 (%2)")
                     .arg(m_current + 1)
                     .arg(step.describe()));
    }
    // The next queued connection (if any) continues the script.
    if (!m_pending.isEmpty())
        QTimer::singleShot(0, this, &ScriptedServer::onNewConnection);
}

void ScriptedServer::fail(const QString &what)
{
    m_failures << what;
    m_stopped = true;
    Q_EMIT failed(what);
}

QByteArray ScriptedServer::substitute(const QByteArray &bytes) const
{
    if (!bytes.contains("${"))
        return bytes;
    QByteArray out = bytes;
    for (auto it = m_vars.cbegin(); it != m_vars.cend(); ++it)
        out.replace(QByteArray("${" + it.key().toUtf8() + '}'), it.value());
    return out;
}

bool ScriptedServer::takeLine(QByteArray *line)
{
    const int nl = m_buffer.indexOf('\n');
    if (nl < 0)
        return false;
    *line = m_buffer.left(nl);
    if (line->endsWith('\r'))
        line->chop(1);
    m_buffer.remove(0, nl + 1);
    return true;
}

void ScriptedServer::writeNow(const QByteArray &bytes)
{
    if (!m_socket)
        return;
    m_socket->write(bytes);
    m_socket->flush();
}

void ScriptedServer::advance()
{
    if (m_advancing)
        return; // re-entered from a signal emitted while running a step
    m_advancing = true;
    while (!m_stopped && !m_hanging && !m_busy && !m_waitingForTls && m_current < m_steps.size()) {
        if (!runCurrentStep())
            break;
        ++m_current;
    }
    m_advancing = false;
    if (!m_finishedEmitted && (m_current >= m_steps.size() || m_hanging) && !m_steps.empty()) {
        m_finishedEmitted = true;
        Q_EMIT scriptFinished();
    }
}

// Runs the current step; true when it completed, false when it waits for something.
bool ScriptedServer::runCurrentStep()
{
    Step &step = *m_steps[m_current];
    using Kind = Step::Kind;

    // Steps that talk need a live connection; without one they wait for the next client.
    const bool needsSocket = step.kind != Kind::Delay && step.kind != Kind::Hang
        && step.kind != Kind::ExpectDisconnect;
    const bool readsBuffer = step.kind == Kind::ExpectLine || step.kind == Kind::ExpectMatch
        || step.kind == Kind::ExpectData || step.kind == Kind::ExpectBytes;
    if (needsSocket && !m_socket && !(readsBuffer && m_disconnected))
        return false;

    switch (step.kind) {
    case Kind::Send:
        writeNow(substitute(step.bytes));
        return true;
    case Kind::SendSplit: {
        const QByteArray bytes = substitute(step.bytes);
        const int n = qMin<int>(step.segments, qMax<int>(1, int(bytes.size())));
        const int size = int(bytes.size()) / n;
        QList<QByteArray> pieces;
        for (int i = 0; i < n; ++i)
            pieces << bytes.mid(i * size, i == n - 1 ? -1 : size);
        m_busy = true;
        auto writeNext = std::make_shared<std::function<void(int)>>();
        *writeNext = [this, pieces, delayMs = step.delayMs, writeNext](int i) {
            writeNow(pieces.at(i));
            if (i + 1 < pieces.size()) {
                QTimer::singleShot(delayMs, this, [writeNext, i] { (*writeNext)(i + 1); });
                return;
            }
            // Break the self-reference, then continue with the next step.
            QTimer::singleShot(0, this, [this, writeNext] {
                *writeNext = nullptr;
                m_busy = false;
                ++m_current;
                advance();
            });
        };
        (*writeNext)(0);
        return false;
    }
    case Kind::ExpectLine: {
        QByteArray line;
        if (!takeLine(&line))
            return false;
        if (line != step.bytes) {
            fail(QStringLiteral("step %1: expected line '%2', got '%3'")
                     .arg(m_current + 1)
                     .arg(printable(step.bytes), printable(line)));
            return false;
        }
        return true;
    }
    case Kind::ExpectMatch: {
        QByteArray line;
        if (!takeLine(&line))
            return false;
        const QRegularExpressionMatch match = step.pattern.match(QString::fromUtf8(line));
        if (!match.hasMatch()) {
            fail(QStringLiteral("step %1: expected a line matching /%2/, got '%3'")
                     .arg(m_current + 1)
                     .arg(step.pattern.pattern(), printable(line)));
            return false;
        }
        const QStringList names = step.pattern.namedCaptureGroups();
        for (const QString &name : names) {
            if (!name.isEmpty())
                m_vars.insert(name, match.captured(name).toUtf8());
        }
        return true;
    }
    case Kind::ExpectData: {
        QByteArray line;
        while (takeLine(&line)) {
            if (line == step.bytes) {
                if (step.collected.endsWith("\r\n"))
                    step.collected.chop(2);
                m_vars.insert(QStringLiteral("data"), step.collected);
                return true;
            }
            step.collected += line + "\r\n";
        }
        return false;
    }
    case Kind::ExpectBytes: {
        if (m_buffer.size() < step.count)
            return false;
        step.collected = m_buffer.left(step.count);
        m_buffer.remove(0, step.count);
        m_vars.insert(QStringLiteral("data"), step.collected);
        return true;
    }
    case Kind::StartTls:
        beginServerTls(step.certificate);
        return false; // completes on encrypted(), or on the handshake failure
    case Kind::Delay:
        m_busy = true;
        QTimer::singleShot(step.delayMs, this, [this] {
            m_busy = false;
            ++m_current;
            advance();
        });
        return false;
    case Kind::Close: {
        QSslSocket *socket = m_socket;
        m_socket = nullptr; // its disconnected() is expected now
        socket->disconnectFromHost();
        if (!m_pending.isEmpty())
            QTimer::singleShot(0, this, &ScriptedServer::onNewConnection);
        return true;
    }
    case Kind::ExpectDisconnect:
        if (m_socket) {
            if (!m_buffer.isEmpty()) {
                fail(QStringLiteral("step %1: expected the client to disconnect, got '%2'")
                         .arg(m_current + 1)
                         .arg(printable(m_buffer)));
            }
            return false;
        }
        return m_connections > 0;
    case Kind::Hang:
        m_hanging = true; // keep the connection, never answer again
        return true;
    }
    return false;
}

} // namespace Tributary::Testing
