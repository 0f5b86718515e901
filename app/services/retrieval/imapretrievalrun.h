#pragma once

#include "connectors/imap/imapresponse.h"
#include "models/store.h"
#include "retrievalrunbase.h"

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

class MessageBatch;

namespace Net {
class Job;
}
namespace Imap {
class Session;
}

// One run of one IMAP retrieval task. Same shape and contract as RetrievalRun (POP3):
// setters, start(), progress(), finished() once, error()/errorString()/details(), cancel().
//
// Steps: password from the keychain (SecretKind::Password, the task's uuid), LOGIN (an OAuth
// task: AUTHENTICATE XOAUTH2 with the access token given with setPassword()), LIST
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
// content (SHA-256) is already in the local folder, or was retrieved from the same source
// folder by this task and is now anywhere else (a filter rule or spam filtering moved it),
// is not stored again (Store::retrievedContent).
//
// Flags (CONDSTORE, RFC 7162): when the folder's HIGHESTMODSEQ moved past the one saved
// after the last complete pass (same UIDVALIDITY), the run fetches FLAGS CHANGEDSINCE that
// value for the UIDs already stored (no bodies) and updates the local messages' Seen,
// Answered, Flagged and Deleted flags (Store::updateSourceFlags) before saving the folder's
// new state.
// The shared parts (secret, start, outcome record and log, errors) are RetrievalRunBase's.
// Ownership and threading as RetrievalRun.
class ImapRetrievalRun : public RetrievalRunBase
{
    Q_OBJECT
public:
    ImapRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                     QObject *parent = nullptr);
    ~ImapRetrievalRun() override;

    // Messages written to disk per transaction (default 200; a batch also ends at 4 MB of
    // bodies); each batch is durable before any of its messages counts as retrieved. Full
    // batches, with their bodies, are written, hashed, synced and committed on a writer
    // thread while the FETCH goes on (RetrievalRunBase::queueInBatch, submitToStore); at
    // most one batch is there while the next one fills. A folder's sync state is saved
    // only after all of its batches are committed.
    void setBatchSize(int messages) { m_batchSize = qMax(1, messages); }
    // Folders skipped because their status equals the saved sync state.
    int unchangedFolderCount() const { return m_skipped; }
    // Local messages whose flags this run changed to match the source (CONDSTORE).
    int flagUpdateCount() const { return m_flagUpdates; }

Q_SIGNALS:
    void finished(Tributary::ImapRetrievalRun *run);

protected:
    bool checkTask(QString *message, QString *details) const override;
    void signIn(const QString &password) override;
    void abortConnection() override;
    void releaseConnection() override;
    void emitFinished() override { Q_EMIT finished(this); }

private:
    struct SourceFolder
    {
        QString name;
        char delimiter = 0;
        QByteArray specialUse;
    };
    class Sink;
    friend class Sink;

    void onListed(Net::Job *job);
    void nextFolder();
    void onSelected(Net::Job *job);
    void onSearched(Net::Job *job);
    void onFetched(Net::Job *job);
    bool unchanged(const QString &folder) const;
    void fetchFlagChanges();
    void onFlagsFetched(Net::Job *job);
    void folderDone();
    void storeFetched(const QByteArray &content, const QByteArrayList &flags,
                      const QDateTime &internalDate, quint32 uid);
    qint64 localFolderFor(const SourceFolder &folder, QString *error);

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
    quint64 m_flagsSince = 0; // CHANGEDSINCE of the current folder's flag fetch, 0 = none
    int m_flagUpdates = 0;
    QHash<QString, Imap::StatusData> m_statuses;
    QHash<QString, Store::FolderSyncState> m_syncStates;
    Store::FolderSyncState m_pendingState;
};

} // namespace Tributary
