// Fuzz target: the IMAP response parser (connectors/imap/imapparser.h) and the modified
// UTF-7 mailbox name codec. Input: byte 0 picks the feed chunk size, byte 1 whether FETCH
// body literals are streamed; the rest is server output. The parser must never crash, hang
// or allocate beyond its limits; after an error it must keep refusing input.
#include "connectors/imap/imapparser.h"
#include "connectors/imap/mutf7.h"

#include <cstddef>
#include <cstdint>

namespace {

class Client : public Tributary::Imap::ResponseParserClient
{
public:
    bool stream = false;
    qint64 streamed = 0;
    int open = 0;
    void responseReceived(Tributary::Imap::Response &response) override
    {
        // Touch the decoded parts the session uses.
        if (response.type == Tributary::Imap::Response::Type::List) {
            bool ok = false;
            const QString name
                = Tributary::Imap::decodeMailboxName(response.listEntry.wireName, &ok);
            if (ok
                && Tributary::Imap::decodeMailboxName(Tributary::Imap::encodeMailboxName(name))
                    != name)
                __builtin_trap();
        }
        (void)response.code.number();
        (void)response.uidSet.count();
    }
    bool literalBegin(const Tributary::Imap::LiteralInfo &info) override
    {
        if (info.size < 0)
            __builtin_trap();
        if (stream)
            ++open;
        return stream;
    }
    void literalData(const char *, qsizetype size) override
    {
        if (open != 1)
            __builtin_trap();
        streamed += size;
    }
    void literalEnd() override
    {
        if (open != 1)
            __builtin_trap();
        --open;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const size_t chunk = size_t(data[0] % 23) + 1;
    Client client;
    client.stream = data[1] & 1;
    Tributary::Imap::ResponseParser parser(&client);
    parser.setMaxBufferedLiteral(1 << 20);
    parser.setMaxLineLength(1 << 16);
    const char *p = reinterpret_cast<const char *>(data + 2);
    size_t left = size - 2;
    bool failed = false;
    while (left > 0) {
        const size_t n = left < chunk ? left : chunk;
        const bool ok = parser.feed(p, qsizetype(n));
        if (failed && ok)
            __builtin_trap(); // a failed parser must stay failed
        failed = failed || !ok;
        p += n;
        left -= n;
    }

    // The mailbox-name codec on the raw input.
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    bool ok = false;
    const QString name = Tributary::Imap::decodeMailboxName(raw, &ok);
    if (ok && Tributary::Imap::decodeMailboxName(Tributary::Imap::encodeMailboxName(name)) != name)
        __builtin_trap();
    Tributary::Imap::parseInternalDate(raw.left(64));
    return 0;
}
