#include "htmlsanitizer.h"

#include <QRegularExpression>
#include <QSet>

namespace Tributary {

namespace {

// Presentational elements that survive (their attributes still go through the allow-list).
const QSet<QString> &allowedElements()
{
    static const QSet<QString> names {
        QStringLiteral("a"),        QStringLiteral("abbr"),    QStringLiteral("address"),
        QStringLiteral("b"),        QStringLiteral("big"),     QStringLiteral("blockquote"),
        QStringLiteral("br"),       QStringLiteral("caption"), QStringLiteral("center"),
        QStringLiteral("cite"),     QStringLiteral("code"),    QStringLiteral("col"),
        QStringLiteral("colgroup"), QStringLiteral("dd"),      QStringLiteral("del"),
        QStringLiteral("dfn"),      QStringLiteral("div"),     QStringLiteral("dl"),
        QStringLiteral("dt"),       QStringLiteral("em"),      QStringLiteral("font"),
        QStringLiteral("h1"),       QStringLiteral("h2"),      QStringLiteral("h3"),
        QStringLiteral("h4"),       QStringLiteral("h5"),      QStringLiteral("h6"),
        QStringLiteral("hr"),       QStringLiteral("i"),       QStringLiteral("img"),
        QStringLiteral("ins"),      QStringLiteral("kbd"),     QStringLiteral("li"),
        QStringLiteral("ol"),       QStringLiteral("p"),       QStringLiteral("pre"),
        QStringLiteral("q"),        QStringLiteral("s"),       QStringLiteral("samp"),
        QStringLiteral("small"),    QStringLiteral("span"),    QStringLiteral("strike"),
        QStringLiteral("strong"),   QStringLiteral("sub"),     QStringLiteral("sup"),
        QStringLiteral("table"),    QStringLiteral("tbody"),   QStringLiteral("td"),
        QStringLiteral("tfoot"),    QStringLiteral("th"),      QStringLiteral("thead"),
        QStringLiteral("tr"),       QStringLiteral("tt"),      QStringLiteral("u"),
        QStringLiteral("ul"),       QStringLiteral("var"),
    };
    return names;
}

// Elements removed together with everything up to their end tag.
const QSet<QString> &droppedWithContent()
{
    static const QSet<QString> names {
        QStringLiteral("script"),   QStringLiteral("style"),     QStringLiteral("title"),
        QStringLiteral("iframe"),   QStringLiteral("frame"),     QStringLiteral("frameset"),
        QStringLiteral("object"),   QStringLiteral("embed"),     QStringLiteral("applet"),
        QStringLiteral("noscript"), QStringLiteral("noembed"),   QStringLiteral("noframes"),
        QStringLiteral("textarea"), QStringLiteral("select"),    QStringLiteral("button"),
        QStringLiteral("template"), QStringLiteral("svg"),       QStringLiteral("math"),
        QStringLiteral("audio"),    QStringLiteral("video"),     QStringLiteral("canvas"),
        QStringLiteral("xmp"),      QStringLiteral("plaintext"), QStringLiteral("head"),
        QStringLiteral("xml"),
    };
    return names;
}

// Of those, the ones whose content is raw text: without an end tag, the rest of the input
// is dropped. For the others a missing end tag drops only the tag.
bool isRawText(const QString &name)
{
    return name != QLatin1String("head") && name != QLatin1String("select")
        && name != QLatin1String("button") && name != QLatin1String("audio")
        && name != QLatin1String("video") && name != QLatin1String("canvas")
        && name != QLatin1String("frameset");
}

const QSet<QString> &voidElements()
{
    static const QSet<QString> names {QStringLiteral("br"), QStringLiteral("hr"),
                                      QStringLiteral("img"), QStringLiteral("col")};
    return names;
}

const QSet<QString> &allowedAttributes()
{
    static const QSet<QString> names {
        QStringLiteral("align"),   QStringLiteral("valign"),      QStringLiteral("bgcolor"),
        QStringLiteral("color"),   QStringLiteral("width"),       QStringLiteral("height"),
        QStringLiteral("border"),  QStringLiteral("cellpadding"), QStringLiteral("cellspacing"),
        QStringLiteral("colspan"), QStringLiteral("rowspan"),     QStringLiteral("dir"),
        QStringLiteral("lang"),    QStringLiteral("title"),       QStringLiteral("alt"),
        QStringLiteral("face"),    QStringLiteral("size"),        QStringLiteral("style"),
        QStringLiteral("type"),    QStringLiteral("start"),       QStringLiteral("nowrap"),
        QStringLiteral("href"),    QStringLiteral("src"),
    };
    return names;
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_')
        || c == QLatin1Char(':');
}

// Decodes the character references of an attribute value (numeric and the few named ones
// that matter for URL schemes), so "&#106;avascript:" is seen as what it is.
QString decodeEntities(const QString &value)
{
    if (!value.contains(QLatin1Char('&')))
        return value;
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c != QLatin1Char('&')) {
            out += c;
            continue;
        }
        qsizetype end = i + 1;
        while (end < value.size() && end - i < 12 && value.at(end) != QLatin1Char(';')
               && (value.at(end).isLetterOrNumber() || value.at(end) == QLatin1Char('#')))
            ++end;
        const QString entity = value.mid(i + 1, end - i - 1);
        const bool terminated = end < value.size() && value.at(end) == QLatin1Char(';');
        char32_t code = 0;
        bool ok = false;
        if (entity.startsWith(QLatin1Char('#'))) {
            if (entity.size() > 1
                && (entity.at(1) == QLatin1Char('x') || entity.at(1) == QLatin1Char('X')))
                code = entity.mid(2).toUInt(&ok, 16);
            else
                code = entity.mid(1).toUInt(&ok, 10);
            if (ok && (code == 0 || code > 0x10FFFF))
                code = 0xFFFD;
        } else {
            static const QHash<QString, char32_t> named {
                {QStringLiteral("amp"), U'&'},   {QStringLiteral("lt"), U'<'},
                {QStringLiteral("gt"), U'>'},    {QStringLiteral("quot"), U'"'},
                {QStringLiteral("apos"), U'\''}, {QStringLiteral("colon"), U':'},
                {QStringLiteral("tab"), U'\t'},  {QStringLiteral("newline"), U'\n'},
                {QStringLiteral("nbsp"), 0xA0},
            };
            const auto it = named.constFind(entity.toLower());
            ok = it != named.constEnd();
            if (ok)
                code = it.value();
        }
        if (!ok || entity.isEmpty()) {
            out += c;
            continue;
        }
        out += QString::fromUcs4(&code, 1);
        i = terminated ? end : end - 1;
    }
    return out;
}

