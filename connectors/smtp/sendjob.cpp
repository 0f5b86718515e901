#include "sendjob.h"

#include "session.h"

namespace Tributary::Smtp {

using Net::Error;

namespace {
constexpr qint64 chunkSize = qint64(64) * 1024;
constexpr qint64 maxBuffered = qint64(256) * 1024;

bool isAscii(const QString &s)
{
    for (const QChar c : s) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}
} // namespace

SendJob::SendJob(Session *session)
    : Job(session)
{
}

void SendJob::setFrom(const QString &address)
{
    m_from = address;
}

void SendJob::setRecipients(const QStringList &addresses)
{
    m_recipients = addresses;
}

void SendJob::setData(QIODevice *device)
{
    m_device = device;
}

void SendJob::setData(const QByteArray &message)
{
    m_ownBuffer.close();
    m_ownBuffer.setData(message);
    m_ownBuffer.open(QIODevice::ReadOnly);
    m_device = &m_ownBuffer;
}

QByteArray SendJob::encodeAddress(const QString &address, bool *ok) const
{
    *ok = true;
    // No CR, LF or angle brackets inside an address: they would inject commands.
    for (const QChar c : address) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c == QLatin1Char('<')
            || c == QLatin1Char('>') || c.unicode() < 0x20) {
            *ok = false;
            return QByteArray();
        }
    }
    return address.toUtf8();
}

bool SendJob::scanMessage()
{
    if (!m_device || !m_device->isOpen() || !m_device->isReadable() || m_device->isSequential()) {
        finishWithError(Error(Error::Kind::Command, tr("reading the message")));
        return false;
    }
    m_size = m_device->size();
    if (!m_device->seek(0)) {
        finishWithError(Error(Error::Kind::Command, tr("reading the message")));
        return false;
    }
    m_eightBit = false;
    QByteArray chunk;
    while (!m_device->atEnd()) {
        chunk = m_device->read(chunkSize);
        if (chunk.isEmpty())
            break;
        for (const char c : std::as_const(chunk)) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                m_eightBit = true;
                break;
            }
        }
        if (m_eightBit)
            break;
    }
    m_device->seek(0);
    return true;
}

void SendJob::run()
{
    m_cleanEnd = true; // nothing sent yet
    Session *s = session();
    const Capabilities &caps = s->capabilities();
    if (m_recipients.isEmpty()) {
        Error e(Error::Kind::Command, QStringLiteral("RCPT TO"));
        e.hint = tr("The message has no recipients.");
        finishWithError(e);
        return;
    }
    if (!scanMessage())
        return;
    if (caps.maxSize > 0 && m_size > caps.maxSize) {
        Error e(Error::Kind::SizeExceeded, QStringLiteral("SIZE"));
        e.host = s->endpoint().host;
        e.port = s->endpoint().port;
        e.hint = tr("The message (%1 bytes) is larger than the server %2 accepts (%3 bytes).")
                     .arg(m_size)
                     .arg(s->endpoint().host)
                     .arg(caps.maxSize);
        finishWithError(e);
        return;
    }
    if (m_eightBit && !caps.eightBitMime) {
        Error e(Error::Kind::Command, QStringLiteral("8BITMIME"));
        e.host = s->endpoint().host;
        e.port = s->endpoint().port;
        e.hint = tr("The message contains 8-bit text but the server %1 does not accept 8-bit "
                    "messages (no 8BITMIME). Send it encoded as quoted-printable or base64.")
                     .arg(s->endpoint().host);
        finishWithError(e);
        return;
    }
    m_needUtf8 = !isAscii(m_from);
    for (const QString &r : std::as_const(m_recipients))
        m_needUtf8 = m_needUtf8 || !isAscii(r);
    if (m_needUtf8 && !caps.smtpUtf8) {
        Error e(Error::Kind::Command, QStringLiteral("SMTPUTF8"));
        e.hint = tr("An address contains non-ASCII characters but the server %1 does not accept "
                    "them (no SMTPUTF8).")
                     .arg(s->endpoint().host);
        finishWithError(e);
        return;
    }

    bool ok = true;
    QByteArray mail = "MAIL FROM:<" + encodeAddress(m_from, &ok) + '>';
    if (!ok) {
        finishWithError(Error(Error::Kind::Command, QStringLiteral("MAIL FROM")));
        return;
    }
    for (const QString &r : std::as_const(m_recipients)) {
        encodeAddress(r, &ok);
        if (!ok) {
            Error e(Error::Kind::Command, QStringLiteral("RCPT TO"));
            e.hint = tr("The recipient address \"%1\" is not valid.").arg(r);
            finishWithError(e);
            return;
        }
    }
    if (caps.maxSize > 0)
        mail += " SIZE=" + QByteArray::number(m_size);
    if (m_eightBit)
        mail += " BODY=8BITMIME";
    if (m_needUtf8)
        mail += " SMTPUTF8";

    m_cleanEnd = false;
    m_state = State::Envelope;
    m_results.clear();
    for (const QString &r : std::as_const(m_recipients))
        m_results.append(RecipientResult {r, false, 0, QString()});
    m_repliesSeen = 0;
    m_mailAccepted = false;
    s->send(mail, QStringLiteral("MAIL FROM"));
    if (caps.pipelining) {
        // RFC 2920: MAIL and every RCPT in one batch; DATA after their replies.
        for (int i = 0; i < m_recipients.size(); ++i)
            sendRecipient(i);
        m_repliesExpected = 1 + int(m_recipients.size());
    } else {
        m_repliesExpected = 1;
    }
}

