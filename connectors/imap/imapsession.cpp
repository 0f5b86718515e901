#include "imapsession.h"

#include "imapjob.h"

#include "connectors/common/connection.h"
#include "connectors/common/logging.h"
#include "connectors/common/redact.h"

#include <QMetaObject>

namespace Tributary::Imap {

class Session::ParserClient : public ResponseParserClient
{
public:
    explicit ParserClient(Session *session)
        : m_session(session)
    {
    }
    void responseReceived(Response &response) override { m_session->handleResponse(response); }
    bool literalBegin(const LiteralInfo &info) override
    {
        Job *job = m_session->m_active;
        m_streaming = job && job->literalBegin(info);
        return m_streaming;
    }
    void literalData(const char *data, qsizetype size) override
    {
        if (Job *job = m_session->m_active)
            job->literalData(data, size);
    }
    void literalEnd() override
    {
        if (Job *job = m_session->m_active)
            job->literalEnd();
        m_streaming = false;
    }

private:
    Session *m_session;
    bool m_streaming = false;
};

Session::Session(QObject *parent)
    : QObject(parent)
    , m_parserClient(new ParserClient(this))
    , m_parser(new ResponseParser(m_parserClient))
{
}

Session::~Session()
{
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort();
    }
    delete m_parser;
    delete m_parserClient;
}

void Session::setEndpoint(const Net::Endpoint &endpoint)
{
    m_endpoint = endpoint;
}

bool Session::isEncrypted() const
{
    return m_connection && m_connection->isEncrypted();
}

bool Session::hasCapability(const QByteArray &capability) const
{
    return m_capabilities.contains(capability.toUpper());
}

bool Session::isEnabled(const QByteArray &extension) const
{
    return m_enabled.contains(extension.toUpper());
}

int Session::pendingJobCount() const
{
    return int(m_queue.size()) + (m_active ? 1 : 0);
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state != State::Selected) {
        m_selected.clear();
        m_selectedReadOnly = false;
    }
    Q_EMIT stateChanged(state);
}

void Session::setCapabilities(const QByteArrayList &capabilities)
{
    m_capabilities.clear();
    for (const QByteArray &c : capabilities)
        m_capabilities.append(c.toUpper());
}

void Session::addEnabled(const QByteArrayList &extensions)
{
    for (const QByteArray &e : extensions) {
        if (!m_enabled.contains(e.toUpper()))
            m_enabled.append(e.toUpper());
    }
}

void Session::setSelectedMailbox(const QString &mailbox, bool readOnly)
{
    setState(State::Selected);
    m_selected = mailbox;
    m_selectedReadOnly = readOnly;
}

QByteArray Session::nextTag()
{
    return QByteArray("t") + QByteArray::number(++m_tagCounter);
}

Net::Error Session::makeError(Net::Error::Kind kind, const QString &step,
                              const QString &serverReply) const
{
    if (m_connection)
        return m_connection->makeError(kind, step, serverReply);
    Net::Error e(kind, step, serverReply);
    e.host = m_endpoint.host;
    e.port = m_endpoint.port;
    return e;
}

Net::Error Session::makeError(Net::Error::Kind kind, const QString &step,
                              const Response &reply) const
{
    QString words = reply.text;
    if (!reply.code.isEmpty()) {
        QString code = QString::fromLatin1(reply.code.name);
        if (!reply.code.args.isEmpty())
            code += QLatin1Char(' ') + QString::fromUtf8(reply.code.args);
        words = QLatin1Char('[') + code + QStringLiteral("] ") + words;
    }
    return makeError(kind, step, words);
}

void Session::enqueue(Job *job)
{
    m_queue.append(job);
    if (m_state == State::Disconnected && !m_connection)
        connectNow();
    else
        scheduleNext();
}

void Session::dequeue(Job *job)
{
    m_queue.removeAll(job);
    if (m_active == job) {
        m_active = nullptr;
        scheduleNext();
    }
    updateTimer();
}

void Session::abort()
{
    const Net::Error e = makeError(Net::Error::Kind::Cancelled, tr("cancelled"));
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort();
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    failAll(e);
}

