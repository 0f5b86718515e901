#include "oauthhttp.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Tributary::Oauth::Http {

QString formEncode(const QString &value)
{
    return QString::fromLatin1(value.toUtf8().toPercentEncoding());
}

QByteArray formBody(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &field : fields) {
        if (!body.isEmpty())
            body.append('&');
        body.append(field.first.toUtf8().toPercentEncoding());
        body.append('=');
        body.append(field.second.toUtf8().toPercentEncoding());
    }
    return body;
}

QNetworkReply *postForm(QNetworkAccessManager *nam, const QUrl &url,
                        const QList<QPair<QString, QString>> &fields, int timeoutSeconds)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutSeconds * 1000);
    return nam->post(request, formBody(fields));
}

QByteArray readReply(QNetworkReply *reply, const ProviderConfig &provider, Error *error)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QByteArray body = reply->readAll();
    const QString where = reply->url().adjusted(QUrl::RemoveQuery).toString();
    if (status >= 400) {
        *error = parseErrorResponse(body, status, provider);
        if (error->detail.isEmpty())
            error->detail = QStringLiteral("HTTP %1 from %2").arg(status).arg(where);
        return body;
    }
    switch (reply->error()) {
    case QNetworkReply::NoError:
        break;
    case QNetworkReply::SslHandshakeFailedError:
        *error = Error(Error::Kind::Tls);
        error->detail = reply->errorString() + QStringLiteral(" (") + where + QLatin1Char(')');
        return body;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        *error = Error(Error::Kind::Timeout);
        error->detail = reply->errorString() + QStringLiteral(" (") + where + QLatin1Char(')');
        return body;
    default:
        if (status == 0) {
            *error = Error(Error::Kind::Network);
            error->detail = reply->errorString() + QStringLiteral(" (") + where + QLatin1Char(')');
            return body;
        }
        break;
    }
    if (status < 200 || status >= 300) {
        *error = Error(Error::Kind::ProtocolViolation);
        error->httpStatus = status;
        error->detail = QStringLiteral("unexpected HTTP %1 from %2").arg(status).arg(where);
    }
    return body;
}

} // namespace Tributary::Oauth::Http
