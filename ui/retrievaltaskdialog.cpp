#include "retrievaltaskdialog.h"

#include "app/services/oauth/tokenservice.h"
#include "connectors/common/endpoint.h"
#include "models/foldertreemodel.h"
#include "models/store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>

#include <iterator>

namespace Tributary::Ui {

namespace {

int defaultPort(RetrievalTask::Kind kind, bool ssl)
{
    if (kind == RetrievalTask::Kind::Exchange)
        return ssl ? 443 : 80;
    if (kind == RetrievalTask::Kind::Imap)
        return ssl ? 993 : 143;
    return ssl ? 995 : 110;
}

bool isDefaultPort(int port)
{
    return port == 110 || port == 995 || port == 143 || port == 993 || port == 443 || port == 80;
}

RetrievalTask::Security taskSecurity(Net::Security security)
{
    switch (security) {
    case Net::Security::None:
        return RetrievalTask::Security::None;
    case Net::Security::StartTls:
        return RetrievalTask::Security::StartTls;
    case Net::Security::ImplicitTls:
        return RetrievalTask::Security::SslTls;
    }
    return RetrievalTask::Security::SslTls;
}

QTreeView *folderView(QAbstractItemModel *model, const QString &objectName,
                      const QString &accessibleName, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setHeaderHidden(true);
    view->setRootIsDecorated(true);
    view->setUniformRowHeights(true);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setMinimumHeight(110);
    view->setMaximumHeight(150);
    if (model) {
        view->setModel(model);
        for (int column = 1; column < model->columnCount(); ++column)
            view->hideColumn(column);
        view->expandAll();
        QObject::connect(model, &QAbstractItemModel::modelReset, view,
                         [view] { view->expandAll(); });
    }
    return view;
}

} // namespace

RetrievalTaskDialog::RetrievalTaskDialog(RetrievalTaskService &service, QAbstractItemModel *folders,
                                         const Provider *provider, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_folders(folders)
{
    if (provider)
        m_provider = *provider;
    m_newUuid = RetrievalTaskService::newTaskUuid();
    m_oauth.tokens = service.tokenService();
    build();
    setWindowTitle(tr("New Retrieval Task"));
    m_leaveOnServer->setChecked(true);
    m_rootLevel->setChecked(true);
    fillFromProvider();
}

RetrievalTaskDialog::RetrievalTaskDialog(RetrievalTaskService &service, QAbstractItemModel *folders,
                                         const RetrievalTask &task, const Provider *provider,
                                         QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_folders(folders)
    , m_original(task)
{
    if (provider)
        m_provider = *provider;
    m_oauth.tokens = service.tokenService();
    build();
    setWindowTitle(tr("Edit Retrieval Task"));
    fill(task);
}

RetrievalTaskDialog::~RetrievalTaskDialog()
{
    m_signInSteps.abandon(this);
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
}

void RetrievalTaskDialog::build()
{
    setObjectName(QStringLiteral("RetrievalTaskDialog"));
    setAccessibleName(tr("Retrieval task"));

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("typeCombo"));
    m_kind->setAccessibleName(tr("Type"));
    m_kind->addItem(tr("POP"), int(RetrievalTask::Kind::Pop3));
    m_kind->addItem(tr("IMAP"), int(RetrievalTask::Kind::Imap));
    m_server = new QLineEdit(this);
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_server->setAccessibleName(tr("Server address"));
    m_server->setPlaceholderText(tr("mail.example.com"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(1, 65535);
    m_port->setValue(110);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("usernameEdit"));
    m_user->setAccessibleName(tr("Username"));
    m_user->setPlaceholderText(tr("name@example.com"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("authCombo"));
    m_auth->setAccessibleName(tr("Authentication"));
    if (offersSignInChoice()) {
        // Sign-in first: it needs no app password created beforehand.
        m_auth->addItem(
            tr("Sign in with %1 (OAuth)").arg(OAuthSignInSteps::signInCompany(*m_provider)),
            int(RetrievalTask::AuthKind::OAuth));
        m_auth->addItem(m_provider->auth.contains(QStringLiteral("app-password"))
                            ? tr("App password")
                            : tr("Password"),
                        int(RetrievalTask::AuthKind::Password));
    } else {
        m_auth->addItem(tr("Microsoft sign-in (OAuth)"), int(RetrievalTask::AuthKind::OAuth));
        m_auth->addItem(tr("Password (Basic or NTLM)"), int(RetrievalTask::AuthKind::Password));
    }
    m_signInNote = new QLabel(this);
    m_signInNote->setObjectName(QStringLiteral("signInNoteLabel"));
    m_signInNote->setAccessibleName(tr("How signing in works"));
    m_signInNote->setWordWrap(true);
    m_useBrowser = new QCheckBox(tr("Sign in with my &browser instead"), this);
    m_useBrowser->setObjectName(QStringLiteral("useBrowserCheck"));
    m_useBrowser->setAccessibleName(tr("Sign in with my browser instead"));
    m_appPasswordHelp = new QLabel(this);
    m_appPasswordHelp->setObjectName(QStringLiteral("appPasswordHelpLabel"));
    m_appPasswordHelp->setAccessibleName(tr("App password help"));
    m_appPasswordHelp->setWordWrap(true);
    m_appPasswordHelp->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_appPasswordHelp->hide();
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->setAccessibleName(tr("Retrieval method"));
    m_method->addItem(tr("Manual"), int(RetrievalTask::Method::Manual));
    m_method->addItem(tr("Automatic (every 10 minutes)"), int(RetrievalTask::Method::Automatic));

    m_destination = folderView(m_folders, QStringLiteral("destinationFolderView"),
                               tr("Destination folder"), this);

    m_transferBox = new QWidget(this);
    m_transferBox->setObjectName(QStringLiteral("folderTransferBox"));
    m_rootLevel = new QRadioButton(tr("&Root level folders"), m_transferBox);
    m_rootLevel->setObjectName(QStringLiteral("rootLevelRadio"));
    m_rootLevel->setAccessibleName(tr("Root level folders"));
    m_subfolders = new QRadioButton(tr("Su&bfolders of:"), m_transferBox);
    m_subfolders->setObjectName(QStringLiteral("subfoldersRadio"));
    m_subfolders->setAccessibleName(tr("Subfolders of a local folder"));
    m_transferParent = folderView(m_folders, QStringLiteral("transferParentView"),
                                  tr("Local folder for the subfolders"), m_transferBox);
    m_newFolder = new QPushButton(tr("New &Folder…"), m_transferBox);
    m_newFolder->setObjectName(QStringLiteral("newFolderButton"));
    m_newFolder->setAccessibleName(tr("New folder"));
    auto *transferLayout = new QVBoxLayout(m_transferBox);
    transferLayout->setContentsMargins(0, 0, 0, 0);
    transferLayout->addWidget(m_rootLevel);
    transferLayout->addWidget(m_subfolders);
    auto *parentRow = new QHBoxLayout;
    parentRow->addWidget(m_transferParent, 1);
    parentRow->addWidget(m_newFolder, 0, Qt::AlignTop);
    transferLayout->addLayout(parentRow);

    m_apop = new QCheckBox(tr("Enable &APOP authentication"), this);
    m_apop->setObjectName(QStringLiteral("apopCheck"));
    m_apop->setAccessibleName(tr("Enable APOP authentication"));
    m_leaveOnServer = new QCheckBox(tr("&Leave messages on server"), this);
    m_leaveOnServer->setObjectName(QStringLiteral("leaveOnServerCheck"));
    m_leaveOnServer->setAccessibleName(tr("Leave messages on server"));
    m_ssl = new QCheckBox(tr("Require SS&L"), this);
    m_ssl->setObjectName(QStringLiteral("sslCheck"));
    m_ssl->setAccessibleName(tr("Require SSL"));
    m_filtering = new QCheckBox(this);
    m_filtering->setObjectName(QStringLiteral("filteringCheck"));

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(buddyLabel(tr("&Type:"), m_kind, QStringLiteral("typeLabel")), m_kind);
    m_form->addRow(buddyLabel(tr("&Server address:"), m_server, QStringLiteral("serverLabel")),
                   m_server);
    m_form->addRow(buddyLabel(tr("&Port:"), m_port, QStringLiteral("portLabel")), m_port);
    m_form->addRow(buddyLabel(tr("&Username:"), m_user, QStringLiteral("usernameLabel")), m_user);
    m_form->addRow(buddyLabel(tr("&Authentication:"), m_auth, QStringLiteral("authLabel")), m_auth);
    m_form->addRow(buddyLabel(tr("Pass&word:"), m_password, QStringLiteral("passwordLabel")),
                   m_password);
    m_form->addRow(QString(), m_signInNote);
    m_form->addRow(QString(), m_useBrowser);
    m_form->addRow(QString(), m_appPasswordHelp);
    m_form->addRow(buddyLabel(tr("Retrieval &method:"), m_method, QStringLiteral("methodLabel")),
                   m_method);
    m_form->addRow(
        buddyLabel(tr("&Destination folder:"), m_destination, QStringLiteral("destinationLabel")),
        m_destination);
    m_form->addRow(buddyLabel(tr("Folder transfer method:"), m_rootLevel,
                              QStringLiteral("folderTransferLabel")),
                   m_transferBox);
    m_form->addRow(QString(), m_apop);
    m_form->addRow(QString(), m_leaveOnServer);
    m_form->addRow(QString(), m_ssl);
    m_form->addRow(QString(), m_filtering);

    m_feedback = ConnectionTestFeedback::create(this, tr("Testing the connection"));
    m_fingerprint = new QLabel(this);
    m_fingerprint->setObjectName(QStringLiteral("fingerprintLabel"));
    m_fingerprint->setAccessibleName(tr("Certificate fingerprint"));
    m_fingerprint->setWordWrap(true);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->hide();
    m_trust = new QPushButton(tr("T&rust this certificate"), this);
    m_trust->setObjectName(QStringLiteral("trustCertificateButton"));
    m_trust->setAccessibleName(tr("Trust this certificate"));
    m_trust->hide();
    m_adminConsent = new QLabel(this);
    m_adminConsent->setObjectName(QStringLiteral("adminConsentLabel"));
    m_adminConsent->setAccessibleName(tr("Administrator consent link"));
    m_adminConsent->setWordWrap(true);
    m_adminConsent->setTextFormat(Qt::RichText);
    m_adminConsent->setOpenExternalLinks(true);
    m_adminConsent->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_adminConsent->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setText(tr("Sa&ve"));
    m_save->setAccessibleName(tr("Save"));
    m_save->setDefault(true);
    m_cancel = m_buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setText(tr("&Cancel"));
    m_cancel->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_feedback.busy);
    layout->addWidget(m_feedback.status);
    layout->addWidget(m_feedback.error);
    layout->addWidget(m_adminConsent);
    layout->addWidget(m_fingerprint);
    layout->addWidget(m_trust, 0, Qt::AlignLeft);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    // Keyboard order follows the form from top to bottom.
    QWidget *order[]
        = {m_kind,         m_server, m_port,          m_user,      m_auth,       m_password,
           m_useBrowser,   m_method, m_destination,   m_rootLevel, m_subfolders, m_transferParent,
           m_newFolder,    m_apop,   m_leaveOnServer, m_ssl,       m_filtering,  m_trust,
           m_adminConsent, m_save,   m_cancel};
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);

    connect(m_save, &QPushButton::clicked, this, &RetrievalTaskDialog::save);
    connect(m_cancel, &QPushButton::clicked, this, &RetrievalTaskDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &RetrievalTaskDialog::onKindChanged);
    connect(m_ssl, &QCheckBox::toggled, this, &RetrievalTaskDialog::onSslToggled);
    connect(m_port, &QSpinBox::valueChanged, this, [this] {
        if (!m_settingPort)
            m_portTouched = true;
    });
    connect(m_rootLevel, &QRadioButton::toggled, this, &RetrievalTaskDialog::updateFolderChoice);
    connect(m_subfolders, &QRadioButton::toggled, this, &RetrievalTaskDialog::updateFolderChoice);
    connect(m_newFolder, &QPushButton::clicked, this, &RetrievalTaskDialog::newFolder);
    connect(m_trust, &QPushButton::clicked, this, &RetrievalTaskDialog::trustCertificate);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &RetrievalTaskDialog::updateRows);
    updateRows();
    updateFolderChoice();
}

const ProviderServer *RetrievalTaskDialog::providerServer(RetrievalTask::Kind kind) const
{
    if (!m_provider || kind == RetrievalTask::Kind::Exchange)
        return nullptr;
    const std::optional<ProviderServer> &server
        = kind == RetrievalTask::Kind::Imap ? m_provider->imap : m_provider->pop3;
    return server ? &*server : nullptr;
}

void RetrievalTaskDialog::fillFromProvider()
{
    RetrievalTask::Kind kind = RetrievalTask::Kind::Pop3;
    if (m_provider && (m_provider->imap || !m_provider->pop3)
        && m_provider->id != QLatin1String("other-pop"))
        kind = RetrievalTask::Kind::Imap;
    if (!providerServer(kind) && m_provider && m_provider->id == QLatin1String("other-imap"))
        kind = RetrievalTask::Kind::Imap;
    if (isExchangeForm())
        kind = RetrievalTask::Kind::Exchange;

    if (kind != RetrievalTask::Kind::Exchange) {
        m_kind->blockSignals(true);
        m_kind->setCurrentIndex(m_kind->findData(int(kind)));
        m_kind->blockSignals(false);
    }
    m_shownKind = kind;

    bool ssl = true;
    if (const ProviderServer *server = providerServer(kind)) {
        m_server->setText(server->host);
        m_server->setReadOnly(server->locked && !server->host.isEmpty());
        if (server->security == Net::Security::None)
            ssl = false;
        else
            m_tlsSecurity = taskSecurity(server->security);
        m_ssl->blockSignals(true);
        m_ssl->setChecked(ssl);
        m_ssl->blockSignals(false);
        setPortValue(server->port > 0 ? server->port : defaultPort(kind, ssl));
    } else {
        m_ssl->blockSignals(true);
        m_ssl->setChecked(ssl);
        m_ssl->blockSignals(false);
        setPortValue(defaultPort(kind, ssl));
    }
    if (m_provider && !m_provider->appPasswordHelp.isEmpty())
        m_appPasswordHelp->setText(m_provider->appPasswordHelp);
    updateRows();
}

void RetrievalTaskDialog::fill(const RetrievalTask &task)
{
    const RetrievalTask::Kind kind
        = task.kind == RetrievalTask::Kind::Imap ? task.kind : RetrievalTask::Kind::Pop3;
    m_kind->blockSignals(true);
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    m_kind->blockSignals(false);
    m_shownKind = kind;
    m_server->setText(task.server);
    m_ssl->blockSignals(true);
    m_ssl->setChecked(task.security != RetrievalTask::Security::None);
    m_ssl->blockSignals(false);
    if (task.security != RetrievalTask::Security::None)
        m_tlsSecurity = task.security;
    setPortValue(task.port);
    m_portTouched = !isDefaultPort(task.port);
    m_user->setText(task.username);
    m_password->setPlaceholderText(tr("Unchanged"));
    m_method->setCurrentIndex(m_method->findData(int(task.method)));
    m_apop->setChecked(task.apop);
    m_leaveOnServer->setChecked(task.leaveOnServer);
    m_filtering->setChecked(task.filtering);
    selectFolder(m_destination, task.destinationFolderId);
    const bool below = task.folderTransfer == RetrievalTask::FolderTransfer::Mirror
        && task.transferParentFolderId > 0;
    (below ? m_subfolders : m_rootLevel)->setChecked(true);
    if (below)
        selectFolder(m_transferParent, task.transferParentFolderId);
    m_pinned = task.pinnedSha256;
    m_auth->setCurrentIndex(m_auth->findData(int(task.authKind)));
    if (const ProviderServer *server = providerServer(kind))
        m_server->setReadOnly(server->locked && server->host == task.server);
    if (m_provider && !m_provider->appPasswordHelp.isEmpty())
        m_appPasswordHelp->setText(m_provider->appPasswordHelp);
    updateRows();
    updateFolderChoice();
}

RetrievalTask::Kind RetrievalTaskDialog::kind() const
{
    if (isExchangeForm())
        return RetrievalTask::Kind::Exchange;
    if (isMicrosoftForm())
        return RetrievalTask::Kind::Imap;
    return RetrievalTask::Kind(m_kind->currentData().toInt());
}

bool RetrievalTaskDialog::isMicrosoftForm() const
{
    if (m_provider)
        return m_provider->requiresOAuth();
    return isEditing() && m_original.authKind == RetrievalTask::AuthKind::OAuth
        && m_original.kind != RetrievalTask::Kind::Exchange;
}

bool RetrievalTaskDialog::isExchangeForm() const
{
    return (m_provider && m_provider->id == QLatin1String("exchange"))
        || (isEditing() && m_original.kind == RetrievalTask::Kind::Exchange);
}

bool RetrievalTaskDialog::offersSignInChoice() const
{
    return m_provider && !isExchangeForm() && m_provider->supportsPassword()
        && m_provider->auth.contains(QStringLiteral("oauth"));
}

bool RetrievalTaskDialog::browserOnly() const
{
    return m_provider && m_provider->oauthAgent == QLatin1String("system-browser");
}

bool RetrievalTaskDialog::isOAuthForm() const
{
    if (isExchangeForm() || offersSignInChoice())
        return RetrievalTask::AuthKind(m_auth->currentData().toInt())
            == RetrievalTask::AuthKind::OAuth;
    return isMicrosoftForm();
}

void RetrievalTaskDialog::setOAuthSupport(const OAuthTaskSupport &support)
{
    m_oauth = support;
    if (!m_oauth.tokens)
        m_oauth.tokens = m_service.tokenService();
}

void RetrievalTaskDialog::onKindChanged()
{
    const RetrievalTask::Kind previous = m_shownKind;
    const RetrievalTask::Kind now = kind();
    m_shownKind = now;
    // The provider's host of the other protocol replaces its host of this one, never the
    // user's own text.
    const ProviderServer *before = providerServer(previous);
    const ProviderServer *after = providerServer(now);
    if (after && !after->host.isEmpty()
        && (m_server->text().trimmed().isEmpty()
            || (before && m_server->text().trimmed() == before->host)))
        m_server->setText(after->host);
    suggestPort();
    updateRows();
}

void RetrievalTaskDialog::onSslToggled()
{
    suggestPort();
}

void RetrievalTaskDialog::suggestPort()
{
    if (m_portTouched)
        return;
    setPortValue(defaultPort(kind(), m_ssl->isChecked()));
}

void RetrievalTaskDialog::setPortValue(int port)
{
    m_settingPort = true;
    m_port->setValue(port);
    m_settingPort = false;
}

void RetrievalTaskDialog::updateRows()
{
    const bool pop = kind() == RetrievalTask::Kind::Pop3;
    const bool microsoft = isMicrosoftForm() || isExchangeForm();
    const bool oauth = isOAuthForm();
    m_form->setRowVisible(m_kind, !microsoft);
    m_form->setRowVisible(m_port, !microsoft);
    m_form->setRowVisible(m_auth, isExchangeForm() || offersSignInChoice());
    m_form->setRowVisible(m_password, !oauth);
    m_form->setRowVisible(m_signInNote, oauth);
    m_form->setRowVisible(m_useBrowser, oauth);
    m_form->setRowVisible(m_appPasswordHelp, !oauth && !m_appPasswordHelp->text().isEmpty());
    const bool email = microsoft || oauth;
    if (auto *userLabel = qobject_cast<QLabel *>(m_form->labelForField(m_user)))
        userLabel->setText(email ? tr("&Email address:") : tr("&Username:"));
    m_user->setAccessibleName(email ? tr("Email address") : tr("Username"));
    const bool locked = oauth && browserOnly();
    if (locked)
        m_useBrowser->setChecked(true);
    m_useBrowser->setEnabled(!isBusy() && !locked);
    if (locked) {
        m_signInNote->setText(
            OAuthSignInSteps::browserOnlyNote(OAuthSignInSteps::signInCompany(*m_provider)));
    } else if (oauth) {
        const QString name
            = m_provider && !isExchangeForm() ? m_provider->name : QStringLiteral("Microsoft");
        m_signInNote->setText(OAuthSignInSteps::signInPageNote(name));
    }
    if (const ProviderServer *server = providerServer(kind()))
        m_ssl->setEnabled(!isBusy() && !(server->locked && m_server->isReadOnly()));
    m_form->setRowVisible(m_destination, pop && m_folders);
    m_form->setRowVisible(m_transferBox, !pop);
    m_form->setRowVisible(m_apop, pop);
    m_form->setRowVisible(m_leaveOnServer, pop);
    m_filtering->setText(pop ? tr("Enable spam and content &filtering")
                             : tr("Enable spam and content &filtering (Inbox only)"));
    m_filtering->setAccessibleName(pop ? tr("Enable spam and content filtering")
                                       : tr("Enable spam and content filtering, Inbox only"));
    setWindowTitle(isEditing() ? tr("Edit Retrieval Task") : tr("New Retrieval Task"));
}

void RetrievalTaskDialog::updateFolderChoice()
{
    const bool below = m_subfolders->isChecked() && !isBusy();
    m_transferParent->setEnabled(below && m_folders);
    m_newFolder->setEnabled(below && m_folders);
    m_subfolders->setEnabled(m_folders != nullptr && !isBusy());
}

void RetrievalTaskDialog::selectFolder(QTreeView *view, qint64 folderId)
{
    auto *tree = qobject_cast<FolderTreeModel *>(m_folders);
    if (!tree || folderId <= 0)
        return;
    const QModelIndex index = tree->indexForFolder(folderId);
    if (index.isValid())
        view->setCurrentIndex(index);
}

qint64 RetrievalTaskDialog::chosenFolder(QTreeView *view) const
{
    const QModelIndex index = view->currentIndex();
    if (!index.isValid())
        return 0;
    return index.siblingAtColumn(0).data(FolderTreeModel::FolderIdRole).toLongLong();
}

void RetrievalTaskDialog::newFolder()
{
    if (m_folderPrompt)
        return;
    auto *prompt = new QInputDialog(this);
    prompt->setObjectName(QStringLiteral("newFolderPrompt"));
    prompt->setAccessibleName(tr("New folder"));
    prompt->setWindowTitle(tr("New Folder"));
    prompt->setLabelText(tr("Name of the new top-level folder:"));
    prompt->setInputMode(QInputDialog::TextInput);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    m_folderPrompt = prompt;
    connect(prompt, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString name = text.trimmed();
        if (name.isEmpty())
            return;
        QString message;
        const qint64 id = m_service.store().createFolder(0, name, &message);
        if (id <= 0) {
            showError(tr("The folder “%1” could not be created: %2").arg(name, message));
            return;
        }
        m_subfolders->setChecked(true);
        if (auto *tree = qobject_cast<FolderTreeModel *>(m_folders)) {
            // The model follows the store's change notice; make sure it has the new folder.
            if (!tree->indexForFolder(id).isValid())
                tree->reload();
        }
        selectFolder(m_transferParent, id);
        m_transferParent->setFocus();
    });
    prompt->open();
}

