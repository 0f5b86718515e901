#pragma once

#include "accountdialogparts.h"
#include "oauthsigninsteps.h"
#include "oauthtaskform.h"

#include "app/services/providers/providercatalogue.h"
#include "app/services/retrievaltasks/retrievaltaskservice.h"
#include "models/retrievaltask.h"

#include <QByteArray>
#include <QDialog>
#include <QPointer>

#include <optional>

class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QInputDialog;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTreeView;

namespace Tributary::Ui {

// Adds or edits one Email Retrieval task (POP3 or IMAP).
//
// One form whose rows follow the Type: both types have Server Address, Port, Username,
// Password, Retrieval Method, Require SSL and Enable spam and content filtering; POP adds
// Destination Folder, Enable APOP authentication and Leave messages on server; IMAP adds
// Folder Transfer Method (Root Level Folders, or Subfolders of a chosen local folder, with
// "New Folder…" creating a top-level folder in the store). Switching Type keeps the common
// values. The port follows the type and Require SSL (POP 110/995, IMAP 143/993) until the user
// edits it. Require SSL means TLS from the first byte (or, for a stored or catalogue STARTTLS
// setting, a required STARTTLS); unticked, the connection is never encrypted.
//
// Save validates the fields (the message is shown in the dialog and the field gets focus),
// then tests the connection through RetrievalTaskService (add or update) with a busy indicator;
// Cancel aborts a running test and keeps the dialog open. The dialog closes (accepted) only when
// the service saved the task; a failure is shown in the dialog in the service's words (the step
// and the server's reply) and nothing is saved. A certificate the system does not trust shows
// its SHA-256 fingerprint and "Trust this certificate", which repeats Save with that fingerprint
// pinned; the pin is saved with the task (RetrievalTask::pinnedSha256).
//
// Editing: the fields are filled from the task; a blank password keeps the stored one (the test
// on save then uses the stored one).
//
// OAuth form (Microsoft 365, Outlook.com, and Microsoft Exchange on premises when its
// Authentication is "Microsoft sign-in"): Server Address (filled in and read-only when the
// catalogue locks it; editable for Exchange), Email Address, no password, Retrieval Method,
// Folder Transfer Method, Require SSL, Enable content filtering, and "Use my browser instead".
// Exchange also offers "Password (Basic or NTLM)", which keeps the password field. Providers
// that offer both an (app) password and OAuth (Gmail) show an Authentication choice, sign-in
// first ("Sign in with Google (OAuth)" / "App password"): with sign-in the password row and the
// app-password help hide, and when the provider's agent is the system browser (Google refuses
// embedded views) "Use my browser" is ticked and locked with a note saying why. Save signs
// in first (TaskSignIn: the provider's agent from OAuthTaskSupport, the tokens saved in the
// TokenService under the task's uuid), then runs the service's connection test, then saves.
// Every failure is shown in the dialog in words (closed window, consent denied, provider error,
// admin consent with its link, network) with the fields kept; Save again retries, without a
// new sign-in when only the test failed. Editing an OAuth task keeps its tokens unless the
// email address changed (then it signs in again); signInAgain() forces a new sign-in. A
// new task whose sign-in succeeded but which was never saved has its tokens revoked when
// the dialog is closed.
//
// `folders` is the folder tree to choose from (FolderTreeModel: FolderIdRole); not owned, may
// be null (then the Inbox is the destination and only Root Level Folders is offered). The
// service and the model must outlive the dialog. Never blocks: open it with open() or show().
class RetrievalTaskDialog : public QDialog
{
    Q_OBJECT
public:
    // New task, pre-filled from `provider` (may be null: an empty POP form).
    RetrievalTaskDialog(RetrievalTaskService &service, QAbstractItemModel *folders,
                        const Provider *provider, QWidget *parent = nullptr);
    // Edit `task`; `provider` (may be null) only supplies the app-password help.
    RetrievalTaskDialog(RetrievalTaskService &service, QAbstractItemModel *folders,
                        const RetrievalTask &task, const Provider *provider,
                        QWidget *parent = nullptr);
    ~RetrievalTaskDialog() override;

