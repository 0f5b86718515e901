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
    : Net::LineSession(&lcPop3, parent)
{
}

void Session::setLoginMethod(LoginMethod method)
{
    m_loginMethod = method;
}

void Session::phaseChanged(Phase phase)
{
    Q_EMIT stateChanged(State(int(phase)));
}

void Session::prepareConnection(Net::Connection *connection)
{
    m_caps = Capabilities();
    m_pending.clear();
    m_inBody = false;
    m_greeting.clear();
    m_usedLogin.clear();
    connection->buffer().setMaxLineLength(maxStatusLine);
}

void Session::connectionDropped()
{
    m_pending.clear();
    m_inBody = false;
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
    m_pending.append(Pending {static_cast<Job *>(currentJob()), Own::None, multiLine, step});
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
        becomeReady();
        return;
    case Own::Apop:
        if (!response.isOk()) {
            loginFailed(response, QStringLiteral("APOP"));
            return;
        }
        m_usedLogin = "APOP";
        becomeReady();
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
        becomeReady();
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

} // namespace Tributary::Pop3