void Session::connectNow()
{
    m_parser->reset();
    m_parser->setMaxBufferedLiteral(qint64(64) * 1024 * 1024);
    m_capabilities.clear();
    m_enabled.clear();
    m_tags.clear();
    m_phaseTag.clear();
    m_literalParts.clear();
    m_tagCounter = 0;
    m_closing = false;
    m_greeting.clear();
    m_lastError = Net::Error();
    m_connection = new Net::Connection(this);
    m_connection->setEndpoint(m_endpoint);
    m_connection->setLogCategory(&lcImap);
    // The IMAP parser enforces its own line and literal limits; a message body without a
    // line break for a long stretch is legal inside a literal.
    m_connection->buffer().setMaxLineLength(qsizetype(1) << 40);
    connect(m_connection, &Net::Connection::ready, this, &Session::onReady);
    connect(m_connection, &Net::Connection::encrypted, this, &Session::onEncrypted);
    connect(m_connection, &Net::Connection::readyRead, this, &Session::onReadyRead);
    connect(m_connection, &Net::Connection::failed, this, &Session::onFailed);
    connect(m_connection, &Net::Connection::closed, this, &Session::onClosed);
    connect(m_connection, &Net::Connection::bytesWritten, this, [this]() {
        if (m_active)
            m_active->bytesWritten();
    });
    m_phase = Phase::None;
    setState(State::Connecting);
    m_connection->connectToServer();
}

void Session::onReady()
{
    m_phase = Phase::Greeting;
    updateTimer();
}

void Session::handleGreeting(Response &response)
{
    if (response.kind != Response::Kind::Untagged || response.type != Response::Type::Status
        || (response.status != Status::Ok && response.status != Status::Preauth
            && response.status != Status::Bye)) {
        failConnection(makeError(Net::Error::Kind::Greeting, tr("greeting"), response));
        return;
    }
    if (response.status == Status::Bye) {
        failConnection(makeError(Net::Error::Kind::Greeting, tr("greeting"), response));
        return;
    }
    m_greeting = response.text;
    if (response.code.name == "CAPABILITY")
        setCapabilities(response.code.arguments());
    const bool preauth = response.status == Status::Preauth;
    if (m_endpoint.security == Net::Security::StartTls && !m_connection->isEncrypted()) {
        if (preauth) {
            // RFC 3501: STARTTLS is only valid in the not-authenticated state.
            failConnection(makeError(Net::Error::Kind::TlsNotOffered, tr("STARTTLS"),
                                     tr("The server logged in without TLS (PREAUTH).")));
            return;
        }
        if (m_capabilities.isEmpty()) {
            m_phase = Phase::StartTlsCapability;
            m_phaseTag = nextTag();
            m_connection->writeLine(m_phaseTag + " CAPABILITY");
            updateTimer();
            return;
        }
        beginStartTls();
        return;
    }
    m_phase = Phase::Ready;
    setState(preauth ? State::Authenticated : State::NotAuthenticated);
    updateTimer();
    scheduleNext();
}

void Session::beginStartTls()
{
    if (!hasCapability("STARTTLS")) {
        failConnection(makeError(Net::Error::Kind::TlsNotOffered, tr("STARTTLS")));
        return;
    }
    m_phase = Phase::StartTls;
    m_phaseTag = nextTag();
    m_connection->writeLine(m_phaseTag + " STARTTLS");
    updateTimer();
}

void Session::onEncrypted()
{
    // RFC 3501 6.2.1: capabilities learned before TLS are void.
    m_capabilities.clear();
    m_phase = Phase::TlsCapability;
    m_phaseTag = nextTag();
    m_connection->writeLine(m_phaseTag + " CAPABILITY");
    updateTimer();
}

void Session::onReadyRead()
{
    if (!m_connection)
        return;
    QPointer<Session> self(this);
    Net::Connection *connection = m_connection;
    // Take everything first: a job may upgrade to TLS or close the connection from a
    // response handler, and nothing may stay in the plaintext buffer then.
    const QByteArray data = connection->buffer().takeBytes(connection->buffer().size());
    const bool ok = m_parser->feed(data);
    if (!self || m_connection != connection)
        return;
    if (!ok) {
        Net::Error e
            = makeError(Net::Error::Kind::ProtocolViolation, tr("reading the server's reply"));
        e.detail = m_parser->errorString();
        failConnection(e);
        return;
    }
    if (m_phase == Phase::TlsHandshake) {
        if (!m_parser->isAtResponseBoundary()) {
            failConnection(makeError(Net::Error::Kind::ProtocolViolation, tr("STARTTLS"),
                                     tr("The server sent data after accepting STARTTLS.")));
            return;
        }
        m_connection->startTls();
        return;
    }
    updateTimer();
}

