#pragma once

#include "retrievalrunbase.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>
#include <QString>

#include <memory>
#include <vector>

namespace Tributary {

class MessageBatch;

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
// task's uuid without braces), sign in (APOP when task.apop; an OAuth task sends its access
// token, given with setPassword(), with SASL XOAUTH2), LIST + UIDL, download every
// message whose UIDL is not in Store::knownUidls(task.uuid) into the destination folder
// (the Inbox when task.destinationFolderId is 0) through MessageBatch, then QUIT.
// When task.leaveOnServer is false, DELE is sent for exactly the messages whose rows are
// committed (this run's and earlier runs' that are still on the server), before QUIT;
// a message that was not durably stored is never deleted (RFC 1939 §6: the server removes
// them only on QUIT, and a dropped connection keeps them).
// At the end the outcome is recorded (Store::recordRetrievalRun) and written to the
// activity log (area Retrieval), on success and on failure.
//
// The shared parts (secret, start, outcome record and log, errors) are RetrievalRunBase's.
// Ownership: the store, secret store and logger (may be null) must outlive the run. The
// run does not delete itself. Threading: the thread it lives on; no nested event loops.
class RetrievalRun : public RetrievalRunBase
{
    Q_OBJECT
public:
    enum class State { Idle, ReadingSecret, Listing, Retrieving, Deleting, Quitting, Done };
    Q_ENUM(State)

    RetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                 QObject *parent = nullptr);
    ~RetrievalRun() override;

    // Messages written to disk per transaction (default 200); each batch is durable before
    // any of its messages counts as retrieved (or is deleted at the source). Full batches
    // are committed on a writer thread while the next one downloads
    // (RetrievalRunBase::submitToStore).
    void setBatchSize(int messages) { m_batchSize = qMax(1, messages); }

    State state() const { return m_state; }
    // Messages deleted at the source by this run (QUIT confirmed).
    int deletedCount() const { return m_deletedConfirmed; }

Q_SIGNALS:
    void stateChanged(Tributary::RetrievalRun::State state);
    void finished(Tributary::RetrievalRun *run);

protected:
    bool checkTask(QString *message, QString *details) const override;
    bool prepare() override;
    void readingSecret() override { setState(State::ReadingSecret); }
    void signIn(const QString &password) override;
    void abortConnection() override;
    void releaseConnection() override;
    void emitFinished() override { Q_EMIT finished(this); }

private:
    void setState(State state);
    void onListed(Net::Job *job);
    void onMessageRetrieved(int number);
    QByteArray uidlOf(int number) const; // of a message being downloaded
    void onRetrieved(Net::Job *job);
    void submitBatch();
    void startDelete();
    void onDeleted(Net::Job *job);
    void startQuit();
    void onQuit(Net::Job *job);

    int m_batchSize = 200;
    Pop3::Session *m_session = nullptr;
    QPointer<Net::Job> m_currentJob;
    std::unique_ptr<MessageBatch> m_batch;
    qint64 m_folderId = 0;

    // The messages to download, by ascending number, each with its UIDL's offset in
    // m_fetchUidls (all of them end to end): a few bytes a message for a large maildrop.
    struct Fetching
    {
        int number;
        int offset;
    };
    std::vector<Fetching> m_fetching;
    QByteArray m_fetchUidls;
    QHash<int, QByteArray> m_buffers; // message number -> bytes received so far
    QList<int> m_inBatch; // numbers queued in the open batch
    QList<int> m_durable; // numbers whose rows are committed (or were known)
    QList<int> m_toDelete;
    int m_total = 0;
    int m_deletedConfirmed = 0;

    State m_state = State::Idle;
};

} // namespace Tributary
