#include "oauthtypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Tributary::Oauth {

namespace {

// The first "AADSTS<digits>" in a Microsoft error description, as a number (0 if none).
int aadstsCode(const QString &description)
{
    static const QRegularExpression re(QStringLiteral("AADSTS(\\d{4,9})"));
    const auto match = re.match(description);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

Error fromAadsts(int code, const QString &error, const QString &description,
                 const ProviderConfig &provider)
{
    const QString name = QStringLiteral("AADSTS%1").arg(code);
    auto make = [&](Error::Kind kind) {
        Error e(kind, name, description);
        e.detail = QStringLiteral("error=") + error;
        return e;
    };
    switch (code) {
    case 65001: // the user or administrator has not consented to use the application
    case 90094: // the grant requires admin permission
    case 90095: // admin consent workflow: request sent for approval
    case 900941: // admin consent required (user consent not allowed)
    {
        Error e = make(Error::Kind::AdminConsentRequired);
        e.adminConsentUrl = provider.adminConsentUrl();
        e.permissions = provider.scopes;
        return e;
    }
    case 65004: // the user declined to consent
        return make(Error::Kind::ConsentDenied);
    case 900144: // the request body must contain the following parameter
    case 90014: // a required field is missing from the credential
    case 50011: // the redirect URI does not match
    case 70011: // invalid scope
        return make(Error::Kind::InvalidRequest);
    case 700016: // application not found in the directory
    case 7000112: // application is disabled
    case 7000218: // client_assertion or client_secret required: not registered as public
    case 700025: // public client sent a secret
    case 50194: // app not multi-tenant
        return make(Error::Kind::InvalidClient);
    case 70000: // invalid grant
    case 70008: // code or refresh token expired
    case 700082: // refresh token expired through inactivity
    case 700084: // SPA refresh token expired
    case 50173: // grant expired: password changed or reset
    case 50132: // session revoked
    case 50133: // session invalid after password change
    case 54005: // code already redeemed
        return make(Error::Kind::InvalidGrant);
    case 50020: // the account is from another identity provider / not in this tenant
    case 500200: // personal Microsoft account not allowed here
    case 50034: // the user account does not exist in this directory
        return make(Error::Kind::WrongAccount);
    default:
        return Error();
    }
}

} // namespace

Error classifyProviderError(const QString &error, const QString &description, const QUrl &errorUri,
                            const ProviderConfig &provider)
{
    Error result;
    if (const int aad = aadstsCode(description)) {
        result = fromAadsts(aad, error, description, provider);
        if (result.isError()) {
            result.errorUri = errorUri;
            return result;
        }
    }
    const QString e = error.trimmed().toLower();
    if (e == QLatin1String("disallowed_useragent")
        || description.contains(QLatin1String("disallowed_useragent"), Qt::CaseInsensitive))
        result = Error(Error::Kind::UserAgentBlocked, QStringLiteral("disallowed_useragent"),
                       description);
    else if (e == QLatin1String("access_denied") || e == QLatin1String("consent_required"))
        result = Error(Error::Kind::ConsentDenied, error, description);
    else if (e == QLatin1String("invalid_grant"))
        result = Error(Error::Kind::InvalidGrant, error, description);
    else if (e == QLatin1String("invalid_client") || e == QLatin1String("unauthorized_client"))
        result = Error(Error::Kind::InvalidClient, error, description);
    else if (e == QLatin1String("invalid_request") || e == QLatin1String("invalid_scope")
             || e == QLatin1String("unsupported_response_type")
             || e == QLatin1String("unsupported_grant_type"))
        result = Error(Error::Kind::InvalidRequest, error, description);
    else if (e == QLatin1String("expired_token"))
        result = Error(Error::Kind::Timeout, error, description);
    else if (e == QLatin1String("login_required") || e == QLatin1String("interaction_required"))
        result = Error(Error::Kind::SignInRequired, error, description);
    else if (e.isEmpty())
        result = Error(Error::Kind::ProtocolViolation, error, description);
    else
        result = Error(Error::Kind::Provider, error, description);
    result.errorUri = errorUri;
    return result;
}

Error parseErrorResponse(const QByteArray &body, int httpStatus, const ProviderConfig &provider)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    Error result;
    if (doc.isObject() && doc.object().value(QLatin1String("error")).isString()) {
        const QJsonObject o = doc.object();
        QString description = o.value(QLatin1String("error_description")).toString();
        // Microsoft also lists the numeric codes; make sure the classifier sees one.
        const QJsonArray codes = o.value(QLatin1String("error_codes")).toArray();
        if (!codes.isEmpty() && !description.contains(QLatin1String("AADSTS")))
            description = QStringLiteral("AADSTS%1: ").arg(codes.first().toInteger()) + description;
        result
            = classifyProviderError(o.value(QLatin1String("error")).toString(), description,
                                    QUrl(o.value(QLatin1String("error_uri")).toString()), provider);
    } else if (httpStatus >= 500 || httpStatus == 0) {
        result = Error(Error::Kind::Network);
        result.detail = QStringLiteral("the token endpoint answered HTTP %1 without an OAuth "
                                       "error")
                            .arg(httpStatus);
    } else {
        result = Error(Error::Kind::ProtocolViolation);
        result.detail = QStringLiteral("HTTP %1 with a body that is not an OAuth error (%2)")
                            .arg(httpStatus)
                            .arg(parseError.error == QJsonParseError::NoError
                                     ? QStringLiteral("no \"error\" member")
                                     : parseError.errorString());
    }
    result.httpStatus = httpStatus;
    return result;
}