// The scheme of a URL as a browser would see it: control characters and whitespace inside
// it are ignored ("java\tscript:" is javascript:).
QString schemeOf(const QString &value)
{
    QString compact;
    for (QChar c : value) {
        if (c.unicode() <= 0x20 || c == QChar(0x7F) || c.category() == QChar::Other_Format)
            continue;
        if (c == QLatin1Char(':'))
            return compact.toLower();
        if (c == QLatin1Char('/') || c == QLatin1Char('?') || c == QLatin1Char('#'))
            return QString();
        compact += c;
    }
    return QString(); // relative: no scheme
}

// CSS that must not reach the renderer: scripts (expression(), behavior, -moz-binding,
// javascript:) and anything that loads another resource (url(), @import).
bool isSafeCss(const QString &css)
{
    QString compact;
    compact.reserve(css.size());
    bool inComment = false;
    for (qsizetype i = 0; i < css.size(); ++i) {
        const QChar c = css.at(i);
        if (!inComment && c == QLatin1Char('/') && i + 1 < css.size()
            && css.at(i + 1) == QLatin1Char('*')) {
            inComment = true;
            ++i;
            continue;
        }
        if (inComment) {
            if (c == QLatin1Char('*') && i + 1 < css.size() && css.at(i + 1) == QLatin1Char('/')) {
                inComment = false;
                ++i;
            }
            continue;
        }
        if (c.isSpace() || c == QLatin1Char('\\') || c.unicode() < 0x20)
            continue; // escapes and spaces could hide a keyword
        compact += c.toLower();
    }
    static const char *const banned[] = {"expression", "url(",    "javascript",   "vbscript",
                                         "behavior",   "@import", "-moz-binding", "<"};
    for (const char *word : banned) {
        if (compact.contains(QLatin1String(word)))
            return false;
    }
    return true;
}

struct Attribute
{
    QString name;
    QString value;
};

class Sanitizer
{
public:
    Sanitizer(const QString &input, HtmlSanitizer::RemoteContent remote)
        : in(input)
        , remote(remote)
    {
    }

    HtmlSanitizer::Result run()
    {
        result.html.reserve(in.size());
        while (pos < in.size()) {
            const QChar c = in.at(pos);
            if (c == QLatin1Char('<'))
                markup();
            else
                text();
        }
        // Close what is still open, so nothing the message left open spills into the
        // reader's own markup.
        while (!open.isEmpty())
            result.html += QStringLiteral("</") + open.takeLast() + QLatin1Char('>');
        return result;
    }

private:
    void text()
    {
        const qsizetype next = in.indexOf(QLatin1Char('<'), pos);
        const qsizetype end = next < 0 ? in.size() : next;
        for (qsizetype i = pos; i < end; ++i) {
            const QChar c = in.at(i);
            if (c == QLatin1Char('>'))
                result.html += QStringLiteral("&gt;");
            else if (c == QLatin1Char('"'))
                result.html += QStringLiteral("&quot;");
            else if (c.unicode() == 0)
                result.html += QChar(0xFFFD);
            else
                result.html += c;
        }
        pos = end;
    }

