// HtmlSanitizer: what survives and what never does, including the usual evasions.
#include "app/services/mail/htmlsanitizer.h"

#include <QTest>
#include <QTextDocument>

using Tributary::HtmlSanitizer;

class tst_HtmlSanitizer : public QObject
{
    Q_OBJECT

    static QString clean(const QString &html) { return HtmlSanitizer::sanitize(html).html; }

private Q_SLOTS:
    void keepsPresentation()
    {
        const QString out = clean(QStringLiteral(
            "<html><head><title>T</title></head><body><p align=\"center\">Hello <b>bold</b> "
            "<i>it</i></p><table border=1><tr><td colspan=2>cell</td></tr></table>"
            "<a href=\"https://example.test/x?a=1&amp;b=2\">link</a></body></html>"));
        QVERIFY2(
            out.contains(QStringLiteral("<p align=\"center\">Hello <b>bold</b> <i>it</i></p>")),
            qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("<td colspan=\"2\">cell</td>")));
        QVERIFY(out.contains(
            QStringLiteral("<a href=\"https://example.test/x?a=1&amp;b=2\">link</a>")));
        QVERIFY(!out.contains(QStringLiteral("<html")));
        QVERIFY(!out.contains(QStringLiteral("T</"))); // the title's text went with it
    }

    void dropsScriptsAndActiveContent_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("forbidden");
        QTest::newRow("script") << QStringLiteral("a<script>document.title='pwned'</script>b")
                                << QStringLiteral("pwned");
        QTest::newRow("script-upper")
            << QStringLiteral("a<SCRIPT type=x>alert(1)</ScRiPt >b") << QStringLiteral("alert");
        QTest::newRow("script-unclosed")
            << QStringLiteral("a<script>alert(1)") << QStringLiteral("alert");
        QTest::newRow("onerror") << QStringLiteral("<img src=\"cid:x\" onerror=\"alert(1)\">")
                                 << QStringLiteral("onerror");
        QTest::newRow("onload-body")
            << QStringLiteral("<body onload=alert(1)>x</body>") << QStringLiteral("onload");
        QTest::newRow("js-href") << QStringLiteral("<a href=\"javascript:alert(1)\">x</a>")
                                 << QStringLiteral("javascript");
        QTest::newRow("js-href-entity")
            << QStringLiteral("<a href=\"&#106;ava&#x73;cript&colon;alert(1)\">x</a>")
            << QStringLiteral("cript");
        QTest::newRow("js-href-tab")
            << QStringLiteral("<a href=\"jav\tascript:alert(1)\">x</a>") << QStringLiteral("alert");
        QTest::newRow("data-img") << QStringLiteral("<img src=\"data:image/png;base64,AAAA\">")
                                  << QStringLiteral("data:");
        QTest::newRow("iframe") << QStringLiteral("<iframe src=\"https://evil.test/\">in</iframe>")
                                << QStringLiteral("evil");
        QTest::newRow("object") << QStringLiteral("<object data=\"x.swf\"><param name=a></object>")
                                << QStringLiteral("swf");
        QTest::newRow("embed") << QStringLiteral("<embed src=\"x.swf\">") << QStringLiteral("swf");
        QTest::newRow("form") << QStringLiteral("<form action=\"https://evil.test\"><input name=p>"
                                                "<button>Go</button></form>")
                              << QStringLiteral("evil");
        QTest::newRow("meta-refresh")
            << QStringLiteral("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.test\">")
            << QStringLiteral("evil");
        QTest::newRow("link-css") << QStringLiteral(
            "<link rel=stylesheet href=\"https://evil.test/a.css\">")
                                  << QStringLiteral("evil");
        QTest::newRow("base") << QStringLiteral("<base href=\"https://evil.test/\">")
                              << QStringLiteral("evil");
        QTest::newRow("style-expression")
            << QStringLiteral("<div style=\"width: expression(alert(1))\">x</div>")
            << QStringLiteral("expression");
        QTest::newRow("style-url")
            << QStringLiteral("<div style=\"background: URL( 'https://evil.test/t.gif')\">x</div>")
            << QStringLiteral("evil");
        QTest::newRow("style-element-import")
            << QStringLiteral("<style>@import 'https://evil.test/a.css';</style>x")
            << QStringLiteral("evil");
        QTest::newRow("style-escaped")
            << QStringLiteral("<p style=\"x:e\\xpression(alert(1))\">x</p>")
            << QStringLiteral("alert");
        QTest::newRow("svg") << QStringLiteral("<svg><script>alert(1)</script></svg>")
                             << QStringLiteral("alert");
        QTest::newRow("comment") << QStringLiteral("<!--<script>alert(1)</script>-->x")
                                 << QStringLiteral("alert");
        QTest::newRow("attr-break")
            << QStringLiteral("<p title='\"><script>alert(1)</script>'>x</p>")
            << QStringLiteral("<script");
        QTest::newRow("vbscript") << QStringLiteral("<a href=\"vbscript:msgbox\">x</a>")
                                  << QStringLiteral("vbscript");
        QTest::newRow("file-img") << QStringLiteral("<img src=\"file:///etc/passwd\">")
                                  << QStringLiteral("passwd");
        QTest::newRow("background-attr")
            << QStringLiteral("<table background=\"https://evil.test/b.png\">")
            << QStringLiteral("evil");
    }

    void dropsScriptsAndActiveContent()
    {
        QFETCH(QString, html);
        QFETCH(QString, forbidden);
        const QString out = clean(html);
        QVERIFY2(!out.contains(forbidden, Qt::CaseInsensitive), qPrintable(out));
        QVERIFY2(!out.contains(QStringLiteral("<script"), Qt::CaseInsensitive), qPrintable(out));
        // And what reaches QTextDocument shows no trace as text either, for script bodies.
        QTextDocument document;
        document.setHtml(out);
        QVERIFY2(!document.toPlainText().contains(QStringLiteral("alert(")),
                 qPrintable(document.toPlainText()));
    }

    void textStaysText()
    {
        const QString out = clean(QStringLiteral("1 < 2 and 3 > 2 & <3 fish"));
        QTextDocument document;
        document.setHtml(out);
        QCOMPARE(document.toPlainText(), QStringLiteral("1 < 2 and 3 > 2 & <3 fish"));
    }

    void remoteImagesBlockedUnlessAllowed()
    {
        const QString html
            = QStringLiteral("<p>Hi</p><img src=\"https://tracker.test/pixel.gif\" alt=\"pixel\">"
                             "<img src='http://images.test/logo.png'><img src=\"cid:logo@x\">"
                             "<img src=\"https://tracker.test/pixel.gif\">");
        const HtmlSanitizer::Result blocked = HtmlSanitizer::sanitize(html);
        QCOMPARE(blocked.remoteUrls,
                 (QList<QUrl> {QUrl(QStringLiteral("https://tracker.test/pixel.gif")),
                               QUrl(QStringLiteral("http://images.test/logo.png"))}));
        QVERIFY2(!blocked.html.contains(QStringLiteral("tracker.test")), qPrintable(blocked.html));
        QVERIFY(!blocked.html.contains(QStringLiteral("images.test")));
        QVERIFY(blocked.html.contains(QStringLiteral("alt=\"pixel\"")));
        QVERIFY(blocked.html.contains(QStringLiteral("src=\"cid:logo@x\"")));
        QCOMPARE(blocked.contentIds, QStringList {QStringLiteral("logo@x")});

        const HtmlSanitizer::Result allowed
            = HtmlSanitizer::sanitize(html, HtmlSanitizer::RemoteContent::Allow);
        QCOMPARE(allowed.remoteUrls, blocked.remoteUrls);
        QVERIFY(allowed.html.contains(QStringLiteral("src=\"https://tracker.test/pixel.gif\"")));
        QVERIFY(allowed.html.contains(QStringLiteral("src=\"http://images.test/logo.png\"")));
    }

    void unclosedElementsAreClosed()
    {
        const QString out = clean(QStringLiteral("<b><i>x"));
        QCOMPARE(out, QStringLiteral("<b><i>x</i></b>"));
        QCOMPARE(clean(QStringLiteral("</b>x</div>")), QStringLiteral("x"));
    }

    void textToHtmlLinks()
    {
        const QString out = HtmlSanitizer::textToHtml(
            QStringLiteral("See https://example.test/a?b=1&c=2. Or <javascript:alert(1)>\n"
                           "mail mailto:me@example.test"));
        QVERIFY2(out.contains(QStringLiteral("<a "
                                             "href=\"https://example.test/a?b=1&amp;c=2\">https://"
                                             "example.test/a?b=1&amp;c=2</a>.")),
                 qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("<a href=\"mailto:me@example.test\">")));
        QVERIFY(out.contains(QStringLiteral("&lt;javascript:alert(1)&gt;")));
        QVERIFY(!out.contains(QStringLiteral("href=\"javascript")));
        QVERIFY(HtmlSanitizer::isSafeLink(QUrl(QStringLiteral("https://a.test"))));
        QVERIFY(!HtmlSanitizer::isSafeLink(QUrl(QStringLiteral("javascript:alert(1)"))));
        QVERIFY(!HtmlSanitizer::isSafeLink(QUrl(QStringLiteral("file:///etc/passwd"))));
    }
};

QTEST_MAIN(tst_HtmlSanitizer)
#include "tst_htmlsanitizer.moc"
