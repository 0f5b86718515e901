#include "outboxservice.h"

#include "addresslist.h"
#include "app/services/activitylogger.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "app/services/secretstore.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "connectors/mime/mimemessage.h"
#include "connectors/smtp/sendjob.h"
#include "connectors/smtp/session.h"
#include "models/messagefilestore.h"
#include "models/store.h"

#include <QIODevice>
#include <QTimer>

namespace Tributary {

// One attempt to send one outbox entry: keychain (password) or TokenService (OAuth bearer
// token), session, SendJob; for OAuth one forced refresh and a second try after the server
// refused the token. Made and deleted by OutboxService; reports through
// OutboxService::onAttemptFinished exactly once.
class OutboxSend : public QObject
{
public:
    enum class Outcome { Sent, Transient, Permanent, SignInRequired };

    OutboxSend(OutboxService *service, const OutboxEntry &entry)
        : QObject(service)
        , m_service(service)
        , m_entry(entry)
    {
    }

    ~OutboxSend() override
    {
        if (m_secretJob)
            m_secretJob->disconnect(this);
        if (m_tokenRequest) {
            m_tokenRequest->disconnect(this);
            m_tokenRequest->cancel();
        }
    }

    void start()
    {
        const std::optional<SmtpAccount> account
            = m_service->m_store.smtpAccount(m_entry.accountUuid);
        if (!account) {
            finish(Outcome::Permanent,
                   OutboxService::tr("The SMTP account of this message no longer exists."));
            return;
        }
        m_account = *account;
        m_device = m_service->m_store.messageFiles().open(m_entry.sha256);
        if (!m_device) {
            finish(Outcome::Permanent,
                   OutboxService::tr("The message file is missing from the mailbox."));
            return;
        }
        if (!m_account.authEnabled) {
            send(std::nullopt);
            return;
        }
        if (m_account.authKind == SmtpAccount::AuthKind::OAuth) {
            requestToken(false);
            return;
        }
        m_secretJob = m_service->m_secrets.read(SecretKind::Password,
                                                m_account.uuid.toString(QUuid::WithoutBraces));
        connect(m_secretJob.data(), &SecretJob::finished, this, [this](SecretJob *job) {
            m_secretJob.clear();
            if (job->error() == SecretJob::Error::NoError) {
                Net::Sasl::Credentials credentials;
                credentials.user = m_account.username;
                credentials.password = QString::fromUtf8(job->secret());
                send(credentials);
                return;
            }
            const QString message = OutboxService::tr("The password of %1 could not be read: %2")
                                        .arg(m_account.email, job->errorString());
            // A missing password needs the user; a keychain that did not answer may later.
            const bool userMustAct = job->error() == SecretJob::Error::NotFound
                || job->error() == SecretJob::Error::AccessDenied;
            finish(userMustAct ? Outcome::Permanent : Outcome::Transient, message, job->details());
        });
    }

    const OutboxEntry &entry() const { return m_entry; }
    Outcome outcome() const { return m_outcome; }
    QString message() const { return m_message; }
    QString details() const { return m_details; }
    QStringList refused() const { return m_refused; }

private:
    // The account's bearer token from the TokenService (forced: refreshed at the provider).
    void requestToken(bool force)
    {
        TokenService *tokens = m_service->m_tokens;
        if (!tokens) {
            finish(Outcome::Permanent,
                   OutboxService::tr("%1 signs in with OAuth, which is not available here.")
                       .arg(m_account.email));
            return;
        }
        m_tokenRequest = tokens->accessToken(m_account.uuid.toString(QUuid::WithoutBraces), force);
        connect(m_tokenRequest.data(), &TokenRequest::finished, this, [this](TokenRequest *r) {
            m_tokenRequest.clear();
            using Kind = Oauth::Error::Kind;
            switch (r->error()) {
            case Kind::None: {
                Net::Sasl::Credentials credentials;
                credentials.user
                    = m_account.username.isEmpty() ? m_account.email : m_account.username;
                credentials.accessToken = r->accessToken();
                send(credentials);
                return;
            }
            case Kind::SignInRequired:
            case Kind::InvalidGrant:
                finish(Outcome::SignInRequired, signInMessage(), r->details());
                return;
            case Kind::Network:
            case Kind::Timeout:
            case Kind::Keychain:
            case Kind::Cancelled:
                finish(Outcome::Transient, r->errorString(), r->details());
                return;
            default:
                finish(Outcome::Permanent, r->errorString(), r->details());
                return;
            }
        });
    }