RetrievalTask RetrievalTaskDialog::taskFromFields() const
{
    RetrievalTask t = m_original;
    t.kind = kind();
    t.server = m_server->text().trimmed();
    t.port = quint16(m_port->value());
    t.security = m_ssl->isChecked() ? m_tlsSecurity : RetrievalTask::Security::None;
    t.username = m_user->text().trimmed();
    t.method = RetrievalTask::Method(m_method->currentData().toInt());
    t.filtering = m_filtering->isChecked();
    t.authKind = isOAuthForm() ? RetrievalTask::AuthKind::OAuth : RetrievalTask::AuthKind::Password;
    if (!isEditing() && m_provider)
        t.providerId = m_provider->id;
    if (!isEditing() && t.authKind == RetrievalTask::AuthKind::OAuth)
        t.uuid = m_newUuid; // the tokens are saved under it before the row exists
    if (t.kind == RetrievalTask::Kind::Pop3) {
        t.destinationFolderId = chosenFolder(m_destination);
        t.apop = m_apop->isChecked();
        t.leaveOnServer = m_leaveOnServer->isChecked();
        t.folderTransfer = RetrievalTask::FolderTransfer::Off;
        t.transferParentFolderId = 0;
    } else {
        t.apop = false;
        t.leaveOnServer = true; // IMAP retrieval leaves messages on the server
        t.folderTransfer = RetrievalTask::FolderTransfer::Mirror;
        t.transferParentFolderId = m_subfolders->isChecked() ? chosenFolder(m_transferParent) : 0;
        t.destinationFolderId = 0;
    }
    if (t.username.contains(QLatin1Char('@')) || t.server.isEmpty())
        t.name = t.username;
    else
        t.name = t.username + QLatin1Char('@') + t.server;
    t.pinnedSha256 = m_pinned;
    return t;
}

