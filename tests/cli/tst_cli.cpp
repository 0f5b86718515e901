#include "app/services/activitylogger.h"
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "app/services/secretstore.h"
#include "app/services/version.h"
#include "models/store.h"
#include "support/clirun.h"
#include "support/testenv.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Tributary;

namespace {

using Result = TestEnv::CliResult;

} // namespace

// tributary-cli as a user or a script runs it: a separate process, stdin closed, a scratch
// profile.
class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void help();
    void commandHelp();
    void version();
    void usageErrors_data();
    void usageErrors();
    void statusJson();
    void statusHuman();
    void profileFromEnvironment();
    void logJsonIsRedacted();
    void logFilters();
    void logHuman();
    void runtimeError();
    void secrets();
    void secretUsage_data();
    void secretUsage();

private:
    Result run(const QStringList &arguments, const QProcessEnvironment &extra = {},
               const QString &stdinFile = QString());
    void addEntries();

    QString m_cli;
    QString m_profileDir;
};

Result tst_Cli::run(const QStringList &arguments, const QProcessEnvironment &extra,
                    const QString &stdinFile)
{
    QHash<QString, QString> environment;
    for (const QString &key : extra.keys())
        environment.insert(key, extra.value(key));
    return TestEnv::runCli(m_cli, arguments, environment, stdinFile);
}

void tst_Cli::initTestCase()
{
    m_cli = qEnvironmentVariable("TRIBUTARY_CLI");
    QVERIFY2(!m_cli.isEmpty() && QFile::exists(m_cli), "TRIBUTARY_CLI must name tributary-cli");
}

void tst_Cli::init()
{
    m_profileDir = TestEnv::scratchDir(QStringLiteral("cli-profile"));
}

// Three entries through the real logger, one of them carrying a password.
void tst_Cli::addEntries()
{
    QString error;
    auto context = AppContext::open(Profile(m_profileDir), &error);
    QVERIFY2(context, qPrintable(error));
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral(".")));
    QVERIFY(context->log().info(ActivityLogger::Area::Retrieval, QStringLiteral("Work POP3"),
                                QStringLiteral("C: PASS hunter2"))
            > 0);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(".")));
    QVERIFY(context->log().warning(ActivityLogger::Area::Smtp, QStringLiteral("Relay"),
                                   QStringLiteral("Authorization: Bearer tok-SECRET-1 rejected"))
            > 0);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral(".")));
    QVERIFY(context->log().info(ActivityLogger::Area::Retrieval, QStringLiteral("Home IMAP"),
                                QStringLiteral("Retrieved 3 messages"))
            > 0);
}

void tst_Cli::help()
{
    const Result r = run({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("status")), qPrintable(r.out));
    QVERIFY(r.out.contains(QLatin1String("log")));
    QVERIFY(r.out.contains(QLatin1String("--profile")));
    QVERIFY(r.out.contains(QLatin1String("--json")));
    QVERIFY(r.out.contains(QLatin1String("--version")));
    QVERIFY(r.out.startsWith(QLatin1String("Usage: tributary-cli")));
    // Listed as commands, one line each.
    QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("\\n  status +\\S"))));
    QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("\\n  log +\\S"))));
}

void tst_Cli::commandHelp()
{
    const Result log = run({QStringLiteral("log"), QStringLiteral("--help")});
    QCOMPARE(log.exitCode, 0);
    QVERIFY2(log.out.startsWith(QLatin1String("Usage: tributary-cli log")), qPrintable(log.out));
    QVERIFY(log.out.contains(QLatin1String("--area")));
    QVERIFY(log.out.contains(QLatin1String("--search")));
    QVERIFY(log.out.contains(QLatin1String("--limit")));

    const Result status = run({QStringLiteral("status"), QStringLiteral("-h")});
    QCOMPARE(status.exitCode, 0);
    QVERIFY(status.out.startsWith(QLatin1String("Usage: tributary-cli status")));
    QVERIFY(!status.out.contains(QLatin1String("--area")));
}

void tst_Cli::version()
{
    const Result r = run({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), applicationName() + QLatin1Char(' ') + applicationVersion());
    QVERIFY(!applicationVersion().isEmpty());
}

