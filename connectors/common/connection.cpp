#include "connection.h"

#include "logging.h"

#include "redact.h"

#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>

namespace Tributary::Net {

namespace {
constexpr qint64 kSocketReadBufferSize = qint64(512) * 1024;
} // namespace

namespace {

QByteArray safeForLog(const QByteArray &line)
{
    return redact(line);
}

} // namespace

Connection::Connection(QObject *parent)
    : QObject(parent)
    , m_category(&lcNet)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Connection::onTimeout);
}

Connection::~Connection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void Connection::setEndpoint(const Endpoint &endpoint)
{
    m_endpoint = endpoint;
    m_pin = normalizeFingerprint(endpoint.pinnedSha256);
}

void Connection::setLogCategory(const QLoggingCategory &(*category)())
{
    m_category = category ? category : &lcNet;
}

bool Connection::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

QSslCertificate Connection::peerCertificate() const
{
    return m_socket ? m_socket->peerCertificate() : QSslCertificate();
}

QHostAddress Connection::localAddress() const
{
    return m_socket ? m_socket->localAddress() : QHostAddress();
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Connection::connectToServer()
{
    Q_ASSERT(m_state == State::Unconnected);
    if (m_state != State::Unconnected)
        return;
    m_failed = false;
    m_buffer.clear();
    m_socket = new QSslSocket(this);
    // Bounded: a fast server on a large TCP window would otherwise land tens of megabytes in
    // Qt's buffer at once, copied again into ours. The rest waits in the kernel until read.
    m_socket->setReadBufferSize(kSocketReadBufferSize);
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    if (!m_endpoint.extraCaCertificates.isEmpty())
        conf.addCaCertificates(m_endpoint.extraCaCertificates);
    conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setSslConfiguration(conf);
    m_socket->setPeerVerifyName(m_endpoint.host);

    connect(m_socket, &QSslSocket::connected, this, &Connection::onConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &Connection::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QSslSocket::sslErrors, this, &Connection::onSslErrors);
    connect(m_socket, &QSslSocket::errorOccurred, this, &Connection::onSocketError);
    connect(m_socket, &QSslSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, [this](qint64 n) {
        if (m_timer.isActive())
            m_timer.start();
        Q_EMIT bytesWritten(n);
    });
    connect(m_socket, &QSslSocket::bytesWritten, this, [this](qint64 n) {
        if (m_socket->isEncrypted())
            return; // reported through encryptedBytesWritten
        if (m_timer.isActive())
            m_timer.start();
        Q_EMIT bytesWritten(n);
    });

    setState(State::Connecting);
    m_implicitHandshake = m_endpoint.security == Security::ImplicitTls;
    m_timeoutStep = tr("connect");
    m_timer.start(qMax(1, m_endpoint.timeoutMs));
    qCDebug(m_category) << "connecting to" << m_endpoint.host << m_endpoint.port
                        << (m_endpoint.security == Security::ImplicitTls ? "TLS" : "plain");
    if (m_endpoint.security == Security::ImplicitTls)
        m_socket->connectToHostEncrypted(m_endpoint.host, m_endpoint.port);
    else
        m_socket->connectToHost(m_endpoint.host, m_endpoint.port);
}

void Connection::onConnected()
{
    if (m_endpoint.security == Security::ImplicitTls) {
        setState(State::Encrypting); // wait for encrypted()
        return;
    }
    m_timer.stop();
    setState(State::Connected);
    Q_EMIT ready();
}

void Connection::startTls()
{
    if (!m_socket || m_state != State::Connected)
        return;
    if (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0) {
        fail(makeError(Error::Kind::ProtocolViolation, tr("STARTTLS"),
                       QString())); // plaintext after the go-ahead: refuse
        return;
    }
    setState(State::Encrypting);
    m_timeoutStep = tr("TLS handshake");
    m_timer.start(qMax(1, m_endpoint.timeoutMs));
    m_socket->startClientEncryption();
}

void Connection::onEncrypted()
{
    m_timer.stop();
    const bool wasImplicit = m_implicitHandshake;
    m_implicitHandshake = false;
    qCDebug(m_category) << "TLS established" << m_socket->sessionProtocol()
                        << m_socket->sessionCipher().name();
    setState(State::Connected);
    if (wasImplicit)
        Q_EMIT ready();
    else
        Q_EMIT encrypted();
}

void Connection::onSslErrors(const QList<QSslError> &errors)
{
    m_sslErrors = errors;
    m_peerCertificate = m_socket->peerCertificate();
    if (m_peerCertificate.isNull()) {
        for (const QSslError &e : errors) {
            if (!e.certificate().isNull()) {
                m_peerCertificate = e.certificate();
                break;
            }
        }
    }
    const QByteArray presented = fingerprintSha256(m_peerCertificate);
    if (!m_pin.isEmpty() && !presented.isEmpty() && presented == m_pin) {
        qCInfo(m_category) << "certificate not verified but pinned by the user; accepted"
                           << formatFingerprint(presented);
        m_socket->ignoreSslErrors(errors);
    }
}

Error Connection::tlsError(const QString &detail) const
{
    Error e = makeError(Error::Kind::Tls, tr("TLS"));
    e.detail = detail;
    e.sslErrors = m_sslErrors;
    e.peerCertificate
        = m_peerCertificate.isNull() && m_socket ? m_socket->peerCertificate() : m_peerCertificate;
    e.peerFingerprint = fingerprintSha256(e.peerCertificate);
    return e;
}

void Connection::onReadyRead()
{
    drainSocket();
    if (m_state == State::Failed)
        return;
    if (m_buffer.lineTooLong()) {
        fail(makeError(Error::Kind::ProtocolViolation, tr("reading a reply"), QString()));
        return;
    }
    if (!m_buffer.isEmpty())
        Q_EMIT readyRead();
}

void Connection::drainSocket()
{
    if (!m_socket)
        return;
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    m_buffer.append(m_socket->readAll());
    if (m_timer.isActive())
        m_timer.start();
}

void Connection::onSocketError()
{
    if (!m_socket || m_state == State::Failed || m_state == State::Unconnected)
        return;
    const QAbstractSocket::SocketError code = m_socket->error();
    const QString text = m_socket->errorString();
    if (m_state == State::Closing && code == QAbstractSocket::RemoteHostClosedError)
        return; // onDisconnected reports closed()
    Error e;
    switch (code) {
    case QAbstractSocket::HostNotFoundError:
        e = makeError(Error::Kind::HostNotFound, tr("DNS"));
        break;
    case QAbstractSocket::ConnectionRefusedError:
        e = makeError(Error::Kind::ConnectionRefused, tr("connect"));
        break;
    case QAbstractSocket::SocketTimeoutError:
        e = makeError(m_state == State::Connecting ? Error::Kind::ConnectTimeout
                                                   : Error::Kind::Timeout,
                      m_timeoutStep);
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        e = tlsError(text);
        break;
    case QAbstractSocket::RemoteHostClosedError:
        if (m_state == State::Encrypting) {
            e = tlsError(text);
            break;
        }
        // Deliver the server's last words (e.g. a final error reply) before failing.
        drainSocket();
        if (!m_buffer.isEmpty()) {
            QPointer<Connection> self(this);
            Q_EMIT readyRead();
            if (!self || m_state == State::Failed || m_state == State::Unconnected
                || m_state == State::Closing)
                return;
        }
        e = makeError(Error::Kind::Disconnected,
                      m_timeoutStep.isEmpty() ? tr("reading a reply") : m_timeoutStep);
        break;
    default:
        e = makeError(m_state == State::Connecting ? Error::Kind::ConnectionRefused
                                                   : Error::Kind::Disconnected,
                      m_state == State::Connecting ? tr("connect") : m_timeoutStep);
        break;
    }
    if (e.detail.isEmpty())
        e.detail = text;
    fail(e);
}

void Connection::onDisconnected()
{
    if (m_state == State::Closing) {
        m_timer.stop();
        setState(State::Unconnected);
        Q_EMIT closed();
        return;
    }
    if (m_state == State::Failed || m_state == State::Unconnected)
        return;
    drainSocket();
    if (!m_buffer.isEmpty()) {
        QPointer<Connection> self(this);
        Q_EMIT readyRead();
        if (!self || m_state == State::Failed || m_state == State::Unconnected
            || m_state == State::Closing) {
            if (self && m_state == State::Closing) {
                setState(State::Unconnected);
                Q_EMIT closed();
            }
            return;
        }
    }
    fail(makeError(Error::Kind::Disconnected,
                   m_timeoutStep.isEmpty() ? tr("reading a reply") : m_timeoutStep));
}

void Connection::onTimeout()
{
    if (m_state == State::Failed || m_state == State::Unconnected)
        return;
    if (m_state == State::Connecting || (m_state == State::Encrypting && m_implicitHandshake))
        fail(makeError(Error::Kind::ConnectTimeout, tr("connect")));
    else if (m_state == State::Closing) {
        abort();
        Q_EMIT closed();
    } else
        fail(makeError(Error::Kind::Timeout, m_timeoutStep));
}

void Connection::disconnectFromServer()
{
    if (!m_socket || m_state == State::Failed || m_state == State::Unconnected
        || m_state == State::Closing)
        return;
    setState(State::Closing);
    m_timeoutStep = tr("closing");
    m_timer.start(qMax(1, qMin(m_endpoint.timeoutMs, 5000)));
    m_socket->disconnectFromHost();
}

void Connection::abort()
{
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (m_state != State::Failed)
        setState(State::Unconnected);
}

void Connection::fail(const Error &error)
{
    if (m_failed)
        return;
    m_failed = true;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    setState(State::Failed);
    qCDebug(m_category).noquote() << "connection failed:" << error.details();
    Q_EMIT failed(error);
}

void Connection::writeLine(const QByteArray &line, LineKind kind)
{
    if (!m_socket)
        return;
    logOutgoing(line, kind);
    QByteArray data;
    data.reserve(line.size() + 2);
    data.append(line);
    data.append("\r\n");
    m_socket->write(data);
}

void Connection::writeRaw(const QByteArray &data)
{
    if (m_socket)
        m_socket->write(data);
}

qint64 Connection::bytesToWrite() const
{
    if (!m_socket)
        return 0;
    return m_socket->isEncrypted() ? m_socket->encryptedBytesToWrite() + m_socket->bytesToWrite()
                                   : m_socket->bytesToWrite();
}

QByteArray Connection::readLine()
{
    QByteArray line = m_buffer.takeLine();
    if (!line.isNull())
        logIncoming(line);
    return line;
}

void Connection::logIncoming(const QByteArray &line) const
{
    qCDebug(m_category).noquote() << "S:" << QString::fromUtf8(safeForLog(line));
}

void Connection::logOutgoing(const QByteArray &line, LineKind kind) const
{
    if (kind == LineKind::Sensitive)
        qCDebug(m_category).noquote() << "C: <redacted" << line.size() << "bytes>";
    else
        qCDebug(m_category).noquote() << "C:" << QString::fromUtf8(safeForLog(line));
}

void Connection::armTimeout(const QString &step)
{
    m_timeoutStep = step;
    if (m_state == State::Connected)
        m_timer.start(qMax(1, m_endpoint.timeoutMs));
}

void Connection::disarmTimeout()
{
    if (m_state == State::Connected)
        m_timer.stop();
}

Error Connection::makeError(Error::Kind kind, const QString &step, const QString &serverReply) const
{
    Error e(kind, step, serverReply);
    e.host = m_endpoint.host;
    e.port = m_endpoint.port;
    return e;
}

} // namespace Tributary::Net
