#include "oauthtypes.h"

#include <QMetaEnum>

namespace Tributary::Oauth {

QUrl ProviderConfig::adminConsentUrl() const
{
    if (adminConsentUrlTemplate.isEmpty() || clientId.isEmpty())
        return QUrl();
    const QString tenantPart = (tenant.isEmpty() || tenant == QLatin1String("common")
                                || tenant == QLatin1String("consumers"))
        ? QStringLiteral("organizations")
        : tenant;
    auto enc = [](const QString &v) {
        return QString::fromLatin1(v.toUtf8().toPercentEncoding());
    };
    QString text = adminConsentUrlTemplate;
    text.replace(QLatin1String("{tenant}"), enc(tenantPart));
    text.replace(QLatin1String("{client_id}"), enc(clientId));
    text.replace(QLatin1String("{scope}"), enc(scopes.join(QLatin1Char(' '))));
    text.replace(QLatin1String("{redirect_uri}"), enc(redirectUri.toString(QUrl::FullyEncoded)));
    return QUrl(text, QUrl::StrictMode);
}

bool TokenSet::accessTokenExpiresWithin(int marginSeconds, const QDateTime &now) const
{
    if (accessToken.isEmpty())
        return true;
    if (!accessTokenExpiresAt.isValid())
        return !obtainedAt.isValid() || obtainedAt.secsTo(now) > 3600 - marginSeconds;
    return now.secsTo(accessTokenExpiresAt) <= marginSeconds;
}

QString TokenSet::redacted() const
{
    return QStringLiteral("access token (%1 characters, expires %2), refresh token %3, scopes: %4")
        .arg(accessToken.size())
        .arg(accessTokenExpiresAt.isValid() ? accessTokenExpiresAt.toString(Qt::ISODate)
                                            : QStringLiteral("unknown"),
             refreshToken.isEmpty() ? QStringLiteral("none") : QStringLiteral("present"),
             grantedScopes.join(QLatin1Char(' ')));
}

Error::Error(Kind k, const QString &c, const QString &d)
    : kind(k)
    , code(c)
    , description(d)
{
}

namespace {
// The provider's own words as a sentence of ours: ends with a full stop unless it already
// ends a sentence.
QString asSentence(const QString &said)
{
    static const QString enders = QStringLiteral(".!?");
    return !said.isEmpty() && enders.contains(said.back()) ? said : said + QLatin1Char('.');
}
} // namespace

QString Error::userMessage() const
{
    // The provider's own sentence, without Microsoft's trace/correlation lines.
    QString said = description.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (said.endsWith(QLatin1Char('\r')))
        said.chop(1);
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Cancelled:
        return tr("Sign-in was cancelled: the sign-in window was closed before it finished.");
    case Kind::ConsentDenied:
        return tr("You did not allow Tributary to access this account, so it cannot sign in. "
                  "Sign in again and choose Allow (Accept) on the provider's permission page.");
    case Kind::AdminConsentRequired: {
        QString text = tr("Your organisation only lets an administrator allow new apps. Ask "
                          "your administrator to grant Tributary access for everyone");
        if (adminConsentUrl.isValid() && !adminConsentUrl.isEmpty())
            text += tr(" by opening this link: %1").arg(adminConsentUrl.toString());
        if (!permissions.isEmpty())
            text += tr(" (permissions needed: %1)").arg(permissions.join(QStringLiteral(", ")));
        return text + tr(". Then sign in again.");
    }
    case Kind::WrongAccount:
        return tr("You signed in with a different account than the one this task is for. "
                  "Sign in again with the right account.");
    case Kind::UserAgentBlocked:
        return tr("The provider refuses sign-in inside an app window (disallowed_useragent). "
                  "Sign in with the system browser instead (Settings, Sign-in method).");
    case Kind::StateMismatch:
        return tr("The sign-in answer did not belong to this sign-in (it may be forged or from "
                  "an older attempt), so it was refused. Please sign in again.");
    case Kind::InvalidRedirect:
        return tr("The provider's sign-in ended without an authorization. Please sign in "
                  "again.");
    case Kind::InvalidGrant:
        return said.isEmpty()
            ? tr("The provider no longer accepts the saved sign-in (it expired, was revoked "
                 "or the password changed). Please sign in again.")
            : tr("The provider no longer accepts the saved sign-in: %1 Please sign in "
                 "again.")
                  .arg(asSentence(said));
    case Kind::InvalidClient:
        return tr("The provider does not accept Tributary's client ID (%1). Check the client "
                  "ID in the settings or ask your administrator to allow the app.")
            .arg(said.isEmpty() ? code : said);
    case Kind::InvalidRequest:
        return tr("The sign-in request was not accepted (%1). This is a configuration problem: "
                  "check the provider's client ID, tenant and scopes in the settings.")
            .arg(said.isEmpty() ? code : said);
    case Kind::Provider:
        return said.isEmpty() ? tr("The provider reported an error: %1.").arg(code)
                              : tr("The provider reported an error: %1").arg(said);
    case Kind::SmtpAuthDisabled:
        return tr("The mail server refuses SMTP sign-in for this mailbox: SMTP AUTH is turned "
                  "off for it or for the whole organisation (535 5.7.139). An administrator "
                  "must enable \"Authenticated SMTP\" for the mailbox (see "
                  "https://aka.ms/smtp_auth_disabled).");
    case Kind::Network:
        return tr("Could not reach the sign-in server. Check the network connection and try "
                  "again.");
    case Kind::Tls:
        return tr("The sign-in server's certificate is not trusted, so Tributary did not send "
                  "anything to it.");
    case Kind::Timeout:
        return tr("The sign-in did not finish in time. Please try again.");
    case Kind::ProtocolViolation:
        return tr("The sign-in server sent an answer Tributary does not understand.");
    case Kind::AgentFailed:
        return detail.isEmpty() ? tr("The sign-in window could not be opened.")
                                : tr("The sign-in window could not be opened: %1").arg(detail);
    case Kind::Keychain:
        return detail.isEmpty()
            ? tr("The sign-in could not be kept in the system keychain.")
            : tr("The sign-in could not be kept in the system keychain: %1").arg(detail);
    case Kind::SignInRequired:
        return tr("Tributary needs you to sign in to this account again.");
    }
    return QString();
}

QString Error::details() const
{
    QStringList parts;
    parts << QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(kind)));
    if (!code.isEmpty())
        parts << QStringLiteral("error=") + code;
    if (!description.isEmpty())
        parts << QStringLiteral("description=") + description.simplified();
    if (httpStatus)
        parts << QStringLiteral("HTTP %1").arg(httpStatus);
    if (!errorUri.isEmpty())
        parts << errorUri.toString();
    if (!detail.isEmpty())
        parts << detail;
    return userMessage() + QStringLiteral(" [") + parts.join(QStringLiteral("; "))
        + QLatin1Char(']');
}

} // namespace Tributary::Oauth
