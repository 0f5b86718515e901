// The OAuth error classifier and token-response parser, on the error shapes the providers
// document (Microsoft identity platform AADSTS responses, Google's disallowed_useragent,
// Exchange Online's SMTP 535 5.7.139) and on RFC 6749 §5.1/§5.2 responses.
#include "connectors/oauth/oauthflow.h"
#include "connectors/oauth/oauthtypes.h"

#include <QTest>
#include <QUrlQuery>

using namespace Tributary;
using Oauth::Error;

class TstOauthErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classify_data();
    void classify();
    void adminConsentLink();
    void microsoftTokenErrorBody();
    void nonJsonErrorBodies();
    void tokenResponse();
    void tokenResponseRejects_data();
    void tokenResponseRejects();
    void smtpReplies_data();
    void smtpReplies();
    void pkce();
    void everyKindHasWords();
};

static Oauth::ProviderConfig microsoft()
{
    Oauth::ProviderConfig p;
    p.id = QStringLiteral("microsoft365");
    p.clientId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    p.tenant = QStringLiteral("contoso.onmicrosoft.com");
    p.scopes = {QStringLiteral("https://outlook.office.com/IMAP.AccessAsUser.All"),
                QStringLiteral("offline_access")};
    p.redirectUri
        = QUrl(QStringLiteral("https://login.microsoftonline.com/common/oauth2/nativeclient"));
    p.adminConsentUrlTemplate = QStringLiteral(
        "https://login.microsoftonline.com/{tenant}/v2.0/adminconsent?client_id={client_id}"
        "&scope={scope}&redirect_uri={redirect_uri}");
    return p;
}

void TstOauthErrors::classify_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<QString>("code");

    // Microsoft: the description starts with the AADSTS code, then trace lines.
    QTest::newRow("AADSTS65001 consent")
        << "invalid_grant"
        << "AADSTS65001: The user or administrator has not consented to use the application "
           "with ID '1111' named 'Tributary'. Send an interactive authorization request for "
           "this user and resource.\r\nTrace ID: abc\r\nCorrelation ID: def\r\nTimestamp: "
           "2024-05-01 10:00:00Z"
        << Error::Kind::AdminConsentRequired << "AADSTS65001";
    QTest::newRow("AADSTS90094 admin only") << "access_denied"
                                            << "AADSTS90094: The grant requires admin permission."
                                            << Error::Kind::AdminConsentRequired << "AADSTS90094";
    QTest::newRow("AADSTS900144 missing parameter")
        << "invalid_request"
        << "AADSTS900144: The request body must contain the following parameter: "
           "'client_id'.\r\nTrace ID: 1"
        << Error::Kind::InvalidRequest << "AADSTS900144";
    QTest::newRow("AADSTS700082 refresh expired")
        << "invalid_grant"
        << "AADSTS700082: The refresh token has expired due to inactivity."
        << Error::Kind::InvalidGrant << "AADSTS700082";
    QTest::newRow("AADSTS50173 password changed")
        << "invalid_grant"
        << "AADSTS50173: The provided grant has expired due to it being revoked, a fresh "
           "auth token is needed."
        << Error::Kind::InvalidGrant << "AADSTS50173";
    QTest::newRow("AADSTS65004 user declined")
        << "access_denied"
        << "AADSTS65004: User declined to consent to access the app." << Error::Kind::ConsentDenied
        << "AADSTS65004";
    QTest::newRow("AADSTS50020 other tenant")
        << "invalid_request"
        << "AADSTS50020: User account 'x@other.example' from identity provider 'live.com' "
           "does not exist in tenant 'Contoso'."
        << Error::Kind::WrongAccount << "AADSTS50020";
    QTest::newRow("AADSTS7000218 not a public client")
        << "invalid_client"
        << "AADSTS7000218: The request body must contain the following parameter: "
           "'client_assertion' or 'client_secret'."
        << Error::Kind::InvalidClient << "AADSTS7000218";
    QTest::newRow("unknown AADSTS keeps the OAuth code")
        << "invalid_grant"
        << "AADSTS12345: Something new." << Error::Kind::InvalidGrant << "invalid_grant";
    // Google: the sign-in page shows "Error 403: disallowed_useragent".
    QTest::newRow("google disallowed_useragent")
        << "disallowed_useragent"
        << "This user-agent is not permitted to make an OAuth authorisation request to "
           "Google as it is classified as an embedded user-agent."
        << Error::Kind::UserAgentBlocked << "disallowed_useragent";
    QTest::newRow("google 403 in description")
        << "access_denied"
        << "Error 403: disallowed_useragent" << Error::Kind::UserAgentBlocked
        << "disallowed_useragent";
    // RFC 6749 §4.1.2.1 / §5.2
    QTest::newRow("access_denied")
        << "access_denied"
        << "The user denied the request." << Error::Kind::ConsentDenied << "access_denied";
    QTest::newRow("invalid_grant")
        << "invalid_grant"
        << "grant request is invalid" << Error::Kind::InvalidGrant << "invalid_grant";
    QTest::newRow("invalid_client") << "invalid_client"
                                    << "" << Error::Kind::InvalidClient << "invalid_client";
    QTest::newRow("invalid_scope") << "invalid_scope"
                                   << "bad scope" << Error::Kind::InvalidRequest << "invalid_scope";
    QTest::newRow("expired_token (device)") << "expired_token"
                                            << "" << Error::Kind::Timeout << "expired_token";
    QTest::newRow("server_error") << "server_error"
                                  << "Try later." << Error::Kind::Provider << "server_error";
    QTest::newRow("no error code") << ""
                                   << "" << Error::Kind::ProtocolViolation << "";
}

