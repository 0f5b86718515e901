// tributary-cli mail list|show|export as a black box (QProcess, stdin closed) on a profile
// filled through the Store API: nested and non-ASCII folders, every flag, bytes compared.
#include "models/store.h"
#include "support/clirun.h"
#include "support/testenv.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Tributary;

class tst_MailCommand : public QObject
{
    Q_OBJECT

    using Result = TestEnv::CliResult;

    QString m_cli, m_dir, m_profile;
    qint64 m_inbox = 0, m_maerz = 0, m_greek = 0;
    QHash<qint64, QByteArray> m_bytes;
    QHash<qint64, QString> m_expectedNames; // id -> relative path in the export

    Result run(QStringList arguments)
    {
        arguments << QStringLiteral("--profile") << m_profile;
        return TestEnv::runCli(m_cli, arguments);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cli = qEnvironmentVariable("TRIBUTARY_CLI");
        QVERIFY2(!m_cli.isEmpty() && QFile::exists(m_cli), "TRIBUTARY_CLI must name tributary-cli");
        m_dir = TestEnv::scratchDir(QStringLiteral("tst_mailcommand"));
        m_profile = m_dir + QStringLiteral("/profile");
        Store store(m_profile + QStringLiteral("/store")); // Profile::storeDir()
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        m_inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        const qint64 rechnungen = store.createFolder(0, QStringLiteral("Rechnungen"));
        m_maerz = store.createFolder(rechnungen, QStringLiteral("März 2024"));
        m_greek = store.createFolder(0, QStringLiteral("Ελληνικά"));
        QVERIFY(m_inbox > 0 && m_maerz > 0 && m_greek > 0);
        struct Row
        {
            qint64 folder;
            QString dir;
            int flags;
            QString letters;
            QByteArray bytes;
            QString subject;
        };
        const QList<Row> rows {
            {m_inbox, QStringLiteral("Inbox"), 0, QString(),
             "From: Ann <ann@example.test>\r\nSubject: First\r\n\r\nFirst body\r\n",
             QStringLiteral("First")},
            {m_inbox, QStringLiteral("Inbox"), MessageRecord::Seen | MessageRecord::Flagged,
             QStringLiteral("FS"),
             "From: Bob <bob@example.test>\r\nTo: me@example.test\r\nSubject: "
             "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
             "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
             "Content-Transfer-Encoding: 8bit\r\n\r\nGr\xc3\xbc\xc3\x9f"
             "e aus Berlin\r\n",
             QStringLiteral("Grüße")},
            {m_maerz, QStringLiteral("Rechnungen/März 2024"),
             MessageRecord::Seen | MessageRecord::Answered | MessageRecord::Draft
                 | MessageRecord::Deleted,
             QStringLiteral("DRST"), "Subject: Rechnung\n\nbare LF only\n",
             QStringLiteral("Rechnung")},
            {m_greek, QStringLiteral("Ελληνικά"), MessageRecord::Seen, QStringLiteral("S"),
             "Subject: Greek\r\n\r\n\xce\x93\xce\xb5\xce\xb9\xce\xac\r\n", QStringLiteral("Greek")},
        };
        int n = 0;
        for (const Row &row : rows) {
            MessageRecord r;
            r.folderId = row.folder;
            r.flags = row.flags;
            r.subject = row.subject;
            r.internalDate = QDateTime::fromSecsSinceEpoch(1700000000 + 100 * ++n, Qt::UTC);
            const qint64 id = store.storeMessage(r, row.bytes, &error);
            QVERIFY2(id > 0, qPrintable(error));
            m_bytes.insert(id, row.bytes);
            m_expectedNames.insert(id,
                                   QStringLiteral("%1/cur/%2.M%3.tributary:2,%4")
                                       .arg(row.dir)
                                       .arg(r.internalDate.toSecsSinceEpoch())
                                       .arg(id)
                                       .arg(row.letters));
        }
    }

