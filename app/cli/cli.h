#pragma once

#include <QStringList>
#include <QTextStream>

namespace Tributary::Cli {

// Runs tributary-cli with `arguments` (arguments[0] is the program name) and returns the
// exit code (see ExitCode). Global options: --profile DIR, --json, --help, --version; each
// subcommand also takes --help. Needs a QCoreApplication.
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace Tributary::Cli
