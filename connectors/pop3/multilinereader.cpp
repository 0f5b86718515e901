#include "multilinereader.h"

#include <cstring>

namespace Tributary::Pop3 {

void MultiLineReader::reset()
{
    m_state = State::LineStart;
    m_content = 0;
}

qsizetype MultiLineReader::feed(const char *data, qsizetype size, QByteArray &out)
{
    qsizetype i = 0;
    const qsizetype before = out.size();
    while (i < size && m_state != State::Finished) {
        switch (m_state) {
        case State::LineStart:
            if (data[i] == '.') {
                m_state = State::AfterDot;
                ++i;
            } else {
                m_state = State::Middle;
            }
            break;
        case State::Middle: {
            // Copy the rest of the line (through LF) in one run.
            const void *lf = std::memchr(data + i, '\n', size_t(size - i));
            const qsizetype end = lf ? (static_cast<const char *>(lf) - data) + 1 : size;
            out.append(data + i, end - i);
            i = end;
            if (lf)
                m_state = State::LineStart;
            break;
        }
        case State::AfterDot:
            if (data[i] == '\r') {
                m_state = State::AfterDotCr;
                ++i;
            } else if (data[i] == '\n') {
                m_state = State::Finished; // lenient: ".\n"
                ++i;
            } else {
                m_state = State::Middle; // stuffed line: the dot is dropped
            }
            break;
        case State::AfterDotCr:
            if (data[i] == '\n') {
                m_state = State::Finished;
                ++i;
            } else {
                // ".\r" followed by something else: a line that was ".\r..." once unstuffed.
                out.append('\r');
                m_state = State::Middle;
            }
            break;
        case State::Finished:
            break;
        }
    }
    m_content += out.size() - before;
    return i;
}

} // namespace Tributary::Pop3
