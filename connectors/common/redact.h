#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

// Removal of credentials from log lines and protocol traces, before they reach any log.
//
// What is replaced by the marker "[redacted]" (keywords are matched case-insensitively; a
// protocol command may follow a trace prefix such as "C: ", "> " or "-> "):
//   IMAP   <tag> LOGIN user password      the password (atom, quoted string or literal;
//                                          a literal's bytes are removed too when they are
//                                          part of the same text)
//          <tag> AUTHENTICATE mech <ir>   the initial response (RFC 4959)
//   POP3   PASS <rest of line>, APOP user <digest>, AUTH mech <ir>
//   SMTP   AUTH mech <ir>
//   SASL   client continuation lines: a line that is one base64 token (RFC 4954/3501
//          answers to "334"/"+" challenges); protocol keywords such as DONE, QUIT or
//          STARTTLS are not base64-shaped and pass
//   HTTP   the credentials of Authorization: and Proxy-Authorization: headers (the scheme
//          name is kept), "Bearer <token>" anywhere
//   URLs, form bodies, JSON: values of access_token, refresh_token, id_token, code,
//          code_verifier, client_secret, client_assertion, password, passwd, token,
//          secret, api_key; the password of user:password@ in URLs
//
// Everything else passes unchanged, byte for byte. Redaction is idempotent.
// Pure functions; thread-safe.
namespace Tributary::Net {

// For log lines (may hold several lines separated by '\n').
QString redact(QStringView line);

// For raw protocol lines (bytes as sent or received, CRLF kept). Bytes are treated as
// Latin-1, so any byte sequence survives unchanged apart from the redacted parts.
QByteArray redact(const QByteArray &protocolLine);

// The text that replaces a secret.
inline constexpr char redactedMarker[] = "[redacted]";

} // namespace Tributary::Net