void TstOauthErrors::classify()
{
    QFETCH(QString, error);
    QFETCH(QString, description);
    QFETCH(Error::Kind, kind);
    QFETCH(QString, code);
    const Error e = Oauth::classifyProviderError(error, description, QUrl(), microsoft());
    QCOMPARE(e.kind, kind);
    QCOMPARE(e.code, code);
    QVERIFY(!e.userMessage().isEmpty());
    // Users never see Microsoft's trace lines.
    QVERIFY(!e.userMessage().contains(QStringLiteral("Trace ID")));
    // The provider's words end their sentence before ours begins.
    if (kind == Error::Kind::InvalidGrant && !description.isEmpty())
        QVERIFY2(e.userMessage().contains(QStringLiteral(". Please sign in again.")),
                 qPrintable(e.userMessage()));
    QVERIFY(e.details().contains(QMetaEnum::fromType<Error::Kind>().valueToKey(int(kind))));
}

void TstOauthErrors::adminConsentLink()
{
    const Error e = Oauth::classifyProviderError(
        QStringLiteral("invalid_grant"),
        QStringLiteral("AADSTS65001: The user or administrator has not consented."), QUrl(),
        microsoft());
    QCOMPARE(e.kind, Error::Kind::AdminConsentRequired);
    const QUrl link = e.adminConsentUrl;
    QCOMPARE(link.host(), QStringLiteral("login.microsoftonline.com"));
    QCOMPARE(link.path(), QStringLiteral("/contoso.onmicrosoft.com/v2.0/adminconsent"));
    const QUrlQuery q(link);
    QCOMPARE(q.queryItemValue(QStringLiteral("client_id")), microsoft().clientId);
    QCOMPARE(q.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             microsoft().scopes.join(QLatin1Char(' ')));
    QCOMPARE(e.permissions, microsoft().scopes);
    // The message carries the link and the permissions.
    QVERIFY(e.userMessage().contains(link.toString()));
    QVERIFY(e.userMessage().contains(QStringLiteral("IMAP.AccessAsUser.All")));
    QVERIFY(e.userMessage().contains(QStringLiteral("administrator")));

    // "common" cannot take admin consent: the link goes to "organizations".
    Oauth::ProviderConfig common = microsoft();
    common.tenant = QStringLiteral("common");
    QCOMPARE(common.adminConsentUrl().path(), QStringLiteral("/organizations/v2.0/adminconsent"));
    // A provider without admin consent (Google) gives no link and still words.
    Oauth::ProviderConfig google;
    google.clientId = QStringLiteral("x");
    QVERIFY(google.adminConsentUrl().isEmpty());
}

