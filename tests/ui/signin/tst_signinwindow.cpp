// SignInWindow (the embedded authorization agent) with Oauth::AuthorizationCodeFlow against
// the oidc-provider fixture, filling the provider's pages through the page as a user would:
// sign-in and consent (tokens saved through TokenService, in the keychain and nowhere else),
// a wrong password then a retry, consent denied, Cancel, the window's close button, Escape,
// and a page that cannot be loaded. Every path ends the flow exactly once with user words.
// OAuth users ouser12..ouser14 of the fixture belong to this test.
#include "app/services/oauth/tokenservice.h"
#include "app/services/secretstore.h"
#include "connectors/oauth/oauthflow.h"
#include "support/testenv.h"
#include "support/webenginetest.h"
#include "ui/signindialog.h"
#include "ui/signinwindow.h"

#include <QApplication>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineView>
#include <QWindow>

#include <functional>

#include <memory>

using namespace Tributary;
using Tributary::Ui::SignInDialog;
using Tributary::Ui::SignInWindow;

namespace {

const char kScheme[] = "org.tributary.app";

QString env(const char *key)
{
    return TestEnv::value(QStringLiteral("oauth"), QString::fromLatin1(key));
}

QString user(int n)
{
    return env("OAUTH_USER_PREFIX") + QString::number(n);
}

QString password(int n)
{
    return env("OAUTH_PASSWORD_PREFIX") + QString::number(n);
}

Oauth::ProviderConfig embeddedProvider()
{
    Oauth::ProviderConfig p;
    p.id = QStringLiteral("testprovider");
    p.displayName = QStringLiteral("Test Provider");
    p.agent = Oauth::AgentKind::Embedded;
    p.authorizationEndpoint = QUrl(env("OAUTH_AUTHORIZATION_URL"));
    p.tokenEndpoint = QUrl(env("OAUTH_TOKEN_URL"));
    p.revocationEndpoint = QUrl(env("OAUTH_REVOCATION_URL"));
    p.clientId = env("OAUTH_EMBEDDED_CLIENT_ID");
    p.scopes = env("OAUTH_SCOPES").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    p.redirectUri = QUrl(env("OAUTH_EMBEDDED_REDIRECT"));
    p.refreshTokenLifetimeDays = 90;
    return p;
}

QString jsString(const QString &value)
{
    // A JSON string literal is a valid JavaScript string literal.
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

void screenshot(QWidget *w, const QString &name)
{
    QVERIFY(w->grab().save(TestEnv::screenshotDir() + QStringLiteral("/signin_") + name
                           + QStringLiteral(".png")));
}

// The result of one runJavaScript call. Shared: the callback may come after the caller gave
// up waiting, or never when the page dies.
struct ScriptResult
{
    QVariant value;
    bool done = false;
};

std::shared_ptr<ScriptResult> run(QWebEnginePage *page, const QString &script)
{
    auto result = std::make_shared<ScriptResult>();
    page->runJavaScript(script, [result](const QVariant &v) {
        result->value = v;
        result->done = true;
    });
    return result;
}

} // namespace

class TestSignInWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    QString m_dir;

    struct Run
    {
        std::unique_ptr<SignInWindow> agent;
        std::unique_ptr<Oauth::AuthorizationCodeFlow> flow;
        std::unique_ptr<QSignalSpy> finished;
        std::unique_ptr<QSignalSpy> agentFinished;
    };
    static Run begin()
    {
        Run r;
        r.agent = std::make_unique<SignInWindow>();
        r.agent->setProviderName(QStringLiteral("Test Provider"));
        r.flow = std::make_unique<Oauth::AuthorizationCodeFlow>();
        r.flow->setProvider(embeddedProvider());
        r.flow->setAgent(r.agent.get());
        r.finished
            = std::make_unique<QSignalSpy>(r.flow.get(), &Oauth::AuthorizationCodeFlow::finished);
        r.agentFinished
            = std::make_unique<QSignalSpy>(r.agent.get(), &Oauth::AuthorizationAgent::finished);
        r.flow->start();
        return r;
    }

