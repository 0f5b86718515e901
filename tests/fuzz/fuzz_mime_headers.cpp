// Fuzz target: the header-level MIME helpers (RFC 2047 encoded words, address lists, dates,
// message ids). Each input is fed to every helper; a valid parsed date must also survive a
// format/parse round trip.
#include "connectors/mime/mimeheaders.h"

#include <cstdint>
#include <cstdlib>

using namespace Tributary::Mime;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0; // headers are short; keep runs fast
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    QStringList warnings;

    const QString text = decodeHeaderText(raw, &warnings);
    const QList<Address> addresses = parseAddressList(raw, &warnings);
    for (const Address &a : addresses) {
        if (a.toDisplayString().isNull() && !(a.name.isEmpty() && a.address.isEmpty()))
            abort();
    }
    parseMessageIds(raw);

    const QDateTime date = parseDate(raw, &warnings);
    if (date.isValid() && date.date().year() >= 1000 && date.date().year() <= 9999
        && qAbs(date.offsetFromUtc()) <= 14 * 3600 && date.offsetFromUtc() % 60 == 0) {
        const QDateTime again = parseDate(formatDate(date));
        if (again != date || again.offsetFromUtc() != date.offsetFromUtc())
            abort();
    }

    // Encoding arbitrary text always yields ASCII that decodes without crashing.
    const QByteArray encoded = encodeHeaderText(text);
    for (const char c : encoded) {
        if (static_cast<unsigned char>(c) >= 0x80)
            abort();
    }
    decodeHeaderText(encoded);
    return 0;
}
