#pragma once

#include "contentfilter.h"
#include "models/filterrule.h"
#include "models/folder.h"
#include "models/retrievaltask.h"
#include "spamclassifier.h"

#include <QObject>
#include <QPointer>

class QThread;

namespace Tributary {

class ActivityLogger;
class Store;
struct MessageRecord;

// Spam and content filtering of one retrieval run: decides where a retrieved message is
// stored and with which flags, before it is stored, so every message is written once,
// directly into its final folder (no store-then-move). The source server is never changed.
//
// The retrieval runs call the hook once per message, right before the record goes into
// their MessageBatch (RetrievalRunBase::addToBatch):
//
//   RetrievalFilter::apply(this, m_store, m_task, m_logger, record, content);
//
// It does nothing unless task.filtering is on; for IMAP only messages of the source INBOX
// are filtered. Otherwise, in order:
//  1. spam: SpamClassifier's header test, then spamd when SpamdSettings (Store) enable it
//     and the message is not larger than their maxSize. Spam is stored in the special Junk
//     folder ("Junk E-Mail", created when missing) and marked read; no content rule runs.
//  2. the content rules (Store::filterRules, through ContentFilter): move to a folder, mark
//     read, flag, delete (= store in Deleted Items, created when missing).
// Nothing is lost when spamd is down: the first failure of a run turns spamd off for the
// rest of that run, writes one warning to the activity log and the header test still
// applies. Rules that cannot be used (a damaged row, a bad expression) and a rule moving
// to a folder that no longer exists are reported once per run and skipped.
//
// The state of a run (rules, settings read once, "spamd is down") lives in a
// RetrievalFilter that apply() creates as a child of `run` on first use, so it ends with
// the run and follows it to another thread.
//
// Threading: apply() is synchronous. Asking spamd blocks the calling thread until spamd
// answers or SpamdSettings::timeoutMs passes (the check itself runs on a helper thread with
// its own event loop; no nested event loop). Runs call it on their worker thread.
class RetrievalFilter : public QObject
{
    Q_OBJECT
public:
    static void apply(QObject *run, Store &store, const RetrievalTask &task, ActivityLogger *logger,
                      MessageRecord &record, const QByteArray &content);

    RetrievalFilter(Store &store, const RetrievalTask &task, ActivityLogger *logger,
                    QObject *parent = nullptr);
    ~RetrievalFilter() override;

    // Whether `record` (source keys filled in) is one this run filters.
    bool applies(const MessageRecord &record) const;
    // Sets record.folderId and adds to record.flags; see the class comment.
    void process(MessageRecord &record, const QByteArray &content);

    int spamCount() const { return m_spam; }
    int filteredCount() const { return m_filtered; }
    bool spamdDown() const { return m_spamdDown; }

private:
    SpamVerdict askSpamd(const QByteArray &content, QString *error);
    qint64 specialFolder(Folder::SpecialUse use, const char *name);
    void warnOnce(const QString &key, const QString &message);

    Store &m_store;
    RetrievalTask m_task;
    QPointer<ActivityLogger> m_logger;
    ContentFilter m_filter;
    SpamdSettings m_spamd;
    QThread *m_thread = nullptr;
    SpamClassifier *m_classifier = nullptr; // lives in m_thread
    bool m_spamdDown = false;
    QStringList m_warned;
    int m_spam = 0;
    int m_filtered = 0;
};

} // namespace Tributary
