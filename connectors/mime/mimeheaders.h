#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// Header-level MIME helpers (RFC 5322 addresses and dates, RFC 2047 encoded words), a thin
// Qt-typed layer over GMime 3. No GMime type appears in this header.
//
// Every function here is reentrant and may be called from any thread (GMime is initialised
// once, on first use, behind a std::call_once). Input is untrusted: malformed input gives a
// best-effort result and, when a `warnings` list is passed, one English sentence per
// problem appended to it (for logs and message details, not for translation). They never
// crash and never throw.
namespace Tributary::Mime {

// One mailbox: "Name <address>". A group ("undisclosed-recipients:;") contributes its
// members; an empty group contributes nothing.
struct Address
{
    QString name; // display name, RFC 2047 decoded; may be empty
    QString address; // addr-spec (local@domain) as written; may be empty for broken input

    // "Name <address>", or just the address when there is no name (for display only).
    QString toDisplayString() const;
    bool operator==(const Address &other) const
    {
        return name == other.name && address == other.address;
    }
};

// The headers a mail client shows and threads by.
struct MessageHeaders
{
    QList<Address> from;
    QList<Address> to;
    QList<Address> cc;
    QList<Address> bcc;
    QList<Address> replyTo;
    QString subject; // RFC 2047 decoded, unfolded
    QDateTime date; // invalid when missing or unparseable
    QString messageId; // without angle brackets
    QString inReplyTo; // the first message id of In-Reply-To, without brackets
    QStringList references; // message ids, oldest first, without brackets
    QString listId; // the list id inside <...> of List-Id (RFC 2919), else the text
};

// Decodes an unstructured header value (Subject, Comments): unfolds it, decodes RFC 2047
// encoded words (B and Q, any charset iconv knows; unknown or broken charsets and bad
// encodings are decoded best-effort), and decodes raw 8-bit text as UTF-8, falling back to
// Windows-1252.
QString decodeHeaderText(const QByteArray &raw, QStringList *warnings = nullptr);

// Parses an address-list header value (From, To, Cc, Bcc, Reply-To).
QList<Address> parseAddressList(const QByteArray &raw, QStringList *warnings = nullptr);

// Parses a Date header value: RFC 5322 dates plus the obsolete forms of RFC 5322 section 4.3
// (2- and 3-digit years, named zones like EST/PDT/GMT/UT, missing seconds, missing weekday,
// extra comments). Garbage gives an invalid QDateTime and a warning. The result keeps the
// header's UTC offset (Qt::OffsetFromUTC).
QDateTime parseDate(const QByteArray &raw, QStringList *warnings = nullptr);

// Formats a date for a Date header (RFC 5322 section 3.3), e.g. "Fri, 27 Nov 2026 04:10:00 +0100".
QByteArray formatDate(const QDateTime &date);

// Message ids of a Message-ID / In-Reply-To / References value, without angle brackets.
QStringList parseMessageIds(const QByteArray &raw);

// Encodes text for an unstructured header as RFC 2047 encoded words where needed (UTF-8);
// pure ASCII text is returned unchanged. The result is not folded.
QByteArray encodeHeaderText(const QString &text);

} // namespace Tributary::Mime

Q_DECLARE_METATYPE(Tributary::Mime::Address)
