#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class QCommandLineParser;

namespace Tributary::Cli {

// Where a command reads a secret from; never from argv, where other users and the shell
// history could see it. In order:
//   --from-env NAME  the environment variable NAME,
//   --from-fd N      everything readable on file descriptor N (0 = stdin), without one
//                    trailing line break,
//   otherwise        a prompt on the terminal with echo off, when stdin is a terminal.
// Commands that take a secret add these two options with addSecretInputOptions().
void addSecretInputOptions(QCommandLineParser &parser);

// The secret, or nullopt with *error set (a sentence for stderr). *usage tells whether the
// problem is with the command line (exit code 2) rather than at run time (1).
std::optional<QByteArray> readSecret(const QCommandLineParser &parser, const QString &prompt,
                                     QString *error, bool *usage);

} // namespace Tributary::Cli
