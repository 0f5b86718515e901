#pragma once

// Stable names of enum values, as stored in the database and in JSON, and back. The tables are
// arrays of {value, name} pairs; internal to models/.

#include <QLatin1String>
#include <QString>

#include <cstddef>
#include <utility>

namespace Tributary {

// The name of `value` in `table`; `unknown` when the table has no entry for it.
template<typename E, std::size_t N>
QString nameOf(const std::pair<E, const char *> (&table)[N], E value,
               const QString &unknown = QString())
{
    for (const auto &entry : table) {
        if (entry.first == value)
            return QString::fromLatin1(entry.second);
    }
    return unknown;
}

// The value named `name` in `table` (*ok = true); the table's first value when no entry has
// that name (*ok = false). `ok` may be null.
template<typename E, std::size_t N>
E valueOf(const std::pair<E, const char *> (&table)[N], const QString &name, bool *ok)
{
    for (const auto &entry : table) {
        if (name == QLatin1String(entry.second)) {
            if (ok)
                *ok = true;
            return entry.first;
        }
    }
    if (ok)
        *ok = false;
    return table[0].first;
}

} // namespace Tributary
