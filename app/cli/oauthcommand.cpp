#include "oauthcommand.h"

#include "app/services/appcontext.h"
#include "app/services/oauth/oauthproviders.h"
#include "app/services/oauth/systembrowseragent.h"
#include "app/services/oauth/tokenservice.h"
#include "connectors/oauth/oauthflow.h"
#include "connectors/oauth/oauthjobs.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace Tributary::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tributary-cli", text);
}

const QString kAccount = QStringLiteral("account");
const QString kDevice = QStringLiteral("device");
const QString kBrowser = QStringLiteral("browser");
const QString kNoOpen = QStringLiteral("no-open");
const QString kClientId = QStringLiteral("client-id");
const QString kTenant = QStringLiteral("tenant");
const QString kCaFile = QStringLiteral("ca-file");
const QString kAuthUrl = QStringLiteral("authorization-url");
const QString kTokenUrl = QStringLiteral("token-url");
const QString kDeviceUrl = QStringLiteral("device-url");
const QString kRevocationUrl = QStringLiteral("revocation-url");
const QString kScopes = QStringLiteral("scopes");

// Waits for `finished` of `sender`; the CLI's only event loop while the request runs.
template<typename Sender, typename Signal>
void waitFor(Sender *sender, Signal signal, const std::function<bool()> &done)
{
    if (done())
        return;
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, &QEventLoop::quit);
    loop.exec();
}

// --ca-file: trusts the PEM file's certificates for every TLS connection of this process.
int trustCaFile(CommandContext &context)
{
    QCommandLineParser &p = context.parser();
    if (!p.isSet(kCaFile))
        return Ok;
    const QList<QSslCertificate> cas = QSslCertificate::fromPath(p.value(kCaFile));
    if (cas.isEmpty())
        return context.runtimeError(
            tr("No certificate could be read from %1.").arg(p.value(kCaFile)));
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.addCaCertificates(cas);
    QSslConfiguration::setDefaultConfiguration(conf);
    return Ok;
}

Oauth::ProviderConfig provider(CommandContext &context, const QString &id, QString *error)
{
    QCommandLineParser &p = context.parser();
    Oauth::ProviderConfig config;
    if (id == QLatin1String("custom")) {
        config.id = id;
        config.displayName = QStringLiteral("custom");
        config.authorizationEndpoint = QUrl(p.value(kAuthUrl));
        config.tokenEndpoint = QUrl(p.value(kTokenUrl));
        config.deviceAuthorizationEndpoint = QUrl(p.value(kDeviceUrl));
        config.revocationEndpoint = QUrl(p.value(kRevocationUrl));
        config.scopes = p.value(kScopes).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    } else {
        config = Oauth::providerFromCatalogue(id, &context.context()->settings(), error);
        if (!error->isEmpty())
            return config;
        if (p.isSet(kTenant)) {
            // Endpoints are per tenant: read them again with the tenant given.
            QSettings &s = context.context()->settings();
            s.setValue(QStringLiteral("oauth/%1/tenant").arg(id), p.value(kTenant));
            config = Oauth::providerFromCatalogue(id, &s, error);
        }
    }
    if (p.isSet(kClientId))
        config.clientId = p.value(kClientId);
    if (config.clientId.isEmpty())
        *error = tr("No OAuth client ID is set for %1: give --client-id or set "
                    "oauth/%2/clientId in the settings.")
                     .arg(config.displayName, config.id);
    return config;
}

// The sign-in prompt: one JSON line with --json, else the sentence; on stdout or stderr.
void printPrompt(CommandContext &context, bool toStdout, const QJsonObject &json,
                 const QString &text)
{
    QTextStream &prompt = toStdout ? context.out() : context.err();
    if (context.json())
        prompt << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
    else
        prompt << text;
    prompt << Qt::endl;
}

