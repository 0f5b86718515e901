// Fuzz target: the SMTP reply parser, and the DATA dot-stuffer checked against the POP3
// multi-line reader (stuffing then unstuffing gives back the message with CRLF line ends).
#include "connectors/pop3/multilinereader.h"
#include "connectors/smtp/dotstuffer.h"
#include "connectors/smtp/reply.h"

#include <QList>

#include <cstdint>
#include <cstdlib>

using namespace Tributary;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    // Replies: lines in, complete replies out; invariants on what comes out.
    Smtp::ReplyParser parser;
    const QList<QByteArray> lines = input.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        switch (parser.feed(line)) {
        case Smtp::ReplyParser::Result::Complete: {
            const Smtp::Reply r = parser.take();
            if (r.code < 200 || r.code > 599 || r.lines.isEmpty()
                || r.lines.size() > Smtp::ReplyParser::maxLines)
                abort();
            if (r.text().isEmpty())
                abort();
            break;
        }
        case Smtp::ReplyParser::Result::Malformed:
            parser.reset();
            break;
        case Smtp::ReplyParser::Result::Incomplete:
            break;
        }
    }

    // Dot-stuffing round trip, with the input split in two at a data-chosen point.
    const qsizetype cut = size ? qsizetype(data[0]) % qsizetype(size + 1) : 0;
    Smtp::DotStuffer stuffer;
    QByteArray wire;
    stuffer.encode(input.constData(), cut, wire);
    stuffer.encode(input.constData() + cut, input.size() - cut, wire);
    stuffer.finish(wire);
    if (!wire.endsWith("\r\n.\r\n") && wire != ".\r\n")
        abort();

    QByteArray expected;
    bool prevCr = false;
    for (const char c : input) {
        if (c == '\n' && !prevCr)
            expected.append('\r');
        expected.append(c);
        prevCr = c == '\r';
    }
    if (!expected.isEmpty() && !expected.endsWith('\n'))
        expected.append(prevCr ? "\n" : "\r\n");

    Pop3::MultiLineReader reader;
    QByteArray back;
    const qsizetype used = reader.feed(wire.constData(), wire.size(), back);
    if (!reader.isFinished() || used != wire.size() || back != expected)
        abort();
    return 0;
}
