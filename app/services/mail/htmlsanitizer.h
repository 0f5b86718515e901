#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Tributary {

// Makes the HTML of an untrusted message safe to hand to a QTextBrowser (which has no script
// engine; this is the second wall, not the only one).
//
// An allow-list: only the listed presentational elements and attributes survive; everything
// else is dropped. Elements that carry code, restyle the whole reader or pull in other
// documents (script, style, iframe, object, embed, applet, form controls, svg, math, meta,
// link, base) are removed with their content; style attributes survive only without
// expression(), url(), @import, behavior and script URLs; event handler attributes (on*) never
// survive; links keep only http, https and mailto targets; images keep only cid: sources (parts of
// the message itself) and, when remote content is allowed, http and https sources. data:,
// javascript:, vbscript:, file: and every other scheme is dropped wherever it appears.
//
// Reentrant: pure functions over strings, any thread. Never crashes on malformed input.
class HtmlSanitizer
{
public:
    enum class RemoteContent { Block, Allow };

    struct Result
    {
        QString html; // safe HTML (a fragment; no html/head/body elements)
        // http/https images the message refers to: dropped from `html` with Block, kept
        // with Allow (the reader fetches them only then). In document order, no duplicates.
        QList<QUrl> remoteUrls;
        QStringList contentIds; // cid: references of images, without the "cid:" prefix
        int removedElements = 0; // elements dropped (with or without their content)
        int removedAttributes = 0; // attributes dropped (including blocked remote sources)
    };

    static Result sanitize(const QString &html, RemoteContent remote = RemoteContent::Block);

    // text/plain as safe HTML: escaped, line breaks and spaces kept, http, https and
    // mailto addresses turned into links.
    static QString textToHtml(const QString &text);

    // True when a URL may be offered as a link the user can click (http, https, mailto).
    static bool isSafeLink(const QUrl &url);
};

} // namespace Tributary
