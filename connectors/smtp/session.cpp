#include "session.h"

#include "connectors/common/logging.h"
#include "job.h"

#include <QHostAddress>

namespace Tributary::Smtp {

using Net::Error;

Session::Session(QObject *parent)
    : Net::LineSession(&lcSmtp, parent)
{
}

void Session::setClientName(const QByteArray &name)
{
    m_clientName = name;
}

void Session::phaseChanged(Phase phase)
{
    Q_EMIT stateChanged(State(int(phase)));
}

Job *Session::current() const
{
    return static_cast<Job *>(currentJob());
}

void Session::prepareConnection(Net::Connection *connection)
{
    m_caps = Capabilities();
    m_parser.reset();
    m_usedMechanism = Net::Sasl::Mechanism::None;
    m_quitRequested = false;
    connect(connection, &Net::Connection::bytesWritten, this, [this] {
        if (current() && state() == State::Busy)
            current()->onBytesWritten();
    });
}

void Session::connectionDropped()
{
    m_step = Step::None;
}

void Session::onReady()
{
    setState(State::Greeting);
    m_step = Step::Greeting;
    m_connection->armTimeout(tr("greeting"));
}

void Session::onEncrypted()
{
    // RFC 3207 §4.2: forget everything learnt before TLS and say EHLO again.
    m_caps = Capabilities();
    sendEhlo();
}

void Session::send(const QByteArray &line, const QString &step, Net::Connection::LineKind kind)
{
    if (!m_connection)
        return;
    m_connection->writeLine(line, kind);
    m_connection->armTimeout(step);
}

void Session::sendRaw(const QByteArray &data)
{
    if (m_connection)
        m_connection->writeRaw(data);
}

qint64 Session::bytesToWrite() const
{
    return m_connection ? m_connection->bytesToWrite() : 0;
}

void Session::onReadyRead()
{
    QPointer<Net::Connection> connection(m_connection);
    while (connection && connection == m_connection) {
        const QByteArray line = connection->readLine();
        if (line.isNull())
            break;
        switch (m_parser.feed(line)) {
        case ReplyParser::Result::Incomplete:
            break;
        case ReplyParser::Result::Complete:
            handleReply(m_parser.take());
            break;
        case ReplyParser::Result::Malformed: {
            Error e = connection->makeError(Error::Kind::ProtocolViolation, tr("reading a reply"),
                                            QString::fromUtf8(line.left(200)));
            e.detail = m_parser.errorText();
            connection->fail(e);
            return;
        }
        }
    }
}

void Session::handleReply(const Reply &reply)
{
    if (state() == State::Busy && current()) {
        if (reply.code == 421) {
            // Service closing: the server ends the session (RFC 5321 §3.8).
            m_connection->fail(
                m_connection->makeError(Error::Kind::Disconnected, tr("sending"), reply.text()));
            return;
        }
        current()->handleReply(reply);
        return;
    }
    handleSessionReply(reply);
}

void Session::sendEhlo()
{
    setState(State::Ehlo);
    m_step = Step::Ehlo;
    send("EHLO " + clientName(), tr("EHLO"));
}

QByteArray Session::clientName() const
{
    if (!m_clientName.isEmpty())
        return m_clientName;
    // RFC 5321 §4.1.3/§4.1.4: an address literal when no domain name is known; the local
    // host name is not disclosed.
    const QHostAddress local = m_connection ? m_connection->localAddress() : QHostAddress();
    if (local.protocol() == QAbstractSocket::IPv4Protocol)
        return '[' + local.toString().toLatin1() + ']';
    if (local.protocol() == QAbstractSocket::IPv6Protocol) {
        bool isV4 = false;
        const quint32 v4 = local.toIPv4Address(&isV4);
        if (isV4)
            return '[' + QHostAddress(v4).toString().toLatin1() + ']';
        return "[IPv6:" + local.toString().toLatin1() + ']';
    }
    return QByteArrayLiteral("[127.0.0.1]");
}

void Session::parseEhlo(const Reply &reply)
{
    m_caps = Capabilities();
    m_caps.esmtp = true;
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        const QList<QByteArray> words = reply.lines.at(i).trimmed().split(' ');
        if (words.isEmpty())
            continue;
        const QByteArray keyword = words.first().toUpper();
        if (keyword == "STARTTLS")
            m_caps.startTls = true;
        else if (keyword == "PIPELINING")
            m_caps.pipelining = true;
        else if (keyword == "8BITMIME")
            m_caps.eightBitMime = true;
        else if (keyword == "SMTPUTF8")
            m_caps.smtpUtf8 = true;
        else if (keyword == "SIZE" && words.size() > 1)
            m_caps.maxSize = qMax<qint64>(0, words.at(1).toLongLong());
        else if (keyword == "AUTH" || keyword.startsWith("AUTH=")) {
            QList<QByteArray> mechs = words.mid(1);
            if (keyword.startsWith("AUTH="))
                mechs.prepend(keyword.mid(5));
            for (const QByteArray &m : std::as_const(mechs)) {
                const QByteArray upper = m.toUpper();
                if (!upper.isEmpty() && !m_caps.authMechanisms.contains(upper))
                    m_caps.authMechanisms.append(upper);
            }
        }
    }
}

