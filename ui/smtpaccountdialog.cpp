#include "smtpaccountdialog.h"

#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "certificatetrustpanel.h"
#include "connectivitypage.h"
#include "mainwindow.h"
#include "notifier.h"

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

namespace Tributary::Ui {

namespace {

QLabel *buddyLabel(const QString &text, QWidget *buddy, const QString &objectName)
{
    auto *label = new QLabel(text);
    label->setObjectName(objectName);
    label->setBuddy(buddy);
    return label;
}

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

} // namespace

SmtpAccountDialog::SmtpAccountDialog(SmtpAccountService &service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
{
    build();
    setWindowTitle(tr("New SMTP Account"));
    m_encryption->setCurrentIndex(m_encryption->findData(int(SmtpAccount::Encryption::None)));
    setPortSuggestion(25);
    m_auth->setChecked(true);
    updateAuthFields();
}

SmtpAccountDialog::SmtpAccountDialog(SmtpAccountService &service, const SmtpAccount &account,
                                     QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_original(account)
{
    build();
    setWindowTitle(tr("Edit SMTP Account"));
    fill(account);
}

SmtpAccountDialog::~SmtpAccountDialog()
{
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

    auto *form = new QFormLayout;
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

    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setAccessibleName(tr("Testing the connection"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setAccessibleName(tr("Status"));
    m_status->hide();
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setAccessibleName(tr("Error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    m_error->hide();
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
    layout->addWidget(m_busy);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addWidget(m_trust);
    layout->addWidget(m_buttons);

    connect(m_save, &QPushButton::clicked, this, &SmtpAccountDialog::save);
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
    updateAuthFields();
}

SmtpAccount SmtpAccountDialog::accountFromFields() const
{
    SmtpAccount a = m_original;
    a.displayName = m_name->text().trimmed();
    a.server = m_server->text().trimmed();
    a.port = quint16(m_port->value());
    a.encryption = SmtpAccount::Encryption(m_encryption->currentData().toInt());
    a.email = m_email->text().trimmed();
    a.authEnabled = m_auth->isChecked();
    a.username = a.authEnabled ? m_user->text() : QString();
    a.authKind = SmtpAccount::AuthKind::Password;
    a.pinnedSha256 = m_pinned;
    return a;
}

void SmtpAccountDialog::updateAuthFields()
{
    const bool on = m_auth->isChecked() && !isBusy();
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

void SmtpAccountDialog::setBusy(bool busy)
{
    for (QWidget *w : {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_server),
                       static_cast<QWidget *>(m_port), static_cast<QWidget *>(m_encryption),
                       static_cast<QWidget *>(m_email), static_cast<QWidget *>(m_auth)})
        w->setEnabled(!busy);
    updateAuthFields();
    m_save->setEnabled(!busy);
    m_busy->setVisible(busy);
    m_status->setVisible(busy);
    if (busy) {
        m_status->setText(tr("Testing the connection…"));
        m_error->hide();
        m_trust->withdraw();
    }
}

void SmtpAccountDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void SmtpAccountDialog::save()
{
    if (isBusy())
        return;
    const SmtpAccount account = accountFromFields();
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
    m_job = isEditing() ? m_service.update(account, password, m_pinned)
                        : m_service.add(account, password.value_or(QString()), m_pinned);
    connect(m_job.data(), &SmtpAccountJob::finished, this, &SmtpAccountDialog::onJobFinished);
    setBusy(true);
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
    // Grow (never shrink) so the error and the fingerprint are read whole.
    resize(size().expandedTo(sizeHint()));
}

void SmtpAccountDialog::trustCertificate(const QByteArray &fingerprint)
{
    m_pinned = fingerprint;
    save();
}

void SmtpAccountDialog::reject()
{
    if (m_job) {
        m_job->cancel(); // onJobFinished shows "Cancelled."; the dialog stays open
        return;
    }
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

void openEditor(MainWindow &window, SmtpAccountService &service, const QUuid &uuid)
{
    const auto account = service.store().smtpAccount(uuid);
    if (!account)
        return;
    auto *dialog = new SmtpAccountDialog(service, *account, &window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void confirmDelete(MainWindow &window, SmtpAccountService &service, const QUuid &uuid)
{
    const auto account = service.store().smtpAccount(uuid);
    if (!account)
        return;
    auto *box
        = new QMessageBox(QMessageBox::Question, SmtpAccountDialog::tr("Delete SMTP Account"),
                          SmtpAccountDialog::tr("Delete the SMTP account “%1” (%2)? Its saved "
                                                "password is removed from the keychain too.")
                              .arg(account->displayName, account->email),
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

void installSmtpAccountActions(MainWindow &window, SmtpAccountService &service)
{
    ConnectivityPage *page = window.connectivityPage(PageInfo::Id::SmtpAccounts);
    if (!page)
        return;
    // The page's button and the overview card's both open the dialog.
    window.setPrimaryActionHandler(PageInfo::Id::SmtpAccounts, [&window, &service] {
        auto *dialog = new SmtpAccountDialog(service, &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    QTableView *table = page->table();
    QObject::connect(table, &QTableView::activated, &window,
                     [&window, &service, table](const QModelIndex &) {
                         openEditor(window, service, currentUuid(table));
                     });
    auto *edit = new QAction(SmtpAccountDialog::tr("&Edit…"), table);
    edit->setObjectName(QStringLiteral("editSmtpAccountAction"));
    QObject::connect(edit, &QAction::triggered, &window, [&window, &service, table] {
        openEditor(window, service, currentUuid(table));
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
}

} // namespace Tributary::Ui
