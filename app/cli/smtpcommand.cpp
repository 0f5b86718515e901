#include "command.h"
#include "commandhelpers.h"
#include "oauthcommand.h"
#include "secretinput.h"

#include "app/services/appcontext.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "connectors/common/endpoint.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaEnum>
#include <QSslCertificate>

namespace Tributary::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tributary-cli", text);
}

const QString kAccount = QStringLiteral("account");
const QString kName = QStringLiteral("name");
const QString kServer = QStringLiteral("server");
const QString kPort = QStringLiteral("port");
const QString kEncryption = QStringLiteral("encryption");
const QString kEmail = QStringLiteral("email");
const QString kUser = QStringLiteral("user");
const QString kNoAuth = QStringLiteral("no-auth");
const QString kOauth = QStringLiteral("oauth");
const QString kProvider = QStringLiteral("provider");
const QString kCa = QStringLiteral("ca");

// Runs a service job to its end; this loop is the process's main loop while it runs.
std::unique_ptr<SmtpAccountJob> runJob(SmtpAccountJob *job)
{
    job->setAutoDelete(false);
    std::unique_ptr<SmtpAccountJob> owned(job);
    if (!job->isFinished()) {
        QEventLoop loop;
        QObject::connect(job, &SmtpAccountJob::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return owned;
}

QJsonObject toJson(const SmtpAccount &a)
{
    QJsonObject o;
    o.insert(QStringLiteral("uuid"), a.uuid.toString(QUuid::WithoutBraces));
    o.insert(QStringLiteral("name"), a.displayName);
    o.insert(QStringLiteral("server"), a.server);
    o.insert(QStringLiteral("port"), int(a.port));
    o.insert(QStringLiteral("encryption"), SmtpAccount::encryptionName(a.encryption));
    o.insert(QStringLiteral("email"), a.email);
    o.insert(QStringLiteral("authentication"), a.authEnabled);
    o.insert(QStringLiteral("auth"), SmtpAccount::authKindName(a.authKind));
    o.insert(QStringLiteral("user"), a.username);
    return o;
}

// tributary-cli smtp add|list|test|delete: the SMTP Accounts page on the command line,
// through the same SmtpAccountService (validation, connection test before saving, the
// password in the keychain). Never takes a password on the command line.
class SmtpCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("smtp"); }

    QString summary() const override
    {
        return tr("Add, list, test or delete SMTP accounts (sending through other accounts' "
                  "servers).");
    }

    void setUpParser(QCommandLineParser &parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("action"), tr("add, list, test or delete."),
                                     QStringLiteral("add|list|test|delete"));
        parser.addOption(QCommandLineOption(kAccount, tr("test, delete: the account's UUID."),
                                            QStringLiteral("UUID")));
        parser.addOption(
            QCommandLineOption(kName, tr("add: the display name."), QStringLiteral("NAME")));
        parser.addOption(
            QCommandLineOption(kServer, tr("add: the server address."), QStringLiteral("HOST")));
        parser.addOption(QCommandLineOption(
            kPort, tr("add: the server port (default 25, 465 with ssl, 587 with starttls)."),
            QStringLiteral("PORT")));
        parser.addOption(QCommandLineOption(kEncryption,
                                            tr("add: none, ssl or starttls (default)."),
                                            QStringLiteral("MODE"), QStringLiteral("starttls")));
        parser.addOption(QCommandLineOption(kEmail, tr("add: the email address sent from."),
                                            QStringLiteral("ADDRESS")));
        parser.addOption(QCommandLineOption(kUser, tr("add: the user name to sign in with."),
                                            QStringLiteral("USER")));
        parser.addOption(QCommandLineOption(kNoAuth, tr("add: the server needs no sign-in.")));
        addSecretInputOptions(parser);
        addOauthAddOptions(parser,
                           tr("add: sign in with OAuth instead of a password (with --device or "
                              "--browser and --provider); the account is created only when the "
                              "sign-in and the connection test succeed."));
        parser.addOption(QCommandLineOption(
            kCa,
            tr("add --oauth: also trust the CA certificates in FILE (PEM) for the SMTP "
               "server."),
            QStringLiteral("FILE")));
    }

    int run(CommandContext &context) override
    {
        const QStringList positional = context.parser().positionalArguments();
        if (positional.size() != 1)
            return context.usageError(tr("smtp needs one action: add, list, test or delete."));
        const QString &action = positional.first();
        if (action == QLatin1String("list"))
            return list(context);
        if (action == QLatin1String("add"))
            return add(context);
        if (action == QLatin1String("test") || action == QLatin1String("delete"))
            return testOrDelete(context, action == QLatin1String("delete"));
        return context.usageError(tr("Unknown smtp action '%1'.").arg(action));
    }

