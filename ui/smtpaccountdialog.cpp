#include "smtpaccountdialog.h"

#include "app/services/oauth/oauthproviders.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "certificatetrustpanel.h"
#include "connectivitypage.h"
#include "mainwindow.h"
#include "notifier.h"
#include "signinstatusmodel.h"

#include "models/smtpaccountlistmodel.h"
#include "models/store.h"

#include <QAction>
#include <QMessageBox>
#include <QTableView>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <iterator>

namespace Tributary::Ui {

namespace {

int defaultPort(SmtpAccount::Encryption encryption)
{
    switch (encryption) {
    case SmtpAccount::Encryption::Ssl:
        return 465;
    case SmtpAccount::Encryption::StartTls:
        return 587;
    case SmtpAccount::Encryption::None:
        return 25;
    }
    return 25;
}

SmtpAccount::Encryption encryptionOf(Net::Security security)
{
    switch (security) {
    case Net::Security::None:
        return SmtpAccount::Encryption::None;
    case Net::Security::StartTls:
        return SmtpAccount::Encryption::StartTls;
    case Net::Security::ImplicitTls:
        return SmtpAccount::Encryption::Ssl;
    }
    return SmtpAccount::Encryption::Ssl;
}

// The OAuth providers the account type offers, in this order, when the catalogue lists them
// with an SMTP server.
const char *const kOAuthProviders[] = {"microsoft365", "outlook", "gmail"};

QString typeLabel(const QString &providerId)
{
    if (providerId == QLatin1String("microsoft365"))
        return SmtpAccountDialog::tr("Microsoft 365");
    if (providerId == QLatin1String("outlook"))
        return SmtpAccountDialog::tr("Outlook.com, Hotmail, Live.com");
    if (providerId == QLatin1String("gmail"))
        return SmtpAccountDialog::tr("Gmail (sign in with Google)");
    return providerId;
}

} // namespace

SmtpAccountDialog::SmtpAccountDialog(SmtpAccountService &service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_newUuid(SmtpAccountService::newAccountUuid())
{
    m_oauth.tokens = service.tokenService();
    m_catalogue = ProviderCatalogue::builtIn();
    build();
    setWindowTitle(tr("New SMTP Account"));
    m_encryption->setCurrentIndex(m_encryption->findData(int(SmtpAccount::Encryption::None)));
    setPortSuggestion(25);
    m_auth->setChecked(true);
    onTypeChanged();
}

SmtpAccountDialog::SmtpAccountDialog(SmtpAccountService &service, const SmtpAccount &account,
                                     QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_original(account)
{
    m_oauth.tokens = service.tokenService();
    m_catalogue = ProviderCatalogue::builtIn();
    if (account.authEnabled && account.authKind == SmtpAccount::AuthKind::OAuth) {
        const QString uuid = account.uuid.toString(QUuid::WithoutBraces);
        m_editedProvider = m_oauth.tokens ? m_oauth.tokens->health(uuid).providerId : QString();
        if (m_editedProvider.isEmpty() && m_oauth.tokens)
            m_editedProvider = m_oauth.tokens->savedProvider(uuid).id;
        if (m_editedProvider.isEmpty())
            m_editedProvider = QStringLiteral("oauth"); // signed in, provider unknown
    }
    build();
    setWindowTitle(tr("Edit SMTP Account"));
    fill(account);
}

SmtpAccountDialog::~SmtpAccountDialog()
{
    m_signInSteps.abandon(this);
    if (result() != QDialog::Accepted)
        forgetUnsavedSignIn();
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
}

void SmtpAccountDialog::build()
{
    setObjectName(QStringLiteral("SmtpAccountDialog"));
    setAccessibleName(tr("SMTP account"));
    setMinimumWidth(460); // room for the wrapped error and fingerprint lines

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("accountTypeCombo"));
    m_type->setAccessibleName(tr("Account type"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("displayNameEdit"));
    m_name->setAccessibleName(tr("Display name"));
    m_server = new QLineEdit(this);
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_server->setAccessibleName(tr("Server address"));
    m_server->setPlaceholderText(tr("smtp.example.com"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setAccessibleName(tr("Server port"));
    m_port->setRange(1, 65535);
    m_encryption = new QComboBox(this);
    m_encryption->setObjectName(QStringLiteral("encryptionCombo"));
    m_encryption->setAccessibleName(tr("Encryption"));
    m_encryption->addItem(tr("None"), int(SmtpAccount::Encryption::None));
    m_encryption->addItem(tr("SSL/TLS"), int(SmtpAccount::Encryption::Ssl));
    m_encryption->addItem(tr("STARTTLS"), int(SmtpAccount::Encryption::StartTls));
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setAccessibleName(tr("Email address"));
    m_email->setPlaceholderText(tr("name@example.com"));
    m_auth = new QCheckBox(tr("Enable &authentication"), this);
    m_auth->setObjectName(QStringLiteral("authCheck"));
    m_auth->setAccessibleName(tr("Enable authentication"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("usernameEdit"));
    m_user->setAccessibleName(tr("Username"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_signInNote = new QLabel(this);
    m_signInNote->setObjectName(QStringLiteral("signInNoteLabel"));
    m_signInNote->setAccessibleName(tr("How signing in works"));
    m_signInNote->setWordWrap(true);
    m_signInAgain = new QPushButton(tr("Sign &In Again…"), this);
    m_signInAgain->setObjectName(QStringLiteral("signInAgainButton"));
    m_signInAgain->setAccessibleName(tr("Sign in again"));
    m_signInAgain->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);

    auto *form = new QFormLayout;
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(buddyLabel(tr("Account &type:"), m_type, QStringLiteral("accountTypeLabel")),
                 m_type);
    form->addRow(buddyLabel(tr("&Display name:"), m_name, QStringLiteral("displayNameLabel")),
                 m_name);
    form->addRow(buddyLabel(tr("Ser&ver address:"), m_server, QStringLiteral("serverLabel")),
                 m_server);
    form->addRow(buddyLabel(tr("&Port:"), m_port, QStringLiteral("portLabel")), m_port);
    form->addRow(buddyLabel(tr("E&ncryption:"), m_encryption, QStringLiteral("encryptionLabel")),
                 m_encryption);
    form->addRow(buddyLabel(tr("&Email address:"), m_email, QStringLiteral("emailLabel")), m_email);
    form->addRow(QString(), m_auth);
    m_userLabel = buddyLabel(tr("&Username:"), m_user, QStringLiteral("usernameLabel"));
    form->addRow(m_userLabel, m_user);
    m_passwordLabel = buddyLabel(tr("Pass&word:"), m_password, QStringLiteral("passwordLabel"));
    form->addRow(m_passwordLabel, m_password);
    form->addRow(QString(), m_signInNote);
    form->addRow(QString(), m_signInAgain);

    m_feedback = ConnectionTestFeedback::create(this, tr("Testing the connection"));
    m_trust = new CertificateTrustPanel(this);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setText(tr("&Save"));
    m_save->setAccessibleName(tr("Save"));
    m_cancel = m_buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setText(tr("&Cancel"));
    m_cancel->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_feedback.busy);
    layout->addWidget(m_feedback.status);
    layout->addWidget(m_feedback.error);
    layout->addWidget(m_trust);
    layout->addWidget(m_buttons);

    // Keyboard order follows the form from top to bottom.
    QWidget *order[] = {m_type, m_name,     m_server,      m_port,  m_encryption, m_email, m_auth,
                        m_user, m_password, m_signInAgain, m_trust, m_save,       m_cancel};
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);

    connect(m_save, &QPushButton::clicked, this, &SmtpAccountDialog::save);
    connect(m_signInAgain, &QPushButton::clicked, this, &SmtpAccountDialog::signInAgain);
    connect(m_cancel, &QPushButton::clicked, this, &SmtpAccountDialog::reject);
    connect(m_auth, &QCheckBox::toggled, this, &SmtpAccountDialog::updateAuthFields);
    connect(m_encryption, &QComboBox::currentIndexChanged, this,
            &SmtpAccountDialog::onEncryptionChanged);
    connect(m_port, &QSpinBox::valueChanged, this, [this] {
        if (!m_settingPort)
            m_portTouched = true;
    });
    connect(m_trust, &CertificateTrustPanel::trustRequested, this,
            &SmtpAccountDialog::trustCertificate);
    populateTypes();
    connect(m_type, &QComboBox::currentIndexChanged, this, &SmtpAccountDialog::onTypeChanged);
}

void SmtpAccountDialog::setOAuthSupport(const OAuthTaskSupport &support)
{
    m_oauth = support;
    if (!m_oauth.tokens)
        m_oauth.tokens = m_service.tokenService();
    m_catalogue = support.catalogueJson.isEmpty()
        ? ProviderCatalogue::builtIn()
        : ProviderCatalogue::fromJson(support.catalogueJson);
    const QString chosen = providerId();
    m_type->blockSignals(true);
    populateTypes();
    m_type->blockSignals(false);
    if (isEditing())
        fill(m_original);
    else
        selectProvider(chosen);
    onTypeChanged();
}

void SmtpAccountDialog::populateTypes()
{
    m_type->clear();
    for (const char *id : kOAuthProviders) {
        const Provider *provider = m_catalogue.provider(QString::fromLatin1(id));
        if (provider && provider->smtp && provider->auth.contains(QStringLiteral("oauth")))
            m_type->addItem(typeLabel(provider->id), provider->id);
    }
    if (!m_editedProvider.isEmpty() && m_type->findData(m_editedProvider) < 0)
        m_type->addItem(typeLabel(m_editedProvider), m_editedProvider);
    m_type->addItem(tr("Other SMTP server"), QString());
    m_type->setCurrentIndex(m_type->findData(m_editedProvider));
}

QString SmtpAccountDialog::providerId() const
{
    return m_type->currentData().toString();
}

bool SmtpAccountDialog::selectProvider(const QString &providerId)
{
    const int index = m_type->findData(providerId);
    if (index < 0)
        return false;
    m_type->setCurrentIndex(index);
    return true;
}

const Provider *SmtpAccountDialog::chosenProvider() const
{
    return isOAuthForm() ? m_catalogue.provider(providerId()) : nullptr;
}

void SmtpAccountDialog::onTypeChanged()
{
    const bool oauth = isOAuthForm();
    const Provider *provider = chosenProvider();
    if (!isEditing()) {
        // The catalogue's server replaces the form's; the user's own text is kept for "Other".
        if (provider && provider->smtp) {
            m_server->setText(provider->smtp->host);
            m_lockedHost = provider->smtp->host;
            m_encryption->setCurrentIndex(
                m_encryption->findData(int(encryptionOf(provider->smtp->security))));
            setPortSuggestion(provider->smtp->port > 0
                                  ? provider->smtp->port
                                  : defaultPort(encryptionOf(provider->smtp->security)));
        } else if (!m_lockedHost.isEmpty()) {
            if (m_server->text() == m_lockedHost)
                m_server->clear();
            m_lockedHost.clear();
            m_portTouched = false;
            onEncryptionChanged();
        }
    }
    m_server->setReadOnly(oauth);
    m_form->setRowVisible(m_auth, !oauth);
    m_form->setRowVisible(m_password, !oauth);
    m_form->setRowVisible(m_signInNote, oauth);
    m_form->setRowVisible(m_signInAgain, oauth && isEditing());
    m_userLabel->setText(oauth ? tr("Si&gn-in name:") : tr("&Username:"));
    m_user->setAccessibleName(oauth ? tr("Sign-in name") : tr("Username"));
    m_user->setPlaceholderText(oauth ? tr("Same as the email address") : QString());
    if (oauth && provider && provider->oauthAgent == QLatin1String("system-browser")) {
        m_signInNote->setText(
            OAuthSignInSteps::browserOnlyNote(OAuthSignInSteps::signInCompany(*provider)));
    } else if (oauth && isEditing()) {
        m_signInNote->setText(tr("Saving tests the connection with your saved sign-in. “Sign In "
                                 "Again…” opens the %1 sign-in page; you type your password "
                                 "there, never in Tributary.")
                                  .arg(provider ? provider->name : m_type->currentText()));
    } else if (oauth) {
        m_signInNote->setText(
            OAuthSignInSteps::signInPageNote(provider ? provider->name : m_type->currentText()));
    }
    updateAuthFields();
    growToFit();
}

void SmtpAccountDialog::growToFit()
{
    // Rows or messages came: lay out now and grow (never shrink) so nothing is cut.
    layout()->activate();
    resize(size().expandedTo(sizeHint()));
}

void SmtpAccountDialog::fill(const SmtpAccount &account)
{
    m_name->setText(account.displayName);
    m_server->setText(account.server);
    m_encryption->setCurrentIndex(m_encryption->findData(int(account.encryption)));
    setPortSuggestion(account.port);
    m_portTouched = true; // a stored port is the user's choice
    m_email->setText(account.email);
    m_auth->setChecked(account.authEnabled);
    m_user->setText(account.username);
    m_pinned = account.pinnedSha256;
    m_password->setPlaceholderText(tr("Unchanged"));
    m_type->setCurrentIndex(m_type->findData(m_editedProvider));
    if (!m_editedProvider.isEmpty()
        && account.username.compare(account.email, Qt::CaseInsensitive) == 0)
        m_user->clear(); // the sign-in name is the email address
    onTypeChanged();
}

SmtpAccount SmtpAccountDialog::accountFromFields() const
{
    SmtpAccount a = m_original;
    a.displayName = m_name->text().trimmed();
    a.server = m_server->text().trimmed();
    a.port = quint16(m_port->value());
    a.encryption = SmtpAccount::Encryption(m_encryption->currentData().toInt());
    a.email = m_email->text().trimmed();
    a.pinnedSha256 = m_pinned;
    if (isOAuthForm()) {
        a.authEnabled = true;
        a.authKind = SmtpAccount::AuthKind::OAuth;
        a.username = m_user->text().trimmed().isEmpty() ? a.email : m_user->text().trimmed();
        if (!isEditing())
            a.uuid = m_newUuid; // the tokens are saved under it before the row exists
        return a;
    }
    a.authEnabled = m_auth->isChecked();
    a.username = a.authEnabled ? m_user->text() : QString();
    a.authKind = SmtpAccount::AuthKind::Password;
    return a;
}

void SmtpAccountDialog::updateAuthFields()
{
    const bool oauth = isOAuthForm();
    // A provider's server is the catalogue's; an edited account keeps its type.
    m_type->setEnabled(!isBusy() && !isEditing());
    m_port->setEnabled(!isBusy() && !oauth);
    m_encryption->setEnabled(!isBusy() && !oauth);
    m_signInAgain->setEnabled(!isBusy());
    const bool on = (m_auth->isChecked() || oauth) && !isBusy();
    m_user->setEnabled(on);
    m_password->setEnabled(on);
    m_userLabel->setEnabled(on);
    m_passwordLabel->setEnabled(on);
}

void SmtpAccountDialog::onEncryptionChanged()
{
    if (!m_portTouched)
        setPortSuggestion(
            defaultPort(SmtpAccount::Encryption(m_encryption->currentData().toInt())));
}

void SmtpAccountDialog::setPortSuggestion(int port)
{
    m_settingPort = true;
    m_port->setValue(port);
    m_settingPort = false;
}

void SmtpAccountDialog::setBusy(bool busy, const QString &status)
{
    for (QWidget *w : {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_server),
                       static_cast<QWidget *>(m_email), static_cast<QWidget *>(m_auth)})
        w->setEnabled(!busy);
    updateAuthFields();
    m_save->setEnabled(!busy);
    m_feedback.setBusy(busy, status.isEmpty() ? tr("Testing the connection…") : status);
    if (busy) {
        m_trust->withdraw();
        growToFit();
    }
}

void SmtpAccountDialog::showError(const QString &message)
{
    m_feedback.showError(message);
}

void SmtpAccountDialog::save()
{
    if (isBusy())
        return;
    const SmtpAccount account = accountFromFields();
    if (isOAuthForm()) {
        const QString invalid = SmtpAccountService::validate(account, std::nullopt);
        m_trust->withdraw();
        if (!invalid.isEmpty()) {
            showError(invalid);
            return;
        }
        if (!m_oauth.tokens) {
            showError(OAuthSignInSteps::unavailableText());
            return;
        }
        if (needsSignIn(account))
            startSignIn(account);
        else
            startServiceJob(account, std::nullopt);
        return;
    }
    std::optional<QString> password;
    if (account.authEnabled
        && (!isEditing() || !m_password->text().isEmpty() || !m_original.authEnabled))
        password = m_password->text();
    const QString invalid = SmtpAccountService::validate(account, password);
    if (!invalid.isEmpty()) {
        m_trust->withdraw();
        showError(invalid);
        return;
    }
    startServiceJob(account, password);
}

void SmtpAccountDialog::startServiceJob(const SmtpAccount &account,
                                        const std::optional<QString> &password)
{
    // OAuth accounts have no password: the service takes the token from the TokenService.
    m_job = isEditing() ? m_service.update(account, password, m_pinned)
                        : m_service.add(account, password.value_or(QString()), m_pinned);
    connect(m_job.data(), &SmtpAccountJob::finished, this, &SmtpAccountDialog::onJobFinished);
    setBusy(true);
}

void SmtpAccountDialog::signInAgain()
{
    if (!isOAuthForm())
        return;
    m_signInSteps.forceNext();
    save();
}

bool SmtpAccountDialog::needsSignIn(const SmtpAccount &account) const
{
    std::optional<QString> storedLogin;
    if (isEditing() && m_original.authKind == SmtpAccount::AuthKind::OAuth)
        storedLogin = m_original.username;
    return m_signInSteps.isNeeded(*m_oauth.tokens, account.uuid, account.username, storedLogin);
}

void SmtpAccountDialog::startSignIn(const SmtpAccount &account)
{
    const QString uuid = account.uuid.toString(QUuid::WithoutBraces);
    QString problem;
    Oauth::ProviderConfig config = taskProviderConfig(m_oauth, providerId(), &problem);
    if (!config.isValid() && isEditing())
        config = m_oauth.tokens->savedProvider(uuid); // as signed in before
    if (!config.isValid()) {
        // No client id for the provider, or no OAuth entry in the catalogue.
        const QString why = problem.isEmpty() ? Oauth::missingClientIdMessage(config) : problem;
        showError(why.isEmpty() ? tr("Signing in to %1 is not set up.").arg(m_type->currentText())
                                : why);
        return;
    }
    const Provider *provider = chosenProvider();
    TaskSignIn *signIn
        = m_signInSteps.create(this, m_oauth, config, account.uuid, account.username);
    connect(signIn, &TaskSignIn::finished, this, &SmtpAccountDialog::onSignInFinished);
    const QString company
        = provider ? OAuthSignInSteps::signInCompany(*provider) : config.displayName;
    setBusy(
        true,
        OAuthSignInSteps::waitingText(config.agent == Oauth::AgentKind::SystemBrowser, company));
    signIn->start();
}

void SmtpAccountDialog::onSignInFinished(TaskSignIn *signIn)
{
    const SmtpAccount account = accountFromFields();
    const bool signedIn = m_signInSteps.finish(signIn, account.username);
    setBusy(false);
    if (!signedIn) {
        showError(signIn->errorString());
        growToFit();
        return;
    }
    startServiceJob(account, std::nullopt);
}

void SmtpAccountDialog::forgetUnsavedSignIn()
{
    // A new account signed in but never saved: its tokens must not stay behind.
    if (!isEditing() && m_saved.uuid.isNull())
        m_signInSteps.forgetUnsaved(m_oauth.tokens, m_newUuid);
}

void SmtpAccountDialog::onJobFinished(SmtpAccountJob *job)
{
    m_job.clear();
    setBusy(false);
    if (job->error() == SmtpAccountJob::Error::NoError) {
        m_saved = job->account();
        accept();
        return;
    }
    showError(job->errorString());
    if (job->error() == SmtpAccountJob::Error::Connection)
        m_trust->offer(job->connectionError(), m_pinned);
    growToFit(); // the error and the fingerprint are read whole
}

void SmtpAccountDialog::trustCertificate(const QByteArray &fingerprint)
{
    m_pinned = fingerprint;
    save();
}

void SmtpAccountDialog::reject()
{
    if (m_signInSteps.cancel())
        return; // onSignInFinished shows the cancellation; the dialog stays open
    if (m_job) {
        m_job->cancel(); // onJobFinished shows "Cancelled."; the dialog stays open
        return;
    }
    forgetUnsavedSignIn();
    QDialog::reject();
}

namespace {

QUuid currentUuid(QTableView *table)
{
    const QModelIndex index = table->currentIndex();
    if (!index.isValid())
        return QUuid();
    return index.siblingAtColumn(0).data(SmtpAccountListModel::UuidRole).toUuid();
}

SmtpAccountDialog *openEditor(MainWindow &window, SmtpAccountService &service,
                              SmtpAccountActions *actions, const QUuid &uuid)
{
    const auto account = service.store().smtpAccount(uuid);
    if (!account)
        return nullptr;
    auto *dialog = new SmtpAccountDialog(service, *account, &window);
    dialog->setOAuthSupport(actions->oauthSupport());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

// "Sign In Again…" and the Status column: enabled for OAuth accounts, refreshed whenever a
// sign-in is lost or renewed, and one notice (toast and tray) per lost sign-in.
void installSignInAgain(MainWindow &window, ConnectivityPage &page, SmtpAccountService &service,
                        SmtpAccountActions *actions)
{
    QTableView *table = page.table();
    auto *signInAgain = new QAction(SmtpAccountDialog::tr("&Sign In Again…"), table);
    signInAgain->setObjectName(QStringLiteral("signInAgainSmtpAccountAction"));
    signInAgain->setToolTip(
        SmtpAccountDialog::tr("Sign in to this account's provider again; its settings stay."));
    page.addRowAction(signInAgain);
    auto updateEnabled = [signInAgain, table] {
        signInAgain->setEnabled(table->currentIndex().isValid()
                                && table->currentIndex()
                                       .siblingAtColumn(0)
                                       .data(SmtpAccountListModel::OAuthRole)
                                       .toBool());
    };
    updateEnabled();

    QAbstractItemModel *accounts = page.model();
    if (!accounts)
        return;
    // The Status column of an OAuth account whose sign-in the provider no longer accepts says
    // "Sign in again" (its tooltip gives the reason).
    auto *shown = new SignInStatusModel(
        service, SignInStatusModel::Subject::Account, int(SmtpAccountListModel::Column::Status),
        SmtpAccountListModel::UuidRole,
        [](const QModelIndex &status) {
            return status.siblingAtColumn(0).data(SmtpAccountListModel::OAuthRole).toBool();
        },
        actions);
    shown->setSourceModel(accounts);
    page.setModel(shown);
    QObject::connect(table->selectionModel(), &QItemSelectionModel::currentChanged, actions,
                     updateEnabled);
    QObject::connect(shown, &QAbstractItemModel::modelReset, actions, updateEnabled);
    QObject::connect(shown, &QAbstractItemModel::dataChanged, actions, updateEnabled);
    QObject::connect(
        signInAgain, &QAction::triggered, actions, [&window, &service, actions, table, shown] {
            SmtpAccountDialog *dialog = openEditor(window, service, actions, currentUuid(table));
            if (!dialog)
                return;
            QObject::connect(dialog, &QDialog::accepted, shown, &SignInStatusModel::refreshStatus);
            dialog->signInAgain();
        });
    Store *store = &service.store();
    // An account saved after a new sign-in (from this action or the dialog's own button).
    QObject::connect(store, &Store::changed, shown, [shown](Store::Table changed) {
        if (changed == Store::Table::SmtpAccounts)
            shown->refreshStatus();
    });
    QObject::connect(&service, &SmtpAccountService::signInRequired, &window,
                     [&window, store](const QUuid &uuid, const QString &message) {
                         const auto account = store->smtpAccount(uuid);
                         const QString name = account ? account->displayName : QString();
                         window.notify(SmtpAccountDialog::tr("Sign in again"),
                                       SmtpAccountDialog::tr("The SMTP account %1 needs you to "
                                                             "sign in again. %2")
                                           .arg(name, message),
                                       Severity::Warning);
                     });
}

void confirmDelete(MainWindow &window, SmtpAccountService &service, const QUuid &uuid)
{
    const auto account = service.store().smtpAccount(uuid);
    if (!account)
        return;
    const bool oauth = account->authEnabled && account->authKind == SmtpAccount::AuthKind::OAuth;
    const QString question = oauth
        ? SmtpAccountDialog::tr("Delete the SMTP account “%1” (%2)? Its sign-in is revoked and "
                                "removed from the keychain too.")
        : SmtpAccountDialog::tr("Delete the SMTP account “%1” (%2)? Its saved "
                                "password is removed from the keychain too.");
    auto *box = new QMessageBox(QMessageBox::Question, SmtpAccountDialog::tr("Delete SMTP Account"),
                                question.arg(account->displayName, account->email),
                                QMessageBox::Yes | QMessageBox::No, &window);
    box->setObjectName(QStringLiteral("deleteSmtpAccountQuestion"));
    box->setAccessibleName(SmtpAccountDialog::tr("Delete SMTP Account"));
    box->setDefaultButton(QMessageBox::No);
    box->button(QMessageBox::Yes)->setObjectName(QStringLiteral("confirmDeleteButton"));
    box->button(QMessageBox::Yes)->setText(SmtpAccountDialog::tr("&Delete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<MainWindow> win(&window);
    QObject::connect(box, &QMessageBox::finished, &service, [&service, uuid, win](int result) {
        if (result != QMessageBox::Yes)
            return;
        SmtpAccountJob *job = service.remove(uuid);
        QObject::connect(job, &SmtpAccountJob::finished, &service, [win](SmtpAccountJob *done) {
            if (win && done->error() != SmtpAccountJob::Error::NoError)
                win->notify(SmtpAccountDialog::tr("The SMTP account could not be deleted"),
                            done->errorString(), Severity::Error);
        });
    });
    box->open();
}

} // namespace

SmtpAccountActions::SmtpAccountActions(MainWindow &window, const OAuthTaskSupport &oauth)
    : QObject(&window)
    , m_support(oauth)
{
    setObjectName(QStringLiteral("smtpAccountActions"));
}

SmtpAccountActions *installSmtpAccountActions(MainWindow &window, SmtpAccountService &service,
                                              const OAuthTaskSupport &oauth)
{
    ConnectivityPage *page = window.connectivityPage(PageInfo::Id::SmtpAccounts);
    if (!page)
        return nullptr;
    auto *actions = new SmtpAccountActions(window, oauth);
    // The page's button and the overview card's both open the dialog.
    window.setPrimaryActionHandler(PageInfo::Id::SmtpAccounts, [&window, &service, actions] {
        auto *dialog = new SmtpAccountDialog(service, &window);
        dialog->setOAuthSupport(actions->oauthSupport());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    QTableView *table = page->table();
    QObject::connect(table, &QTableView::activated, &window,
                     [&window, &service, actions, table](const QModelIndex &) {
                         openEditor(window, service, actions, currentUuid(table));
                     });
    auto *edit = new QAction(SmtpAccountDialog::tr("&Edit…"), table);
    edit->setObjectName(QStringLiteral("editSmtpAccountAction"));
    QObject::connect(edit, &QAction::triggered, &window, [&window, &service, actions, table] {
        openEditor(window, service, actions, currentUuid(table));
    });
    auto *remove = new QAction(SmtpAccountDialog::tr("&Delete…"), table);
    remove->setObjectName(QStringLiteral("deleteSmtpAccountAction"));
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    QObject::connect(remove, &QAction::triggered, &window, [&window, &service, table] {
        confirmDelete(window, service, currentUuid(table));
    });
    table->addAction(edit);
    table->addAction(remove);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    installSignInAgain(window, *page, service, actions);
    return actions;
}

} // namespace Tributary::Ui
