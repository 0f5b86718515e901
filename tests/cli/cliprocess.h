#pragma once
// Helpers of the tributary-cli black-box tests: run the CLI with stdin closed, and the
// options that describe an OAuth fixture as a "custom" provider.
#include "connectors/oauth/oauthtypes.h"

#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace CliProcess {

struct Result
{
    int exitCode = -1; // -1: did not finish in time; -2: crashed
    QByteArray out, err;
    QUrl redirectedTo; // browser sign-in: the last address the test's browser loaded
};

// Runs `cli --profile profile args...` to its end (at most 90 s).
inline Result run(const QString &cli, const QString &profile, const QStringList &args)
{
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(cli, QStringList {QStringLiteral("--profile"), profile} + args);
    Result r;
    if (!process.waitForFinished(90000))
        return r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

// --client-id, the endpoint URLs, --scopes and --ca-file for `provider` (device grant).
inline QStringList providerArgs(const Tributary::Oauth::ProviderConfig &provider,
                                const QString &caFile)
{
    return {QStringLiteral("--client-id"),      provider.clientId,
            QStringLiteral("--token-url"),      provider.tokenEndpoint.toString(),
            QStringLiteral("--device-url"),     provider.deviceAuthorizationEndpoint.toString(),
            QStringLiteral("--revocation-url"), provider.revocationEndpoint.toString(),
            QStringLiteral("--scopes"),         provider.scopes.join(QLatin1Char(' ')),
            QStringLiteral("--ca-file"),        caFile};
}

} // namespace CliProcess
