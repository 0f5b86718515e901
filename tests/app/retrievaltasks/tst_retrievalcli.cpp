// tributary-cli retrieval add|list|test|delete as a black box (QProcess) against the real
// Dovecot of the test environment (users u67..u71) and the test session's keychain.
#include "support/clirun.h"
#include "support/testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUuid>

class TestRetrievalCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void wrongPasswordStoresNothing();
    void addListTestDelete();
    void passwordNeverFromArgv();
    void runRetrievesNewMailOnce();

private:
    bool runTool(const QString &command, const QStringList &extra);
    using Result = TestEnv::CliResult;
    Result run(const QStringList &arguments, const QString &password = QString());
    QJsonArray listTasks();
    QString secretKinds(const QString &uuid);

    QString m_cli;
    QString m_profileDir;
    QString m_host;
    QString m_imapsPort;
    QString m_pop3sPort;
    QString m_ca;
};

TestRetrievalCli::Result TestRetrievalCli::run(const QStringList &arguments,
                                               const QString &password)
{
    QHash<QString, QString> environment;
    if (!password.isEmpty())
        environment.insert(QStringLiteral("TASK_PASSWORD"), password);
    return TestEnv::runCli(
        m_cli, QStringList {QStringLiteral("--profile"), m_profileDir} + arguments, environment);
}

QJsonArray TestRetrievalCli::listTasks()
{
    const Result r
        = run({QStringLiteral("--json"), QStringLiteral("retrieval"), QStringLiteral("list")});
    if (r.exitCode != 0)
        qWarning() << r.err;
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

QString TestRetrievalCli::secretKinds(const QString &uuid)
{
    const Result r
        = run({QStringLiteral("--json"), QStringLiteral("secret"), QStringLiteral("list")});
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QStringList kinds;
    const QJsonArray array = root.value(uuid).toArray();
    for (const QJsonValue &v : array)
        kinds.append(v.toString());
    return kinds.join(QLatin1Char(','));
}

bool TestRetrievalCli::runTool(const QString &command, const QStringList &extra)
{
    QStringList args = QProcess::splitCommand(command);
    const QString program = args.takeFirst();
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(program, args + extra);
    return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

void TestRetrievalCli::initTestCase()
{
    m_cli = qEnvironmentVariable("TRIBUTARY_CLI");
    QVERIFY2(!m_cli.isEmpty() && QFile::exists(m_cli), "TRIBUTARY_CLI must name tributary-cli");
    TRIBUTARY_REQUIRE_ENV(m_host, "dovecot", "IMAP_HOST");
    TRIBUTARY_REQUIRE_ENV(m_imapsPort, "dovecot", "IMAPS_PORT");
    TRIBUTARY_REQUIRE_ENV(m_pop3sPort, "dovecot", "POP3S_PORT");
    TRIBUTARY_REQUIRE_ENV(m_ca, "dovecot", "CA");
}

void TestRetrievalCli::init()
{
    m_profileDir = TestEnv::scratchDir(QStringLiteral("retrieval-cli-profile"));
}

void TestRetrievalCli::wrongPasswordStoresNothing()
{
    const Result r
        = run({QStringLiteral("retrieval"), QStringLiteral("add"), QStringLiteral("--type"),
               QStringLiteral("imap"), QStringLiteral("--server"), m_host, QStringLiteral("--port"),
               m_imapsPort, QStringLiteral("--user"), QStringLiteral("u67"), QStringLiteral("--ca"),
               m_ca, QStringLiteral("--from-env"), QStringLiteral("TASK_PASSWORD")},
              QStringLiteral("wrong"));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("Testing the IMAP connection")), qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("wrong")));
    QVERIFY(listTasks().isEmpty());
}

