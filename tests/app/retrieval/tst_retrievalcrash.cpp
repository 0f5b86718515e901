// kill -9 in the middle of a retrieval, then a rerun: every message exactly once, bytes
// identical to the source; with POP3 (leave on server off) nothing is deleted at the source
// that was not stored. Real Dovecot (fixture dovecot); users u79 (IMAP) and u80 (POP3).
#include "models/store.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QFile>
#include <QIODevice>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <sys/types.h>

using namespace Tributary;

namespace {

// Message i: a few hundred bytes to about 24 KB, unique.
QByteArray message(int i)
{
    const QByteArray n = QByteArray::number(i);
    QByteArray body;
    const int lines = 4 + (i * 37) % 300;
    for (int l = 0; l < lines; ++l)
        body += "Line " + QByteArray::number(l) + " of message " + n
            + " lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n";
    return "From: Crash <crash@example.test>\r\nTo: someone@example.test\r\nSubject: crash " + n
        + "\r\nMessage-ID: <crash-" + n
        + "@example.test>\r\nDate: Fri, 27 Nov 2026 06:00:00"
          " +0000\r\n\r\n"
        + body;
}

} // namespace

class TestRetrievalCrash : public QObject
{
    Q_OBJECT

    quint16 m_imapPort = 0, m_popPort = 0;
    QString m_deliver, m_reset, m_doveadm;

    bool tool(const QString &command, const QStringList &extra, QByteArray *out = nullptr)
    {
        QStringList args = QProcess::splitCommand(command);
        const QString program = args.takeFirst();
        QProcess p;
        p.setProcessChannelMode(out ? QProcess::SeparateChannels : QProcess::ForwardedChannels);
        p.start(program, args + extra);
        const bool ok = p.waitForFinished(300000) && p.exitStatus() == QProcess::NormalExit
            && p.exitCode() == 0;
        if (out)
            *out = p.readAllStandardOutput();
        return ok;
    }
    qint64 serverCount(const QString &user, const QString &folder)
    {
        QByteArray out;
        if (!tool(m_doveadm,
                  {QStringLiteral("mailbox"), QStringLiteral("status"), QStringLiteral("-u"), user,
                   QStringLiteral("messages"), folder},
                  &out))
            return -1;
        const qsizetype at = out.indexOf("messages=");
        return at < 0 ? -1 : out.mid(at + 9).trimmed().toLongLong();
    }
    // Runs the helper; with killAt > 0 kills it with SIGKILL once it reported at least that
    // many stored messages. Returns the last count it reported (-1: it failed).
    qint64 runHelper(const QStringList &args, const QString &password, qint64 killAt)
    {
        QProcess helper;
        helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HELPER_PASSWORD"), password);
        helper.setProcessEnvironment(env);
        helper.start(QStringLiteral(RETRIEVALCRASH_HELPER), args);
        if (!helper.waitForStarted(30000))
            return -1;
        qint64 last = 0;
        bool done = false;
        while (!done) {
            if (!helper.canReadLine() && !helper.waitForReadyRead(120000))
                break;
            while (helper.canReadLine()) {
                const QByteArray line = helper.readLine().trimmed();
                if (line.startsWith("stored "))
                    last = line.mid(7).toLongLong();
                else if (line.startsWith("done "))
                    done = true;
                if (killAt > 0 && last >= killAt) {
                    ::kill(pid_t(helper.processId()), SIGKILL);
                    helper.waitForFinished(30000);
                    return helper.exitStatus() == QProcess::CrashExit ? last : -1;
                }
            }
        }
        helper.waitForFinished(60000);
        return helper.exitStatus() == QProcess::NormalExit && helper.exitCode() == 0 ? last : -1;
    }
    // Every row's file hashes to its sha256; returns the multiset of contents as a list.
    static bool storedContents(Store &store, QList<QString> *shas)
    {
        QSqlQuery q(store.database());
        if (!q.exec(QStringLiteral("SELECT id, sha256 FROM messages ORDER BY id")))
            return false;
        while (q.next()) {
            const auto file = store.openMessage(q.value(0).toLongLong());
            if (!file)
                return false;
            const QByteArray bytes = file->readAll();
            const QString sha = QString::fromLatin1(
                QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
            if (sha != q.value(1).toString())
                return false;
            shas->append(sha);
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(RETRIEVALCRASH_HELPER)), RETRIEVALCRASH_HELPER);
        QString imap, pop;
        TRIBUTARY_REQUIRE_ENV(imap, "dovecot", "IMAP_PORT");
        TRIBUTARY_REQUIRE_ENV(pop, "dovecot", "POP3_PORT");
        TRIBUTARY_REQUIRE_ENV(m_deliver, "dovecot", "DELIVER");
        TRIBUTARY_REQUIRE_ENV(m_reset, "dovecot", "RESET");
        TRIBUTARY_REQUIRE_ENV(m_doveadm, "dovecot", "DOVEADM");
        m_imapPort = quint16(imap.toUInt());
        m_popPort = quint16(pop.toUInt());
    }