    QString signInMessage() const
    {
        return OutboxService::tr("Sign in again to send from %1.").arg(m_account.email);
    }

    void send(const std::optional<Net::Sasl::Credentials> &credentials)
    {
        Net::Endpoint endpoint = SmtpAccountService::endpointFor(m_account, m_account.pinnedSha256);
        endpoint.timeoutMs = m_service->m_timeoutMs;
        if (m_service->m_decorator)
            m_service->m_decorator(endpoint);
        m_session = new Smtp::Session(this);
        m_session->setEndpoint(endpoint);
        if (credentials) {
            m_session->setCredentials(*credentials);
            if (!credentials->accessToken.isEmpty())
                m_session->setPreferredMechanism(Net::Sasl::Mechanism::XOAuth2);
        }
        m_device->seek(0);
        auto *job = new Smtp::SendJob(m_session);
        job->setFrom(m_entry.envelopeFrom);
        job->setRecipients(m_entry.recipients);
        job->setData(m_device.get());
        connect(job, &Net::Job::finished, this, [this, job] { onSent(job); });
        job->start();
    }

    void onSent(Smtp::SendJob *job)
    {
        if (m_account.authKind == SmtpAccount::AuthKind::OAuth
            && job->error() == Net::Error::Kind::Authentication) {
            const QString reply = job->errorValue().serverReply.trimmed();
            const Oauth::Error oauth = Oauth::classifySmtpAuthReply(reply.left(3).toInt(), reply);
            closeSession();
            if (oauth.kind == Oauth::Error::Kind::SmtpAuthDisabled) {
                finish(Outcome::Permanent, oauth.userMessage(), job->details());
            } else if (!m_tokenRetried) {
                // The token was refused: refresh it once and try once more.
                m_tokenRetried = true;
                requestToken(true);
            } else {
                finish(Outcome::SignInRequired, signInMessage(), job->details());
            }
            return;
        }
        if (job->error() == Net::Error::Kind::None) {
            for (const Smtp::RecipientResult &r : job->recipientResults()) {
                if (!r.accepted)
                    m_refused.append(r.address + QStringLiteral(": ") + r.reply);
            }
            m_details = job->serverReply();
            finish(Outcome::Sent, QString(), job->serverReply());
        } else {
            const Net::Error &error = job->errorValue();
            // The user's sentence, with the server's own words (once).
            QString text = error.userMessage();
            if (!error.serverReply.isEmpty() && !text.contains(error.serverReply))
                text += QLatin1Char(' ') + error.serverReply;
            if (isPinMismatch(error))
                text = OutboxService::tr("The server %1 presented a certificate other than the one "
                                         "you trusted for %2, so nothing was sent. Open the SMTP "
                                         "account and save it to check the new certificate.")
                           .arg(m_account.server, m_account.email);
            finish(OutboxService::isTransient(error) ? Outcome::Transient : Outcome::Permanent,
                   text, job->details());
        }
        closeSession();
    }

    // Leave the server politely. The session outlives this attempt until it has closed
    // (or at most the timeout); the service deletes what is left when it ends.
    void closeSession()
    {
        Smtp::Session *session = m_session;
        m_session = nullptr;
        if (!session)
            return;
        session->setParent(m_service);
        if (session->state() != Smtp::Session::State::Ready) {
            session->deleteLater();
            return;
        }
        connect(session, &Smtp::Session::stateChanged, session,
                [session](Smtp::Session::State state) {
                    if (state == Smtp::Session::State::Disconnected)
                        session->deleteLater();
                });
        QTimer::singleShot(m_service->m_timeoutMs, session, &QObject::deleteLater);
        session->quit();
    }

    // A TLS failure on a certificate other than the one the user pinned for the account.
    bool isPinMismatch(const Net::Error &error) const
    {
        return error.kind == Net::Error::Kind::Tls && !m_account.pinnedSha256.isEmpty()
            && !error.peerFingerprint.isEmpty()
            && error.peerFingerprint != Net::normalizeFingerprint(m_account.pinnedSha256);
    }

