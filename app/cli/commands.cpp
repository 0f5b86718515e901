#include "command.h"

namespace Tributary::Cli {

std::unique_ptr<Command> makeSmtpCommand(); // smtpcommand.cpp
std::unique_ptr<Command> makeRetrievalCommand(); // retrievalcommand.cpp
std::unique_ptr<Command> makeMailCommand(); // mailcommand.cpp
std::unique_ptr<Command> makeSendCommand(); // sendcommand.cpp
std::unique_ptr<Command> makeOauthCommand(); // oauthcommand.cpp

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(makeStatusCommand());
    commands.push_back(makeLogCommand());
    commands.push_back(makeSecretCommand());
    commands.push_back(makeRetrievalCommand());
    commands.push_back(makeSmtpCommand());
    commands.push_back(makeMailCommand());
    commands.push_back(makeSendCommand());
    commands.push_back(makeOauthCommand());
    return commands;
}

} // namespace Tributary::Cli
