// The OAuth form of the Email Retrieval task dialog on the real window, as a user goes:
// New Retrieval Task → Microsoft 365 (a test catalogue entry whose OAuth endpoints are the
// local oidc-provider and whose IMAP server is the local Dovecot that checks tokens by
// introspection; fixture dovecot-oauth) → Email Address → Save → login and consent in the real
// SignInWindow → the task is saved → Retrieve Messages Now brings the mail into the Mail view.
// Also: consent denied and a closed sign-in window keep the dialog open with the words; a
// revoked sign-in shows "Sign in again" in the task's row and "Sign In Again…" signs in anew
// without losing the task. Screenshots of every state. Users ouser25..ouser27 are this test's.
#include "app/oauth/headlessbrowser.h"
#include "app/services/appcontext.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/profile.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "app/services/retrievaltasks/retrievaltaskservice.h"
#include "app/services/secretstore.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "models/retrievaltasklistmodel.h"
#include "models/store.h"
#include "support/apptestwindow.h"
#include "support/dovecotfixture.h"
#include "support/fixturecontrol.h"
#include "support/mailviewtest.h"
#include "support/screenshot.h"
#include "support/signinpage.h"
#include "support/testenv.h"
#include "support/webenginetest.h"
#include "support/widgetlookup.h"
#include "ui/connectivitypage.h"
#include "ui/mailpage.h"
#include "ui/mainwindow.h"
#include "ui/notifier.h"
#include "ui/providerchooser.h"
#include "ui/retrievaltaskactions.h"
#include "ui/retrievaltaskdialog.h"
#include "ui/signindialog.h"
#include "ui/signinwindow.h"
#include "ui/tokenhealthdialog.h"
#include "ui/tokenhealthview.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QUrlQuery>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>

using namespace Tributary;
using namespace Tributary::Ui;
using TestEnv::child;

