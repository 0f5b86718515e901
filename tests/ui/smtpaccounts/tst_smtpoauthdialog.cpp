// The OAuth account types of the SMTP Account dialog on the real window, as a user goes:
// New SMTP Account → Account type Microsoft 365 (a test catalogue entry whose OAuth endpoints
// are the local oidc-provider and whose SMTP server is the fixture's, which checks XOAUTH2
// tokens by introspection; fixture dovecot-oauth) → Display Name, Email Address → Save →
// login and consent in the real SignInWindow → the account is in the page's table → the Outbox
// sends through it. Also: consent denied and a closed sign-in window keep the dialog with the
// words and save nothing, and the cancelled dialog leaves no tokens; a sign-in whose test
// fails is revoked when the dialog is cancelled; editing re-tests on Save (a sign-in the
// provider revoked is said in words) and "Sign In Again…" brings it back; Gmail signs in
// through the system browser (the app's browser opener; a headless browser signs in).
// Screenshots of every state. Users ouser41..ouser45 and ouser51 are this test's.
#include "app/oauth/headlessbrowser.h"
#include "app/services/appcontext.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/outbox/outboxservice.h"
#include "app/services/profile.h"
#include "app/services/secretstore.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "fakes/scriptedserver.h"
#include "models/smtpaccountlistmodel.h"
#include "models/store.h"
#include "support/apptestwindow.h"
#include "support/fixturecontrol.h"
#include "support/screenshot.h"
#include "support/signinpage.h"
#include "support/testenv.h"
#include "support/webenginetest.h"
#include "support/widgetlookup.h"
#include "ui/connectivitypage.h"
#include "ui/mainwindow.h"
#include "ui/notifier.h"
#include "ui/signindialog.h"
#include "ui/signinwindow.h"
#include "ui/smtpaccountdialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QUrlQuery>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>

using namespace Tributary;
using namespace Tributary::Ui;
using TestEnv::child;

