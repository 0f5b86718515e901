#pragma once

#include "accountdialogparts.h"
#include "oauthsigninsteps.h"
#include "oauthtaskform.h"

#include "app/services/providers/providercatalogue.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "models/smtpaccount.h"

#include <QByteArray>
#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
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
// Account type (top of the form): "Other SMTP server" (the form above, the default) or a
// provider that signs in with OAuth and the catalogue lists with an SMTP server (Microsoft 365,
// Outlook.com/Hotmail/Live.com, Gmail). For those the server, port and encryption come from
// the catalogue and are locked; there is no password and no authentication tick; the optional
// "Sign-in name" is the account the provider signs in (empty: the email address, which is the
// XOAUTH2 user name). Save validates, then signs in (TaskSignIn: the provider's agent from
// OAuthTaskSupport, the embedded SignInWindow for Microsoft, the system browser for Google)
// under SmtpAccountService::newAccountUuid(), then the service's add() tests over XOAUTH2 and
// saves. Every failure (closed window, consent denied, provider error, the server refusing
// the token or SMTP AUTH being off for the tenant) shows in the dialog in words with the
// fields kept; Save again retries, without a new sign-in when only the test failed. A sign-in
// for a new account that is never saved (Cancel, or the dialog closed after a failed test) is
// revoked and its tokens removed from the keychain.
//
// Editing an OAuth account: its provider (from the token bookkeeping) is shown and the type is
// locked; Save re-tests with the stored tokens (signing in only when they are gone or the
// sign-in name changed); "Sign In Again…" (signInAgain()) signs in anew, then tests and saves.
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

    // Before open(): the catalogue, settings and agents of OAuth sign-ins (the token service
    // defaults to the SMTP account service's). Rebuilds the account-type choice.
    void setOAuthSupport(const OAuthTaskSupport &support);

    bool isEditing() const { return !m_original.uuid.isNull(); }
    bool isBusy() const { return m_job != nullptr || m_signInSteps.running() != nullptr; }
    // The chosen catalogue provider ("microsoft365", "outlook", "gmail"); empty for "Other SMTP
    // server". Whether Save signs in with OAuth.
    QString providerId() const;
    bool isOAuthForm() const { return !providerId().isEmpty(); }
    // Chooses an account type by catalogue id (empty: Other SMTP server); false when the choice
    // does not offer it.
    bool selectProvider(const QString &providerId);
    // The uuid a new OAuth account gets (its tokens are saved under it before the row exists).
    QUuid newAccountUuid() const { return m_newUuid; }
    // The running sign-in (null when none); for tests and screenshots.
    TaskSignIn *signIn() const { return m_signInSteps.running(); }
    // The account as saved (valid after accepted()).
    const SmtpAccount &savedAccount() const { return m_saved; }
    // The fields as an account value (uuid and creation time of the edited account kept).
    SmtpAccount accountFromFields() const;

public Q_SLOTS:
    void save();
    // OAuth accounts: signs in again (even when the stored sign-in still works), then tests
    // and saves.
    void signInAgain();
    void reject() override;

private:
    void build();
    void fill(const SmtpAccount &account);
    void populateTypes();
    void onTypeChanged();
    void updateAuthFields();
    const Provider *chosenProvider() const;
    bool needsSignIn(const SmtpAccount &account) const;
    void startSignIn(const SmtpAccount &account);
    void onSignInFinished(Tributary::Ui::TaskSignIn *signIn);
    void startServiceJob(const SmtpAccount &account, const std::optional<QString> &password);
    void forgetUnsavedSignIn();
    void onEncryptionChanged();
    void setPortSuggestion(int port);
    void setBusy(bool busy, const QString &status = QString());
    void growToFit();
    void showError(const QString &message);
    void onJobFinished(Tributary::SmtpAccountJob *job);
    void trustCertificate(const QByteArray &fingerprint);

    SmtpAccountService &m_service;
    SmtpAccount m_original;
    SmtpAccount m_saved;
    QPointer<SmtpAccountJob> m_job;
    OAuthSignInSteps m_signInSteps;
    OAuthTaskSupport m_oauth;
    ProviderCatalogue m_catalogue;
    QString m_editedProvider; // the provider of an edited OAuth account (empty: none)
    QString m_lockedHost; // the catalogue's server now in the form (empty: the user's own)
    QUuid m_newUuid;
    QByteArray m_pinned;
    bool m_portTouched = false;
    bool m_settingPort = false;

    QComboBox *m_type = nullptr;
    QLabel *m_signInNote = nullptr;
    QPushButton *m_signInAgain = nullptr;
    QFormLayout *m_form = nullptr;
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
    ConnectionTestFeedback m_feedback;
    CertificateTrustPanel *m_trust = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
};

// The OAuth support the SMTP Accounts page gives its dialogs (a child of the window, objectName
// "smtpAccountActions"); tests replace the catalogue and the agents through it.
class SmtpAccountActions : public QObject
{
    Q_OBJECT
public:
    SmtpAccountActions(MainWindow &window, const OAuthTaskSupport &oauth);

    void setOAuthSupport(const OAuthTaskSupport &support) { m_support = support; }
    const OAuthTaskSupport &oauthSupport() const { return m_support; }

private:
    OAuthTaskSupport m_support;
};

// Wires the SMTP Accounts page of `window` to the dialog: the page's primary action (New SMTP
// Account) opens an empty dialog (the Overview card's button still goes through the window); a
// double-click, Return or the row's "Edit…" action opens it for that account; "Delete…" (or the
// Delete key) asks for confirmation, then removes the account through the service (an OAuth
// account's sign-in is revoked). OAuth accounts whose sign-in the provider no longer accepts
// (SmtpAccountService::needsSignIn) show "Sign in again" in the Status column, and the window
// tells the user once per loss (MainWindow::notify: toast, and the tray when there is one); the
// row action "Sign In Again…" (button below the table and context-menu entry, enabled for OAuth
// accounts only) opens the account's dialog signing in at once (SmtpAccountDialog::signInAgain:
// settings kept); the status clears once it saved. The page's model becomes a proxy over the
// one it had. Nothing blocks: dialogs and the question are opened with open().
// The service and `oauth`'s pointers must outlive the window. Returns the actions object.
SmtpAccountActions *installSmtpAccountActions(MainWindow &window, SmtpAccountService &service,
                                              const OAuthTaskSupport &oauth = {});

} // namespace Tributary::Ui
