#include "linebuffer.h"

#include <cstring>

namespace Tributary::Net {

void LineBuffer::append(const QByteArray &data)
{
    append(data.constData(), data.size());
}

void LineBuffer::append(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    compact();
    m_data.append(data, size);
}

bool LineBuffer::canReadLine() const
{
    if (m_pos >= m_data.size())
        return false;
    const qsizetype from = qMax(m_scanFrom, m_pos);
    return std::memchr(m_data.constData() + from, '\n', size_t(m_data.size() - from)) != nullptr;
}

QByteArray LineBuffer::takeLine()
{
    const qsizetype from = qMax(m_scanFrom, m_pos);
    if (from >= m_data.size())
        return QByteArray();
    const char *base = m_data.constData();
    const void *lf = std::memchr(base + from, '\n', size_t(m_data.size() - from));
    if (!lf) {
        m_scanFrom = m_data.size();
        return QByteArray();
    }
    const qsizetype end = static_cast<const char *>(lf) - base; // index of LF
    qsizetype lineEnd = end;
    if (lineEnd > m_pos && base[lineEnd - 1] == '\r')
        --lineEnd;
    QByteArray line(base + m_pos, lineEnd - m_pos);
    if (line.isNull())
        line = QByteArray("", 0);
    m_pos = end + 1;
    m_scanFrom = m_pos;
    return line;
}

QByteArray LineBuffer::takeBytes(qsizetype max)
{
    const qsizetype n = qMin(max, size());
    if (n <= 0)
        return QByteArray();
    QByteArray out(m_data.constData() + m_pos, n);
    skip(n);
    return out;
}

void LineBuffer::skip(qsizetype n)
{
    m_pos = qMin(m_data.size(), m_pos + qMax<qsizetype>(0, n));
    if (m_scanFrom < m_pos)
        m_scanFrom = m_pos;
    if (m_pos == m_data.size())
        clear();
}

bool LineBuffer::lineTooLong() const
{
    return size() > m_maxLine && !canReadLine();
}

void LineBuffer::clear()
{
    m_data.clear();
    m_pos = 0;
    m_scanFrom = 0;
}

void LineBuffer::compact()
{
    // Drop consumed bytes only when they are at least half of the buffer: amortised O(1)
    // per byte, and never a copy of the whole stream per line.
    if (m_pos > 0 && m_pos >= m_data.size() / 2) {
        m_data.remove(0, m_pos);
        m_scanFrom -= m_pos;
        m_pos = 0;
    }
}

} // namespace Tributary::Net
