// AuthorizationCodeFlow + SystemBrowserAgent against the real OAuth fixture (oidc-provider):
// the test stands in for the browser through QDesktopServices::setUrlHandler and completes
// the provider's login and consent pages over HTTP, up to the loopback redirect.
#include "app/services/oauth/systembrowseragent.h"
#include "connectors/oauth/oauthflow.h"
#include "headlessbrowser.h"
#include "oauthfixture.h"
#include "support/deadport.h"

#include <QDesktopServices>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace Tributary;
using Oauth::AuthorizationCodeFlow;
using Oauth::Error;
using Oauth::SystemBrowserAgent;

// Receives what QDesktopServices::openUrl would have given the system browser.
class BrowserStandIn : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void openUrl(const QUrl &url) { opened.append(url); }
};

class TstSystemBrowserAgent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void signInThroughTheBrowser();
    void consentDenied();
    void forgedRedirectIsRefused();
    void wrongVerifierIsRefusedByTheServer();
    void tokenEndpointDown();
    void cancelClosesTheListener();
    void noBrowser();
    void otherPathsDoNotEndTheSignIn();

private:
    // Starts a flow through the agent; returns the URL the "browser" got.
    QUrl startFlow(AuthorizationCodeFlow &flow, SystemBrowserAgent &agent);
    HeadlessBrowser::Page loginAndConsent(const QUrl &authorizationUrl, bool allow,
                                          const QString &user = QStringLiteral("ouser1"),
                                          const QString &password = QStringLiteral("opw-1"));

    Oauth::ProviderConfig m_provider;
    QString m_ca;
    BrowserStandIn m_browser;
    std::unique_ptr<HeadlessBrowser> m_headless;
};

void TstSystemBrowserAgent::initTestCase()
{
    TRIBUTARY_REQUIRE_ENV(m_ca, "oauth", "OAUTH_CA");
    m_provider = fixtureProvider(QStringLiteral("oauth"));
    QVERIFY(m_provider.isValid());
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_browser, "openUrl");
}

void TstSystemBrowserAgent::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
}

void TstSystemBrowserAgent::init()
{
    m_browser.opened.clear();
    m_headless = std::make_unique<HeadlessBrowser>(m_ca); // fresh cookies: a new sign-in
}

QUrl TstSystemBrowserAgent::startFlow(AuthorizationCodeFlow &flow, SystemBrowserAgent &agent)
{
    agent.setOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
    flow.setProvider(m_provider);
    flow.setAgent(&agent);
    flow.start();
    return m_browser.opened.isEmpty() ? QUrl() : m_browser.opened.constLast();
}

HeadlessBrowser::Page TstSystemBrowserAgent::loginAndConsent(const QUrl &authorizationUrl,
                                                             bool allow, const QString &user,
                                                             const QString &password)
{
    HeadlessBrowser::Page page = m_headless->open(authorizationUrl);
    if (!HeadlessBrowser::hasId(page, QStringLiteral("login")))
        return page;
    page = m_headless->submit(
        page, QStringLiteral("loginForm"),
        {{QStringLiteral("login"), user}, {QStringLiteral("password"), password}});
    if (!HeadlessBrowser::hasId(page, QStringLiteral("allow")))
        return page;
    return m_headless->submit(
        page, QStringLiteral("consentForm"),
        {{QStringLiteral("decision"), allow ? QStringLiteral("allow") : QStringLiteral("deny")}});
}

