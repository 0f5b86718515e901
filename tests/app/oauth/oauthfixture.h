#pragma once

#include "connectors/oauth/oauthtypes.h"
#include "models/smtpaccount.h"
#include "support/testenv.h"

// The provider configuration of the "oauth" test fixture (tests/env/oauth.sh), or of the
// OAuth server another fixture started (server = "dovecot-oauth"). Empty config when the
// fixture is not running (the test then fails on isValid()).
inline Tributary::Oauth::ProviderConfig
fixtureProvider(const QString &server, const QString &clientKey = QStringLiteral("OAUTH_CLIENT_ID"))
{
    using Tributary::Oauth::ProviderConfig;
    ProviderConfig p;
    p.id = QStringLiteral("testprovider");
    p.displayName = QStringLiteral("Test provider");
    p.authorizationEndpoint
        = QUrl(TestEnv::value(server, QStringLiteral("OAUTH_AUTHORIZATION_URL")));
    p.tokenEndpoint = QUrl(TestEnv::value(server, QStringLiteral("OAUTH_TOKEN_URL")));
    p.deviceAuthorizationEndpoint
        = QUrl(TestEnv::value(server, QStringLiteral("OAUTH_DEVICE_URL")));
    p.revocationEndpoint = QUrl(TestEnv::value(server, QStringLiteral("OAUTH_REVOCATION_URL")));
    p.clientId = TestEnv::value(server, clientKey);
    p.scopes = TestEnv::value(server, QStringLiteral("OAUTH_SCOPES"))
                   .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    p.redirectUri = QUrl(TestEnv::value(server, QStringLiteral("OAUTH_LOOPBACK_REDIRECT")));
    return p;
}

// An OAuth SMTP account of `user` (user@example.test, signing in as `user`) on the fixture's
// SMTP server at 127.0.0.1:`port` with STARTTLS; not stored, no uuid yet.
inline Tributary::SmtpAccount fixtureOAuthSmtpAccount(quint16 port, const QString &user)
{
    Tributary::SmtpAccount account;
    account.displayName = user;
    account.server = QStringLiteral("127.0.0.1");
    account.port = port;
    account.encryption = Tributary::SmtpAccount::Encryption::StartTls;
    account.email = user + QStringLiteral("@example.test");
    account.authEnabled = true;
    account.username = user;
    account.authKind = Tributary::SmtpAccount::AuthKind::OAuth;
    return account;
}
