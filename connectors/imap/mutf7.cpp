#include "mutf7.h"

#include <QList>

namespace Tributary::Imap {

namespace {

const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == ',')
        return 63;
    return -1;
}

bool isDirect(char16_t c)
{
    return c >= 0x20 && c <= 0x7e && c != '&';
}

void flushShifted(QByteArray &out, const QList<char16_t> &units)
{
    out.append('&');
    quint32 bits = 0;
    int nbits = 0;
    for (char16_t u : units) {
        bits = (bits << 16) | u;
        nbits += 16;
        while (nbits >= 6) {
            nbits -= 6;
            out.append(kAlphabet[(bits >> nbits) & 0x3f]);
        }
        bits &= (1u << nbits) - 1;
    }
    if (nbits > 0)
        out.append(kAlphabet[(bits << (6 - nbits)) & 0x3f]);
    out.append('-');
}

} // namespace

QByteArray encodeMailboxName(const QString &name)
{
    QByteArray out;
    out.reserve(name.size() + 8);
    QList<char16_t> pending;
    const qsizetype n = name.size();
    for (qsizetype i = 0; i < n; ++i) {
        char16_t c = name.at(i).unicode();
        if (isDirect(c) || c == '&') {
            if (!pending.isEmpty()) {
                flushShifted(out, pending);
                pending.clear();
            }
            if (c == '&')
                out.append("&-");
            else
                out.append(char(c));
            continue;
        }
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 < n && QChar::isLowSurrogate(name.at(i + 1).unicode())) {
                pending.append(c);
                pending.append(name.at(i + 1).unicode());
                ++i;
                continue;
            }
            c = 0xfffd;
        } else if (QChar::isLowSurrogate(c)) {
            c = 0xfffd;
        }
        pending.append(c);
    }
    if (!pending.isEmpty())
        flushShifted(out, pending);
    return out;
}

QString decodeMailboxName(const QByteArray &wire, bool *ok)
{
    auto fail = [&]() {
        if (ok)
            *ok = false;
        return QString::fromUtf8(wire);
    };
    QString out;
    out.reserve(wire.size());
    const qsizetype n = wire.size();
    qsizetype i = 0;
    while (i < n) {
        const char c = wire.at(i);
        const auto uc = static_cast<unsigned char>(c);
        if (uc < 0x20 || uc > 0x7e)
            return fail();
        if (c != '&') {
            out.append(QLatin1Char(c));
            ++i;
            continue;
        }
        ++i;
        if (i < n && wire.at(i) == '-') {
            out.append(QLatin1Char('&'));
            ++i;
            continue;
        }
        quint32 bits = 0;
        int nbits = 0;
        qsizetype units = 0;
        bool terminated = false;
        while (i < n) {
            const char b = wire.at(i++);
            if (b == '-') {
                terminated = true;
                break;
            }
            const int v = base64Value(b);
            if (v < 0)
                return fail();
            bits = (bits << 6) | quint32(v);
            nbits += 6;
            if (nbits >= 16) {
                nbits -= 16;
                const char16_t u = char16_t((bits >> nbits) & 0xffff);
                bits &= (1u << nbits) - 1;
                ++units;
                if (QChar::isLowSurrogate(u)) {
                    if (out.isEmpty() || !QChar::isHighSurrogate(out.back().unicode()))
                        return fail();
                } else if (!out.isEmpty() && QChar::isHighSurrogate(out.back().unicode())
                           && units > 1) {
                    return fail(); // high surrogate not followed by a low one
                }
                out.append(QChar(u));
            }
        }
        // RFC 3501: the shift must be terminated, non-empty, and padding bits must be zero.
        if (!terminated || units == 0 || nbits >= 6 || bits != 0)
            return fail();
        if (QChar::isHighSurrogate(out.back().unicode()))
            return fail();
    }
    if (ok)
        *ok = true;
    return out;
}

} // namespace Tributary::Imap
