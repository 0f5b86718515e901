#pragma once

#include "job.h"

namespace Tributary::Smtp {

// Tests an account the way a dialog needs it: connect, TLS, greeting, EHLO, authenticate
// (all done by the Session before run()), then QUIT. Succeeds when all of that worked;
// otherwise error() names the failed step (HostNotFound, Tls, TlsNotOffered,
// Authentication, ...). After success, encrypted() and authMechanisms() describe what was
// found. Jobs queued after it on the same session still run; QUIT follows the last one.
class VerifyJob : public Job
{
    Q_OBJECT
public:
    explicit VerifyJob(Session *session);

    bool encrypted() const { return m_encrypted; }
    QList<QByteArray> authMechanisms() const { return m_mechanisms; }
    qint64 maxSize() const { return m_maxSize; }

protected:
    void run() override;
    void handleReply(const Reply &reply) override;
    void sessionFailed(const Net::Error &error) override;

private:
    bool m_encrypted = false;
    bool m_quitSent = false;
    QList<QByteArray> m_mechanisms;
    qint64 m_maxSize = 0;
};

} // namespace Tributary::Smtp
