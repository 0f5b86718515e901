#pragma once

#include "error.h"

#include <QObject>

namespace Tributary::Net {

// Base of every connector job (STYLE.md "job shape"). Usage:
//   auto *job = new Smtp::SendJob(session); job->setX(...); ...; job->start();
//   connect(job, &Net::Job::finished, ...);   // exactly once, also after cancel()
// The job never deletes itself unless setAutoDelete(true) (then deleteLater() after finished).
// error() is Kind::None on success; errorString() is for users, details() for logs.
class Job : public QObject
{
    Q_OBJECT
public:
    explicit Job(QObject *parent = nullptr);

    virtual void start() = 0;
    // Ends the job with Kind::Cancelled (finished() is still emitted, once). No effect after
    // the job finished.
    virtual void cancel();

    bool isFinished() const { return m_finished; }
    Error::Kind error() const { return m_error.kind; }
    const Error &errorValue() const { return m_error; }
    QString errorString() const { return m_error.userMessage(); }
    QString details() const { return m_error.isError() ? m_error.details() : m_details; }

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(Tributary::Net::Job *job);

protected:
    // Each emits finished() once; later calls are ignored.
    void finishSuccess(const QString &details = QString());
    void finishWithError(const Error &error);
    // Hook called just before finished() is emitted (release resources, detach from session).
    virtual void aboutToFinish() { }

private:
    void finish();

    Error m_error;
    QString m_details;
    bool m_finished = false;
    bool m_autoDelete = false;
};

} // namespace Tributary::Net
