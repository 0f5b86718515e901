#pragma once

#include "imapresponse.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Tributary::Imap {

// Where a streamed FETCH body literal belongs. `uid` is 0 when the server sends UID after
// the body (the complete FetchData that follows always has it).
struct LiteralInfo
{
    quint32 sequence = 0;
    quint32 uid = 0;
    QByteArray section; // "BODY[]", "BODY[HEADER]", "RFC822", "BINARY[1]"...
    qint64 size = 0;
};

// Receives what ResponseParser recognises, synchronously from inside feed(), in stream
// order. A client must not destroy the parser from inside a callback.
class ResponseParserClient
{
public:
    virtual ~ResponseParserClient() = default;
    // One complete response. The client may move from it.
    virtual void responseReceived(Response &response) = 0;
    // A FETCH body literal of `info.size` bytes starts. Return true to receive it through
    // literalData()/literalEnd() (the response then has bodyStreamed = true); false to have
    // it buffered into FetchData::body (subject to the buffered-literal limit).
    virtual bool literalBegin(const LiteralInfo &info)
    {
        Q_UNUSED(info);
        return false;
    }
    // Consecutive chunks of a streamed literal, in order, as they arrived from the network.
    virtual void literalData(const char *data, qsizetype size)
    {
        Q_UNUSED(data);
        Q_UNUSED(size);
    }
    // The streamed literal is complete (called once per accepted literalBegin()).
    virtual void literalEnd() { }
};

// A pure, incremental IMAP response parser (RFC 3501 / RFC 9051 syntax, plus the
// CONDSTORE/QRESYNC, LIST-EXTENDED, LIST-STATUS, ESEARCH, ID and NAMESPACE responses).
//
// Bytes go in through feed() in arbitrary pieces (a response may be split at any byte);
// responses come out through the client. Literals are read by length, never scanned; a
// FETCH body literal can be streamed to the client so a message is never held whole, and
// an announced size is never allocated up front beyond maxBufferedLiteral().
//
// Malformed input makes feed() return false with errorString() describing it; the parser
// then stays failed until reset(). Well-formed responses of unknown types are reported as
// Response::Type::Unknown. Never blocks, never allocates more than the limits allow.
// Not thread-safe; one parser per connection.
class ResponseParser
{
public:
    explicit ResponseParser(ResponseParserClient *client);

    // Longest line (between literals) accepted: default 1 MiB.
    void setMaxLineLength(qsizetype bytes) { m_maxLine = bytes; }
    // Largest literal kept in memory (non-streamed); bigger ones are a violation. 64 MiB.
    void setMaxBufferedLiteral(qint64 bytes) { m_maxLiteral = bytes; }
    qint64 maxBufferedLiteral() const { return m_maxLiteral; }

    // Parses as much as possible; false when the input is not IMAP.
    bool feed(const char *data, qsizetype size);
    bool feed(const QByteArray &data) { return feed(data.constData(), data.size()); }

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // True between responses (no partial line or literal pending).
    bool isAtResponseBoundary() const;
    // Bytes of the current literal still expected (0 outside literals).
    qint64 literalRemaining() const { return m_literalRemaining; }
    void reset();

    struct Literal
    {
        QByteArray data;
        qint64 size = 0;
        bool streamed = false;
    };

private:
    enum class State { Line, BufferLiteral, StreamLiteral };

    bool lineComplete();
    bool fail(const QString &why);
    bool checkStreamable(qint64 size, LiteralInfo *info) const;

    ResponseParserClient *m_client;
    State m_state = State::Line;
    QByteArray m_line;
    QList<QByteArray> m_segments;
    QList<Literal> m_literals;
    qint64 m_literalRemaining = 0;
    qint64 m_literalSize = 0;
    qint64 m_responseBytes = 0;
    qsizetype m_maxLine = qsizetype(1024) * 1024;
    qint64 m_maxLiteral = qint64(64) * 1024 * 1024;
    QString m_error;
};

// Parses a complete response given as text segments, each but the last followed by the
// literal announced at its end. Exposed for tests; false with *why on malformed input.
bool parseResponse(const QList<QByteArray> &segments,
                   const QList<ResponseParser::Literal> &literals, Response *out, QString *why);

// "17-Jul-1996 02:44:25 -0700" (RFC 3501 date-time); invalid QDateTime when malformed.
QDateTime parseInternalDate(const QByteArray &text);
// The reverse, for APPEND.
QByteArray formatInternalDate(const QDateTime &dateTime);

} // namespace Tributary::Imap
