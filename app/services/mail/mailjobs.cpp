#include "mailjobs.h"

#include "models/messagefilestore.h"
#include "models/store.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QThreadPool>

namespace Tributary {

namespace {

QString joinAddresses(const QList<Mime::Address> &list)
{
    QStringList parts;
    parts.reserve(list.size());
    for (const Mime::Address &a : list)
        parts.append(a.toDisplayString());
    return parts.join(QStringLiteral(", "));
}

// Inline images larger than this stay out of the reader (they can still be saved).
constexpr qint64 MaxInlineImage = qint64(16) * 1024 * 1024;

} // namespace

// ---- MailJob ----

MailJob::MailJob(Store &store, QThreadPool &pool, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_pool(pool)
    , m_cancelled(std::make_shared<std::atomic_bool>(false))
{
}

MailJob::~MailJob()
{
    m_cancelled->store(true);
}

void MailJob::start()
{
    if (m_started)
        return;
    m_started = true;
    const Outcome invalid = validate();
    if (invalid.error != Error::NoError) {
        // Finish from the event loop, so a caller connecting after start() still hears it.
        QMetaObject::invokeMethod(
            this, [this, invalid] { finish(invalid); }, Qt::QueuedConnection);
        return;
    }
    auto task = work();
    QPointer<MailJob> self(this);
    std::shared_ptr<std::atomic_bool> cancelled = m_cancelled;
    Store *store = &m_store;
    m_pool.start([task, self, cancelled, store] {
        const ProgressFn progress = [self](qint64 done, qint64 total) {
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, done, total] {
                    if (self && !self->m_finished)
                        Q_EMIT self->progress(done, total);
                },
                Qt::QueuedConnection);
        };
        Outcome outcome = task(*cancelled, progress);
        store->releaseThreadConnection();
        if (cancelled->load() && outcome.error == Error::NoError)
            outcome.error = Error::Cancelled;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, outcome] {
                if (self)
                    self->finish(outcome);
            },
            Qt::QueuedConnection);
    });
}

void MailJob::cancel()
{
    m_cancelled->store(true);
    if (!m_started) {
        m_started = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                finish({Error::Cancelled, {}, {}, {}});
            },
            Qt::QueuedConnection);
    }
}

void MailJob::finish(const Outcome &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = outcome.error;
    m_details = outcome.details;
    if (m_error == Error::Cancelled)
        m_errorString = MailJob::tr("Cancelled.");
    else
        m_errorString = outcome.errorString;
    if (m_error == Error::NoError && outcome.apply)
        outcome.apply();
    Q_EMIT finished();
    if (m_autoDelete)
        deleteLater();
}

// ---- LoadMessageJob ----

LoadMessageJob::LoadMessageJob(Store &store, QThreadPool &pool, QObject *parent)
    : MailJob(store, pool, parent)
{
}

std::function<MailJob::Outcome(const std::atomic_bool &, const MailJob::ProgressFn &)>
LoadMessageJob::work()
{
    Store *store = &m_store;
    const qint64 id = m_id;
    QPointer<LoadMessageJob> self(this);
    return [store, id, self](const std::atomic_bool &, const ProgressFn &) -> Outcome {
        const std::optional<MessageRecord> record = store->message(id);
        if (!record)
            return {Error::NotFound,
                    MailJob::tr("This message is no longer in the mailbox."),
                    QStringLiteral("no message row %1").arg(id),
                    {}};
        std::unique_ptr<QIODevice> device = store->openMessage(id);
        if (!device)
            return {Error::NotFound,
                    MailJob::tr("The message's file is missing from the mailbox."),
                    QStringLiteral("no file %1 for message %2").arg(record->sha256).arg(id),
                    {}};
        const Mime::Message message = Mime::Message::fromDevice(device.get());
        if (!message.isValid())
            return {Error::ReadFailed,
                    MailJob::tr("The message could not be read."),
                    device->errorString(),
                    {}};
        MailContent content;
        content.messageId = id;
        const Mime::MessageHeaders headers = message.headers();
        content.from = joinAddresses(headers.from);
        content.to = joinAddresses(headers.to);
        content.cc = joinAddresses(headers.cc);
        content.subject = headers.subject;
        content.date = headers.date.isValid() ? headers.date : record->internalDate;
        content.textBody = message.textBody();
        content.htmlBody = message.htmlBody();
        content.attachments = message.attachments();
        for (int i = 0; i < content.attachments.size(); ++i) {
            const Mime::AttachmentInfo &a = content.attachments.at(i);
            if (a.contentId.isEmpty() || !a.contentType.startsWith(QLatin1String("image/"))
                || a.size > MaxInlineImage)
                continue;
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            if (message.saveAttachment(i, &buffer))
                content.inlineImages.insert(a.contentId, buffer.data());
        }
        Outcome outcome;
        outcome.details = message.warnings().join(QLatin1Char('\n'));
        outcome.apply = [self, content] {
            if (self)
                self->m_content = content;
        };
        return outcome;
    };
}