QString RetrievalTaskDialog::validate(QWidget **field) const
{
    const RetrievalTask t = taskFromFields();
    if (t.server.isEmpty()) {
        *field = m_server;
        return tr("Enter the server address.");
    }
    if (t.server.contains(QLatin1Char(' '))) {
        *field = m_server;
        return tr("The server address cannot contain spaces.");
    }
    if (t.username.isEmpty()) {
        *field = m_user;
        return isMicrosoftForm() || isExchangeForm() || isOAuthForm()
            ? tr("Enter the email address.")
            : tr("Enter the username.");
    }
    if (t.username.contains(QLatin1Char(' '))) {
        *field = m_user;
        return tr("The email address cannot contain spaces.");
    }
    const bool passwordKept
        = isEditing() && m_original.authKind == RetrievalTask::AuthKind::Password;
    if (!isOAuthForm() && !passwordKept && m_password->text().isEmpty()) {
        *field = m_password;
        return tr("Enter the password.");
    }
    if (t.kind == RetrievalTask::Kind::Imap && m_subfolders->isChecked()
        && t.transferParentFolderId <= 0) {
        *field = m_transferParent;
        return tr("Choose the local folder that receives the subfolders, or create one with "
                  "“New Folder…”.");
    }
    return QString();
}

void RetrievalTaskDialog::setBusy(bool busy, const QString &status)
{
    for (QWidget *w : {static_cast<QWidget *>(m_kind), static_cast<QWidget *>(m_server),
                       static_cast<QWidget *>(m_port), static_cast<QWidget *>(m_user),
                       static_cast<QWidget *>(m_auth), static_cast<QWidget *>(m_password),
                       static_cast<QWidget *>(m_useBrowser), static_cast<QWidget *>(m_method),
                       static_cast<QWidget *>(m_destination), static_cast<QWidget *>(m_rootLevel),
                       static_cast<QWidget *>(m_apop), static_cast<QWidget *>(m_leaveOnServer),
                       static_cast<QWidget *>(m_ssl), static_cast<QWidget *>(m_filtering)})
        w->setEnabled(!busy);
    m_save->setEnabled(!busy);
    m_feedback.setBusy(busy, status.isEmpty() ? tr("Testing the connection…") : status);
    updateFolderChoice();
    updateRows();
    if (busy) {
        m_adminConsent->hide();
        m_fingerprint->hide();
        m_trust->hide();
    }
}

