#include "listjob.h"

#include "session.h"

#include <algorithm>

namespace Tributary::Pop3 {

using Net::Error;

StatJob::StatJob(Session *session)
    : Job(session)
{
}

void StatJob::run()
{
    send("STAT", false, QStringLiteral("STAT"));
}

void StatJob::handleStatus(const Response &response)
{
    m_cleanEnd = true;
    if (!response.isOk()) {
        Error e(Error::Kind::Command, QStringLiteral("STAT"), response.displayText());
        finishWithError(e);
        return;
    }
    const QList<QByteArray> words = response.text.split(' ');
    bool ok1 = false, ok2 = false;
    m_count = words.value(0).toInt(&ok1);
    m_size = words.value(1).toLongLong(&ok2);
    if (!ok1 || !ok2 || m_count < 0 || m_size < 0) {
        Error e(Error::Kind::ProtocolViolation, QStringLiteral("STAT"), response.displayText());
        finishWithError(e);
        return;
    }
    finishSuccess();
}

ListJob::ListJob(Session *session)
    : Job(session)
{
}

void ListJob::run()
{
    m_messages.clear();
    m_phase = 0;
    const Capabilities &caps = session()->capabilities();
    if (caps.known && !caps.uidl)
        m_withUids = false; // RFC 2449: UIDL not announced, so not supported
    send("LIST", true, QStringLiteral("LIST"));
    if (m_withUids && session()->capabilities().pipelining)
        sendUidl();
}

void ListJob::sendUidl()
{
    send("UIDL", true, QStringLiteral("UIDL"));
}

void ListJob::handleStatus(const Response &response)
{
    m_body.clear();
    if (response.isOk())
        return; // the body follows
    const QString step = m_phase == 0 ? QStringLiteral("LIST") : QStringLiteral("UIDL");
    if (!m_error.isError())
        m_error = Error(Error::Kind::Command, step, response.displayText());
    ++m_phase;
    maybeFinish();
}

void ListJob::handleData(const QByteArray &chunk)
{
    m_body.append(chunk);
}

void ListJob::handleEnd()
{
    parse(m_body, m_phase == 1);
    m_body.clear();
    ++m_phase;
    if (m_phase == 1 && m_withUids && !session()->capabilities().pipelining && !m_error.isError()) {
        sendUidl();
        return;
    }
    maybeFinish();
}

void ListJob::parse(const QByteArray &body, bool uids)
{
    if (m_error.isError())
        return;
    QHash<int, qsizetype> index;
    for (qsizetype i = 0; i < m_messages.size(); ++i)
        index.insert(m_messages.at(i).number, i);
    qsizetype pos = 0;
    while (pos < body.size()) {
        qsizetype end = body.indexOf('\n', pos);
        if (end < 0)
            end = body.size();
        const QByteArray line = body.mid(pos, end - pos).trimmed();
        pos = end + 1;
        if (line.isEmpty())
            continue;
        const qsizetype space = line.indexOf(' ');
        bool ok = false;
        const int number = space > 0 ? line.left(space).toInt(&ok) : 0;
        const QByteArray rest = space > 0 ? line.mid(space + 1).trimmed() : QByteArray();
        if (!ok || number <= 0 || rest.isEmpty()) {
            m_error = Error(Error::Kind::ProtocolViolation,
                            uids ? QStringLiteral("UIDL") : QStringLiteral("LIST"),
                            QString::fromUtf8(line.left(200)));
            return;
        }
        if (uids) {
            const auto it = index.constFind(number);
            if (it == index.constEnd()) {
                MessageInfo info;
                info.number = number;
                info.uid = rest;
                index.insert(number, m_messages.size());
                m_messages.append(info);
            } else {
                m_messages[*it].uid = rest;
            }
        } else {
            const qint64 size = rest.split(' ').first().toLongLong(&ok);
            if (!ok || size < 0) {
                m_error = Error(Error::Kind::ProtocolViolation, QStringLiteral("LIST"),
                                QString::fromUtf8(line.left(200)));
                return;
            }
            MessageInfo info;
            info.number = number;
            info.size = size;
            index.insert(number, m_messages.size());
            m_messages.append(info);
        }
    }
}

void ListJob::maybeFinish()
{
    if (m_outstanding > 0)
        return;
    m_cleanEnd = true;
    if (m_error.isError()) {
        finishWithError(m_error);
        return;
    }
    std::sort(m_messages.begin(), m_messages.end(),
              [](const MessageInfo &a, const MessageInfo &b) { return a.number < b.number; });
    finishSuccess();
}

} // namespace Tributary::Pop3
