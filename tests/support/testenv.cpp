#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>

namespace TestEnv {

QString rootDir()
{
    const QString dir = qEnvironmentVariable("TRIBUTARY_TESTENV");
    return dir.isEmpty() ? QDir::tempPath() + QStringLiteral("/tributary-testenv") : dir;
}

QHash<QString, QString> values(const QString &server)
{
    QHash<QString, QString> result;
    QFile file(rootDir() + QLatin1Char('/') + server + QStringLiteral("/env"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return result;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const int eq = line.indexOf(QLatin1Char('='));
        if (line.startsWith(QLatin1Char('#')) || eq <= 0)
            continue;
        result.insert(line.left(eq), line.mid(eq + 1));
    }
    return result;
}

QString value(const QString &server, const QString &key, bool *ok)
{
    const auto all = values(server);
    const auto it = all.constFind(key);
    if (ok)
        *ok = it != all.constEnd();
    return it == all.constEnd() ? QString() : it.value();
}

QString scratchDir(const QString &name)
{
    QString base = qEnvironmentVariable("TRIBUTARY_BINARY_DIR");
    if (base.isEmpty())
        base = QDir::tempPath();
    QDir dir(base + QStringLiteral("/test-scratch/") + name);
    dir.removeRecursively();
    dir.mkpath(QStringLiteral("."));
    return dir.absolutePath();
}

QString screenshotDir()
{
    QString dir = qEnvironmentVariable("TRIBUTARY_SCREENSHOTS");
    if (dir.isEmpty())
        dir = QDir::tempPath() + QStringLiteral("/tributary-screenshots");
    QDir().mkpath(dir);
    return dir;
}

} // namespace TestEnv
