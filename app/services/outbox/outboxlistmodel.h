#pragma once

#include "models/outboxentry.h"
#include "models/tablelistmodel.h"

#include <QHash>
#include <QPointer>

namespace Tributary {

class OutboxService;
class Store;

// The Outbox as a list: every entry not sent yet (queued, being sent, waiting for a retry,
// failed), newest first. Sent entries leave the list. Follows OutboxService's changed() and
// sendingStarted() with granular row inserts, removals and dataChanged (selections survive),
// and the SMTP accounts table for the account column.
//
// Reads the Store on the thread it lives on (the GUI thread: a few rows, indexed). Store and
// service must outlive the model. itemAt(row) is the entry of a row.
class OutboxListModel : public ItemListModel<OutboxEntry>
{
    Q_OBJECT
public:
    enum class Column { Recipients, Subject, Account, State, NextAttempt, LastError, Count };
    Q_ENUM(Column)
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64
        StateRole, // Status (int)
        LastErrorRole, // the server's last words, whole
        AttemptsRole,
    };
    Q_ENUM(Role)
    // What the State column says: the row's OutboxEntry::State refined by the service.
    enum class Status { Queued, Sending, Retrying, Failed };
    Q_ENUM(Status)

    OutboxListModel(Store &store, OutboxService &service, QObject *parent = nullptr);

    // Reads the outbox again and applies the difference.
    void reload();
    int rowOf(qint64 id) const;
    // The State column's status of `entry` (one of this model's rows).
    Status statusOf(const OutboxEntry &entry) const;
    static QString statusText(Status status);

Q_SIGNALS:
    // The number of rows changed (for "Outbox (N)" labels).
    void countChanged(int count);

protected:
    QVariant itemData(const OutboxEntry &e, int column, int role) const override;

private:
    QString accountName(const OutboxEntry &entry) const;
    void reloadAccounts();

    Store &m_store;
    QPointer<OutboxService> m_service;
    QHash<QUuid, QString> m_accounts; // uuid -> "Name <address>"
};

} // namespace Tributary
