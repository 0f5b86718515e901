#pragma once

#include "connectors/ews/ewssoap.h"
#include "retrievalrunbase.h"

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
// The shared parts (secret, start, outcome record and log, errors) are RetrievalRunBase's.
// Ownership and threading as RetrievalRun.
class EwsRetrievalRun : public RetrievalRunBase
{
    Q_OBJECT
public:
    EwsRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                    QObject *parent = nullptr);
    ~EwsRetrievalRun() override;

    // Changes asked per SyncFolderItems request (1..512, default 100) and items per GetItem
    // (default 20).
    void setPageSizes(int syncChanges, int itemsPerRequest)
    {
        m_syncPage = syncChanges;
        m_itemPage = qMax(1, itemsPerRequest);
    }

Q_SIGNALS:
    void finished(Tributary::EwsRetrievalRun *run);

protected:
    bool checkTask(QString *message, QString *details) const override;
    SecretKind secretKind() const override;
    void signIn(const QString &secret) override;
    void releaseConnection() override;
    void emitFinished() override { Q_EMIT finished(this); }

private:
    void onListed(Net::Job *job);
    void nextFolder();
    void syncPage();
    void onSynced(Net::Job *job);
    void fetchNext();
    void onFetched(Net::Job *job);
    void pageDone();
    qint64 localFolderFor(const Ews::Folder &folder, QString *error);

    int m_syncPage = 100;
    int m_itemPage = 20;

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
};

} // namespace Tributary