void TestRetrievalCli::addListTestDelete()
{
    Result r = run({QStringLiteral("--json"), QStringLiteral("retrieval"), QStringLiteral("add"),
                    QStringLiteral("--type"), QStringLiteral("pop3"), QStringLiteral("--server"),
                    m_host, QStringLiteral("--port"), m_pop3sPort, QStringLiteral("--user"),
                    QStringLiteral("u68"), QStringLiteral("--name"), QStringLiteral("Old mailbox"),
                    QStringLiteral("--ca"), m_ca, QStringLiteral("--from-env"),
                    QStringLiteral("TASK_PASSWORD")},
                   QStringLiteral("pw-u68"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject added = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(added.value(QStringLiteral("ok")).toBool(), true);
    const QString uuid
        = added.value(QStringLiteral("task")).toObject().value(QStringLiteral("uuid")).toString();
    QVERIFY(!uuid.isEmpty());

    const QJsonArray tasks = listTasks();
    QCOMPARE(tasks.size(), 1);
    const QJsonObject task = tasks.first().toObject();
    QCOMPARE(task.value(QStringLiteral("uuid")).toString(), uuid);
    QCOMPARE(task.value(QStringLiteral("name")).toString(), QStringLiteral("Old mailbox"));
    QCOMPARE(task.value(QStringLiteral("type")).toString(), QStringLiteral("pop"));
    QCOMPARE(task.value(QStringLiteral("user")).toString(), QStringLiteral("u68"));
    QCOMPARE(task.value(QStringLiteral("port")).toInt(), m_pop3sPort.toInt());
    QCOMPARE(secretKinds(uuid), QStringLiteral("password"));

    // test: the connection check alone; changes nothing.
    r = run({QStringLiteral("retrieval"), QStringLiteral("test"), QStringLiteral("--type"),
             QStringLiteral("imap"), QStringLiteral("--server"), m_host, QStringLiteral("--port"),
             m_imapsPort, QStringLiteral("--user"), QStringLiteral("u69"), QStringLiteral("--ca"),
             m_ca, QStringLiteral("--from-env"), QStringLiteral("TASK_PASSWORD")},
            QStringLiteral("pw-u69"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("The connection works.")));
    QCOMPARE(listTasks().size(), 1);

    r = run(
        {QStringLiteral("retrieval"), QStringLiteral("delete"), QStringLiteral("--task"), uuid});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(listTasks().isEmpty());
    QCOMPARE(secretKinds(uuid), QString());

    r = run(
        {QStringLiteral("retrieval"), QStringLiteral("delete"), QStringLiteral("--task"), uuid});
    QCOMPARE(r.exitCode, 1);
}

void TestRetrievalCli::passwordNeverFromArgv()
{
    // There is no --password option: a password on the command line is a usage error.
    const Result r
        = run({QStringLiteral("retrieval"), QStringLiteral("add"), QStringLiteral("--type"),
               QStringLiteral("imap"), QStringLiteral("--server"), m_host, QStringLiteral("--user"),
               QStringLiteral("u70"), QStringLiteral("--password"), QStringLiteral("pw-u70")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(listTasks().isEmpty());
}

QTEST_GUILESS_MAIN(TestRetrievalCli)
void TestRetrievalCli::runRetrievesNewMailOnce()
{
    QString deliver, reset;
    TRIBUTARY_REQUIRE_ENV(deliver, "dovecot", "DELIVER");
    TRIBUTARY_REQUIRE_ENV(reset, "dovecot", "RESET");
    const QString user = QStringLiteral("u71");
    QVERIFY(runTool(reset, {user}));
    const QString dir = TestEnv::scratchDir(QStringLiteral("retrieval-cli-mail"));
    QStringList files;
    for (int i = 1; i <= 3; ++i) {
        const QString path = dir + QStringLiteral("/%1.eml").arg(i);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QStringLiteral("From: a@example.org\r\nTo: u71@example.org\r\nSubject: run %1\r\n"
                           "Message-ID: <run-%1@example.org>\r\n\r\nBody %1\r\n")
                .arg(i)
                .toUtf8());
        files.append(path);
    }
    QVERIFY(runTool(deliver, QStringList {user, QStringLiteral("INBOX")} + files));

    Result r = run({QStringLiteral("--json"), QStringLiteral("retrieval"), QStringLiteral("add"),
                    QStringLiteral("--type"), QStringLiteral("pop3"), QStringLiteral("--server"),
                    m_host, QStringLiteral("--port"), m_pop3sPort, QStringLiteral("--user"), user,
                    QStringLiteral("--ca"), m_ca, QStringLiteral("--from-env"),
                    QStringLiteral("TASK_PASSWORD")},
                   QStringLiteral("pw-u71"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString uuid = QJsonDocument::fromJson(r.out.toUtf8())
                             .object()
                             .value(QStringLiteral("task"))
                             .toObject()
                             .value(QStringLiteral("uuid"))
                             .toString();
    QVERIFY(!uuid.isEmpty());

    const QStringList runArgs {QStringLiteral("--json"),
                               QStringLiteral("retrieval"),
                               QStringLiteral("run"),
                               QStringLiteral("--task"),
                               uuid,
                               QStringLiteral("--ca"),
                               m_ca};
    r = run(runArgs);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QJsonObject result = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(result.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(result.value(QStringLiteral("retrieved")).toInt(), 3);

    // Left on the server (the default): a second run finds nothing new.
    r = run(runArgs);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    result = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(result.value(QStringLiteral("retrieved")).toInt(), 0);

    // The store holds each message once.
    r = run({QStringLiteral("--json"), QStringLiteral("status")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject status = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject counts = status.value(QStringLiteral("counts")).toObject();
    QCOMPARE(counts.value(QStringLiteral("messages")).toInt(), 3);

    // An unknown task is a clear runtime error.
    r = run({QStringLiteral("retrieval"), QStringLiteral("run"), QStringLiteral("--task"),
             QUuid::createUuid().toString(QUuid::WithoutBraces)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no retrieval task")), qPrintable(r.err));
}

#include "tst_retrievalcli.moc"
