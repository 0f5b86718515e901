#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableView;

namespace Tributary {
class AppContext;
class OutboxListModel;
class OutboxService;
} // namespace Tributary

namespace Tributary::Ui {

class MainWindow;

// The Outbox: every message not sent yet — queued, being sent, waiting for a retry, failed —
// with its recipients, subject, account, state, next retry and the server's last words
// (the whole reply of the chosen row below the table). Follows the OutboxListModel live.
//
// Resend (Alt+R) puts a failed or waiting entry back for an attempt now; Discard… (Alt+D or
// the Delete key in the table) asks first (a QMessageBox opened with open(), objectName
// "discardOutboxQuestion"), then removes the entry. Neither acts on an entry being sent.
// Escape or Close hides the dialog. Nothing blocks. Service and model must outlive it.
class OutboxDialog : public QDialog
{
    Q_OBJECT
public:
    OutboxDialog(OutboxService &service, OutboxListModel &model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    // "Outbox" or "Outbox (N)" for N entries waiting.
    static QString label(int count);

public Q_SLOTS:
    void resendCurrent();
    void discardCurrent();

private:
    void updateState();
    qint64 currentId() const;

    OutboxService &m_service;
    OutboxListModel &m_model;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_resend = nullptr;
    QPushButton *m_discard = nullptr;
    QPushButton *m_close = nullptr;
};

// Makes the Outbox reachable: the Mail page's Outbox action and an "Outbox (N)" button on the
// SMTP Accounts page's header both open one OutboxDialog (raised when open already); their
// labels count the entries waiting. The context must outlive the window.
void installOutboxActions(MainWindow &window, AppContext &context);

} // namespace Tributary::Ui