// ---- SaveAttachmentsJob ----

SaveAttachmentsJob::SaveAttachmentsJob(Store &store, QThreadPool &pool, QObject *parent)
    : MailJob(store, pool, parent)
{
}

void SaveAttachmentsJob::addTarget(int attachmentIndex, const QString &path)
{
    m_targets.append({attachmentIndex, path});
}

MailJob::Outcome SaveAttachmentsJob::validate()
{
    if (m_targets.isEmpty())
        return {Error::Invalid, MailJob::tr("No file was chosen to save to."), {}, {}};
    return {};
}

std::function<MailJob::Outcome(const std::atomic_bool &, const MailJob::ProgressFn &)>
SaveAttachmentsJob::work()
{
    Store *store = &m_store;
    const qint64 id = m_id;
    const QList<QPair<int, QString>> targets = m_targets;
    QPointer<SaveAttachmentsJob> self(this);
    return [store, id, targets, self](const std::atomic_bool &cancelled,
                                      const ProgressFn &progress) -> Outcome {
        std::unique_ptr<QIODevice> device = store->openMessage(id);
        if (!device)
            return {Error::NotFound,
                    MailJob::tr("This message is no longer in the mailbox."),
                    QStringLiteral("no file for message %1").arg(id),
                    {}};
        const Mime::Message message = Mime::Message::fromDevice(device.get());
        const qsizetype count = message.attachments().size();
        QStringList saved;
        for (qsizetype i = 0; i < targets.size(); ++i) {
            if (cancelled.load())
                return {Error::Cancelled, {}, {}, {}};
            const int index = targets.at(i).first;
            const QString &path = targets.at(i).second;
            const QString shown = QDir::toNativeSeparators(path);
            if (index < 0 || index >= count)
                return {Error::Invalid,
                        MailJob::tr("The message has no such attachment."),
                        QStringLiteral("attachment index %1 of %2").arg(index).arg(count),
                        {}};
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return {Error::WriteFailed,
                        MailJob::tr("\"%1\" could not be saved: %2").arg(shown, file.errorString()),
                        file.errorString(),
                        {}};
            QString error;
            if (!message.saveAttachment(index, &file, &error)) {
                const QString reason
                    = file.error() != QFileDevice::NoError ? file.errorString() : error;
                file.cancelWriting();
                return {Error::WriteFailed,
                        MailJob::tr("\"%1\" could not be saved: %2").arg(shown, reason),
                        error,
                        {}};
            }
            if (!file.commit())
                return {Error::WriteFailed,
                        MailJob::tr("\"%1\" could not be saved: %2").arg(shown, file.errorString()),
                        file.errorString(),
                        {}};
            saved.append(path);
            progress(i + 1, targets.size());
        }
        Outcome outcome;
        outcome.apply = [self, saved] {
            if (self)
                self->m_saved = saved;
        };
        return outcome;
    };
}

// ---- MaildirExportJob ----

MaildirExportJob::MaildirExportJob(Store &store, QThreadPool &pool, QObject *parent)
    : MailJob(store, pool, parent)
{
}

QString MaildirExportJob::maildirFlags(int flags)
{
    QString out;
    if (flags & MessageRecord::Draft)
        out += QLatin1Char('D');
    if (flags & MessageRecord::Flagged)
        out += QLatin1Char('F');
    if (flags & MessageRecord::Answered)
        out += QLatin1Char('R');
    if (flags & MessageRecord::Seen)
        out += QLatin1Char('S');
    if (flags & MessageRecord::Deleted)
        out += QLatin1Char('T');
    return out;
}

MailJob::Outcome MaildirExportJob::validate()
{
    if (m_dir.isEmpty())
        return {Error::Invalid, MailJob::tr("Choose a folder to export to."), {}, {}};
    if (m_folder != 0 && !m_store.folder(m_folder))
        return {Error::Invalid, MailJob::tr("There is no such folder in the mailbox."), {}, {}};
    return {};
}

namespace {

QString directoryName(const QString &folderName)
{
    QString name = folderName;
    name.replace(QLatin1Char('/'), QLatin1Char('_'));
    name.replace(QChar(0), QLatin1Char('_'));
    if (name.startsWith(QLatin1Char('.')) || name.isEmpty())
        name.prepend(QLatin1Char('_'));
    return name;
}

} // namespace

