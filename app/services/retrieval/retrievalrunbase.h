#pragma once

#include "app/services/secretstore.h"
#include "connectors/common/endpoint.h"
#include "models/retrievaltask.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QString>

#include <deque>
#include <functional>
#include <memory>

namespace Tributary {

class ActivityLogger;
class BatchCommitter;
class MessageBatch;
class Store;
struct MessageRecord;

namespace Net {
class Job;
}

// What every retrieval run shares (RetrievalRun for POP3, ImapRetrievalRun, EwsRetrievalRun):
// the task and connection settings, the secret, the error vocabulary, and the end of a run.
//
// Job shape: setters, start(), progress(), finished() exactly once (declared by each run
// class with its own type), error()/errorString()/details(), cancel().
//
// start() reports everything from the event loop, never from inside start(): the task is
// checked (checkTask()), the run prepares (prepare()), then the secret is taken from
// setPassword()/setPasswordError() when the caller gave one, else read from the keychain
// (secretKind(), key = the task's uuid without braces), and handed to signIn().
//
// At the end (success or failure, exactly once) the outcome is recorded with
// Store::recordRetrievalRun (result "OK" or the error sentence, the count of messages newly
// stored, the next automatic run ten minutes later for automatic tasks) and written to the
// activity log (area Retrieval); then emitFinished() runs from the event loop.
//
// Ownership: the store, the secret store and the logger (may be null) must outlive the
// run; the run does not delete itself. Threading: the thread the run lives on; no nested
// event loops. With a secret given by the caller, the keychain is never touched, so the run
// may live on a worker thread.
class RetrievalRunBase : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None,
        InvalidTask, // task not set, kind not supported, no server/user
        NoPassword, // the keychain has no secret for the task, or is unavailable
        Connection, // DNS, TCP, TLS, greeting, timeout, dropped connection
        Authentication, // the server refused the credentials
        Server, // the server refused a command or broke the protocol
        Storage, // the local store failed
        Cancelled, // cancel() was called
        SignInRequired, // OAuth: the provider no longer accepts the task's sign-in
    };
    Q_ENUM(Error)

    ~RetrievalRunBase() override;

    void setTask(const RetrievalTask &task) { m_task = task; }
    const RetrievalTask &task() const { return m_task; }
    // CA certificates trusted in addition to the system ones (tests trust their fixture's CA).
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates)
    {
        m_extraCa = certificates;
    }
    // Connect timeout and longest server silence, in milliseconds (default 60000).
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    // The secret, read by the caller (e.g. from the keychain on the main thread): the
    // password, or for an OAuth task the access token. The run then does not read the
    // keychain itself, so it may work on any thread.
    void setPassword(const QString &secret)
    {
        m_givenSecret = secret;
        m_hasGivenSecret = true;
    }
    // The caller could not get the secret: the run ends with `error` (NoPassword, or
    // SignInRequired when an OAuth task must be signed in again) and these words, and
    // records that outcome like any other, without touching the keychain or the network.
    void setPasswordError(const QString &message, const QString &details,
                          Error error = Error::NoPassword)
    {
        m_secretError = message;
        m_secretErrorDetails = details;
        m_secretErrorKind = error;
        m_hasGivenSecret = true;
    }
    // When on and the server refuses the credentials (Error::Authentication), the run ends
    // without recording or logging its outcome: the caller retries once with a fresh
    // access token, and that run records the outcome. Off by default.
    void setQuietAuthenticationFailure(bool on) { m_quietAuthentication = on; }
    // Whether the outcome was recorded in the task's history (Store::recordRetrievalRun) and
    // the activity log: true once finished, except for a quiet authentication failure.
    bool outcomeRecorded() const { return m_recorded; }

    // The task signs in with OAuth: the secret is an access token, sent with XOAUTH2
    // (IMAP, POP3) or as a Bearer token (EWS).
    bool usesOAuth() const { return m_task.authKind == RetrievalTask::AuthKind::OAuth; }
    // The words for a task whose OAuth sign-in is no longer accepted.
    static QString signInAgainMessage();

    // Starts the run; the end is reported later (never from inside start()).
    void start();
    // Ends the run with Error::Cancelled. Messages already committed stay stored; nothing
    // is deleted at the source.
    void cancel();
    // Thread-safe, from any thread, ahead of a cancel() on its way through the event loop:
    // batches handed to the writer thread that have not started are dropped at once, so a
    // run whose thread is busy (or waiting for the writer) stores no more than the batch
    // being committed. Only for a run that will be cancelled.
    void discardPendingBatches();

    bool isFinished() const { return m_done; }
    Error error() const { return m_error; }
    // A sentence for the user.
    QString errorString() const { return m_errorString; }
    // Technical text for logs (no secrets).
    QString details() const { return m_details; }
    // Messages newly stored by this run.
    int retrievedCount() const { return m_retrieved; }
    // Messages downloaded by this run, stored or not.
    int downloadedCount() const { return m_downloaded; }

    // The run's error for a connector job's error kind (None for Net::Error::Kind::None).
    static Error errorFor(const Net::Job *job);

Q_SIGNALS:
    // done/total of this run's work (messages, or folders for the folder-wise runs).
    void progress(qint64 done, qint64 total);
    // Right after the run class's own finished(this) signal, exactly once.
    void ended(Tributary::RetrievalRunBase *run);