    bool isEditing() const { return !m_original.uuid.isNull(); }
    bool isBusy() const { return m_job != nullptr || m_signInSteps.running() != nullptr; }
    // Before open(): what OAuth tasks need (token service, catalogue, agents).
    void setOAuthSupport(const OAuthTaskSupport &support);
    // Whether Save signs in with OAuth (Microsoft 365, Outlook.com, Exchange with OAuth).
    bool isOAuthForm() const;
    // The running sign-in (null when none); for tests and screenshots.
    TaskSignIn *signIn() const { return m_signInSteps.running(); }
    // The task as saved (valid after accepted()).
    const RetrievalTask &savedTask() const { return m_saved; }
    // The fields as a task value (uuid, creation time and run record of an edited task kept).
    RetrievalTask taskFromFields() const;
    // The form shown: Pop3 or Imap.
    RetrievalTask::Kind kind() const;

public Q_SLOTS:
    void save();
    // Signs in again (even when the stored sign-in still works), then tests and saves.
    void signInAgain();
    void reject() override;

private:
    void build();
    void fillFromProvider();
    void fill(const RetrievalTask &task);
    void onKindChanged();
    void onSslToggled();
    void updateRows();
    void updateFolderChoice();
    void suggestPort();
    void setPortValue(int port);
    void setBusy(bool busy, const QString &status = QString());
    bool isMicrosoftForm() const;
    bool isExchangeForm() const;
    // A provider that offers a password and OAuth (not Exchange): the Authentication choice.
    bool offersSignInChoice() const;
    // The provider's agent is the system browser (the browser tick is locked on).
    bool browserOnly() const;
    bool needsSignIn(const RetrievalTask &task) const;
    void startSignIn(const RetrievalTask &task);
    void onSignInFinished(Tributary::Ui::TaskSignIn *signIn);
    void startServiceJob(const RetrievalTask &task);
    void forgetUnsavedSignIn();
    void showError(const QString &message);
    QString validate(QWidget **field) const;
    void onJobFinished(Tributary::RetrievalTaskJob *job);
    void trustCertificate();
    void newFolder();
    void selectFolder(QTreeView *view, qint64 folderId);
    qint64 chosenFolder(QTreeView *view) const;
    const ProviderServer *providerServer(RetrievalTask::Kind kind) const;

    RetrievalTaskService &m_service;
    QAbstractItemModel *m_folders = nullptr;
    std::optional<Provider> m_provider;
    RetrievalTask m_original;
    RetrievalTask m_saved;
    QPointer<RetrievalTaskJob> m_job;
    OAuthSignInSteps m_signInSteps;
    OAuthTaskSupport m_oauth;
    QUuid m_newUuid; // the uuid a new task gets (its tokens are saved under it before the row)
    QPointer<QInputDialog> m_folderPrompt;
    QByteArray m_pinned;
    QByteArray m_offeredFingerprint;
    RetrievalTask::Security m_tlsSecurity = RetrievalTask::Security::SslTls;
    RetrievalTask::Kind m_shownKind = RetrievalTask::Kind::Pop3;
    bool m_portTouched = false;
    bool m_settingPort = false;

    QFormLayout *m_form = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_server = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_auth = nullptr;
    QCheckBox *m_useBrowser = nullptr;
    QLabel *m_signInNote = nullptr;
    QLabel *m_adminConsent = nullptr;
    QComboBox *m_method = nullptr;
    QTreeView *m_destination = nullptr;
    QWidget *m_transferBox = nullptr;
    QRadioButton *m_rootLevel = nullptr;
    QRadioButton *m_subfolders = nullptr;
    QTreeView *m_transferParent = nullptr;
    QPushButton *m_newFolder = nullptr;
    QCheckBox *m_apop = nullptr;
    QCheckBox *m_leaveOnServer = nullptr;
    QCheckBox *m_ssl = nullptr;
    QCheckBox *m_filtering = nullptr;
    QLabel *m_appPasswordHelp = nullptr;
    ConnectionTestFeedback m_feedback;
    QLabel *m_fingerprint = nullptr;
    QPushButton *m_trust = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace Tributary::Ui
