#pragma once

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QString>
#include <QTextStream>

#include <memory>

namespace Tributary {
class AppContext;
}

namespace Tributary::Cli {

// Exit codes of tributary-cli.
enum ExitCode : int {
    Ok = 0,
    RuntimeError = 1, // the command ran and failed; a message is on stderr
    UsageError = 2, // bad command line; a message and a hint are on stderr
};

// What a subcommand gets to run: its parsed command line, the output streams, whether
// --json was given, and the profile's AppContext (opened on first use).
class CommandContext
{
public:
    CommandContext(QCommandLineParser &parser, QTextStream &out, QTextStream &err, bool json,
                   QString profileDir);
    ~CommandContext();

    QCommandLineParser &parser() { return m_parser; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    bool json() const { return m_json; }

    // Opens the profile (creating it if needed). On failure prints the reason to stderr and
    // returns nullptr; the command then returns RuntimeError.
    AppContext *context();

    // Prints `message` and a hint to stderr; returns UsageError.
    int usageError(const QString &message);
    // Prints `message` to stderr; returns RuntimeError.
    int runtimeError(const QString &message);
    // Writes a JSON document (object or array) to stdout.
    void printJson(const QJsonDocument &document);

private:
    QCommandLineParser &m_parser;
    QTextStream &m_out;
    QTextStream &m_err;
    bool m_json;
    QString m_profileDir;
    std::unique_ptr<AppContext> m_context;
};

// One subcommand ("status", "log", later "retrieval", "smtp", "send", "mail"). A command
// with actions ("retrieval add|list|...") takes the action as its first positional
// argument. Commands never take a secret from the command line: they prompt, or read an
// environment variable or a file descriptor.
class Command
{
public:
    virtual ~Command() = default;
    // The word on the command line.
    virtual QString name() const = 0;
    // One line for the command list in --help.
    virtual QString summary() const = 0;
    // Adds the command's own options and positional arguments. The global options are
    // already there.
    virtual void setUpParser(QCommandLineParser &parser) const = 0;
    // Runs after the command line was parsed without error; returns an ExitCode.
    virtual int run(CommandContext &context) = 0;
};

// The registry: every subcommand, in the order --help lists them. Adding a subcommand is
// one file with a make...Command() function plus one line in commands.cpp.
std::vector<std::unique_ptr<Command>> allCommands();

std::unique_ptr<Command> makeStatusCommand();
std::unique_ptr<Command> makeLogCommand();
std::unique_ptr<Command> makeSecretCommand();

} // namespace Tributary::Cli
