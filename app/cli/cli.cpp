#include "cli.h"

#include "command.h"

#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "app/services/version.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Tributary::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tributary-cli", text);
}

const QString kJson = QStringLiteral("json");
const QString kHelp = QStringLiteral("help");
const QString kVersion = QStringLiteral("version");

void addGlobalOptions(QCommandLineParser &parser)
{
    parser.addOption(Profile::commandLineOption());
    parser.addOption(QCommandLineOption(kJson, tr("Print the result as JSON.")));
    parser.addOption(
        QCommandLineOption(QStringList {QStringLiteral("h"), kHelp},
                           tr("Show help (for a command: tributary-cli COMMAND --help).")));
    parser.addOption(
        QCommandLineOption(QStringList {QStringLiteral("v"), kVersion}, tr("Show the version.")));
}

QString programName(const QStringList &arguments)
{
    return arguments.isEmpty() ? QStringLiteral("tributary-cli")
                               : QFileInfo(arguments.first()).fileName();
}

// QCommandLineParser's help names the executable by its full path and knows nothing of
// subcommands; name it as the user typed it.
QString helpText(const QCommandLineParser &parser, const QString &usageName)
{
    QString text = parser.helpText();
    const QString usage = QStringLiteral("Usage: ");
    if (text.startsWith(usage)) {
        const qsizetype end = text.indexOf(QLatin1Char(' '), usage.size());
        if (end > 0)
            text.replace(usage.size(), end - usage.size(), usageName);
    }
    return text;
}

} // namespace

CommandContext::CommandContext(QCommandLineParser &parser, QTextStream &out, QTextStream &err,
                               bool json, QString profileDir)
    : m_parser(parser)
    , m_out(out)
    , m_err(err)
    , m_json(json)
    , m_profileDir(std::move(profileDir))
{
}

CommandContext::~CommandContext() = default;

AppContext *CommandContext::context()
{
    if (!m_context) {
        QString error;
        m_context = AppContext::open(Profile::resolve(m_profileDir), &error);
        if (!m_context) {
            m_err << tr("Error: %1").arg(error) << '\n';
            m_err.flush();
        }
    }
    return m_context.get();
}

int CommandContext::usageError(const QString &message)
{
    m_err << tr("Error: %1").arg(message) << '\n'
          << tr("Try 'tributary-cli --help' for more information.") << '\n';
    m_err.flush();
    return UsageError;
}

int CommandContext::runtimeError(const QString &message)
{
    m_err << tr("Error: %1").arg(message) << '\n';
    m_err.flush();
    return RuntimeError;
}

void CommandContext::printJson(const QJsonDocument &document)
{
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const std::vector<std::unique_ptr<Command>> commands = allCommands();
    const QString program = programName(arguments);

    QString description = tr("Tributary gathers your mail from other accounts into one "
                             "mailbox.\n\nCommands:\n");
    for (const auto &command : commands)
        description += QStringLiteral("  %1%2\n").arg(command->name(), -12).arg(command->summary());

    // First pass: global options up to the command word; everything after it is the
    // command's (parsed again below, together with the global options).
    QCommandLineParser global;
    global.setApplicationDescription(description);
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    addGlobalOptions(global);
    global.addPositionalArgument(QStringLiteral("command"), tr("The command to run."),
                                 QStringLiteral("COMMAND [OPTIONS]"));

    auto usage = [&](const QString &message) {
        err << tr("Error: %1").arg(message) << '\n'
            << tr("Try '%1 --help' for more information.").arg(program) << '\n';
        err.flush();
        return int(UsageError);
    };

    if (!global.parse(arguments))
        return usage(global.errorText());
    if (global.isSet(kVersion)) {
        out << applicationName() << ' ' << applicationVersion() << '\n';
        out.flush();
        return Ok;
    }
    const QStringList positional = global.positionalArguments();
    if (global.isSet(kHelp) && positional.isEmpty()) {
        out << helpText(global, program);
        out.flush();
        return Ok;
    }
    if (positional.isEmpty())
        return usage(tr("No command given."));

    const QString &name = positional.first();
    Command *command = nullptr;
    for (const auto &candidate : commands) {
        if (candidate->name() == name)
            command = candidate.get();
    }
    if (!command)
        return usage(tr("Unknown command '%1'.").arg(name));

    // Second pass: the command's own parser, with the global options allowed on either side
    // of the command word.
    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary());
    addGlobalOptions(parser);
    command->setUpParser(parser);
    QStringList commandArguments = arguments;
    qsizetype commandIndex = arguments.size() - positional.size();
    if (arguments.value(commandIndex) != name) // a "--" came before the command word
        commandIndex = arguments.indexOf(name, 1);
    commandArguments.removeAt(commandIndex);
    if (!parser.parse(commandArguments))
        return usage(parser.errorText());
    if (parser.isSet(kHelp)) {
        out << helpText(parser, program + QLatin1Char(' ') + name);
        out.flush();
        return Ok;
    }

    const bool json = global.isSet(kJson) || parser.isSet(kJson);
    QString profileDir = parser.value(QStringLiteral("profile"));
    if (profileDir.isEmpty())
        profileDir = global.value(QStringLiteral("profile"));
    CommandContext context(parser, out, err, json, profileDir);
    return command->run(context);
}

} // namespace Tributary::Cli
