// The OAuth entries of the built-in provider catalogue (resources/catalogue/providers.json)
// as Oauth::providerFromCatalogue() reads them, and the authorization request a task's entry
// leads to. Exchange (EWS) has an entry of its own: Microsoft's identity platform with the
// EWS scope, the tenant option, Microsoft 365's client id and tenant when it has none.
// No network: the test's agent only records the authorization URL.
#include "app/services/oauth/oauthproviders.h"
#include "app/services/providers/providercatalogue.h"
#include "connectors/oauth/oauthflow.h"
#include "models/retrievaltask.h"
#include "support/testenv.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

using namespace Tributary;

namespace {

const QString kEwsScope = QStringLiteral("https://outlook.office365.com/EWS.AccessAsUser.All");

// Stands in for the sign-in window: records the authorization URL, then the user closes it.
class RecordingAgent : public Oauth::AuthorizationAgent
{
public:
    Oauth::AgentKind kind() const override { return Oauth::AgentKind::Embedded; }
    QUrl prepareRedirectUri(const QUrl &configured) override { return configured; }
    void authorize(const QUrl &authorizationUrl, const QUrl &) override
    {
        resetOutcome();
        opened = authorizationUrl;
        QTimer::singleShot(0, this, [this] { finishCancelled(); });
    }
    void cancel() override { }

    QUrl opened;
};

} // namespace

class TstOauthCatalogue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void exchangeEntryLoads();
    void exchangeTakesMicrosoftSettings();
    void exchangeTaskRequestsEwsScope_data();
    void exchangeTaskRequestsEwsScope();

private:
    // The authorization URL a sign-in with `provider` hands to the agent.
    QUrl authorizationUrl(const Oauth::ProviderConfig &provider);

    std::unique_ptr<QSettings> m_settings;
};

void TstOauthCatalogue::init()
{
    const QString dir = TestEnv::scratchDir(QStringLiteral("tst_oauthcatalogue"));
    QFile::remove(dir + QStringLiteral("/settings.ini"));
    m_settings
        = std::make_unique<QSettings>(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat);
}

void TstOauthCatalogue::cleanup()
{
    m_settings.reset();
}

QUrl TstOauthCatalogue::authorizationUrl(const Oauth::ProviderConfig &provider)
{
    RecordingAgent agent;
    Oauth::AuthorizationCodeFlow flow;
    flow.setProvider(provider);
    flow.setAgent(&agent);
    QSignalSpy finished(&flow, &Oauth::AuthorizationCodeFlow::finished);
    flow.start();
    if (finished.isEmpty() && !finished.wait(10000))
        return {};
    if (flow.error() != Oauth::Error::Kind::Cancelled)
        return {};
    return agent.opened;
}

void TstOauthCatalogue::exchangeEntryLoads()
{
    // The chooser's view of the entry: EWS, a password or a sign-in in the embedded window.
    const ProviderCatalogue catalogue = ProviderCatalogue::builtIn();
    QVERIFY2(catalogue.isValid(), qPrintable(catalogue.errorString()));
    const Provider *exchange = catalogue.provider(QStringLiteral("exchange"));
    QVERIFY(exchange);
    QVERIFY(exchange->supportsPassword());
    QVERIFY(exchange->auth.contains(QStringLiteral("oauth")));
    QVERIFY(!exchange->requiresOAuth());
    QCOMPARE(exchange->oauthAgent, QStringLiteral("embedded"));

    // Its OAuth part, with a client id set for it.
    m_settings->setValue(QStringLiteral("oauth/exchange/clientId"), QStringLiteral("ews-client"));
    QString error;
    const Oauth::ProviderConfig config
        = Oauth::providerFromCatalogue(QStringLiteral("exchange"), m_settings.get(), &error);
    QVERIFY2(config.isValid(), qPrintable(error));
    QCOMPARE(config.id, QStringLiteral("exchange"));
    QCOMPARE(config.clientId, QStringLiteral("ews-client"));
    QCOMPARE(config.scopes, QStringList({kEwsScope, QStringLiteral("offline_access")}));
    QCOMPARE(config.tenant, QStringLiteral("organizations"));
    QCOMPARE(config.agent, Oauth::AgentKind::Embedded);
    QCOMPARE(config.authorizationEndpoint,
             QUrl(QStringLiteral(
                 "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize")));
    QCOMPARE(
        config.tokenEndpoint,
        QUrl(QStringLiteral("https://login.microsoftonline.com/organizations/oauth2/v2.0/token")));
    QCOMPARE(config.deviceAuthorizationEndpoint.path(),
             QStringLiteral("/organizations/oauth2/v2.0/devicecode"));
    QCOMPARE(config.redirectUri,
             QUrl(QStringLiteral("https://login.microsoftonline.com/common/oauth2/nativeclient")));
    QCOMPARE(config.refreshTokenLifetimeDays, 90);
    // A tenant that blocks user consent gets the admin-consent link for the EWS scope.
    const QUrl consent = config.adminConsentUrl();
    QVERIFY2(consent.toString().contains(QStringLiteral("EWS.AccessAsUser.All")),
             qPrintable(consent.toString()));

    // Microsoft 365's own entry keeps its IMAP/POP/SMTP scopes.
    m_settings->setValue(QStringLiteral("oauth/microsoft365/clientId"), QStringLiteral("m365"));
    const Oauth::ProviderConfig m365
        = Oauth::providerFromCatalogue(QStringLiteral("microsoft365"), m_settings.get());
    QVERIFY(!m365.scopes.contains(kEwsScope));
    QVERIFY(
        m365.scopes.contains(QStringLiteral("https://outlook.office.com/IMAP.AccessAsUser.All")));
}

