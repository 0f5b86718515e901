// SignInWindow (the embedded authorization agent) with Oauth::AuthorizationCodeFlow against
// the oidc-provider fixture, filling the provider's pages through the page as a user would.
#include "app/services/oauth/tokenservice.h"
#include "app/services/secretstore.h"
#include "connectors/oauth/oauthflow.h"
#include "support/testenv.h"
#include "ui/signindialog.h"
#include "ui/signinwindow.h"

#include <QApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTest>
#include <QUuid>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineView>

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
    w->grab().save(TestEnv::screenshotDir() + QStringLiteral("/signin_") + name
                   + QStringLiteral(".png"));
}

// Runs `script` in the page and waits for its result (shared state: the callback may come
// after this returns).
QVariant evaluate(QWebEnginePage *page, const QString &script)
{
    auto result = std::make_shared<QVariant>();
    auto done = std::make_shared<bool>(false);
    page->runJavaScript(script, [result, done](const QVariant &v) {
        *result = v;
        *done = true;
    });
    QElapsedTimer timer;
    timer.start();
    while (!*done && timer.elapsed() < 20000)
        QTest::qWait(20);
    return *result;
}

// Waits until the page shows an element with this id.
bool waitForElement(QWebEnginePage *page, const QString &id)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        if (evaluate(page,
                     QStringLiteral("document.readyState === 'complete' && "
                                    "!!document.getElementById(%1)")
                         .arg(jsString(id)))
                .toBool())
            return true;
        QTest::qWait(50);
    }
    return false;
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
    };
    Run begin()
    {
        Run r;
        r.agent = std::make_unique<SignInWindow>();
        r.agent->setProviderName(QStringLiteral("Test Provider"));
        r.flow = std::make_unique<Oauth::AuthorizationCodeFlow>();
        r.flow->setProvider(embeddedProvider());
        r.flow->setAgent(r.agent.get());
        r.finished
            = std::make_unique<QSignalSpy>(r.flow.get(), &Oauth::AuthorizationCodeFlow::finished);
        r.flow->start();
        return r;
    }
    bool login(QWebEnginePage *page, const QString &user, const QString &password)
    {
        if (!waitForElement(page, QStringLiteral("login")))
            return false;
        evaluate(page,
                 QStringLiteral("(function(){"
                                "var l=document.getElementById('login');l.focus();l.value=%1;"
                                "l.dispatchEvent(new Event('input',{bubbles:true}));"
                                "var p=document.getElementById('password');p.value=%2;"
                                "p.dispatchEvent(new Event('input',{bubbles:true}));"
                                "return true;})()")
                     .arg(jsString(user), jsString(password)));
        return true;
    }
    void click(QWebEnginePage *page, const QString &id)
    {
        evaluate(page,
                 QStringLiteral("document.getElementById(%1).click(); true").arg(jsString(id)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(embeddedProvider().isValid(),
                 "the oauth fixture is not running (no OAUTH_* values)");
        QVERIFY(!env("OAUTH_USER_PREFIX").isEmpty());
        m_dir = TestEnv::scratchDir(QStringLiteral("signinwindow"));
        m_settings = std::make_unique<QSettings>(m_dir + QStringLiteral("/settings.ini"),
                                                 QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(*m_settings);
        m_secrets->setServiceName(QStringLiteral("Tributary-test-signinwindow"));
    }

    void consentDenied()
    {
        Run r = begin();
        QTRY_VERIFY_WITH_TIMEOUT(r.agent->dialog() != nullptr, 10000);
        QWebEnginePage *page = r.agent->dialog()->view()->page();
        QVERIFY(login(page, env("OAUTH_USER_PREFIX") + QStringLiteral("6"),
                      env("OAUTH_PASSWORD_PREFIX") + QStringLiteral("6")));
        click(page, QStringLiteral("submit"));
        QVERIFY(waitForElement(page, QStringLiteral("deny")));
        click(page, QStringLiteral("deny"));
        QVERIFY(r.finished->wait(30000));
        QCOMPARE(r.agent->outcome(), Oauth::AuthorizationAgent::Outcome::Redirected);
        QCOMPARE(r.flow->error(), Oauth::Error::Kind::ConsentDenied);
        QVERIFY(!r.flow->errorString().isEmpty());
        QVERIFY(r.flow->tokens().isEmpty());
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
        screenshot(agent.dialog(), QStringLiteral("4_load_failure"));
        agent.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(agent.outcome(), Oauth::AuthorizationAgent::Outcome::Cancelled);
    }
};

int main(int argc, char **argv)
{
    // Keep Chromium on loopback; trust only the fixture's certificate (by its key).
    QByteArray flags = "--no-sandbox --disable-background-networking --disable-component-update "
                       "--disable-domain-reliability --disable-sync --no-pings "
                       "--dns-prefetch-disable --proxy-server=http://127.0.0.1:9 "
                       "--host-resolver-rules=\"MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE "
                       "localhost\"";
    const QString spki = env("OAUTH_CA_SPKI_SHA256");
    if (!spki.isEmpty())
        flags += " --ignore-certificate-errors-spki-list=" + spki.toLatin1();
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", flags);
    qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    SignInWindow::registerRedirectSchemes({QString::fromLatin1(kScheme)});
    QApplication app(argc, argv);
    TestSignInWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signinwindow.moc"