    void killAndResume_data()
    {
        QTest::addColumn<bool>("imap");
        QTest::newRow("imap") << true;
        QTest::newRow("pop3") << false;
    }
    void killAndResume()
    {
        QFETCH(bool, imap);
        const QString user = imap ? QStringLiteral("u79") : QStringLiteral("u80");
        const int count = 2000;
        QVERIFY(tool(m_reset, {user}));
        const QString dir = TestEnv::scratchDir(QStringLiteral("retrievalcrash-source-") + user);
        QSet<QString> expected;
        QStringList inbox, archive;
        for (int i = 0; i < count; ++i) {
            const QByteArray m = message(i);
            expected.insert(QString::fromLatin1(
                QCryptographicHash::hash(m, QCryptographicHash::Sha256).toHex()));
            const QString path = dir + QStringLiteral("/%1.eml").arg(i);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(m), m.size());
            // IMAP: a quarter in a second folder.
            (imap && i % 4 == 3 ? archive : inbox).append(path);
        }
        QCOMPARE(expected.size(), count);
        QVERIFY(tool(m_deliver, QStringList {user, QStringLiteral("INBOX")} + inbox));
        if (!archive.isEmpty())
            QVERIFY(tool(m_deliver, QStringList {user, QStringLiteral("Archive")} + archive));

        const QString profile = TestEnv::scratchDir(QStringLiteral("retrievalcrash-") + user);
        const QStringList args {profile,
                                imap ? QStringLiteral("imap") : QStringLiteral("pop3"),
                                QString::number(imap ? m_imapPort : m_popPort),
                                user,
                                QUuid::createUuid().toString(QUuid::WithoutBraces),
                                QStringLiteral("100"),
                                QStringLiteral("300")};
        const QString password = QStringLiteral("pw-") + user;
        // The helper holds once it stored 300 or more, so the run cannot end before the kill.
        const qint64 killedAt = runHelper(args, password, 300);
        QVERIFY2(killedAt >= 300, "the helper was not killed in the middle");
        {
            Store store(profile);
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            QList<QString> shas;
            QVERIFY(storedContents(store, &shas));
            QVERIFY(shas.size() >= killedAt);
            QVERIFY(shas.size() < count);
            QCOMPARE(QSet<QString>(shas.cbegin(), shas.cend()).size(), shas.size());
        }
        if (!imap) // no QUIT: nothing deleted at the source
            QCOMPARE(serverCount(user, QStringLiteral("INBOX")), qint64(count));

        QStringList rerun = args.mid(0, 5); // no pauses, no hold
        QVERIFY(runHelper(rerun, password, 0) >= 0);
        Store store(profile);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QList<QString> shas;
        QVERIFY(storedContents(store, &shas));
        QCOMPARE(shas.size(), count); // exactly once
        QCOMPARE(QSet<QString>(shas.cbegin(), shas.cend()), expected); // bytes identical
        if (!imap) // deleted at the source only now that all are stored
            QCOMPARE(serverCount(user, QStringLiteral("INBOX")), qint64(0));
        else
            QCOMPARE(serverCount(user, QStringLiteral("INBOX")), qint64(count - archive.size()));
    }
};

QTEST_GUILESS_MAIN(TestRetrievalCrash)
#include "tst_retrievalcrash.moc"