void RetrievalTaskDialog::showError(const QString &message)
{
    m_feedback.showError(message);
}

void RetrievalTaskDialog::save()
{
    if (isBusy())
        return;
    QWidget *field = nullptr;
    const QString invalid = validate(&field);
    if (!invalid.isEmpty()) {
        m_fingerprint->hide();
        m_trust->hide();
        showError(invalid);
        if (field)
            field->setFocus();
        return;
    }
    const RetrievalTask task = taskFromFields();
    m_adminConsent->hide();
    if (isOAuthForm()) {
        if (!m_oauth.tokens) {
            showError(OAuthSignInSteps::unavailableText());
            return;
        }
        if (needsSignIn(task)) {
            startSignIn(task);
            return;
        }
    }
    startServiceJob(task);
}

void RetrievalTaskDialog::signInAgain()
{
    m_signInSteps.forceNext();
    save();
}

bool RetrievalTaskDialog::needsSignIn(const RetrievalTask &task) const
{
    std::optional<QString> storedLogin;
    if (isEditing() && m_original.authKind == RetrievalTask::AuthKind::OAuth)
        storedLogin = m_original.username;
    return m_signInSteps.isNeeded(*m_oauth.tokens, task.uuid, task.username, storedLogin);
}

void RetrievalTaskDialog::startSignIn(const RetrievalTask &task)
{
    QString problem;
    const QString providerId = m_provider ? m_provider->id : task.providerId;
    const Oauth::ProviderConfig config = taskProviderConfig(m_oauth, providerId, &problem);
    if (!config.isValid()) {
        showError(problem.isEmpty()
                      ? tr("Signing in to %1 is not set up: the application has no client id "
                           "for it. Set one in the settings (oauth/%2/clientId).")
                            .arg(config.displayName.isEmpty() ? providerId : config.displayName,
                                 config.id.isEmpty() ? providerId : config.id)
                      : problem);
        return;
    }
    TaskSignIn *signIn = m_signInSteps.create(this, m_oauth, config, task.uuid, task.username);
    signIn->setUseSystemBrowser(m_useBrowser->isChecked());
    connect(signIn, &TaskSignIn::finished, this, &RetrievalTaskDialog::onSignInFinished);
    setBusy(true, OAuthSignInSteps::waitingText(m_useBrowser->isChecked(), config.displayName));
    signIn->start();
}

