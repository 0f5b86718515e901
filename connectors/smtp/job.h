#pragma once

#include "connectors/common/linejob.h"
#include "reply.h"

namespace Tributary::Smtp {

class Session;

// Base of the jobs that run on an Smtp::Session (queueing, start(), run(), failure and
// cancel as Net::LineJob). Once the job runs, the session hands every reply to
// handleReply() until the job finishes.
class Job : public Net::LineJob
{
    Q_OBJECT
public:
    explicit Job(Session *session);

    Session *session() const;

protected:
    friend class Session;
    virtual void handleReply(const Reply &reply) = 0;
    // Output progress while DATA is sent (bytesWritten); default: nothing.
    virtual void onBytesWritten() { }
};

} // namespace Tributary::Smtp
