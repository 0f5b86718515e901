// Fuzz target: the POP3 multi-line reader (dot-unstuffing, end marker) and the status-line
// parser. The first byte picks a chunk size so arbitrary splits of the stream are explored;
// the result must not depend on how the bytes were split.
#include "connectors/pop3/multilinereader.h"
#include "connectors/pop3/response.h"

#include <QList>

#include <cstdint>
#include <cstdlib>

using namespace Tributary::Pop3;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 256 * 1024)
        return 0;
    const qsizetype chunk = 1 + data[0] % 17;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    const qsizetype n = qsizetype(size - 1);

    MultiLineReader whole;
    QByteArray wholeOut;
    const qsizetype wholeUsed = whole.feed(bytes, n, wholeOut);
    if (wholeUsed < 0 || wholeUsed > n || wholeOut.size() > wholeUsed)
        abort();
    if (!whole.isFinished() && wholeUsed != n)
        abort(); // stops early only at the end marker
    if (whole.contentBytes() != wholeOut.size())
        abort();

    MultiLineReader split;
    QByteArray splitOut;
    qsizetype used = 0;
    while (used < n && !split.isFinished()) {
        const qsizetype len = qMin(chunk, n - used);
        const qsizetype took = split.feed(bytes + used, len, splitOut);
        if (took < 0 || took > len || (took < len && !split.isFinished()))
            abort();
        used += took;
    }
    if (used != wholeUsed || splitOut != wholeOut || split.isFinished() != whole.isFinished())
        abort();

    // Every line of the input as a status line: never crashes, code only inside brackets.
    const QByteArray all(bytes, n);
    const QList<QByteArray> lines = all.split('\n');
    for (const QByteArray &line : lines) {
        const Response r = Response::parse(line);
        if (!r.code.isEmpty() && !r.text.startsWith('['))
            abort();
        if (r.kind == Response::Kind::Invalid && !r.text.isEmpty())
            abort();
    }
    return 0;
}