void RetrievalTaskDialog::onSignInFinished(TaskSignIn *signIn)
{
    const RetrievalTask task = taskFromFields();
    const bool signedIn = m_signInSteps.finish(signIn, task.username);
    setBusy(false);
    if (!signedIn) {
        showError(signIn->errorString());
        const Oauth::Error &error = signIn->errorValue();
        if (error.kind == Oauth::Error::Kind::AdminConsentRequired
            && error.adminConsentUrl.isValid()) {
            // The words above name the permissions; this is the link to open.
            m_adminConsent->setText(
                tr("<a href=\"%1\">Open the administrator consent page</a>")
                    .arg(error.adminConsentUrl.toString(QUrl::FullyEncoded).toHtmlEscaped()));
            m_adminConsent->show();
        }
        return;
    }
    startServiceJob(task);
}

void RetrievalTaskDialog::startServiceJob(const RetrievalTask &task)
{
    // OAuth tasks have no password: the service takes the token from the TokenService.
    const QString password = isOAuthForm() ? QString() : m_password->text();
    if (isEditing()) {
        std::optional<QString> changed;
        if (!password.isEmpty())
            changed = password;
        m_job = m_service.update(task, changed);
    } else {
        m_job = m_service.add(task, password);
    }
    connect(m_job.data(), &RetrievalTaskJob::finished, this, &RetrievalTaskDialog::onJobFinished);
    setBusy(true);
}