void TstSystemBrowserAgent::signInThroughTheBrowser()
{
    SystemBrowserAgent agent;
    AuthorizationCodeFlow flow;
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    const QUrl opened = startFlow(flow, agent);
    QCOMPARE(flow.state(), AuthorizationCodeFlow::State::Authorizing);
    QVERIFY2(opened.isValid() && opened == flow.authorizationUrl(), qPrintable(opened.toString()));

    // The authorization request carries PKCE S256, state and the loopback redirect.
    const QUrlQuery q(opened);
    QCOMPARE(q.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(q.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
    QVERIFY(q.queryItemValue(QStringLiteral("state")).size() >= 40);
    const QUrl redirect(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(redirect.port(), int(agent.listeningPort()));
    QVERIFY(agent.listeningPort() != 0);

    const HeadlessBrowser::Page last = loginAndConsent(opened, true);
    QVERIFY2(last.networkError.isEmpty(), qPrintable(last.networkError));
    // The browser ended on our loopback page.
    QCOMPARE(last.url.port(), redirect.port());
    QCOMPARE(last.status, 200);
    QVERIFY2(HeadlessBrowser::hasId(last, QStringLiteral("text")), last.body.constData());
    QVERIFY(last.body.contains("close this tab"));

    QVERIFY(finished.count() == 1 || finished.wait(20000));
    QVERIFY2(flow.error() == Error::Kind::None, qPrintable(flow.details()));
    QVERIFY(!flow.tokens().accessToken.isEmpty());
    QVERIFY(!flow.tokens().refreshToken.isEmpty());
    QVERIFY(flow.tokens().grantedScopes.contains(QStringLiteral("mail.imap")));
    QVERIFY(flow.tokens().accessTokenExpiresAt > QDateTime::currentDateTimeUtc());
    QVERIFY(!flow.details().contains(flow.tokens().accessToken));
    // The listener is gone once the redirect came.
    QCOMPARE(agent.listeningPort(), quint16(0));
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
}

void TstSystemBrowserAgent::consentDenied()
{
    SystemBrowserAgent agent;
    AuthorizationCodeFlow flow;
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    const QUrl opened = startFlow(flow, agent);
    const HeadlessBrowser::Page last = loginAndConsent(opened, false);
    QVERIFY(last.body.contains("did not finish"));
    QVERIFY(finished.count() == 1 || finished.wait(20000));
    QCOMPARE(flow.error(), Error::Kind::ConsentDenied);
    QCOMPARE(flow.errorValue().code, QStringLiteral("access_denied"));
    QVERIFY(flow.errorString().contains(QStringLiteral("did not allow")));
    QVERIFY(flow.tokens().isEmpty());
}

void TstSystemBrowserAgent::forgedRedirectIsRefused()
{
    SystemBrowserAgent agent;
    AuthorizationCodeFlow flow;
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    startFlow(flow, agent);
    // Another page (or process) sends a code with a state of its own to our listener.
    QUrl forged = flow.redirectUri();
    forged.setQuery(QStringLiteral("code=stolen-code&state=not-our-state"));
    const HeadlessBrowser::Page page = m_headless->open(forged);
    QCOMPARE(page.status, 200);
    QVERIFY(finished.count() == 1 || finished.wait(20000));
    QCOMPARE(flow.error(), Error::Kind::StateMismatch);
    QVERIFY(flow.errorString().contains(QStringLiteral("refused")));
    QVERIFY(flow.tokens().isEmpty());
}

void TstSystemBrowserAgent::wrongVerifierIsRefusedByTheServer()
{
    SystemBrowserAgent agent;
    AuthorizationCodeFlow flow;
    flow.setCodeVerifierForTesting(Oauth::Pkce::makeVerifier()); // not the challenged one
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    const QUrl opened = startFlow(flow, agent);
    loginAndConsent(opened, true);
    QVERIFY(finished.count() == 1 || finished.wait(20000));
    QCOMPARE(flow.error(), Error::Kind::InvalidGrant);
    QCOMPARE(flow.errorValue().code, QStringLiteral("invalid_grant"));
    QCOMPARE(flow.errorValue().httpStatus, 400);
    QVERIFY(flow.tokens().isEmpty());
}

void TstSystemBrowserAgent::tokenEndpointDown()
{
    // A port where nothing listens.
    const TestEnv::DeadPort dead;
    QVERIFY(dead.port() != 0);
    Oauth::ProviderConfig down = m_provider;
    down.tokenEndpoint = QUrl(QStringLiteral("https://127.0.0.1:%1/token").arg(dead.port()));

    SystemBrowserAgent agent;
    agent.setOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
    AuthorizationCodeFlow flow;
    flow.setProvider(down);
    flow.setAgent(&agent);
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    flow.start();
    QVERIFY(!m_browser.opened.isEmpty());
    loginAndConsent(m_browser.opened.constLast(), true);
    QVERIFY(finished.count() == 1 || finished.wait(20000));
    QCOMPARE(flow.error(), Error::Kind::Network);
    QVERIFY(flow.errorString().contains(QStringLiteral("Could not reach the sign-in server")));
    QVERIFY(flow.details().contains(QString::number(dead.port())));
}

void TstSystemBrowserAgent::cancelClosesTheListener()
{
    SystemBrowserAgent agent;
    AuthorizationCodeFlow flow;
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    QSignalSpy agentFinished(&agent, &SystemBrowserAgent::finished);
    startFlow(flow, agent);
    const quint16 port = agent.listeningPort();
    QVERIFY(port != 0);
    flow.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(flow.error(), Error::Kind::Cancelled);
    QCOMPARE(agentFinished.count(), 1);
    QCOMPARE(agent.outcome(), Oauth::AuthorizationAgent::Outcome::Cancelled);
    QCOMPARE(agent.listeningPort(), quint16(0));
    QTcpSocket probe;
    probe.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    QVERIFY(!probe.waitForConnected(2000));
    flow.cancel();
    QCOMPARE(finished.count(), 1);
}

void TstSystemBrowserAgent::noBrowser()
{
    SystemBrowserAgent agent;
    agent.setOpener([](const QUrl &) { return false; });
    AuthorizationCodeFlow flow;
    flow.setProvider(m_provider);
    flow.setAgent(&agent);
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    flow.start();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(flow.error(), Error::Kind::AgentFailed);
    QVERIFY(flow.errorString().contains(QStringLiteral("browser could not be opened")));
    QCOMPARE(agent.listeningPort(), quint16(0));
}

void TstSystemBrowserAgent::otherPathsDoNotEndTheSignIn()
{
    SystemBrowserAgent agent;
    AuthorizationCodeFlow flow;
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    const QUrl opened = startFlow(flow, agent);
    QUrl favicon = flow.redirectUri();
    favicon.setPath(QStringLiteral("/favicon.ico"));
    QCOMPARE(m_headless->open(favicon).status, 404);
    QCOMPARE(finished.count(), 0);
    loginAndConsent(opened, true);
    QVERIFY(finished.count() == 1 || finished.wait(20000));
    QVERIFY2(flow.error() == Error::Kind::None, qPrintable(flow.details()));
}

QTEST_MAIN(TstSystemBrowserAgent)
#include "tst_systembrowseragent.moc"
