#pragma once

#include "connectors/common/job.h"
#include "ewssoap.h"

#include <QPointer>

class QNetworkReply;

namespace Tributary::Ews {

class Client;

// Base of the EWS jobs: one or more SOAP requests through a Client, with the job shape of
// Net::Job (finished() once, error()/errorString()/details(), cancel()).
// Errors: transport and HTTP failures as Client::transportError(); a SOAP fault or a
// response message with ResponseClass Error as Kind::Command (status() has the EWS
// ResponseCode, e.g. ErrorInvalidSyncStateData; ErrorServerBusy also sets
// backOffMilliseconds() and says "busy" to the user); a body that is not the documented
// response shape as Kind::ProtocolViolation.
// The job is a child of the client unless given another parent; the client must outlive it.
class Job : public Net::Job
{
    Q_OBJECT
public:
    explicit Job(Client *client, QObject *parent = nullptr);
    ~Job() override;

    void start() override;
    void cancel() override;

    // The EWS status of a failed response (empty responseCode on transport errors).
    Status status() const { return m_status; }
    qint64 backOffMilliseconds() const { return m_status.backOffMilliseconds; }

protected:
    // The SOAP operation of the next request and its envelope.
    virtual QString operation() const = 0;
    virtual QByteArray requestBody() const = 0;
    // A sentence when the job's settings cannot work; checked by start().
    virtual QString validate() const { return QString(); }
    // Parses a body that came with HTTP 200. Returns the error (Kind::None on success).
    // Set *again to send requestBody() once more (paging).
    virtual Net::Error parseResponse(const QByteArray &body, bool *again) = 0;

    Net::Error protocolError(const QString &detail) const;
    // Also records `status` as status().
    Net::Error statusError(const Status &status);
    Client *client() const { return m_client; }

private:
    void send();
    void onReplyFinished();
    void aboutToFinish() override;

    QPointer<Client> m_client;
    QPointer<QNetworkReply> m_reply;
    Status m_status;
    bool m_started = false;
};

// Lists the mailbox's mail folders: GetFolder of msgfolderroot and the well-known mail
// folders (inbox, sentitems, drafts, deleteditems, junkemail; missing ones are skipped),
// then FindFolder with Traversal Deep below msgfolderroot, page by page.
// folders() are the mail folders (IPF.Note), parents before children, with distinguishedId
// set for the well-known ones; rootFolderId() is the id of msgfolderroot, the parent of
// the top-level folders.
class ListFoldersJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setPageSize(int folders) { m_pageSize = qMax(1, folders); }
    QList<Folder> folders() const { return m_folders; }
    QString rootFolderId() const { return m_rootId; }

protected:
    QString operation() const override;
    QByteArray requestBody() const override;
    Net::Error parseResponse(const QByteArray &body, bool *again) override;

private:
    static QStringList wellKnown();
    int m_pageSize = 200;
    bool m_finding = false;
    int m_offset = 0;
    QString m_rootId;
    QHash<QString, QString> m_distinguished; // folder id -> distinguished name
    QList<Folder> m_found;
    QList<Folder> m_folders;
};

// One SyncFolderItems request: the changes of one folder since `syncState` (everything
// when empty), at most maxChanges (1..512). result().syncState is the state to store once
// the changes are applied; result().includesLastItemInRange false means: call again with
// it. status().responseCode ErrorInvalidSyncStateData means the stored state is no longer
// valid: start over with an empty one.
class SyncFolderItemsJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setFolderId(const QString &id) { m_folderId = id; }
    void setSyncState(const QString &state) { m_syncState = state; }
    void setMaxChanges(int changes) { m_maxChanges = changes; }
    SyncResult result() const { return m_result; }

protected:
    QString operation() const override;
    QByteArray requestBody() const override;
    QString validate() const override;
    Net::Error parseResponse(const QByteArray &body, bool *again) override;

private:
    QString m_folderId;
    QString m_syncState;
    int m_maxChanges = 100;
    SyncResult m_result;
};

// GetItem with IncludeMimeContent for a list of item ids. items() has one Item per id in
// request order; an item that vanished meanwhile has status().responseCode
// ErrorItemNotFound and no content, which is not an error of the job.
class GetItemJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setItemIds(const QStringList &ids) { m_ids = ids; }
    QList<Item> items() const { return m_items; }

protected:
    QString operation() const override;
    QByteArray requestBody() const override;
    QString validate() const override;
    Net::Error parseResponse(const QByteArray &body, bool *again) override;

private:
    QStringList m_ids;
    QList<Item> m_items;
};

} // namespace Tributary::Ews