void SendJob::sendRecipient(int index)
{
    bool ok = true;
    session()->send("RCPT TO:<" + encodeAddress(m_recipients.at(index), &ok) + '>',
                    QStringLiteral("RCPT TO"));
}

void SendJob::handleReply(const Reply &reply)
{
    Session *s = session();
    switch (m_state) {
    case State::Envelope: {
        const int index = m_repliesSeen++;
        if (index == 0) {
            m_mailReply = reply;
            m_mailAccepted = reply.isPositive();
        } else {
            RecipientResult &r = m_results[index - 1];
            r.code = reply.code;
            r.accepted = reply.isPositive();
            r.reply = reply.text();
        }
        const bool pipelined = s->capabilities().pipelining;
        if (!pipelined) {
            if (index == 0 && !m_mailAccepted) {
                envelopeDone();
                return;
            }
            if (index < m_recipients.size()) {
                ++m_repliesExpected;
                sendRecipient(index);
                return;
            }
        }
        if (m_repliesSeen >= m_repliesExpected)
            envelopeDone();
        return;
    }
    case State::Data:
        if (reply.code != 354) {
            Error e(reply.code == 552 ? Error::Kind::SizeExceeded : Error::Kind::Command,
                    QStringLiteral("DATA"), reply.text());
            e.host = s->endpoint().host;
            e.port = s->endpoint().port;
            failAfterReset(e);
            return;
        }
        m_state = State::Body;
        m_sent = 0;
        m_bodyDone = false;
        m_stuffer = DotStuffer();
        pump();
        return;
    case State::Body:
        if (!m_bodyDone) {
            // A reply in the middle of the body: the server gave up (e.g. 552 too much data).
            Error e(reply.code == 552 ? Error::Kind::SizeExceeded : Error::Kind::Command,
                    QStringLiteral("DATA"), reply.text());
            e.host = s->endpoint().host;
            e.port = s->endpoint().port;
            m_cleanEnd = false;
            finishWithError(e);
            return;
        }
        m_finalReply = reply.text();
        m_state = State::Idle;
        m_cleanEnd = true;
        if (reply.isPositive()) {
            finishSuccess(m_finalReply);
        } else {
            Error e(reply.code == 552 ? Error::Kind::SizeExceeded : Error::Kind::Command,
                    tr("sending the message"), reply.text());
            e.host = s->endpoint().host;
            e.port = s->endpoint().port;
            finishWithError(e);
        }
        return;
    case State::Reset:
        m_state = State::Idle;
        m_cleanEnd = true;
        finishWithError(m_pendingError);
        return;
    case State::Idle:
        break;
    }
    Error e(Error::Kind::ProtocolViolation, tr("sending"), reply.text());
    e.detail = QStringLiteral("unexpected reply");
    m_cleanEnd = false;
    finishWithError(e);
}

void SendJob::envelopeDone()
{
    Session *s = session();
    if (!m_mailAccepted) {
        Error e(m_mailReply.code == 552 ? Error::Kind::SizeExceeded : Error::Kind::Command,
                QStringLiteral("MAIL FROM"), m_mailReply.text());
        e.host = s->endpoint().host;
        e.port = s->endpoint().port;
        failAfterReset(e);
        return;
    }
    bool any = false;
    QStringList refused;
    for (const RecipientResult &r : std::as_const(m_results)) {
        any = any || r.accepted;
        if (!r.accepted)
            refused.append(r.reply);
    }
    if (!any) {
        Error e(Error::Kind::Command, QStringLiteral("RCPT TO"), refused.join(QLatin1Char('\n')));
        e.host = s->endpoint().host;
        e.port = s->endpoint().port;
        failAfterReset(e);
        return;
    }
    m_state = State::Data;
    s->send("DATA", QStringLiteral("DATA"));
}

void SendJob::failAfterReset(const Error &error)
{
    // RSET ends the transaction so the session can be reused for the next job.
    m_pendingError = error;
    m_state = State::Reset;
    session()->send("RSET", QStringLiteral("RSET"));
}

void SendJob::onBytesWritten()
{
    if (m_state == State::Body && !m_bodyDone)
        pump();
}

void SendJob::pump()
{
    Session *s = session();
    if (!s || !m_device)
        return;
    while (!m_bodyDone && s->bytesToWrite() < maxBuffered) {
        const QByteArray chunk = m_device->read(chunkSize);
        QByteArray out;
        if (!chunk.isEmpty()) {
            m_stuffer.encode(chunk.constData(), chunk.size(), out);
            m_sent += chunk.size();
        }
        if (chunk.isEmpty() || m_device->atEnd()) {
            m_stuffer.finish(out);
            m_bodyDone = true;
        }
        s->sendRaw(out);
        Q_EMIT progress(m_sent, m_size);
    }
    if (m_bodyDone)
        s->connection()->armTimeout(tr("sending the message"));
}

} // namespace Tributary::Smtp
