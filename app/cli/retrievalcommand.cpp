#include "command.h"
#include "commandhelpers.h"
#include "oauthcommand.h"
#include "secretinput.h"

#include "app/services/appcontext.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/retrieval/retrievalrunhandle.h"
#include "app/services/retrieval/retrievalrunstarter.h"
#include "app/services/retrievaltasks/retrievaltaskservice.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaEnum>
#include <QPointer>
#include <QSslCertificate>

namespace Tributary::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tributary-cli", text);
}

const QString kTask = QStringLiteral("task");
const QString kName = QStringLiteral("name");
const QString kType = QStringLiteral("type");
const QString kServer = QStringLiteral("server");
const QString kPort = QStringLiteral("port");
const QString kSecurity = QStringLiteral("security");
const QString kUser = QStringLiteral("user");
const QString kMethod = QStringLiteral("method");
const QString kFolder = QStringLiteral("folder");
const QString kApop = QStringLiteral("apop");
const QString kDeleteFromServer = QStringLiteral("delete-from-server");
const QString kFiltering = QStringLiteral("filtering");
const QString kCa = QStringLiteral("ca");
const QString kOauth = QStringLiteral("oauth");
const QString kProvider = QStringLiteral("provider");

// The outcome of one service job, copied before the job deletes itself.
struct Outcome
{
    RetrievalTaskJob::Error error = RetrievalTaskJob::Error::NoError;
    QString message;
    RetrievalTask task;
};

// Runs a service job to its end. The CLI has no other event loop running: this one is the
// process's main loop while the job runs.
Outcome runJob(RetrievalTaskJob *job)
{
    Outcome outcome;
    QEventLoop loop;
    QObject::connect(job, &RetrievalTaskJob::finished, &loop, [&](RetrievalTaskJob *done) {
        outcome.error = done->error();
        outcome.message = done->errorString();
        outcome.task = done->task();
        loop.quit();
    });
    loop.exec();
    return outcome;
}

QJsonObject taskToJson(const RetrievalTask &task)
{
    QJsonObject object;
    object.insert(QStringLiteral("uuid"), task.uuid.toString(QUuid::WithoutBraces));
    object.insert(QStringLiteral("name"), task.name);
    object.insert(QStringLiteral("type"), RetrievalTask::kindName(task.kind));
    object.insert(QStringLiteral("server"), task.server);
    object.insert(QStringLiteral("port"), int(task.port));
    object.insert(QStringLiteral("security"), RetrievalTask::securityName(task.security));
    object.insert(QStringLiteral("user"), task.username);
    object.insert(QStringLiteral("method"), RetrievalTask::methodName(task.method));
    object.insert(QStringLiteral("destinationFolderId"), task.destinationFolderId);
    object.insert(QStringLiteral("apop"), task.apop);
    object.insert(QStringLiteral("leaveOnServer"), task.leaveOnServer);
    object.insert(QStringLiteral("filtering"), task.filtering);
    object.insert(QStringLiteral("provider"), task.providerId);
    object.insert(QStringLiteral("auth"), RetrievalTask::authKindName(task.authKind));
    return object;
}

// The outcome of one retrieval run (POP3 or IMAP), copied from its finished() signal.
struct RunOutcome
{
    bool finished = false;
    bool ok = false;
    QString message;
    int retrieved = 0;
};

