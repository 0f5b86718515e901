#pragma once

#include <QObject>
#include <QString>

namespace Tributary {

// The face of one retrieval run as RetrievalScheduler sees it: an object on the
// scheduler's thread that reports the run's progress and its end, whatever kind of run it
// is and wherever it works. It lives exactly as long as the run (the scheduler counts the
// run as over when it is destroyed).
//
// Contract: progress() any number of times, then finished() exactly once, then the handle
// is deleted (deleteLater) by whoever emitted finished().
class RetrievalRunHandle : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Asks the run to end with a cancellation; finished() follows (from the event loop).
    // Messages already stored stay stored; nothing is deleted at the source.
    void cancel() { Q_EMIT cancelRequested(); }

Q_SIGNALS:
    void cancelRequested();
    // done/total messages of this run's downloads.
    void progress(qint64 done, qint64 total);
    // ok: the run ended without error; newMessages: messages newly stored; summary: one
    // sentence for the user (what was retrieved, or what went wrong).
    void finished(bool ok, int newMessages, const QString &summary);
};

} // namespace Tributary
