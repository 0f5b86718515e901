// tributary-cli send against the real SMTP server (tests/env/smtp.sh), driven through
// QProcess with stdin closed. The account is added with `tributary-cli smtp add` (password
// from the environment); the profile is opened afterwards to check the Outbox and Sent.
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "connectors/mime/mimemessage.h"
#include "models/messagefilestore.h"
#include "models/store.h"
#include "support/clirun.h"
#include "support/testenv.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>
#include <QUuid>

using namespace Tributary;

class tst_SendCommand : public QObject
{
    Q_OBJECT

    using Result = TestEnv::CliResult;

    QString m_cli, m_profile, m_user, m_password, m_port, m_spool;

    Result run(QStringList arguments)
    {
        arguments << QStringLiteral("--profile") << m_profile;
        return TestEnv::runCli(m_cli, arguments,
                               {{QStringLiteral("SMTP_TEST_PASSWORD"), m_password}});
    }

    // The spool message whose Subject header contains `subject`.
    QString spoolFileWithSubject(const QString &subject) const
    {
        const QStringList files = QDir(m_spool).entryList({QStringLiteral("*.eml")}, QDir::Files);
        for (const QString &name : files) {
            const QString path = m_spool + QLatin1Char('/') + name;
            if (Mime::Message::fromFile(path).headers().subject == subject)
                return path;
        }
        return QString();
    }

