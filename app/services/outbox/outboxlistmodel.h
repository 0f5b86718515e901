#pragma once

#include "models/outboxentry.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
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
// service must outlive the model.
class OutboxListModel : public QAbstractTableModel
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

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Reads the outbox again and applies the difference.
    void reload();
    OutboxEntry entryAt(int row) const;
    int rowOf(qint64 id) const;
    Status statusAt(int row) const;
    static QString statusText(Status status);

Q_SIGNALS:
    // The number of rows changed (for "Outbox (N)" labels).
    void countChanged(int count);

private:
    QString accountName(const OutboxEntry &entry) const;
    void reloadAccounts();

    Store &m_store;
    QPointer<OutboxService> m_service;
    QList<OutboxEntry> m_items;
    QHash<QUuid, QString> m_accounts; // uuid -> "Name <address>"
};

} // namespace Tributary
