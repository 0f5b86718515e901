#include "mailservice.h"

#include "models/store.h"

#include <QCoreApplication>
#include <QThreadPool>

namespace Tributary {

MailService::MailService(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_pool(new QThreadPool(this))
{
    // Disk work of one view: two at once keep a big export from starving the reader.
    m_pool->setMaxThreadCount(2);
}

MailService::~MailService()
{
    m_pool->waitForDone();
}

bool MailService::changeFlag(const QList<qint64> &ids, int flag, bool on, QString *error)
{
    for (qint64 id : ids) {
        const std::optional<MessageRecord> record = m_store.message(id);
        if (!record) {
            if (error)
                *error = tr("A message is no longer in the mailbox.");
            return false;
        }
        const int flags = on ? (record->flags | flag) : (record->flags & ~flag);
        if (flags == record->flags)
            continue;
        if (!m_store.setMessageFlags(id, flags, error))
            return false;
    }
    return true;
}

bool MailService::setSeen(const QList<qint64> &ids, bool seen, QString *error)
{
    return changeFlag(ids, MessageRecord::Seen, seen, error);
}

bool MailService::setFlagged(const QList<qint64> &ids, bool flagged, QString *error)
{
    return changeFlag(ids, MessageRecord::Flagged, flagged, error);
}

bool MailService::move(const QList<qint64> &ids, qint64 folderId, QString *error)
{
    if (!m_store.folder(folderId)) {
        if (error)
            *error = tr("There is no such folder in the mailbox.");
        return false;
    }
    for (qint64 id : ids) {
        const std::optional<MessageRecord> record = m_store.message(id);
        if (!record) {
            if (error)
                *error = tr("A message is no longer in the mailbox.");
            return false;
        }
        if (record->folderId == folderId)
            continue;
        if (!m_store.moveMessage(id, folderId, error))
            return false;
    }
    return true;
}

qint64 MailService::deletedItemsFolder() const
{
    return m_store.specialFolder(Folder::SpecialUse::Deleted);
}

bool MailService::moveToDeletedItems(const QList<qint64> &ids, QString *error)
{
    const qint64 deleted = deletedItemsFolder();
    if (deleted <= 0) {
        if (error)
            *error = tr("The mailbox has no Deleted Items folder.");
        return false;
    }
    return move(ids, deleted, error);
}

LoadMessageJob *MailService::loadMessage(qint64 id, QObject *parent)
{
    auto *job = new LoadMessageJob(m_store, *m_pool, parent ? parent : this);
    job->setMessageId(id);
    job->start();
    return job;
}

SaveAttachmentsJob *
MailService::saveAttachments(qint64 id, const QList<QPair<int, QString>> &targets, QObject *parent)
{
    auto *job = new SaveAttachmentsJob(m_store, *m_pool, parent ? parent : this);
    job->setMessageId(id);
    for (const auto &target : targets)
        job->addTarget(target.first, target.second);
    job->start();
    return job;
}

MaildirExportJob *MailService::exportMaildir(const QString &directory, qint64 folderId,
                                             QObject *parent)
{
    auto *job = new MaildirExportJob(m_store, *m_pool, parent ? parent : this);
    job->setTargetDirectory(directory);
    job->setFolder(folderId);
    job->start();
    return job;
}

} // namespace Tributary