void tst_Cli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no command") << QStringList {} << QString();
    QTest::newRow("unknown command")
        << QStringList {QStringLiteral("frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("unknown global option")
        << QStringList {QStringLiteral("--frob"), QStringLiteral("status")}
        << QStringLiteral("frob");
    QTest::newRow("unknown command option")
        << QStringList {QStringLiteral("status"), QStringLiteral("--area"), QStringLiteral("app")}
        << QStringLiteral("area");
    QTest::newRow("status with argument")
        << QStringList {QStringLiteral("status"), QStringLiteral("extra")}
        << QStringLiteral("status");
    QTest::newRow("bad limit") << QStringList {QStringLiteral("log"), QStringLiteral("--limit"),
                                               QStringLiteral("many")}
                               << QStringLiteral("limit");
    QTest::newRow("zero limit") << QStringList {QStringLiteral("log"), QStringLiteral("--limit=0")}
                                << QStringLiteral("limit");
    QTest::newRow("unknown area") << QStringList {QStringLiteral("log"), QStringLiteral("--area"),
                                                  QStringLiteral("mail")}
                                  << QStringLiteral("mail");
    QTest::newRow("missing option value")
        << QStringList {QStringLiteral("log"), QStringLiteral("--search")}
        << QStringLiteral("search");
}

void tst_Cli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Result r = run(QStringList {QStringLiteral("--profile"), m_profileDir} + arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY(r.err.contains(QLatin1String("--help")));
}

void tst_Cli::statusJson()
{
    // A fresh profile.
    Result r = run({QStringLiteral("--profile"), m_profileDir, QStringLiteral("status"),
                    QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QVERIFY(doc.isObject());
    QJsonObject root = doc.object();
    QCOMPARE(root.value(QStringLiteral("schemaVersion")).toInt(), Store::currentSchemaVersion());
    QCOMPARE(root.value(QStringLiteral("currentSchemaVersion")).toInt(),
             Store::currentSchemaVersion());
    QCOMPARE(root.value(QStringLiteral("profile")).toString(), Profile(m_profileDir).dir());
    QCOMPARE(root.value(QStringLiteral("settings")).toString(),
             Profile(m_profileDir).settingsFile());

    // Every table the store counts is there.
    QString error;
    {
        auto context = AppContext::open(Profile(m_profileDir), &error);
        QVERIFY2(context, qPrintable(error));
        QCOMPARE(root.value(QStringLiteral("store")).toString(), context->store().databasePath());
        const QMap<QString, qint64> counts = context->store().counts();
        const QJsonObject jsonCounts = root.value(QStringLiteral("counts")).toObject();
        QCOMPARE(jsonCounts.keys(), QStringList(counts.keys()));
        for (const QString &table :
             {QStringLiteral("retrieval_tasks"), QStringLiteral("smtp_accounts"),
              QStringLiteral("messages"), QStringLiteral("folders"), QStringLiteral("activity")})
            QVERIFY2(jsonCounts.contains(table), qPrintable(table));
        QCOMPARE(jsonCounts.value(QStringLiteral("retrieval_tasks")).toInt(), 0);
        QCOMPARE(jsonCounts.value(QStringLiteral("activity")).toInt(), 0);

        // Insert rows, then ask again.
        for (int i = 0; i < 2; ++i) {
            RetrievalTask task;
            task.name = QStringLiteral("Task %1").arg(i);
            task.server = QStringLiteral("127.0.0.1");
            task.port = 110;
            task.username = QStringLiteral("alice");
            QVERIFY2(context->store().insertRetrievalTask(task, &error), qPrintable(error));
        }
    }
    addEntries();

    r = run({QStringLiteral("--json"), QStringLiteral("status"), QStringLiteral("--profile"),
             m_profileDir});
    QCOMPARE(r.exitCode, 0);
    doc = QJsonDocument::fromJson(r.out.toUtf8(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const QJsonObject counts = doc.object().value(QStringLiteral("counts")).toObject();
    QCOMPARE(counts.value(QStringLiteral("retrieval_tasks")).toInt(), 2);
    QCOMPARE(counts.value(QStringLiteral("activity")).toInt(), 3);
    QCOMPARE(counts.value(QStringLiteral("smtp_accounts")).toInt(), 0);
}

void tst_Cli::statusHuman()
{
    const Result r = run({QStringLiteral("status"), QStringLiteral("--profile"), m_profileDir});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(Profile(m_profileDir).dir()), qPrintable(r.out));
    QVERIFY(r.out.contains(QRegularExpression(
        QStringLiteral("Schema version: +%1\\n").arg(Store::currentSchemaVersion()))));
    QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("\\nretrieval_tasks +0\\n"))));
    QVERIFY(!r.out.trimmed().startsWith(QLatin1Char('{')));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err)); // no library chatter on the terminal
}

void tst_Cli::profileFromEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("TRIBUTARY_PROFILE"), m_profileDir);
    const Result r = run({QStringLiteral("status"), QStringLiteral("--json")}, env);
    QCOMPARE(r.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(root.value(QStringLiteral("profile")).toString(), Profile(m_profileDir).dir());
    QVERIFY(QFile::exists(root.value(QStringLiteral("store")).toString()));
}

