#pragma once

// Runs the tributary-cli executable as a black box, the way the CLI tests drive it:
//
//   const TestEnv::CliResult r = TestEnv::runCli(m_cli, {QStringLiteral("smtp"),
//       QStringLiteral("list"), QStringLiteral("--profile"), m_profile},
//       {{QStringLiteral("SMTP_TEST_PASSWORD"), m_password}});
//   QVERIFY2(r.exitCode == 0, qPrintable(r.err));
//
// Header only. Blocks the calling (test) thread until the process ends.
#include <QByteArray>
#include <QHash>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace TestEnv {

// What one run of the CLI gave: its exit code (-1: it did not run or did not end in time,
// err says why; -2: it crashed), its standard output as UTF-8 text (out) and as the bytes it
// wrote (outBytes: messages shown raw), and its standard error as UTF-8 text.
struct CliResult
{
    int exitCode = -1;
    QString out;
    QByteArray outBytes;
    QString err;
};

// Runs `program` with `arguments` (given as they are: the caller adds --profile), standard
// input from `stdinFile` (none: closed), in this process's environment without
// TRIBUTARY_PROFILE and with `environment` added (secrets go there, never on the command
// line). Waits 30 s for the start and 90 s for the end; a process still running then is
// killed.
inline CliResult runCli(const QString &program, const QStringList &arguments,
                        const QHash<QString, QString> &environment = {},
                        const QString &stdinFile = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TRIBUTARY_PROFILE"));
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.setStandardInputFile(stdinFile.isEmpty() ? QProcess::nullDevice() : stdinFile);
    process.start(program, arguments);
    CliResult result;
    if (!process.waitForStarted(30000) || !process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("tributary-cli did not run: ") + process.errorString();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.outBytes = process.readAllStandardOutput();
    result.out = QString::fromUtf8(result.outBytes);
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace TestEnv
