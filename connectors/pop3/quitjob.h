#pragma once

#include "job.h"

namespace Tributary::Pop3 {

// QUIT: ends the session; the server then commits the deletions (RFC 1939 §6, UPDATE
// state). Success means the server confirmed; -ERR (some deletions failed) gives
// Kind::Command with the server's words. The session is Disconnected afterwards.
class QuitJob : public Job
{
    Q_OBJECT
public:
    explicit QuitJob(Session *session);

protected:
    void run() override;
    void handleStatus(const Response &response) override;
};

// Tests an account for a dialog: connect, TLS, greeting, CAPA, sign in (done by the
// session before run()), then QUIT. error() names the failed step.
class VerifyJob : public Job
{
    Q_OBJECT
public:
    explicit VerifyJob(Session *session);
    bool encrypted() const { return m_encrypted; }
    QByteArray usedLogin() const { return m_login; }

protected:
    void run() override;
    void handleStatus(const Response &response) override;

private:
    bool m_encrypted = false;
    QByteArray m_login;
};

} // namespace Tributary::Pop3