    void finish(Outcome outcome, const QString &message, const QString &details = QString())
    {
        if (m_finished)
            return;
        m_finished = true;
        m_outcome = outcome;
        m_message = message;
        if (!details.isEmpty())
            m_details = details;
        // From the event loop, never from inside start().
        QMetaObject::invokeMethod(
            m_service,
            [service = m_service, self = QPointer<OutboxSend>(this)] {
                if (self)
                    service->onAttemptFinished(self);
            },
            Qt::QueuedConnection);
    }

    OutboxService *m_service;
    OutboxEntry m_entry;
    SmtpAccount m_account;
    std::unique_ptr<QIODevice> m_device;
    QPointer<SecretJob> m_secretJob;
    QPointer<TokenRequest> m_tokenRequest;
    bool m_tokenRetried = false;
    Smtp::Session *m_session = nullptr;
    Outcome m_outcome = Outcome::Transient;
    QString m_message;
    QString m_details;
    QStringList m_refused;
    bool m_finished = false;
};

OutboxService::OutboxService(Store &store, SecretStore &secrets, const Clock &clock,
                             ActivityLogger *logger, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_clock(clock)
    , m_log(logger)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(30000);
    connect(m_timer, &QTimer::timeout, this, &OutboxService::processDue);
}

OutboxService::~OutboxService()
{
    // Attempts still going are abandoned; their rows stay queued and are sent next time.
    const QList<OutboxSend *> running = m_running.values();
    m_running.clear();
    qDeleteAll(running);
}

void OutboxService::setTokenService(TokenService *tokens)
{
    if (m_tokens)
        m_tokens->disconnect(this);
    m_tokens = tokens;
    if (!tokens)
        return;
    // Fresh tokens for an account: what waited for its sign-in goes now.
    connect(tokens, &TokenService::tokensRefreshed, this,
            [this](const QString &account) { resendQueued(QUuid::fromString(account)); });
}

int OutboxService::resendQueued(const QUuid &accountUuid)
{
    int started = 0;
    const QList<OutboxEntry> entries = m_store.outboxEntries();
    for (const OutboxEntry &entry : entries) {
        if (entry.accountUuid != accountUuid || entry.state != OutboxEntry::State::Queued
            || m_running.contains(entry.id))
            continue;
        startAttempt(entry);
        ++started;
    }
    return started;
}

void OutboxService::setBackoff(qint64 firstSeconds, qint64 maxSeconds)
{
    m_firstBackoff = qMax<qint64>(1, firstSeconds);
    m_maxBackoff = qMax(m_firstBackoff, maxSeconds);
}

qint64 OutboxService::backoffSeconds(int attempts) const
{
    qint64 seconds = m_firstBackoff;
    for (int i = 1; i < attempts && seconds < m_maxBackoff; ++i)
        seconds *= 2;
    return qMin(seconds, m_maxBackoff);
}

void OutboxService::setCheckInterval(int milliseconds)
{
    m_timer->setInterval(qMax(1, milliseconds));
}

bool OutboxService::isTransient(const Net::Error &error)
{
    using Kind = Net::Error::Kind;
    switch (error.kind) {
    case Kind::None:
        return false;
    case Kind::HostNotFound:
    case Kind::ConnectionRefused:
    case Kind::ConnectTimeout:
    case Kind::Timeout:
    case Kind::Disconnected:
    case Kind::Cancelled:
    case Kind::ProtocolViolation:
        return true;
    case Kind::Tls:
        // A certificate the system does not trust needs the user; an interrupted handshake
        // is worth another try.
        return error.sslErrors.isEmpty() && error.peerFingerprint.isEmpty();
    case Kind::TlsNotOffered:
    case Kind::Authentication:
    case Kind::SizeExceeded:
        return false;
    case Kind::Greeting:
    case Kind::Command: {
        // The reply code decides: 4xx transient (RFC 5321 §4.2.1), 5xx permanent.
        const QString reply = error.serverReply.trimmed();
        return reply.size() >= 3 && reply.at(0) == QLatin1Char('4') && reply.at(1).isDigit()
            && reply.at(2).isDigit();
    }
    }
    return false;
}

qint64 OutboxService::enqueue(const QUuid &accountUuid, const QByteArray &message,
                              const Envelope &envelope, QString *error)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return qint64(0);
    };
    const std::optional<SmtpAccount> account = m_store.smtpAccount(accountUuid);
    if (!account)
        return fail(tr("Choose an SMTP account to send from."));
    if (envelope.recipients.isEmpty())
        return fail(tr("Add at least one recipient."));
    for (const QString &recipient : envelope.recipients) {
        if (!AddressList::isValidAddrSpec(recipient))
            return fail(tr("\"%1\" is not an email address.").arg(recipient));
    }
    const QString from = envelope.from.isEmpty() ? account->email : envelope.from;
    if (!AddressList::isValidAddrSpec(from))
        return fail(tr("\"%1\" is not an email address.").arg(from));
    if (message.isEmpty())
        return fail(tr("The message is empty."));

    // Durable first: the file (fsynced, renamed, directory fsynced), then the row.
    MessageWriter writer(m_store.messageFiles());
    if (!writer.begin() || !writer.append(message) || !writer.commit())
        return fail(tr("The message could not be saved: %1").arg(writer.errorString()));

    OutboxEntry entry;
    entry.accountUuid = accountUuid;
    entry.sha256 = writer.sha256();
    entry.size = writer.size();
    entry.envelopeFrom = from;
    entry.recipients = envelope.recipients;
    entry.subject = envelope.subject;
    entry.state = OutboxEntry::State::Queued;
    entry.created = m_clock.now();
    entry.nextAttempt = entry.created;
    QString storeError;
    if (m_store.insertOutboxEntry(entry, &storeError) <= 0)
        return fail(tr("The message could not be saved: %1").arg(storeError));

    if (m_log) {
        m_log->info(
            ActivityLogger::Area::Smtp, account->email,
            tr("Queued \"%1\" for %n recipient(s).", nullptr, int(envelope.recipients.size()))
                .arg(envelope.subject));
    }
    Q_EMIT changed();
    const qint64 id = entry.id;
    QMetaObject::invokeMethod(
        this,
        [this, id] {
            const std::optional<OutboxEntry> e = m_store.outboxEntry(id);
            if (e && e->state == OutboxEntry::State::Queued && !m_running.contains(id))
                startAttempt(*e);
        },
        Qt::QueuedConnection);
    return id;
}

