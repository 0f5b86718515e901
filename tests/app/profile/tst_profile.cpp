#include "app/services/profile.h"
#include "support/testenv.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Tributary;

class tst_Profile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void precedence();
    void relativePathIsMadeAbsolute();
    void paths();
    void commandLine();
    void createsOwnerOnlyFolders();
    void tightensExistingFolder();
    void failsOnFile();
    void invalidProfile();
    void settingsDoNotCollide();

private:
    QByteArray m_savedEnv;
    bool m_hadEnv = false;
    QString m_dir;
};

void tst_Profile::init()
{
    m_hadEnv = qEnvironmentVariableIsSet("TRIBUTARY_PROFILE");
    m_savedEnv = qgetenv("TRIBUTARY_PROFILE");
    qunsetenv("TRIBUTARY_PROFILE");
    m_dir = TestEnv::scratchDir(QStringLiteral("profile"));
}

void tst_Profile::cleanup()
{
    if (m_hadEnv)
        qputenv("TRIBUTARY_PROFILE", m_savedEnv);
    else
        qunsetenv("TRIBUTARY_PROFILE");
}

void tst_Profile::precedence()
{
    const QString fromArg = m_dir + QStringLiteral("/arg");
    const QString fromEnv = m_dir + QStringLiteral("/env");

    // Nothing given: <data folder>/Tributary, whatever the executable's own name.
    QCOMPARE(Profile::resolve().dir(),
             QDir::cleanPath(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                             + QStringLiteral("/Tributary")));
    QVERIFY(Profile::resolve().isValid());

    qputenv("TRIBUTARY_PROFILE", fromEnv.toLocal8Bit());
    QCOMPARE(Profile::resolve().dir(), fromEnv);
    QCOMPARE(Profile::resolve(QString()).dir(), fromEnv);

    // The command line wins over the environment.
    QCOMPARE(Profile::resolve(fromArg).dir(), fromArg);
}

void tst_Profile::relativePathIsMadeAbsolute()
{
    const Profile profile(QStringLiteral("some/where/../profile"));
    QVERIFY(QDir::isAbsolutePath(profile.dir()));
    QCOMPARE(profile.dir(), QDir::cleanPath(QDir::currentPath() + QStringLiteral("/some/profile")));
}

void tst_Profile::paths()
{
    const Profile profile(m_dir + QStringLiteral("/p/"));
    QCOMPARE(profile.dir(), m_dir + QStringLiteral("/p"));
    QCOMPARE(profile.settingsFile(), m_dir + QStringLiteral("/p/settings.ini"));
    QVERIFY(profile.storeDir().startsWith(profile.dir() + QLatin1Char('/')));
    QVERIFY(profile.logsDir().startsWith(profile.dir() + QLatin1Char('/')));
    QVERIFY(profile.storeDir() != profile.logsDir());
    QCOMPARE(Profile(m_dir + QStringLiteral("/p")), profile);
    QVERIFY(Profile(m_dir + QStringLiteral("/q")) != profile);
}

void tst_Profile::commandLine()
{
    const QString dir = m_dir + QStringLiteral("/cli");
    qputenv("TRIBUTARY_PROFILE", QByteArray("/should/not/be/used"));
    QCommandLineParser parser;
    parser.addOption(Profile::commandLineOption());
    QVERIFY(parser.parse({QStringLiteral("tributary"), QStringLiteral("--profile"), dir}));
    QCOMPARE(Profile::fromParser(parser).dir(), dir);

    QCommandLineParser without;
    without.addOption(Profile::commandLineOption());
    QVERIFY(without.parse({QStringLiteral("tributary")}));
    QCOMPARE(Profile::fromParser(without).dir(), QStringLiteral("/should/not/be/used"));
}

void tst_Profile::createsOwnerOnlyFolders()
{
    const Profile profile(m_dir + QStringLiteral("/new/nested"));
    QVERIFY(!QDir(profile.dir()).exists());
    QString error;
    QVERIFY2(profile.ensureCreated(&error), qPrintable(error));
    const QFileDevice::Permissions ownerOnly
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    for (const QString &dir : {profile.dir(), profile.storeDir(), profile.logsDir()}) {
        QVERIFY2(QDir(dir).exists(), qPrintable(dir));
        const QFileDevice::Permissions perms = QFile::permissions(dir)
            & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser);
        QCOMPARE(perms, ownerOnly);
    }
    // Again: nothing to do, still fine.
    QVERIFY(profile.ensureCreated(&error));
}

void tst_Profile::tightensExistingFolder()
{
    const QString path = m_dir + QStringLiteral("/open");
    QVERIFY(QDir().mkpath(path));
    QVERIFY(QFile::setPermissions(path,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                                      | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                      | QFileDevice::ExeOther));
    QVERIFY(Profile(path).ensureCreated());
    QVERIFY(!(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
}

void tst_Profile::failsOnFile()
{
    const QString path = m_dir + QStringLiteral("/a-file");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    QVERIFY(!Profile(path).ensureCreated(&error));
    QVERIFY(error.contains(path));
}

void tst_Profile::invalidProfile()
{
    const Profile profile;
    QVERIFY(!profile.isValid());
    QString error;
    QVERIFY(!profile.ensureCreated(&error));
    QVERIFY(!error.isEmpty());
}

void tst_Profile::settingsDoNotCollide()
{
    const Profile a(m_dir + QStringLiteral("/a"));
    const Profile b(m_dir + QStringLiteral("/b"));
    QVERIFY(a.ensureCreated());
    QVERIFY(b.ensureCreated());
    {
        std::unique_ptr<QSettings> sa = a.openSettings();
        std::unique_ptr<QSettings> sb = b.openSettings();
        QCOMPARE(sa->format(), QSettings::IniFormat);
        QCOMPARE(sa->fileName(), a.settingsFile());
        sa->setValue(QStringLiteral("window/lastPage"), QStringLiteral("retrieval"));
        sb->setValue(QStringLiteral("window/lastPage"), QStringLiteral("smtp"));
    }
    QVERIFY(QFile::exists(a.settingsFile()));
    QCOMPARE(a.openSettings()->value(QStringLiteral("window/lastPage")).toString(),
             QStringLiteral("retrieval"));
    QCOMPARE(b.openSettings()->value(QStringLiteral("window/lastPage")).toString(),
             QStringLiteral("smtp"));
}

QTEST_GUILESS_MAIN(tst_Profile)
#include "tst_profile.moc"
