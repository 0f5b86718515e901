#pragma once

#include <QPointer>
#include <QString>
#include <QUuid>

#include <functional>

class QObject;

namespace Tributary {

class TokenRequest;
class TokenService;

// What the connection test of an OAuth account (retrieval task, SMTP account) shares: asking
// the TokenService for the account's bearer token and saying in words why there is none.
// The account's key in the TokenService is uuid.toString(QUuid::WithoutBraces).
namespace AccountTokens {

QString key(const QUuid &uuid);

struct Result
{
    enum class Kind {
        Token, // token holds the bearer token (never log it)
        Keychain, // the tokens could not be read from the keychain
        SignInRequired, // no saved sign-in, or the provider no longer accepts it
        Failed, // the provider could not be reached or answered otherwise: try later
        Unavailable, // no TokenService was given (a configuration error)
    };
    Kind kind = Kind::Failed;
    QString token;
    QString message; // the user's sentence (empty for Token)
    QString details; // for logs
};

// Asks `tokens` for the access token of `uuid` (forceRefresh: refresh at the provider first,
// after a server refused the last token) and calls `done` exactly once, unless `context` is
// destroyed or the returned request is cancelled after disconnecting it from `context`.
// `who` names the account in the messages (user name or address). `tokens` may be null:
// then `done` gets Failed, on the next turn of the event loop.
QPointer<TokenRequest> request(TokenService *tokens, const QUuid &uuid, bool forceRefresh,
                               const QString &who, QObject *context,
                               std::function<void(const Result &)> done);

// True when the account must be signed in again (refresh refused, or never signed in).
bool needsSignIn(const TokenService *tokens, const QUuid &uuid);

// Calls `notify` with the account's uuid and the user's sentence whenever `tokens` reports a
// lost sign-in for an account `isOAuthAccount` accepts; the connection lives as long as
// `context` and `tokens`.
void forwardSignInRequired(TokenService *tokens, QObject *context,
                           std::function<bool(const QUuid &)> isOAuthAccount,
                           std::function<void(const QUuid &, const QString &)> notify);

} // namespace AccountTokens

} // namespace Tributary
