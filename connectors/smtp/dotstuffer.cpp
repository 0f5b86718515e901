#include "dotstuffer.h"

namespace Tributary::Smtp {

void DotStuffer::encode(const char *data, qsizetype size, QByteArray &out)
{
    out.reserve(out.size() + size + size / 64 + 8);
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (static_cast<unsigned char>(c) >= 0x80)
            m_eightBit = true;
        if (m_atLineStart && c == '.') {
            out.append(data + runStart, i - runStart);
            out.append('.');
            runStart = i; // the original dot follows
        } else if (c == '\n' && !m_prevCr) {
            out.append(data + runStart, i - runStart);
            out.append('\r');
            runStart = i; // the LF follows
        }
        m_atLineStart = c == '\n';
        m_prevCr = c == '\r';
    }
    out.append(data + runStart, size - runStart);
}

void DotStuffer::finish(QByteArray &out)
{
    if (!m_atLineStart) {
        if (m_prevCr)
            out.append('\n');
        else
            out.append("\r\n");
    }
    out.append(".\r\n");
    m_atLineStart = true;
    m_prevCr = false;
}

} // namespace Tributary::Smtp
