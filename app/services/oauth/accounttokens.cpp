#include "accounttokens.h"

#include "tokenservice.h"

#include <QCoreApplication>
#include <QTimer>

namespace Tributary::AccountTokens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Tributary::AccountTokens", text);
}

Result resultOf(const TokenRequest &request, const QString &who)
{
    Result r;
    r.details = request.details();
    switch (request.error()) {
    case Oauth::Error::Kind::None:
        r.kind = Result::Kind::Token;
        r.token = request.accessToken();
        return r;
    case Oauth::Error::Kind::Keychain:
        r.kind = Result::Kind::Keychain;
        r.message = tr("The saved sign-in could not be read: %1").arg(request.errorString());
        return r;
    case Oauth::Error::Kind::InvalidGrant:
    case Oauth::Error::Kind::InvalidClient:
    case Oauth::Error::Kind::SignInRequired:
    case Oauth::Error::Kind::AdminConsentRequired:
    case Oauth::Error::Kind::ConsentDenied:
    case Oauth::Error::Kind::WrongAccount:
        r.kind = Result::Kind::SignInRequired;
        r.message = tr("Sign-in needed for %1. %2").arg(who, request.errorString());
        return r;
    default:
        r.kind = Result::Kind::Failed;
        r.message
            = tr("The sign-in for %1 could not be renewed: %2").arg(who, request.errorString());
        return r;
    }
}

} // namespace

QString key(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

QPointer<TokenRequest> request(TokenService *tokens, const QUuid &uuid, bool forceRefresh,
                               const QString &who, QObject *context,
                               std::function<void(const Result &)> done)
{
    if (!tokens) {
        QTimer::singleShot(0, context, [done] {
            Result r;
            r.kind = Result::Kind::Unavailable;
            r.message = tr("This account signs in with OAuth, which is not available here.");
            r.details = r.message;
            done(r);
        });
        return nullptr;
    }
    TokenRequest *req = tokens->accessToken(key(uuid), forceRefresh);
    QObject::connect(req, &TokenRequest::finished, context,
                     [who, done](TokenRequest *finished) { done(resultOf(*finished, who)); });
    return req;
}

bool needsSignIn(const TokenService *tokens, const QUuid &uuid)
{
    return tokens && (tokens->isSignInRequired(key(uuid)) || !tokens->health(key(uuid)).known);
}

void forwardSignInRequired(TokenService *tokens, QObject *context,
                           std::function<bool(const QUuid &)> isOAuthAccount,
                           std::function<void(const QUuid &, const QString &)> notify)
{
    QObject::connect(tokens, &TokenService::signInRequired, context,
                     [isOAuthAccount, notify](const QString &accountUuid, const QString &message) {
                         const QUuid uuid(accountUuid);
                         if (isOAuthAccount(uuid))
                             notify(uuid, message);
                     });
}

} // namespace Tributary::AccountTokens
