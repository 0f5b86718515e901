#include "redact.h"

#include <QRegularExpression>

#include <utility>

namespace Tributary::Net {

namespace {

const QString &marker()
{
    static const QString m = QString::fromLatin1(redactedMarker);
    return m;
}

// An optional trace prefix ("C: ", "S: ", "> ", ">> ", "-> ", "<- ", possibly after a time
// stamp or a connection name), then the protocol line itself.
#define TRIBUTARY_TRACE_PREFIX R"(^(?:.*?(?:\b[CS]:|<<|>>|->|<-|[<>]))?\s*)"
// An IMAP tag: atom characters except '+' (RFC 3501 section 9, "tag").
#define TRIBUTARY_IMAP_TAG R"([^\s(){%*"\\+\]]+)"

const QRegularExpression::PatternOptions kCi = QRegularExpression::CaseInsensitiveOption;

// Replaces the captured group `group` of every match of `re` in `line`.
void replaceGroup(QString &line, const QRegularExpression &re, int group, bool global = true)
{
    qsizetype from = 0;
    while (from <= line.size()) {
        const QRegularExpressionMatch m = re.match(line, from);
        if (!m.hasMatch())
            return;
        const qsizetype start = m.capturedStart(group);
        const qsizetype length = m.capturedLength(group);
        if (start < 0 || length == 0) {
            from = m.capturedEnd(0) > m.capturedStart(0) ? m.capturedEnd(0) : m.capturedEnd(0) + 1;
        } else {
            line.replace(start, length, marker());
            from = start + marker().size();
        }
        if (!global)
            return;
    }
}

bool allIn(QStringView s, char lo, char hi)
{
    for (QChar c : s) {
        if (c.unicode() < uchar(lo) || c.unicode() > uchar(hi))
            return false;
    }
    return true;
}

// A lone base64 token as a SASL client answer; keywords (DONE, QUIT, STARTTLS), plain
// words and numbers are not taken for one.
bool looksLikeSaslAnswer(QStringView token)
{
    if (token.size() < 4 || token.size() % 4 != 0)
        return false;
    if (token == marker())
        return false;
    if (allIn(token, 'A', 'Z') || allIn(token, 'a', 'z') || allIn(token, '0', '9'))
        return false;
    if (token.front().unicode() >= 'A' && token.front().unicode() <= 'Z'
        && allIn(token.mid(1), 'a', 'z'))
        return false;
    return true;
}

// Protocol commands that carry a credential; true when `line` (without its line break) was
// one of them and has been redacted.
bool redactCommand(QString &line)
{
    static const QRegularExpression pass(TRIBUTARY_TRACE_PREFIX R"(PASS\s+(\S.*)$)", kCi);
    static const QRegularExpression apop(TRIBUTARY_TRACE_PREFIX R"(APOP\s+\S+\s+(\S+))", kCi);
    static const QRegularExpression auth(TRIBUTARY_TRACE_PREFIX R"(AUTH\s+[A-Za-z0-9_-]+\s+(\S+))",
                                         kCi);
    static const QRegularExpression authenticate(TRIBUTARY_TRACE_PREFIX TRIBUTARY_IMAP_TAG
                                                 R"(\s+AUTHENTICATE\s+[A-Za-z0-9_-]+\s+(\S+))",
                                                 kCi);
    static const QRegularExpression saslAnswer(TRIBUTARY_TRACE_PREFIX
                                               R"(([A-Za-z0-9+/]+={0,2})\s*$)");

    for (const QRegularExpression *re : {&pass, &apop, &auth, &authenticate}) {
        const QRegularExpressionMatch m = re->match(line);
        if (m.hasMatch()) {
            line.replace(m.capturedStart(1), m.capturedLength(1), marker());
            return true;
        }
    }
    const QRegularExpressionMatch m = saslAnswer.match(line);
    if (m.hasMatch() && looksLikeSaslAnswer(m.capturedView(1))) {
        line.replace(m.capturedStart(1), m.capturedLength(1), marker());
        return true;
    }
    return false;
}

// Secrets that may appear anywhere in a line: HTTP headers, bearer tokens, URL and form
// parameters, JSON members, URL user info.
void redactEverywhere(QString &line)
{
    static const QRegularExpression authorization(R"(\b(?:Proxy-)?Authorization"?\s*:\s*("?))",
                                                  kCi);
    static const QRegularExpression bearer(R"(\bBearer\s+([A-Za-z0-9\-._~+/]+=*))", kCi);
    static const QRegularExpression parameter(
        R"((?<![A-Za-z0-9_])(?:access_token|refresh_token|id_token|code|code_verifier|)"
        R"(client_secret|client_assertion|password|passwd|token|secret|api_key|apikey)=)"
        R"(([^&\s"'<>;,]+))",
        kCi);
    static const QRegularExpression jsonMember(
        R"re("(?:access_token|refresh_token|id_token|code_verifier|client_secret|)re"
        R"re(client_assertion|password|passwd|token|secret|api_key|apikey)"\s*:\s*")re"
        R"re(((?:[^"\\]|\\.)*)")re",
        kCi);
    static const QRegularExpression userInfo(
        R"(\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s/:@]*:([^\s/@]+)@)");
    static const QRegularExpression scheme(R"(\G([A-Za-z][A-Za-z0-9._-]*)[ \t]+(?=\S))");

