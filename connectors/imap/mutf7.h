#pragma once

#include <QByteArray>
#include <QString>

namespace Tributary::Imap {

// Modified UTF-7 mailbox names (RFC 3501 section 5.1.3).
//
// Printable US-ASCII except '&' stands for itself, '&' is "&-", and every other run of
// characters is UTF-16 in a modified BASE64 (',' instead of '/', no padding) between
// '&' and '-'. Pure functions, thread-safe.

// Encodes a mailbox name for the wire. Never fails: lone surrogates are sent as U+FFFD.
QByteArray encodeMailboxName(const QString &name);

// Decodes a wire name. On malformed input (8-bit or control bytes, an unterminated or
// badly padded shift sequence, an invalid BASE64 character, a broken surrogate pair)
// *ok is set to false and the bytes are returned as UTF-8 so a name still shows.
QString decodeMailboxName(const QByteArray &wire, bool *ok = nullptr);

} // namespace Tributary::Imap
