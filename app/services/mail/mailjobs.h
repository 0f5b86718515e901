#pragma once

#include "connectors/mime/mimemessage.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QThreadPool;

namespace Tributary {

class Store;

// What the reader shows of one stored message, parsed off the GUI thread.
struct MailContent
{
    qint64 messageId = 0;
    QString from; // display forms, comma separated
    QString to;
    QString cc;
    QString subject;
    QDateTime date; // Date: header; the internal date when it has none
    QString textBody; // decoded text/plain
    QString htmlBody; // decoded text/html, untrusted (sanitize before showing)
    QList<Mime::AttachmentInfo> attachments; // index = Mime::Message attachment index
    // Bytes of image parts with a Content-ID (for cid: references), by id without brackets.
    QHash<QString, QByteArray> inlineImages;
};

// Base of the Mail view's disk jobs: the work runs on the MailService's thread pool, never on
// the caller's thread; results come back on the thread that owns the job.
//
// Shape: setters, start() (once), progress(done, total), finished() exactly once (also after
// cancel()), error()/errorString() (user words)/details() (for logs). The job deletes itself
// after finished() unless setAutoDelete(false). Destroying a running job is allowed: its
// worker finishes on its own and its result is dropped.
class MailJob : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        NoError,
        NotFound, // no such message (or its file is missing)
        ReadFailed, // the stored message could not be read
        WriteFailed, // a target file or folder could not be written (full disk, permissions)
        Invalid, // bad arguments (no target, index out of range)
        Cancelled,
    };
    Q_ENUM(Error)

    ~MailJob() override;

    void setAutoDelete(bool on) { m_autoDelete = on; }
    void start();
    void cancel();
    bool isFinished() const { return m_finished; }

    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    QString details() const { return m_details; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished();

protected:
    MailJob(Store &store, QThreadPool &pool, QObject *parent);

    // Outcome of the worker, handed back to the job's thread.
    struct Outcome
    {
        Error error = Error::NoError;
        QString errorString;
        QString details;
        std::function<void()> apply; // runs on the job's thread before finished()
    };
    using ProgressFn = std::function<void(qint64, qint64)>;
    // Runs on a pool thread; must not touch `this`. `cancelled` turns true on cancel().
    virtual std::function<Outcome(const std::atomic_bool &cancelled, const ProgressFn &progress)>
    work() = 0;
    // Checks the setters before the work is queued; an error here finishes at once.
    virtual Outcome validate() { return {}; }

    Store &m_store;

private:
    void finish(const Outcome &outcome);

    QThreadPool &m_pool;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    bool m_started = false;
    bool m_finished = false;
    bool m_autoDelete = true;
    Error m_error = Error::NoError;
    QString m_errorString;
    QString m_details;
};

// Reads and parses one stored message for the reader.
class LoadMessageJob : public MailJob
{
    Q_OBJECT
public:
    LoadMessageJob(Store &store, QThreadPool &pool, QObject *parent = nullptr);
    void setMessageId(qint64 id) { m_id = id; }
    qint64 messageId() const { return m_id; }
    const MailContent &content() const { return m_content; } // valid after finished()

protected:
    std::function<Outcome(const std::atomic_bool &, const ProgressFn &)> work() override;

private:
    qint64 m_id = 0;
    MailContent m_content;
};

// Writes attachments of one stored message to files, each through a QSaveFile (a file is
// either complete or not there). Stops at the first failure.
class SaveAttachmentsJob : public MailJob
{
    Q_OBJECT
public:
    SaveAttachmentsJob(Store &store, QThreadPool &pool, QObject *parent = nullptr);
    void setMessageId(qint64 id) { m_id = id; }
    // Attachment index (MailContent::attachments) -> target file path.
    void addTarget(int attachmentIndex, const QString &path);
    QStringList savedFiles() const { return m_saved; }

protected:
    Outcome validate() override;
    std::function<Outcome(const std::atomic_bool &, const ProgressFn &)> work() override;

private:
    qint64 m_id = 0;
    QList<QPair<int, QString>> m_targets;
    QStringList m_saved;
};

// Writes one folder (with its subfolders) or the whole mailbox as a Maildir tree.
//
// Layout (nested folders, not Maildir++): every folder is a directory named as the folder
// (UTF-8; '/' becomes '_', a leading '.' becomes '_'), below its parent's directory, with
// cur/, new/ and tmp/ inside. Special folders keep their stored names ("Inbox", "Sent",
// "Deleted Items", ...). Every message goes to cur/ as "<internal date secs>.M<id>.tributary
// :2,<flags>" with the Maildir flags D (draft) F (flagged) R (answered) S (seen) T (deleted)
// in ASCII order; its content is the stored file, byte for byte. Each file is written in
// tmp/ first and renamed into cur/, so a reader never sees half a message.
class MaildirExportJob : public MailJob
{
    Q_OBJECT
public:
    MaildirExportJob(Store &store, QThreadPool &pool, QObject *parent = nullptr);
    void setTargetDirectory(const QString &dir) { m_dir = dir; }
    void setFolder(qint64 folderId) { m_folder = folderId; } // 0 = the whole mailbox
    qint64 exportedCount() const { return m_exported; }

    // "S", "FS", "DRT", ... for a MessageRecord::Flag mask.
    static QString maildirFlags(int flags);

protected:
    Outcome validate() override;
    std::function<Outcome(const std::atomic_bool &, const ProgressFn &)> work() override;

private:
    QString m_dir;
    qint64 m_folder = 0;
    qint64 m_exported = 0;
};

} // namespace Tributary