void OutboxService::start()
{
    QMetaObject::invokeMethod(this, &OutboxService::processDue, Qt::QueuedConnection);
    m_timer->start();
}

void OutboxService::stop()
{
    m_timer->stop();
}

int OutboxService::processDue()
{
    int started = 0;
    const QList<OutboxEntry> due = m_store.dueOutboxEntries(m_clock.now());
    for (const OutboxEntry &entry : due) {
        if (m_running.contains(entry.id))
            continue;
        startAttempt(entry);
        ++started;
    }
    return started;
}

bool OutboxService::resend(qint64 id)
{
    std::optional<OutboxEntry> entry = m_store.outboxEntry(id);
    if (!entry || entry->state == OutboxEntry::State::Sent || m_running.contains(id))
        return false;
    entry->state = OutboxEntry::State::Queued;
    entry->nextAttempt = m_clock.now();
    if (!m_store.updateOutboxState(*entry))
        return false;
    Q_EMIT changed();
    startAttempt(*entry);
    return true;
}

bool OutboxService::discard(qint64 id, QString *error)
{
    if (m_running.contains(id)) {
        if (error)
            *error = tr("The message is being sent right now.");
        return false;
    }
    const std::optional<OutboxEntry> entry = m_store.outboxEntry(id);
    if (entry && entry->state == OutboxEntry::State::Sent) {
        if (error)
            *error = tr("The message was sent already.");
        return false;
    }
    if (!m_store.removeOutboxEntry(id, error))
        return false;
    Q_EMIT changed();
    return true;
}

void OutboxService::startAttempt(const OutboxEntry &entry)
{
    auto *attempt = new OutboxSend(this, entry);
    m_running.insert(entry.id, attempt);
    Q_EMIT sendingStarted(entry.id);
    attempt->start();
}

