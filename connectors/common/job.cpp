#include "job.h"

namespace Tributary::Net {

Job::Job(QObject *parent)
    : QObject(parent)
{
}

void Job::cancel()
{
    if (!m_finished)
        finishWithError(Error(Error::Kind::Cancelled, tr("cancelled")));
}

void Job::finishSuccess(const QString &details)
{
    if (m_finished)
        return;
    m_details = details;
    finish();
}

void Job::finishWithError(const Error &error)
{
    if (m_finished)
        return;
    m_error = error;
    if (!m_error.isError())
        m_error.kind = Error::Kind::ProtocolViolation;
    finish();
}

void Job::finish()
{
    m_finished = true;
    aboutToFinish();
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

} // namespace Tributary::Net