void Session::handleResponse(Response &response)
{
    if (!m_connection)
        return;
    if (m_phase == Phase::TlsHandshake) {
        failConnection(makeError(Net::Error::Kind::ProtocolViolation, tr("STARTTLS"),
                                 tr("The server sent data after accepting STARTTLS.")));
        return;
    }
    if (response.code.name == "ALERT")
        Q_EMIT alert(response.text); // RFC 3501 7.1: must be shown to the user
    if (m_phase == Phase::Greeting) {
        handleGreeting(response);
        return;
    }
    if (lcImap().isDebugEnabled() && response.type != Response::Type::Fetch)
        qCDebug(lcImap) << "S:" << response.tag << response.name << response.code.name
                        << Net::redact(QStringView(response.text));

    if (response.code.name == "CAPABILITY")
        setCapabilities(response.code.arguments());

    switch (response.kind) {
    case Response::Kind::Continuation:
        if (!m_literalParts.isEmpty()) {
            writeNextLiteralPart();
        } else if (m_active) {
            m_active->handleContinuation(response);
        } else {
            failConnection(makeError(Net::Error::Kind::ProtocolViolation,
                                     tr("reading the server's reply"),
                                     tr("Unexpected continuation request.")));
        }
        return;
    case Response::Kind::Untagged:
        if (response.type == Response::Type::Capability)
            setCapabilities(response.list);
        else if (response.type == Response::Type::Enabled)
            addEnabled(response.list);
        if (response.type == Response::Type::Status && response.status == Status::Bye) {
            if (m_state == State::LoggingOut) {
                m_closing = true;
            } else {
                failConnection(makeError(Net::Error::Kind::Disconnected,
                                         tr("reading the server's reply"), response));
                return;
            }
        }
        Q_EMIT untaggedResponse(response);
        if (m_active)
            m_active->handleUntagged(response);
        return;
    case Response::Kind::Tagged:
        break;
    }

    if (!m_phaseTag.isEmpty() && response.tag == m_phaseTag) {
        m_phaseTag.clear();
        const bool ok = response.status == Status::Ok;
        switch (m_phase) {
        case Phase::StartTlsCapability:
            if (!ok) {
                failConnection(
                    makeError(Net::Error::Kind::Greeting, QStringLiteral("CAPABILITY"), response));
                return;
            }
            beginStartTls();
            return;
        case Phase::StartTls:
            if (!ok) {
                failConnection(
                    makeError(Net::Error::Kind::TlsNotOffered, tr("STARTTLS"), response));
                return;
            }
            m_phase = Phase::TlsHandshake; // the handshake starts once this read is done
            return;
        case Phase::TlsCapability:
            if (!ok) {
                failConnection(
                    makeError(Net::Error::Kind::Greeting, QStringLiteral("CAPABILITY"), response));
                return;
            }
            m_phase = Phase::Ready;
            setState(State::NotAuthenticated);
            scheduleNext();
            return;
        case Phase::None:
        case Phase::Greeting:
        case Phase::TlsHandshake:
        case Phase::Ready:
            break;
        }
    }
    const auto it = m_tags.find(response.tag);
    if (it == m_tags.end()) {
        failConnection(makeError(Net::Error::Kind::ProtocolViolation,
                                 tr("reading the server's reply"),
                                 tr("Reply to a command that was not sent (%1).")
                                     .arg(QString::fromLatin1(response.tag))));
        return;
    }
    QPointer<Job> job = it.value();
    m_tags.erase(it);
    if (job && !job->isFinished())
        job->handleTagged(response);
    if (m_tags.isEmpty() && !m_active)
        scheduleNext();
    updateTimer();
}

QByteArray Session::sendCommand(Job *job, const QByteArray &command, bool sensitive)
{
    QByteArray tag = nextTag();
    m_tags.insert(tag, job);
    if (m_connection)
        m_connection->writeLine(tag + ' ' + command,
                                sensitive ? Net::Connection::LineKind::Sensitive
                                          : Net::Connection::LineKind::Normal);
    updateTimer();
    return tag;
}

QByteArray Session::sendCommandWithLiterals(Job *job, const QByteArrayList &parts, bool sensitive)
{
    QByteArray tag = nextTag();
    m_tags.insert(tag, job);
    if (!m_connection)
        return tag;
    const bool literalPlus = hasCapability("LITERAL+");
    if (literalPlus) {
        QByteArray all = tag + ' ';
        for (qsizetype i = 0; i < parts.size(); ++i) {
            if (i % 2 == 0) {
                all += parts.at(i);
            } else {
                all += '{' + QByteArray::number(parts.at(i).size()) + "+}\r\n";
                all += parts.at(i);
            }
        }
        all += "\r\n";
        qCDebug(lcImap) << "C:" << tag << (sensitive ? QByteArray("<redacted>") : parts.value(0));
        m_connection->writeRaw(all);
    } else {
        m_literalParts = parts.mid(1);
        m_literalSensitive = sensitive;
        QByteArray first = tag + ' ' + parts.value(0);
        if (parts.size() > 1)
            first += '{' + QByteArray::number(parts.at(1).size()) + '}';
        else
            m_literalParts.clear();
        m_connection->writeLine(first,
                                sensitive ? Net::Connection::LineKind::Sensitive
                                          : Net::Connection::LineKind::Normal);
    }
    updateTimer();
    return tag;
}