void tst_Cli::logJsonIsRedacted()
{
    addEntries();
    const Result r = run({QStringLiteral("--profile"), m_profileDir, QStringLiteral("log"),
                          QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.out.contains(QLatin1String("hunter2")));
    QVERIFY(!r.out.contains(QLatin1String("tok-SECRET-1")));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QVERIFY(doc.isArray());
    const QJsonArray entries = doc.array();
    QCOMPARE(entries.size(), 3);

    // Newest first.
    const QJsonObject newest = entries.at(0).toObject();
    QCOMPARE(newest.value(QStringLiteral("message")).toString(),
             QStringLiteral("Retrieved 3 messages"));
    QCOMPARE(newest.value(QStringLiteral("source")).toString(), QStringLiteral("Home IMAP"));
    const QJsonObject smtp = entries.at(1).toObject();
    QCOMPARE(smtp.value(QStringLiteral("area")).toString(), QStringLiteral("smtp"));
    QCOMPARE(smtp.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
    QCOMPARE(smtp.value(QStringLiteral("message")).toString(),
             QStringLiteral("Authorization: Bearer [redacted]"));
    const QJsonObject pass = entries.at(2).toObject();
    QCOMPARE(pass.value(QStringLiteral("area")).toString(), QStringLiteral("retrieval"));
    QCOMPARE(pass.value(QStringLiteral("level")).toString(), QStringLiteral("info"));
    QCOMPARE(pass.value(QStringLiteral("message")).toString(),
             QStringLiteral("C: PASS [redacted]"));
    QVERIFY(pass.value(QStringLiteral("id")).toInteger() > 0);
    QVERIFY(pass.value(QStringLiteral("id")).toInteger()
            < newest.value(QStringLiteral("id")).toInteger());
    QVERIFY(QDateTime::fromString(pass.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
                .isValid());
}

void tst_Cli::logFilters()
{
    addEntries();
    auto entries = [this](const QStringList &options) {
        const Result r = run(QStringList {QStringLiteral("log"), QStringLiteral("--json"),
                                          QStringLiteral("--profile"), m_profileDir}
                             + options);
        if (r.exitCode != 0)
            qWarning("exit %d: %s", r.exitCode, qPrintable(r.err));
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    };

    QJsonArray smtp = entries({QStringLiteral("--area"), QStringLiteral("smtp")});
    QCOMPARE(smtp.size(), 1);
    QCOMPARE(smtp.at(0).toObject().value(QStringLiteral("source")).toString(),
             QStringLiteral("Relay"));

    QJsonArray retrieval = entries({QStringLiteral("--area=retrieval")});
    QCOMPARE(retrieval.size(), 2);

    QJsonArray search = entries({QStringLiteral("--search"), QStringLiteral("home imap")});
    QCOMPARE(search.size(), 1);
    QCOMPARE(search.at(0).toObject().value(QStringLiteral("message")).toString(),
             QStringLiteral("Retrieved 3 messages"));

    QJsonArray limited = entries({QStringLiteral("--limit"), QStringLiteral("1")});
    QCOMPARE(limited.size(), 1);
    QCOMPARE(limited.at(0).toObject().value(QStringLiteral("message")).toString(),
             QStringLiteral("Retrieved 3 messages"));

    QCOMPARE(entries({QStringLiteral("--area"), QStringLiteral("cloud")}).size(), 0);
}

void tst_Cli::logHuman()
{
    addEntries();
    const Result r = run({QStringLiteral("log"), QStringLiteral("--profile"), m_profileDir});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    // Oldest first, like a log file.
    QVERIFY2(lines.at(0).contains(QLatin1String("Work POP3: C: PASS [redacted]")),
             qPrintable(lines.at(0)));
    QVERIFY(lines.at(0).contains(QLatin1String("retrieval")));
    QVERIFY(lines.at(1).contains(QLatin1String("Relay: Authorization: Bearer [redacted]")));
    QVERIFY(lines.at(2).contains(QLatin1String("Home IMAP: Retrieved 3 messages")));
    QVERIFY(!r.out.contains(QLatin1String("hunter2")));
}

void tst_Cli::runtimeError()
{
    const QString file = m_profileDir + QStringLiteral("/not-a-folder");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    for (const QString &command : {QStringLiteral("status"), QStringLiteral("log")}) {
        const Result r = run({QStringLiteral("--profile"), file, command});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(file), qPrintable(r.err));
    }
}

void tst_Cli::secrets()
{
    // Against the test session's keychain; the secret goes in through the environment or a
    // file descriptor, never argv.
    const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray secret("cli-Secret-93xQ");
    const QStringList base {QStringLiteral("--profile"), m_profileDir, QStringLiteral("secret")};
    QProcessEnvironment env;
    env.insert(QStringLiteral("TRIBUTARY_TEST_SECRET"), QString::fromLatin1(secret));

    Result r = run(base
                       + QStringList {QStringLiteral("store"), QStringLiteral("--account"), account,
                                      QStringLiteral("--from-env"),
                                      QStringLiteral("TRIBUTARY_TEST_SECRET")},
                   env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));

    const QString fdFile = m_profileDir + QStringLiteral("/../cli-secret-input");
    QFile input(fdFile);
    QVERIFY(input.open(QIODevice::WriteOnly));
    input.write("refresh-" + secret + "\n");
    input.close();
    r = run(base
                + QStringList {QStringLiteral("store"), QStringLiteral("--account"), account,
                               QStringLiteral("--kind"), QStringLiteral("oauth-refresh-token"),
                               QStringLiteral("--from-fd"), QStringLiteral("0")},
            {}, fdFile);
    QCOMPARE(r.exitCode, 0);
    QFile::remove(fdFile);

    r = run(base + QStringList {QStringLiteral("check"), QStringLiteral("--account"), account});
    QCOMPARE(r.exitCode, 0);
    r = run(base
            + QStringList {QStringLiteral("check"), QStringLiteral("--account"), account,
                           QStringLiteral("--kind=oauth-refresh-token"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("ok")).toBool(),
             true);
    QVERIFY(!r.out.contains(QString::fromLatin1(secret))); // check never prints the secret

    r = run(base + QStringList {QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray kinds
        = QJsonDocument::fromJson(r.out.toUtf8()).object().value(account).toArray();
    QCOMPARE(kinds.size(), 2);
    QVERIFY(kinds.contains(QStringLiteral("password")));
    QVERIFY(kinds.contains(QStringLiteral("oauth-refresh-token")));

    // The keychain holds the values exactly (the line break of the fd input is not part of it).
    {
        QString error;
        auto context = AppContext::open(Profile(m_profileDir), &error);
        QVERIFY2(context, qPrintable(error));
        for (const auto &[kind, expected] :
             {std::pair {SecretKind::Password, secret},
              std::pair {SecretKind::OAuthRefreshToken, QByteArray("refresh-" + secret)}}) {
            SecretJob *job = context->secrets().read(kind, account);
            job->setAutoDelete(false);
            std::unique_ptr<SecretJob> owned(job);
            QSignalSpy spy(job, &SecretJob::finished);
            QVERIFY(spy.wait(20000));
            QCOMPARE(job->secret(), expected);
        }
    }

    // Nothing of it in the profile's files.
    QByteArray everything;
    QDirIterator it(m_profileDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            everything += file.readAll();
    }
    QVERIFY(everything.contains(account.toLatin1()));
    QVERIFY(!everything.contains(secret));

    r = run(base
            + QStringList {QStringLiteral("delete"), QStringLiteral("--account"), account,
                           QStringLiteral("--all")});
    QCOMPARE(r.exitCode, 0);
    r = run(base + QStringList {QStringLiteral("check"), QStringLiteral("--account"), account});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("No saved password or token")), qPrintable(r.err));
    r = run(base + QStringList {QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY(!QJsonDocument::fromJson(r.out.toUtf8()).object().contains(account));
}

void tst_Cli::secretUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    const QString account = QStringLiteral("--account=0b8e6b8e-0000-4000-8000-000000000001");
    QTest::newRow("no action") << QStringList {} << 2;
    QTest::newRow("unknown action") << QStringList {QStringLiteral("show"), account} << 2;
    QTest::newRow("no account") << QStringList {QStringLiteral("check")} << 2;
    QTest::newRow("unknown kind") << QStringList {QStringLiteral("check"), account,
                                                  QStringLiteral("--kind=pin")}
                                  << 2;
    QTest::newRow("secret on argv is refused")
        << QStringList {QStringLiteral("store"), account, QStringLiteral("--password=hunter2")}
        << 2;
    QTest::newRow("no secret source, stdin not a terminal")
        << QStringList {QStringLiteral("store"), account} << 2;
    QTest::newRow("both sources") << QStringList {QStringLiteral("store"), account,
                                                  QStringLiteral("--from-env=X"),
                                                  QStringLiteral("--from-fd=0")}
                                  << 2;
    QTest::newRow("unset variable")
        << QStringList {QStringLiteral("store"), account,
                        QStringLiteral("--from-env=TRIBUTARY_NOT_SET_ANYWHERE")}
        << 1;
}

void tst_Cli::secretUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    const Result r
        = run(QStringList {QStringLiteral("--profile"), m_profileDir, QStringLiteral("secret")}
              + arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(!r.out.contains(QLatin1String("hunter2")));
    QVERIFY(!r.err.contains(QLatin1String("hunter2")));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