// tributary-cli retrieval add|list|test|run|delete: Email Retrieval tasks. add and test check
// the connection first; add stores nothing when the check fails. The password is read with
// secretinput.h (environment, file descriptor or prompt), never from argv.
class RetrievalCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("retrieval"); }

    QString summary() const override
    {
        return tr("Add, list, test, run or delete Email Retrieval tasks (POP3 and IMAP "
                  "accounts to collect mail from).");
    }

    void setUpParser(QCommandLineParser &parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("action"),
                                     tr("add, list, test, run or delete."),
                                     QStringLiteral("add|list|test|run|delete"));
        parser.addOption(
            QCommandLineOption(kTask, tr("run/delete, and test of an OAuth task: the task's UUID."),
                               QStringLiteral("UUID")));
        parser.addOption(
            QCommandLineOption(kName, tr("add: a name for the task."), QStringLiteral("NAME")));
        parser.addOption(
            QCommandLineOption(kType, tr("add/test: pop3 or imap."), QStringLiteral("TYPE")));
        parser.addOption(QCommandLineOption(kServer, tr("add/test: the server address."),
                                            QStringLiteral("HOST")));
        parser.addOption(QCommandLineOption(
            kPort, tr("add/test: the port (default: 110/995 for POP3, 143/993 for IMAP)."),
            QStringLiteral("PORT")));
        parser.addOption(QCommandLineOption(kSecurity,
                                            tr("add/test: ssl (default), starttls or none."),
                                            QStringLiteral("SECURITY"), QStringLiteral("ssl")));
        parser.addOption(
            QCommandLineOption(kUser, tr("add/test: the user name."), QStringLiteral("USER")));
        parser.addOption(QCommandLineOption(kMethod, tr("add: manual (default) or automatic."),
                                            QStringLiteral("METHOD"), QStringLiteral("manual")));
        parser.addOption(QCommandLineOption(kFolder,
                                            tr("add: destination folder id (default: the Inbox)."),
                                            QStringLiteral("ID"), QStringLiteral("0")));
        parser.addOption(QCommandLineOption(kApop, tr("add/test: sign in with APOP (POP3).")));
        parser.addOption(QCommandLineOption(
            kDeleteFromServer, tr("add: do not leave messages on the server (POP3).")));
        parser.addOption(
            QCommandLineOption(kFiltering, tr("add: enable spam and content filtering.")));
        parser.addOption(QCommandLineOption(
            kCa, tr("add/test/run: also trust the CA certificates in FILE (PEM)."),
            QStringLiteral("FILE")));
        addSecretInputOptions(parser);
        addOauthAddOptions(parser,
                           tr("add: sign in with OAuth instead of a password (with --device or "
                              "--browser and --provider); the task is created only when the "
                              "sign-in and the connection test succeed."));
    }

    int run(CommandContext &context) override
    {
        const QStringList positional = context.parser().positionalArguments();
        if (positional.size() != 1)
            return context.usageError(
                tr("retrieval needs one action: add, list, test, run or delete."));
        const QString &action = positional.first();
        if (action == QLatin1String("list"))
            return list(context);
        if (action == QLatin1String("delete"))
            return remove(context);
        if (action == QLatin1String("run"))
            return runTask(context);
        if (action == QLatin1String("add") || action == QLatin1String("test"))
            return addOrTest(context, action == QLatin1String("add"));
        return context.usageError(tr("Unknown retrieval action '%1'.").arg(action));
    }

