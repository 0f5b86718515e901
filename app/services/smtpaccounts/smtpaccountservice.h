#pragma once

#include "app/services/oauthaccountservice.h"
#include "connectors/common/endpoint.h"
#include "connectors/common/error.h"
#include "models/smtpaccount.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace Tributary {

class SecretJob;
class SecretStore;
class Store;
class SmtpAccountService;
class TokenRequest;
class TokenService;

namespace Smtp {
class Session;
class VerifyJob;
} // namespace Smtp
namespace Net {
class Job;
}

// One operation of SmtpAccountService (add, update, test, remove). Job shape:
//   - made by the service and started on the next turn of the event loop;
//   - finished() is emitted exactly once (success, failure or cancel()), never from inside
//     the service method that made the job;
//   - error() is an enum, errorString() a sentence for the user, details() for logs. None
//     of them contains the password.
//   - The job deletes itself (deleteLater) after finished() unless setAutoDelete(false).
// When error() is Connection, connectionError() holds the connector's Net::Error: for a
// certificate the system does not trust its peerFingerprint lets a dialog offer to pin it.
//
// OAuth accounts (authEnabled and authKind OAuth; no password): the test takes the access
// token of the account's uuid from the service's TokenService and authenticates with SASL
// XOAUTH2; when the server refuses the token the job forces one refresh and tries once more.
// No saved sign-in, or one the provider no longer accepts, ends in Error::SignInRequired.
class SmtpAccountJob : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        NoError,
        Invalid, // a field is missing or malformed; nothing was contacted or stored
        Connection, // the connection test failed; see connectionError()
        Keychain, // the password could not be read or written; nothing was kept
        Store, // the account row could not be written
        NotFound, // no account with that uuid
        SignInRequired, // OAuth: no saved sign-in, or the provider no longer accepts it
        Cancelled,
    };
    Q_ENUM(Error)
    enum class Operation { Add, Update, Test, Remove };
    Q_ENUM(Operation)

    ~SmtpAccountJob() override;

    Operation operation() const { return m_operation; }
    // The account as stored (add: with its new uuid and creation time).
    const SmtpAccount &account() const { return m_account; }

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    void start();
    // Aborts the connection test or the keychain step; ends with Cancelled. A row already
    // written is removed again (add) so a cancelled add leaves nothing behind.
    void cancel();

    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    QString details() const { return m_details; }
    const Net::Error &connectionError() const { return m_netError; }

Q_SIGNALS:
    // Steps done of total (test, store, keychain).
    void progress(qint64 done, qint64 total);
    void finished(Tributary::SmtpAccountJob *job);

private:
    friend class SmtpAccountService;
    enum class State {
        Idle,
        ReadingPassword,
        ReadingToken,
        Testing,
        WritingSecret,
        RemovingSecret,
        Done
    };

    SmtpAccountJob(SmtpAccountService *service, Operation operation, const SmtpAccount &account,
                   const std::optional<QString> &password, const QByteArray &pinnedSha256);

    bool isOAuth() const
    {
        return m_account.authEnabled && m_account.authKind == SmtpAccount::AuthKind::OAuth;
    }
    void readPassword();
    void readToken(bool forceRefresh);
    void runTest();
    void onTestFinished(Net::Job *job);
    void save();
    void writeSecret();
    void onSecretFinished(SecretJob *job);
    void removeAccount();
    void removeSecrets();
    void fail(Error error, const QString &message, const QString &details = QString());
    void finish();

    QPointer<SmtpAccountService> m_service;
    Operation m_operation;
    SmtpAccount m_account;
    std::optional<QString> m_password;
    QByteArray m_pinned;
    State m_state = State::Idle;
    Smtp::Session *m_session = nullptr;
    QPointer<SecretJob> m_secretJob;
    QPointer<TokenRequest> m_tokenRequest;
    QString m_accessToken; // OAuth: the bearer token of this test (never logged)
    bool m_refreshedAfterRefusal = false;
    bool m_rowInserted = false;
    bool m_started = false;
    bool m_finished = false;
    bool m_autoDelete = true;
    Error m_error = Error::NoError;
    QString m_errorString;
    QString m_details;
    Net::Error m_netError;
};

