#pragma once

#include "imapjob.h"

namespace Tributary::Imap {

// IDLE (RFC 2177): waits for the server to report changes in the selected mailbox.
// After start(), idling() is emitted once the server accepted IDLE; then exists(),
// expunged(), vanished() and flagsChanged() report what the server pushes. done() sends
// DONE and the job finishes when the server confirms. While idling the session does not
// time out on a silent server (servers send keep-alives; callers should renew IDLE at
// least every 29 minutes). A server without IDLE fails the job with Kind::Command.
class IdleJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    bool isIdling() const { return m_idling; }
    // Ends IDLE; harmless before the server accepted it (sent once it does).
    void done();

Q_SIGNALS:
    void idling();
    void exists(quint32 count);
    void expunged(quint32 sequence);
    void vanished(const Tributary::Imap::UidSet &uids);
    void flagsChanged(const Tributary::Imap::FetchData &message);

protected:
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;
    void handleContinuation(Response &response) override;
    bool expectsServerActivity() const override { return !m_idling; }

private:
    bool m_idling = false;
    bool m_doneWanted = false;
    bool m_doneSent = false;
};

} // namespace Tributary::Imap
