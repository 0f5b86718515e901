#pragma once

#include "connectors/ews/ewssoap.h"
#include "models/retrievaltask.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <memory>

namespace Tributary {

class ActivityLogger;
class SecretJob;
class SecretStore;
class Store;

namespace Net {
class Job;
}
namespace Ews {
class Client;
}

// One run of one Exchange retrieval task over Exchange Web Services (on-premises Exchange,
// or Exchange Online with an OAuth token). Same shape and contract as ImapRetrievalRun:
// setters, start(), progress(), finished() once, error()/errorString()/details(), cancel().
//
// Steps: the secret from the keychain (task.authKind Password: SecretKind::Password, sent
// through whatever the server offers, NTLM or Basic; OAuth: SecretKind::OAuthAccessToken as
// a Bearer token; key = the task's uuid), then ListFoldersJob (mail folders only), then
// folder by folder SyncFolderItems from the folder's saved SyncState
// (FolderSyncTokens, key = EWS folder id), GetItem with MimeContent for the created items
// whose id is not stored yet (Store::knownUidls: the EWS item id is the message's
// sourceUidl), stored through MessageBatch with IsRead -> Seen and DateTimeReceived as the
// arrival time. The new SyncState is saved only after the page's messages are committed,
// so an interrupted run resumes without loss and without duplicates. A SyncState the
// server no longer accepts (ErrorInvalidSyncStateData) is dropped and the folder synced
// from the start once; the uidl keys keep that free of duplicates. Messages stay on the
// server. ErrorServerBusy ends the run with Error::Server ("busy"); the next run resumes.
//
// Where messages go (task.folderTransfer), as ImapRetrievalRun:
//   Off     everything into the destination folder (the Inbox when 0).
//   Mirror, transferParentFolderId 0   "root level": Inbox, Sent Items, Drafts, Deleted
//           Items and Junk Email are the local special folders; other folders keep their
//           place and names (a folder below the Inbox goes below the local Inbox).
//   Mirror, transferParentFolderId X   every source folder, by its path of display names,
//           below X.
// Server address: task.server as a host name (https://host[:port]/EWS/Exchange.asmx) or a
// full EWS URL. task.security None allows plain http (never chosen silently).
// Ownership and threading as RetrievalRun.
class EwsRetrievalRun : public QObject
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

    EwsRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                    QObject *parent = nullptr);
    ~EwsRetrievalRun() override;

    void setTask(const RetrievalTask &task) { m_task = task; }
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates)
    {
        m_extraCa = certificates;
    }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    // Changes asked per SyncFolderItems request (1..512, default 100) and items per GetItem
    // (default 20).
    void setPageSizes(int syncChanges, int itemsPerRequest)
    {
        m_syncPage = syncChanges;
        m_itemPage = qMax(1, itemsPerRequest);
    }

    // The secret, read by the caller (e.g. from the keychain on the main thread): the
    // password, or for an OAuth task the access token. The run then does not read the
    // keychain itself, so it may work on any thread (RetrievalRunStarter's worker thread).
    void setPassword(const QString &secret)
    {
        m_givenSecret = secret;
        m_hasGivenSecret = true;
    }
    // The caller could not read the secret: the run ends with Error::NoPassword and these
    // words (and records that outcome like any other) without touching the keychain.
    void setPasswordError(const QString &message, const QString &details)
    {
        m_secretError = message;
        m_secretErrorDetails = details;
        m_hasGivenSecret = true;
    }

    void start();
    void cancel();

    bool isFinished() const { return m_done; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    QString details() const { return m_details; }
    int retrievedCount() const { return m_retrieved; } // messages newly stored
    int downloadedCount() const { return m_downloaded; } // MIME contents fetched

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(Tributary::EwsRetrievalRun *run);

private:
    void onSecret(SecretJob *job);
    void signIn(const QByteArray &secret);
    void onListed(Net::Job *job);
    void nextFolder();
    void syncPage();
    void onSynced(Net::Job *job);
    void fetchNext();
    void onFetched(Net::Job *job);
    void pageDone();
    qint64 localFolderFor(const Ews::Folder &folder, QString *error);
    bool netFailed(Net::Job *job);
    void fail(Error error, const QString &message, const QString &details);
    void finish();

    Store &m_store;
    SecretStore &m_secrets;
    QPointer<ActivityLogger> m_logger;
    RetrievalTask m_task;
    QList<QSslCertificate> m_extraCa;
    int m_timeoutMs = 60000;
    int m_syncPage = 100;
    int m_itemPage = 20;

    QPointer<SecretJob> m_secretJob;
    QString m_givenSecret;
    QString m_secretError;
    QString m_secretErrorDetails;
    bool m_hasGivenSecret = false;
    Ews::Client *m_client = nullptr;
    QPointer<Net::Job> m_job;
    QList<Ews::Folder> m_folders;
    QHash<QString, Ews::Folder> m_byId;
    QString m_rootId;
    QHash<QString, qint64> m_localFolders; // EWS folder id -> local folder
    int m_folderIndex = -1;
    Ews::Folder m_current;
    qint64 m_localFolder = 0;
    QString m_syncState;
    QString m_pageState; // state to save once the page is stored
    bool m_pageLast = true;
    bool m_restarted = false; // this folder's state was dropped once already
    QSet<QString> m_known;
    QStringList m_toFetch;
    int m_retrieved = 0;
    int m_downloaded = 0;
    bool m_started = false;
    bool m_done = false;
    Error m_error = Error::None;
    QString m_errorString;
    QString m_details;
};

} // namespace Tributary
