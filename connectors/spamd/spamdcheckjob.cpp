#include "spamdcheckjob.h"

#include "connectors/common/connection.h"
#include "connectors/common/logging.h"

#include <QMetaObject>

namespace Tributary::Spamd {

namespace {

QByteArray commandName(CheckJob::Command command)
{
    switch (command) {
    case CheckJob::Command::Check:
        return "CHECK";
    case CheckJob::Command::Symbols:
        return "SYMBOLS";
    case CheckJob::Command::Headers:
        return "HEADERS";
    }
    return "CHECK";
}

} // namespace

CheckJob::CheckJob(QObject *parent)
    : Net::Job(parent)
{
}

CheckJob::~CheckJob()
{
    if (m_connection) {
        m_connection->abort();
        delete m_connection;
    }
}

void CheckJob::start()
{
    if (m_started)
        return;
    m_started = true;
    // Every outcome is reported from the event loop, never from inside start().
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (isFinished())
                return;
            if (m_endpoint.host.isEmpty() || m_endpoint.port == 0) {
                Net::Error e(Net::Error::Kind::HostNotFound, QStringLiteral("connect"));
                e.hint = tr("Enter the host and port of the spamd server.");
                finishWithError(e);
                return;
            }
            if (m_maxSize > 0 && m_message.size() > m_maxSize) {
                Net::Error e(Net::Error::Kind::SizeExceeded, QStringLiteral("CHECK"));
                e.host = m_endpoint.host;
                e.port = m_endpoint.port;
                e.hint = tr("The message (%1 bytes) is larger than the %2 bytes sent to spamd.")
                             .arg(m_message.size())
                             .arg(m_maxSize);
                finishWithError(e);
                return;
            }
            Net::Endpoint endpoint = m_endpoint;
            endpoint.security = Net::Security::None;
            m_connection = new Net::Connection(this);
            m_connection->setEndpoint(endpoint);
            connect(m_connection, &Net::Connection::ready, this, &CheckJob::onReady);
            connect(m_connection, &Net::Connection::readyRead, this, &CheckJob::onReadyRead);
            connect(m_connection, &Net::Connection::failed, this, &CheckJob::onFailed);
            m_connection->connectToServer();
        },
        Qt::QueuedConnection);
}

void CheckJob::cancel()
{
    if (m_connection)
        m_connection->abort();
    Net::Job::cancel();
}

void CheckJob::onReady()
{
    QByteArray request = commandName(m_command) + " SPAMC/1.5\r\n";
    request += "Content-length: " + QByteArray::number(m_message.size()) + "\r\n";
    if (!m_user.isEmpty())
        request += "User: " + m_user.toUtf8() + "\r\n";
    request += "\r\n";
    m_connection->writeRaw(request);
    m_connection->writeRaw(m_message);
    m_connection->armTimeout(QString::fromLatin1(commandName(m_command)));
    qCDebug(lcNet) << "spamd:" << commandName(m_command) << m_message.size() << "bytes";
}

void CheckJob::onReadyRead()
{
    if (isFinished() || !m_connection)
        return;
    Net::LineBuffer &buffer = m_connection->buffer();
    m_received += buffer.takeBytes(buffer.size());
    Reply reply;
    qsizetype used = 0;
    QString error;
    switch (parseReply(m_received, &reply, &used, &error)) {
    case ParseStatus::Incomplete:
        return;
    case ParseStatus::Invalid:
        fail(Net::Error::Kind::ProtocolViolation, QString::fromLatin1(commandName(m_command)),
             QString::fromUtf8(m_received.left(200)), error);
        return;
    case ParseStatus::Complete:
        break;
    }
    m_connection->disarmTimeout();
    const QString step = QString::fromLatin1(commandName(m_command));
    if (reply.code != 0) {
        fail(Net::Error::Kind::Command, step,
             QStringLiteral("%1 %2").arg(reply.code).arg(reply.message));
        return;
    }
    if (!reply.hasVerdict) {
        fail(Net::Error::Kind::ProtocolViolation, step, QString::fromUtf8(m_received.left(200)),
             QStringLiteral("EX_OK without a Spam: header"));
        return;
    }
    m_reply = reply;
    m_connection->abort();
    finishSuccess(QStringLiteral("spamd: %1 (%2 / %3)")
                      .arg(reply.spam ? QStringLiteral("spam") : QStringLiteral("ham"))
                      .arg(reply.score)
                      .arg(reply.threshold));
}

void CheckJob::onFailed(const Net::Error &error)
{
    if (isFinished())
        return;
    Net::Error e = error;
    if (e.kind == Net::Error::Kind::Disconnected && m_received.isEmpty())
        e.detail += QStringLiteral(" (spamd closed the connection without an answer)");
    finishWithError(e);
}

void CheckJob::fail(Net::Error::Kind kind, const QString &step, const QString &serverReply,
                    const QString &detail)
{
    Net::Error e = m_connection ? m_connection->makeError(kind, step, serverReply)
                                : Net::Error(kind, step, serverReply);
    e.detail = detail;
    if (m_connection)
        m_connection->abort();
    finishWithError(e);
}

void CheckJob::aboutToFinish()
{
    if (m_connection) {
        disconnect(m_connection, nullptr, this, nullptr);
        m_connection->abort();
    }
}

} // namespace Tributary::Spamd