namespace {

const char kScheme[] = "org.tributary.app";
const char kServer[] = "dovecot-oauth";

QString env(const char *key)
{
    return TestEnv::value(QString::fromLatin1(kServer), QString::fromLatin1(key));
}

// The catalogue of this test: "Microsoft 365" at the local servers.
QByteArray testCatalogue()
{
    QJsonObject imap {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                      {QStringLiteral("port"), env("IMAPS_PORT").toInt()},
                      {QStringLiteral("security"), QStringLiteral("ssl")},
                      {QStringLiteral("locked"), true}};
    QJsonObject oauth {
        {QStringLiteral("agent"), QStringLiteral("embedded")},
        {QStringLiteral("authorizationUrl"), env("OAUTH_AUTHORIZATION_URL")},
        {QStringLiteral("tokenUrl"), env("OAUTH_TOKEN_URL")},
        {QStringLiteral("revocationUrl"), env("OAUTH_REVOCATION_URL")},
        {QStringLiteral("redirectUri"), env("OAUTH_EMBEDDED_REDIRECT")},
        {QStringLiteral("refreshTokenLifetimeDays"), 90},
        {QStringLiteral("tenant"), QStringLiteral("organizations")},
        {QStringLiteral("adminConsentUrl"),
         QStringLiteral("https://127.0.0.1:1/{tenant}/v2.0/adminconsent?client_id={client_id}"
                        "&scope={scope}&redirect_uri={redirect_uri}")},
        {QStringLiteral("scopes"),
         QJsonArray::fromStringList(
             env("OAUTH_SCOPES").split(QLatin1Char(' '), Qt::SkipEmptyParts))}};
    QJsonObject microsoft {{QStringLiteral("id"), QStringLiteral("microsoft365")},
                           {QStringLiteral("name"), QStringLiteral("Microsoft 365")},
                           {QStringLiteral("domains"), QJsonArray()},
                           {QStringLiteral("imap"), imap},
                           {QStringLiteral("auth"), QJsonArray {QStringLiteral("oauth")}},
                           {QStringLiteral("oauth"), oauth}};
    QJsonObject exchange {
        {QStringLiteral("id"), QStringLiteral("exchange")},
        {QStringLiteral("name"), QStringLiteral("Microsoft Exchange (on premises)")},
        {QStringLiteral("domains"), QJsonArray()},
        {QStringLiteral("auth"), QJsonArray {QStringLiteral("password"), QStringLiteral("oauth")}}};
    // "Gmail": an app password or a sign-in through the system browser (loopback redirect).
    QJsonObject browserOAuth = oauth;
    browserOAuth.insert(QStringLiteral("agent"), QStringLiteral("system-browser"));
    browserOAuth.remove(QStringLiteral("redirectUri"));
    browserOAuth.remove(QStringLiteral("tenant"));
    browserOAuth.remove(QStringLiteral("adminConsentUrl"));
    QJsonObject gmail {
        {QStringLiteral("id"), QStringLiteral("gmail")},
        {QStringLiteral("name"), QStringLiteral("Gmail")},
        {QStringLiteral("domains"), QJsonArray()},
        {QStringLiteral("imap"), imap},
        {QStringLiteral("auth"),
         QJsonArray {QStringLiteral("app-password"), QStringLiteral("oauth")}},
        {QStringLiteral("appPasswordHelp"), QStringLiteral("Create an app password first.")},
        {QStringLiteral("oauth"), browserOAuth}};
    QJsonObject root {{QStringLiteral("version"), 1},
                      {QStringLiteral("providers"), QJsonArray {microsoft, exchange, gmail}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// An agent that answers every authorize() with the provider's error redirect (state kept), as a
// tenant that blocks user consent does; it records nothing and opens no window.
class RefusingAgent : public Oauth::AuthorizationAgent
{
public:
    explicit RefusingAgent(Oauth::AgentKind kind)
        : m_kind(kind)
    {
    }
    Oauth::AgentKind kind() const override { return m_kind; }
    QUrl prepareRedirectUri(const QUrl &configured) override
    {
        return m_kind == Oauth::AgentKind::SystemBrowser
            ? QUrl(QStringLiteral("http://127.0.0.1:1/callback"))
            : configured;
    }
    void authorize(const QUrl &authorizationUrl, const QUrl &redirectUri) override
    {
        resetOutcome();
        m_running = true;
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("error"), QStringLiteral("consent_required"));
        query.addQueryItem(QStringLiteral("error_description"),
                           QStringLiteral("AADSTS65001: The user or administrator has not "
                                          "consented to use the application."));
        query.addQueryItem(QStringLiteral("state"),
                           QUrlQuery(authorizationUrl).queryItemValue(QStringLiteral("state")));
        QUrl redirect = redirectUri;
        redirect.setQuery(query);
        QMetaObject::invokeMethod(
            this,
            [this, redirect] {
                if (m_running) {
                    m_running = false;
                    finishRedirected(redirect);
                }
            },
            Qt::QueuedConnection);
    }
    void cancel() override
    {
        if (!m_running)
            return;
        m_running = false;
        finishCancelled();
    }

private:
    Oauth::AgentKind m_kind;
    bool m_running = false;
};

} // namespace

class TestOAuthTaskDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<DovecotFixture> m_dovecot;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;

    void screenshot(QWidget *widget, const QString &name)
    {
        TRIBUTARY_SCREENSHOT(widget, QStringLiteral("oauthtask-") + name);
    }
    // Empties the user's mailbox and puts `count` new messages into its INBOX.
    bool prepareMailbox(const QString &user, int count)
    {
        if (!m_dovecot->reset(user))
            return false;
        QList<QByteArray> messages;
        for (int i = 0; i < count; ++i) {
            const QByteArray n = QByteArray::number(i);
            messages.append("From: Sender <sender@example.test>\r\nTo: " + user.toLatin1()
                            + "@example.test\r\nSubject: OAuth task " + n
                            + "\r\nDate: Fri, 27 Nov 2026 06:00:00 +0000\r\nMessage-ID: "
                              "<oauthtask-"
                            + user.toLatin1() + '-' + n + "@example.test>\r\n\r\nBody " + n
                            + "\r\n");
        }
        return m_dovecot->deliverToInbox(user, messages);
    }
    bool revokeAccount(const QString &user)
    {
        return TestEnv::revokeAccountAtProvider(env("OAUTH_TEST_CONTROL"), user);
    }
    RetrievalTaskDialog *openNewDialog(const QString &providerId)
    {
        m_window->showPage(PageInfo::Id::Retrieval);
        ConnectivityPage *page = m_window->connectivityPage(PageInfo::Id::Retrieval);
        QTest::mouseClick(page->primaryButton(), Qt::LeftButton);
        auto *chooser = m_window->findChild<ProviderChooser *>(QStringLiteral("providerChooser"));
        if (!chooser || !chooser->isVisible() || !chooser->selectProvider(providerId))
            return nullptr;
        QTest::mouseClick(child<QPushButton>(chooser, "providerChooserNext"), Qt::LeftButton);
        const QList<RetrievalTaskDialog *> dialogs
            = m_window->findChildren<RetrievalTaskDialog *>(QStringLiteral("RetrievalTaskDialog"));
        for (RetrievalTaskDialog *dialog : dialogs) {
            if (dialog->isVisible())
                return dialog;
        }
        return nullptr;
    }
    // The sign-in popup the dialog's running sign-in opened (null when none).
    static SignInDialog *popup(RetrievalTaskDialog *dialog) { return TestEnv::signInPopup(dialog); }
    // Fills the provider's login page in the popup and submits it; false when it did not come.
    bool login(SignInDialog *signIn, const QString &user)
    {
        const QString number = user.mid(env("OAUTH_USER_PREFIX").size());
        return TestEnv::logInOnPage(signIn->view()->page(), user,
                                    env("OAUTH_PASSWORD_PREFIX") + number);
    }
    QTableView *table() const
    {
        return m_window->connectivityPage(PageInfo::Id::Retrieval)->table();
    }
    QPushButton *rowButton(const char *name) const
    {
        return m_window->connectivityPage(PageInfo::Id::Retrieval)
            ->findChild<QPushButton *>(QLatin1String(name));
    }
    int rowOf(const QUuid &uuid) const
    {
        QAbstractItemModel *model = table()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(RetrievalTaskListModel::UuidRole).toUuid() == uuid)
                return row;
        }
        return -1;
    }
    QString statusOf(const QUuid &uuid) const
    {
        const int row = rowOf(uuid);
        return row < 0 ? QString()
                       : table()
                             ->model()
                             ->index(row, int(RetrievalTaskListModel::Column::Status))
                             .data()
                             .toString();
    }
    int mailViewCount(qint64 folderId)
    {
        return TestEnv::mailViewCount(*m_window, *m_context, folderId);
    }
    // Saves and waits until the dialog is no longer busy; returns the error shown (empty: none).
    QString errorAfter(RetrievalTaskDialog *dialog)
    {
        if (!QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 60000))
            return QStringLiteral("<still busy>");
        auto *error = child<QLabel>(dialog, "errorLabel");
        return error->isVisible() ? error->text() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!env("OAUTH_AUTHORIZATION_URL").isEmpty(),
                 "the dovecot-oauth fixture is not running");
        m_dovecot = std::make_unique<DovecotFixture>(QString::fromLatin1(kServer),
                                                     QStringLiteral("oauthtaskdialog"));
        QVERIFY2(m_dovecot->isValid(), qPrintable(m_dovecot->error()));
        // The code exchange, the token service and the IMAP connections trust the fixture's
        // certificates (Chromium trusts the OAuth server's key by flag).
        QCOMPARE(TestEnv::trustCertificateFiles({env("OAUTH_CA"), env("CA")}), 2);
    }
    void init()
    {
        QString error;
        m_context
            = TestEnv::openScratchContext(QStringLiteral("oauthtaskdialog"),
                                          QStringLiteral("Tributary-test-oauthtaskdialog"), &error);
        QVERIFY2(m_context, qPrintable(error));
        m_context->settings().setValue(QStringLiteral("oauth/microsoft365/clientId"),
                                       env("OAUTH_EMBEDDED_CLIENT_ID"));
        m_context->settings().setValue(QStringLiteral("oauth/gmail/clientId"),
                                       env("OAUTH_CLIENT_ID"));
        m_window = std::make_unique<MainWindow>(*m_context);
        auto *actions
            = m_window->findChild<RetrievalTaskActions *>(QStringLiteral("retrievalTaskActions"));
        QVERIFY(actions);
        OAuthTaskSupport support = actions->oauthSupport();
        QVERIFY(support.tokens);
        support.catalogueJson = testCatalogue();
        actions->setOAuthSupport(support);
        QVERIFY(actions->catalogue().isValid());
        QVERIFY(TestEnv::showTestWindow(*m_window));
    }
    void cleanup()
    {
        m_window.reset();
        m_context.reset();
    }

    // The form of an OAuth provider: locked server, email address, no password.
    void formOfMicrosoft365()
    {
        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("microsoft365"));
        QVERIFY(dialog);
        QVERIFY(dialog->isOAuthForm());
        QCOMPARE(dialog->kind(), RetrievalTask::Kind::Imap);
        auto *server = child<QLineEdit>(dialog, "serverEdit");
        QCOMPARE(server->text(), QStringLiteral("127.0.0.1"));
        QVERIFY(server->isReadOnly());
        QVERIFY(!child<QWidget>(dialog, "passwordEdit")->isVisible());
        QVERIFY(!child<QWidget>(dialog, "typeCombo")->isVisible());
        QVERIFY(!child<QWidget>(dialog, "authCombo")->isVisible());
        QVERIFY(child<QWidget>(dialog, "useBrowserCheck")->isVisible());
        QVERIFY(child<QWidget>(dialog, "folderTransferBox")->isVisible());
        QVERIFY(child<QWidget>(dialog, "filteringCheck")->isVisible());
        QVERIFY(child<QCheckBox>(dialog, "sslCheck")->isChecked());
        QCOMPARE(child<QLineEdit>(dialog, "usernameEdit")->accessibleName(),
                 QStringLiteral("Email address"));
        QVERIFY(child<QLabel>(dialog, "signInNoteLabel")
                    ->text()
                    .contains(QStringLiteral("Microsoft 365")));
        screenshot(dialog, QStringLiteral("form-microsoft365"));
        // Nothing typed: the email address is asked for, no sign-in starts.
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(!dialog->isBusy());
        QVERIFY(child<QLabel>(dialog, "errorLabel")->text().contains(QStringLiteral("email")));
        dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    }

    // On-premises Exchange: editable server; the password row follows the chosen
    // authentication.
    void formOfExchange()
    {
        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("exchange"));
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), RetrievalTask::Kind::Exchange);
        QVERIFY(!child<QLineEdit>(dialog, "serverEdit")->isReadOnly());
        auto *auth = child<QComboBox>(dialog, "authCombo");
        QVERIFY(auth->isVisible());
        QVERIFY(dialog->isOAuthForm());
        QVERIFY(!child<QWidget>(dialog, "passwordEdit")->isVisible());
        auth->setCurrentIndex(auth->findData(int(RetrievalTask::AuthKind::Password)));
        QVERIFY(!dialog->isOAuthForm());
        QVERIFY(child<QWidget>(dialog, "passwordEdit")->isVisible());
        QVERIFY(!child<QWidget>(dialog, "useBrowserCheck")->isVisible());
        QCOMPARE(dialog->taskFromFields().port, quint16(443));
        screenshot(dialog, QStringLiteral("form-exchange-password"));
        dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    }

    // Consent denied and a closed window: the dialog stays with the words and the fields.
    void consentDeniedKeepsDialog()
    {
        const QString user = env("OAUTH_USER_PREFIX") + QStringLiteral("26");
        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("microsoft365"));
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), user);
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(dialog->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(popup(dialog) != nullptr, 60000);
        screenshot(dialog, QStringLiteral("waiting-for-sign-in"));
        QVERIFY(login(popup(dialog), user));
        screenshot(popup(dialog), QStringLiteral("consent-page"));
        TestEnv::clickElement(popup(dialog)->view()->page(), QStringLiteral("deny"));
        const QString denied = errorAfter(dialog);
        QVERIFY2(denied.contains(QStringLiteral("did not allow")), qPrintable(denied));
        QVERIFY(dialog->isVisible());
        QCOMPARE(child<QLineEdit>(dialog, "usernameEdit")->text(), user);
        QCOMPARE(m_context->store().retrievalTasks().size(), 0);
        screenshot(dialog, QStringLiteral("consent-denied"));

        // Again, and the user closes the sign-in window.
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(popup(dialog) != nullptr, 60000);
        QVERIFY(QTest::qWaitForWindowExposed(popup(dialog), 30000));
        QTest::mouseClick(child<QPushButton>(popup(dialog), "cancelButton"), Qt::LeftButton);
        const QString cancelled = errorAfter(dialog);
        QVERIFY2(cancelled.contains(QStringLiteral("cancelled")), qPrintable(cancelled));
        QVERIFY(dialog->isVisible());
        screenshot(dialog, QStringLiteral("sign-in-cancelled"));
        dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QCOMPARE(m_context->store().retrievalTasks().size(), 0);
    }

    // A tenant that needs an administrator's consent: the words and the admin-consent link;
    // "Use my browser instead" asks for the system-browser agent.
    void adminConsentAndBrowserChoice()
    {
        auto *actions
            = m_window->findChild<RetrievalTaskActions *>(QStringLiteral("retrievalTaskActions"));
        OAuthTaskSupport support = actions->oauthSupport();
        auto kinds = std::make_shared<QList<Oauth::AgentKind>>();
        support.agentFactory
            = [kinds](Oauth::AgentKind kind, QWidget *) -> Oauth::AuthorizationAgent * {
            kinds->append(kind);
            return new RefusingAgent(kind);
        };
        actions->setOAuthSupport(support);
        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("microsoft365"));
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"),
                         QStringLiteral("someone@contoso.test"));
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        const QString error = errorAfter(dialog);
        QVERIFY2(error.contains(QStringLiteral("administrator")), qPrintable(error));
        auto *link = child<QLabel>(dialog, "adminConsentLabel");
        QVERIFY(link->isVisible());
        QVERIFY2(
            link->text().contains(QStringLiteral("client_id=") + env("OAUTH_EMBEDDED_CLIENT_ID")),
            qPrintable(link->text()));
        QVERIFY(link->openExternalLinks());
        QCOMPARE(kinds->size(), 1);
        QVERIFY(kinds->first() == Oauth::AgentKind::Embedded);
        screenshot(dialog, QStringLiteral("admin-consent"));

        auto *browser = child<QCheckBox>(dialog, "useBrowserCheck");
        QTest::mouseClick(browser, Qt::LeftButton, {}, QPoint(8, browser->height() / 2));
        QVERIFY(browser->isChecked());
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(errorAfter(dialog).contains(QStringLiteral("administrator")));
        QCOMPARE(kinds->size(), 2);
        QVERIFY(kinds->last() == Oauth::AgentKind::SystemBrowser);
        QCOMPARE(child<QLineEdit>(dialog, "usernameEdit")->text(),
                 QStringLiteral("someone@contoso.test"));
        QCOMPARE(m_context->store().retrievalTasks().size(), 0);
        dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    }

    // Gmail offers sign-in and an app password: sign-in first, in the system browser only
    // (locked, with the reason); the app password brings back the password and its help.
    // Save with sign-in opens the provider's page in the browser (the real system-browser
    // agent through the application's browser opener; a headless browser signs in), and the
    // task is saved as OAuth.
    void gmailSignInThroughBrowser()
    {
        const QString user = env("OAUTH_USER_PREFIX") + QStringLiteral("38");
        QVERIFY(prepareMailbox(user, 1));
        // The application's browser opener (QDesktopServices in the app) records the page.
        auto opened = std::make_shared<QList<QUrl>>();
        m_context->setBrowserOpener([opened](const QUrl &url) {
            opened->append(url);
            return true;
        });

        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("gmail"));
        QVERIFY(dialog);
        auto *auth = child<QComboBox>(dialog, "authCombo");
        auto *password = child<QLineEdit>(dialog, "passwordEdit");
        auto *help = child<QLabel>(dialog, "appPasswordHelpLabel");
        auto *useBrowser = child<QCheckBox>(dialog, "useBrowserCheck");
        auto *note = child<QLabel>(dialog, "signInNoteLabel");
        QVERIFY(auth->isVisible());
        QCOMPARE(auth->accessibleName(), QStringLiteral("Authentication"));
        QCOMPARE(auth->currentText(), QStringLiteral("Sign in with Google (OAuth)"));
        QCOMPARE(child<QLabel>(dialog, "authLabel")->buddy(), auth);
        QVERIFY(dialog->isOAuthForm());
        QVERIFY(!password->isVisible());
        QVERIFY(!help->isVisible());
        QVERIFY(useBrowser->isVisible());
        QVERIFY(useBrowser->isChecked());
        QVERIFY(!useBrowser->isEnabled());
        QVERIFY2(note->isVisible()
                     && note->text().contains(QStringLiteral("Google does not allow")),
                 qPrintable(note->text()));
        screenshot(dialog, QStringLiteral("form-gmail-sign-in"));

        // App password: the password row and the help come back; the browser tick goes.
        auth->setFocus();
        QTest::keyClick(auth, Qt::Key_Down);
        QCOMPARE(RetrievalTask::AuthKind(auth->currentData().toInt()),
                 RetrievalTask::AuthKind::Password);
        QCOMPARE(auth->currentText(), QStringLiteral("App password"));
        QVERIFY(!dialog->isOAuthForm());
        QVERIFY(password->isVisible());
        QVERIFY(help->isVisible());
        QVERIFY(!useBrowser->isVisible());
        QVERIFY(!note->isVisible());
        QCOMPARE(dialog->taskFromFields().authKind, RetrievalTask::AuthKind::Password);
        screenshot(dialog, QStringLiteral("form-gmail-app-password"));
        QTest::keyClick(auth, Qt::Key_Up);
        QVERIFY(dialog->isOAuthForm());
        QVERIFY(!password->isVisible());
        QVERIFY(useBrowser->isChecked() && !useBrowser->isEnabled());

        // Save: the provider's page opens in the "browser", which signs in and allows.
        QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), user);
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY2(dialog->isBusy(), qPrintable(child<QLabel>(dialog, "errorLabel")->text()));
        QTRY_COMPARE_WITH_TIMEOUT(opened->size(), 1, 60000);
        const QUrl page0 = opened->first();
        QVERIFY2(page0.toString().startsWith(env("OAUTH_AUTHORIZATION_URL")),
                 qPrintable(page0.toString()));
        const QUrlQuery query(page0);
        QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), env("OAUTH_CLIENT_ID"));
        const QString redirect
            = query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
        QVERIFY2(redirect.startsWith(QStringLiteral("http://127.0.0.1:")), qPrintable(redirect));
        QVERIFY(dialog->signIn()
                && dialog->signIn()->agent()->kind() == Oauth::AgentKind::SystemBrowser);
        QVERIFY(child<QLabel>(dialog, "statusLabel")->text().contains(QStringLiteral("browser")));
        screenshot(dialog, QStringLiteral("gmail-waiting-for-browser"));

        HeadlessBrowser web(env("OAUTH_CA"));
        HeadlessBrowser::Page page = web.open(page0);
        QVERIFY2(HeadlessBrowser::hasId(page, QStringLiteral("login")), page.body.constData());
        const QString number = user.mid(env("OAUTH_USER_PREFIX").size());
        page = web.submit(page, QStringLiteral("loginForm"),
                          {{QStringLiteral("login"), user},
                           {QStringLiteral("password"), env("OAUTH_PASSWORD_PREFIX") + number}});
        QVERIFY2(HeadlessBrowser::hasId(page, QStringLiteral("allow")), page.body.constData());
        web.submit(page, QStringLiteral("consentForm"),
                   {{QStringLiteral("decision"), QStringLiteral("allow")}});
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 60000);

        const QList<RetrievalTask> tasks = m_context->store().retrievalTasks();
        QCOMPARE(tasks.size(), 1);
        const RetrievalTask &task = tasks.first();
        QCOMPARE(task.authKind, RetrievalTask::AuthKind::OAuth);
        QCOMPARE(task.providerId, QStringLiteral("gmail"));
        QCOMPARE(task.kind, RetrievalTask::Kind::Imap);
        QCOMPARE(task.username, user);
        const QString account = task.uuid.toString(QUuid::WithoutBraces);
        QVERIFY(m_context->tokenService().health(account).known);
        QVERIFY(!m_context->tokenService().isSignInRequired(account));

        // Editing it shows the sign-in chosen, no password, the browser still locked on.
        m_window->showPage(PageInfo::Id::Retrieval);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(task.uuid) >= 0, 30000);
        table()->setCurrentIndex(table()->model()->index(rowOf(task.uuid), 0));
        QTest::mouseClick(rowButton("editRetrievalTaskActionButton"), Qt::LeftButton);
        QPointer<RetrievalTaskDialog> edit;
        QTRY_VERIFY_WITH_TIMEOUT(edit = m_window->findChild<RetrievalTaskDialog *>(
                                     QStringLiteral("RetrievalTaskDialog")),
                                 30000);
        QTRY_VERIFY_WITH_TIMEOUT(edit->isVisible(), 30000);
        QVERIFY(edit->isEditing());
        QVERIFY(edit->isOAuthForm());
        QCOMPARE(child<QComboBox>(edit, "authCombo")->currentText(),
                 QStringLiteral("Sign in with Google (OAuth)"));
        QVERIFY(!child<QWidget>(edit, "passwordEdit")->isVisible());
        QVERIFY(child<QCheckBox>(edit, "useBrowserCheck")->isChecked());
        screenshot(edit, QStringLiteral("edit-gmail-sign-in"));
        edit->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!edit, 30000);
        QCOMPARE(m_context->store().retrievalTasks().size(), 1);
    }

    // The whole way: sign in, save, retrieve, read; then the provider revokes the sign-in,
    // the row says "Sign in again", and Sign In Again… brings it back.
    void signInSaveRetrieveAndSignInAgain()
    {
        const QString user = env("OAUTH_USER_PREFIX") + QStringLiteral("25");
        QVERIFY(prepareMailbox(user, 2));
        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("microsoft365"));
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), user);
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(popup(dialog) != nullptr, 60000);
        QVERIFY(login(popup(dialog), user));
        TestEnv::clickElement(popup(dialog)->view()->page(), QStringLiteral("allow"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 60000);

        Store &store = m_context->store();
        const QList<RetrievalTask> tasks = store.retrievalTasks();
        QCOMPARE(tasks.size(), 1);
        const RetrievalTask &task = tasks.first();
        QCOMPARE(task.authKind, RetrievalTask::AuthKind::OAuth);
        QCOMPARE(task.providerId, QStringLiteral("microsoft365"));
        QCOMPARE(task.username, user);
        const QString account = task.uuid.toString(QUuid::WithoutBraces);
        QVERIFY(m_context->tokenService().health(account).known);
        QVERIFY(!m_context->tokenService().isSignInRequired(account));

        // Retrieve Messages Now: the mail arrives in the Mail view.
        m_window->showPage(PageInfo::Id::Retrieval);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(task.uuid) >= 0, 30000);
        table()->setCurrentIndex(table()->model()->index(rowOf(task.uuid), 0));
        QVERIFY(!rowButton("signInAgainActionButton")->isHidden());
        QVERIFY(rowButton("signInAgainActionButton")->isEnabled());
        QSignalSpy ended(&m_context->retrievalScheduler(), &RetrievalScheduler::runEnded);
        QTest::mouseClick(rowButton("retrieveNowActionButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(store.retrievalTask(task.uuid)->lastCount, 2, 30000);
        screenshot(m_window.get(), QStringLiteral("page-after-retrieval"));
        // Root Level Folders: the source INBOX is the local Inbox.
        const qint64 inbox = store.findFolder(0, QStringLiteral("Inbox"));
        QVERIFY(inbox > 0);
        QTRY_COMPARE_WITH_TIMEOUT(mailViewCount(inbox), 2, 30000);
        screenshot(m_window.get(), QStringLiteral("mail-view"));

        // The provider revokes the sign-in; the next run needs a new one, and the user is told.
        QSignalSpy notified(m_window->notifier(), &Notifier::notified);
        QVERIFY(revokeAccount(user));
        m_window->showPage(PageInfo::Id::Retrieval);
        table()->setCurrentIndex(table()->model()->index(rowOf(task.uuid), 0));
        QTest::mouseClick(rowButton("retrieveNowActionButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(m_context->tokenService().isSignInRequired(account), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(task.uuid), QStringLiteral("Sign in again"), 30000);
        int signInNotices = 0;
        for (const QList<QVariant> &notice : std::as_const(notified)) {
            if (notice.at(0).toString() == QLatin1String("Sign in again")
                && notice.at(1).toString().contains(user))
                ++signInNotices;
        }
        QCOMPARE(signInNotices, 1);
        table()->scrollTo(
            table()->model()->index(rowOf(task.uuid), int(RetrievalTaskListModel::Column::Status)));
        screenshot(m_window.get(), QStringLiteral("page-sign-in-again"));

        // Sign In Again… signs in and keeps the task, its settings and its run record.
        QTest::mouseClick(rowButton("signInAgainActionButton"), Qt::LeftButton);
        QPointer<RetrievalTaskDialog> again;
        QTRY_VERIFY_WITH_TIMEOUT(again = m_window->findChild<RetrievalTaskDialog *>(
                                     QStringLiteral("RetrievalTaskDialog")),
                                 30000);
        QVERIFY(again->isEditing());
        QTRY_VERIFY_WITH_TIMEOUT(popup(again) != nullptr, 60000);
        screenshot(again, QStringLiteral("signing-in-again"));
        QVERIFY(login(popup(again), user));
        TestEnv::clickElement(popup(again)->view()->page(), QStringLiteral("allow"));
        QTRY_VERIFY_WITH_TIMEOUT(!again, 60000);
        QVERIFY(!m_context->tokenService().isSignInRequired(account));
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(task.uuid) != QStringLiteral("Sign in again"), 30000);
        const RetrievalTask after = *store.retrievalTask(task.uuid);
        QCOMPARE(after.username, task.username);
        QCOMPARE(after.server, task.server);
        QCOMPARE(store.retrievalTasks().size(), 1);
        screenshot(m_window.get(), QStringLiteral("page-signed-in-again"));

        // Sign-in Health… shows the task's tokens as healthy again.
        QVERIFY(rowButton("signInHealthActionButton")->isEnabled());
        QTest::mouseClick(rowButton("signInHealthActionButton"), Qt::LeftButton);
        QPointer<TokenHealthDialog> health;
        QTRY_VERIFY_WITH_TIMEOUT(
            health = m_window->findChild<TokenHealthDialog *>(QStringLiteral("tokenHealthDialog")),
            30000);
        QTRY_VERIFY_WITH_TIMEOUT(health->isVisible(), 30000);
        QCOMPARE(health->view()->accountUuid(), account);
        QCOMPARE(health->view()->state(), TokenHealthView::State::Healthy);
        QVERIFY(health->windowTitle().contains(task.name));
        screenshot(health, QStringLiteral("sign-in-health"));
        QTest::mouseClick(child<QPushButton>(health, "closeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!health, 30000);
    }
};

int main(int argc, char **argv)
{
    TestEnv::prepareLoopbackWebEngine(env("OAUTH_CA_SPKI_SHA256"));
    SignInWindow::registerRedirectSchemes({QString::fromLatin1(kScheme)});
    QApplication app(argc, argv);
    TestOAuthTaskDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_oauthtaskdialog.moc"
