#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace Tributary {

// One message of the Outbox: a message waiting to be sent, being retried, sent, or failed
// for good. The message itself is a file of the MessageFileStore (sha256); the row carries
// the SMTP envelope and the retry state. Written by OutboxService through the Store.
struct OutboxEntry
{
    enum class State {
        Queued, // waiting for its next attempt (nextAttempt)
        Sent, // the server accepted it (for at least one recipient)
        Failed, // refused for good; the user edits and resends, or discards it
    };

    qint64 id = 0; // assigned by the Store
    QUuid accountUuid; // the SMTP account it goes through
    QString sha256; // the message file
    qint64 size = 0;
    QString envelopeFrom; // RFC 5321 reverse-path (the account's address)
    QStringList recipients; // RFC 5321 forward-paths: To + Cc + Bcc
    QString subject; // for lists and notifications
    State state = State::Queued;
    int attempts = 0; // attempts made so far
    QDateTime nextAttempt; // Queued: not before this time (invalid = at once)
    // Failed: the server's words. Sent: the recipients the server refused, one per line
    // ("address: reply"); empty when every recipient was accepted.
    QString lastError;
    QDateTime created;
    QDateTime sent; // when the server accepted it; invalid before

    static QString stateName(State state); // "queued", "sent", "failed"
    static State stateFromName(const QString &name, bool *ok = nullptr);
};

} // namespace Tributary
