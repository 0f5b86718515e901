#pragma once

#include "mailjobs.h"

#include <QList>
#include <QObject>
#include <QString>

class QThreadPool;

namespace Tributary {

class Store;

// What the Mail view and `tributary-cli mail` do to stored messages.
//
// Flag changes and moves are single-row SQL updates (indexed, no file I/O) and run on the
// calling thread; the Store's signals (messageFlagsChanged, messagesChanged) tell the item
// models. Everything that reads or writes message files (loading a message for the reader,
// saving attachments, exporting) is a MailJob on the service's own thread pool.
//
// Jobs are returned started, parented to `parent` (or the service), and delete themselves
// after finished() unless the caller calls setAutoDelete(false) before returning to the
// event loop. The service's destructor waits for running workers, so the Store must outlive
// it. Create and use on one thread (the GUI thread, or the CLI's main thread).
class MailService : public QObject
{
    Q_OBJECT
public:
    explicit MailService(Store &store, QObject *parent = nullptr);
    ~MailService() override;

    Store &store() const { return m_store; }

    // Sets or clears \Seen / \Flagged. False (with *error in user words) when a message
    // could not be updated; the ones before it stay changed.
    bool setSeen(const QList<qint64> &ids, bool seen, QString *error = nullptr);
    bool setFlagged(const QList<qint64> &ids, bool flagged, QString *error = nullptr);
    bool move(const QList<qint64> &ids, qint64 folderId, QString *error = nullptr);
    // Moves the messages to Deleted Items (messages already there stay where they are).
    bool moveToDeletedItems(const QList<qint64> &ids, QString *error = nullptr);
    qint64 deletedItemsFolder() const;

    LoadMessageJob *loadMessage(qint64 id, QObject *parent = nullptr);
    // targets: attachment index -> file path.
    SaveAttachmentsJob *saveAttachments(qint64 id, const QList<QPair<int, QString>> &targets,
                                        QObject *parent = nullptr);
    // folderId 0 = the whole mailbox. See MaildirExportJob for the layout.
    MaildirExportJob *exportMaildir(const QString &directory, qint64 folderId,
                                    QObject *parent = nullptr);

private:
    bool changeFlag(const QList<qint64> &ids, int flag, bool on, QString *error);

    Store &m_store;
    QThreadPool *m_pool;
};

} // namespace Tributary
