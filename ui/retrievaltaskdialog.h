#pragma once

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
class QProgressBar;
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
    bool isBusy() const { return m_job != nullptr; }
    // The task as saved (valid after accepted()).
    const RetrievalTask &savedTask() const { return m_saved; }
    // The fields as a task value (uuid, creation time and run record of an edited task kept).
    RetrievalTask taskFromFields() const;
    // The form shown: Pop3 or Imap.
    RetrievalTask::Kind kind() const;

public Q_SLOTS:
    void save();
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
    void setBusy(bool busy);
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
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_fingerprint = nullptr;
    QPushButton *m_trust = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace Tributary::Ui
