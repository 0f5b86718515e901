#include "secretinput.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace Tributary::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tributary-cli", text);
}

const QString kFromEnv = QStringLiteral("from-env");
const QString kFromFd = QStringLiteral("from-fd");
constexpr qint64 kMaxSecretSize = qint64(64) * 1024;

QByteArray withoutLineBreak(QByteArray data)
{
    if (data.endsWith('\n'))
        data.chop(1);
    if (data.endsWith('\r'))
        data.chop(1);
    return data;
}

std::optional<QByteArray> prompt(const QString &text, QString *error, bool *usage)
{
#ifdef Q_OS_UNIX
    if (!::isatty(STDIN_FILENO)) {
        *usage = true;
        *error = tr("No secret given: use --from-env NAME or --from-fd N (standard input is "
                    "not a terminal to ask on).");
        return std::nullopt;
    }
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    termios saved {};
    const bool haveTermios = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTermios) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin)) {
        if (line.size() >= kMaxSecretSize)
            break;
        line.append(char(c));
    }
    if (haveTermios)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputs("\n", stderr);
    return withoutLineBreak(line);
#else
    Q_UNUSED(text);
    *usage = true;
    *error = tr("No secret given: use --from-env NAME or --from-fd N.");
    return std::nullopt;
#endif
}

} // namespace

void addSecretInputOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(kFromEnv,
                                        tr("Read the secret from the environment variable NAME."),
                                        QStringLiteral("NAME")));
    parser.addOption(QCommandLineOption(
        kFromFd, tr("Read the secret from file descriptor N (0 = standard input)."),
        QStringLiteral("N")));
}

std::optional<QByteArray> readSecret(const QCommandLineParser &parser, const QString &promptText,
                                     QString *error, bool *usage)
{
    *usage = false;
    if (parser.isSet(kFromEnv) && parser.isSet(kFromFd)) {
        *usage = true;
        *error = tr("Give either --from-env or --from-fd, not both.");
        return std::nullopt;
    }
    if (parser.isSet(kFromEnv)) {
        const QString name = parser.value(kFromEnv);
        if (!qEnvironmentVariableIsSet(name.toLocal8Bit().constData())) {
            *error = tr("The environment variable %1 is not set.").arg(name);
            return std::nullopt;
        }
        return qgetenv(name.toLocal8Bit().constData());
    }
    if (parser.isSet(kFromFd)) {
        bool ok = false;
        const int fd = parser.value(kFromFd).toInt(&ok);
        if (!ok || fd < 0) {
            *usage = true;
            *error = tr("--from-fd needs a file descriptor number.");
            return std::nullopt;
        }
        QFile file;
        if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle)) {
            *error = tr("Could not read file descriptor %1: %2").arg(fd).arg(file.errorString());
            return std::nullopt;
        }
        const QByteArray data = file.read(kMaxSecretSize + 1);
        if (data.size() > kMaxSecretSize) {
            *error = tr("The secret on file descriptor %1 is too long.").arg(fd);
            return std::nullopt;
        }
        return withoutLineBreak(data);
    }
    return prompt(promptText, error, usage);
}

} // namespace Tributary::Cli
