#pragma once

#include <QByteArray>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QString>
#include <QUrl>

// Test stand-in for a user's web browser on the OAuth fixture's pages: GETs a URL with its
// own cookie jar, follows redirects by hand (Location may be relative), and submits the
// pages' forms (hidden fields kept, visible ones filled by the test). It stops at a redirect
// to a custom scheme (returned in Page::stoppedAt without loading it). Trusts the fixture's
// CA. Waits with QSignalSpy (tests only).
class HeadlessBrowser
{
public:
    struct Page
    {
        QUrl url; // the last URL loaded
        int status = 0;
        QByteArray body;
        QUrl stoppedAt; // a redirect to a non-http(s) scheme, not followed
        QString networkError;
    };

    explicit HeadlessBrowser(const QString &caPath);

    Page open(const QUrl &url);
    // Submits the form with the given id (action, method post); `fields` override/add to its
    // hidden inputs. Follows the redirects that come back.
    Page submit(const Page &page, const QString &formId, const QHash<QString, QString> &fields);
    // Whether the page has an element with this id.
    static bool hasId(const Page &page, const QString &id);

private:
    Page load(QUrl url, const QByteArray &postBody);

    QNetworkAccessManager m_nam;
};