    // Authorization: keep the scheme name, drop the rest of the value (to the end of the
    // line, or to the closing quote when the value is quoted).
    qsizetype from = 0;
    for (;;) {
        const QRegularExpressionMatch m = authorization.match(line, from);
        if (!m.hasMatch())
            break;
        qsizetype start = m.capturedEnd(0);
        const bool quoted = m.capturedLength(1) > 0;
        const QRegularExpressionMatch s = scheme.match(line, start);
        if (s.hasMatch())
            start = s.capturedEnd(0);
        qsizetype end = quoted ? line.indexOf(QLatin1Char('"'), start) : -1;
        if (end < 0)
            end = line.size();
        while (end > start && line.at(end - 1).isSpace())
            --end;
        if (end > start)
            line.replace(start, end - start, marker());
        from = start + (end > start ? marker().size() : 0);
        if (from >= line.size())
            break;
    }

    replaceGroup(line, bearer, 1);
    replaceGroup(line, parameter, 1);
    replaceGroup(line, jsonMember, 1);
    replaceGroup(line, userInfo, 1);
}

// End of an IMAP astring (atom, quoted string or literal) that starts at `pos` in `text`.
// A literal's bytes count as part of it when `text` holds them.
qsizetype astringEnd(const QString &text, qsizetype pos)
{
    const qsizetype size = text.size();
    if (pos >= size)
        return pos;
    const QChar first = text.at(pos);
    if (first == QLatin1Char('"')) {
        qsizetype i = pos + 1;
        while (i < size) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('\\') && i + 1 < size) {
                i += 2;
                continue;
            }
            if (c == QLatin1Char('"'))
                return i + 1;
            if (c == QLatin1Char('\r') || c == QLatin1Char('\n'))
                return i;
            ++i;
        }
        return size;
    }
    if (first == QLatin1Char('{')) {
        static const QRegularExpression literal(R"(\G\{(\d{1,9})\+?\}(\r?\n)?)");
        const QRegularExpressionMatch m = literal.match(text, pos);
        if (m.hasMatch()) {
            if (m.capturedLength(2) == 0)
                return m.capturedEnd(0);
            const qsizetype contentStart = m.capturedEnd(0);
            if (contentStart >= size) // the literal's bytes are not part of this text
                return m.capturedStart(2);
            return qMin(size, contentStart + m.capturedView(1).toLongLong());
        }
    }
    qsizetype i = pos;
    while (i < size && !text.at(i).isSpace())
        ++i;
    return i;
}

// IMAP "<tag> LOGIN user password" starting at the line that begins at `pos`. On success
// appends the redacted command to `out`, sets `*next` to where scanning continues, and
// returns true.
bool redactImapLogin(const QString &text, qsizetype pos, qsizetype lineEnd, QString &out,
                     qsizetype *next)
{
    static const QRegularExpression login(
        TRIBUTARY_TRACE_PREFIX "(" TRIBUTARY_IMAP_TAG R"()[ \t]+LOGIN[ \t]+)", kCi);
    const QRegularExpressionMatch m = login.match(QStringView(text).mid(pos, lineEnd - pos));
    if (!m.hasMatch() || m.capturedView(1).compare(QLatin1String("AUTH"), Qt::CaseInsensitive) == 0)
        return false;
    const qsizetype userStart = pos + m.capturedEnd(0);
    const qsizetype userEnd = astringEnd(text, userStart);
    qsizetype passStart = userEnd;
    while (passStart < text.size()
           && (text.at(passStart) == QLatin1Char(' ') || text.at(passStart) == QLatin1Char('\t')))
        ++passStart;
    if (passStart == userEnd || passStart >= text.size() || text.at(passStart) == QLatin1Char('\r')
        || text.at(passStart) == QLatin1Char('\n'))
        return false;
    const qsizetype passEnd = astringEnd(text, passStart);
    out += QStringView(text).mid(pos, passStart - pos);
    out += marker();
    *next = passEnd;
    return true;
}

