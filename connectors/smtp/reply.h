#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Tributary::Smtp {

// One SMTP reply (RFC 5321 §4.2): a three-digit code and one or more text lines.
struct Reply
{
    int code = 0;
    QList<QByteArray> lines; // text after "250-" / "250 " (may be empty)

    bool isPositive() const { return code >= 200 && code < 300; }
    bool isIntermediate() const { return code >= 300 && code < 400; }
    bool isTransientFailure() const { return code >= 400 && code < 500; }
    bool isPermanentFailure() const { return code >= 500 && code < 600; }
    // "550 5.1.1 text" joined, for errors and per-recipient results.
    QString text() const;
};

// Pure reply parser: feed it lines (without CRLF) and it says when a reply is complete.
// Accepts "ddd-text" continuation lines followed by one "ddd text" (or bare "ddd") line;
// the code must be the same on every line and start with 2..5. Anything else is Malformed,
// and so is a reply longer than maxLines lines. Fuzzed by tests/fuzz/fuzz_smtp_reply.cpp.
class ReplyParser
{
public:
    enum class Result { Incomplete, Complete, Malformed };

    Result feed(const QByteArray &line);
    // The completed reply (after Complete); resets the parser for the next one.
    Reply take();
    QString errorText() const { return m_errorText; }
    void reset();

    static constexpr int maxLines = 1000;

private:
    Reply m_reply;
    QString m_errorText;
    bool m_complete = false;
};

} // namespace Tributary::Smtp
