// Fuzz target: the OAuth token-response and error-response parsers and the provider error
// classifier (connectors/oauth/oautherrors.cpp). Invariants: a parsed token set has an access
// token or an error, never both; every error kind has user words; expiry never lies in the
// past.
#include "connectors/oauth/oauthtypes.h"

#include <cstdint>
#include <cstdlib>

using namespace Tributary;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);

    Oauth::Error error;
    const Oauth::TokenSet tokens
        = Oauth::parseTokenResponse(input, now, {QStringLiteral("mail.imap")}, &error);
    if (error.isError() == !tokens.accessToken.isEmpty())
        abort();
    if (error.isError() && error.userMessage().isEmpty())
        abort();
    if (!tokens.accessToken.isEmpty()) {
        if (tokens.redacted().isEmpty())
            abort();
        if (tokens.accessTokenExpiresAt.isValid() && tokens.accessTokenExpiresAt < now)
            abort();
    }

    Oauth::ProviderConfig provider;
    provider.clientId = QStringLiteral("client");
    provider.scopes = {QStringLiteral("offline_access")};
    provider.adminConsentUrlTemplate
        = QStringLiteral("https://login.example/{tenant}/v2.0/adminconsent?client_id={client_id}");
    for (int status : {400, 401, 500, 0}) {
        const Oauth::Error e = Oauth::parseErrorResponse(input, status, provider);
        if (!e.isError() || e.userMessage().isEmpty() || e.details().isEmpty())
            abort();
    }
    const QString text = QString::fromUtf8(input);
    const Oauth::Error c = Oauth::classifyProviderError(text.left(40), text, QUrl(), provider);
    if (!c.isError() || c.userMessage().isEmpty())
        abort();
    const Oauth::Error s = Oauth::classifySmtpAuthReply(535, text);
    if (!s.isError())
        abort();
    return 0;
}