void OutboxService::onAttemptFinished(OutboxSend *attempt)
{
    if (m_running.value(attempt->entry().id) != attempt)
        return;
    m_running.remove(attempt->entry().id);
    attempt->deleteLater();

    std::optional<OutboxEntry> current = m_store.outboxEntry(attempt->entry().id);
    if (!current)
        return; // discarded meanwhile
    OutboxEntry entry = *current;
    const QString source = entry.envelopeFrom;
    entry.attempts += 1;
    QString storeError;

    switch (attempt->outcome()) {
    case OutboxSend::Outcome::Sent: {
        entry.state = OutboxEntry::State::Sent;
        entry.sent = m_clock.now();
        entry.nextAttempt = QDateTime();
        entry.lastError = attempt->refused().join(QLatin1Char('\n'));
        if (!m_store.updateOutboxState(entry, &storeError) && m_log)
            m_log->error(ActivityLogger::Area::Smtp, source,
                         tr("The Outbox could not record a sent message: %1").arg(storeError));
        QString copyError;
        const qint64 copyId = storeSentCopy(entry, &copyError);
        if (m_log) {
            m_log->info(ActivityLogger::Area::Smtp, source,
                        tr("Sent \"%1\" to %2. %3")
                            .arg(entry.subject, entry.recipients.join(QStringLiteral(", ")),
                                 attempt->details()));
            if (!attempt->refused().isEmpty())
                m_log->warning(ActivityLogger::Area::Smtp, source,
                               tr("The server refused some recipients of \"%1\":\n%2")
                                   .arg(entry.subject, entry.lastError));
            if (copyId <= 0)
                m_log->error(ActivityLogger::Area::Smtp, source,
                             tr("The copy of \"%1\" could not be stored in Sent: %2")
                                 .arg(entry.subject, copyError));
        }
        Q_EMIT changed();
        Q_EMIT sent(entry.id, attempt->refused(), qMax<qint64>(0, copyId));
        return;
    }
    case OutboxSend::Outcome::Transient:
    case OutboxSend::Outcome::SignInRequired: {
        // Waiting for a sign-in is not a failure: the entry stays queued (at the longest
        // backoff) and goes as soon as the account signs in again (or the user resends).
        const bool signIn = attempt->outcome() == OutboxSend::Outcome::SignInRequired;
        entry.state = OutboxEntry::State::Queued;
        entry.lastError = attempt->message();
        entry.nextAttempt
            = m_clock.now().addSecs(signIn ? m_maxBackoff : backoffSeconds(entry.attempts));
        m_store.updateOutboxState(entry, &storeError);
        if (m_log)
            m_log->warning(ActivityLogger::Area::Smtp, source,
                           tr("\"%1\" was not sent yet (attempt %2): %3 Next attempt at %4.")
                               .arg(entry.subject)
                               .arg(entry.attempts)
                               .arg(attempt->message(),
                                    entry.nextAttempt.toLocalTime().toString(Qt::ISODate)));
        Q_EMIT changed();
        Q_EMIT deferred(entry.id, attempt->message(), entry.nextAttempt);
        return;
    }
    case OutboxSend::Outcome::Permanent:
        entry.state = OutboxEntry::State::Failed;
        entry.lastError = attempt->message();
        entry.nextAttempt = QDateTime();
        m_store.updateOutboxState(entry, &storeError);
        if (m_log)
            m_log->error(ActivityLogger::Area::Smtp, source,
                         tr("\"%1\" could not be sent: %2").arg(entry.subject, attempt->message()));
        Q_EMIT changed();
        Q_EMIT failed(entry.id, attempt->message());
        return;
    }
}

qint64 OutboxService::storeSentCopy(const OutboxEntry &entry, QString *error)
{
    qint64 folderId = m_store.specialFolder(Folder::SpecialUse::Sent);
    if (folderId <= 0) {
        folderId = m_store.createFolder(0, tr("Sent"), error, Folder::SpecialUse::Sent);
        if (folderId <= 0)
            return -1;
    }
    std::unique_ptr<QIODevice> file = m_store.messageFiles().open(entry.sha256);
    if (!file) {
        if (error)
            *error = tr("The message file is missing from the mailbox.");
        return -1;
    }
    const QByteArray content = file->readAll();
    const Mime::Message parsed = Mime::Message::fromData(content);
    const Mime::MessageHeaders headers = parsed.headers();
    auto join = [](const QList<Mime::Address> &list) {
        QStringList parts;
        for (const Mime::Address &a : list)
            parts.append(a.toDisplayString());
        return parts.join(QStringLiteral(", "));
    };
    MessageRecord record;
    record.folderId = folderId;
    record.flags = MessageRecord::Seen;
    record.internalDate = entry.sent.isValid() ? entry.sent : m_clock.now();
    record.sentDate = headers.date;
    record.sender = join(headers.from);
    record.recipients = join(headers.to + headers.cc);
    record.subject = headers.subject;
    record.messageId = headers.messageId;
    record.inReplyTo = headers.inReplyTo;
    return m_store.storeMessage(record, content, error);
}

} // namespace Tributary