    // A condition for QTRY_*: true once the page has finished loading and shows an element
    // with this id. Each call starts one evaluation when none is running and answers with
    // the last result (shared state: callbacks may come late or never).
    static std::function<bool()> elementShown(QWebEnginePage *page, const QString &id)
    {
        auto state = std::make_shared<ScriptResult>();
        state->done = true;
        auto shown = std::make_shared<bool>(false);
        const QString script = QStringLiteral("document.readyState === 'complete' && "
                                              "!!document.getElementById(%1)")
                                   .arg(jsString(id));
        QPointer<QWebEnginePage> guard(page);
        return [guard, script, state, shown] {
            if (state->done && guard) {
                state->done = false;
                guard->runJavaScript(script, [state, shown](const QVariant &v) {
                    *shown = v.toBool();
                    state->done = true;
                });
            }
            return *shown;
        };
    }
    static void fillLogin(QWebEnginePage *page, const QString &login, const QString &secret)
    {
        const auto r = run(page,
                           QStringLiteral("(function(){"
                                          "var l=document.getElementById('login');l.focus();"
                                          "l.value=%1;"
                                          "l.dispatchEvent(new Event('input',{bubbles:true}));"
                                          "var p=document.getElementById('password');p.value=%2;"
                                          "p.dispatchEvent(new Event('input',{bubbles:true}));"
                                          "return true;})()")
                               .arg(jsString(login), jsString(secret)));
        QTRY_VERIFY_WITH_TIMEOUT(r->done, 20000);
        QVERIFY(r->value.toBool());
    }
    static void click(QWebEnginePage *page, const QString &id)
    {
        const auto r = run(
            page, QStringLiteral("document.getElementById(%1).click(); true").arg(jsString(id)));
        QTRY_VERIFY_WITH_TIMEOUT(r->done, 20000);
        QVERIFY(r->value.toBool());
    }

    static void waitForElement(QWebEnginePage *page, const QString &id)
    {
        const auto shown = elementShown(page, id);
        QTRY_VERIFY_WITH_TIMEOUT(shown(), 30000);
    }
    // Logs in on the provider's page as fixture user `n` and waits for the consent page.
    static void loginToConsent(QWebEnginePage *page, int n)
    {
        waitForElement(page, QStringLiteral("login"));
        fillLogin(page, user(n), password(n));
        click(page, QStringLiteral("submit"));
        waitForElement(page, QStringLiteral("allow"));
    }

