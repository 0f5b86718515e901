// tributary-cli retrieval add --oauth --device as a black box (QProcess, stdin closed) against
// the real fixtures: oidc-provider signs the user in, Dovecot checks the token by
// introspection. The test reads the user code printed on stderr and completes the device
// pages as the user would on another device. With --browser --no-open the test reads the
// authorization address from stderr and stands in for the web browser: it signs in on the
// provider's pages, which redirect to the CLI's loopback listener.
// OAuth users ouser8, ouser9, ouser48..ouser50.
#include "../app/oauth/headlessbrowser.h"
#include "../app/oauth/oauthfixture.h"
#include "cliprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTest>

class TstOauthAdd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void addWithDeviceGrant();
    void deniedDeviceGrantSavesNothing();
    void smtpAdd_data();
    void smtpAdd();
    void addWithBrowser();
    void deniedBrowserSignInSavesNothing();
    void usageErrors();

private:
    using Result = CliProcess::Result;
    Result run(const QStringList &args);
    QStringList addArgs(const QString &user) const;
    // smtp add --oauth --device of `user` (address user@example.org) at the fixture's SMTP.
    QStringList smtpAddArgs(const QString &user, const QString &name) const;
    // Starts `add`, completes the device pages as `user` with `decision` (allow/deny).
    Result addWithDevice(const QString &user, const QString &decision);
    Result addWithDevice(const QStringList &args, const QString &user, const QString &decision);
    // `args` of a --device add made to sign in with the browser (--browser --no-open and the
    // fixture's authorization endpoint).
    QStringList browserArgs(QStringList args) const;
    // Starts `tributary-cli --profile <profile> args` with stdin closed; returns its first
    // stderr line (the sign-in prompt), waiting up to 30 s for it.
    QByteArray startAdd(QProcess &add, const QStringList &args) const;
    // Waits for `add` to end (at most 90 s); `firstLine` goes before the rest of stderr.
    static Result finishAdd(QProcess &add, const QByteArray &firstLine);
    // Starts `add` with browserArgs(args), opens the printed address as `user` and answers
    // the consent page with `decision` (allow/deny).
    Result addWithBrowser(const QStringList &args, const QString &user, const QString &decision);
    // The accounts with OAuth bookkeeping in the profile's settings.
    QStringList signedInAccounts() const;
    // The object under `key` of add's JSON result, checked for "auth": "oauth".
    static QJsonObject addedOAuthObject(const Result &added, const QString &key);
    // Runs `list` (retrieval or smtp) and returns the "auth" of the entry with `uuid`.
    QString listedAuth(const QString &area, const QString &uuid);
    QStringList providerArgs() const;
    QJsonArray listTasks();

    QString m_cli, m_profile, m_oauthCa, m_dovecotCa, m_imapPort, m_smtpCa, m_smtpPort;
    Tributary::Oauth::ProviderConfig m_provider;
};

void TstOauthAdd::initTestCase()
{
    m_cli = qEnvironmentVariable("TRIBUTARY_CLI");
    QVERIFY2(!m_cli.isEmpty() && QFile::exists(m_cli), "TRIBUTARY_CLI must name tributary-cli");
    TRIBUTARY_REQUIRE_ENV(m_oauthCa, "dovecot-oauth", "OAUTH_CA");
    TRIBUTARY_REQUIRE_ENV(m_dovecotCa, "dovecot-oauth", "CA");
    TRIBUTARY_REQUIRE_ENV(m_imapPort, "dovecot-oauth", "IMAP_PORT");
    TRIBUTARY_REQUIRE_ENV(m_smtpCa, "dovecot-oauth", "SMTP_CA");
    TRIBUTARY_REQUIRE_ENV(m_smtpPort, "dovecot-oauth", "SMTP_PORT");
    m_provider = fixtureProvider(QStringLiteral("dovecot-oauth"));
    QVERIFY(m_provider.isValid());
    m_profile = TestEnv::scratchDir(QStringLiteral("oauthadd-profile"));
}

QStringList TstOauthAdd::addArgs(const QString &user) const
{
    return QStringList {QStringLiteral("--json"),
                        QStringLiteral("retrieval"),
                        QStringLiteral("add"),
                        QStringLiteral("--oauth"),
                        QStringLiteral("--device"),
                        QStringLiteral("--provider"),
                        QStringLiteral("custom"),
                        QStringLiteral("--type"),
                        QStringLiteral("imap"),
                        QStringLiteral("--server"),
                        QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"),
                        m_imapPort,
                        QStringLiteral("--security"),
                        QStringLiteral("starttls"),
                        QStringLiteral("--user"),
                        user,
                        QStringLiteral("--ca"),
                        m_dovecotCa}
    + providerArgs();
}

