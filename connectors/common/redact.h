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

// Redaction for the trace of one connection, with memory of the conversation, for what a
// single line cannot show:
//   - after a client "AUTH mech" / "<tag> AUTHENTICATE mech", every client line is a SASL
//     answer until the server ends the exchange (a reply that is not a "334" or "+"
//     continuation); a "*" (cancel) and empty answers are kept;
//   - after a client "<tag> LOGIN ..." line that ends in a literal ("{7}" / "{7+}"), the
//     next client line holds the literal's bytes (user name or password): it is replaced
//     too, up to a literal announced at its own end.
// Every line also goes through redact(). Feed the lines in the order they crossed the
// wire, one line per call (with or without the line break, which is kept).
// A plain value; one per connection; not thread-safe.
class TraceRedactor
{
public:
    QByteArray client(const QByteArray &line);
    QByteArray server(const QByteArray &line);
    void reset();

private:
    bool m_sasl = false;
    bool m_loginLiteral = false;
};

} // namespace Tributary::Net