int signInWith(CommandContext &context, TokenService &tokens, const QString &account,
               const QString &providerId, bool promptToStdout)
{
    QCommandLineParser &p = context.parser();
    if (providerId.isEmpty())
        return context.usageError(tr("OAuth sign-in needs a provider."));
    if (p.isSet(kDevice) == p.isSet(kBrowser))
        return context.usageError(tr("OAuth sign-in needs exactly one of --device and --browser."));
    QString error;
    const Oauth::ProviderConfig config = provider(context, providerId, &error);
    if (!error.isEmpty())
        return context.runtimeError(error);

    Oauth::TokenSet result;
    Oauth::Error failure;
    if (p.isSet(kDevice)) {
        Oauth::DeviceAuthorizationJob job;
        job.setProvider(config);
        QObject::connect(
            &job, &Oauth::DeviceAuthorizationJob::userCodeReady, &job,
            [&context, promptToStdout](const QString &code, const QUrl &uri, const QUrl &complete) {
                QJsonObject o;
                o.insert(QStringLiteral("userCode"), code);
                o.insert(QStringLiteral("verificationUri"), uri.toString());
                o.insert(QStringLiteral("verificationUriComplete"), complete.toString());
                printPrompt(context, promptToStdout, o,
                            tr("To sign in, open %1 on any device and "
                               "enter the code %2")
                                .arg(uri.toString(), code));
            });
        job.start();
        waitFor(&job, &Oauth::DeviceAuthorizationJob::finished,
                [&job] { return job.isFinished(); });
        failure = job.errorValue();
        result = job.tokens();
    } else {
        Oauth::SystemBrowserAgent agent;
        const bool open = !p.isSet(kNoOpen);
        agent.setOpener([&context, open, promptToStdout](const QUrl &url) {
            QJsonObject o;
            o.insert(QStringLiteral("authorizationUrl"), url.toString(QUrl::FullyEncoded));
            printPrompt(context, promptToStdout, o,
                        tr("Open this address in your web browser to sign in: %1")
                            .arg(url.toString(QUrl::FullyEncoded)));
            if (open)
                QProcess::startDetached(QStringLiteral("xdg-open"),
                                        {url.toString(QUrl::FullyEncoded)});
            return true;
        });
        Oauth::AuthorizationCodeFlow flow;
        flow.setProvider(config);
        flow.setAgent(&agent);
        flow.start();
        waitFor(&flow, &Oauth::AuthorizationCodeFlow::finished,
                [&flow] { return flow.state() == Oauth::AuthorizationCodeFlow::State::Finished; });
        failure = flow.errorValue();
        result = flow.tokens();
    }
    if (failure.isError())
        return context.runtimeError(failure.userMessage());

    TokenRequest *save = tokens.saveSignIn(account, config, result);
    save->setAutoDelete(false);
    std::unique_ptr<TokenRequest> owned(save);
    waitFor(save, &TokenRequest::finished, [save] { return save->isFinished(); });
    if (save->error() != Oauth::Error::Kind::None)
        return context.runtimeError(save->errorString());
    if (!promptToStdout) {
        context.err() << tr("Signed in.") << Qt::endl;
        return Ok; // the add command reports on stdout
    }
    if (context.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("signedIn"), true);
        o.insert(QStringLiteral("account"), account);
        o.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(result.grantedScopes));
        context.printJson(QJsonDocument(o));
    } else {
        context.out() << tr("Signed in. The tokens are in the system keychain.") << Qt::endl;
    }
    return Ok;
}

// tributary-cli oauth signin|status|revoke: OAuth sign-in for an account (retrieval task or
// SMTP account UUID) without the GUI. Tokens go to the keychain only and are never printed.
class OauthCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("oauth"); }

    QString summary() const override
    {
        return tr("Sign an account in with OAuth (device code or browser), show its token "
                  "health, or revoke its tokens.");
    }

    void setUpParser(QCommandLineParser &parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("action"), tr("signin, status or revoke."),
                                     QStringLiteral("signin|status|revoke"));
        parser.addPositionalArgument(QStringLiteral("provider"),
                                     tr("signin: the catalogue provider (microsoft365, outlook, "
                                        "gmail) or \"custom\" with the URL options."),
                                     QStringLiteral("[PROVIDER]"));
        parser.addOption(
            QCommandLineOption(kAccount, tr("The account's UUID."), QStringLiteral("UUID")));
        addOauthSignInOptions(parser);
    }

    int run(CommandContext &context) override
    {
        QCommandLineParser &p = context.parser();
        const QStringList args = p.positionalArguments();
        if (args.isEmpty())
            return context.usageError(tr("oauth needs an action: signin, status or revoke."));
        const QString account = p.value(kAccount);
        if (account.isEmpty())
            return context.usageError(tr("--account UUID is required."));
        if (const int trusted = trustCaFile(context); trusted != Ok)
            return trusted;
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        TokenService tokens(app->secrets(), app->settings());
        const QString &action = args.first();
        if (action == QLatin1String("signin"))
            return oauthSignIn(context, tokens, account, args.value(1), true);
        if (action == QLatin1String("status"))
            return status(context, tokens, account);
        if (action == QLatin1String("revoke"))
            return revoke(context, tokens, account);
        return context.usageError(tr("Unknown action \"%1\".").arg(action));
    }