    void skipPast(const QString &what)
    {
        const qsizetype at = in.indexOf(what, pos);
        pos = at < 0 ? in.size() : at + what.size();
    }

    void markup()
    {
        // pos is at '<'
        if (in.mid(pos, 4) == QLatin1String("<!--")) {
            pos += 4;
            skipPast(QStringLiteral("-->"));
            return;
        }
        const QChar next = pos + 1 < in.size() ? in.at(pos + 1) : QChar();
        if (next == QLatin1Char('!') || next == QLatin1Char('?')) {
            skipPast(QStringLiteral(">"));
            return;
        }
        const bool closing = next == QLatin1Char('/');
        const qsizetype nameStart = pos + (closing ? 2 : 1);
        if (nameStart >= in.size() || !in.at(nameStart).isLetter()) {
            if (closing) { // "</ ..." or "</>": a bogus comment
                skipPast(QStringLiteral(">"));
                return;
            }
            result.html += QStringLiteral("&lt;");
            ++pos;
            return;
        }
        qsizetype i = nameStart;
        while (i < in.size() && isNameChar(in.at(i)))
            ++i;
        const QString name = in.mid(nameStart, i - nameStart).toLower();
        pos = i;
        bool selfClosing = false;
        const QList<Attribute> attributes = readAttributes(&selfClosing);
        if (closing)
            endTag(name);
        else
            startTag(name, attributes, selfClosing);
    }

    QList<Attribute> readAttributes(bool *selfClosing)
    {
        QList<Attribute> attributes;
        while (pos < in.size()) {
            const QChar c = in.at(pos);
            if (c == QLatin1Char('>')) {
                ++pos;
                return attributes;
            }
            if (c.isSpace() || c == QLatin1Char('/')) {
                if (c == QLatin1Char('/'))
                    *selfClosing = pos + 1 < in.size() && in.at(pos + 1) == QLatin1Char('>');
                ++pos;
                continue;
            }
            *selfClosing = false;
            qsizetype i = pos;
            while (i < in.size() && !in.at(i).isSpace() && in.at(i) != QLatin1Char('=')
                   && in.at(i) != QLatin1Char('>') && in.at(i) != QLatin1Char('/'))
                ++i;
            if (i == pos) { // a lone '=' or similar
                ++pos;
                continue;
            }
            Attribute attribute;
            attribute.name = in.mid(pos, i - pos).toLower();
            pos = i;
            while (pos < in.size() && in.at(pos).isSpace())
                ++pos;
            if (pos < in.size() && in.at(pos) == QLatin1Char('=')) {
                ++pos;
                while (pos < in.size() && in.at(pos).isSpace())
                    ++pos;
                if (pos < in.size()
                    && (in.at(pos) == QLatin1Char('"') || in.at(pos) == QLatin1Char('\''))) {
                    const QChar quote = in.at(pos);
                    const qsizetype end = in.indexOf(quote, pos + 1);
                    const qsizetype stop = end < 0 ? in.size() : end;
                    attribute.value = in.mid(pos + 1, stop - pos - 1);
                    pos = end < 0 ? in.size() : end + 1;
                } else {
                    qsizetype end = pos;
                    while (end < in.size() && !in.at(end).isSpace()
                           && in.at(end) != QLatin1Char('>'))
                        ++end;
                    attribute.value = in.mid(pos, end - pos);
                    pos = end;
                }
            }
            if (attributes.size() < 64)
                attributes.append(attribute);
        }
        return attributes;
    }

    void startTag(const QString &name, const QList<Attribute> &attributes, bool selfClosing)
    {
        if (droppedWithContent().contains(name)) {
            ++result.removedElements;
            if (selfClosing)
                return;
            const qsizetype end = findEndTag(name);
            if (end >= 0)
                pos = end;
            else if (isRawText(name))
                pos = in.size();
            return;
        }
        if (!allowedElements().contains(name)) {
            // html, body, form, input, meta, link, base, unknown tags: the tag goes, any
            // text inside stays (and is sanitized like the rest).
            if (name != QLatin1String("html") && name != QLatin1String("body"))
                ++result.removedElements;
            return;
        }
        QString tag = QLatin1Char('<') + name;
        for (const Attribute &attribute : attributes) {
            const QString value = filteredAttribute(name, attribute);
            if (value.isNull()) {
                ++result.removedAttributes;
                continue;
            }
            tag += QLatin1Char(' ') + attribute.name + QStringLiteral("=\"") + value.toHtmlEscaped()
                + QLatin1Char('"');
        }
        tag += QLatin1Char('>');
        result.html += tag;
        // Deeper nesting than this is not closed at the end (the renderer copes).
        if (!voidElements().contains(name) && !selfClosing && open.size() < 512)
            open.append(name);
    }

