#include "outboxentry.h"
#include "store.h"

#include "messagefilestore.h"
#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

QString OutboxEntry::stateName(State state)
{
    switch (state) {
    case State::Queued:
        return QStringLiteral("queued");
    case State::Sent:
        return QStringLiteral("sent");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("queued");
}

OutboxEntry::State OutboxEntry::stateFromName(const QString &name, bool *ok)
{
    if (ok)
        *ok = true;
    if (name == QLatin1String("queued"))
        return State::Queued;
    if (name == QLatin1String("sent"))
        return State::Sent;
    if (name == QLatin1String("failed"))
        return State::Failed;
    if (ok)
        *ok = false;
    return State::Queued;
}

namespace {

const char kOutboxColumns[] = "id, account_uuid, sha256, size, envelope_from, recipients, subject, "
                              "state, attempts, next_attempt, last_error, created, sent";

// Recipients are stored one per line (an address never contains a line break).
QString joinRecipients(const QStringList &recipients)
{
    return recipients.join(QLatin1Char('\n'));
}

OutboxEntry readEntry(const QSqlQuery &q)
{
    OutboxEntry e;
    e.id = q.value(0).toLongLong();
    e.accountUuid = toUuid(q.value(1));
    e.sha256 = q.value(2).toString();
    e.size = q.value(3).toLongLong();
    e.envelopeFrom = q.value(4).toString();
    e.recipients = q.value(5).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    e.subject = q.value(6).toString();
    e.state = OutboxEntry::stateFromName(q.value(7).toString());
    e.attempts = q.value(8).toInt();
    const qint64 next = q.value(9).toLongLong();
    e.nextAttempt = next > 0 ? QDateTime::fromMSecsSinceEpoch(next, Qt::UTC) : QDateTime();
    e.lastError = q.value(10).toString();
    e.created = toDateTime(q.value(11));
    e.sent = toDateTime(q.value(12));
    return e;
}

qint64 nextAttemptValue(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

} // namespace

qint64 Store::insertOutboxEntry(OutboxEntry &entry, QString *errorMessage)
{
    if (!m_files->contains(entry.sha256)) {
        setError(errorMessage, tr("The message to send is missing from the mailbox."));
        return -1;
    }
    if (!entry.created.isValid())
        entry.created = QDateTime::currentDateTimeUtc();
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!execBound(q,
                   QStringLiteral("INSERT INTO outbox (account_uuid, sha256, size, envelope_from,"
                                  " recipients, subject, state, attempts, next_attempt, last_error,"
                                  " created, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   {fromUuid(entry.accountUuid), entry.sha256, entry.size, entry.envelopeFrom,
                    joinRecipients(entry.recipients), entry.subject,
                    OutboxEntry::stateName(entry.state), entry.attempts,
                    nextAttemptValue(entry.nextAttempt), entry.lastError,
                    fromDateTime(entry.created), fromDateTime(entry.sent)},
                   errorMessage))
        return -1;
    entry.id = q.lastInsertId().toLongLong();
    return entry.id;
}

bool Store::updateOutboxState(const OutboxEntry &entry, QString *errorMessage)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q,
                 QStringLiteral("UPDATE outbox SET state = ?, attempts = ?, next_attempt = ?,"
                                " last_error = ?, sent = ? WHERE id = ?"),
                 errorMessage))
        return false;
    q.addBindValue(OutboxEntry::stateName(entry.state));
    q.addBindValue(entry.attempts);
    q.addBindValue(nextAttemptValue(entry.nextAttempt));
    q.addBindValue(entry.lastError);
    q.addBindValue(fromDateTime(entry.sent));
    q.addBindValue(entry.id);
    return execOnExistingRow(q, tr("The message is no longer in the Outbox."), errorMessage);
}

bool Store::removeOutboxEntry(qint64 id, QString *errorMessage)
{
    const std::optional<OutboxEntry> entry = outboxEntry(id);
    if (!entry) {
        setError(errorMessage, tr("The message is no longer in the Outbox."));
        return false;
    }
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!execBound(q, QStringLiteral("DELETE FROM outbox WHERE id = ?"), {id}, errorMessage))
        return false;
    // The file stays while a stored message or another outbox row has the same content.
    if (contentReferences(db, entry->sha256, nullptr) == 0)
        m_files->remove(entry->sha256);
    return true;
}

std::optional<OutboxEntry> Store::outboxEntry(qint64 id) const
{
    QSqlDatabase db = database();
    return selectRow<OutboxEntry>(db,
                                  QStringLiteral("SELECT ") + QLatin1String(kOutboxColumns)
                                      + QStringLiteral(" FROM outbox WHERE id = ?"),
                                  id, readEntry);
}

QList<OutboxEntry> Store::outboxEntries() const
{
    QSqlDatabase db = database();
    return selectRows<OutboxEntry>(
        db,
        QStringLiteral("SELECT ") + QLatin1String(kOutboxColumns)
            + QStringLiteral(" FROM outbox ORDER BY created DESC, id DESC"),
        readEntry);
}

QList<OutboxEntry> Store::dueOutboxEntries(const QDateTime &now) const
{
    QSqlDatabase db = database();
    return selectRows<OutboxEntry>(
        db,
        QStringLiteral("SELECT ") + QLatin1String(kOutboxColumns)
            + QStringLiteral(" FROM outbox WHERE state = 'queued' AND next_attempt <= ?"
                             " ORDER BY next_attempt, id"),
        readEntry, {now.toMSecsSinceEpoch()});
}

} // namespace Tributary
