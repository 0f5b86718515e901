#pragma once

#include "oauthtypes.h"

#include <QList>
#include <QPair>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;

// Small HTTP helpers shared by the OAuth jobs (internal to connectors/oauth).
namespace Tributary::Oauth::Http {

// application/x-www-form-urlencoded value: every byte but [A-Za-z0-9-._~] percent-encoded
// (QUrlQuery leaves '+' alone, which a form decoder reads as a space).
QString formEncode(const QString &value);
QByteArray formBody(const QList<QPair<QString, QString>> &fields);

// POSTs the form with Accept: application/json and a transfer timeout. The caller owns the
// reply (deleteLater it in its finished handler).
QNetworkReply *postForm(QNetworkAccessManager *nam, const QUrl &url,
                        const QList<QPair<QString, QString>> &fields, int timeoutSeconds);

// The body of a finished reply. On a transport failure (refused, DNS, TLS, timeout) or an
// HTTP error status, *error says what (provider errors classified by parseErrorResponse).
QByteArray readReply(QNetworkReply *reply, const ProviderConfig &provider, Error *error);

} // namespace Tributary::Oauth::Http