private:
    int status(CommandContext &context, TokenService &tokens, const QString &account)
    {
        const TokenHealth h = tokens.health(account);
        if (!h.known)
            return context.runtimeError(
                tr("Account %1 has not signed in with OAuth.").arg(account));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (context.json()) {
            QJsonObject o;
            o.insert(QStringLiteral("account"), account);
            o.insert(QStringLiteral("provider"), h.providerId);
            o.insert(QStringLiteral("signInRequired"), h.signInRequired);
            o.insert(QStringLiteral("signInReason"), h.signInReason);
            o.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(h.grantedScopes));
            o.insert(QStringLiteral("accessTokenExpiresAt"),
                     h.accessTokenExpiresAt.toString(Qt::ISODate));
            o.insert(QStringLiteral("lastRefresh"), h.lastRefresh.toString(Qt::ISODate));
            o.insert(QStringLiteral("refreshTokenAgeDays"), h.refreshTokenAgeDays(now));
            o.insert(QStringLiteral("refreshTokenNearsEnd"), h.refreshTokenNearsEnd(now));
            context.printJson(QJsonDocument(o));
            return Ok;
        }
        QTextStream &out = context.out();
        out << tr("Provider: %1").arg(h.providerId) << Qt::endl;
        out << (h.signInRequired ? tr("State: sign in again (%1)").arg(h.signInReason)
                                 : tr("State: signed in"))
            << Qt::endl;
        out << tr("Scopes: %1").arg(h.grantedScopes.join(QLatin1Char(' '))) << Qt::endl;
        out << tr("Access token expires: %1").arg(h.accessTokenExpiresAt.toString(Qt::ISODate))
            << Qt::endl;
        out << tr("Last refresh: %1")
                   .arg(h.lastRefresh.isValid() ? h.lastRefresh.toString(Qt::ISODate) : tr("never"))
            << Qt::endl;
        out << tr("Refresh token age: %1 days").arg(h.refreshTokenAgeDays(now)) << Qt::endl;
        if (h.refreshTokenNearsEnd(now))
            out << tr("The provider will soon stop accepting this sign-in: sign in again.")
                << Qt::endl;
        return Ok;
    }

    int revoke(CommandContext &context, TokenService &tokens, const QString &account)
    {
        TokenRequest *request = tokens.revoke(account);
        request->setAutoDelete(false);
        std::unique_ptr<TokenRequest> owned(request);
        waitFor(request, &TokenRequest::finished, [request] { return request->isFinished(); });
        if (request->error() != Oauth::Error::Kind::None)
            return context.runtimeError(request->errorString());
        if (context.json()) {
            QJsonObject o;
            o.insert(QStringLiteral("revoked"), true);
            o.insert(QStringLiteral("account"), account);
            context.printJson(QJsonDocument(o));
        } else {
            context.out() << tr("Signed out: the tokens were revoked and removed.") << Qt::endl;
        }
        return Ok;
    }
};

} // namespace

void addOauthAddOptions(QCommandLineParser &parser, const QString &oauthHelp)
{
    parser.addOption(QCommandLineOption(QStringLiteral("oauth"), oauthHelp));
    parser.addOption(QCommandLineOption(QStringLiteral("provider"),
                                        tr("add --oauth: the catalogue provider "
                                           "(microsoft365, outlook, gmail) or \"custom\" "
                                           "with the URL options."),
                                        QStringLiteral("ID")));
    addOauthSignInOptions(parser);
}

void addOauthSignInOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(kDevice,
                                        tr("Sign in with a code on another device "
                                           "(RFC 8628).")));
    parser.addOption(QCommandLineOption(kBrowser, tr("Sign in with the web browser.")));
    parser.addOption(QCommandLineOption(kNoOpen,
                                        tr("--browser: only print the address, do "
                                           "not start a browser.")));
    parser.addOption(
        QCommandLineOption(kClientId, tr("The OAuth client ID to use."), QStringLiteral("ID")));
    parser.addOption(QCommandLineOption(kTenant,
                                        tr("Microsoft: common, consumers, "
                                           "organizations or a tenant ID."),
                                        QStringLiteral("TENANT")));
    parser.addOption(QCommandLineOption(kCaFile,
                                        tr("Also trust the CA certificates in this "
                                           "PEM file for the provider."),
                                        QStringLiteral("FILE")));
    parser.addOption(
        QCommandLineOption(kAuthUrl, tr("custom: authorization endpoint."), QStringLiteral("URL")));
    parser.addOption(
        QCommandLineOption(kTokenUrl, tr("custom: token endpoint."), QStringLiteral("URL")));
    parser.addOption(QCommandLineOption(kDeviceUrl,
                                        tr("custom: device authorization "
                                           "endpoint."),
                                        QStringLiteral("URL")));
    parser.addOption(QCommandLineOption(kRevocationUrl, tr("custom: revocation endpoint."),
                                        QStringLiteral("URL")));
    parser.addOption(QCommandLineOption(kScopes, tr("custom: scopes, separated by spaces."),
                                        QStringLiteral("SCOPES")));
}

int oauthSignIn(CommandContext &context, TokenService &tokens, const QString &account,
                const QString &providerId, bool promptToStdout)
{
    if (const int trusted = trustCaFile(context); trusted != Ok)
        return trusted;
    return signInWith(context, tokens, account, providerId, promptToStdout);
}

void oauthDiscardSignIn(TokenService &tokens, const QString &account)
{
    TokenRequest *request = tokens.revoke(account);
    request->setAutoDelete(false);
    std::unique_ptr<TokenRequest> owned(request);
    waitFor(request, &TokenRequest::finished, [request] { return request->isFinished(); });
}

std::unique_ptr<Command> makeOauthCommand()
{
    return std::make_unique<OauthCommand>();
}

} // namespace Tributary::Cli