QStringList TstOauthAdd::smtpAddArgs(const QString &user, const QString &name) const
{
    return QStringList {QStringLiteral("--json"),
                        QStringLiteral("smtp"),
                        QStringLiteral("add"),
                        QStringLiteral("--oauth"),
                        QStringLiteral("--device"),
                        QStringLiteral("--provider"),
                        QStringLiteral("custom"),
                        QStringLiteral("--name"),
                        name,
                        QStringLiteral("--server"),
                        QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"),
                        m_smtpPort,
                        QStringLiteral("--encryption"),
                        QStringLiteral("starttls"),
                        QStringLiteral("--email"),
                        user + QStringLiteral("@example.org"),
                        QStringLiteral("--user"),
                        user,
                        QStringLiteral("--ca"),
                        m_smtpCa}
    + providerArgs();
}

QStringList TstOauthAdd::providerArgs() const
{
    return CliProcess::providerArgs(m_provider, m_oauthCa);
}

TstOauthAdd::Result TstOauthAdd::run(const QStringList &args)
{
    return CliProcess::run(m_cli, m_profile, args);
}

TstOauthAdd::Result TstOauthAdd::addWithDevice(const QString &user, const QString &decision)
{
    return addWithDevice(addArgs(user), user, decision);
}

TstOauthAdd::Result TstOauthAdd::addWithDevice(const QStringList &args, const QString &user,
                                               const QString &decision)
{
    QProcess add;
    // The first stderr line (JSON with --json) says where to go and which code to type.
    const QByteArray line = startAdd(add, args);
    const QJsonObject prompt = QJsonDocument::fromJson(line).object();
    const QString code = prompt.value(QLatin1String("userCode")).toString();
    if (!code.isEmpty()) {
        const QUrl uri(prompt.value(QLatin1String("verificationUri")).toString());
        HeadlessBrowser phone(m_oauthCa);
        HeadlessBrowser::Page page = phone.open(uri);
        page = phone.submit(page, QStringLiteral("op.deviceInputForm"),
                            {{QStringLiteral("user_code"), code}});
        page = phone.submit(page, QStringLiteral("op.deviceConfirmForm"), {});
        page = phone.submit(page, QStringLiteral("loginForm"),
                            {{QStringLiteral("login"), user},
                             {QStringLiteral("password"),
                              QStringLiteral("opw-") + user.mid(QStringLiteral("ouser").size())}});
        page = phone.submit(page, QStringLiteral("consentForm"),
                            {{QStringLiteral("decision"), decision}});
    }
    return finishAdd(add, line);
}

QByteArray TstOauthAdd::startAdd(QProcess &add, const QStringList &args) const
{
    add.setStandardInputFile(QProcess::nullDevice());
    add.setReadChannel(QProcess::StandardError);
    add.start(m_cli, QStringList {QStringLiteral("--profile"), m_profile} + args);
    if (!add.waitForStarted())
        return {};
    for (int i = 0; i < 60 && !add.canReadLine() && add.state() != QProcess::NotRunning; ++i)
        add.waitForReadyRead(500);
    return add.readLine();
}

TstOauthAdd::Result TstOauthAdd::finishAdd(QProcess &add, const QByteArray &firstLine)
{
    Result r;
    if (!add.waitForFinished(90000))
        return r;
    r.exitCode = add.exitStatus() == QProcess::NormalExit ? add.exitCode() : -2;
    r.out = add.readAllStandardOutput();
    r.err = firstLine + add.readAllStandardError();
    return r;
}

QStringList TstOauthAdd::browserArgs(QStringList args) const
{
    const qsizetype device = args.indexOf(QStringLiteral("--device"));
    if (device < 0)
        return {};
    args[device] = QStringLiteral("--browser");
    return args
        + QStringList {QStringLiteral("--no-open"), QStringLiteral("--authorization-url"),
                       m_provider.authorizationEndpoint.toString()};
}

TstOauthAdd::Result TstOauthAdd::addWithBrowser(const QStringList &args, const QString &user,
                                                const QString &decision)
{
    QProcess add;
    // The first stderr line (JSON with --json) is the address to open.
    const QByteArray line = startAdd(add, browserArgs(args));
    const QUrl address(
        QJsonDocument::fromJson(line).object().value(QLatin1String("authorizationUrl")).toString());
    QUrl redirectedTo;
    if (address.isValid() && address.scheme() == QLatin1String("https")) {
        HeadlessBrowser browser(m_oauthCa);
        HeadlessBrowser::Page page = browser.open(address);
        page
            = browser.submit(page, QStringLiteral("loginForm"),
                             {{QStringLiteral("login"), user},
                              {QStringLiteral("password"),
                               QStringLiteral("opw-") + user.mid(QStringLiteral("ouser").size())}});
        // The consent answer redirects to the CLI's loopback listener.
        page = browser.submit(page, QStringLiteral("consentForm"),
                              {{QStringLiteral("decision"), decision}});
        redirectedTo = page.url;
    }
    Result r = finishAdd(add, line);
    r.redirectedTo = redirectedTo;
    return r;
}