TokenSet parseTokenResponse(const QByteArray &body, const QDateTime &now,
                            const QStringList &requestedScopes, Error *error)
{
    *error = Error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject()) {
        *error = Error(Error::Kind::ProtocolViolation);
        error->detail
            = QStringLiteral("token response is not a JSON object: ") + parseError.errorString();
        return TokenSet();
    }
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("error")).isString()) {
        *error = classifyProviderError(o.value(QLatin1String("error")).toString(),
                                       o.value(QLatin1String("error_description")).toString());
        return TokenSet();
    }
    TokenSet tokens;
    tokens.accessToken = o.value(QLatin1String("access_token")).toString();
    if (tokens.accessToken.isEmpty()) {
        *error = Error(Error::Kind::ProtocolViolation);
        error->detail = QStringLiteral("token response has no access_token");
        return TokenSet();
    }
    tokens.refreshToken = o.value(QLatin1String("refresh_token")).toString();
    tokens.idToken = o.value(QLatin1String("id_token")).toString();
    tokens.tokenType = o.value(QLatin1String("token_type")).toString();
    if (!tokens.tokenType.isEmpty()
        && tokens.tokenType.compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0) {
        *error = Error(Error::Kind::ProtocolViolation);
        error->detail = QStringLiteral("token type is not Bearer: ") + tokens.tokenType.left(40);
        return TokenSet();
    }
    tokens.obtainedAt = now;
    // expires_in is a number, but some providers send it as a string.
    const QJsonValue expires = o.value(QLatin1String("expires_in"));
    qint64 seconds = -1;
    if (expires.isDouble()) {
        // Range-checked before the conversion: a huge or negative number means "unknown".
        const double value = expires.toDouble(-1);
        if (value >= 0 && value < 1e12)
            seconds = qint64(value);
    } else if (expires.isString()) {
        bool ok = false;
        seconds = expires.toString().toLongLong(&ok);
        if (!ok)
            seconds = -1;
    }
    if (seconds >= 0 && seconds < 10LL * 365 * 24 * 3600)
        tokens.accessTokenExpiresAt = now.addSecs(seconds);
    const QString scope = o.value(QLatin1String("scope")).toString();
    tokens.grantedScopes
        = scope.isEmpty() ? requestedScopes : scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!tokens.refreshToken.isEmpty())
        tokens.refreshTokenIssuedAt = now;
    return tokens;
}

Error classifySmtpAuthReply(int code, const QString &text)
{
    if (code != 535 && code != 534 && code != 530 && code != 454)
        return Error();
    if (text.contains(QLatin1String("5.7.139"))) {
        Error e(Error::Kind::SmtpAuthDisabled, QStringLiteral("535 5.7.139"), text);
        return e;
    }
    if (code == 535 || code == 534)
        return Error(Error::Kind::SignInRequired, QString::number(code), text);
    return Error();
}

} // namespace Tributary::Oauth