    void listJson()
    {
        const Result r
            = run({QStringLiteral("mail"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray list = QJsonDocument::fromJson(r.outBytes).array();
        QCOMPARE(list.size(), 2);
        // Newest first.
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("subject")).toString(),
                 QStringLiteral("Grüße"));
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("flags")).toArray(),
                 QJsonArray({QStringLiteral("seen"), QStringLiteral("flagged")}));
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("subject")).toString(),
                 QStringLiteral("First"));
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("flags")).toArray(), QJsonArray());
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("folder")).toString(),
                 QStringLiteral("Inbox"));

        const Result limited
            = run({QStringLiteral("mail"), QStringLiteral("list"), QStringLiteral("--json"),
                   QStringLiteral("--limit"), QStringLiteral("1")});
        QCOMPARE(QJsonDocument::fromJson(limited.outBytes).array().size(), 1);

        const Result nested
            = run({QStringLiteral("mail"), QStringLiteral("list"), QStringLiteral("--json"),
                   QStringLiteral("--folder"), QStringLiteral("Rechnungen/März 2024")});
        QVERIFY2(nested.exitCode == 0, qPrintable(nested.err));
        const QJsonArray inMaerz = QJsonDocument::fromJson(nested.outBytes).array();
        QCOMPARE(inMaerz.size(), 1);
        QCOMPARE(inMaerz.at(0).toObject().value(QStringLiteral("flags")).toArray().size(), 4);

        const Result missing = run({QStringLiteral("mail"), QStringLiteral("list"),
                                    QStringLiteral("--folder"), QStringLiteral("Nope")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("Nope")));

        const Result human = run({QStringLiteral("mail"), QStringLiteral("list")});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(QString::fromUtf8(human.outBytes).contains(QStringLiteral("Grüße")));
    }

    void show()
    {
        qint64 id = 0;
        for (auto it = m_bytes.cbegin(); it != m_bytes.cend(); ++it) {
            if (it.value().contains("Berlin"))
                id = it.key();
        }
        QVERIFY(id > 0);
        const Result r = run({QStringLiteral("mail"), QStringLiteral("show"), QString::number(id)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString text = QString::fromUtf8(r.outBytes);
        QVERIFY2(text.contains(QStringLiteral("Subject: Grüße")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("From: Bob <bob@example.test>")));
        QVERIFY(text.contains(QStringLiteral("Grüße aus Berlin")));

        const Result raw = run({QStringLiteral("mail"), QStringLiteral("show"), QString::number(id),
                                QStringLiteral("--raw")});
        QCOMPARE(raw.exitCode, 0);
        QCOMPARE(raw.outBytes, m_bytes.value(id));

        const Result json = run({QStringLiteral("mail"), QStringLiteral("show"),
                                 QString::number(id), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(json.outBytes)
                     .object()
                     .value(QStringLiteral("subject"))
                     .toString(),
                 QStringLiteral("Grüße"));

        const Result missing
            = run({QStringLiteral("mail"), QStringLiteral("show"), QStringLiteral("99999")});
        QCOMPARE(missing.exitCode, 1);
        const Result usage = run({QStringLiteral("mail"), QStringLiteral("show")});
        QCOMPARE(usage.exitCode, 2);
    }

    void exportMaildir()
    {
        const QString out = m_dir + QStringLiteral("/maildir");
        const Result r = run({QStringLiteral("mail"), QStringLiteral("export"),
                              QStringLiteral("--to"), out, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.outBytes).object();
        QCOMPARE(o.value(QStringLiteral("exported")).toInt(), 4);
        QSet<QString> files;
        QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files.insert(it.next().mid(out.size() + 1));
        QSet<QString> expected;
        for (auto e = m_expectedNames.cbegin(); e != m_expectedNames.cend(); ++e) {
            expected.insert(e.value());
            QFile file(out + QLatin1Char('/') + e.value());
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(e.value()));
            QCOMPARE(file.readAll(), m_bytes.value(e.key()));
        }
        QCOMPARE(files, expected);
        for (const QString &sub :
             {QStringLiteral("new"), QStringLiteral("tmp"), QStringLiteral("cur")})
            QVERIFY(QFileInfo(out + QStringLiteral("/Rechnungen/März 2024/") + sub).isDir());

        // One folder only.
        const QString one = m_dir + QStringLiteral("/one");
        const Result partial
            = run({QStringLiteral("mail"), QStringLiteral("export"), QStringLiteral("--to"), one,
                   QStringLiteral("--folder"), QStringLiteral("Ελληνικά")});
        QVERIFY2(partial.exitCode == 0, qPrintable(partial.err));
        QVERIFY(QString::fromUtf8(partial.outBytes).contains(QStringLiteral("1")));
        QVERIFY(QFileInfo(one + QStringLiteral("/Ελληνικά/cur")).isDir());
        QVERIFY(!QFileInfo::exists(one + QStringLiteral("/Inbox")));

        const Result usage = run({QStringLiteral("mail"), QStringLiteral("export")});
        QCOMPARE(usage.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(tst_MailCommand)
#include "tst_mailcommand.moc"
