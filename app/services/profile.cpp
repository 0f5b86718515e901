#include "profile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace Tributary {

namespace {

const QFileDevice::Permissions kOwnerOnly
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

bool makeOwnerOnlyDir(const QString &path, QString *error)
{
    QDir dir(path);
    if (!dir.exists() && !QDir().mkpath(path)) {
        if (error)
            *error = QCoreApplication::translate("Tributary::Profile",
                                                 "Could not create the folder %1.")
                         .arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (!QFile::setPermissions(path, kOwnerOnly)) {
        if (error)
            *error = QCoreApplication::translate(
                         "Tributary::Profile",
                         "Could not restrict the permissions of the folder %1 to its owner.")
                         .arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

} // namespace

Profile::Profile(const QString &dir)
{
    if (!dir.isEmpty())
        m_dir = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
}

Profile Profile::resolve(const QString &commandLineDir)
{
    if (!commandLineDir.isEmpty())
        return Profile(commandLineDir);
    const QString fromEnv = qEnvironmentVariable("TRIBUTARY_PROFILE");
    if (!fromEnv.isEmpty())
        return Profile(fromEnv);
    // Independent of the executable's application and organisation names, so the GUI and
    // tributary-cli share one default profile: ~/.local/share/Tributary on Linux.
    return Profile(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                   + QStringLiteral("/Tributary"));
}

QCommandLineOption Profile::commandLineOption()
{
    return QCommandLineOption(
        QStringList {QStringLiteral("profile")},
        QCoreApplication::translate("Tributary::Profile",
                                    "Use the profile folder DIR (default: $TRIBUTARY_PROFILE, "
                                    "else the standard application data folder)."),
        QStringLiteral("DIR"));
}

Profile Profile::fromParser(const QCommandLineParser &parser)
{
    return resolve(parser.value(QStringLiteral("profile")));
}

bool Profile::ensureCreated(QString *error) const
{
    if (!isValid()) {
        if (error)
            *error = QCoreApplication::translate("Tributary::Profile",
                                                 "No profile folder could be determined.");
        return false;
    }
    return makeOwnerOnlyDir(m_dir, error) && makeOwnerOnlyDir(storeDir(), error)
        && makeOwnerOnlyDir(logsDir(), error);
}

QString Profile::storeDir() const
{
    return m_dir + QStringLiteral("/store");
}

QString Profile::settingsFile() const
{
    return m_dir + QStringLiteral("/settings.ini");
}

QString Profile::logsDir() const
{
    return m_dir + QStringLiteral("/logs");
}

std::unique_ptr<QSettings> Profile::openSettings() const
{
    return std::make_unique<QSettings>(settingsFile(), QSettings::IniFormat);
}

} // namespace Tributary
