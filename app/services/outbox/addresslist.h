#pragma once

#include "connectors/mime/mimeheaders.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Tributary {

// Recipient fields as a person types them: "Ann <ann@example.com>, bob@example.org; ..."
// Entries are separated by commas or semicolons (outside quotes and angle brackets); each
// is an RFC 5322 addr-spec, optionally with a display name ("Name <addr>", quoted names
// allowed). Used by the composer and by `tributary-cli send`, so both accept the same.
struct AddressList
{
    QList<Mime::Address> addresses; // the well-formed entries, in order
    QStringList invalid; // the entries that are not addresses, as typed (trimmed)

    bool isValid() const { return invalid.isEmpty(); }
    bool isEmpty() const { return addresses.isEmpty() && invalid.isEmpty(); }
    QStringList addrSpecs() const; // addresses[i].address

    static AddressList parse(const QString &text);
    // RFC 5322 §3.4.1 addr-spec: dot-atom or quoted-string local part, '@', a domain of
    // dot-separated labels (letters, digits, hyphens; non-ASCII letters allowed for IDN) or a
    // domain literal "[...]". No obsolete forms, no comments.
    static bool isValidAddrSpec(const QString &addrSpec);
};

} // namespace Tributary
