// The GUI executable as a black box: command line, and a start on a fresh profile.
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

class TestGuiExecutable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void version();
    void helpNamesProfileOption();
    void startsOnFreshProfile();

private:
    QString m_program;
};

void TestGuiExecutable::initTestCase()
{
    m_program = qEnvironmentVariable("TRIBUTARY_BINARY_DIR") + QStringLiteral("/app/gui/tributary");
    QVERIFY2(QFile::exists(m_program), qPrintable(m_program));
}

void TestGuiExecutable::version()
{
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(m_program, {QStringLiteral("--version")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(out.contains(QStringLiteral("0.")), qPrintable(out));
}

void TestGuiExecutable::helpNamesProfileOption()
{
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(m_program, {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(out.contains(QStringLiteral("--profile")), qPrintable(out));
}

void TestGuiExecutable::startsOnFreshProfile()
{
    const QString profile
        = TestEnv::scratchDir(QStringLiteral("tst_guiexecutable")) + QStringLiteral("/p");
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(m_program, {QStringLiteral("--profile"), profile});
    QVERIFY(process.waitForStarted(30000));
    // AppContext::open created the profile and its store; the application is running its
    // event loop (it did not exit with a startup error).
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(profile + QStringLiteral("/store/store.sqlite")), 30000);
    QVERIFY(QFileInfo(profile).isDir());
    QCOMPARE(process.state(), QProcess::Running);
    process.terminate();
    QVERIFY(process.waitForFinished(30000));
}

QTEST_GUILESS_MAIN(TestGuiExecutable)
#include "tst_guiexecutable.moc"
