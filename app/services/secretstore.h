#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <optional>

class QSettings;
class QTimer;

namespace QKeychain {
class Job;
}

namespace Tributary {

class SecretStore;

// What a secret is for. The name (secretKindName()) is part of the keychain key.
enum class SecretKind { Password, OAuthRefreshToken, OAuthAccessToken, AppPassword };

// "password", "oauth-refresh-token", "oauth-access-token", "app-password".
QString secretKindName(SecretKind kind);
std::optional<SecretKind> secretKindFromName(const QString &name);

// One keychain operation, made by SecretStore. Shape of every job in Tributary:
//   - The store starts the job on the next turn of the event loop; until then the caller
//     may change setTimeout() and setAutoDelete(). Calling start() earlier is allowed.
//   - finished() is emitted exactly once: success, failure, timeout or cancel(). It is
//     never emitted from inside start() or a SecretStore method.
//   - error() is an enum, errorString() is a sentence for the user, details() is for logs.
//     None of them ever contains the secret.
//   - By default the job deletes itself (deleteLater) after finished(); setAutoDelete(false)
//     hands ownership to the caller.
// Every job has a deadline (timeout(), default SecretStore::defaultTimeout()), because a
// keyring waiting for a password prompt that nobody can see never answers. After a
// timeout the keychain request is abandoned, and the keychain library runs its requests
// one after another, so later jobs of this process may time out too.
class SecretJob : public QObject
{
    Q_OBJECT

public:
    enum class Error {
        NoError,
        NotFound, // no such secret (read)
        Locked, // the keyring is locked and nobody unlocked it
        NoKeychain, // no Secret Service / KWallet reachable
        AccessDenied, // the user or the keyring refused access
        Timeout, // no answer before the deadline
        Cancelled, // cancel() was called
        Other,
    };
    Q_ENUM(Error)

    enum class Operation { Read, Write, Remove, RemoveAll };
    Q_ENUM(Operation)

    ~SecretJob() override;

    Operation operation() const { return m_operation; }
    SecretKind kind() const { return m_kind; }
    QString accountUuid() const { return m_accountUuid; }

    // Milliseconds until the job gives up with Timeout; 0 or less means no deadline.
    void setTimeout(int milliseconds);
    int timeout() const { return m_timeoutMs; }

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    bool autoDelete() const { return m_autoDelete; }

    void start();
    // Ends the job with Cancelled (if it has not finished yet). The keychain request already
    // on its way is abandoned, not undone.
    void cancel();

    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    QString errorString() const;
    QString details() const { return m_details; }

    // The secret read (Operation::Read with NoError); empty otherwise.
    QByteArray secret() const { return m_secret; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(Tributary::SecretJob *job);

private:
    friend class SecretStore;
    SecretJob(SecretStore *store, Operation operation, SecretKind kind, const QString &accountUuid);

    void runNextStep();
    void onKeychainFinished(QKeychain::Job *job);
    void finish(Error error, const QString &details);

    QPointer<SecretStore> m_store;
    Operation m_operation;
    SecretKind m_kind;
    QString m_accountUuid;
    QString m_service;
    QByteArray m_secret; // to write, or read
    QList<SecretKind> m_steps; // kinds still to process (RemoveAll: all of them)
    int m_stepsTotal = 0;
    QTimer *m_timer = nullptr;
    int m_timeoutMs = 0;
    bool m_autoDelete = true;
    bool m_started = false;
    bool m_finished = false;
    Error m_error = Error::NoError;
    QString m_details;
};

// Secrets (passwords, OAuth tokens, app passwords) in the system keychain through
// QtKeychain: the Secret Service (gnome-keyring, KeePassXC) or KWallet on Linux, the
// Keychain on macOS, the Credential Manager on Windows. Never anywhere else: there is no
// plain-text fallback, and nothing here logs a secret.
//
// Keychain entries: service "Tributary", key "tributary:<accountUuid>:<kind>".
// Beside them, a key index in the injected QSettings (group SettingsNames::secretIndexGroup)
// records which kinds exist for which account, so an account can be cleaned up without
// asking the keychain; it holds names only, no secret.
//
// Threading: main thread. The QSettings must outlive the store.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    explicit SecretStore(QSettings &settings, QObject *parent = nullptr);
    ~SecretStore() override;

    static constexpr int defaultTimeout() { return 10000; }

    // Timeout given to jobs created from now on (milliseconds).
    void setJobTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int jobTimeout() const { return m_timeoutMs; }

    // Keychain service name; "Tributary" unless changed (tests use their own).
    void setServiceName(const QString &service) { m_service = service; }
    QString serviceName() const { return m_service; }

    static QString keyFor(SecretKind kind, const QString &accountUuid);

    // Each returns a job that starts itself (see SecretJob). The store stays the QObject
    // parent of the job unless auto-delete is turned off and the caller re-parents it.
    SecretJob *write(SecretKind kind, const QString &accountUuid, const QByteArray &secret);
    SecretJob *read(SecretKind kind, const QString &accountUuid);
    // Removing is idempotent: a secret that does not exist is not an error (keychain
    // backends differ in whether they report it).
    SecretJob *remove(SecretKind kind, const QString &accountUuid);
    // Removes every kind for the account; kinds that do not exist are not an error.
    SecretJob *removeAll(const QString &accountUuid);

    // The key index.
    QStringList indexedAccounts() const;
    QList<SecretKind> indexedKinds(const QString &accountUuid) const;

private:
    friend class SecretJob;
    SecretJob *makeJob(SecretJob::Operation op, SecretKind kind, const QString &accountUuid);
    void indexAdd(const QString &accountUuid, SecretKind kind);
    void indexRemove(const QString &accountUuid, SecretKind kind);

    QSettings &m_settings;
    QString m_service = QStringLiteral("Tributary");
    int m_timeoutMs = defaultTimeout();
};

} // namespace Tributary
