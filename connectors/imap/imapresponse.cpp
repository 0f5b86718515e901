#include "imapresponse.h"

#include <algorithm>

namespace Tributary::Imap {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

quint64 UidSet::count() const
{
    quint64 n = 0;
    for (const Range &r : ranges)
        n += quint64(qMax(r.first, r.last) - qMin(r.first, r.last)) + 1;
    return n;
}

bool UidSet::contains(quint32 value) const
{
    for (const Range &r : ranges) {
        if (value >= qMin(r.first, r.last) && value <= qMax(r.first, r.last))
            return true;
    }
    return false;
}

QList<quint32> UidSet::toList(qsizetype limit) const
{
    QList<quint32> out;
    for (const Range &r : ranges) {
        const quint32 lo = qMin(r.first, r.last);
        const quint32 hi = qMax(r.first, r.last);
        for (quint64 v = lo; v <= hi; ++v) {
            if (out.size() >= limit)
                return out;
            out.append(quint32(v));
        }
    }
    return out;
}

QByteArray UidSet::toWire() const
{
    QByteArray out;
    for (const Range &r : ranges) {
        if (!out.isEmpty())
            out.append(',');
        out.append(QByteArray::number(r.first));
        if (r.last != r.first) {
            out.append(':');
            out.append(QByteArray::number(r.last));
        }
    }
    return out;
}

void UidSet::add(quint32 first, quint32 last)
{
    if (!ranges.isEmpty() && first == last && ranges.last().last != 0xffffffffu
        && ranges.last().last + 1 == first && ranges.last().first <= ranges.last().last) {
        ranges.last().last = first;
        return;
    }
    ranges.append({first, last});
}

UidSet UidSet::fromValues(QList<quint32> values)
{
    std::sort(values.begin(), values.end());
    UidSet set;
    for (quint32 v : values) {
        if (!set.ranges.isEmpty() && set.ranges.last().last == v)
            continue;
        set.add(v);
    }
    return set;
}

bool UidSet::parse(const QByteArray &text, UidSet *out)
{
    UidSet set;
    const QByteArrayList parts = text.split(',');
    for (const QByteArray &part : parts) {
        const qsizetype colon = part.indexOf(':');
        bool ok1 = false, ok2 = false;
        auto num = [](const QByteArray &t, bool *ok) -> quint32 {
            *ok = !t.isEmpty() && t.size() <= 10;
            for (char ch : t)
                *ok = *ok && isDigit(ch);
            const quint64 v = *ok ? t.toULongLong() : 0;
            *ok = *ok && v <= 0xffffffffULL && v > 0;
            return quint32(v);
        };
        if (colon < 0) {
            const quint32 v = num(part, &ok1);
            if (!ok1)
                return false;
            set.ranges.append({v, v});
        } else {
            const quint32 a = num(part.left(colon), &ok1);
            const quint32 b = num(part.mid(colon + 1), &ok2);
            if (!ok1 || !ok2)
                return false;
            set.ranges.append({a, b});
        }
    }
    *out = set;
    return true;
}

quint64 ResponseCode::number(bool *ok) const
{
    const QByteArrayList a = arguments();
    bool good = !a.isEmpty();
    const quint64 v = good ? a.first().toULongLong(&good) : 0;
    if (ok)
        *ok = good;
    return v;
}

QByteArrayList ResponseCode::arguments() const
{
    QByteArrayList out;
    const QByteArrayList parts = args.split(' ');
    for (const QByteArray &p : parts) {
        if (!p.isEmpty())
            out.append(p);
    }
    return out;
}

QByteArrayList ResponseCode::list() const
{
    QByteArray inner = args.trimmed();
    if (inner.startsWith('('))
        inner = inner.mid(1);
    if (inner.endsWith(')'))
        inner.chop(1);
    QByteArrayList out;
    const QByteArrayList parts = inner.split(' ');
    for (const QByteArray &p : parts) {
        if (!p.isEmpty())
            out.append(p);
    }
    return out;
}

bool ListEntry::hasAttribute(const QByteArray &attribute) const
{
    for (const QByteArray &a : attributes) {
        if (a.compare(attribute, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray ListEntry::specialUse() const
{
    static const char *const kUses[]
        = {"\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash"};
    for (const char *u : kUses) {
        if (hasAttribute(QByteArray(u)))
            return QByteArray(u);
    }
    return QByteArray();
}

bool ListEntry::isSelectable() const
{
    return !hasAttribute("\\Noselect") && !hasAttribute("\\NonExistent");
}

} // namespace Tributary::Imap
