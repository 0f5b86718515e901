#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

// Value types of the OAuth 2.0 client (RFC 6749, RFC 7636 PKCE, RFC 8628 device grant,
// RFC 7009 revocation). No networking here; see oauthflow.h for the flows.
namespace Tributary::Oauth {

// Which authorization agent a provider uses (ARCHITECTURE.md "Sign-in").
enum class AgentKind {
    Embedded, // the sign-in popup with a QWebEngineView (ui/), redirect caught in the app
    SystemBrowser, // the default browser + a loopback listener on 127.0.0.1 (RFC 8252 §7.3)
};

// One provider's OAuth settings, as read from the catalogue (resources/catalogue) and the
// user's settings (client id, tenant). Never holds a secret: desktop clients are public
// clients (RFC 8252 §8.5) and send no client_secret.
struct ProviderConfig
{
    QString id; // catalogue id, e.g. "microsoft365", "google"
    QString displayName; // "Microsoft 365", shown in the sign-in window title
    AgentKind agent = AgentKind::SystemBrowser;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl deviceAuthorizationEndpoint; // empty: the provider has no device grant
    QUrl revocationEndpoint; // empty: the provider cannot revoke (tokens are only forgotten)
    QString clientId;
    QStringList scopes; // requested, e.g. "https://outlook.office.com/IMAP.AccessAsUser.All"
    // The redirect URI registered for the embedded agent (a custom scheme or a fixed
    // https URI it intercepts). The system-browser agent makes its own loopback URI.
    QUrl redirectUri;
    // Extra authorization-request parameters in order (prompt, login_hint, ...).
    QList<QPair<QString, QString>> extraAuthorizationParameters;
    // Microsoft: "common", "consumers", "organizations" or a tenant id / domain.
    QString tenant;
    // Where an administrator grants consent for the whole tenant (Microsoft), with
    // {tenant}, {client_id}, {scope} and {redirect_uri} placeholders; empty if none.
    QString adminConsentUrlTemplate;
    // How long a refresh token lives at this provider when unused (0 = unknown / unlimited);
    // the token health view warns before it runs out.
    int refreshTokenLifetimeDays = 0;

    bool isValid() const
    {
        return authorizationEndpoint.isValid() && tokenEndpoint.isValid() && !clientId.isEmpty();
    }
    // The admin-consent link for this client id and scopes (empty if the provider has none).
    QUrl adminConsentUrl() const;
};

// The tokens one grant gave. Secrets: keep them in the keychain only (TokenService), never
// log them (use redacted()).
struct TokenSet
{
    QString accessToken;
    QString refreshToken; // empty when the provider gave none
    QString idToken;
    QString tokenType; // "Bearer"
    QStringList grantedScopes; // the "scope" of the response, or the requested ones
    QDateTime accessTokenExpiresAt; // UTC; invalid when the provider gave no expires_in
    QDateTime obtainedAt; // UTC, when the token response arrived
    QDateTime refreshTokenIssuedAt; // UTC, when the current refresh token arrived

    bool isEmpty() const { return accessToken.isEmpty(); }
    // True when the access token runs out within `margin` seconds of `now` (or has no expiry
    // known and is older than an hour).
    bool accessTokenExpiresWithin(int marginSeconds, const QDateTime &now) const;
    // A one-line description without the secrets, for logs.
    QString redacted() const;
};

// The outcome of an OAuth operation, as a value (like Net::Error). `code` is the provider's
// error code ("access_denied", "invalid_grant", "AADSTS65001"), `description` its
// error_description; userMessage() is the translated sentence a dialog shows and says what
// to do; details() is for logs (never a token).
class Error
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(Tributary::Oauth::Error)
public:
    enum class Kind {
        None,
        Cancelled, // the user closed the sign-in window, or cancel() was called
        ConsentDenied, // the user (or the provider for them) refused the permissions
        AdminConsentRequired, // Microsoft AADSTS65001/AADSTS90094: the tenant admin must consent
        WrongAccount, // the signed-in account is not the one the task is for
        UserAgentBlocked, // Google "disallowed_useragent": sign in with the system browser
        StateMismatch, // the redirect's state is not ours: a forged or stale redirect
        InvalidRedirect, // the redirect had neither a code nor an error
        InvalidGrant, // the code or refresh token was refused (expired, revoked): sign in again
        InvalidClient, // the client id is unknown / not allowed at this provider
        InvalidRequest, // the request lacked something (e.g. AADSTS900144): a configuration bug
        Provider, // any other provider error; description says what
        SmtpAuthDisabled, // SMTP "535 5.7.139": SMTP AUTH is turned off for the mailbox/tenant
        Network, // the provider could not be reached (DNS, refused, endpoint down)
        Tls, // the provider's certificate was not trusted
        Timeout, // no answer in time, or the device code / sign-in expired
        ProtocolViolation, // the provider sent something that is not OAuth (bad JSON, no token)
        AgentFailed, // the browser could not be opened or the loopback listener not started
        Keychain, // the tokens could not be stored or read (TokenService)
        SignInRequired, // no usable tokens: the user must sign in (again)
    };
    Q_ENUM(Kind)

    Error() = default;
    Error(Kind kind, const QString &code = QString(), const QString &description = QString());

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }
    QString userMessage() const;
    QString details() const;

    Kind kind = Kind::None;
    QString code;
    QString description;
    QUrl errorUri; // the provider's error_uri
    int httpStatus = 0;
    QString detail; // technical text for logs (network error string, parser complaint)
    QUrl adminConsentUrl; // AdminConsentRequired: the link an administrator opens
    QStringList permissions; // AdminConsentRequired: the scopes the admin must grant
};

// Classifiers (oautherrors.cpp). Pure functions; the fuzz target feeds them bytes.
//
// The Error for an OAuth error response `error`/`error_description`/`error_uri` (from a
// redirect or a token endpoint). Recognises Microsoft AADSTS codes inside the description
// (65001, 90094, 900144, 50126, 70000, 700082, 50173, 7000112, 65004, 50020 ...) and Google's
// disallowed_useragent. `provider` supplies the admin-consent link and scopes.
Error classifyProviderError(const QString &error, const QString &description,
                            const QUrl &errorUri = QUrl(),
                            const ProviderConfig &provider = ProviderConfig());
// Parses a token-endpoint (or device-endpoint) error body: JSON {"error":...} or anything
// else (HTML, empty) with its HTTP status.
Error parseErrorResponse(const QByteArray &body, int httpStatus,
                         const ProviderConfig &provider = ProviderConfig());
// Parses a successful token response (RFC 6749 §5.1). `requestedScopes` fill grantedScopes
// when the response has no "scope". Sets *error (ProtocolViolation) and returns an empty set
// when there is no access_token or the JSON is not an object.
TokenSet parseTokenResponse(const QByteArray &body, const QDateTime &now,
                            const QStringList &requestedScopes, Error *error);
// SMTP AUTH failures that are OAuth problems: "535 5.7.139" (SMTP AUTH disabled),
// "535 5.7.3"/"535 5.7.8" with a token (token rejected: refresh and retry). None otherwise.
Error classifySmtpAuthReply(int code, const QString &text);

} // namespace Tributary::Oauth

Q_DECLARE_METATYPE(Tributary::Oauth::Error)
Q_DECLARE_METATYPE(Tributary::Oauth::TokenSet)