QString redactText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype newline = text.indexOf(QLatin1Char('\n'), pos);
        qsizetype contentEnd = newline < 0 ? text.size() : newline;
        const qsizetype lineEnd = newline < 0 ? text.size() : newline + 1;
        if (contentEnd > pos && text.at(contentEnd - 1) == QLatin1Char('\r'))
            --contentEnd;

        qsizetype next = 0;
        if (redactImapLogin(text, pos, contentEnd, out, &next)) {
            pos = next;
            continue;
        }
        QString line = text.mid(pos, contentEnd - pos);
        redactCommand(line);
        redactEverywhere(line);
        out += line;
        out += QStringView(text).mid(contentEnd, lineEnd - contentEnd);
        pos = lineEnd;
    }
    return out;
}

} // namespace

QString redact(QStringView line)
{
    return redactText(line.toString());
}

QByteArray redact(const QByteArray &protocolLine)
{
    return redactText(QString::fromLatin1(protocolLine)).toLatin1();
}

namespace {

// `line` split into its content and its line break.
std::pair<QByteArray, QByteArray> splitLineBreak(const QByteArray &line)
{
    qsizetype end = line.size();
    while (end > 0 && (line.at(end - 1) == '\n' || line.at(end - 1) == '\r'))
        --end;
    return {line.left(end), line.mid(end)};
}

bool endsWithLiteral(const QByteArray &content)
{
    static const QRegularExpression literal(QStringLiteral(R"(\{\d{1,9}\+?\}$)"));
    return literal.match(QString::fromLatin1(content)).hasMatch();
}

} // namespace

QByteArray TraceRedactor::client(const QByteArray &line)
{
    static const QRegularExpression saslStart(
        QStringLiteral(TRIBUTARY_TRACE_PREFIX R"((?:AUTH|)" TRIBUTARY_IMAP_TAG
                                              R"(\s+AUTHENTICATE)\s+[A-Za-z0-9_-]+(?:\s|$))"),
        kCi);
    static const QRegularExpression imapLogin(
        QStringLiteral(TRIBUTARY_TRACE_PREFIX TRIBUTARY_IMAP_TAG R"(\s+LOGIN\s)"), kCi);

    const auto [content, lineBreak] = splitLineBreak(line);
    const QByteArray marker(redactedMarker);

    if (m_loginLiteral) {
        // The bytes of a literal announced on the previous line.
        m_loginLiteral = endsWithLiteral(content);
        return marker + lineBreak;
    }
    if (m_sasl) {
        const QByteArray trimmed = content.trimmed();
        if (trimmed.isEmpty() || trimmed == "*")
            return line;
        return marker + lineBreak;
    }

    const QString text = QString::fromLatin1(content);
    if (saslStart.match(text).hasMatch()
        && !text.contains(QLatin1String("AUTH="), Qt::CaseInsensitive))
        m_sasl = true;
    else if (imapLogin.match(text).hasMatch() && endsWithLiteral(content))
        m_loginLiteral = true;
    return redact(line);
}

QByteArray TraceRedactor::server(const QByteArray &line)
{
    if (m_sasl) {
        const bool continuation = line.startsWith("334") || line.startsWith('+');
        // "+OK" ends a POP3 exchange; "+ " and a bare "+" continue it.
        if (!continuation || line.startsWith("+OK"))
            m_sasl = false;
    }
    if (m_loginLiteral && !line.startsWith('+'))
        m_loginLiteral = false; // the server refused the literal
    return redact(line);
}

void TraceRedactor::reset()
{
    m_sasl = false;
    m_loginLiteral = false;
}

} // namespace Tributary::Net
