#include "retrievalfilter.h"

#include "app/services/activitylogger.h"
#include "models/messagerecord.h"
#include "models/store.h"

#include <QSemaphore>
#include <QThread>

namespace Tributary {

void RetrievalFilter::apply(QObject *run, Store &store, const RetrievalTask &task,
                            ActivityLogger *logger, MessageRecord &record,
                            const QByteArray &content)
{
    if (!task.filtering || !run)
        return;
    auto *filter = run->findChild<RetrievalFilter *>(QString(), Qt::FindDirectChildrenOnly);
    if (!filter)
        filter = new RetrievalFilter(store, task, logger, run);
    if (filter->applies(record))
        filter->process(record, content);
}

RetrievalFilter::RetrievalFilter(Store &store, const RetrievalTask &task, ActivityLogger *logger,
                                 QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_task(task)
    , m_logger(logger)
{
    m_filter.setRules(store.filterRules());
    m_spamd = store.spamdSettings();
    if (!m_filter.ruleErrors().isEmpty())
        warnOnce(QStringLiteral("rules"),
                 tr("Some content filtering rules cannot be used and were skipped: %1")
                     .arg(m_filter.ruleErrors().join(QStringLiteral("; "))));
}

RetrievalFilter::~RetrievalFilter()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

bool RetrievalFilter::applies(const MessageRecord &record) const
{
    if (!m_task.filtering)
        return false;
    if (m_task.kind == RetrievalTask::Kind::Imap)
        return record.sourceFolder.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
    return true;
}

void RetrievalFilter::warnOnce(const QString &key, const QString &message)
{
    if (m_warned.contains(key))
        return;
    m_warned.append(key);
    if (m_logger)
        m_logger->warning(ActivityLogger::Area::Retrieval,
                          m_task.name.isEmpty() ? m_task.server : m_task.name, message);
}

qint64 RetrievalFilter::specialFolder(Folder::SpecialUse use, const char *name)
{
    const qint64 id = m_store.specialFolder(use);
    if (id > 0)
        return id;
    QString error;
    const qint64 created = m_store.createFolder(0, QString::fromLatin1(name), &error, use);
    if (created <= 0)
        warnOnce(
            QString::fromLatin1(name),
            tr("The folder %1 could not be created: %2").arg(QString::fromLatin1(name), error));
    return created;
}

SpamVerdict RetrievalFilter::askSpamd(const QByteArray &content, QString *error)
{
    if (!m_thread) {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("spamd check"));
        m_classifier = new SpamClassifier;
        m_classifier->moveToThread(m_thread);
        connect(m_thread, &QThread::finished, m_classifier, &QObject::deleteLater);
        m_thread->start();
    }
    SpamdSettings settings = m_spamd;
    settings.maxSize = 0; // checked by the caller
    struct Shared
    {
        QSemaphore done;
        SpamVerdict verdict;
        QString error;
    };
    auto shared = std::make_shared<Shared>();
    SpamClassifier *classifier = m_classifier;
    QMetaObject::invokeMethod(
        classifier,
        [classifier, settings, content, shared] {
            classifier->disconnect();
            QObject::connect(classifier, &SpamClassifier::finished, classifier,
                             [shared](SpamClassifier *c) {
                                 shared->verdict = c->verdict();
                                 shared->error = c->spamdError();
                                 shared->done.release();
                             });
            classifier->setSpamdSettings(settings);
            classifier->check(content);
        },
        Qt::QueuedConnection);
    // The job has its own connect and reply timeouts; this bound only guards against a
    // helper thread that never answers.
    const int timeout = (settings.timeoutMs > 0 ? settings.timeoutMs : 30000) * 2 + 5000;
    if (!shared->done.tryAcquire(1, timeout)) {
        QMetaObject::invokeMethod(classifier, [classifier] { classifier->cancel(); });
        *error = tr("spamd did not answer in time.");
        return SpamVerdict();
    }
    *error = shared->error;
    return shared->verdict;
}

void RetrievalFilter::process(MessageRecord &record, const QByteArray &content)
{
    const FilterInput input = FilterInput::fromMessage(content);
    SpamVerdict verdict = SpamClassifier::fromHeaders(input);
    if (!verdict.spam && m_spamd.enabled && !m_spamdDown
        && (m_spamd.maxSize <= 0 || content.size() <= m_spamd.maxSize)) {
        QString error;
        const SpamVerdict asked = askSpamd(content, &error);
        if (!error.isEmpty()) {
            m_spamdDown = true;
            warnOnce(QStringLiteral("spamd"),
                     tr("The spam check with spamd is not available (%1); this run uses only "
                        "the spam headers of the server.")
                         .arg(error));
        } else {
            verdict = asked;
        }
    }
    if (verdict.spam) {
        const qint64 junk = specialFolder(Folder::SpecialUse::Junk, "Junk E-Mail");
        if (junk > 0) {
            record.folderId = junk;
            record.flags |= MessageRecord::Seen;
            ++m_spam;
            return;
        }
    }
    const FilterDecision decision = m_filter.evaluate(input);
    if (decision.isEmpty())
        return;
    ++m_filtered;
    record.flags |= decision.addFlags;
    if (decision.toDeleted) {
        const qint64 deleted = specialFolder(Folder::SpecialUse::Deleted, "Deleted Items");
        if (deleted > 0)
            record.folderId = deleted;
    } else if (decision.folderId > 0) {
        if (m_store.folder(decision.folderId))
            record.folderId = decision.folderId;
        else
            warnOnce(QStringLiteral("folder-%1").arg(decision.folderId),
                     tr("A content filtering rule moves messages to a folder that no longer "
                        "exists; they stay in the destination folder."));
    }
}

} // namespace Tributary
