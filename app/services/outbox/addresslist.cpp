#include "addresslist.h"

namespace Tributary {

namespace {

// RFC 5322 atext.
bool isAtext(QChar c)
{
    if (c.unicode() >= 0x80)
        return c.isLetterOrNumber(); // RFC 6532 (UTF-8 local parts): letters and digits only
    if (c.isLetterOrNumber())
        return true;
    static const QString specials = QStringLiteral("!#$%&'*+-/=?^_`{|}~");
    return specials.contains(c);
}

bool isDotAtom(const QString &text)
{
    if (text.isEmpty() || text.startsWith(QLatin1Char('.')) || text.endsWith(QLatin1Char('.'))
        || text.contains(QLatin1String("..")))
        return false;
    for (QChar c : text) {
        if (c != QLatin1Char('.') && !isAtext(c))
            return false;
    }
    return true;
}

bool isQuotedString(const QString &text)
{
    if (text.size() < 2 || !text.startsWith(QLatin1Char('"')) || !text.endsWith(QLatin1Char('"')))
        return false;
    for (qsizetype i = 1; i < text.size() - 1; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\')) {
            if (++i >= text.size() - 1)
                return false;
            continue;
        }
        if (c == QLatin1Char('"') || c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

bool isDomain(const QString &domain)
{
    if (domain.startsWith(QLatin1Char('[')))
        return domain.endsWith(QLatin1Char(']')) && domain.size() > 2
            && !domain.mid(1, domain.size() - 2).contains(QLatin1Char('['))
            && !domain.mid(1, domain.size() - 2).contains(QLatin1Char(']'))
            && !domain.mid(1, domain.size() - 2).contains(QLatin1Char(' '));
    if (domain.isEmpty() || domain.size() > 253)
        return false;
    const QStringList labels = domain.split(QLatin1Char('.'));
    for (const QString &label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(QLatin1Char('-'))
            || label.endsWith(QLatin1Char('-')))
            return false;
        for (QChar c : label) {
            if (!c.isLetterOrNumber() && c != QLatin1Char('-'))
                return false;
        }
    }
    return true;
}

// Splits at ',' or ';' outside quotes and angle brackets.
QStringList splitEntries(const QString &text)
{
    QStringList out;
    QString current;
    bool quoted = false;
    bool escaped = false;
    int angle = 0;
    for (QChar c : text) {
        if (escaped) {
            escaped = false;
            current.append(c);
            continue;
        }
        if (quoted && c == QLatin1Char('\\')) {
            escaped = true;
            current.append(c);
            continue;
        }
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (!quoted && c == QLatin1Char('<'))
            ++angle;
        else if (!quoted && c == QLatin1Char('>') && angle > 0)
            --angle;
        if (!quoted && angle == 0 && (c == QLatin1Char(',') || c == QLatin1Char(';'))) {
            out.append(current);
            current.clear();
            continue;
        }
        current.append(c);
    }
    out.append(current);
    return out;
}

QString unquoteName(QString name)
{
    name = name.trimmed();
    if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"'))) {
        name = name.mid(1, name.size() - 2);
        QString out;
        bool escaped = false;
        for (QChar c : std::as_const(name)) {
            if (!escaped && c == QLatin1Char('\\')) {
                escaped = true;
                continue;
            }
            escaped = false;
            out.append(c);
        }
        return out;
    }
    return name;
}

bool parseEntry(const QString &entry, Mime::Address *address)
{
    const qsizetype open = entry.lastIndexOf(QLatin1Char('<'));
    if (open >= 0) {
        const qsizetype close = entry.indexOf(QLatin1Char('>'), open);
        if (close < 0 || !entry.mid(close + 1).trimmed().isEmpty())
            return false;
        const QString spec = entry.mid(open + 1, close - open - 1).trimmed();
        const QString name = entry.left(open).trimmed();
        if (name.count(QLatin1Char('"')) % 2 != 0 || name.contains(QLatin1Char('<'))
            || name.contains(QLatin1Char('>')))
            return false;
        if (!AddressList::isValidAddrSpec(spec))
            return false;
        address->name = unquoteName(name);
        address->address = spec;
        return true;
    }
    if (!AddressList::isValidAddrSpec(entry))
        return false;
    address->name.clear();
    address->address = entry;
    return true;
}

} // namespace

bool AddressList::isValidAddrSpec(const QString &addrSpec)
{
    const qsizetype at = addrSpec.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == addrSpec.size() - 1)
        return false;
    const QString local = addrSpec.left(at);
    const QString domain = addrSpec.mid(at + 1);
    if (local.size() > 64 && !local.startsWith(QLatin1Char('"')))
        return false;
    if (!isDotAtom(local) && !isQuotedString(local))
        return false;
    return isDomain(domain);
}

AddressList AddressList::parse(const QString &text)
{
    AddressList result;
    const QStringList entries = splitEntries(text);
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        Mime::Address address;
        if (parseEntry(entry, &address))
            result.addresses.append(address);
        else
            result.invalid.append(entry);
    }
    return result;
}

QStringList AddressList::addrSpecs() const
{
    QStringList out;
    for (const Mime::Address &a : addresses)
        out.append(a.address);
    return out;
}

} // namespace Tributary
