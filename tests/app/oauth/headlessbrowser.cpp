#include "headlessbrowser.h"

#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTest>

HeadlessBrowser::HeadlessBrowser(const QString &caPath)
{
    m_nam.setCookieJar(new QNetworkCookieJar(&m_nam));
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.addCaCertificates(QSslCertificate::fromPath(caPath));
    QSslConfiguration::setDefaultConfiguration(conf);
}

bool HeadlessBrowser::hasId(const Page &page, const QString &id)
{
    const QByteArray needle = QByteArray("id=\"") + id.toUtf8() + '"';
    return page.body.contains(needle);
}

static QString unescapeHtml(QString text)
{
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#34;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    return text;
}

HeadlessBrowser::Page HeadlessBrowser::open(const QUrl &url)
{
    return load(url, QByteArray());
}

HeadlessBrowser::Page HeadlessBrowser::submit(const Page &page, const QString &formId,
                                              const QHash<QString, QString> &fields)
{
    const QString html = QString::fromUtf8(page.body);
    const QRegularExpression formRe(QStringLiteral("<form[^>]*id=\"%1\"[^>]*>(.*?)</form>")
                                        .arg(QRegularExpression::escape(formId)),
                                    QRegularExpression::DotMatchesEverythingOption);
    const auto form = formRe.match(html);
    if (!form.hasMatch()) {
        Page none;
        none.networkError = QStringLiteral("no form ") + formId;
        return none;
    }
    const QRegularExpression actionRe(QStringLiteral("action=\"([^\"]*)\""));
    const QString action = unescapeHtml(actionRe.match(form.captured(0)).captured(1));
    QList<QPair<QString, QString>> values;
    const QRegularExpression inputRe(QStringLiteral("<input([^>]*)>"));
    const QRegularExpression nameRe(QStringLiteral("name=\"([^\"]*)\""));
    const QRegularExpression valueRe(QStringLiteral("value=\"([^\"]*)\""));
    auto it = inputRe.globalMatch(form.captured(1));
    while (it.hasNext()) {
        const QString attrs = it.next().captured(1);
        if (!attrs.contains(QLatin1String("type=\"hidden\"")))
            continue;
        const QString name = unescapeHtml(nameRe.match(attrs).captured(1));
        if (!fields.contains(name))
            values.append({name, unescapeHtml(valueRe.match(attrs).captured(1))});
    }
    for (auto f = fields.cbegin(); f != fields.cend(); ++f)
        values.append({f.key(), f.value()});
    QByteArray body;
    for (const auto &v : std::as_const(values)) {
        if (!body.isEmpty())
            body.append('&');
        body += v.first.toUtf8().toPercentEncoding();
        body += '=';
        body += v.second.toUtf8().toPercentEncoding();
    }
    const QUrl target = page.url.resolved(QUrl(action));
    return load(target, body.isEmpty() ? QByteArray("_=1") : body);
}

HeadlessBrowser::Page HeadlessBrowser::load(QUrl url, const QByteArray &postBody)
{
    Page page;
    QByteArray body = postBody;
    for (int hops = 0; hops < 20; ++hops) {
        if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) {
            page.stoppedAt = url;
            return page;
        }
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(20000);
        QNetworkReply *reply;
        if (body.isEmpty()) {
            reply = m_nam.get(request);
        } else {
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/x-www-form-urlencoded"));
            reply = m_nam.post(request, body);
        }
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !done.wait(20000)) {
            page.networkError = QStringLiteral("timeout loading ") + url.toString();
            reply->deleteLater();
            return page;
        }
        page.url = url;
        page.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        page.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && page.status == 0)
            page.networkError = reply->errorString();
        const QByteArray location = reply->rawHeader("Location");
        reply->deleteLater();
        if (page.status >= 300 && page.status < 400 && !location.isEmpty()) {
            url = url.resolved(QUrl::fromEncoded(location));
            body.clear();
            continue;
        }
        return page;
    }
    page.networkError = QStringLiteral("too many redirects");
    return page;
}