void Session::handleSessionReply(const Reply &reply)
{
    switch (m_step) {
    case Step::Greeting:
        if (reply.code != 220) {
            failSession(
                m_connection->makeError(Error::Kind::Greeting, tr("greeting"), reply.text()));
            return;
        }
        sendEhlo();
        return;
    case Step::Ehlo:
        if (reply.isPositive()) {
            parseEhlo(reply);
            afterEhlo();
        } else if (reply.isPermanentFailure() && !isEncrypted()
                   && m_endpoint.security == Net::Security::None) {
            // Old servers: fall back to HELO (RFC 5321 §3.2); not after TLS, where EHLO
            // is mandatory, and not when TLS is required (STARTTLS needs EHLO).
            m_step = Step::Helo;
            send("HELO " + clientName(), tr("HELO"));
        } else {
            failSession(m_connection->makeError(m_endpoint.security == Net::Security::StartTls
                                                        && !isEncrypted()
                                                    ? Error::Kind::TlsNotOffered
                                                    : Error::Kind::Greeting,
                                                tr("EHLO"), reply.text()));
        }
        return;
    case Step::Helo:
        if (!reply.isPositive()) {
            failSession(m_connection->makeError(Error::Kind::Greeting, tr("HELO"), reply.text()));
            return;
        }
        m_caps = Capabilities();
        afterEhlo();
        return;
    case Step::StartTls:
        if (reply.code != 220) {
            failSession(
                m_connection->makeError(Error::Kind::TlsNotOffered, tr("STARTTLS"), reply.text()));
            return;
        }
        m_connection->disarmTimeout();
        m_connection->startTls();
        return;
    case Step::Auth:
        if (reply.code == 334) {
            const QByteArray challenge = reply.lines.value(0);
            send(m_sasl.respond(challenge), tr("authentication"),
                 Net::Connection::LineKind::Sensitive);
            return;
        }
        if (reply.code == 235) {
            m_sasl = Net::Sasl::Client();
            signedIn();
            return;
        }
        {
            Error e = m_connection->makeError(
                Error::Kind::Authentication,
                QStringLiteral("AUTH ")
                    + QString::fromLatin1(Net::Sasl::mechanismName(m_usedMechanism)),
                reply.text());
            if (!m_sasl.errorJson().isEmpty())
                e.detail = QString::fromUtf8(m_sasl.errorJson());
            m_sasl = Net::Sasl::Client();
            failSession(e);
        }
        return;
    case Step::Quit:
        // 221, or anything else: the session ends either way.
        m_connection->disconnectFromServer();
        return;
    case Step::None:
        break;
    }
    // A reply nobody asked for.
    if (reply.code == 421) {
        failSession(m_connection->makeError(Error::Kind::Disconnected, tr("idle"), reply.text()));
        return;
    }
    Error e = m_connection->makeError(Error::Kind::ProtocolViolation, tr("idle"), reply.text());
    e.detail = QStringLiteral("unexpected reply");
    failSession(e);
}

void Session::afterEhlo()
{
    if (m_endpoint.security == Net::Security::StartTls && !isEncrypted()) {
        if (!m_caps.startTls) {
            // Required TLS is not on offer: stop here, before any credential is sent.
            failSession(m_connection->makeError(Error::Kind::TlsNotOffered, tr("STARTTLS")));
            return;
        }
        setState(State::StartingTls);
        m_step = Step::StartTls;
        send("STARTTLS", tr("STARTTLS"));
        return;
    }
    startAuth();
}

void Session::startAuth()
{
    if (m_credentials.isEmpty()) {
        signedIn();
        return;
    }
    // Defence in depth: with TLS required, credentials never go over a plain connection.
    if (m_endpoint.security != Net::Security::None && !isEncrypted()) {
        failSession(m_connection->makeError(Error::Kind::TlsNotOffered, tr("authentication")));
        return;
    }
    const Net::Sasl::Mechanism mech
        = Net::Sasl::choose(m_caps.authMechanisms, m_credentials, m_preferred);
    if (mech == Net::Sasl::Mechanism::None) {
        Error e = m_connection->makeError(Error::Kind::Authentication, tr("authentication"));
        e.hint = m_caps.authMechanisms.isEmpty()
            ? tr("The server %1 does not offer authentication (AUTH).").arg(m_endpoint.host)
            : tr("The server %1 offers no sign-in method Tributary supports for these credentials "
                 "(%2).")
                  .arg(m_endpoint.host, QString::fromLatin1(m_caps.authMechanisms.join(' ')));
        failSession(e);
        return;
    }
    m_usedMechanism = mech;
    m_sasl = Net::Sasl::Client(mech, m_credentials, m_endpoint.host, m_endpoint.port);
    setState(State::Authenticating);
    m_step = Step::Auth;
    QByteArray line = "AUTH " + Net::Sasl::mechanismName(mech);
    if (m_sasl.hasInitialResponse()) {
        // RFC 4954 §4: the initial response may always be sent with AUTH in SMTP.
        line += ' ' + m_sasl.takeInitialResponse();
        send(line, tr("authentication"), Net::Connection::LineKind::Sensitive);
    } else {
        send(line, tr("authentication"));
    }
}

void Session::signedIn()
{
    m_step = Step::None;
    becomeReady();
}

void Session::queueDrained()
{
    if (m_quitRequested)
        quit();
}

void Session::quit()
{
    m_quitRequested = true;
    if (state() == State::Ready && !currentJob() && !hasQueuedJobs()) {
        setState(State::Quitting);
        m_step = Step::Quit;
        send("QUIT", tr("QUIT"));
    } else if (state() == State::Connecting || state() == State::Greeting
               || state() == State::Disconnected) {
        if (!hasQueuedJobs() && !currentJob())
            dropConnection();
    }
}

} // namespace Tributary::Smtp
