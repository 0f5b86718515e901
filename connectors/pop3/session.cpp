#include "session.h"

#include "connectors/common/logging.h"
#include "job.h"

#include <QCryptographicHash>

#include <limits>

namespace Tributary::Pop3 {

using Net::Error;

namespace {
// Bodies may carry very long lines (unwrapped base64); the status-line limit of the
// connection's buffer only protects the line reader.
constexpr qsizetype maxStatusLine = qsizetype(64) * 1024;
} // namespace

Session::Session(QObject *parent)
    : QObject(parent)
{
}

Session::~Session()
{
    for (const QPointer<Job> &job : std::as_const(m_queue)) {
        if (job)
            job->m_session = nullptr;
    }
    if (m_current)
        m_current->m_session = nullptr;
}

void Session::setEndpoint(const Net::Endpoint &endpoint)
{
    m_endpoint = endpoint;
}

void Session::setCredentials(const Net::Sasl::Credentials &credentials)
{
    m_credentials = credentials;
}

void Session::setLoginMethod(LoginMethod method)
{
    m_loginMethod = method;
}

void Session::setPreferredMechanism(Net::Sasl::Mechanism mechanism)
{
    m_preferred = mechanism;
}

bool Session::isEncrypted() const
{
    return m_connection && m_connection->isEncrypted();
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Session::enqueue(Job *job)
{
    m_queue.append(job);
    // Never run (or finish) a job inside its start(): callers connect to finished() after.
    if (m_state == State::Disconnected)
        QMetaObject::invokeMethod(this, &Session::open, Qt::QueuedConnection);
    else if (m_state == State::Ready)
        QMetaObject::invokeMethod(this, &Session::runNext, Qt::QueuedConnection);
}

void Session::dequeue(Job *job)
{
    if (m_current != job) {
        m_queue.removeAll(job);
        return;
    }
    m_current = nullptr;
    if (m_state == State::Quitting) {
        // QUIT answered (or the job gave up): close; the server commits deletions on QUIT.
        if (m_connection)
            m_connection->disconnectFromServer();
        return;
    }
    if (m_state != State::Busy)
        return;
    if (job->m_cleanEnd && job->m_outstanding == 0) {
        setState(State::Ready);
        if (m_connection)
            m_connection->disarmTimeout();
        QMetaObject::invokeMethod(this, &Session::runNext, Qt::QueuedConnection);
    } else {
        dropConnection();
        if (!m_queue.isEmpty())
            QMetaObject::invokeMethod(this, &Session::open, Qt::QueuedConnection);
    }
}

void Session::dropConnection()
{
    if (m_connection) {
        m_connection->abort();
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    m_pending.clear();
    m_inBody = false;
    setState(State::Disconnected);
}

void Session::open()
{
    if (m_state != State::Disconnected || m_connection)
        return;
    m_lastError = Error();
    m_caps = Capabilities();
    m_pending.clear();
    m_inBody = false;
    m_greeting.clear();
    m_usedLogin.clear();
    m_connection = new Net::Connection(this);
    m_connection->setLogCategory(&lcPop3);
    m_connection->setEndpoint(m_endpoint);
    m_connection->buffer().setMaxLineLength(maxStatusLine);
    connect(m_connection, &Net::Connection::ready, this, &Session::onReady);
    connect(m_connection, &Net::Connection::encrypted, this, &Session::onEncrypted);
    connect(m_connection, &Net::Connection::readyRead, this, &Session::onReadyRead);
    connect(m_connection, &Net::Connection::failed, this, &Session::onFailed);
    connect(m_connection, &Net::Connection::closed, this, &Session::onClosed);
    setState(State::Connecting);
    m_connection->connectToServer();
}

void Session::onReady()
{
    setState(State::Greeting);
    m_pending.append(Pending {nullptr, Own::Greeting, false, tr("greeting")});
    m_connection->armTimeout(tr("greeting"));
}

void Session::onEncrypted()
{
    // RFC 2595 §4: capabilities may change after STLS; ask again.
    m_caps = Capabilities();
    setState(State::Capabilities);
    sendOwn("CAPA", Own::Capa, true, tr("CAPA"));
}

void Session::send(const QByteArray &line, bool multiLine, const QString &step,
                   Net::Connection::LineKind kind)
{
    if (!m_connection)
        return;
    m_pending.append(Pending {m_current, Own::None, multiLine, step});
    if (line == "QUIT")
        setState(State::Quitting);
    m_connection->writeLine(line, kind);
    m_connection->armTimeout(step);
}

void Session::sendOwn(const QByteArray &line, Own own, bool multiLine, const QString &step,
                      Net::Connection::LineKind kind)
{
    m_pending.append(Pending {nullptr, own, multiLine, step});
    m_connection->writeLine(line, kind);
    m_connection->armTimeout(step);
}

void Session::onReadyRead()
{
    QPointer<Net::Connection> connection(m_connection);
    while (connection && connection == m_connection) {
        if (m_pending.isEmpty()) {
            if (connection->buffer().isEmpty())
                return;
            const QByteArray line = connection->readLine();
            Error e = connection->makeError(Error::Kind::ProtocolViolation, tr("idle"),
                                            QString::fromUtf8(line.left(200)));
            e.detail = QStringLiteral("data while no command was outstanding");
            connection->fail(e);
            return;
        }
        if (m_inBody) {
            Net::LineBuffer &buffer = connection->buffer();
            if (buffer.isEmpty())
                return;
            QByteArray chunk;
            const qsizetype used = m_reader.feed(buffer.peekData(), buffer.size(), chunk);
            buffer.skip(used);
            const Pending &p = m_pending.first();
            if (!chunk.isEmpty()) {
                if (p.job)
                    p.job->handleData(chunk);
                else
                    ownBody(chunk);
            }
            if (!connection || connection != m_connection || m_pending.isEmpty())
                return;
            if (m_reader.isFinished()) {
                m_inBody = false;
                connection->buffer().setMaxLineLength(maxStatusLine);
                const Pending done = m_pending.takeFirst();
                if (m_pending.isEmpty())
                    connection->disarmTimeout();
                if (done.job) {
                    done.job->commandDone();
                    done.job->handleEnd();
                } else {
                    handleOwn(done, Response {Response::Kind::Ok, QByteArray(), QByteArray()});
                }
            }
            continue;
        }
        const QByteArray line = connection->readLine();
        if (line.isNull())
            return;
        const Response r = Response::parse(line);
        const Pending &p = m_pending.first();
        const bool continuation = r.kind == Response::Kind::Continuation && p.own == Own::Auth;
        if (r.kind == Response::Kind::Invalid
            || (r.kind == Response::Kind::Continuation && !continuation)) {
            Error e = connection->makeError(Error::Kind::ProtocolViolation, p.step,
                                            QString::fromUtf8(line.left(200)));
            e.detail = QStringLiteral("not a POP3 status line");
            connection->fail(e);
            return;
        }
        if (continuation) {
            // SASL challenge: answer, keep waiting for the final status.
            connection->writeLine(m_sasl.respond(r.text), Net::Connection::LineKind::Sensitive);
            connection->armTimeout(p.step);
            continue;
        }
        if (r.isOk() && p.multiLine) {
            m_inBody = true;
            m_reader.reset();
            // A body line may be long (unwrapped base64); the body is consumed as it
            // arrives, so the status-line limit does not apply to it.
            connection->buffer().setMaxLineLength(std::numeric_limits<qsizetype>::max());
            if (p.job)
                p.job->handleStatus(r);
            else if (p.own == Own::Capa)
                m_capaBody.clear();
            continue;
        }
        const Pending done = m_pending.takeFirst();
        if (m_pending.isEmpty())
            connection->disarmTimeout();
        if (done.job) {
            done.job->commandDone();
            done.job->handleStatus(r);
        } else if (done.own != Own::None) {
            handleOwn(done, r);
        }
        // A job's reply whose job is gone (cancelled): dropped.
    }
}

void Session::ownBody(const QByteArray &chunk)
{
    if (m_capaBody.size() < qsizetype(64) * 1024)
        m_capaBody.append(chunk);
}

void Session::parseCapa()
{
    m_caps = Capabilities();
    m_caps.known = true;
    const QList<QByteArray> lines = m_capaBody.split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        m_caps.raw.append(line);
        const QList<QByteArray> words = line.split(' ');
        const QByteArray keyword = words.first().toUpper();
        if (keyword == "STLS")
            m_caps.stls = true;
        else if (keyword == "USER")
            m_caps.user = true;
        else if (keyword == "TOP")
            m_caps.top = true;
        else if (keyword == "UIDL")
            m_caps.uidl = true;
        else if (keyword == "PIPELINING")
            m_caps.pipelining = true;
        else if (keyword == "SASL") {
            for (qsizetype i = 1; i < words.size(); ++i) {
                const QByteArray m = words.at(i).toUpper();
                if (!m.isEmpty())
                    m_caps.saslMechanisms.append(m);
            }
        }
        // Anything else (RESP-CODES, EXPIRE, IMPLEMENTATION, unknown): kept in raw only.
    }
}

void Session::handleOwn(const Pending &pending, const Response &response)
{
    switch (pending.own) {
    case Own::Greeting:
        if (!response.isOk()) {
            failSession(m_connection->makeError(Error::Kind::Greeting, tr("greeting"),
                                                response.displayText()));
            return;
        }
        m_greeting = response.text;
        setState(State::Capabilities);
        m_capaBody.clear();
        sendOwn("CAPA", Own::Capa, true, tr("CAPA"));
        return;
    case Own::Capa:
        if (response.isOk())
            parseCapa();
        else
            m_caps = Capabilities(); // no CAPA: RFC 1939 server
        afterCapa();
        return;
    case Own::Stls:
        if (!response.isOk()) {
            failSession(m_connection->makeError(Error::Kind::TlsNotOffered, QStringLiteral("STLS"),
                                                response.displayText()));
            return;
        }
        m_connection->disarmTimeout();
        m_connection->startTls();
        return;
    case Own::User:
        if (!response.isOk()) {
            loginFailed(response, QStringLiteral("USER"));
            return;
        }
        sendOwn("PASS " + m_credentials.password.toUtf8(), Own::Pass, false, tr("authentication"),
                Net::Connection::LineKind::Sensitive);
        return;
    case Own::Pass:
        if (!response.isOk()) {
            loginFailed(response, QStringLiteral("PASS"));
            return;
        }
        m_usedLogin = "USER";
        loginDone();
        return;
    case Own::Apop:
        if (!response.isOk()) {
            loginFailed(response, QStringLiteral("APOP"));
            return;
        }
        m_usedLogin = "APOP";
        loginDone();
        return;
    case Own::Auth:
        if (!response.isOk()) {
            loginFailed(response,
                        QStringLiteral("AUTH ")
                            + QString::fromLatin1(Net::Sasl::mechanismName(m_sasl.mechanism())));
            return;
        }
        m_usedLogin = Net::Sasl::mechanismName(m_sasl.mechanism());
        m_sasl = Net::Sasl::Client();
        loginDone();
        return;
    case Own::None:
        break;
    }
}

void Session::afterCapa()
{
    if (m_endpoint.security == Net::Security::StartTls && !isEncrypted()) {
        // RFC 2595 §4: STLS is announced in CAPA. A server without CAPA may still take it.
        if (m_caps.known && !m_caps.stls) {
            failSession(
                m_connection->makeError(Error::Kind::TlsNotOffered, QStringLiteral("STLS")));
            return;
        }
        setState(State::StartingTls);
        sendOwn("STLS", Own::Stls, false, QStringLiteral("STLS"));
        return;
    }
    startLogin();
}

void Session::startLogin()
{
    if (m_endpoint.security != Net::Security::None && !isEncrypted()) {
        failSession(m_connection->makeError(Error::Kind::TlsNotOffered, tr("authentication")));
        return;
    }
    setState(State::Authenticating);
    LoginMethod method = m_loginMethod;
    Net::Sasl::Mechanism mech = Net::Sasl::Mechanism::None;
    if (method == LoginMethod::Auto || method == LoginMethod::Sasl) {
        mech = Net::Sasl::choose(m_caps.saslMechanisms, m_credentials, m_preferred);
        if (method == LoginMethod::Auto && mech == Net::Sasl::Mechanism::None
            && !m_credentials.hasToken())
            method = LoginMethod::UserPass;
        else
            method = LoginMethod::Sasl;
    }
    switch (method) {
    case LoginMethod::UserPass:
        sendOwn("USER " + m_credentials.user.toUtf8(), Own::User, false, tr("authentication"));
        return;
    case LoginMethod::Apop: {
        // RFC 1939 §7: the timestamp is the <...> in the greeting.
        const qsizetype open = m_greeting.indexOf('<');
        const qsizetype close = open >= 0 ? m_greeting.indexOf('>', open) : -1;
        if (open < 0 || close < 0 || !m_greeting.mid(open, close - open + 1).contains('@')) {
            Error e = m_connection->makeError(Error::Kind::Authentication, QStringLiteral("APOP"));
            e.hint = tr("The server %1 does not support APOP (its greeting has no timestamp).")
                         .arg(m_endpoint.host);
            failSession(e);
            return;
        }
        const QByteArray timestamp = m_greeting.mid(open, close - open + 1);
        const QByteArray digest
            = QCryptographicHash::hash(QByteArray(timestamp + m_credentials.password.toUtf8()),
                                       QCryptographicHash::Md5)
                  .toHex();
        sendOwn("APOP " + m_credentials.user.toUtf8() + ' ' + digest, Own::Apop, false,
                tr("authentication"), Net::Connection::LineKind::Sensitive);
        return;
    }
    case LoginMethod::Sasl: {
        if (mech == Net::Sasl::Mechanism::None) {
            Error e = m_connection->makeError(Error::Kind::Authentication, QStringLiteral("AUTH"));
            e.hint = tr("The server %1 offers no sign-in method Tributary supports for these "
                        "credentials.")
                         .arg(m_endpoint.host);
            failSession(e);
            return;
        }
        m_sasl = Net::Sasl::Client(mech, m_credentials, m_endpoint.host, m_endpoint.port);
        QByteArray line = "AUTH " + Net::Sasl::mechanismName(mech);
        if (m_sasl.hasInitialResponse()) {
            // RFC 5034 §4: the initial response may be sent with AUTH.
            line += ' ' + m_sasl.takeInitialResponse();
            sendOwn(line, Own::Auth, false, tr("authentication"),
                    Net::Connection::LineKind::Sensitive);
        } else {
            sendOwn(line, Own::Auth, false, tr("authentication"));
        }
        return;
    }
    case LoginMethod::Auto:
        break;
    }
}

void Session::loginFailed(const Response &response, const QString &step)
{
    Error e = m_connection->makeError(Error::Kind::Authentication, step, response.displayText());
    if (!m_sasl.errorJson().isEmpty())
        e.detail = QString::fromUtf8(m_sasl.errorJson());
    m_sasl = Net::Sasl::Client();
    failSession(e);
}

void Session::loginDone()
{
    setState(State::Ready);
    m_connection->disarmTimeout();
    runNext();
}

void Session::runNext()
{
    if (m_state != State::Ready || m_current)
        return;
    while (!m_queue.isEmpty()) {
        QPointer<Job> job = m_queue.takeFirst();
        if (!job || job->isFinished())
            continue;
        m_current = job;
        setState(State::Busy);
        job->m_cleanEnd = false;
        job->m_outstanding = 0;
        job->run();
        return;
    }
}

void Session::abort()
{
    failSession(Error(Error::Kind::Cancelled, tr("cancelled")));
}

void Session::onClosed()
{
    if (m_connection) {
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    m_pending.clear();
    m_inBody = false;
    setState(State::Disconnected);
    if (!m_queue.isEmpty())
        open();
}

void Session::onFailed(const Error &error)
{
    if (m_state == State::Quitting && !m_current) {
        onClosed();
        return;
    }
    failSession(error);
}

void Session::failSession(const Error &error)
{
    m_lastError = error;
    m_sasl = Net::Sasl::Client();
    dropConnection();
    QPointer<Job> current = m_current;
    m_current = nullptr;
    const auto queue = m_queue;
    m_queue.clear();
    if (current)
        current->sessionFailed(error);
    for (const QPointer<Job> &job : queue) {
        if (job)
            job->sessionFailed(error);
    }
}

} // namespace Tributary::Pop3
