#include "reply.h"

namespace Tributary::Smtp {

QString Reply::text() const
{
    QString out;
    for (const QByteArray &line : lines) {
        if (!out.isEmpty())
            out += QLatin1Char('\n');
        out += QString::number(code) + QLatin1Char(' ') + QString::fromUtf8(line);
    }
    if (out.isEmpty())
        out = QString::number(code);
    return out;
}

void ReplyParser::reset()
{
    m_reply = Reply();
    m_complete = false;
    m_errorText.clear();
}

Reply ReplyParser::take()
{
    Reply out = m_reply;
    reset();
    return out;
}

ReplyParser::Result ReplyParser::feed(const QByteArray &line)
{
    if (m_complete)
        reset();
    auto digit = [](char c) {
        return c >= '0' && c <= '9';
    };
    if (line.size() < 3 || !digit(line[0]) || !digit(line[1]) || !digit(line[2]) || line[0] < '2'
        || line[0] > '5') {
        m_errorText = QStringLiteral("not a reply line");
        return Result::Malformed;
    }
    const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    bool last = true;
    if (line.size() > 3) {
        if (line[3] == '-')
            last = false;
        else if (line[3] != ' ') {
            m_errorText = QStringLiteral("bad separator after the reply code");
            return Result::Malformed;
        }
    }
    if (!m_reply.lines.isEmpty() && code != m_reply.code) {
        m_errorText = QStringLiteral("reply code changed inside a multi-line reply");
        return Result::Malformed;
    }
    if (m_reply.lines.size() >= maxLines) {
        m_errorText = QStringLiteral("reply too long");
        return Result::Malformed;
    }
    m_reply.code = code;
    m_reply.lines.append(line.size() > 4 ? line.mid(4) : QByteArray());
    if (last) {
        m_complete = true;
        return Result::Complete;
    }
    return Result::Incomplete;
}

} // namespace Tributary::Smtp
