#pragma once

#include "app/services/oauthaccountservice.h"
#include "connectors/common/error.h"
#include "models/retrievaltask.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QString>

#include <optional>

namespace Tributary {

class Store;
class SecretStore;
class SecretJob;
class RetrievalTaskService;
class TokenService;
class TokenRequest;

namespace Net {
class Job;
}

// One operation on an Email Retrieval task, made by RetrievalTaskService (job shape of
// STYLE.md):
//   - it starts itself on the next turn of the event loop (start() earlier is allowed);
//   - finished() is emitted exactly once (success, failure or cancel()), never from inside
//     a RetrievalTaskService method or start();
//   - error() is an enum, errorString() the user's sentence naming the failed step and the
//     server's reply, details() the longer text for logs. None contains the password;
//   - it deletes itself (deleteLater) after finished().
// Add and Update test the connection first and change nothing unless the test passed.
//
// OAuth tasks (task.authKind == AuthKind::OAuth): the job takes no password; it asks the
// service's TokenService for the access token of the task's uuid, signs in with SASL XOAUTH2
// (IMAP AUTHENTICATE, POP3 AUTH), and when the server refuses the token it forces one
// refresh and tries once more. No tokens, or a refresh the provider refuses (revoked,
// expired, password changed), end in Error::SignInRequired with a sentence that says to
// sign in again; the stored task is never changed or removed by that.
class RetrievalTaskJob : public QObject
{
    Q_OBJECT
public:
    enum class Operation { Test, Add, Update, Remove };
    Q_ENUM(Operation)

    enum class Error {
        NoError,
        InvalidSettings, // a required field is missing (server, port, user name, password)
        Connection, // the connection test failed: see connectionError()
        NotFound, // Update/Remove of a task that is not stored
        Storage, // the database refused the change
        Keychain, // the password could not be read, stored or removed
        SignInRequired, // OAuth task: no saved sign-in, or the provider no longer accepts it
        Cancelled,
    };
    Q_ENUM(Error)

    ~RetrievalTaskJob() override;