    // The flow ended once, with user words and no tokens, and the window is gone.
    static void expectEndedWithout(Run &r, Oauth::Error::Kind kind)
    {
        QTRY_COMPARE_WITH_TIMEOUT(r.finished->size(), 1, 30000);
        QCOMPARE(r.flow->error(), kind);
        QVERIFY(!r.flow->errorString().isEmpty());
        QVERIFY(r.flow->tokens().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(r.agent->dialog() == nullptr, 30000);
        // Nothing more arrives later.
        QTest::qWait(200);
        QCOMPARE(r.finished->size(), 1);
        QCOMPARE(r.agentFinished->size(), 1);
    }

    static SignInDialog *openDialog(Run &r)
    {
        if (!r.agent->dialog())
            return nullptr;
        SignInDialog *dialog = r.agent->dialog();
        if (!QTest::qWaitForWindowExposed(dialog, 30000))
            return nullptr;
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(embeddedProvider().isValid(),
                 "the oauth fixture is not running (no OAUTH_* values)");
        QVERIFY(!env("OAUTH_USER_PREFIX").isEmpty());
        // The code exchange and the token service use QNetworkAccessManager: trust the
        // fixture's self-signed certificate there (Chromium trusts its key by flag, main()).
        const QList<QSslCertificate> ca = QSslCertificate::fromPath(env("OAUTH_CA"));
        QCOMPARE(ca.size(), 1);
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.addCaCertificates(ca);
        QSslConfiguration::setDefaultConfiguration(conf);
        m_dir = TestEnv::scratchDir(QStringLiteral("signinwindow"));
        m_settings = std::make_unique<QSettings>(m_dir + QStringLiteral("/settings.ini"),
                                                 QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(*m_settings);
        m_secrets->setServiceName(QStringLiteral("Tributary-test-signinwindow"));
    }

    // Login and consent through the page; the flow completes; the tokens go to the keychain
    // through TokenService and appear in no file of the profile folder or the app's folders.
    void signInThroughThePage()
    {
        Run r = begin();
        SignInDialog *dialog = openDialog(r);
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Sign in to Test Provider"));
        QWebEnginePage *page = dialog->view()->page();
        QVERIFY(page->profile()->isOffTheRecord());
        QVERIFY(page->profile() != QWebEngineProfile::defaultProfile());
        QVERIFY(page->webChannel() == nullptr);
        waitForElement(page, QStringLiteral("login"));
        QCOMPARE(dialog->addressText(), QStringLiteral("127.0.0.1"));
        QVERIFY2(dialog->isSecure(),
                 qPrintable(dialog->tlsText() + QLatin1Char(' ') + dialog->statusText()));
        QCOMPARE(dialog->tlsText(), QStringLiteral("Secure connection (TLS)"));
        fillLogin(page, user(12), password(12));
        screenshot(dialog, QStringLiteral("1_login"));
        click(page, QStringLiteral("submit"));
        waitForElement(page, QStringLiteral("allow"));
        const auto scopes
            = run(page, QStringLiteral("document.getElementById('scopes').textContent"));
        QTRY_VERIFY_WITH_TIMEOUT(scopes->done, 20000);
        QVERIFY(scopes->value.toString().contains(QStringLiteral("mail.imap")));
        screenshot(dialog, QStringLiteral("2_consent"));
        click(page, QStringLiteral("allow"));

        // The result may arrive while the test still waits for its click to return.
        QTRY_COMPARE_WITH_TIMEOUT(r.finished->size(), 1, 30000);
        QCOMPARE(r.flow->error(), Oauth::Error::Kind::None);
        QCOMPARE(r.agent->outcome(), Oauth::AuthorizationAgent::Outcome::Redirected);
        QCOMPARE(r.agent->redirectUrl().scheme(), QString::fromLatin1(kScheme));
        const Oauth::TokenSet tokens = r.flow->tokens();
        QVERIFY(!tokens.accessToken.isEmpty());
        QVERIFY(!tokens.refreshToken.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(r.agent->dialog() == nullptr, 30000); // the window closed
        QCOMPARE(r.agentFinished->size(), 1);

        TokenService service(*m_secrets, *m_settings);
        const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
        TokenRequest *save = service.saveSignIn(account, embeddedProvider(), tokens);
        QSignalSpy saved(save, &TokenRequest::finished);
        QVERIFY(saved.wait(20000));
        QCOMPARE(save->error(), Oauth::Error::Kind::None);
        for (const SecretKind kind :
             {SecretKind::OAuthRefreshToken, SecretKind::OAuthAccessToken}) {
            SecretJob *read = m_secrets->read(kind, account);
            QSignalSpy readDone(read, &SecretJob::finished);
            QVERIFY(readDone.wait(20000));
            QCOMPARE(read->error(), SecretJob::Error::NoError);
            QCOMPARE(
                read->secret(),
                (kind == SecretKind::OAuthRefreshToken ? tokens.refreshToken : tokens.accessToken)
                    .toUtf8());
        }
        QVERIFY(service.health(account).known);
        m_settings->sync();

        // Nowhere else: no file under the profile folder (settings included), the session's
        // configuration folder or the app's data and cache folders holds either token. The
        // keyring's own folder is the keychain and is left out.
        QStringList roots {m_dir};
        for (const auto location :
             {QStandardPaths::AppDataLocation, QStandardPaths::AppConfigLocation,
              QStandardPaths::CacheLocation, QStandardPaths::GenericConfigLocation})
            roots << QStandardPaths::writableLocation(location);
        int files = 0;
        for (const QString &root : std::as_const(roots)) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.contains(QStringLiteral("/keyrings/")))
                    continue;
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray bytes = f.readAll();
                ++files;
                QVERIFY2(!bytes.contains(tokens.accessToken.toUtf8()), qPrintable(path));
                QVERIFY2(!bytes.contains(tokens.refreshToken.toUtf8()), qPrintable(path));
            }
        }
        QVERIFY(files >= 1); // at least the settings file was read and checked
        SecretJob *cleanup = m_secrets->removeAll(account);
        QSignalSpy cleaned(cleanup, &SecretJob::finished);
        QVERIFY(cleaned.wait(20000));
    }

