#include "imapparser.h"

#include "mutf7.h"

#include <cstring>

namespace Tributary::Imap {

namespace {

constexpr int kMaxDepth = 64;
constexpr qint64 kMaxResponseBytes = 256LL * 1024 * 1024;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isAtomSpecial(char c)
{
    // atom-specials (RFC 3501): ( ) { SP CTL % * " \ ] ; '%' '*' '\\' and ']' are allowed in
    // the places we read atoms (flags, list wildcards, resp-text-code), so only the
    // delimiters stop an atom here.
    const auto uc = static_cast<unsigned char>(c);
    return c == '(' || c == ')' || c == '{' || c == ' ' || c == '"' || uc < 0x20 || uc == 0x7f;
}

// If `line` ends with a literal announcement "{n}", "{n+}", "~{n}" (and optional "~{n+}"),
// returns true with the size.
bool trailingLiteral(const QByteArray &line, qint64 *size, qsizetype *start)
{
    const qsizetype n = line.size();
    if (n < 3 || line.at(n - 1) != '}')
        return false;
    qsizetype i = n - 2;
    if (line.at(i) == '+')
        --i;
    const qsizetype digitsEnd = i + 1;
    while (i >= 0 && isDigit(line.at(i)))
        --i;
    if (i < 0 || line.at(i) != '{' || i + 1 == digitsEnd)
        return false;
    if (digitsEnd - (i + 1) > 18)
        return false;
    qint64 v = 0;
    for (qsizetype k = i + 1; k < digitsEnd; ++k)
        v = v * 10 + (line.at(k) - '0');
    *size = v;
    if (i > 0 && line.at(i - 1) == '~')
        --i;
    *start = i;
    return true;
}

// Walks the segments of one response. The literal announced at the end of segment k is
// literals[k]; when there is none yet (a literal about to start) it is "pending".
class Cursor
{
public:
    Cursor(const QList<QByteArray> &segments, const QList<ResponseParser::Literal> &literals)
        : m_segs(segments)
        , m_lits(literals)
    {
    }

    bool atEnd() const { return m_seg == m_segs.size() - 1 && m_pos >= m_segs.at(m_seg).size(); }
    char peek() const
    {
        const QByteArray &s = m_segs.at(m_seg);
        return m_pos < s.size() ? s.at(m_pos) : '\0';
    }
    bool atLiteral() const
    {
        const char c = peek();
        return c == '{'
            || (c == '~' && m_pos + 1 < m_segs.at(m_seg).size()
                && m_segs.at(m_seg).at(m_pos + 1) == '{');
    }
    bool atPendingLiteral() const { return atLiteral() && m_seg >= m_lits.size(); }

