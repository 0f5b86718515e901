#pragma once

#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "models/smtpaccount.h"

#include <QByteArray>
#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace Tributary::Ui {

class CertificateTrustPanel;
class MainWindow;

// Adds or edits one SMTP account. Save tests the connection through SmtpAccountService
// (add or update) with a busy indicator; Cancel aborts a running test. The dialog closes
// (accepted) only when the service saved the account; a failure is shown in the dialog in
// the service's words and nothing is saved. A certificate the system does not trust shows
// its SHA-256 fingerprint with "Trust this certificate" (CertificateTrustPanel), which repeats
// Save with that fingerprint pinned; the pin is saved with the account
// (SmtpAccount::pinnedSha256) and honoured by later tests and by the Outbox's sends.
//
// Never blocks: open it with open() or show(). The service must outlive the dialog.
class SmtpAccountDialog : public QDialog
{
    Q_OBJECT
public:
    // New account.
    explicit SmtpAccountDialog(SmtpAccountService &service, QWidget *parent = nullptr);
    // Edit `account` (fields pre-filled; an empty password keeps the stored one).
    SmtpAccountDialog(SmtpAccountService &service, const SmtpAccount &account,
                      QWidget *parent = nullptr);
    ~SmtpAccountDialog() override;

    bool isEditing() const { return !m_original.uuid.isNull(); }
    bool isBusy() const { return m_job != nullptr; }
    // The account as saved (valid after accepted()).
    const SmtpAccount &savedAccount() const { return m_saved; }
    // The fields as an account value (uuid and creation time of the edited account kept).
    SmtpAccount accountFromFields() const;

public Q_SLOTS:
    void save();
    void reject() override;

private:
    void build();
    void fill(const SmtpAccount &account);
    void updateAuthFields();
    void onEncryptionChanged();
    void setPortSuggestion(int port);
    void setBusy(bool busy);
    void showError(const QString &message);
    void onJobFinished(Tributary::SmtpAccountJob *job);
    void trustCertificate(const QByteArray &fingerprint);

    SmtpAccountService &m_service;
    SmtpAccount m_original;
    SmtpAccount m_saved;
    QPointer<SmtpAccountJob> m_job;
    QByteArray m_pinned;
    bool m_portTouched = false;
    bool m_settingPort = false;

    QLineEdit *m_name = nullptr;
    QLineEdit *m_server = nullptr;
    QSpinBox *m_port = nullptr;
    QComboBox *m_encryption = nullptr;
    QLineEdit *m_email = nullptr;
    QCheckBox *m_auth = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_userLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    CertificateTrustPanel *m_trust = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
};

// Wires the SMTP Accounts page of `window` to the dialog: the page's primary action (New SMTP
// Account) opens an empty dialog (the Overview card's button still goes through the window); a
// double-click, Return or the row's "Edit…" action opens it for that account; "Delete…" (or the
// Delete key) asks for confirmation, then removes the account through the service. Nothing blocks:
// dialogs and the question are opened with open(). The service must outlive the window.
void installSmtpAccountActions(MainWindow &window, SmtpAccountService &service);

} // namespace Tributary::Ui
