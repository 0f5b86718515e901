#include "command.h"

namespace Tributary::Cli {

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(makeStatusCommand());
    commands.push_back(makeLogCommand());
    commands.push_back(makeSecretCommand());
    return commands;
}

} // namespace Tributary::Cli