protected:
    RetrievalRunBase(Store &store, SecretStore &secrets, ActivityLogger *logger, QObject *parent);

    // False when the task cannot run with this run class: *message for the user, *details
    // for the log.
    virtual bool checkTask(QString *message, QString *details) const = 0;
    // After the task check, before the secret: false after calling fail().
    virtual bool prepare() { return true; }
    // What the keychain holds for this task (read when the caller gave no secret).
    virtual SecretKind secretKind() const { return SecretKind::Password; }
    // The keychain read begins (the POP3 run shows it as a state).
    virtual void readingSecret() { }
    // Connect and sign in with the secret (password or access token).
    virtual void signIn(const QString &secret) = 0;
    // fail() was called: stop listening to the connection's jobs, drop what is not durable.
    virtual void abortConnection() { }
    // The run is over and recorded: let the connection go (deleteLater).
    virtual void releaseConnection() { }
    // Emit the run class's finished(this) signal.
    virtual void emitFinished() = 0;

    // Ends the run with this error (once; later calls do nothing).
    void fail(Error error, const QString &message, const QString &details);
    // Ends the run with the job's error and returns true, or returns false when it has none.
    bool netFailed(Net::Job *job);
    // Records, logs and reports the end of the run (once).
    void finish();
    void appendDetails(const QString &text);

    // Where the task's server is (host, port, security, trusted CAs, pin, timeout).
    Net::Endpoint endpoint() const;
    // The local folder a run without folder mapping stores into: the task's destination
    // folder, or the Inbox when it has none (or it was deleted).
    qint64 destinationFolder() const;
    // Fills the index fields of `record` from the content (describe()), lets the task's
    // spam and content filters decide its final folder and flags (RetrievalFilter, when
    // `filter`), and adds it to `batch`. False after fail() (Error::Storage).
    bool addToBatch(MessageBatch &batch, MessageRecord &record, const QByteArray &content,
                    bool filter = true);
    // The same, but the batch keeps the body and writes (and hashes) its file only when it
    // is committed (MessageBatch::queueMessage): for a batch handed to submitToStore(), on
    // the writer thread, so the run's thread only parses. Nothing fails here; a file that
    // cannot be written fails the batch's commit (Error::Storage). The caller bounds the
    // bodies a batch holds (MessageBatch::queuedBytes()) and the batches in flight
    // (setBatchesInFlight()).
    void queueInBatch(MessageBatch &batch, MessageRecord &record, const QByteArray &content);
    // How many batches handed to submitToStore() may wait or commit at once (default 2;
    // BatchCommitter::setMaxInFlight). Before the first submitToStore().
    void setBatchesInFlight(int batches);
    // Commits `batch` (durable on return) and counts its newly inserted messages in
    // retrievedCount(). False after fail() (Error::Storage); fail() is its last action.
    bool commitToStore(MessageBatch &batch);
    // Hands `batch` to the run's writer thread (a BatchCommitter, started on first use),
    // where it is made durable and indexed while the run goes on reading; may block while
    // two batches wait or commit. Once its rows are committed (batches in the order they
    // were submitted), its new messages count in retrievedCount() and `committed` (may be
    // empty) runs on the run's thread. A batch that fails ends the run (Error::Storage,
    // through fail()), and no later batch is committed. When the run ends otherwise
    // (cancel, a connection error), batches that have not started are dropped whole and
    // the one being committed is waited for and counted.
    void submitToStore(std::unique_ptr<MessageBatch> batch, std::function<void()> committed = {});
    // Runs `next` once every batch handed to submitToStore() is committed: at once when
    // none is in flight, else from the event loop after the last commit. Never after the run
    // ended. One at a time.
    void whenStored(std::function<void()> next);
    // The same after `job` (a download) finished: with its error the run then ends with it
    // (what arrived whole before the error is kept), else `next` runs.
    void whenStored(const Net::Job *job, std::function<void()> next);
    // Fills the index fields of `record` (addresses, subject, date, ids) from the message's
    // header section.
    static void describe(MessageRecord &record, const QByteArray &content);

    Store &m_store;
    QPointer<ActivityLogger> m_logger;
    RetrievalTask m_task;
    QList<QSslCertificate> m_extraCa;
    int m_timeoutMs = 60000;
    int m_retrieved = 0;
    int m_downloaded = 0;

private:
    void onSecret(SecretJob *job);
    void recordOutcome();
    void onBatchCommitted(const QList<qint64> &insertedIds);
    // describe() and, when `filter`, the task's filters: the record as it will be stored.
    void prepareRecord(MessageRecord &record, const QByteArray &content, bool filter);

    BatchCommitter *m_committer; // a child, so it moves to the run's thread with the run
    std::deque<std::function<void()>> m_onCommitted; // one per batch in flight, in order
    std::function<void()> m_whenStored;

    SecretStore &m_secrets;
    QPointer<SecretJob> m_secretJob;
    QString m_givenSecret;
    QString m_secretError;
    QString m_secretErrorDetails;
    Error m_secretErrorKind = Error::NoPassword;
    bool m_hasGivenSecret = false;
    bool m_quietAuthentication = false;
    bool m_recorded = false;
    bool m_started = false;
    bool m_done = false;
    Error m_error = Error::None;
    QString m_errorString;
    QString m_details;
};

} // namespace Tributary
