// tributary-cli smtp add|list|test|delete against the real SMTP server (tests/env/smtp.sh),
// driven through QProcess with stdin closed; the password comes from the environment.
#include "support/clirun.h"
#include "support/testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class tst_SmtpCli : public QObject
{
    Q_OBJECT

    using Result = TestEnv::CliResult;

    QString m_cli, m_profile, m_user, m_password, m_port;

    Result run(QStringList arguments, const QString &password = QString())
    {
        arguments << QStringLiteral("--profile") << m_profile;
        return TestEnv::runCli(m_cli, arguments,
                               {{QStringLiteral("SMTP_TEST_PASSWORD"), password}});
    }
    QStringList addArguments(const QString &email = QStringLiteral("me@example.test")) const
    {
        return {QStringLiteral("smtp"),
                QStringLiteral("add"),
                QStringLiteral("--json"),
                QStringLiteral("--name"),
                QStringLiteral("Work"),
                QStringLiteral("--server"),
                QStringLiteral("127.0.0.1"),
                QStringLiteral("--port"),
                m_port,
                QStringLiteral("--encryption"),
                QStringLiteral("none"),
                QStringLiteral("--email"),
                email,
                QStringLiteral("--user"),
                m_user,
                QStringLiteral("--from-env"),
                QStringLiteral("SMTP_TEST_PASSWORD")};
    }
    QJsonArray list()
    {
        const Result r
            = run({QStringLiteral("smtp"), QStringLiteral("list"), QStringLiteral("--json")});
        if (r.exitCode != 0)
            return QJsonArray {QString(QStringLiteral("list failed: ") + r.err)};
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cli = qEnvironmentVariable("TRIBUTARY_CLI");
        QVERIFY2(!m_cli.isEmpty() && QFile::exists(m_cli), "TRIBUTARY_CLI must name tributary-cli");
        TRIBUTARY_REQUIRE_ENV(m_port, "smtp", "SMTP_PORT");
        TRIBUTARY_REQUIRE_ENV(m_user, "smtp", "SMTP_USER");
        TRIBUTARY_REQUIRE_ENV(m_password, "smtp", "SMTP_PASSWORD");
    }
    void init() { m_profile = TestEnv::scratchDir(QStringLiteral("smtpcli-profile")); }

    void invalidEmailIsUsageError()
    {
        const Result r = run(addArguments(QStringLiteral("not-an-address")), m_password);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("email")), qPrintable(r.err));
        QCOMPARE(list().size(), 0);
    }

    void wrongPasswordStoresNothing()
    {
        const Result r = run(addArguments(), QStringLiteral("wrong-password"));
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(o.value(QStringLiteral("error")).toString(), QStringLiteral("Connection"));
        QVERIFY(!r.err.isEmpty());
        QVERIFY(!r.err.contains(QLatin1String("wrong-password")));
        QCOMPARE(list().size(), 0);
        const Result secrets
            = run({QStringLiteral("secret"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(secrets.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(secrets.out.toUtf8()).object().isEmpty());
    }

    void addListTestDelete()
    {
        const Result added = run(addArguments(), m_password);
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        const QJsonObject o = QJsonDocument::fromJson(added.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("ok")).toBool(), true);
        const QString uuid = o.value(QStringLiteral("account"))
                                 .toObject()
                                 .value(QStringLiteral("uuid"))
                                 .toString();
        QVERIFY(!uuid.isEmpty());

        const QJsonArray accounts = list();
        QCOMPARE(accounts.size(), 1);
        const QJsonObject a = accounts.first().toObject();
        QCOMPARE(a.value(QStringLiteral("uuid")).toString(), uuid);
        QCOMPARE(a.value(QStringLiteral("name")).toString(), QStringLiteral("Work"));
        QCOMPARE(a.value(QStringLiteral("email")).toString(), QStringLiteral("me@example.test"));
        QCOMPARE(a.value(QStringLiteral("port")).toInt(), m_port.toInt());
        QCOMPARE(a.value(QStringLiteral("encryption")).toString(), QStringLiteral("none"));
        QVERIFY(!QJsonDocument(accounts).toJson().contains(m_password.toUtf8()));

        const Result human = run({QStringLiteral("smtp"), QStringLiteral("list")});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains(uuid));

        const Result check = run(
            {QStringLiteral("secret"), QStringLiteral("check"), QStringLiteral("--account"), uuid});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));

        // test reads the password back from the keychain and signs in again.
        const Result tested = run(
            {QStringLiteral("smtp"), QStringLiteral("test"), QStringLiteral("--account"), uuid});
        QVERIFY2(tested.exitCode == 0, qPrintable(tested.err));

        const Result deleted = run(
            {QStringLiteral("smtp"), QStringLiteral("delete"), QStringLiteral("--account"), uuid});
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        QCOMPARE(list().size(), 0);
        const Result gone = run(
            {QStringLiteral("secret"), QStringLiteral("check"), QStringLiteral("--account"), uuid});
        QCOMPARE(gone.exitCode, 1);

        const Result again = run(
            {QStringLiteral("smtp"), QStringLiteral("delete"), QStringLiteral("--account"), uuid});
        QCOMPARE(again.exitCode, 1);
    }
};

QTEST_MAIN(tst_SmtpCli)
#include "tst_smtpcli.moc"