void Session::writeNextLiteralPart()
{
    // m_literalParts: literal, text, literal, text, ...
    const QByteArray literal = m_literalParts.takeFirst();
    QByteArray next = m_literalParts.isEmpty() ? QByteArray() : m_literalParts.takeFirst();
    QByteArray out = literal;
    out += next;
    if (!m_literalParts.isEmpty()) {
        out += '{' + QByteArray::number(m_literalParts.first().size()) + "}";
    }
    out += "\r\n";
    if (m_connection)
        m_connection->writeRaw(out);
}

void Session::sendContinuation(const QByteArray &line, bool sensitive)
{
    if (m_connection)
        m_connection->writeLine(line,
                                sensitive ? Net::Connection::LineKind::Sensitive
                                          : Net::Connection::LineKind::Normal);
}

void Session::writeRaw(const QByteArray &data)
{
    if (m_connection)
        m_connection->writeRaw(data);
}

qint64 Session::bytesToWrite() const
{
    return m_connection ? m_connection->bytesToWrite() : 0;
}

void Session::setAwaitingServer(bool awaiting)
{
    m_awaiting = awaiting;
    updateTimer();
}

void Session::updateTimer()
{
    if (!m_connection || m_connection->state() != Net::Connection::State::Connected)
        return;
    const bool waiting = m_phase != Phase::Ready
        || (!m_tags.isEmpty() && m_awaiting && (!m_active || m_active->expectsServerActivity()));
    if (waiting)
        m_connection->armTimeout(tr("waiting for the server"));
    else
        m_connection->disarmTimeout();
}

void Session::scheduleNext()
{
    if (m_runScheduled)
        return;
    m_runScheduled = true;
    QMetaObject::invokeMethod(this, &Session::runNext, Qt::QueuedConnection);
}

void Session::runNext()
{
    m_runScheduled = false;
    if (m_active || !m_tags.isEmpty() || m_queue.isEmpty())
        return;
    if (!m_connection) {
        if (m_state == State::Disconnected)
            connectNow();
        return;
    }
    if (m_phase != Phase::Ready)
        return;
    Job *job = m_queue.takeFirst();
    if (!job)
        return scheduleNext();
    m_active = job;
    m_awaiting = true;
    job->run();
    updateTimer();
}

void Session::failConnection(const Net::Error &error)
{
    if (!m_connection)
        return;
    Net::Connection *c = m_connection;
    c->fail(error); // emits failed() -> onFailed()
}

void Session::onFailed(const Net::Error &error)
{
    if (m_closing && error.kind == Net::Error::Kind::Disconnected) {
        onClosed();
        return;
    }
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    m_lastError = error;
    qCInfo(lcImap) << "connection failed:" << error.details();
    failAll(error);
    Q_EMIT connectionFailed(error);
}

void Session::closeAfterLogout()
{
    m_closing = false;
    if (Net::Connection *c = m_connection) {
        // The connection finishes closing on its own; the session is free for a new one.
        m_connection = nullptr;
        c->disconnect(this);
        connect(c, &Net::Connection::closed, c, &QObject::deleteLater);
        connect(c, &Net::Connection::failed, c, &QObject::deleteLater);
        c->disconnectFromServer();
    }
    m_phase = Phase::None;
    m_tags.clear();
    m_parser->reset();
    setState(State::Disconnected);
    if (!m_queue.isEmpty())
        scheduleNext();
}

void Session::onClosed()
{
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    m_phase = Phase::None;
    m_tags.clear();
    const QPointer<Job> active = m_active;
    setState(State::Disconnected);
    // A LOGOUT job completes on its tagged OK; anything still queued reconnects.
    if (active && !active->isFinished())
        active->connectionClosed();
    if (!m_queue.isEmpty())
        scheduleNext();
}

void Session::failAll(const Net::Error &error)
{
    m_phase = Phase::None;
    m_tags.clear();
    m_phaseTag.clear();
    m_literalParts.clear();
    m_parser->reset();
    setState(State::Disconnected);
    QList<QPointer<Job>> jobs;
    if (m_active)
        jobs.append(m_active);
    jobs.append(m_queue);
    m_queue.clear();
    m_active = nullptr;
    for (const QPointer<Job> &job : std::as_const(jobs)) {
        if (job && !job->isFinished())
            job->finishWithError(error);
    }
}

} // namespace Tributary::Imap
