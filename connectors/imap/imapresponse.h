#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

namespace Tributary::Imap {

// A set of UIDs or sequence numbers as ranges, e.g. "1:3,7,10:12" (RFC 3501 sequence-set,
// without '*'). Ranges are kept as sent; nothing is expanded unless asked.
struct UidSet
{
    struct Range
    {
        quint32 first = 0;
        quint32 last = 0;
    };
    QList<Range> ranges;

    bool isEmpty() const { return ranges.isEmpty(); }
    // Number of values (ranges may overlap; counted as sent).
    quint64 count() const;
    bool contains(quint32 value) const;
    // Every value in order, at most `limit` of them.
    QList<quint32> toList(qsizetype limit = 1000000) const;
    QByteArray toWire() const;
    void add(quint32 first, quint32 last);
    void add(quint32 value) { add(value, value); }
    // Compresses sorted values into ranges.
    static UidSet fromValues(QList<quint32> values);
    // Parses "1:3,7"; false on anything else ('*' included).
    static bool parse(const QByteArray &text, UidSet *out);
};

// A response code: "[UIDVALIDITY 3857529045]" -> name "UIDVALIDITY", args "3857529045".
struct ResponseCode
{
    QByteArray name; // upper case; empty when the response has none
    QByteArray args; // the raw text after the name, up to the closing ']'

    bool isEmpty() const { return name.isEmpty(); }
    // The first argument as a number (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, UNSEEN...).
    quint64 number(bool *ok = nullptr) const;
    // Space-separated arguments (APPENDUID 38505 3955 -> {"38505","3955"}).
    QByteArrayList arguments() const;
    // The parenthesized list of CAPABILITY / PERMANENTFLAGS / BADCHARSET codes.
    QByteArrayList list() const;
};

enum class Status { None, Ok, No, Bad, Bye, Preauth };

struct ListEntry
{
    QByteArrayList attributes; // as sent, e.g. "\\HasNoChildren", "\\Sent"
    char delimiter = 0; // 0 for NIL (flat namespace)
    QByteArray wireName; // as sent (modified UTF-7 unless UTF8=ACCEPT)
    QString name; // decoded
    QByteArrayList childInfo; // CHILDINFO extended data (LIST-EXTENDED)

    bool hasAttribute(const QByteArray &attribute) const; // case-insensitive
    // RFC 6154 special use of this folder ("\\Sent"...), empty when none.
    QByteArray specialUse() const;
    bool isSelectable() const;
};

struct StatusData
{
    QByteArray wireName;
    QString mailbox;
    // Only the items the server sent are present (-1 when absent).
    qint64 messages = -1;
    qint64 recent = -1;
    qint64 uidNext = -1;
    qint64 uidValidity = -1;
    qint64 unseen = -1;
    qint64 size = -1;
    qint64 highestModSeq = -1;
};

// One FETCH response's items. Literal bodies go to the parser's sink when streaming is on;
// then `bodyStreamed` is true and `body` is empty.
struct FetchData
{
    quint32 sequence = 0;
    quint32 uid = 0; // 0 when the response carried no UID
    quint64 modSeq = 0; // 0 when absent
    bool hasFlags = false;
    QByteArrayList flags;
    QDateTime internalDate; // invalid when absent
    qint64 size = -1; // RFC822.SIZE
    bool hasBody = false;
    QByteArray bodySection; // e.g. "BODY[]", "BODY[HEADER]", "BINARY[1]"
    QByteArray body; // when not streamed
    bool bodyStreamed = false;
    qint64 bodySize = -1; // bytes of the body literal (or string)
};

struct NamespaceEntry
{
    QString prefix;
    char delimiter = 0;
};

struct NamespaceData
{
    QList<NamespaceEntry> personal;
    QList<NamespaceEntry> otherUsers;
    QList<NamespaceEntry> shared;
};

// One complete server response. `type` says which of the typed members is filled.
struct Response
{
    enum class Kind { Untagged, Tagged, Continuation };
    enum class Type {
        Status, // OK/NO/BAD/BYE/PREAUTH (tagged or untagged): status, code, text
        Capability, // list
        List, // list entry (also LSUB: isLsub)
        StatusInfo, // STATUS
        Flags, // list
        Exists, // number
        Recent, // number
        Expunge, // number
        Fetch, // fetch
        Search, // numbers (+ modSeq when (MODSEQ n) followed)
        ESearch, // esearch: numbers from ALL, count/min/max
        Enabled, // list
        Vanished, // uidSet, earlier
        Namespace, // namespaces
        Id, // id
        Continuation,
        Unknown, // a well-formed response of a type this client does not use
    };

    Kind kind = Kind::Untagged;
    Type type = Type::Unknown;
    QByteArray tag; // tagged responses
    QByteArray name; // the response name as sent, upper case ("FETCH", "OK", ...)
    Status status = Status::None;
    ResponseCode code;
    QString text; // human-readable text (status and continuation responses)
    QByteArray continuationData; // raw text after "+ " (e.g. a SASL challenge)
    quint32 number = 0; // EXISTS/RECENT/EXPUNGE/FETCH sequence number
    QByteArrayList list; // CAPABILITY, FLAGS, ENABLED (upper case for CAPABILITY/ENABLED)
    ListEntry listEntry;
    bool isLsub = false;
    StatusData statusData;
    FetchData fetch;
    QList<quint32> numbers; // SEARCH / ESEARCH ALL
    quint64 modSeq = 0; // SEARCH (MODSEQ n)
    qint64 count = -1; // ESEARCH COUNT
    UidSet uidSet; // VANISHED
    bool earlier = false; // VANISHED (EARLIER)
    NamespaceData namespaces;
    QMap<QString, QString> id;

    bool isTagged() const { return kind == Kind::Tagged; }
};

} // namespace Tributary::Imap

Q_DECLARE_METATYPE(Tributary::Imap::Response)
Q_DECLARE_METATYPE(Tributary::Imap::FetchData)
Q_DECLARE_METATYPE(Tributary::Imap::UidSet)