namespace {

const char kServer[] = "dovecot-oauth";

QString env(const char *key)
{
    return TestEnv::value(QString::fromLatin1(kServer), QString::fromLatin1(key));
}

QString userNumber(int n)
{
    return env("OAUTH_USER_PREFIX") + QString::number(n);
}

// "Microsoft 365", "Outlook.com" (both in the embedded window) and "Gmail" (system browser)
// whose SMTP server is the fixture's and whose OAuth endpoints are the local oidc-provider.
// `outlookTlsPort` (when not 0) sends Outlook.com to another local server with implicit TLS.
QByteArray testCatalogue(quint16 outlookTlsPort = 0)
{
    const QJsonObject smtp {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                            {QStringLiteral("port"), env("SMTP_PORT").toInt()},
                            {QStringLiteral("security"), QStringLiteral("starttls")},
                            {QStringLiteral("locked"), true}};
    QJsonObject outlookSmtp = smtp;
    if (outlookTlsPort) {
        outlookSmtp.insert(QStringLiteral("port"), int(outlookTlsPort));
        outlookSmtp.insert(QStringLiteral("security"), QStringLiteral("ssl"));
    }
    const QJsonArray scopes = QJsonArray::fromStringList(
        env("OAUTH_SCOPES").split(QLatin1Char(' '), Qt::SkipEmptyParts));
    const QJsonObject embedded {
        {QStringLiteral("agent"), QStringLiteral("embedded")},
        {QStringLiteral("authorizationUrl"), env("OAUTH_AUTHORIZATION_URL")},
        {QStringLiteral("tokenUrl"), env("OAUTH_TOKEN_URL")},
        {QStringLiteral("revocationUrl"), env("OAUTH_REVOCATION_URL")},
        {QStringLiteral("redirectUri"), env("OAUTH_EMBEDDED_REDIRECT")},
        {QStringLiteral("scopes"), scopes}};
    QJsonObject browser = embedded;
    browser.insert(QStringLiteral("agent"), QStringLiteral("system-browser"));
    browser.remove(QStringLiteral("redirectUri"));
    auto entry = [](const char *id, const char *name, const QJsonObject &smtp,
                    const QJsonArray &auth, const QJsonObject &oauth) {
        return QJsonObject {{QStringLiteral("id"), QString::fromLatin1(id)},
                            {QStringLiteral("name"), QString::fromLatin1(name)},
                            {QStringLiteral("domains"), QJsonArray()},
                            {QStringLiteral("smtp"), smtp},
                            {QStringLiteral("auth"), auth},
                            {QStringLiteral("oauth"), oauth}};
    };
    const QJsonArray providers {
        entry("microsoft365", "Microsoft 365", smtp, {QStringLiteral("oauth")}, embedded),
        entry("outlook", "Outlook.com", outlookSmtp, {QStringLiteral("oauth")}, embedded),
        entry("gmail", "Gmail", smtp, {QStringLiteral("app-password"), QStringLiteral("oauth")},
              browser)};
    const QJsonObject root {{QStringLiteral("version"), 1},
                            {QStringLiteral("providers"), providers}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace

class TestSmtpOAuthDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;

    void screenshot(QWidget *widget, const QString &name)
    {
        TRIBUTARY_SCREENSHOT(widget, QStringLiteral("smtpoauthdialog-") + name);
    }
    static void typeInto(QWidget *dialog, const char *name, const QString &text)
    {
        auto *edit = child<QLineEdit>(dialog, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    SmtpAccountDialog *openNewDialog()
    {
        m_window->showPage(PageInfo::Id::SmtpAccounts);
        QTest::mouseClick(m_window->connectivityPage(PageInfo::Id::SmtpAccounts)->primaryButton(),
                          Qt::LeftButton);
        auto *dialog
            = m_window->findChild<SmtpAccountDialog *>(QStringLiteral("SmtpAccountDialog"));
        if (dialog && !QTest::qWaitForWindowExposed(dialog, 30000))
            return nullptr;
        return dialog;
    }
    // Chooses the account type with the keyboard, as a user would.
    static bool chooseType(SmtpAccountDialog *dialog, const QString &label)
    {
        auto *type = child<QComboBox>(dialog, "accountTypeCombo");
        const int index = type->findText(label);
        if (index < 0)
            return false;
        type->setFocus();
        while (type->currentIndex() != index)
            QTest::keyClick(type, type->currentIndex() < index ? Qt::Key_Down : Qt::Key_Up);
        return true;
    }
    // Display name, email address and (optional) sign-in name of an OAuth form.
    static void fillOAuthForm(SmtpAccountDialog *dialog, const QString &user)
    {
        typeInto(dialog, "displayNameEdit", QStringLiteral("Sender ") + user);
        typeInto(dialog, "emailEdit", user + QStringLiteral("@example.test"));
        // The fixture's provider signs users in by their short name, not their address.
        typeInto(dialog, "usernameEdit", user);
    }
    static SignInDialog *popup(SmtpAccountDialog *dialog) { return TestEnv::signInPopup(dialog); }
    // Logs `user` in on the provider's page in the sign-in window, then allows or denies.
    static bool answerInPopup(SmtpAccountDialog *dialog, const QString &user, bool allow)
    {
        if (!QTest::qWaitFor([dialog] { return popup(dialog) != nullptr; }, 60000))
            return false;
        QWebEnginePage *page = popup(dialog)->view()->page();
        const QString password
            = env("OAUTH_PASSWORD_PREFIX") + user.mid(env("OAUTH_USER_PREFIX").size());
        if (!TestEnv::logInOnPage(page, user, password))
            return false;
        TestEnv::clickElement(page, allow ? QStringLiteral("allow") : QStringLiteral("deny"));
        return true;
    }
    // Waits until the dialog is no longer busy; the error shown (empty: none).
    static QString errorAfter(SmtpAccountDialog *dialog)
    {
        if (!QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 60000))
            return QStringLiteral("<still busy>");
        auto *error = child<QLabel>(dialog, "errorLabel");
        return error->isVisible() ? error->text() : QString();
    }
    // Whether the keychain holds an OAuth refresh token for `uuid`.
    bool hasRefreshToken(const QUuid &uuid)
    {
        SecretJob *job = m_context->secrets().read(SecretKind::OAuthRefreshToken,
                                                   uuid.toString(QUuid::WithoutBraces));
        job->setAutoDelete(false);
        std::unique_ptr<SecretJob> owned(job);
        QSignalSpy done(job, &SecretJob::finished);
        if (!done.wait(20000))
            return true; // unknown: counts as "still there"
        return job->error() != SecretJob::Error::NotFound;
    }
    bool revokeAtProvider(const QString &user)
    {
        return TestEnv::revokeAccountAtProvider(env("OAUTH_TEST_CONTROL"), user);
    }
    // Adds a Microsoft 365 account for `user` through the page's dialog (a real sign-in in
    // the embedded window); `account` is the one account stored then.
    void addMicrosoftAccount(const QString &user, SmtpAccount *account)
    {
        QPointer<SmtpAccountDialog> dialog = openNewDialog();
        QVERIFY(dialog);
        QVERIFY(chooseType(dialog, QStringLiteral("Microsoft 365")));
        fillOAuthForm(dialog, user);
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(answerInPopup(dialog, user, true));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 60000);
        const QList<SmtpAccount> accounts = m_context->store().smtpAccounts();
        QCOMPARE(accounts.size(), 1);
        *account = accounts.first();
    }
    // Queues a message from `email` through `account` and waits until the Outbox defers it
    // (the account must sign in again first).
    void enqueueDeferred(const QUuid &account, const QString &email, const QByteArray &tag)
    {
        OutboxService &outbox = m_context->outbox();
        QSignalSpy deferred(&outbox, &OutboxService::deferred);
        QSignalSpy failed(&outbox, &OutboxService::failed);
        const QByteArray message = "From: " + email.toUtf8()
            + "\r\nTo: you@example.test\r\nSubject: Held " + tag + "\r\nMessage-ID: <smtprow-" + tag
            + "@example.test>\r\n\r\nWaits for a sign-in.\r\n";
        OutboxService::Envelope envelope;
        envelope.recipients = {QStringLiteral("you@example.test")};
        envelope.subject = QStringLiteral("Held");
        QString error;
        QVERIFY2(outbox.enqueue(account, message, envelope, &error) > 0, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(!deferred.isEmpty(), 60000);
        QVERIFY(failed.isEmpty());
    }
    // The Status column's text of `uuid`'s row (empty: no such row).
    QString statusOf(const QUuid &uuid) const
    {
        const int row = rowOf(uuid);
        return row < 0 ? QString()
                       : table()
                             ->model()
                             ->index(row, int(SmtpAccountListModel::Column::Status))
                             .data()
                             .toString();
    }
    QTableView *table() const
    {
        return m_window->connectivityPage(PageInfo::Id::SmtpAccounts)->table();
    }
    int rowOf(const QUuid &uuid) const
    {
        QAbstractItemModel *model = table()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(SmtpAccountListModel::UuidRole).toUuid() == uuid)
                return row;
        }
        return -1;
    }
    // Sends one message through the Outbox; true when the fixture's spool has it.
    bool sendThrough(const QUuid &account, const QString &from, const QByteArray &tag)
    {
        OutboxService &outbox = m_context->outbox();
        QSignalSpy sent(&outbox, &OutboxService::sent);
        QSignalSpy failed(&outbox, &OutboxService::failed);
        const QByteArray message = "From: " + from.toUtf8()
            + "\r\nTo: you@example.test\r\nSubject: OAuth " + tag + "\r\nMessage-ID: <smtpoauth-"
            + tag + "@example.test>\r\n\r\nSent with a token.\r\n";
        OutboxService::Envelope envelope;
        envelope.recipients = {QStringLiteral("you@example.test")};
        envelope.subject = QStringLiteral("OAuth");
        QString error;
        const qint64 id = outbox.enqueue(account, message, envelope, &error);
        if (id <= 0) {
            qWarning() << "enqueue:" << error;
            return false;
        }
        if (!QTest::qWaitFor([&] { return !sent.isEmpty() || !failed.isEmpty(); }, 60000)
            || !failed.isEmpty()) {
            qWarning() << "send failed:" << failed.value(0).value(1).toString();
            return false;
        }
        const QString spool = env("SMTP_SPOOL");
        const QStringList files = QDir(spool).entryList({QStringLiteral("*.eml")}, QDir::Files);
        for (const QString &name : files) {
            QFile f(spool + QLatin1Char('/') + name);
            if (f.open(QIODevice::ReadOnly) && f.readAll() == message)
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!env("OAUTH_AUTHORIZATION_URL").isEmpty() && !env("SMTP_PORT").isEmpty(),
                 "the dovecot-oauth fixture is not running");
        // The code exchange, the token service and the SMTP connections trust the fixture's
        // certificates (Chromium trusts the OAuth server's key by flag) and the scripted
        // server's (the fake Exchange Online below).
        QCOMPARE(TestEnv::trustCertificateFiles({env("OAUTH_CA"), env("SMTP_CA")},
                                                Testing::ScriptedServer::caCertificates()),
                 2);
    }
    void init()
    {
        QString error;
        m_context
            = TestEnv::openScratchContext(QStringLiteral("smtpoauthdialog"),
                                          QStringLiteral("Tributary-test-smtpoauthdialog"), &error);
        QVERIFY2(m_context, qPrintable(error));
        m_context->settings().setValue(QStringLiteral("oauth/microsoft365/clientId"),
                                       env("OAUTH_EMBEDDED_CLIENT_ID"));
        m_context->settings().setValue(QStringLiteral("oauth/outlook/clientId"),
                                       env("OAUTH_EMBEDDED_CLIENT_ID"));
        m_context->settings().setValue(QStringLiteral("oauth/gmail/clientId"),
                                       env("OAUTH_CLIENT_ID"));
        m_window = std::make_unique<MainWindow>(*m_context);
        auto *actions
            = m_window->findChild<SmtpAccountActions *>(QStringLiteral("smtpAccountActions"));
        QVERIFY(actions);
        OAuthTaskSupport support = actions->oauthSupport();
        QVERIFY(support.tokens);
        QVERIFY(support.agentFactory);
        support.catalogueJson = testCatalogue();
        actions->setOAuthSupport(support);
        QVERIFY(TestEnv::showTestWindow(*m_window));
    }
    void cleanup()
    {
        m_window.reset();
        m_context.reset();
    }

    // The account types; an OAuth provider's form: locked server, no password, a note.
    void formsOfTheAccountTypes()
    {
        QPointer<SmtpAccountDialog> dialog = openNewDialog();
        QVERIFY(dialog);
        auto *type = child<QComboBox>(dialog, "accountTypeCombo");
        QCOMPARE(type->accessibleName(), QStringLiteral("Account type"));
        QCOMPARE(child<QLabel>(dialog, "accountTypeLabel")->buddy(), type);
        QStringList labels;
        for (int i = 0; i < type->count(); ++i)
            labels << type->itemText(i);
        QCOMPARE(labels,
                 QStringList({QStringLiteral("Microsoft 365"),
                              QStringLiteral("Outlook.com, Hotmail, Live.com"),
                              QStringLiteral("Gmail (sign in with Google)"),
                              QStringLiteral("Other SMTP server")}));
        // Today's form first: everything editable, the password there.
        QCOMPARE(type->currentText(), QStringLiteral("Other SMTP server"));
        QVERIFY(!dialog->isOAuthForm());
        auto *server = child<QLineEdit>(dialog, "serverEdit");
        QVERIFY(!server->isReadOnly());
        QVERIFY(child<QWidget>(dialog, "passwordEdit")->isVisible());
        QVERIFY(!child<QWidget>(dialog, "signInNoteLabel")->isVisible());

        QVERIFY(chooseType(dialog, QStringLiteral("Microsoft 365")));
        QVERIFY(dialog->isOAuthForm());
        QCOMPARE(dialog->providerId(), QStringLiteral("microsoft365"));
        QCOMPARE(server->text(), QStringLiteral("127.0.0.1"));
        QVERIFY(server->isReadOnly());
        QCOMPARE(child<QSpinBox>(dialog, "portSpin")->value(), env("SMTP_PORT").toInt());
        QVERIFY(!child<QWidget>(dialog, "portSpin")->isEnabled());
        QCOMPARE(child<QComboBox>(dialog, "encryptionCombo")->currentText(),
                 QStringLiteral("STARTTLS"));
        QVERIFY(!child<QWidget>(dialog, "encryptionCombo")->isEnabled());
        QVERIFY(!child<QWidget>(dialog, "passwordEdit")->isVisible());
        QVERIFY(!child<QWidget>(dialog, "authCheck")->isVisible());
        QVERIFY(!child<QWidget>(dialog, "signInAgainButton")->isVisible());
        auto *signInName = child<QLineEdit>(dialog, "usernameEdit");
        QCOMPARE(signInName->accessibleName(), QStringLiteral("Sign-in name"));
        QCOMPARE(signInName->placeholderText(), QStringLiteral("Same as the email address"));
        auto *note = child<QLabel>(dialog, "signInNoteLabel");
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("Microsoft 365 sign-in page")),
                 qPrintable(note->text()));
        typeInto(dialog, "emailEdit", QStringLiteral("alias@example.test"));
        QCOMPARE(dialog->accountFromFields().username, QStringLiteral("alias@example.test"));
        QCOMPARE(dialog->accountFromFields().authKind, SmtpAccount::AuthKind::OAuth);
        QCOMPARE(dialog->accountFromFields().uuid, dialog->newAccountUuid());
        screenshot(dialog, QStringLiteral("form-microsoft365"));

