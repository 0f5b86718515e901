// tributary-cli oauth signin --device / status / revoke as a black box (QProcess, stdin
// closed) against the real OAuth fixture: the test reads the printed code and completes the
// device pages as the user would on another device.
#include "../../cli/cliprocess.h"
#include "headlessbrowser.h"
#include "oauthfixture.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

class TstOauthCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void deviceSignInStatusRevoke();
    void usageErrors();

private:
    using Result = CliProcess::Result;
    Result run(const QStringList &args);
    QStringList providerArgs() const;

    QString m_cli, m_profile, m_ca;
    Tributary::Oauth::ProviderConfig m_provider;
    const QString m_account = QStringLiteral("0b7f3c1e-cli-oauth");
};

void TstOauthCommand::initTestCase()
{
    m_cli = qEnvironmentVariable("TRIBUTARY_CLI");
    QVERIFY2(!m_cli.isEmpty() && QFile::exists(m_cli), "TRIBUTARY_CLI must name tributary-cli");
    TRIBUTARY_REQUIRE_ENV(m_ca, "oauth", "OAUTH_CA");
    m_provider = fixtureProvider(QStringLiteral("oauth"));
    QVERIFY(m_provider.isValid());
    m_profile = TestEnv::scratchDir(QStringLiteral("oauthcommand-profile"));
}

QStringList TstOauthCommand::providerArgs() const
{
    return CliProcess::providerArgs(m_provider, m_ca);
}

TstOauthCommand::Result TstOauthCommand::run(const QStringList &args)
{
    return CliProcess::run(m_cli, m_profile, args);
}

void TstOauthCommand::deviceSignInStatusRevoke()
{
    QProcess signin;
    signin.setStandardInputFile(QProcess::nullDevice());
    signin.start(m_cli,
                 QStringList {QStringLiteral("--profile"), m_profile, QStringLiteral("--json"),
                              QStringLiteral("oauth"), QStringLiteral("signin"),
                              QStringLiteral("custom"), QStringLiteral("--device"),
                              QStringLiteral("--account"), m_account}
                     + providerArgs());
    QVERIFY(signin.waitForStarted());
    // The first line says where to go and which code to type.
    QTRY_VERIFY_WITH_TIMEOUT(signin.canReadLine() || signin.state() == QProcess::NotRunning, 30000);
    const QByteArray line = signin.readLine();
    const QJsonObject prompt = QJsonDocument::fromJson(line).object();
    const QString code = prompt.value(QLatin1String("userCode")).toString();
    QVERIFY2(!code.isEmpty(), line.constData());
    const QUrl uri(prompt.value(QLatin1String("verificationUri")).toString());

    HeadlessBrowser phone(m_ca);
    HeadlessBrowser::Page page = phone.open(uri);
    page = phone.submit(page, QStringLiteral("op.deviceInputForm"),
                        {{QStringLiteral("user_code"), code}});
    page = phone.submit(page, QStringLiteral("op.deviceConfirmForm"), {});
    page = phone.submit(page, QStringLiteral("loginForm"),
                        {{QStringLiteral("login"), QStringLiteral("ouser7")},
                         {QStringLiteral("password"), QStringLiteral("opw-7")}});
    page = phone.submit(page, QStringLiteral("consentForm"),
                        {{QStringLiteral("decision"), QStringLiteral("allow")}});
    QVERIFY2(HeadlessBrowser::hasId(page, QStringLiteral("done")), page.body.constData());

    QVERIFY(signin.waitForFinished(60000));
    const QByteArray rest = signin.readAllStandardOutput();
    QVERIFY2(signin.exitCode() == 0, signin.readAllStandardError().constData());
    const QJsonObject result = QJsonDocument::fromJson(rest).object();
    QVERIFY2(result.value(QLatin1String("signedIn")).toBool(), rest.constData());

    const Result status = run({QStringLiteral("--json"), QStringLiteral("oauth"),
                               QStringLiteral("status"), QStringLiteral("--account"), m_account});
    QVERIFY2(status.exitCode == 0, status.err.constData());
    const QJsonObject s = QJsonDocument::fromJson(status.out).object();
    QCOMPARE(s.value(QLatin1String("provider")).toString(), QStringLiteral("custom"));
    QVERIFY(!s.value(QLatin1String("signInRequired")).toBool());
    QVERIFY(s.value(QLatin1String("scopes")).toArray().contains(QStringLiteral("mail.imap")));
    QCOMPARE(s.value(QLatin1String("refreshTokenAgeDays")).toInt(), 0);

    // Plain-text status for people.
    const Result human = run({QStringLiteral("oauth"), QStringLiteral("status"),
                              QStringLiteral("--account"), m_account});
    QCOMPARE(human.exitCode, 0);
    QVERIFY(human.out.contains("State: signed in"));

    const Result revoke
        = run({QStringLiteral("oauth"), QStringLiteral("revoke"), QStringLiteral("--account"),
               m_account, QStringLiteral("--ca-file"), m_ca});
    QVERIFY2(revoke.exitCode == 0, revoke.err.constData());
    const Result after = run({QStringLiteral("oauth"), QStringLiteral("status"),
                              QStringLiteral("--account"), m_account});
    QCOMPARE(after.exitCode, 1);
    QVERIFY(after.err.contains("has not signed in"));
}

void TstOauthCommand::usageErrors()
{
    Result r = run({QStringLiteral("oauth"), QStringLiteral("signin"), QStringLiteral("custom"),
                    QStringLiteral("--account"), m_account});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--device"));
    r = run({QStringLiteral("oauth"), QStringLiteral("status")});
    QCOMPARE(r.exitCode, 2);
    // A catalogue provider without OAuth says so.
    r = run({QStringLiteral("oauth"), QStringLiteral("signin"), QStringLiteral("yahoo"),
             QStringLiteral("--device"), QStringLiteral("--account"), m_account});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("OAuth"), r.err.constData());
}

QTEST_GUILESS_MAIN(TstOauthCommand)
#include "tst_oauthcommand.moc"
