#pragma once

#include <QCommandLineOption>
#include <QString>

#include <memory>

class QCommandLineParser;
class QSettings;

namespace Tributary {

// The folder that holds one user's Tributary data: the store, the message files, the
// settings file and the logs. Two profiles never share a file, so two instances with
// different profiles (tests, a second identity) never collide.
//
// Where it is, in order of precedence:
//   1. the --profile DIR command-line option (GUI and CLI),
//   2. the TRIBUTARY_PROFILE environment variable,
//   3. <GenericDataLocation>/Tributary (~/.local/share/Tributary), the same for GUI and CLI.
//
// A Profile is a plain value; it creates nothing until ensureCreated() is called.
class Profile
{
public:
    // An invalid profile (empty dir()).
    Profile() = default;
    // A profile rooted at `dir` (made absolute and cleaned).
    explicit Profile(const QString &dir);

    // Resolves the folder as described above; `commandLineDir` is the value of --profile
    // (empty when not given).
    static Profile resolve(const QString &commandLineDir = QString());

    // The "--profile DIR" option, for QCommandLineParser in both executables.
    static QCommandLineOption commandLineOption();
    // resolve() with the value of commandLineOption() in an already processed parser.
    static Profile fromParser(const QCommandLineParser &parser);

    static QString environmentVariable() { return QStringLiteral("TRIBUTARY_PROFILE"); }

    bool isValid() const { return !m_dir.isEmpty(); }

    // Creates the profile folder (mode 0700) and its subfolders if they are missing and
    // tightens the folder's permissions to 0700 when it already exists. On failure
    // returns false and sets *error (when given) to a sentence for the user.
    bool ensureCreated(QString *error = nullptr) const;

    QString dir() const { return m_dir; }
    // Folder handed to the Store (database and message files live below it).
    QString storeDir() const;
    // <dir>/settings.ini, read and written with QSettings::IniFormat.
    QString settingsFile() const;
    QString logsDir() const;

    // A QSettings on settingsFile() in IniFormat. The caller owns it.
    std::unique_ptr<QSettings> openSettings() const;

    friend bool operator==(const Profile &a, const Profile &b) { return a.m_dir == b.m_dir; }
    friend bool operator!=(const Profile &a, const Profile &b) { return !(a == b); }

private:
    QString m_dir;
};

} // namespace Tributary
