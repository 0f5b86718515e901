#pragma once

#include <QByteArray>

namespace Tributary::Smtp {

// Streaming DATA encoder (RFC 5321 §4.5.2). Pure: chunks in, wire bytes out.
// Every line beginning with '.' gets one more '.'; a bare LF becomes CRLF (SMTP lines end in
// CRLF). finish() terminates the last line if needed and appends the ".CRLF" end marker.
// Works across chunk boundaries; the message is never held as a whole.
class DotStuffer
{
public:
    void encode(const char *data, qsizetype size, QByteArray &out);
    void finish(QByteArray &out);
    // Bytes of 8-bit data seen so far (for callers that scan while sending).
    bool sawEightBit() const { return m_eightBit; }

private:
    bool m_atLineStart = true;
    bool m_prevCr = false;
    bool m_eightBit = false;
};

} // namespace Tributary::Smtp
