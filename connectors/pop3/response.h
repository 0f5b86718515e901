#pragma once

#include <QByteArray>
#include <QString>

namespace Tributary::Pop3 {

// A POP3 status line (RFC 1939 §3) or SASL continuation (RFC 5034 §4), parsed.
struct Response
{
    enum class Kind { Invalid, Ok, Err, Continuation };
    Kind kind = Kind::Invalid;
    QByteArray text; // after "+OK " / "-ERR " / "+ "
    QByteArray code; // RFC 2449 extended response code without brackets, e.g. "IN-USE", "AUTH"

    bool isOk() const { return kind == Kind::Ok; }
    // "-ERR [AUTH] Authentication failed." as a user-safe string.
    QString displayText() const;

    static Response parse(const QByteArray &line);
};

} // namespace Tributary::Pop3