    void endTag(const QString &name)
    {
        if (!allowedElements().contains(name) || voidElements().contains(name))
            return;
        const qsizetype at = open.lastIndexOf(name);
        if (at < 0)
            return; // nothing of that name is open: ignore
        while (open.size() > at)
            result.html += QStringLiteral("</") + open.takeLast() + QLatin1Char('>');
    }

    // Position just past "</name ...>", or -1.
    qsizetype findEndTag(const QString &name) const
    {
        const QString needle = QStringLiteral("</") + name;
        qsizetype from = pos;
        while (true) {
            const qsizetype at = in.indexOf(needle, from, Qt::CaseInsensitive);
            if (at < 0)
                return -1;
            const qsizetype after = at + needle.size();
            if (after >= in.size())
                return in.size();
            if (!isNameChar(in.at(after))) {
                const qsizetype close = in.indexOf(QLatin1Char('>'), after);
                return close < 0 ? in.size() : close + 1;
            }
            from = after;
        }
    }

    void noteRemote(const QUrl &url)
    {
        if (!result.remoteUrls.contains(url))
            result.remoteUrls.append(url);
    }

    // The value to keep, or a null QString to drop the attribute.
    QString filteredAttribute(const QString &element, const Attribute &attribute)
    {
        if (!allowedAttributes().contains(attribute.name))
            return QString();
        QString value = decodeEntities(attribute.value);
        if (attribute.name == QLatin1String("style"))
            return isSafeCss(value) ? value : QString();
        if (attribute.name == QLatin1String("href")) {
            if (element != QLatin1String("a"))
                return QString();
            QString trimmed = value.trimmed();
            if (trimmed.startsWith(QLatin1Char('#')))
                return trimmed;
            const QUrl url(trimmed);
            return isSafeLinkScheme(schemeOf(trimmed)) && url.isValid() ? trimmed : QString();
        }
        if (attribute.name == QLatin1String("src")) {
            if (element != QLatin1String("img"))
                return QString();
            QString trimmed = value.trimmed();
            const QString scheme = schemeOf(trimmed);
            if (scheme == QLatin1String("cid")) {
                const QString id = QUrl::fromPercentEncoding(trimmed.mid(4).toUtf8());
                if (!id.isEmpty() && !result.contentIds.contains(id))
                    result.contentIds.append(id);
                return trimmed;
            }
            if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
                const QUrl url(trimmed);
                if (!url.isValid() || url.host().isEmpty())
                    return QString();
                noteRemote(url);
                return remote == HtmlSanitizer::RemoteContent::Allow ? trimmed : QString();
            }
            return QString(); // data:, file:, relative paths, anything else
        }
        if (value.contains(QLatin1Char('<')) || schemeOf(value) == QLatin1String("javascript"))
            return QString();
        return value;
    }

    static bool isSafeLinkScheme(const QString &scheme)
    {
        return scheme == QLatin1String("http") || scheme == QLatin1String("https")
            || scheme == QLatin1String("mailto");
    }

    const QString &in;
    const HtmlSanitizer::RemoteContent remote;
    qsizetype pos = 0;
    QStringList open;
    HtmlSanitizer::Result result;
};

} // namespace

HtmlSanitizer::Result HtmlSanitizer::sanitize(const QString &html, RemoteContent remote)
{
    return Sanitizer(html, remote).run();
}

bool HtmlSanitizer::isSafeLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid()
        && (scheme == QLatin1String("http") || scheme == QLatin1String("https")
            || scheme == QLatin1String("mailto"));
}

QString HtmlSanitizer::textToHtml(const QString &text)
{
    static const QRegularExpression link(QStringLiteral("(?:https?://|mailto:)[^\\s<>\"']+"),
                                         QRegularExpression::CaseInsensitiveOption);
    QString out = QStringLiteral("<div style=\"white-space: pre-wrap\">");
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = link.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QString target = m.captured(0);
        // Sentence punctuation after an address is not part of it.
        while (!target.isEmpty()
               && QStringLiteral(".,;:!?)]}").contains(target.at(target.size() - 1)))
            target.chop(1);
        out += text.mid(last, m.capturedStart() - last).toHtmlEscaped();
        const QUrl url(target);
        if (isSafeLink(url))
            out += QStringLiteral("<a href=\"") + target.toHtmlEscaped() + QStringLiteral("\">")
                + target.toHtmlEscaped() + QStringLiteral("</a>");
        else
            out += target.toHtmlEscaped();
        last = m.capturedStart() + target.size();
    }
    out += text.mid(last).toHtmlEscaped();
    out += QStringLiteral("</div>");
    return out;
}

} // namespace Tributary