    // A wrong password: the provider's page says so, the window stays, the user retries.
    void wrongPasswordThenRetry()
    {
        Run r = begin();
        SignInDialog *dialog = openDialog(r);
        QVERIFY(dialog);
        QWebEnginePage *page = dialog->view()->page();
        waitForElement(page, QStringLiteral("login"));
        fillLogin(page, user(13), QStringLiteral("not-the-password"));
        click(page, QStringLiteral("submit"));
        waitForElement(page, QStringLiteral("error"));
        const auto error
            = run(page, QStringLiteral("document.getElementById('error').textContent"));
        QTRY_VERIFY_WITH_TIMEOUT(error->done, 20000);
        QCOMPARE(error->value.toString(), QStringLiteral("Wrong user name or password."));
        screenshot(dialog, QStringLiteral("3_wrong_password"));
        QCOMPARE(r.finished->size(), 0);
        QCOMPARE(r.agent->dialog(), dialog);

        loginToConsent(page, 13);
        click(page, QStringLiteral("allow"));
        // The result may arrive while the test still waits for its click to return.
        QTRY_COMPARE_WITH_TIMEOUT(r.finished->size(), 1, 30000);
        QCOMPARE(r.flow->error(), Oauth::Error::Kind::None);
        QVERIFY(!r.flow->tokens().accessToken.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(r.agent->dialog() == nullptr, 30000);
        QCOMPARE(r.finished->size(), 1);
    }

    void consentDenied()
    {
        Run r = begin();
        SignInDialog *dialog = openDialog(r);
        QVERIFY(dialog);
        QWebEnginePage *page = dialog->view()->page();
        loginToConsent(page, 14);
        click(page, QStringLiteral("deny"));
        // The result may arrive while the test still waits for its click to return.
        QTRY_COMPARE_WITH_TIMEOUT(r.finished->size(), 1, 30000);
        QCOMPARE(r.agent->outcome(), Oauth::AuthorizationAgent::Outcome::Redirected);
        expectEndedWithout(r, Oauth::Error::Kind::ConsentDenied);
    }

    // The three ways a user leaves the window: the Cancel button, the window's close button
    // and Escape. Each ends the flow once with Cancelled and words.
    void userLeaves_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("cancel button") << QStringLiteral("cancel");
        QTest::newRow("close button") << QStringLiteral("close");
        QTest::newRow("escape") << QStringLiteral("escape");
    }
    void userLeaves()
    {
        QFETCH(QString, how);
        Run r = begin();
        SignInDialog *dialog = openDialog(r);
        QVERIFY(dialog);
        waitForElement(dialog->view()->page(), QStringLiteral("login"));
        if (how == QLatin1String("cancel")) {
            auto *cancel = dialog->findChild<QPushButton *>(QStringLiteral("cancelButton"));
            QVERIFY(cancel);
            QCOMPARE(cancel->accessibleName().isEmpty() ? cancel->text() : cancel->accessibleName(),
                     QStringLiteral("Cancel"));
            screenshot(dialog, QStringLiteral("4_before_cancel"));
            QTest::mouseClick(cancel, Qt::LeftButton);
        } else if (how == QLatin1String("close")) {
            // What the window manager does for the title bar's close button.
            QVERIFY(dialog->windowHandle());
            dialog->windowHandle()->close();
        } else {
            dialog->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(dialog, 30000));
            QTest::keyClick(dialog, Qt::Key_Escape);
        }
        // The result arrives while the click, key or close event is handled: a
        // QSignalSpy::wait() started afterwards would wait for a second one that never comes.
        QCOMPARE(r.finished->size(), 1);
        QCOMPARE(r.agent->outcome(), Oauth::AuthorizationAgent::Outcome::Cancelled);
        expectEndedWithout(r, Oauth::Error::Kind::Cancelled);
    }

    // The caller (the task dialog) gives up: cancel() on the flow closes the window and still
    // ends the flow once.
    void callerCancels()
    {
        Run r = begin();
        QVERIFY(openDialog(r));
        r.flow->cancel();
        QCOMPARE(r.finished->size(), 1);
        QCOMPARE(r.flow->error(), Oauth::Error::Kind::Cancelled);
        QVERIFY(!r.flow->errorString().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(r.agent->dialog() == nullptr, 30000);
        QTest::qWait(200);
        QCOMPARE(r.finished->size(), 1);
    }

    // A page that cannot be loaded is said in words; the window stays until Cancel.
    void loadFailureInWords()
    {
        SignInWindow agent;
        agent.setProviderName(QStringLiteral("Nowhere"));
        QSignalSpy finished(&agent, &Oauth::AuthorizationAgent::finished);
        agent.authorize(QUrl(QStringLiteral("https://127.0.0.1:1/authorize")),
                        QUrl(QStringLiteral("org.tributary.app:/oauth2redirect")));
        QVERIFY(agent.dialog());
        auto *status = agent.dialog()->findChild<QLabel *>(QStringLiteral("statusLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("could not be loaded")),
                                 20000);
        QCOMPARE(finished.size(), 0);
        screenshot(agent.dialog(), QStringLiteral("5_load_failure"));
        agent.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(agent.outcome(), Oauth::AuthorizationAgent::Outcome::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(agent.dialog() == nullptr, 30000);
    }
};

int main(int argc, char **argv)
{
    TestEnv::prepareLoopbackWebEngine(env("OAUTH_CA_SPKI_SHA256"));
    SignInWindow::registerRedirectSchemes({QString::fromLatin1(kScheme)});
    QApplication app(argc, argv);
    TestSignInWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signinwindow.moc"