void TstOauthErrors::microsoftTokenErrorBody()
{
    // The token endpoint's JSON as the Microsoft identity platform documents it.
    const QByteArray body
        = R"({"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.\r\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2016-01-09 02:02:12Z","error_codes":[70008],"timestamp":"2016-01-09 02:02:12Z","trace_id":"0000aaaa","correlation_id":"aaaa0000"})";
    const Error e = Oauth::parseErrorResponse(body, 400, microsoft());
    QCOMPARE(e.kind, Error::Kind::InvalidGrant);
    QCOMPARE(e.code, QStringLiteral("AADSTS70008"));
    QCOMPARE(e.httpStatus, 400);
    QVERIFY(e.userMessage().contains(QStringLiteral("expired due to inactivity")));
    QVERIFY(e.userMessage().contains(QStringLiteral("sign in again")));

    // Only error_codes, no AADSTS text: still recognised.
    const Error e2 = Oauth::parseErrorResponse(
        R"({"error":"invalid_client","error_description":"consent missing","error_codes":[65001]})",
        400, microsoft());
    QCOMPARE(e2.kind, Error::Kind::AdminConsentRequired);
}

void TstOauthErrors::nonJsonErrorBodies()
{
    const Error bad = Oauth::parseErrorResponse("<html>Bad Gateway</html>", 502);
    QCOMPARE(bad.kind, Error::Kind::Network);
    QCOMPARE(bad.httpStatus, 502);
    const Error weird = Oauth::parseErrorResponse("not json", 400);
    QCOMPARE(weird.kind, Error::Kind::ProtocolViolation);
    QVERIFY(!weird.userMessage().isEmpty());
}

void TstOauthErrors::tokenResponse()
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    Error error;
    const Oauth::TokenSet t = Oauth::parseTokenResponse(
        R"({"token_type":"Bearer","scope":"https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0eXAiOiJKV1Qi","refresh_token":"0.AAAA-refresh","id_token":"e.y.J"})",
        now, {QStringLiteral("requested")}, &error);
    QVERIFY(!error.isError());
    QCOMPARE(t.accessToken, QStringLiteral("eyJ0eXAiOiJKV1Qi"));
    QCOMPARE(t.refreshToken, QStringLiteral("0.AAAA-refresh"));
    QCOMPARE(t.idToken, QStringLiteral("e.y.J"));
    QCOMPARE(t.accessTokenExpiresAt, now.addSecs(3599));
    QCOMPARE(t.refreshTokenIssuedAt, now);
    QCOMPARE(t.grantedScopes.size(), 2);
    QVERIFY(!t.redacted().contains(t.accessToken));
    QVERIFY(!t.redacted().contains(t.refreshToken));
    QVERIFY(t.accessTokenExpiresWithin(300, now.addSecs(3400)));
    QVERIFY(!t.accessTokenExpiresWithin(300, now.addSecs(100)));

    // Google sends no scope on refresh sometimes and expires_in as a number; the requested
    // scopes stand in. expires_in as a string is accepted too.
    const Oauth::TokenSet g = Oauth::parseTokenResponse(
        R"({"access_token":"ya29.a0","expires_in":"3600","token_type":"bearer"})", now,
        {QStringLiteral("https://mail.google.com/")}, &error);
    QVERIFY(!error.isError());
    QCOMPARE(g.grantedScopes, QStringList {QStringLiteral("https://mail.google.com/")});
    QCOMPARE(g.accessTokenExpiresAt, now.addSecs(3600));
    QVERIFY(g.refreshToken.isEmpty());
    QVERIFY(!g.refreshTokenIssuedAt.isValid());

    // An expiry no clock can hold (found by fuzz_oauth_json) or a negative one leaves the
    // expiry unknown instead of overflowing; the tokens themselves are still taken.
    for (const char *body : {R"({"access_token":"a","expires_in":3.59e129})",
                             R"({"access_token":"a","expires_in":-5})",
                             R"({"access_token":"a","expires_in":-1e300})"}) {
        const Oauth::TokenSet huge = Oauth::parseTokenResponse(QByteArray(body), now, {}, &error);
        QVERIFY2(!error.isError(), body);
        QCOMPARE(huge.accessToken, QStringLiteral("a"));
        QVERIFY2(!huge.accessTokenExpiresAt.isValid(), body);
    }
}