void RetrievalTaskDialog::forgetUnsavedSignIn()
{
    // A new task signed in but never saved: its tokens must not stay behind.
    if (!isEditing())
        m_signInSteps.forgetUnsaved(m_oauth.tokens, m_newUuid);
}

void RetrievalTaskDialog::onJobFinished(RetrievalTaskJob *job)
{
    m_job.clear();
    setBusy(false);
    if (job->error() == RetrievalTaskJob::Error::NoError) {
        m_saved = job->task();
        accept();
        return;
    }
    showError(job->errorString());
    const Net::Error &net = job->connectionError();
    if (job->error() == RetrievalTaskJob::Error::Connection && net.kind == Net::Error::Kind::Tls
        && net.peerFingerprint.size() == 32 && net.peerFingerprint != m_pinned) {
        m_offeredFingerprint = net.peerFingerprint;
        m_fingerprint->setText(tr("The server's certificate is not trusted by this system. "
                                  "Its SHA-256 fingerprint is:\n%1\nTrust it only if this is the "
                                  "fingerprint your provider gives.")
                                   .arg(Net::formatFingerprint(net.peerFingerprint)));
        m_fingerprint->show();
        m_trust->show();
    }
}

void RetrievalTaskDialog::trustCertificate()
{
    if (m_offeredFingerprint.isEmpty())
        return;
    m_pinned = m_offeredFingerprint;
    save();
}

void RetrievalTaskDialog::reject()
{
    if (m_signInSteps.cancel())
        return; // onSignInFinished shows the cancellation; the dialog stays open
    if (m_job) {
        m_job->cancel(); // onJobFinished shows the cancellation; the dialog stays open
        return;
    }
    forgetUnsavedSignIn();
    QDialog::reject();
}

} // namespace Tributary::Ui