QStringList TstOauthAdd::signedInAccounts() const
{
    QSettings settings(m_profile + QStringLiteral("/settings.ini"), QSettings::IniFormat);
    settings.beginGroup(QStringLiteral("oauthTokens"));
    return settings.childGroups();
}

QJsonObject TstOauthAdd::addedOAuthObject(const Result &added, const QString &key)
{
    const QJsonObject result = QJsonDocument::fromJson(added.out).object();
    if (!result.value(QLatin1String("ok")).toBool())
        return {};
    QJsonObject object = result.value(key).toObject();
    if (object.value(QLatin1String("auth")).toString() != QLatin1String("oauth"))
        return {};
    return object;
}

QString TstOauthAdd::listedAuth(const QString &area, const QString &uuid)
{
    const Result list = run({QStringLiteral("--json"), area, QStringLiteral("list")});
    const QJsonArray entries = QJsonDocument::fromJson(list.out).array();
    for (const auto &value : entries) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QLatin1String("uuid")).toString() == uuid)
            return entry.value(QLatin1String("auth")).toString();
    }
    return {};
}

QJsonArray TstOauthAdd::listTasks()
{
    const Result list
        = run({QStringLiteral("--json"), QStringLiteral("retrieval"), QStringLiteral("list")});
    return list.exitCode == 0 ? QJsonDocument::fromJson(list.out).array() : QJsonArray();
}

void TstOauthAdd::addWithDeviceGrant()
{
    const Result added = addWithDevice(QStringLiteral("ouser8"), QStringLiteral("allow"));
    QVERIFY2(added.exitCode == 0, added.err.constData());
    const QJsonObject result = QJsonDocument::fromJson(added.out).object();
    QVERIFY2(result.value(QLatin1String("ok")).toBool(), added.out.constData());
    const QJsonObject task = result.value(QLatin1String("task")).toObject();
    const QString uuid = task.value(QLatin1String("uuid")).toString();
    QVERIFY(!uuid.isEmpty());
    QCOMPARE(task.value(QLatin1String("auth")).toString(), QStringLiteral("oauth"));

    // Listed afterwards as an OAuth task.
    const QJsonArray tasks = listTasks();
    bool listed = false;
    for (const auto &value : tasks) {
        const QJsonObject t = value.toObject();
        if (t.value(QLatin1String("uuid")).toString() == uuid) {
            listed = true;
            QCOMPARE(t.value(QLatin1String("auth")).toString(), QStringLiteral("oauth"));
            QCOMPARE(t.value(QLatin1String("user")).toString(), QStringLiteral("ouser8"));
        }
    }
    QVERIFY(listed);

    // The sign-in is in the keychain under the task's uuid.
    const Result status = run({QStringLiteral("--json"), QStringLiteral("oauth"),
                               QStringLiteral("status"), QStringLiteral("--account"), uuid});
    QVERIFY2(status.exitCode == 0, status.err.constData());
    QVERIFY(!QJsonDocument::fromJson(status.out)
                 .object()
                 .value(QLatin1String("signInRequired"))
                 .toBool());

    // retrieval test of the stored task signs in to Dovecot with the saved token.
    const Result test
        = run({QStringLiteral("retrieval"), QStringLiteral("test"), QStringLiteral("--task"), uuid,
               QStringLiteral("--ca"), m_dovecotCa, QStringLiteral("--ca-file"), m_oauthCa});
    QVERIFY2(test.exitCode == 0, test.err.constData());
    QVERIFY(test.out.contains("The connection works."));

    // Deleting the task revokes and removes its tokens.
    const Result removed
        = run({QStringLiteral("retrieval"), QStringLiteral("delete"), QStringLiteral("--task"),
               uuid, QStringLiteral("--ca-file"), m_oauthCa});
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    const Result after = run(
        {QStringLiteral("oauth"), QStringLiteral("status"), QStringLiteral("--account"), uuid});
    QCOMPARE(after.exitCode, 1);
}

void TstOauthAdd::deniedDeviceGrantSavesNothing()
{
    const int before = listTasks().size();
    const Result denied = addWithDevice(QStringLiteral("ouser9"), QStringLiteral("deny"));
    QCOMPARE(denied.exitCode, 1);
    QVERIFY2(!denied.err.trimmed().isEmpty(), denied.out.constData());
    QCOMPARE(listTasks().size(), before);
}

