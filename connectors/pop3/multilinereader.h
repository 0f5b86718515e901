#pragma once

#include <QByteArray>

namespace Tributary::Pop3 {

// Pure parser for the body of a POP3 multi-line response (RFC 1939 §3): bytes in, the
// dot-unstuffed content and the end marker out. No I/O, no allocation beyond `out`.
//
// feed() consumes bytes up to and including the terminating ".CRLF" line and appends the
// content to `out` exactly as sent, line ends included, minus the byte-stuffing dot at the
// start of lines ("..x" -> ".x"). It returns how many bytes it consumed: fewer than `size`
// only when the end was reached (the rest belongs to the next response). A terminator with
// a bare LF (".\n") is accepted too. Works across any split of the input.
// Fuzzed by tests/fuzz/fuzz_pop3_multiline.cpp.
class MultiLineReader
{
public:
    qsizetype feed(const char *data, qsizetype size, QByteArray &out);
    bool isFinished() const { return m_state == State::Finished; }
    // Content bytes produced so far for this response.
    qint64 contentBytes() const { return m_content; }
    void reset();

private:
    enum class State { LineStart, Middle, AfterDot, AfterDotCr, Finished };
    State m_state = State::LineStart;
    qint64 m_content = 0;
};

} // namespace Tributary::Pop3
