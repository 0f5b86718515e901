// Fuzz target: spamd's reply parser (connectors/spamd/spamdreply.h) on arbitrary bytes,
// whole and in every prefix split, as a slow server would deliver it.
#include "connectors/spamd/spamdreply.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    Tributary::Spamd::Reply reply;
    qsizetype used = 0;
    QString error;
    const auto status = Tributary::Spamd::parseReply(input, &reply, &used, &error);
    if (status == Tributary::Spamd::ParseStatus::Complete && (used < 0 || used > input.size()))
        __builtin_trap();
    for (qsizetype cut = 0; cut < input.size() && cut < 64; ++cut)
        Tributary::Spamd::parseReply(input.left(cut), &reply, &used, &error);
    return 0;
}
