#include "fixturecontrol.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>

namespace TestEnv {

qsizetype trustCertificateFiles(const QStringList &paths, const QList<QSslCertificate> &more)
{
    QList<QSslCertificate> cas;
    for (const QString &path : paths)
        cas += QSslCertificate::fromPath(path);
    const qsizetype read = cas.size();
    cas += more;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.addCaCertificates(cas);
    QSslConfiguration::setDefaultConfiguration(conf);
    return read;
}

bool postFixtureControl(const QString &url, const QByteArray &body, QByteArray *replyBody)
{
    QNetworkAccessManager nam;
    QNetworkRequest request {QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    std::unique_ptr<QNetworkReply> reply(nam.post(request, body));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(15000))
        return false;
    if (replyBody)
        *replyBody = reply->readAll();
    return reply->error() == QNetworkReply::NoError;
}

bool revokeAccountAtProvider(const QString &controlUrl, const QString &account,
                             QByteArray *replyBody)
{
    return postFixtureControl(controlUrl + QStringLiteral("/revoke-account"),
                              QByteArrayLiteral("account=") + account.toUtf8(), replyBody);
}

} // namespace TestEnv