std::function<MailJob::Outcome(const std::atomic_bool &, const MailJob::ProgressFn &)>
MaildirExportJob::work()
{
    Store *store = &m_store;
    const QString root = m_dir;
    const qint64 top = m_folder;
    QPointer<MaildirExportJob> self(this);
    return [store, root, top, self](const std::atomic_bool &cancelled,
                                    const ProgressFn &progress) -> Outcome {
        // The folders to write, with their directory below `root`.
        const QList<Folder> all = store->folders(); // parents before children
        QHash<qint64, QString> dirs;
        QList<qint64> order;
        for (const Folder &f : all) {
            const bool inside = top == 0 ? true : (f.id == top || dirs.contains(f.parentId));
            if (!inside)
                continue;
            const QString parentDir
                = (top != 0 && f.id == top) ? root : dirs.value(f.parentId, root);
            dirs.insert(f.id, parentDir + QLatin1Char('/') + directoryName(f.name));
            order.append(f.id);
        }
        qint64 total = 0;
        for (qint64 id : std::as_const(order))
            total += store->messageCount(id);
        qint64 done = 0;
        progress(0, total);
        for (qint64 folderId : std::as_const(order)) {
            const QString dir = dirs.value(folderId);
            for (const char *sub : {"cur", "new", "tmp"}) {
                if (!QDir().mkpath(dir + QLatin1Char('/') + QLatin1String(sub)))
                    return {Error::WriteFailed,
                            MailJob::tr("The folder \"%1\" could not be created.")
                                .arg(QDir::toNativeSeparators(dir)),
                            QStringLiteral("mkpath %1 failed").arg(dir),
                            {}};
            }
            qint64 after = 0;
            while (true) {
                const QList<qint64> ids = store->messageIdsInFolder(folderId, after, 500);
                if (ids.isEmpty())
                    break;
                after = ids.last();
                for (qint64 id : ids) {
                    if (cancelled.load())
                        return {Error::Cancelled, {}, {}, {}};
                    const std::optional<MessageRecord> record = store->message(id);
                    std::unique_ptr<QIODevice> in = store->openMessage(id);
                    if (!record || !in)
                        return {
                            Error::ReadFailed,
                            MailJob::tr("A stored message could not be read; the export stopped."),
                            QStringLiteral("message %1 has no readable file").arg(id),
                            {}};
                    const QString unique = QStringLiteral("%1.M%2.tributary")
                                               .arg(record->internalDate.toSecsSinceEpoch())
                                               .arg(id);
                    const QString tmpPath = dir + QStringLiteral("/tmp/") + unique;
                    const QString finalPath = dir + QStringLiteral("/cur/") + unique
                        + QStringLiteral(":2,") + maildirFlags(record->flags);
                    QFile out(tmpPath);
                    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                        return {Error::WriteFailed,
                                MailJob::tr("\"%1\" could not be written: %2")
                                    .arg(QDir::toNativeSeparators(tmpPath), out.errorString()),
                                out.errorString(),
                                {}};
                    char buffer[64 * 1024];
                    while (true) {
                        const qint64 n = in->read(buffer, sizeof buffer);
                        if (n < 0)
                            return {Error::ReadFailed,
                                    MailJob::tr(
                                        "A stored message could not be read; the export stopped."),
                                    in->errorString(),
                                    {}};
                        if (n == 0)
                            break;
                        if (out.write(buffer, n) != n) {
                            const QString reason = out.errorString();
                            out.close();
                            out.remove();
                            return {Error::WriteFailed,
                                    MailJob::tr("\"%1\" could not be written: %2")
                                        .arg(QDir::toNativeSeparators(tmpPath), reason),
                                    reason,
                                    {}};
                        }
                    }
                    if (!out.flush()) {
                        const QString reason = out.errorString();
                        out.close();
                        out.remove();
                        return {Error::WriteFailed,
                                MailJob::tr("\"%1\" could not be written: %2")
                                    .arg(QDir::toNativeSeparators(tmpPath), reason),
                                reason,
                                {}};
                    }
                    out.close();
                    QFile::remove(finalPath);
                    if (!QFile::rename(tmpPath, finalPath))
                        return {Error::WriteFailed,
                                MailJob::tr("\"%1\" could not be written.")
                                    .arg(QDir::toNativeSeparators(finalPath)),
                                QStringLiteral("rename %1 -> %2 failed").arg(tmpPath, finalPath),
                                {}};
                    ++done;
                    if (done % 100 == 0)
                        progress(done, total);
                }
            }
        }
        progress(done, total);
        Outcome outcome;
        outcome.apply = [self, done] {
            if (self)
                self->m_exported = done;
        };
        return outcome;
    };
}

} // namespace Tributary