void TstOauthAdd::smtpAdd_data()
{
    QTest::addColumn<bool>("browser");
    QTest::addColumn<QString>("user");
    QTest::newRow("device grant") << false << QStringLiteral("ouser9");
    QTest::newRow("browser") << true << QStringLiteral("ouser50");
}

void TstOauthAdd::smtpAdd()
{
    QFETCH(bool, browser);
    QFETCH(QString, user);
    const QStringList args = smtpAddArgs(user, QStringLiteral("OAuth SMTP"));
    const Result added = browser ? addWithBrowser(args, user, QStringLiteral("allow"))
                                 : addWithDevice(args, user, QStringLiteral("allow"));
    QVERIFY2(added.exitCode == 0, added.err.constData());
    const QString uuid = addedOAuthObject(added, QStringLiteral("account"))
                             .value(QLatin1String("uuid"))
                             .toString();
    QVERIFY2(!uuid.isEmpty(), added.out.constData());
    QCOMPARE(listedAuth(QStringLiteral("smtp"), uuid), QStringLiteral("oauth"));
    QVERIFY(signedInAccounts().contains(uuid));

    const Result removed
        = run({QStringLiteral("smtp"), QStringLiteral("delete"), QStringLiteral("--account"), uuid,
               QStringLiteral("--ca-file"), m_oauthCa});
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    QVERIFY(!signedInAccounts().contains(uuid));
}

void TstOauthAdd::addWithBrowser()
{
    const Result added = addWithBrowser(addArgs(QStringLiteral("ouser48")),
                                        QStringLiteral("ouser48"), QStringLiteral("allow"));
    QVERIFY2(added.exitCode == 0, added.err.constData());
    // The browser ended on the CLI's loopback page.
    QCOMPARE(added.redirectedTo.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(added.redirectedTo.path(), QStringLiteral("/callback"));
    const QJsonObject task = addedOAuthObject(added, QStringLiteral("task"));
    const QString uuid = task.value(QLatin1String("uuid")).toString();
    QVERIFY2(!uuid.isEmpty(), added.out.constData());
    QCOMPARE(task.value(QLatin1String("user")).toString(), QStringLiteral("ouser48"));
    QCOMPARE(listedAuth(QStringLiteral("retrieval"), uuid), QStringLiteral("oauth"));

    // The tokens are saved under the task's uuid: the stored task signs in to Dovecot.
    QVERIFY(signedInAccounts().contains(uuid));
    const Result test
        = run({QStringLiteral("retrieval"), QStringLiteral("test"), QStringLiteral("--task"), uuid,
               QStringLiteral("--ca"), m_dovecotCa, QStringLiteral("--ca-file"), m_oauthCa});
    QVERIFY2(test.exitCode == 0, test.err.constData());
    QVERIFY(test.out.contains("The connection works."));

    const Result removed
        = run({QStringLiteral("retrieval"), QStringLiteral("delete"), QStringLiteral("--task"),
               uuid, QStringLiteral("--ca-file"), m_oauthCa});
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    QVERIFY(!signedInAccounts().contains(uuid));
}

void TstOauthAdd::deniedBrowserSignInSavesNothing()
{
    const int before = listTasks().size();
    const QStringList accounts = signedInAccounts();
    const Result denied = addWithBrowser(addArgs(QStringLiteral("ouser49")),
                                         QStringLiteral("ouser49"), QStringLiteral("deny"));
    QCOMPARE(denied.exitCode, 1);
    // The refusal reached the CLI through its loopback listener.
    QCOMPARE(denied.redirectedTo.host(), QStringLiteral("127.0.0.1"));
    QVERIFY2(denied.err.contains("You did not allow Tributary to access this account"),
             denied.err.constData());
    QCOMPARE(listTasks().size(), before);
    QCOMPARE(signedInAccounts(), accounts);
}

void TstOauthAdd::usageErrors()
{
    Result r = run({QStringLiteral("retrieval"), QStringLiteral("add"), QStringLiteral("--oauth"),
                    QStringLiteral("--device"), QStringLiteral("--type"), QStringLiteral("imap"),
                    QStringLiteral("--server"), QStringLiteral("127.0.0.1"),
                    QStringLiteral("--user"), QStringLiteral("ouser8")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--provider"), r.err.constData());
    r = run({QStringLiteral("retrieval"), QStringLiteral("add"), QStringLiteral("--oauth"),
             QStringLiteral("--provider"), QStringLiteral("custom"), QStringLiteral("--type"),
             QStringLiteral("imap"), QStringLiteral("--server"), QStringLiteral("127.0.0.1"),
             QStringLiteral("--user"), QStringLiteral("ouser8")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--device"), r.err.constData());
}

QTEST_GUILESS_MAIN(TstOauthAdd)
#include "tst_oauthadd.moc"