// SMTP Accounts of the profile: adds, changes, tests and removes accounts, always testing
// the connection (connect, TLS, greeting, EHLO, authenticate: Smtp::VerifyJob) before a
// row is saved. The account's settings go to the Store, its password to the keychain
// (SecretStore, kind Password, key = the account's uuid); never the password to the store.
//
// OAuth accounts (authKind OAuth, authEnabled; the password arguments are ignored):
//   1. uuid = SmtpAccountService::newAccountUuid() before the account exists;
//   2. sign in and TokenService::saveSignIn() under uuid.toString(QUuid::WithoutBraces);
//   3. account.uuid = uuid; add(account, QString()): tests over XOAUTH2 with the saved
//      tokens, then stores the row under that same uuid (add keeps the uuid of an OAuth
//      account; a password account always gets a new one from the Store).
//   update()/test() take the token the same way; remove() also revokes the account's
//   tokens at the provider (TokenService::revoke) and forgets them. An update() that
//   switches an OAuth account to a password (or to no authentication) revokes and forgets
//   its old sign-in once the new settings are tested and saved; a failed update keeps it.
//   needsSignIn(uuid) (OAuthAccountService) says whether the account must be signed in
//   again; signInRequired() is emitted when that becomes true for a stored OAuth account.
//
// Threading: main thread; nothing here blocks (every step is a signal away).
// Store and SecretStore (and the TokenService, when set) must outlive the service; jobs are
// children of the service.
class SmtpAccountService : public OAuthAccountService
{
    Q_OBJECT
public:
    SmtpAccountService(Store &store, SecretStore &secrets, QObject *parent = nullptr);

    // Adjusts every endpoint before it is used (tests add the fixture's CA through
    // Net::Endpoint::extraCaCertificates). Never used to turn verification off.
    using EndpointDecorator = std::function<void(Net::Endpoint &)>;
    void setEndpointDecorator(EndpointDecorator decorator) { m_decorator = std::move(decorator); }

    // Seconds the connection test may take (default 30).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // setTokenService(): without one, OAuth accounts fail with Invalid.
    // A uuid for an account that does not exist yet (OAuth: sign in under it, then add()).
    static QUuid newAccountUuid();

    // Checks the fields a user types; empty when valid, otherwise a sentence naming the
    // first problem. `password` is checked only when given (update keeps the old one).
    static QString validate(const SmtpAccount &account, const std::optional<QString> &password);
    static bool isValidEmail(const QString &email);
    // The endpoint the account connects to (before the decorator), pinned to `pinnedSha256`
    // when given, else to the certificate the user trusted for the account (if any).
    static Net::Endpoint endpointFor(const SmtpAccount &account,
                                     const QByteArray &pinnedSha256 = {});

    // Tests, then inserts the row and writes the password (when authentication is on).
    // If the keychain write fails, the row is removed again.
    SmtpAccountJob *add(const SmtpAccount &account, const QString &password,
                        const QByteArray &pinnedSha256 = {});
    // Tests, then updates the row; the password is replaced when given, read from the
    // keychain for the test when not; removed when authentication was turned off.
    SmtpAccountJob *update(const SmtpAccount &account, const std::optional<QString> &password,
                           const QByteArray &pinnedSha256 = {});
    // Tests only; stores nothing. A null password with a stored account reads the keychain.
    SmtpAccountJob *test(const SmtpAccount &account, const std::optional<QString> &password,
                         const QByteArray &pinnedSha256 = {});
    // Deletes the row and every secret of the account.
    SmtpAccountJob *remove(const QUuid &uuid);

protected:
    bool isOAuthAccount(const QUuid &uuid) const override;

private:
    friend class SmtpAccountJob;
    SmtpAccountJob *makeJob(SmtpAccountJob::Operation operation, const SmtpAccount &account,
                            const std::optional<QString> &password, const QByteArray &pinned);

    EndpointDecorator m_decorator;
    int m_timeoutMs = 30000;
};

} // namespace Tributary