void TstOauthErrors::tokenResponseRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Error::Kind>("kind");
    QTest::newRow("empty") << QByteArray() << Error::Kind::ProtocolViolation;
    QTest::newRow("array") << QByteArray("[1,2]") << Error::Kind::ProtocolViolation;
    QTest::newRow("no token") << QByteArray(R"({"token_type":"Bearer"})")
                              << Error::Kind::ProtocolViolation;
    QTest::newRow("not bearer") << QByteArray(R"({"access_token":"a","token_type":"mac"})")
                                << Error::Kind::ProtocolViolation;
    QTest::newRow("error in 200") << QByteArray(R"({"error":"invalid_grant"})")
                                  << Error::Kind::InvalidGrant;
}

void TstOauthErrors::tokenResponseRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(Error::Kind, kind);
    Error error;
    const Oauth::TokenSet t
        = Oauth::parseTokenResponse(body, QDateTime::currentDateTimeUtc(), {}, &error);
    QCOMPARE(error.kind, kind);
    QVERIFY(t.isEmpty());
}

void TstOauthErrors::smtpReplies_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Error::Kind>("kind");
    // Exchange Online's documented texts for SMTP AUTH turned off.
    QTest::newRow("tenant") << 535
                            << "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is "
                               "disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled "
                               "for more information."
                            << Error::Kind::SmtpAuthDisabled;
    QTest::newRow("mailbox") << 535
                             << "5.7.139 Authentication unsuccessful, SmtpClientAuthentication "
                                "is disabled for the Mailbox."
                             << Error::Kind::SmtpAuthDisabled;
    QTest::newRow("gmail bad token")
        << 535 << "5.7.8 Username and Password not accepted." << Error::Kind::SignInRequired;
    QTest::newRow("ok") << 235 << "2.7.0 Accepted" << Error::Kind::None;
    QTest::newRow("other 5xx") << 550 << "5.1.1 no such user" << Error::Kind::None;
}

void TstOauthErrors::smtpReplies()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(Error::Kind, kind);
    const Error e = Oauth::classifySmtpAuthReply(code, text);
    QCOMPARE(e.kind, kind);
    if (kind == Error::Kind::SmtpAuthDisabled) {
        QVERIFY(e.userMessage().contains(QStringLiteral("SMTP AUTH")));
        QVERIFY(e.userMessage().contains(QStringLiteral("administrator")));
    }
}

void TstOauthErrors::pkce()
{
    const QByteArray verifier = Oauth::Pkce::makeVerifier();
    QVERIFY(verifier.size() >= 43 && verifier.size() <= 128);
    for (char c : verifier)
        QVERIFY(QByteArray("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
                    .contains(c));
    QVERIFY(Oauth::Pkce::makeVerifier() != verifier);
    // RFC 7636 Appendix B.
    QCOMPARE(Oauth::Pkce::challengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    QVERIFY(Oauth::Pkce::makeState() != Oauth::Pkce::makeState());
    QCOMPARE(Oauth::Pkce::makeState().size(), 43);
}

void TstOauthErrors::everyKindHasWords()
{
    const QMetaEnum kinds = QMetaEnum::fromType<Error::Kind>();
    for (int i = 0; i < kinds.keyCount(); ++i) {
        const auto kind = Error::Kind(kinds.value(i));
        const Error e(kind);
        QCOMPARE(e.userMessage().isEmpty(), kind == Error::Kind::None);
    }
}

QTEST_GUILESS_MAIN(TstOauthErrors)
#include "tst_oautherrors.moc"