    bool skipSpace()
    {
        if (peek() != ' ')
            return false;
        while (peek() == ' ')
            ++m_pos;
        return true;
    }
    bool consume(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    // The raw remainder of the current segment (for resp-text).
    QByteArray restOfSegment()
    {
        const QByteArray &s = m_segs.at(m_seg);
        QByteArray r = s.mid(m_pos);
        m_pos = s.size();
        return r;
    }

    QByteArray readAtom()
    {
        const QByteArray &s = m_segs.at(m_seg);
        const qsizetype start = m_pos;
        int depth = 0;
        while (m_pos < s.size()) {
            const char c = s.at(m_pos);
            if (c == '[') {
                ++depth;
            } else if (c == ']') {
                if (depth == 0)
                    break; // end of a resp-text-code
                --depth;
            } else if (depth == 0 && isAtomSpecial(c)) {
                break;
            } else if (depth > 0 && (c == '\r' || c == '\n')) {
                break;
            }
            ++m_pos;
        }
        return s.mid(start, m_pos - start);
    }

    bool readNumber(quint64 *out)
    {
        const QByteArray a = readAtom();
        if (a.isEmpty() || a.size() > 19)
            return false;
        quint64 v = 0;
        for (char c : a) {
            if (!isDigit(c))
                return false;
            v = v * 10 + quint64(c - '0');
        }
        *out = v;
        return true;
    }
    bool readNumber32(quint32 *out)
    {
        quint64 v = 0;
        if (!readNumber(&v) || v > 0xffffffffULL)
            return false;
        *out = quint32(v);
        return true;
    }

    bool readQuoted(QByteArray *out)
    {
        if (!consume('"'))
            return false;
        const QByteArray &s = m_segs.at(m_seg);
        out->clear();
        while (m_pos < s.size()) {
            const char c = s.at(m_pos++);
            if (c == '"')
                return true;
            if (c == '\\') {
                if (m_pos >= s.size())
                    return false;
                out->append(s.at(m_pos++));
                continue;
            }
            out->append(c);
        }
        return false;
    }

    // A literal token: moves to the next segment. *lit points into the literal list.
    bool readLiteral(const ResponseParser::Literal **lit)
    {
        if (!atLiteral() || m_seg >= m_lits.size())
            return false;
        *lit = &m_lits.at(m_seg);
        ++m_seg;
        m_pos = 0;
        return true;
    }

    // string / NIL (nstring) / astring: quoted, literal, NIL or (if allowAtom) an atom.
    bool readString(QByteArray *out, bool *isNil = nullptr, bool allowAtom = true)
    {
        if (isNil)
            *isNil = false;
        if (peek() == '"')
            return readQuoted(out);
        if (atLiteral()) {
            const ResponseParser::Literal *lit = nullptr;
            if (!readLiteral(&lit))
                return false;
            *out = lit->data;
            return true;
        }
        const QByteArray a = readAtom();
        if (a.isEmpty())
            return false;
        if (a.compare("NIL", Qt::CaseInsensitive) == 0 && isNil) {
            *isNil = true;
            out->clear();
            return true;
        }
        if (!allowAtom)
            return false;
        *out = a;
        return true;
    }

    // Any single value: atom, number, string, literal or parenthesized list.
    bool skipValue(int depth = 0)
    {
        if (depth > kMaxDepth)
            return false;
        if (consume('(')) {
            skipSpace();
            while (!consume(')')) {
                if (atEnd() || atPendingLiteral())
                    return false;
                if (!skipValue(depth + 1))
                    return false;
                skipSpace();
            }
            return true;
        }
        if (peek() == '"') {
            QByteArray dummy;
            return readQuoted(&dummy);
        }
        if (atLiteral()) {
            const ResponseParser::Literal *lit = nullptr;
            return readLiteral(&lit);
        }
        return !readAtom().isEmpty();
    }

    // A parenthesized list of atoms (flags, attributes).
    bool readAtomList(QByteArrayList *out)
    {
        if (!consume('('))
            return false;
        skipSpace();
        while (!consume(')')) {
            const QByteArray a = readAtom();
            if (a.isEmpty())
                return false;
            out->append(a);
            skipSpace();
        }
        return true;
    }

private:
    const QList<QByteArray> &m_segs;
    const QList<ResponseParser::Literal> &m_lits;
    qsizetype m_seg = 0;
    qsizetype m_pos = 0;
};

bool isBodySection(const QByteArray &upperName)
{
    return upperName.startsWith("BODY[") || upperName.startsWith("BINARY[") || upperName == "RFC822"
        || upperName == "RFC822.TEXT" || upperName == "RFC822.HEADER";
}

Status statusFromName(const QByteArray &upper)
{
    if (upper == "OK")
        return Status::Ok;
    if (upper == "NO")
        return Status::No;
    if (upper == "BAD")
        return Status::Bad;
    if (upper == "BYE")
        return Status::Bye;
    if (upper == "PREAUTH")
        return Status::Preauth;
    return Status::None;
}

void parseRespText(const QByteArray &raw, Response *r)
{
    QByteArray rest = raw;
    while (rest.startsWith(' '))
        rest.remove(0, 1);
    if (rest.startsWith('[')) {
        const qsizetype close = rest.indexOf(']');
        if (close > 0) {
            const QByteArray inner = rest.mid(1, close - 1);
            const qsizetype sp = inner.indexOf(' ');
            r->code.name = (sp < 0 ? inner : inner.left(sp)).toUpper();
            r->code.args = sp < 0 ? QByteArray() : inner.mid(sp + 1);
            rest = rest.mid(close + 1);
            while (rest.startsWith(' '))
                rest.remove(0, 1);
        }
    }
    r->text = QString::fromUtf8(rest);
}

bool parseNamespaceGroup(Cursor &c, QList<NamespaceEntry> *out)
{
    QByteArray dummy;
    bool nil = false;
    if (!c.consume('(')) {
        return c.readString(&dummy, &nil, true) && nil;
    }
    while (c.consume('(')) {
        NamespaceEntry e;
        QByteArray prefix;
        if (!c.readString(&prefix, nullptr, false))
            return false;
        c.skipSpace();
        QByteArray delim;
        if (!c.readString(&delim, &nil, false))
            return false;
        e.delimiter = nil || delim.isEmpty() ? 0 : delim.at(0);
        e.prefix = decodeMailboxName(prefix);
        // namespace-response-extensions
        c.skipSpace();
        while (!c.consume(')')) {
            if (c.atEnd() || !c.skipValue())
                return false;
            c.skipSpace();
        }
        out->append(e);
        c.skipSpace();
    }
    return c.consume(')');
}

bool parseFetch(Cursor &c, Response *r, QString *why)
{
    FetchData &f = r->fetch;
    f.sequence = r->number;
    c.skipSpace();
    if (!c.consume('(')) {
        *why = QStringLiteral("FETCH without '('");
        return false;
    }
    c.skipSpace();
    while (!c.consume(')')) {
        if (c.atEnd()) {
            *why = QStringLiteral("FETCH list not closed");
            return false;
        }
        const QByteArray name = c.readAtom().toUpper();
        if (name.isEmpty()) {
            *why = QStringLiteral("FETCH item name expected");
            return false;
        }
        if (!c.skipSpace()) {
            *why = QStringLiteral("FETCH item %1 without a value").arg(QString::fromLatin1(name));
            return false;
        }
        bool ok = true;
        if (name == "UID") {
            ok = c.readNumber32(&f.uid);
        } else if (name == "RFC822.SIZE") {
            quint64 v = 0;
            ok = c.readNumber(&v);
            f.size = qint64(v);
        } else if (name == "FLAGS") {
            f.hasFlags = true;
            ok = c.readAtomList(&f.flags);
        } else if (name == "MODSEQ") {
            ok = c.consume('(') && c.readNumber(&f.modSeq) && c.consume(')');
        } else if (name == "INTERNALDATE") {
            QByteArray d;
            ok = c.readQuoted(&d);
            if (ok) {
                f.internalDate = parseInternalDate(d);
                ok = f.internalDate.isValid();
            }
        } else if (isBodySection(name)) {
            f.hasBody = true;
            f.bodySection = name;
            if (c.atLiteral()) {
                const ResponseParser::Literal *lit = nullptr;
                ok = c.readLiteral(&lit);
                if (ok) {
                    f.bodyStreamed = lit->streamed;
                    f.bodySize = lit->size;
                    f.body = lit->data;
                }
            } else {
                bool nil = false;
                ok = c.readString(&f.body, &nil, false);
                f.bodySize = nil ? -1 : f.body.size();
            }
        } else {
            ok = c.skipValue(); // ENVELOPE, BODYSTRUCTURE, X-GM-*, ...
        }
        if (!ok) {
            *why = QStringLiteral("bad value of FETCH item %1").arg(QString::fromLatin1(name));
            return false;
        }
        c.skipSpace();
    }
    return true;
}

} // namespace

QDateTime parseInternalDate(const QByteArray &text)
{
    // dd-Mon-yyyy hh:mm:ss +zzzz, day may be space-padded
    const QByteArray t = text.trimmed();
    const QByteArrayList parts = t.split(' ');
    QByteArrayList p;
    for (const QByteArray &x : parts) {
        if (!x.isEmpty())
            p.append(x);
    }
    if (p.size() != 3)
        return {};
    const QByteArrayList dmy = p.at(0).split('-');
    const QByteArrayList hms = p.at(1).split(':');
    const QByteArray &zone = p.at(2);
    if (dmy.size() != 3 || hms.size() != 3 || zone.size() != 5
        || (zone.at(0) != '+' && zone.at(0) != '-'))
        return {};
    static const char *const kMonths[]
        = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    int month = 0;
    for (int i = 0; i < 12; ++i) {
        if (dmy.at(1).compare(kMonths[i], Qt::CaseInsensitive) == 0)
            month = i + 1;
    }
    bool ok[7] = {};
    const int day = dmy.at(0).toInt(&ok[0]);
    const int year = dmy.at(2).toInt(&ok[1]);
    const int h = hms.at(0).toInt(&ok[2]);
    const int m = hms.at(1).toInt(&ok[3]);
    const int s = hms.at(2).toInt(&ok[4]);
    const int zh = zone.mid(1, 2).toInt(&ok[5]);
    const int zm = zone.mid(3, 2).toInt(&ok[6]);
    for (bool b : ok) {
        if (!b)
            return {};
    }
    const QDate date(year, month, day);
    const QTime time(h, m, s);
    if (month == 0 || !date.isValid() || !time.isValid() || zm > 59)
        return {};
    const int offset = (zh * 3600 + zm * 60) * (zone.at(0) == '-' ? -1 : 1);
    return QDateTime(date, time, Qt::OffsetFromUTC, offset);
}

QByteArray formatInternalDate(const QDateTime &dateTime)
{
    static const char *const kMonths[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int offset = dateTime.offsetFromUtc();
    const QDateTime local = dateTime.toOffsetFromUtc(offset);
    const QDate d = local.date();
    const QTime t = local.time();
    const int absOff = qAbs(offset) / 60;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02d-%s-%04d %02d:%02d:%02d %c%02d%02d", d.day(),
                  kMonths[d.month() - 1], d.year(), t.hour(), t.minute(), t.second(),
                  offset < 0 ? '-' : '+', absOff / 60, absOff % 60);
    return QByteArray(buf);
}

bool parseResponse(const QList<QByteArray> &segments,
                   const QList<ResponseParser::Literal> &literals, Response *out, QString *why)
{
    Response r;
    if (segments.isEmpty() || segments.first().isEmpty()) {
        *why = QStringLiteral("empty response line");
        return false;
    }
    Cursor c(segments, literals);
    if (c.consume('+')) {
        r.kind = Response::Kind::Continuation;
        r.type = Response::Type::Continuation;
        c.consume(' ');
        r.continuationData = c.restOfSegment();
        r.text = QString::fromUtf8(r.continuationData);
        *out = std::move(r);
        return true;
    }
    if (c.consume('*')) {
        r.kind = Response::Kind::Untagged;
    } else {
        r.kind = Response::Kind::Tagged;
        r.tag = c.readAtom();
        if (r.tag.isEmpty()) {
            *why = QStringLiteral("response does not start with a tag, '*' or '+'");
            return false;
        }
    }
    if (!c.skipSpace()) {
        *why = QStringLiteral("no space after the tag");
        return false;
    }
    QByteArray first = c.readAtom();
    if (first.isEmpty()) {
        *why = QStringLiteral("response name missing");
        return false;
    }
    bool numeric = true;
    for (char ch : std::as_const(first))
        numeric = numeric && isDigit(ch);
    if (numeric && r.kind == Response::Kind::Untagged) {
        bool ok = false;
        const qulonglong v = first.toULongLong(&ok);
        if (!ok || v > 0xffffffffULL || !c.skipSpace()) {
            *why = QStringLiteral("bad message number");
            return false;
        }
        r.number = quint32(v);
        r.name = c.readAtom().toUpper();
        if (r.name == "EXISTS") {
            r.type = Response::Type::Exists;
        } else if (r.name == "RECENT") {
            r.type = Response::Type::Recent;
        } else if (r.name == "EXPUNGE") {
            r.type = Response::Type::Expunge;
        } else if (r.name == "FETCH") {
            r.type = Response::Type::Fetch;
            if (!parseFetch(c, &r, why))
                return false;
        } else if (r.name.isEmpty()) {
            *why = QStringLiteral("response name missing after the number");
            return false;
        }
        *out = std::move(r);
        return true;
    }

    r.name = first.toUpper();
    r.status = statusFromName(r.name);
    if (r.status != Status::None) {
        r.type = Response::Type::Status;
        if (r.kind == Response::Kind::Tagged
            && (r.status == Status::Bye || r.status == Status::Preauth)) {
            *why = QStringLiteral("tagged %1").arg(QString::fromLatin1(r.name));
            return false;
        }
        parseRespText(c.restOfSegment(), &r);
        *out = std::move(r);
        return true;
    }
    if (r.kind == Response::Kind::Tagged) {
        *why = QStringLiteral("tagged response is not OK, NO or BAD");
        return false;
    }

    bool ok = true;
    if (r.name == "CAPABILITY" || r.name == "ENABLED") {
        r.type = r.name == "CAPABILITY" ? Response::Type::Capability : Response::Type::Enabled;
        while (c.skipSpace()) {
            const QByteArray a = c.readAtom();
            if (a.isEmpty())
                break;
            r.list.append(a.toUpper());
        }
        ok = c.atEnd();
    } else if (r.name == "FLAGS") {
        r.type = Response::Type::Flags;
        c.skipSpace();
        ok = c.readAtomList(&r.list);
    } else if (r.name == "LIST" || r.name == "LSUB") {
        r.type = Response::Type::List;
        r.isLsub = r.name == "LSUB";
        ListEntry &e = r.listEntry;
        c.skipSpace();
        ok = c.readAtomList(&e.attributes) && c.skipSpace();
        QByteArray delim;
        bool nil = false;
        ok = ok && c.readString(&delim, &nil, false) && c.skipSpace();
        if (ok) {
            e.delimiter = nil || delim.isEmpty() ? 0 : delim.at(0);
            ok = c.readString(&e.wireName, nullptr, true);
        }
        if (ok) {
            if (e.wireName.compare("INBOX", Qt::CaseInsensitive) == 0)
                e.wireName = "INBOX";
            e.name = decodeMailboxName(e.wireName);
            // mbox-list-extended: ("CHILDINFO" ("SUBSCRIBED") ...)
            c.skipSpace();
            if (c.consume('(')) {
                c.skipSpace();
                while (ok && !c.consume(')')) {
                    QByteArray tag;
                    ok = c.readString(&tag, nullptr, true) && c.skipSpace();
                    if (ok && tag.compare("CHILDINFO", Qt::CaseInsensitive) == 0
                        && c.consume('(')) {
                        c.skipSpace();
                        while (ok && !c.consume(')')) {
                            QByteArray v;
                            ok = c.readString(&v, nullptr, true);
                            e.childInfo.append(v);
                            c.skipSpace();
                        }
                    } else if (ok) {
                        ok = c.skipValue();
                    }
                    c.skipSpace();
                    if (c.atEnd())
                        ok = false;
                }
            }
        }
    } else if (r.name == "STATUS") {
        r.type = Response::Type::StatusInfo;
        StatusData &s = r.statusData;
        c.skipSpace();
        ok = c.readString(&s.wireName, nullptr, true);
        s.mailbox = decodeMailboxName(s.wireName);
        c.skipSpace();
        ok = ok && c.consume('(');
        c.skipSpace();
        while (ok && !c.consume(')')) {
            const QByteArray item = c.readAtom().toUpper();
            quint64 v = 0;
            ok = !item.isEmpty() && c.skipSpace() && c.readNumber(&v);
            const auto value = qint64(v);
            if (item == "MESSAGES")
                s.messages = value;
            else if (item == "RECENT")
                s.recent = value;
            else if (item == "UIDNEXT")
                s.uidNext = value;
            else if (item == "UIDVALIDITY")
                s.uidValidity = value;
            else if (item == "UNSEEN")
                s.unseen = value;
            else if (item == "SIZE")
                s.size = value;
            else if (item == "HIGHESTMODSEQ")
                s.highestModSeq = value;
            c.skipSpace();
            if (c.atEnd() && ok)
                ok = c.peek() == ')';
        }
    } else if (r.name == "SEARCH" || r.name == "SORT") {
        r.type = Response::Type::Search;
        while (ok && c.skipSpace()) {
            if (c.consume('(')) {
                const QByteArray m = c.readAtom().toUpper();
                ok = m == "MODSEQ" && c.skipSpace() && c.readNumber(&r.modSeq) && c.consume(')');
                continue;
            }
            if (c.atEnd())
                break;
            quint32 v = 0;
            ok = c.readNumber32(&v);
            r.numbers.append(v);
        }
        ok = ok && c.atEnd();
    } else if (r.name == "ESEARCH") {
        r.type = Response::Type::ESearch;
        c.skipSpace();
        if (c.peek() == '(')
            ok = c.skipValue(); // (TAG "a1")
        while (ok && c.skipSpace()) {
            if (c.atEnd())
                break;
            const QByteArray key = c.readAtom().toUpper();
            if (key.isEmpty()) {
                ok = false;
                break;
            }
            if (key == "UID")
                continue;
            ok = c.skipSpace();
            if (!ok)
                break;
            if (key == "ALL") {
                UidSet set;
                ok = UidSet::parse(c.readAtom(), &set);
                r.numbers = set.toList();
            } else if (key == "COUNT") {
                quint64 v = 0;
                ok = c.readNumber(&v);
                r.count = qint64(v);
            } else if (key == "MODSEQ") {
                ok = c.readNumber(&r.modSeq);
            } else {
                ok = c.skipValue();
            }
        }
    } else if (r.name == "VANISHED") {
        r.type = Response::Type::Vanished;
        c.skipSpace();
        if (c.consume('(')) {
            const QByteArray e = c.readAtom().toUpper();
            r.earlier = e == "EARLIER";
            ok = c.consume(')') && c.skipSpace();
        }
        ok = ok && UidSet::parse(c.readAtom(), &r.uidSet);
    } else if (r.name == "NAMESPACE") {
        r.type = Response::Type::Namespace;
        c.skipSpace();
        ok = parseNamespaceGroup(c, &r.namespaces.personal) && c.skipSpace()
            && parseNamespaceGroup(c, &r.namespaces.otherUsers) && c.skipSpace()
            && parseNamespaceGroup(c, &r.namespaces.shared);
    } else if (r.name == "ID") {
        r.type = Response::Type::Id;
        c.skipSpace();
        if (c.consume('(')) {
            c.skipSpace();
            while (ok && !c.consume(')')) {
                QByteArray k, v;
                bool nil = false;
                ok = c.readString(&k, nullptr, false) && c.skipSpace()
                    && c.readString(&v, &nil, false);
                if (ok)
                    r.id.insert(QString::fromUtf8(k), QString::fromUtf8(v));
                c.skipSpace();
                if (c.atEnd() && c.peek() != ')')
                    ok = false;
            }
        } else {
            QByteArray nilText;
            bool nil = false;
            ok = c.readString(&nilText, &nil, true) && nil;
        }
    } else {
        r.type = Response::Type::Unknown; // not validated: skipped by the session
    }
    if (!ok) {
        *why = QStringLiteral("malformed %1 response").arg(QString::fromLatin1(r.name));
        return false;
    }
    *out = std::move(r);
    return true;
}

ResponseParser::ResponseParser(ResponseParserClient *client)
    : m_client(client)
{
}

void ResponseParser::reset()
{
    m_state = State::Line;
    m_line.clear();
    m_segments.clear();
    m_literals.clear();
    m_literalRemaining = 0;
    m_responseBytes = 0;
    m_error.clear();
}

bool ResponseParser::isAtResponseBoundary() const
{
    return m_state == State::Line && m_line.isEmpty() && m_segments.isEmpty();
}

bool ResponseParser::fail(const QString &why)
{
    m_error = why;
    return false;
}

bool ResponseParser::checkStreamable(qint64 size, LiteralInfo *info) const
{
    // Only untagged FETCH body sections are streamed: "* n FETCH (... BODY[] {size}".
    Cursor c(m_segments, m_literals);
    if (!c.consume('*') || !c.skipSpace())
        return false;
    quint32 seq = 0;
    if (!c.readNumber32(&seq) || !c.skipSpace() || c.readAtom().toUpper() != "FETCH")
        return false;
    c.skipSpace();
    if (!c.consume('('))
        return false;
    info->sequence = seq;
    info->size = size;
    for (int guard = 0; guard < 1000; ++guard) {
        c.skipSpace();
        if (c.atPendingLiteral() || c.atEnd())
            return false;
        const QByteArray name = c.readAtom().toUpper();
        if (name.isEmpty() || !c.skipSpace())
            return false;
        if (c.atPendingLiteral()) {
            if (!isBodySection(name))
                return false;
            info->section = name;
            return true;
        }
        if (name == "UID") {
            if (!c.readNumber32(&info->uid))
                return false;
        } else if (!c.skipValue()) {
            return false;
        }
    }
    return false;
}

bool ResponseParser::lineComplete()
{
    // m_line holds one line without CRLF.
    m_responseBytes += m_line.size() + 2;
    if (m_responseBytes > kMaxResponseBytes)
        return fail(QStringLiteral("response larger than %1 bytes").arg(kMaxResponseBytes));
    qint64 size = 0;
    qsizetype start = 0;
    bool literal = trailingLiteral(m_line, &size, &start);
    if (literal && m_segments.isEmpty()) {
        // Status responses and continuation requests carry human text, never literals.
        if (m_line.startsWith('+')) {
            literal = false;
        } else {
            const qsizetype sp = m_line.indexOf(' ');
            if (sp > 0) {
                qsizetype e = m_line.indexOf(' ', sp + 1);
                if (e < 0)
                    e = m_line.size();
                const QByteArray word = m_line.mid(sp + 1, e - sp - 1).toUpper();
                if (statusFromName(word) != Status::None)
                    literal = false;
            }
        }
    }
    m_segments.append(std::move(m_line));
    m_line = QByteArray();
    if (literal) {
        LiteralInfo info;
        if (m_client && checkStreamable(size, &info) && m_client->literalBegin(info)) {
            m_state = State::StreamLiteral;
            m_literalRemaining = size;
            m_literalSize = size;
            if (size == 0) {
                m_client->literalEnd();
                m_literals.append({QByteArray(), 0, true});
                m_state = State::Line;
            }
            return true;
        }
        if (size > m_maxLiteral || m_responseBytes + size > kMaxResponseBytes)
            return fail(QStringLiteral("literal of %1 bytes exceeds the limit of %2")
                            .arg(size)
                            .arg(m_maxLiteral));
        m_state = State::BufferLiteral;
        m_literalRemaining = size;
        m_responseBytes += size;
        m_literals.append({QByteArray(), size, false});
        m_literals.last().data.reserve(qsizetype(size));
        if (size == 0)
            m_state = State::Line;
        return true;
    }
    Response r;
    QString why;
    const bool ok = parseResponse(m_segments, m_literals, &r, &why);
    m_segments.clear();
    m_literals.clear();
    m_responseBytes = 0;
    if (!ok)
        return fail(why);
    if (m_client)
        m_client->responseReceived(r);
    return true;
}

bool ResponseParser::feed(const char *data, qsizetype size)
{
    if (hasError())
        return false;
    qsizetype pos = 0;
    while (pos < size) {
        switch (m_state) {
        case State::StreamLiteral:
        case State::BufferLiteral: {
            const qsizetype take = qsizetype(qMin<qint64>(m_literalRemaining, size - pos));
            if (m_state == State::StreamLiteral)
                m_client->literalData(data + pos, take);
            else
                m_literals.last().data.append(data + pos, take);
            pos += take;
            m_literalRemaining -= take;
            if (m_literalRemaining == 0) {
                if (m_state == State::StreamLiteral) {
                    m_literals.append({QByteArray(), m_literalSize, true});
                    m_client->literalEnd();
                }
                m_state = State::Line;
            }
            break;
        }
        case State::Line: {
            const void *nl = std::memchr(data + pos, '\n', size_t(size - pos));
            if (!nl) {
                m_line.append(data + pos, size - pos);
                pos = size;
                if (m_line.size() > m_maxLine)
                    return fail(QStringLiteral("line longer than %1 bytes").arg(m_maxLine));
                break;
            }
            const qsizetype end = static_cast<const char *>(nl) - data;
            m_line.append(data + pos, end - pos);
            pos = end + 1;
            if (m_line.endsWith('\r'))
                m_line.chop(1);
            if (m_line.size() > m_maxLine)
                return fail(QStringLiteral("line longer than %1 bytes").arg(m_maxLine));
            if (!lineComplete())
                return false;
            break;
        }
        }
    }
    return true;
}

} // namespace Tributary::Imap