    QStringList sendArguments(const QString &subject) const
    {
        return {QStringLiteral("send"),
                QStringLiteral("--from"),
                QStringLiteral("me@example.test"),
                QStringLiteral("--to"),
                QStringLiteral("You <you@example.test>"),
                QStringLiteral("--subject"),
                subject,
                QStringLiteral("--body"),
                QStringLiteral("Hello from the command line.\n")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cli = qEnvironmentVariable("TRIBUTARY_CLI");
        QVERIFY2(!m_cli.isEmpty() && QFile::exists(m_cli), "TRIBUTARY_CLI must name tributary-cli");
        TRIBUTARY_REQUIRE_ENV(m_port, "smtp", "SMTP_PORT");
        TRIBUTARY_REQUIRE_ENV(m_user, "smtp", "SMTP_USER");
        TRIBUTARY_REQUIRE_ENV(m_password, "smtp", "SMTP_PASSWORD");
        TRIBUTARY_REQUIRE_ENV(m_spool, "smtp", "SMTP_SPOOL");
        m_profile = TestEnv::scratchDir(QStringLiteral("sendcommand-profile"));
        const Result added
            = run({QStringLiteral("smtp"), QStringLiteral("add"), QStringLiteral("--name"),
                   QStringLiteral("Work"), QStringLiteral("--server"), QStringLiteral("127.0.0.1"),
                   QStringLiteral("--port"), m_port, QStringLiteral("--encryption"),
                   QStringLiteral("none"), QStringLiteral("--email"),
                   QStringLiteral("me@example.test"), QStringLiteral("--user"), m_user,
                   QStringLiteral("--from-env"), QStringLiteral("SMTP_TEST_PASSWORD")});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    }

    void sendsWithAttachmentAndKeepsCopy()
    {
        const QString dir = TestEnv::scratchDir(QStringLiteral("sendcommand-files"));
        QByteArray bytes(120 * 1024, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(QRandomGenerator::global()->bounded(256));
        const QString attachment = dir + QStringLiteral("/report.bin");
        {
            QFile f(attachment);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        const QString subject = QStringLiteral("CLI send %1").arg(QUuid::createUuid().toString());
        QStringList args = sendArguments(subject);
        args << QStringLiteral("--cc") << QStringLiteral("cc@example.test")
             << QStringLiteral("--bcc") << QStringLiteral("hidden@example.test")
             << QStringLiteral("--attach") << attachment << QStringLiteral("--wait");
        const Result r = run(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY(r.out.contains(subject));

        const QString spool = spoolFileWithSubject(subject);
        QVERIFY2(!spool.isEmpty(), "the server did not receive the message");
        const Mime::Message received = Mime::Message::fromFile(spool);
        QCOMPARE(received.headers().to.size(), 1);
        QCOMPARE(received.headers().to.first().address, QStringLiteral("you@example.test"));
        QCOMPARE(received.headers().cc.first().address, QStringLiteral("cc@example.test"));
        QVERIFY(received.headers().bcc.isEmpty());
        QVERIFY(received.textBody().contains(QStringLiteral("Hello from the command line.")));
        QCOMPARE(received.attachments().size(), 1);
        QCOMPARE(received.attachments().first().fileName, QStringLiteral("report.bin"));
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(received.saveAttachment(0, &out));
        QCOMPARE(out.data(), bytes);
        // The envelope reached the Bcc recipient too.
        QFile envelope(spool.left(spool.size() - 4) + QStringLiteral(".json"));
        QVERIFY(envelope.open(QIODevice::ReadOnly));
        QVERIFY(envelope.readAll().contains("hidden@example.test"));

        // The profile holds the sent row and the copy in Sent, byte for byte the same.
        QString error;
        auto context = AppContext::open(Profile(m_profile), &error);
        QVERIFY2(context, qPrintable(error));
        const QList<OutboxEntry> entries = context->store().outboxEntries();
        QVERIFY(!entries.isEmpty());
        QCOMPARE(entries.first().subject, subject);
        QCOMPARE(entries.first().state, OutboxEntry::State::Sent);
        QCOMPARE(entries.first().recipients.size(), 3);
        const qint64 sentFolder = context->store().specialFolder(Folder::SpecialUse::Sent);
        QVERIFY(sentFolder > 0);
        QVERIFY(context->store().messageCount(sentFolder) >= 1);
        QFile spoolFile(spool);
        QVERIFY(spoolFile.open(QIODevice::ReadOnly));
        std::unique_ptr<QIODevice> copy
            = context->store().messageFiles().open(entries.first().sha256);
        QVERIFY(copy);
        QCOMPARE(copy->readAll(), spoolFile.readAll());
    }

    void refusedRecipientIsReported()
    {
        const QString subject = QStringLiteral("CLI partly %1").arg(QUuid::createUuid().toString());
        QStringList args = sendArguments(subject);
        args << QStringLiteral("--to") << QStringLiteral("reject-cli@example.test");
        const Result r = run(args);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("reject-cli@example.test: 550")), qPrintable(r.err));
        QVERIFY(!spoolFileWithSubject(subject).isEmpty());
    }

    void refusedForGoodExitsOne()
    {
        const Result r
            = run({QStringLiteral("send"), QStringLiteral("--from"), QStringLiteral("Work"),
                   QStringLiteral("--to"), QStringLiteral("reject-all@example.test"),
                   QStringLiteral("--subject"), QStringLiteral("nope"), QStringLiteral("--body"),
                   QStringLiteral("x"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY2(o.value(QStringLiteral("message")).toString().contains(QStringLiteral("550")),
                 qPrintable(r.out));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mention");
        const QStringList base = sendArguments(QStringLiteral("usage"));
        QTest::newRow("bad address") << QStringList(
            {QStringLiteral("send"), QStringLiteral("--from"), QStringLiteral("me@example.test"),
             QStringLiteral("--to"), QStringLiteral("you at example"), QStringLiteral("--subject"),
             QStringLiteral("s"), QStringLiteral("--body"), QStringLiteral("b")})
                                     << QStringLiteral("you at example");
        QTest::newRow("no body") << QStringList(
            {QStringLiteral("send"), QStringLiteral("--from"), QStringLiteral("me@example.test"),
             QStringLiteral("--to"), QStringLiteral("you@example.test"),
             QStringLiteral("--subject"), QStringLiteral("s")})
                                 << QStringLiteral("--body");
        QTest::newRow("unknown account")
            << QStringList({QStringLiteral("send"), QStringLiteral("--from"),
                            QStringLiteral("nobody@example.test"), QStringLiteral("--to"),
                            QStringLiteral("you@example.test"), QStringLiteral("--subject"),
                            QStringLiteral("s"), QStringLiteral("--body"), QStringLiteral("b")})
            << QStringLiteral("nobody@example.test");
        QTest::newRow("missing attachment")
            << (QStringList(base) << QStringLiteral("--attach") << QStringLiteral("/nonexistent/x"))
            << QStringLiteral("/nonexistent/x");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mention);
        const Result r = run(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(mention), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_SendCommand)
#include "tst_sendcommand.moc"
