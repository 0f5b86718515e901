#pragma once

#include "connectors/imap/imapresponse.h"
#include "models/retrievaltask.h"
#include "models/store.h"

#include <QByteArray>
#include <QDateTime>
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
namespace Imap {
class Session;
}

// One run of one IMAP retrieval task. Same shape and contract as RetrievalRun (POP3):
// setters, start(), progress(), finished() once, error()/errorString()/details(), cancel().
//
// Steps: password from the keychain (SecretKind::Password, the task's uuid), LOGIN, LIST
// "*" with each folder's status (MESSAGES UIDNEXT UIDVALIDITY, HIGHESTMODSEQ with
// CONDSTORE; LIST-STATUS where offered) (\Noselect folders skipped). A folder whose status
// equals the state saved after the last complete pass over it (Store::folderSyncStates)
// is skipped without SELECT; the state of a folder gone at the source is removed. The
// other folders, one by one: EXAMINE (read-only: flags stay
// as they are at the source), UID SEARCH above the highest UID stored for
// (task, folder, UIDVALIDITY) (Store::knownUids), UID FETCH FLAGS INTERNALDATE BODY.PEEK[]
// of the new ones, stored through MessageBatch with flags and INTERNALDATE preserved.
// Messages are left on the server.
//
// Where messages go (task.folderTransfer):
//   Off     every message into the destination folder (the Inbox when 0).
//   Mirror, transferParentFolderId 0   "root level": the source path is recreated at the
//           local top level; INBOX is the local Inbox; \Sent \Drafts \Trash \Junk go to
//           the local Sent, Drafts, Deleted Items and Junk E-Mail.
//   Mirror, transferParentFolderId X   every source folder (INBOX included) below X.
// Local folders are created as needed, nested by the server's hierarchy delimiter.
//
// When a folder's UIDVALIDITY changed (nothing known for the new value), a message whose
// content (SHA-256) is already in the local folder is not stored again.
// Ownership and threading as RetrievalRun.
class ImapRetrievalRun : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None,
        InvalidTask,
        NoPassword,
        Connection,
        Authentication,
        Server,
        Storage,
        Cancelled
    };
    Q_ENUM(Error)

    ImapRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                     QObject *parent = nullptr);
    ~ImapRetrievalRun() override;

    void setTask(const RetrievalTask &task) { m_task = task; }
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates)
    {
        m_extraCa = certificates;
    }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    // Messages written to disk per transaction (default 200); each batch is durable before
    // any of its messages counts as retrieved.
    void setBatchSize(int messages) { m_batchSize = qMax(1, messages); }
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

    void start();
    void cancel();

    bool isFinished() const { return m_done; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    QString details() const { return m_details; }
    int retrievedCount() const { return m_retrieved; } // messages newly stored
    int downloadedCount() const { return m_downloaded; } // bodies fetched by this run
    // Folders skipped because their status equals the saved sync state.
    int unchangedFolderCount() const { return m_skipped; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(Tributary::ImapRetrievalRun *run);

private:
    struct SourceFolder
    {
        QString name;
        char delimiter = 0;
        QByteArray specialUse;
    };
    class Sink;
    friend class Sink;

    void onSecret(SecretJob *job);
    void signIn(const QString &password);
    void onListed(Net::Job *job);
    void nextFolder();
    void onSelected(Net::Job *job);
    void onSearched(Net::Job *job);
    void onFetched(Net::Job *job);
    bool unchanged(const QString &folder) const;
    void folderDone();
    void storeFetched(const QByteArray &content, const QByteArrayList &flags,
                      const QDateTime &internalDate, quint32 uid);
    qint64 localFolderFor(const SourceFolder &folder, QString *error);
    bool netFailed(Net::Job *job);
    void fail(Error error, const QString &message, const QString &details);
    void finish();

    Store &m_store;
    SecretStore &m_secrets;
    QPointer<ActivityLogger> m_logger;
    RetrievalTask m_task;
    QList<QSslCertificate> m_extraCa;
    int m_timeoutMs = 60000;

    QPointer<SecretJob> m_secretJob;
    QString m_givenPassword;
    QString m_passwordError;
    QString m_passwordErrorDetails;
    bool m_hasGivenPassword = false;
    Imap::Session *m_session = nullptr;
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<MessageBatch> m_batch;
    QList<SourceFolder> m_folders;
    int m_folderIndex = -1;
    SourceFolder m_current;
    qint64 m_localFolder = 0;
    qint64 m_uidValidity = 0;
    qint64 m_highestKnown = 0;
    bool m_checkContent = false;
    bool m_condStore = false;
    bool m_contentLoaded = false;
    QSet<QString> m_content; // SHA-256 of the local folder's messages, when m_checkContent
    int m_batchSize = 200;
    int m_skipped = 0;
    QHash<QString, Imap::StatusData> m_statuses;
    QHash<QString, Store::FolderSyncState> m_syncStates;
    Store::FolderSyncState m_pendingState;
    int m_retrieved = 0;
    int m_downloaded = 0;
    bool m_started = false;
    bool m_done = false;
    Error m_error = Error::None;
    QString m_errorString;
    QString m_details;
};

} // namespace Tributary