    Operation operation() const { return m_operation; }
    // The task as stored (Add: with the uuid and creation time the store assigned).
    RetrievalTask task() const { return m_task; }

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    QString details() const { return m_details; }
    // For Error::Connection: the protocol error (kind, step, server reply).
    const Net::Error &connectionError() const { return m_connectionError; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(Tributary::RetrievalTaskJob *job);

private:
    friend class RetrievalTaskService;
    enum class State {
        Idle,
        ReadingPassword,
        ReadingToken,
        Testing,
        Storing,
        WritingSecret,
        RemovingSecret,
        Done
    };

    RetrievalTaskJob(RetrievalTaskService *service, Operation operation, const RetrievalTask &task,
                     const std::optional<QString> &password);

    bool isOAuth() const { return m_task.authKind == RetrievalTask::AuthKind::OAuth; }
    QString accountKey() const { return m_task.uuid.toString(QUuid::WithoutBraces); }
    void readPassword();
    void readToken(bool forceRefresh);
    void runTest();
    void onTestFinished(Net::Job *job);
    void store();
    void writeSecret();
    void revokeTokens();
    void removeSecret();
    void finish(Error error, const QString &message, const QString &details = QString());

    QPointer<RetrievalTaskService> m_service;
    Operation m_operation;
    RetrievalTask m_task;
    std::optional<QString> m_password;
    State m_state = State::Idle;
    QObject *m_protocolSession = nullptr; // Pop3/Imap::Session or Ews::Client while testing
    QPointer<SecretJob> m_secretJob;
    QPointer<TokenRequest> m_tokenRequest;
    QString m_accessToken; // OAuth: the bearer token of this test (never logged)
    bool m_refreshedAfterRefusal = false;
    // Update of a task that was signed in with OAuth and now uses a password: its tokens are
    // revoked and removed once the task and its password are saved.
    bool m_dropSignIn = false;
    bool m_passwordWritten = false;
    bool m_started = false;
    bool m_finished = false;
    Error m_error = Error::NoError;
    QString m_errorString;
    QString m_details;
    Net::Error m_connectionError;
};

// Adding, testing, changing and deleting Email Retrieval tasks.
//   add(task, password)     test the connection (POP3: connect, TLS, sign in, QUIT; IMAP:
//                           connect, TLS, LOGIN, LIST), then store the row and the password
//                           in the keychain (kind Password, key = the task's uuid). If the
//                           keychain refuses, the row is removed again: nothing is saved.
//   update(task, password)  the same test; without a password the stored one is used and
//                           kept. Then writes the password (when given) and updates the row;
//                           if either fails, the job ends in an error.
//   remove(uuid)            deletes the row and every keychain secret of the task. Messages
//                           already retrieved stay in their folders. (The UI confirms first.)
//   test(task, password)    the connection test alone; nothing is changed.
//
// OAuth tasks (authKind OAuth; the password argument is ignored):
//   1. uuid = RetrievalTaskService::newTaskUuid() before the task exists;
//   2. sign in (AuthorizationCodeFlow or device grant) and TokenService::saveSignIn() under
//      uuid.toString(QUuid::WithoutBraces) -- the key every OAuth call here uses;
//   3. task.uuid = uuid; add(task, QString()): tests with the saved tokens, then stores the
//      row under that same uuid (add keeps a non-null uuid; Store assigns one otherwise).
//      When the user gives up after a failed add(), TokenService::revoke(uuid) so no tokens
//      of a task that never existed stay in the keychain.
//   update()/test() take the token the same way; remove() also revokes the task's tokens at
//   the provider (TokenService::revoke) and forgets them, even when revocation fails.
//   An update that switches a stored OAuth task to a password (e.g. Gmail: sign-in to app
//   password) does the same with the old tokens, but only after the test with the password
//   passed and the row and the password were saved; a failed update keeps the tokens. If only
//   removing them fails, the task stays saved and the job ends in Error::Keychain.
//   needsSignIn(uuid) (OAuthAccountService) says whether the task must be signed in again
//   (the page shows it); signInRequired() is emitted when that becomes true for a stored task.
// The Store and SecretStore (and the TokenService, when set) must outlive the service.
// Main thread only.
class RetrievalTaskService : public OAuthAccountService
{
    Q_OBJECT
public:
    RetrievalTaskService(Store &store, SecretStore &secrets, QObject *parent = nullptr);

    // Certificates trusted in addition to the system ones for the connection test (tests
    // trust the fixture's CA this way).
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates)
    {
        m_extraCas = certificates;
    }
    // Longest wait for the server during the test, in milliseconds (default 30000).
    void setTestTimeout(int milliseconds) { m_testTimeoutMs = milliseconds; }

    // setTokenService(): without one, OAuth tasks fail with InvalidSettings.
    // A uuid for a task that does not exist yet (OAuth: sign in under it, then add()).
    static QUuid newTaskUuid();

    RetrievalTaskJob *test(const RetrievalTask &task, const QString &password);
    RetrievalTaskJob *add(const RetrievalTask &task, const QString &password);
    RetrievalTaskJob *update(const RetrievalTask &task,
                             const std::optional<QString> &password = std::nullopt);
    RetrievalTaskJob *remove(const QUuid &uuid);

Q_SIGNALS:
    // After a successful Add, Update or Remove (for views that list the tasks).
    void tasksChanged();

protected:
    bool isOAuthAccount(const QUuid &uuid) const override;

private:
    friend class RetrievalTaskJob;
    RetrievalTaskJob *makeJob(RetrievalTaskJob::Operation operation, const RetrievalTask &task,
                              const std::optional<QString> &password);

    QList<QSslCertificate> m_extraCas;
    int m_testTimeoutMs = 30000;
};

} // namespace Tributary
