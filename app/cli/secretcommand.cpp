#include "command.h"
#include "secretinput.h"

#include "app/services/appcontext.h"
#include "app/services/secretstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaEnum>

namespace Tributary::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tributary-cli", text);
}

const QString kAccount = QStringLiteral("account");
const QString kKind = QStringLiteral("kind");
const QString kAll = QStringLiteral("all");

// Runs a keychain job to its end. The CLI has no other event loop running: this one is
// the process's main loop while the job runs.
std::unique_ptr<SecretJob> runJob(SecretJob *job)
{
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    if (!job->isFinished()) {
        QEventLoop loop;
        QObject::connect(job, &SecretJob::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return owned;
}

// tributary-cli secret store|check|delete|list: an account's secrets in the system
// keychain. Never prints a secret.
class SecretCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("secret"); }

    QString summary() const override
    {
        return tr("Store, check or delete an account's password or token in the system "
                  "keychain; list which exist.");
    }

    void setUpParser(QCommandLineParser &parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("action"), tr("store, check, delete or list."),
                                     QStringLiteral("store|check|delete|list"));
        parser.addOption(
            QCommandLineOption(kAccount, tr("The account's UUID."), QStringLiteral("UUID")));
        parser.addOption(QCommandLineOption(
            kKind,
            tr("password (default), oauth-refresh-token, oauth-access-token or app-password."),
            QStringLiteral("KIND"), QStringLiteral("password")));
        parser.addOption(QCommandLineOption(kAll, tr("delete: every kind of the account.")));
        addSecretInputOptions(parser);
    }

    int run(CommandContext &context) override
    {
        QCommandLineParser &parser = context.parser();
        const QStringList positional = parser.positionalArguments();
        if (positional.size() != 1)
            return context.usageError(tr("secret needs one action: store, check, delete or list."));
        const QString &action = positional.first();
        if (action == QLatin1String("list"))
            return list(context);
        if (action != QLatin1String("store") && action != QLatin1String("check")
            && action != QLatin1String("delete"))
            return context.usageError(tr("Unknown secret action '%1'.").arg(action));

        const QString account = parser.value(kAccount);
        if (account.isEmpty())
            return context.usageError(tr("--account UUID is required."));
        const auto kind = secretKindFromName(parser.value(kKind));
        if (!kind)
            return context.usageError(tr("Unknown secret kind '%1'.").arg(parser.value(kKind)));

        if (action == QLatin1String("store")) {
            QString error;
            bool usage = false;
            const auto secret = readSecret(
                parser, tr("%1 for %2: ").arg(secretKindName(*kind), account), &error, &usage);
            if (!secret)
                return usage ? context.usageError(error) : context.runtimeError(error);
            if (secret->isEmpty())
                return context.usageError(tr("The secret is empty."));
            AppContext *app = context.context();
            if (!app)
                return RuntimeError;
            return report(context, runJob(app->secrets().write(*kind, account, *secret)).get(),
                          tr("Stored."));
        }

        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        if (action == QLatin1String("check")) {
            auto job = runJob(app->secrets().read(*kind, account));
            return report(context, job.get(), tr("Present."));
        }
        SecretJob *job = parser.isSet(kAll) ? app->secrets().removeAll(account)
                                            : app->secrets().remove(*kind, account);
        return report(context, runJob(job).get(), tr("Deleted."));
    }

private:
    int report(CommandContext &context, SecretJob *job, const QString &success)
    {
        if (context.json()) {
            QJsonObject object;
            object.insert(QStringLiteral("ok"), job->error() == SecretJob::Error::NoError);
            object.insert(QStringLiteral("error"),
                          QString::fromLatin1(QMetaEnum::fromType<SecretJob::Error>().valueToKey(
                              int(job->error()))));
            if (job->error() != SecretJob::Error::NoError)
                object.insert(QStringLiteral("message"), job->errorString());
            context.printJson(QJsonDocument(object));
        } else if (job->error() == SecretJob::Error::NoError) {
            context.out() << success << '\n';
            context.out().flush();
        }
        if (job->error() == SecretJob::Error::NoError)
            return Ok;
        return context.runtimeError(job->errorString());
    }

    int list(CommandContext &context)
    {
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        SecretStore &secrets = app->secrets();
        QStringList accounts = secrets.indexedAccounts();
        accounts.sort();
        if (context.json()) {
            QJsonObject root;
            for (const QString &account : std::as_const(accounts)) {
                QJsonArray kinds;
                for (SecretKind kind : secrets.indexedKinds(account))
                    kinds.append(secretKindName(kind));
                root.insert(account, kinds);
            }
            context.printJson(QJsonDocument(root));
            return Ok;
        }
        for (const QString &account : std::as_const(accounts)) {
            QStringList kinds;
            for (SecretKind kind : secrets.indexedKinds(account))
                kinds.append(secretKindName(kind));
            context.out() << account << "  " << kinds.join(QStringLiteral(", ")) << '\n';
        }
        context.out().flush();
        return Ok;
    }
};

} // namespace

std::unique_ptr<Command> makeSecretCommand()
{
    return std::make_unique<SecretCommand>();
}

} // namespace Tributary::Cli