private:
    int add(CommandContext &context)
    {
        QCommandLineParser &parser = context.parser();
        SmtpAccount account;
        bool ok = false;
        account.encryption = SmtpAccount::encryptionFromName(parser.value(kEncryption), &ok);
        if (!ok)
            return context.usageError(tr("Unknown encryption '%1': use none, ssl or starttls.")
                                          .arg(parser.value(kEncryption)));
        account.displayName = parser.value(kName);
        account.server = parser.value(kServer);
        account.email = parser.value(kEmail);
        account.authEnabled = !parser.isSet(kNoAuth);
        account.username = account.authEnabled ? parser.value(kUser) : QString();
        if (parser.isSet(kPort)) {
            const uint port = parser.value(kPort).toUInt(&ok);
            if (!ok || port == 0 || port > 65535)
                return context.usageError(tr("--port must be a number from 1 to 65535."));
            account.port = quint16(port);
        } else {
            account.port = account.encryption == SmtpAccount::Encryption::Ssl ? 465
                : account.encryption == SmtpAccount::Encryption::StartTls     ? 587
                                                                              : 25;
        }
        if (parser.isSet(kOauth)) {
            account.authKind = SmtpAccount::AuthKind::OAuth;
            account.authEnabled = true;
        }
        const QString invalid = SmtpAccountService::validate(account, std::nullopt);
        if (!invalid.isEmpty())
            return context.usageError(invalid);
        if (parser.isSet(kOauth))
            return addOauth(context, account);

        QString password;
        if (account.authEnabled) {
            QString error;
            bool usage = false;
            const auto secret
                = readSecret(parser, tr("Password for %1: ").arg(account.username), &error, &usage);
            if (!secret)
                return usage ? context.usageError(error) : context.runtimeError(error);
            password = QString::fromUtf8(*secret);
        }
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        auto job = runJob(app->smtpAccountService().add(account, password));
        return report(context, job.get(),
                      tr("Added %1.").arg(job->account().uuid.toString(QUuid::WithoutBraces)));
    }

    // add --oauth: signs in under a new account uuid, then adds the account (the service
    // tests it over XOAUTH2). When the test fails the tokens are revoked: nothing is kept.
    int addOauth(CommandContext &context, SmtpAccount account)
    {
        QCommandLineParser &parser = context.parser();
        const QString providerId = parser.value(kProvider).trimmed();
        if (providerId.isEmpty())
            return context.usageError(tr("--oauth needs --provider ID."));
        QList<QSslCertificate> cas;
        if (const int read = readCaOption(context, kCa, &cas); read != Ok)
            return read;
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        account.uuid = SmtpAccountService::newAccountUuid();
        const QString uuid = account.uuid.toString(QUuid::WithoutBraces);
        TokenService &tokens = app->tokenService();
        if (const int signedIn = oauthSignIn(context, tokens, uuid, providerId, false);
            signedIn != Ok)
            return signedIn;
        SmtpAccountService &service = app->smtpAccountService();
        if (!cas.isEmpty())
            service.setEndpointDecorator(
                [cas](Net::Endpoint &endpoint) { endpoint.extraCaCertificates += cas; });
        auto job = runJob(service.add(account, QString()));
        if (job->error() != SmtpAccountJob::Error::NoError)
            oauthDiscardSignIn(tokens, uuid);
        return report(context, job.get(), tr("Added %1.").arg(uuid));
    }

    int testOrDelete(CommandContext &context, bool remove)
    {
        const QUuid uuid = QUuid::fromString(context.parser().value(kAccount));
        if (uuid.isNull())
            return context.usageError(tr("--account UUID is required."));
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        if (remove)
            return report(context, runJob(app->smtpAccountService().remove(uuid)).get(),
                          tr("Deleted."));
        const auto account = app->store().smtpAccount(uuid);
        if (!account)
            return context.runtimeError(
                tr("There is no SMTP account %1.").arg(uuid.toString(QUuid::WithoutBraces)));
        return report(context, runJob(app->smtpAccountService().test(*account, std::nullopt)).get(),
                      tr("The connection works."));
    }

    int report(CommandContext &context, SmtpAccountJob *job, const QString &success)
    {
        JobResult result;
        result.ok = job->error() == SmtpAccountJob::Error::NoError;
        result.error = QString::fromLatin1(
            QMetaEnum::fromType<SmtpAccountJob::Error>().valueToKey(int(job->error())));
        result.message = job->errorString();
        result.itemKey = QStringLiteral("account");
        if (result.ok && !job->account().uuid.isNull())
            result.item = toJson(job->account());
        result.usage = job->error() == SmtpAccountJob::Error::Invalid;
        return printJobResult(context, result, success);
    }

    int list(CommandContext &context)
    {
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        return printList(context, app->store().smtpAccounts(), toJson,
                         [](QTextStream &out, const SmtpAccount &a) {
                             out << a.uuid.toString(QUuid::WithoutBraces) << "  " << a.displayName
                                 << "  <" << a.email << ">  " << a.server << ':' << a.port << "  "
                                 << SmtpAccount::encryptionName(a.encryption) << '\n';
                         });
    }
};

} // namespace

std::unique_ptr<Command> makeSmtpCommand()
{
    return std::make_unique<SmtpCommand>();
}

} // namespace Tributary::Cli
