#pragma once

#include "models/retrievaltask.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>
#include <QString>

#include <memory>

namespace Tributary {

class ActivityLogger;
class MessageBatch;
class SecretJob;
class SecretStore;
class Store;

namespace Net {
class Job;
}
namespace Pop3 {
class Session;
}

// One run of one retrieval task (POP3): the job that moves mail from another account into
// the local store.
//
//   auto *run = new RetrievalRun(store, secrets, &logger);
//   run->setTask(task);
//   connect(run, &RetrievalRun::finished, ...);   // exactly once, also after cancel()
//   run->start();
//
// Steps: read the task's password from the keychain (SecretKind::Password, key = the
// task's uuid without braces), sign in (APOP when task.apop), LIST + UIDL, download every
// message whose UIDL is not in Store::knownUidls(task.uuid) into the destination folder
// (the Inbox when task.destinationFolderId is 0) through MessageBatch, then QUIT.
// When task.leaveOnServer is false, DELE is sent for exactly the messages whose rows are
// committed (this run's and earlier runs' that are still on the server), before QUIT;
// a message that was not durably stored is never deleted (RFC 1939 §6: the server removes
// them only on QUIT, and a dropped connection keeps them).
// At the end the outcome is recorded (Store::recordRetrievalRun) and written to the
// activity log (area Retrieval), on success and on failure.
//
// Ownership: the store, secret store and logger (may be null) must outlive the run. The
// run does not delete itself. Threading: main thread; no nested event loops.
class RetrievalRun : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None,
        InvalidTask, // task not set, kind not supported, no server/user
        NoPassword, // the keychain has no password for the task, or is unavailable
        Connection, // DNS, TCP, TLS, greeting, timeout, dropped connection
        Authentication, // the server refused the credentials
        Server, // the server refused a command or broke the protocol
        Storage, // the local store failed
        Cancelled, // cancel() was called
    };
    Q_ENUM(Error)

    enum class State { Idle, ReadingSecret, Listing, Retrieving, Deleting, Quitting, Done };
    Q_ENUM(State)

    RetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                 QObject *parent = nullptr);
    ~RetrievalRun() override;

    void setTask(const RetrievalTask &task) { m_task = task; }
    const RetrievalTask &task() const { return m_task; }
    // CA certificates trusted in addition to the system ones (tests trust their fixture's CA).
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates)
    {
        m_extraCa = certificates;
    }
    // Connect timeout and longest server silence, in milliseconds (default 60000).
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    // The password, read by the caller (e.g. from the keychain on the main thread): the run
    // then does not read the keychain itself, so it may work on any thread.
    void setPassword(const QString &password)
    {
        m_givenPassword = password;
        m_hasGivenPassword = true;
    }
    // The caller could not read the password: the run ends with Error::NoPassword and these
    // words (and records that outcome like any other) without touching the keychain.
    void setPasswordError(const QString &message, const QString &details)
    {
        m_passwordError = message;
        m_passwordErrorDetails = details;
        m_hasGivenPassword = true;
    }
    // Messages written to disk per transaction (default 50); each batch is durable before
    // any of its messages counts as retrieved.
    void setBatchSize(int messages) { m_batchSize = qMax(1, messages); }

    // Starts the run; finished() follows later (never from inside start()).
    void start();
    // Ends the run with Error::Cancelled. Messages already committed stay stored; nothing
    // is deleted at the source.
    void cancel();

    State state() const { return m_state; }
    bool isFinished() const { return m_state == State::Done; }
    Error error() const { return m_error; }
    // A sentence for the user.
    QString errorString() const { return m_errorString; }
    // Technical text for logs (no secrets).
    QString details() const { return m_details; }

    // Messages newly stored by this run.
    int retrievedCount() const { return m_retrieved; }
    // Messages downloaded by this run (RETR), stored or not; 0 when nothing was new.
    int downloadedCount() const { return m_received; }
    // Messages deleted at the source by this run (QUIT confirmed).
    int deletedCount() const { return m_deletedConfirmed; }

Q_SIGNALS:
    // done/total messages of this run's downloads.
    void progress(qint64 done, qint64 total);
    void stateChanged(Tributary::RetrievalRun::State state);
    void finished(Tributary::RetrievalRun *run);

private:
    void setState(State state);
    void onSecret(SecretJob *job);
    void startList();
    void onListed(Net::Job *job);
    void onMessageRetrieved(int number);
    void onRetrieved(Net::Job *job);
    bool commitBatch();
    void startDelete();
    void onDeleted(Net::Job *job);
    void startQuit();
    void onQuit(Net::Job *job);
    void failFromNet(Net::Job *job);
    void fail(Error error, const QString &message, const QString &details);
    void finish();
    qint64 destinationFolder() const;

    Store &m_store;
    SecretStore &m_secrets;
    QPointer<ActivityLogger> m_logger;
    RetrievalTask m_task;
    QList<QSslCertificate> m_extraCa;
    int m_timeoutMs = 60000;
    int m_batchSize = 50;

    QPointer<SecretJob> m_secretJob;
    QString m_givenPassword;
    QString m_passwordError;
    QString m_passwordErrorDetails;
    bool m_hasGivenPassword = false;
    QString m_password;
    Pop3::Session *m_session = nullptr;
    QPointer<Net::Job> m_currentJob;
    std::unique_ptr<MessageBatch> m_batch;
    qint64 m_folderId = 0;

    QHash<int, QByteArray> m_uidls; // message number -> UIDL of what is downloaded
    QHash<int, QByteArray> m_buffers; // message number -> bytes received so far
    QList<int> m_inBatch; // numbers queued in the open batch
    QList<int> m_durable; // numbers whose rows are committed (or were known)
    QList<int> m_toDelete;
    int m_total = 0;
    int m_received = 0;
    int m_retrieved = 0;
    int m_deletedConfirmed = 0;

    State m_state = State::Idle;
    Error m_error = Error::None;
    QString m_errorString;
    QString m_details;
    bool m_started = false;
};

} // namespace Tributary
