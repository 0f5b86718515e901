#include "oauthaccountservice.h"

#include "app/services/oauth/accounttokens.h"
#include "app/services/oauth/tokenservice.h"

namespace Tributary {

OAuthAccountService::OAuthAccountService(Store &store, SecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
{
}

TokenService *OAuthAccountService::tokenService() const
{
    return m_tokens;
}

void OAuthAccountService::setTokenService(TokenService *tokens)
{
    if (m_tokens)
        m_tokens->disconnect(this);
    m_tokens = tokens;
    if (!tokens)
        return;
    AccountTokens::forwardSignInRequired(
        tokens, this, [this](const QUuid &uuid) { return isOAuthAccount(uuid); },
        [this](const QUuid &uuid, const QString &message) {
            Q_EMIT signInRequired(uuid, message);
        });
}

bool OAuthAccountService::needsSignIn(const QUuid &uuid) const
{
    return isOAuthAccount(uuid) && AccountTokens::needsSignIn(m_tokens, uuid);
}

} // namespace Tributary