void TstOauthCatalogue::exchangeTakesMicrosoftSettings()
{
    // Nothing set: no client id (this build has none), and the message names the option.
    Oauth::ProviderConfig config
        = Oauth::providerFromCatalogue(QStringLiteral("exchange"), m_settings.get());
    QVERIFY(config.clientId.isEmpty());
    const QString missing = Oauth::missingClientIdMessage(config);
    QVERIFY2(missing.contains(QStringLiteral("TRIBUTARY_OAUTH_CLIENT_ID_MICROSOFT")),
             qPrintable(missing));
    QVERIFY2(missing.contains(QStringLiteral("oauth/exchange/clientId")), qPrintable(missing));

    // Microsoft 365's client id and tenant apply to Exchange when it has none of its own.
    m_settings->setValue(QStringLiteral("oauth/microsoft365/clientId"), QStringLiteral("m365"));
    m_settings->setValue(QStringLiteral("oauth/microsoft365/tenant"),
                         QStringLiteral("contoso.onmicrosoft.com"));
    config = Oauth::providerFromCatalogue(QStringLiteral("exchange"), m_settings.get());
    QCOMPARE(config.clientId, QStringLiteral("m365"));
    QCOMPARE(config.tenant, QStringLiteral("contoso.onmicrosoft.com"));
    QCOMPARE(config.authorizationEndpoint.path(),
             QStringLiteral("/contoso.onmicrosoft.com/oauth2/v2.0/authorize"));
    QCOMPARE(config.scopes.first(), kEwsScope);

    // Its own settings win, and do not change Microsoft 365's.
    m_settings->setValue(QStringLiteral("oauth/exchange/tenant"), QStringLiteral("fabrikam.com"));
    m_settings->setValue(QStringLiteral("oauth/exchange/clientId"), QStringLiteral("ews"));
    config = Oauth::providerFromCatalogue(QStringLiteral("exchange"), m_settings.get());
    QCOMPARE(config.clientId, QStringLiteral("ews"));
    QCOMPARE(config.tokenEndpoint.path(), QStringLiteral("/fabrikam.com/oauth2/v2.0/token"));
    const Oauth::ProviderConfig m365
        = Oauth::providerFromCatalogue(QStringLiteral("microsoft365"), m_settings.get());
    QCOMPARE(m365.clientId, QStringLiteral("m365"));
    QCOMPARE(m365.tenant, QStringLiteral("contoso.onmicrosoft.com"));
}

void TstOauthCatalogue::exchangeTaskRequestsEwsScope_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::newRow("default tenant") << QString();
    QTest::newRow("own tenant") << QStringLiteral("contoso.onmicrosoft.com");
}

void TstOauthCatalogue::exchangeTaskRequestsEwsScope()
{
    QFETCH(QString, tenant);
    m_settings->setValue(QStringLiteral("oauth/exchange/clientId"), QStringLiteral("ews-client"));
    if (!tenant.isEmpty())
        m_settings->setValue(QStringLiteral("oauth/exchange/tenant"), tenant);
    // An Exchange task signs in with the entry its providerId names.
    RetrievalTask task;
    task.kind = RetrievalTask::Kind::Exchange;
    task.authKind = RetrievalTask::AuthKind::OAuth;
    task.providerId = QStringLiteral("exchange");
    QString error;
    const Oauth::ProviderConfig config
        = Oauth::providerFromCatalogue(task.providerId, m_settings.get(), &error);
    QVERIFY2(config.isValid(), qPrintable(error));

    const QUrl url = authorizationUrl(config);
    QVERIFY(url.isValid());
    QCOMPARE(url.host(), QStringLiteral("login.microsoftonline.com"));
    QCOMPARE(url.path(),
             QStringLiteral("/%1/oauth2/v2.0/authorize")
                 .arg(tenant.isEmpty() ? QStringLiteral("organizations") : tenant));
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             kEwsScope + QStringLiteral(" offline_access"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("ews-client"));
    QCOMPARE(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
             QStringLiteral("https://login.microsoftonline.com/common/oauth2/nativeclient"));
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
}

QTEST_GUILESS_MAIN(TstOauthCatalogue)
#include "tst_oauthcatalogue.moc"
