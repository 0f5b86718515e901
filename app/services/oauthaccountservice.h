#pragma once

#include "app/services/oauth/accounttokens.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUuid>

namespace Tributary {

class SecretStore;
class Store;
class TokenService;

// What an account service (RetrievalTaskService, SmtpAccountService) has in common: the Store
// its accounts are rows of and the SecretStore their passwords are in (both must outlive the
// service), and the OAuth side: the TokenService its OAuth accounts take their tokens from,
// whether a stored account must sign in again, and signInRequired() once per lost sign-in of a
// stored OAuth account. A subclass says which uuids are stored OAuth accounts (isOAuthAccount).
// Main thread only; the TokenService (when set) must outlive the service or be unset first.
class OAuthAccountService : public QObject
{
    Q_OBJECT
public:
    // The OAuth tokens of the accounts (AppContext sets its own); null unsets. Without one,
    // OAuth accounts fail their test.
    void setTokenService(TokenService *tokens);
    TokenService *tokenService() const;
    // True when the stored OAuth account must be signed in again (its refresh was refused, or
    // its tokens are gone). False for password accounts and unknown uuids.
    bool needsSignIn(const QUuid &uuid) const;

    Store &store() const { return m_store; }
    SecretStore &secrets() const { return m_secrets; }

Q_SIGNALS:
    // A stored OAuth account's sign-in is no longer accepted (once per loss); `message` is the
    // user's sentence. Cleared by a new sign-in (TokenService::saveSignIn).
    void signInRequired(const QUuid &accountUuid, const QString &message);

protected:
    OAuthAccountService(Store &store, SecretStore &secrets, QObject *parent = nullptr);
    // Whether `uuid` is a stored account that signs in with OAuth.
    virtual bool isOAuthAccount(const QUuid &uuid) const = 0;

private:
    Store &m_store;
    SecretStore &m_secrets;
    QPointer<TokenService> m_tokens;
};

// The error an account service's job (RetrievalTaskJob, SmtpAccountJob) ends with when it could
// not get the account's access token (`kind` is not Token): Keychain, SignInRequired,
// `unavailable` (its error for a service without a TokenService), or Connection when the
// provider could not be reached.
template<typename JobError>
JobError tokenFailure(AccountTokens::Result::Kind kind, JobError unavailable)
{
    switch (kind) {
    case AccountTokens::Result::Kind::Keychain:
        return JobError::Keychain;
    case AccountTokens::Result::Kind::SignInRequired:
        return JobError::SignInRequired;
    case AccountTokens::Result::Kind::Unavailable:
        return unavailable;
    case AccountTokens::Result::Kind::Token:
    case AccountTokens::Result::Kind::Failed:
        break;
    }
    return JobError::Connection;
}

} // namespace Tributary