private:
    int list(CommandContext &context)
    {
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        return printList(context, app->store().retrievalTasks(), taskToJson,
                         [](QTextStream &out, const RetrievalTask &task) {
                             out << task.uuid.toString(QUuid::WithoutBraces) << "  "
                                 << RetrievalTask::kindName(task.kind) << "  " << task.username
                                 << '@' << task.server << ':' << task.port << "  " << task.name
                                 << '\n';
                         });
    }

    int remove(CommandContext &context)
    {
        const QUuid uuid = QUuid::fromString(context.parser().value(kTask));
        if (uuid.isNull())
            return context.usageError(tr("--task UUID is required."));
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        RetrievalTaskService service(app->store(), app->secrets());
        service.setTokenService(&app->tokenService()); // OAuth tasks: revoke their tokens
        const Outcome outcome = runJob(service.remove(uuid));
        return report(context, outcome, tr("Deleted."));
    }

    // --task UUID and --ca FILE of run and test: the stored task and the extra CAs. Returns
    // Ok, or the exit code after printing why not.
    int storedTask(CommandContext &context, std::optional<RetrievalTask> *task,
                   QList<QSslCertificate> *cas)
    {
        QCommandLineParser &parser = context.parser();
        const QUuid uuid = QUuid::fromString(parser.value(kTask));
        if (uuid.isNull())
            return context.usageError(tr("--task UUID is required."));
        if (const int read = readCaOption(context, kCa, cas); read != Ok)
            return read;
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        *task = app->store().retrievalTask(uuid);
        if (!*task)
            return context.runtimeError(
                tr("There is no retrieval task %1.").arg(uuid.toString(QUuid::WithoutBraces)));
        return Ok;
    }

    // Retrieves the task's new mail now, with the same engine the scheduler uses, and waits
    // for the run to end. The run records its result on the task and in the activity log.
    int runTask(CommandContext &context)
    {
        std::optional<RetrievalTask> task;
        QList<QSslCertificate> cas;
        if (const int found = storedTask(context, &task, &cas); found != Ok)
            return found;
        AppContext *app = context.context();

        RetrievalRunHandle *run = startRetrievalRun(app->store(), app->secrets(), &app->log(),
                                                    *task, nullptr, cas, &app->tokenService());
        if (!run)
            return context.runtimeError(tr("Tasks of this type cannot be run yet."));
        RunOutcome outcome;
        QObject::connect(run, &RetrievalRunHandle::finished, run,
                         [&outcome](bool ok, int newMessages, const QString &summary) {
                             outcome = {true, ok, summary, newMessages};
                         });
        QEventLoop loop;
        QObject::connect(run, &QObject::destroyed, &loop, &QEventLoop::quit);
        loop.exec();
        if (!outcome.finished)
            return context.runtimeError(tr("The retrieval run ended without a result."));

        if (context.json()) {
            QJsonObject object;
            object.insert(QStringLiteral("ok"), outcome.ok);
            object.insert(QStringLiteral("retrieved"), outcome.retrieved);
            if (!outcome.ok)
                object.insert(QStringLiteral("message"), outcome.message);
            context.printJson(QJsonDocument(object));
        } else if (outcome.ok) {
            context.out() << QCoreApplication::translate(
                "tributary-cli", "Retrieved %n new message(s).", nullptr, outcome.retrieved)
                          << '\n';
            context.out().flush();
        }
        return outcome.ok ? int(Ok) : context.runtimeError(outcome.message);
    }

    // test --task UUID: tests a stored OAuth task with its saved sign-in (refreshed when
    // needed). Password tasks are tested with the connection options and the password.
    int testStoredOauth(CommandContext &context)
    {
        std::optional<RetrievalTask> task;
        QList<QSslCertificate> cas;
        if (const int found = storedTask(context, &task, &cas); found != Ok)
            return found;
        AppContext *app = context.context();
        if (task->authKind != RetrievalTask::AuthKind::OAuth)
            return context.usageError(tr("--task tests OAuth tasks only; test a password "
                                         "task with its connection options."));
        RetrievalTaskService service(app->store(), app->secrets());
        service.setTokenService(&app->tokenService());
        service.setExtraCaCertificates(cas);
        return report(context, runJob(service.test(*task, QString())), tr("The connection works."));
    }

    int addOrTest(CommandContext &context, bool add)
    {
        QCommandLineParser &parser = context.parser();
        if (!add && parser.isSet(kTask))
            return testStoredOauth(context);
        RetrievalTask task;
        bool ok = false;
        QString type = parser.value(kType);
        if (type == QLatin1String("pop3"))
            type = QStringLiteral("pop");
        task.kind = RetrievalTask::kindFromName(type, &ok);
        if (!ok || task.kind == RetrievalTask::Kind::Exchange)
            return context.usageError(tr("--type must be pop3 or imap."));
        const QString security = parser.value(kSecurity);
        if (security == QLatin1String("ssl"))
            task.security = RetrievalTask::Security::SslTls;
        else if (security == QLatin1String("starttls"))
            task.security = RetrievalTask::Security::StartTls;
        else if (security == QLatin1String("none"))
            task.security = RetrievalTask::Security::None;
        else
            return context.usageError(tr("--security must be ssl, starttls or none."));
        task.server = parser.value(kServer).trimmed();
        task.username = parser.value(kUser).trimmed();
        if (task.server.isEmpty() || task.username.isEmpty())
            return context.usageError(tr("--server and --user are required."));
        const bool pop = task.kind == RetrievalTask::Kind::Pop3;
        const bool ssl = task.security == RetrievalTask::Security::SslTls;
        task.port = pop ? (ssl ? 995 : 110) : (ssl ? 993 : 143);
        if (parser.isSet(kPort)) {
            const uint port = parser.value(kPort).toUInt(&ok);
            if (!ok || port == 0 || port > 65535)
                return context.usageError(tr("--port must be a number from 1 to 65535."));
            task.port = quint16(port);
        }
        if (parser.value(kMethod) == QLatin1String("automatic"))
            task.method = RetrievalTask::Method::Automatic;
        else if (parser.value(kMethod) != QLatin1String("manual"))
            return context.usageError(tr("--method must be manual or automatic."));
        task.destinationFolderId = parser.value(kFolder).toLongLong(&ok);
        if (!ok || task.destinationFolderId < 0)
            return context.usageError(tr("--folder must be a folder id."));
        task.apop = parser.isSet(kApop);
        task.leaveOnServer = !parser.isSet(kDeleteFromServer);
        task.filtering = parser.isSet(kFiltering);
        task.providerId = pop ? QStringLiteral("other-pop") : QStringLiteral("other-imap");
        task.name = parser.isSet(kName) ? parser.value(kName)
                                        : task.username + QLatin1Char('@') + task.server;

        QList<QSslCertificate> cas;
        if (const int read = readCaOption(context, kCa, &cas); read != Ok)
            return read;

        if (parser.isSet(kOauth)) {
            if (!add)
                return context.usageError(tr("--oauth is only for add; test an added OAuth "
                                             "task with its --task UUID."));
            return addOauth(context, task, cas);
        }

        QString error;
        bool usage = false;
        const auto secret
            = readSecret(parser, tr("Password for %1: ").arg(task.name), &error, &usage);
        if (!secret)
            return usage ? context.usageError(error) : context.runtimeError(error);
        if (secret->isEmpty())
            return context.usageError(tr("The password is empty."));

        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        RetrievalTaskService service(app->store(), app->secrets());
        service.setExtraCaCertificates(cas);
        const QString password = QString::fromUtf8(*secret);
        if (!add)
            return report(context, runJob(service.test(task, password)),
                          tr("The connection works."));
        const Outcome outcome = runJob(service.add(task, password));
        return report(context, outcome,
                      tr("Added %1.").arg(outcome.task.uuid.toString(QUuid::WithoutBraces)));
    }

    // add --oauth: signs in under a new task uuid, then adds the task (the service tests the
    // connection with the saved token). When the test fails the tokens are revoked, so
    // nothing of the task stays behind.
    int addOauth(CommandContext &context, RetrievalTask task, const QList<QSslCertificate> &cas)
    {
        QCommandLineParser &parser = context.parser();
        const QString providerId = parser.value(kProvider).trimmed();
        if (providerId.isEmpty())
            return context.usageError(tr("--oauth needs --provider ID."));
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        task.uuid = RetrievalTaskService::newTaskUuid();
        task.authKind = RetrievalTask::AuthKind::OAuth;
        task.providerId = providerId;
        TokenService &tokens = app->tokenService();
        const QString account = task.uuid.toString(QUuid::WithoutBraces);
        if (const int signedIn = oauthSignIn(context, tokens, account, providerId, false);
            signedIn != Ok)
            return signedIn;
        RetrievalTaskService service(app->store(), app->secrets());
        service.setTokenService(&tokens);
        service.setExtraCaCertificates(cas);
        const Outcome outcome = runJob(service.add(task, QString()));
        if (outcome.error != RetrievalTaskJob::Error::NoError)
            oauthDiscardSignIn(tokens, account);
        return report(context, outcome, tr("Added %1.").arg(account));
    }

    int report(CommandContext &context, const Outcome &outcome, const QString &success)
    {
        JobResult result;
        result.ok = outcome.error == RetrievalTaskJob::Error::NoError;
        result.error = QString::fromLatin1(
            QMetaEnum::fromType<RetrievalTaskJob::Error>().valueToKey(int(outcome.error)));
        result.message = outcome.message;
        result.itemKey = QStringLiteral("task");
        if (!outcome.task.uuid.isNull())
            result.item = taskToJson(outcome.task);
        return printJobResult(context, result, success);
    }
};

} // namespace

std::unique_ptr<Command> makeRetrievalCommand()
{
    return std::make_unique<RetrievalCommand>();
}

} // namespace Tributary::Cli
