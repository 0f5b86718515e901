#include "outboxlistmodel.h"

#include "outboxservice.h"

#include "models/store.h"

#include <QLocale>
#include <QSet>

namespace Tributary {

OutboxListModel::OutboxListModel(Store &store, OutboxService &service, QObject *parent)
    : ItemListModel({QT_TR_NOOP("Recipients"), QT_TR_NOOP("Subject"), QT_TR_NOOP("Account"),
                     QT_TR_NOOP("State"), QT_TR_NOOP("Next retry"), QT_TR_NOOP("Server's reply")},
                    {{IdRole, "outboxId"},
                     {StateRole, "status"},
                     {LastErrorRole, "lastError"},
                     {AttemptsRole, "attempts"}},
                    parent)
    , m_store(store)
    , m_service(&service)
{
    connect(&service, &OutboxService::changed, this, &OutboxListModel::reload);
    // Sending started or ended: only the State column of that row changes.
    auto stateOf = [this](qint64 id) {
        const int row = rowOf(id);
        if (row >= 0) {
            const QModelIndex cell = index(row, int(Column::State));
            Q_EMIT dataChanged(cell, cell);
        }
    };
    connect(&service, &OutboxService::sendingStarted, this, stateOf);
    connect(&store, &Store::changed, this, [this](Store::Table table) {
        if (table != Store::Table::SmtpAccounts)
            return;
        reloadAccounts();
        if (!m_items.isEmpty())
            Q_EMIT dataChanged(index(0, int(Column::Account)),
                               index(rowCount() - 1, int(Column::Account)));
    });
    reloadAccounts();
    reload();
}

void OutboxListModel::reloadAccounts()
{
    m_accounts.clear();
    const QList<SmtpAccount> accounts = m_store.smtpAccounts();
    for (const SmtpAccount &a : accounts) {
        const QString name = a.displayName.isEmpty()
            ? a.email
            : QString(a.displayName + QStringLiteral(" <") + a.email + QLatin1Char('>'));
        m_accounts.insert(a.uuid, name);
    }
}

QString OutboxListModel::accountName(const OutboxEntry &entry) const
{
    const auto it = m_accounts.constFind(entry.accountUuid);
    return it != m_accounts.cend() ? it.value() : tr("(account deleted)");
}

void OutboxListModel::reload()
{
    QList<OutboxEntry> fresh;
    const QList<OutboxEntry> all = m_store.outboxEntries();
    for (const OutboxEntry &e : all) {
        if (e.state != OutboxEntry::State::Sent)
            fresh.append(e);
    }
    const int before = int(m_items.size());
    QSet<qint64> freshIds;
    for (const OutboxEntry &e : fresh)
        freshIds.insert(e.id);
    // Rows that left (sent or discarded), from the end so indexes stay right.
    for (int row = int(m_items.size()) - 1; row >= 0; --row) {
        if (freshIds.contains(m_items.at(row).id))
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_items.removeAt(row);
        endRemoveRows();
    }
    // What is left is in the fresh order (both newest first): merge the new rows in.
    int old = 0;
    for (int row = 0; row < fresh.size(); ++row) {
        const OutboxEntry &e = fresh.at(row);
        if (old < m_items.size() && m_items.at(old).id == e.id) {
            m_items[old] = e;
            emitRowDataChanged(old);
            ++old;
            continue;
        }
        beginInsertRows(QModelIndex(), row, row);
        m_items.insert(row, e);
        endInsertRows();
        ++old;
    }
    if (m_items.size() != before)
        Q_EMIT countChanged(int(m_items.size()));
}

int OutboxListModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).id == id)
            return row;
    }
    return -1;
}

OutboxListModel::Status OutboxListModel::statusOf(const OutboxEntry &e) const
{
    if (m_service && m_service->isSending(e.id))
        return Status::Sending;
    if (e.state == OutboxEntry::State::Failed)
        return Status::Failed;
    return e.attempts > 0 ? Status::Retrying : Status::Queued;
}

QString OutboxListModel::statusText(Status status)
{
    switch (status) {
    case Status::Queued:
        return tr("Queued");
    case Status::Sending:
        return tr("Sending…");
    case Status::Retrying:
        return tr("Waiting to retry");
    case Status::Failed:
        return tr("Failed");
    }
    return QString();
}

QVariant OutboxListModel::itemData(const OutboxEntry &e, int column, int role) const
{
    switch (role) {
    case IdRole:
        return e.id;
    case StateRole:
        return int(statusOf(e));
    case LastErrorRole:
        return e.lastError;
    case AttemptsRole:
        return e.attempts;
    case Qt::ToolTipRole:
        if (column == int(Column::LastError) || column == int(Column::State))
            return e.lastError.isEmpty() ? QVariant() : QVariant(e.lastError);
        return QVariant();
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        break;
    default:
        return QVariant();
    }
    switch (Column(column)) {
    case Column::Recipients:
        return e.recipients.join(QStringLiteral(", "));
    case Column::Subject:
        return e.subject.isEmpty() ? tr("(no subject)") : e.subject;
    case Column::Account:
        return accountName(e);
    case Column::State:
        return statusText(statusOf(e));
    case Column::NextAttempt: {
        const Status status = statusOf(e);
        if (status == Status::Failed || status == Status::Sending || !e.nextAttempt.isValid())
            return QString();
        return QLocale().toString(e.nextAttempt.toLocalTime(), QLocale::ShortFormat);
    }
    case Column::LastError:
        // One line in the table; the whole text is in the tooltip and LastErrorRole.
        return e.lastError.section(QLatin1Char('\n'), 0, 0);
    case Column::Count:
        break;
    }
    return QVariant();
}

} // namespace Tributary
