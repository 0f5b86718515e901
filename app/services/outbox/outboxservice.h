#pragma once

#include "connectors/common/endpoint.h"
#include "connectors/common/error.h"
#include "models/outboxentry.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <functional>

class QTimer;

namespace Tributary {

class ActivityLogger;
class Clock;
class SecretStore;
class Store;
class TokenService;
class OutboxSend;

// The Outbox: every message the user sends goes through it.
//
// enqueue() writes the built message durably into the message file store and an outbox row
// (state queued) before anything touches the network, then starts sending it through the
// chosen SMTP account (its server, port and encryption; the certificate the user pinned for
// it, SmtpAccount::pinnedSha256; its password read from the keychain, SecretKind::Password,
// key = the account's uuid). A certificate other than the pinned one fails for good, in words. So a
// crash or quit between enqueue and send leaves the message queued, and start() sends it on the
// next start.
//
// Outcome of one attempt:
//  - accepted (for at least one recipient): state Sent, a copy with the Seen flag in the
//    Sent folder (special use Sent, created when missing), an activity entry (area SMTP),
//    sent(). Recipients the server refused are listed in the row's lastError and in sent().
//  - transient failure (4xx reply, connection refused or timed out, dropped connection, TLS
//    handshake interrupted, keychain not answering): state Queued, attempts + 1,
//    nextAttempt = now + backoff (1, 2, 4 ... minutes, at most 1 hour); deferred().
//  - permanent failure (5xx reply such as 550/552/554, credentials refused, certificate not
//    trusted, account gone): state Failed with the server's words; failed(). The user then
//    resends (resend(), after an edit: discard() and enqueue() again) or discards it.
//
// OAuth accounts (SmtpAccount::AuthKind::OAuth) authenticate with XOAUTH2 and the bearer token
// TokenService::accessToken(account uuid) hands out. When the server refuses it (535), the
// attempt forces one refresh and tries once more. When the account must sign in again, the
// entry waits (state Queued, "Sign in again to send from …", next attempt after the longest
// backoff), never Failed; it goes as soon as the account's tokens are refreshed, or when the
// user resends it. "535 5.7.139" (SMTP AUTH disabled for the mailbox) fails for good.
//
// start() sends every due entry at once and then checks every checkInterval(); the time
// comes from the injected Clock so tests move time instead of waiting. One attempt per
// entry at a time. Signals are emitted after the row is written.
//
// Ownership: store, secrets, clock and logger (may be null) must outlive the service.
// Threading: main thread; nothing here blocks.
class OutboxService : public QObject
{
    Q_OBJECT
public:
    // The SMTP envelope of a message to send.
    struct Envelope
    {
        QString from; // reverse-path; empty = the account's address
        QStringList recipients; // To + Cc + Bcc addresses (addr-spec only)
        QString subject; // for lists and notifications
    };

    OutboxService(Store &store, SecretStore &secrets, const Clock &clock,
                  ActivityLogger *logger = nullptr, QObject *parent = nullptr);
    ~OutboxService() override;

    // Adjusts every endpoint before use (tests add the fixture's CA). Never turns
    // verification off.
    using EndpointDecorator = std::function<void(Net::Endpoint &)>;
    void setEndpointDecorator(EndpointDecorator decorator) { m_decorator = std::move(decorator); }
    // Where OAuth accounts get their tokens (not owned; may be null: OAuth sends then fail).
    void setTokenService(TokenService *tokens);
    // Connect timeout and longest server silence per attempt (default 60000 ms).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Backoff after the n-th failed attempt: first * 2^(n-1) seconds, at most `max`.
    void setBackoff(qint64 firstSeconds, qint64 maxSeconds);
    qint64 backoffSeconds(int attempts) const;
    // How often start()'s timer looks for due entries (default 30000 ms).
    void setCheckInterval(int milliseconds);

    // Checks the envelope (account exists, at least one recipient, addresses well formed),
    // stores the message and its row, and starts the first attempt (from the event loop).
    // Returns the row id; 0 with *error (a sentence for the user) when nothing was stored.
    qint64 enqueue(const QUuid &accountUuid, const QByteArray &message, const Envelope &envelope,
                   QString *error = nullptr);

    // Sends every due queued entry now, then every checkInterval().
    void start();
    void stop();
    // Starts an attempt for every queued entry whose time has come; returns how many started.
    int processDue();
    // A failed (or waiting) entry goes back to the queue for an attempt now. False when the
    // entry does not exist, was sent already or is being sent.
    bool resend(qint64 id);
    // Removes a queued or failed entry (not while it is being sent) and its file unless
    // shared.
    bool discard(qint64 id, QString *error = nullptr);
    // Starts an attempt now for every queued entry of the account (after a sign-in).
    int resendQueued(const QUuid &accountUuid);
    bool isSending(qint64 id) const { return m_running.contains(id); }
    int sendingCount() const { return int(m_running.size()); }

    // How an attempt's error is classified (exposed for tests and the CLI).
    static bool isTransient(const Net::Error &error);

Q_SIGNALS:
    void sendingStarted(qint64 id);
    // refused: "address: server reply" for each refused recipient (empty: all accepted).
    // sentCopyId: the copy in the Sent folder (0 when it could not be stored; logged).
    void sent(qint64 id, const QStringList &refused, qint64 sentCopyId);
    void deferred(qint64 id, const QString &message, const QDateTime &nextAttempt);
    void failed(qint64 id, const QString &message);
    // Any row changed (added, state, removed).
    void changed();

private:
    friend class OutboxSend;
    void startAttempt(const OutboxEntry &entry);
    void onAttemptFinished(OutboxSend *attempt);
    qint64 storeSentCopy(const OutboxEntry &entry, QString *error);

    Store &m_store;
    SecretStore &m_secrets;
    const Clock &m_clock;
    QPointer<ActivityLogger> m_log;
    EndpointDecorator m_decorator;
    QPointer<TokenService> m_tokens;
    int m_timeoutMs = 60000;
    qint64 m_firstBackoff = 60;
    qint64 m_maxBackoff = 3600;
    QTimer *m_timer = nullptr;
    QHash<qint64, OutboxSend *> m_running;
};

} // namespace Tributary
