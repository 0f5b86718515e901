#pragma once

#include <QByteArray>

namespace Tributary::Net {

// The read buffer of a line protocol. Pure: bytes in, lines or byte runs out; no I/O.
//
// append() adds received bytes. takeLine() removes one complete line (ending in LF; the
// line returned has its CRLF or LF stripped). takeBytes(n) removes up to n bytes exactly as
// received (IMAP literals, POP3 message bodies). Consumed bytes are dropped lazily, so
// reading a long stream in small pieces does not copy the remaining data for every piece.
class LineBuffer
{
public:
    // The longest line takeLine() waits for; lineTooLong() turns true once a pending line
    // without LF exceeds it (callers treat that as a protocol violation).
    void setMaxLineLength(qsizetype bytes) { m_maxLine = bytes; }
    qsizetype maxLineLength() const { return m_maxLine; }

    void append(const QByteArray &data);
    void append(const char *data, qsizetype size);

    bool canReadLine() const;
    // One line without its line end; empty QByteArray() (isNull) when no complete line.
    QByteArray takeLine();
    // Up to `max` bytes as received.
    QByteArray takeBytes(qsizetype max);
    // Direct view of the unread bytes (valid until the next append/take); for parsers that
    // consume in place, followed by skip().
    const char *peekData() const { return m_data.constData() + m_pos; }
    void skip(qsizetype n);

    qsizetype size() const { return m_data.size() - m_pos; }
    bool isEmpty() const { return size() == 0; }
    bool lineTooLong() const;
    void clear();

private:
    void compact();

    QByteArray m_data;
    qsizetype m_pos = 0;
    qsizetype m_scanFrom = 0; // where to resume searching for LF
    qsizetype m_maxLine = qsizetype(1024) * 1024;
};

} // namespace Tributary::Net