        QVERIFY(chooseType(dialog, QStringLiteral("Gmail (sign in with Google)")));
        QVERIFY2(note->text().contains(QStringLiteral("Google does not allow")),
                 qPrintable(note->text()));
        screenshot(dialog, QStringLiteral("form-gmail"));

        // Back to another server: the provider's host goes, the fields are the user's again.
        QVERIFY(chooseType(dialog, QStringLiteral("Other SMTP server")));
        QVERIFY(server->text().isEmpty());
        QVERIFY(!server->isReadOnly());
        QVERIFY(child<QWidget>(dialog, "passwordEdit")->isVisible());
        QVERIFY(child<QWidget>(dialog, "portSpin")->isEnabled());
        QCOMPARE(signInName->accessibleName(), QStringLiteral("Username"));

        // Nothing typed in an OAuth form: the first missing field is asked for, no sign-in.
        QVERIFY(chooseType(dialog, QStringLiteral("Microsoft 365")));
        typeInto(dialog, "emailEdit", QString());
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(!dialog->isBusy());
        QVERIFY(child<QLabel>(dialog, "errorLabel")->isVisible());
        QVERIFY(!dialog->signIn());
        dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    }

    // Consent denied, then the sign-in window closed: the words in the dialog, the fields
    // kept, nothing saved; cancelling leaves no tokens.
    void consentDeniedSavesNothing()
    {
        const QString user = userNumber(41);
        QPointer<SmtpAccountDialog> dialog = openNewDialog();
        QVERIFY(dialog);
        QVERIFY(chooseType(dialog, QStringLiteral("Microsoft 365")));
        fillOAuthForm(dialog, user);
        const QUuid uuid = dialog->newAccountUuid();
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(dialog->isBusy());
        QVERIFY(child<QLabel>(dialog, "statusLabel")
                    ->text()
                    .contains(QStringLiteral("sign-in window")));
        QTRY_VERIFY_WITH_TIMEOUT(popup(dialog) != nullptr, 60000);
        screenshot(dialog, QStringLiteral("waiting-for-sign-in"));
        QVERIFY(answerInPopup(dialog, user, false));
        const QString denied = errorAfter(dialog);
        QVERIFY2(denied.contains(QStringLiteral("did not allow")), qPrintable(denied));
        QVERIFY(dialog->isVisible());
        QCOMPARE(child<QLineEdit>(dialog, "emailEdit")->text(),
                 user + QStringLiteral("@example.test"));
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
        QVERIFY(!m_context->tokenService().health(uuid.toString(QUuid::WithoutBraces)).known);
        screenshot(dialog, QStringLiteral("consent-denied"));

        // Again without retyping; the user closes the sign-in window.
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(popup(dialog) != nullptr, 60000);
        QVERIFY(QTest::qWaitForWindowExposed(popup(dialog), 30000));
        QTest::mouseClick(child<QPushButton>(popup(dialog), "cancelButton"), Qt::LeftButton);
        const QString cancelled = errorAfter(dialog);
        QVERIFY2(cancelled.contains(QStringLiteral("cancelled")), qPrintable(cancelled));
        screenshot(dialog, QStringLiteral("sign-in-closed"));
        QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
        QVERIFY(!m_context->tokenService().health(uuid.toString(QUuid::WithoutBraces)).known);
        QVERIFY(!hasRefreshToken(uuid));
    }

    // The sign-in works but the server refuses the account named (another mailbox): the
    // test's words show, nothing is saved, and Cancel revokes the sign-in and removes its
    // tokens from the keychain.
    void failedTestRevokesSignInOnCancel()
    {
        const QString user = userNumber(42);
        QPointer<SmtpAccountDialog> dialog = openNewDialog();
        QVERIFY(dialog);
        QVERIFY(chooseType(dialog, QStringLiteral("Outlook.com, Hotmail, Live.com")));
        fillOAuthForm(dialog, user);
        typeInto(dialog, "usernameEdit", userNumber(43)); // not the account that signs in
        const QUuid uuid = dialog->newAccountUuid();
        const QString key = uuid.toString(QUuid::WithoutBraces);
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(answerInPopup(dialog, user, true));
        const QString refused = errorAfter(dialog);
        QVERIFY2(!refused.isEmpty(), "the test on save passed for another mailbox");
        QVERIFY(dialog->isVisible());
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
        QVERIFY(m_context->tokenService().health(key).known);
        QVERIFY(hasRefreshToken(uuid));
        screenshot(dialog, QStringLiteral("test-refused"));

        QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_context->tokenService().health(key).known, 30000);
        QVERIFY(!hasRefreshToken(uuid));
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
    }

    // The whole way: sign in, save, see it in the list, send through it; edit → Save re-tests
    // (a sign-in the provider revoked is said in words); Sign In Again… brings it back.
    void signInSaveSendEditAndSignInAgain()
    {
        const QString user = userNumber(44);
        const QString email = user + QStringLiteral("@example.test");
        SmtpAccount account;
        addMicrosoftAccount(user, &account);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(account.authKind, SmtpAccount::AuthKind::OAuth);
        QVERIFY(account.authEnabled);
        QCOMPARE(account.email, email);
        QCOMPARE(account.username, user);
        QCOMPARE(account.server, QStringLiteral("127.0.0.1"));
        QCOMPARE(account.port, quint16(env("SMTP_PORT").toUInt()));
        QCOMPARE(account.encryption, SmtpAccount::Encryption::StartTls);
        const QString key = account.uuid.toString(QUuid::WithoutBraces);
        QCOMPARE(m_context->tokenService().health(key).providerId, QStringLiteral("microsoft365"));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(account.uuid) >= 0, 30000);
        screenshot(m_window.get(), QStringLiteral("page-with-account"));

        // The account really sends: the Outbox over XOAUTH2, checked by introspection.
        QVERIFY(sendThrough(account.uuid, email, "first"));

        // Edit: the provider shown and locked, Sign In Again offered; Save re-tests.
        m_window->showPage(PageInfo::Id::SmtpAccounts);
        table()->setCurrentIndex(table()->model()->index(rowOf(account.uuid), 0));
        QAction *edit = table()->findChild<QAction *>(QStringLiteral("editSmtpAccountAction"));
        QVERIFY(edit);
        edit->trigger();
        QPointer<SmtpAccountDialog> editing;
        QTRY_VERIFY_WITH_TIMEOUT(
            editing = m_window->findChild<SmtpAccountDialog *>(QStringLiteral("SmtpAccountDialog")),
            30000);
        QVERIFY(QTest::qWaitForWindowExposed(editing, 30000));
        QVERIFY(editing->isEditing());
        QVERIFY(editing->isOAuthForm());
        QCOMPARE(child<QComboBox>(editing, "accountTypeCombo")->currentText(),
                 QStringLiteral("Microsoft 365"));
        QVERIFY(!child<QWidget>(editing, "accountTypeCombo")->isEnabled());
        QVERIFY(!child<QWidget>(editing, "passwordEdit")->isVisible());
        QCOMPARE(child<QLineEdit>(editing, "usernameEdit")->text(), user);
        QVERIFY(child<QWidget>(editing, "signInAgainButton")->isVisible());
        QVERIFY(child<QLabel>(editing, "signInNoteLabel")
                    ->text()
                    .contains(QStringLiteral("saved sign-in")));
        screenshot(editing, QStringLiteral("edit"));
        typeInto(editing, "displayNameEdit", QStringLiteral("Renamed"));
        QTest::mouseClick(child<QPushButton>(editing, "saveButton"), Qt::LeftButton);
        QVERIFY(editing->isBusy());
        QVERIFY(!editing->signIn()); // the stored tokens, no new sign-in
        QTRY_VERIFY_WITH_TIMEOUT(!editing, 60000);
        QCOMPARE(m_context->store().smtpAccount(account.uuid)->displayName,
                 QStringLiteral("Renamed"));

        // The provider revokes the sign-in: Save's test says so, nothing changes.
        QVERIFY(revokeAtProvider(user));
        edit->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            editing = m_window->findChild<SmtpAccountDialog *>(QStringLiteral("SmtpAccountDialog")),
            30000);
        QVERIFY(QTest::qWaitForWindowExposed(editing, 30000));
        typeInto(editing, "displayNameEdit", QStringLiteral("Not saved"));
        QTest::mouseClick(child<QPushButton>(editing, "saveButton"), Qt::LeftButton);
        const QString lost = errorAfter(editing);
        QVERIFY2(lost.contains(QStringLiteral("Sign-in needed")), qPrintable(lost));
        QCOMPARE(m_context->store().smtpAccount(account.uuid)->displayName,
                 QStringLiteral("Renamed"));
        screenshot(editing, QStringLiteral("edit-sign-in-lost"));

        // Sign In Again…: the window opens at once; the account is kept and sends again.
        QTest::mouseClick(child<QPushButton>(editing, "signInAgainButton"), Qt::LeftButton);
        QVERIFY(editing->isBusy());
        QVERIFY(answerInPopup(editing, user, true));
        QTRY_VERIFY_WITH_TIMEOUT(!editing, 60000);
        QCOMPARE(m_context->store().smtpAccounts().size(), 1);
        QCOMPARE(m_context->store().smtpAccount(account.uuid)->displayName,
                 QStringLiteral("Not saved"));
        QVERIFY(!m_context->tokenService().isSignInRequired(key));
        QVERIFY(sendThrough(account.uuid, email, "second"));
    }

    // The page's "sign in again" state: the provider revokes the sign-in, a send finds out,
    // the row says "Sign in again" and the window tells the user once; the row's Sign In
    // Again… signs in anew (settings kept), the status clears and the account sends again.
    void pageSignInAgainAfterRevocation()
    {
        const QString user = userNumber(51);
        const QString email = user + QStringLiteral("@example.test");
        SmtpAccount account;
        addMicrosoftAccount(user, &account);
        if (QTest::currentTestFailed())
            return;
        const QString key = account.uuid.toString(QUuid::WithoutBraces);

        m_window->showPage(PageInfo::Id::SmtpAccounts);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(account.uuid) >= 0, 30000);
        QCOMPARE(statusOf(account.uuid), QString());
        table()->setCurrentIndex(table()->model()->index(rowOf(account.uuid), 0));
        auto *page = m_window->connectivityPage(PageInfo::Id::SmtpAccounts);
        auto *signInButton
            = page->findChild<QPushButton *>(QStringLiteral("signInAgainSmtpAccountActionButton"));
        QVERIFY(signInButton);
        QVERIFY(signInButton->isVisible());
        QVERIFY(signInButton->isEnabled()); // an OAuth account
        QAction *signInAction
            = table()->findChild<QAction *>(QStringLiteral("signInAgainSmtpAccountAction"));
        QVERIFY(signInAction);
        QVERIFY(table()->actions().contains(signInAction)); // the context menu's entry

        // The provider revokes the sign-in; the next send finds out and waits.
        QVERIFY(revokeAtProvider(user));
        QSignalSpy notified(m_window->notifier(), &Notifier::notified);
        enqueueDeferred(account.uuid, email, "first");
        if (QTest::currentTestFailed())
            return;
        QVERIFY(m_context->tokenService().isSignInRequired(key));

        QTRY_COMPARE_WITH_TIMEOUT(statusOf(account.uuid), QStringLiteral("Sign in again"), 30000);
        const QModelIndex status = table()->model()->index(
            rowOf(account.uuid), int(SmtpAccountListModel::Column::Status));
        QVERIFY(!status.data(Qt::ToolTipRole).toString().isEmpty());
        int notices = 0;
        QTRY_VERIFY_WITH_TIMEOUT(!notified.isEmpty(), 30000);
        for (const QList<QVariant> &notice : std::as_const(notified)) {
            if (notice.at(0).toString() == QLatin1String("Sign in again")) {
                ++notices;
                QVERIFY2(notice.at(1).toString().contains(account.displayName),
                         qPrintable(notice.at(1).toString()));
            }
        }
        QCOMPARE(notices, 1);
        screenshot(m_window.get(), QStringLiteral("page-sign-in-again"));

        // A second failure of the same loss does not tell the user again.
        enqueueDeferred(account.uuid, email, "second");
        if (QTest::currentTestFailed())
            return;
        notices = 0;
        for (const QList<QVariant> &notice : std::as_const(notified)) {
            if (notice.at(0).toString() == QLatin1String("Sign in again"))
                ++notices;
        }
        QCOMPARE(notices, 1);

        // Sign In Again… on the row: the account's dialog signs in at once.
        table()->setCurrentIndex(table()->model()->index(rowOf(account.uuid), 0));
        QTest::mouseClick(signInButton, Qt::LeftButton);
        QPointer<SmtpAccountDialog> editing;
        QTRY_VERIFY_WITH_TIMEOUT(
            editing = m_window->findChild<SmtpAccountDialog *>(QStringLiteral("SmtpAccountDialog")),
            30000);
        QVERIFY(QTest::qWaitForWindowExposed(editing, 30000));
        QVERIFY(editing->isEditing());
        QVERIFY(editing->signIn());
        QCOMPARE(child<QLineEdit>(editing, "displayNameEdit")->text(), account.displayName);
        screenshot(editing, QStringLiteral("row-sign-in-again"));
        QVERIFY(answerInPopup(editing, user, true));
        QTRY_VERIFY_WITH_TIMEOUT(!editing, 60000);

        // Settings kept, the status cleared, and the account sends again.
        const auto saved = m_context->store().smtpAccount(account.uuid);
        QVERIFY(saved);
        QCOMPARE(saved->displayName, account.displayName);
        QCOMPARE(saved->username, account.username);
        QCOMPARE(saved->server, account.server);
        QCOMPARE(saved->port, account.port);
        QVERIFY(!m_context->tokenService().isSignInRequired(key));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(account.uuid), QString(), 30000);
        screenshot(m_window.get(), QStringLiteral("page-signed-in-again"));
        QVERIFY(sendThrough(account.uuid, email, "after-sign-in-again"));
    }

    // Exchange Online with SMTP AUTH turned off for the tenant (535 5.7.139, a scripted
    // server): the sign-in works, the test on save says so in words, nothing is saved.
    void smtpAuthDisabledInWords()
    {
        const QString user = userNumber(43);
        Testing::ScriptedServer server;
        server.setImplicitTls(true);
        server.sendLine("220 outlook.example ESMTP")
            .expectMatch(QStringLiteral("^EHLO "))
            .sendLine("250-outlook.example")
            .sendLine("250 AUTH LOGIN XOAUTH2")
            .expectMatch(QStringLiteral("^AUTH XOAUTH2 \\S+$"))
            .sendLine("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is "
                      "disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more "
                      "information. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]")
            .hang();
        QVERIFY(server.listen());
        auto *actions
            = m_window->findChild<SmtpAccountActions *>(QStringLiteral("smtpAccountActions"));
        OAuthTaskSupport support = actions->oauthSupport();
        support.catalogueJson = testCatalogue(server.port());
        actions->setOAuthSupport(support);

        QPointer<SmtpAccountDialog> dialog = openNewDialog();
        QVERIFY(dialog);
        QVERIFY(chooseType(dialog, QStringLiteral("Outlook.com, Hotmail, Live.com")));
        QCOMPARE(child<QSpinBox>(dialog, "portSpin")->value(), int(server.port()));
        fillOAuthForm(dialog, user);
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(answerInPopup(dialog, user, true));
        const QString words = errorAfter(dialog);
        QVERIFY2(words.contains(QStringLiteral("SMTP AUTH is turned off")), qPrintable(words));
        QVERIFY2(server.failures().isEmpty(),
                 qPrintable(server.failures().join(QLatin1Char('\n'))));
        QVERIFY(dialog->isVisible());
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
        screenshot(dialog, QStringLiteral("smtp-auth-disabled"));
        const QString key = dialog->newAccountUuid().toString(QUuid::WithoutBraces);
        QVERIFY(m_context->tokenService().health(key).known);
        dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_context->tokenService().health(key).known, 30000);
    }

    // Gmail: Save opens Google's page in the browser (the app's browser opener); the user
    // signs in there and the account is saved.
    void gmailSignsInThroughTheBrowser()
    {
        const QString user = userNumber(45);
        auto opened = std::make_shared<QList<QUrl>>();
        m_context->setBrowserOpener([opened](const QUrl &url) {
            opened->append(url);
            return true;
        });
        QPointer<SmtpAccountDialog> dialog = openNewDialog();
        QVERIFY(dialog);
        QVERIFY(chooseType(dialog, QStringLiteral("Gmail (sign in with Google)")));
        fillOAuthForm(dialog, user);
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(dialog->isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(opened->size(), 1, 60000);
        QVERIFY(dialog->signIn()
                && dialog->signIn()->agent()->kind() == Oauth::AgentKind::SystemBrowser);
        QVERIFY(child<QLabel>(dialog, "statusLabel")->text().contains(QStringLiteral("browser")));
        const QUrlQuery query(opened->first());
        QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), env("OAUTH_CLIENT_ID"));
        screenshot(dialog, QStringLiteral("gmail-waiting-for-browser"));

        HeadlessBrowser web(env("OAUTH_CA"));
        HeadlessBrowser::Page page = web.open(opened->first());
        QVERIFY2(HeadlessBrowser::hasId(page, QStringLiteral("login")), page.body.constData());
        page = web.submit(
            page, QStringLiteral("loginForm"),
            {{QStringLiteral("login"), user},
             {QStringLiteral("password"),
              env("OAUTH_PASSWORD_PREFIX") + user.mid(env("OAUTH_USER_PREFIX").size())}});
        QVERIFY2(HeadlessBrowser::hasId(page, QStringLiteral("allow")), page.body.constData());
        web.submit(page, QStringLiteral("consentForm"),
                   {{QStringLiteral("decision"), QStringLiteral("allow")}});
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 60000);

        const QList<SmtpAccount> accounts = m_context->store().smtpAccounts();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.first().authKind, SmtpAccount::AuthKind::OAuth);
        QCOMPARE(m_context->tokenService()
                     .health(accounts.first().uuid.toString(QUuid::WithoutBraces))
                     .providerId,
                 QStringLiteral("gmail"));
    }
};

int main(int argc, char **argv)
{
    TestEnv::prepareLoopbackWebEngine(env("OAUTH_CA_SPKI_SHA256"));
    SignInWindow::registerRedirectSchemes({QStringLiteral("org.tributary.app")});
    QApplication app(argc, argv);
    TestSmtpOAuthDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_smtpoauthdialog.moc"
