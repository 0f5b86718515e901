#pragma once

// Helpers shared by the IMAP tests that run against the Dovecot fixture.

#include "connectors/imap/imapjob.h"
#include "connectors/imap/imapmessagejobs.h"
#include "connectors/imap/imapsession.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

namespace ImapTest {

inline QString env(const char *key)
{
    return TestEnv::value(QStringLiteral("dovecot"), QString::fromLatin1(key));
}

inline Tributary::Net::Endpoint endpoint(Tributary::Net::Security security,
                                         bool trustFixtureCa = true)
{
    Tributary::Net::Endpoint e;
    e.host = QStringLiteral("127.0.0.1");
    e.security = security;
    e.port = quint16(
        (security == Tributary::Net::Security::ImplicitTls ? env("IMAPS_PORT") : env("IMAP_PORT"))
            .toUInt());
    if (trustFixtureCa)
        e.extraCaCertificates = QSslCertificate::fromPath(env("CA"));
    e.timeoutMs = 30000;
    return e;
}

// Runs a job to its end; false when finished() did not come (the test then fails).
inline bool run(Tributary::Net::Job *job, int timeoutMs = 60000)
{
    QSignalSpy spy(job, &Tributary::Net::Job::finished);
    job->start();
    if (job->isFinished())
        return true;
    return spy.wait(timeoutMs) && spy.count() == 1;
}

// Runs a fixture helper script (DELIVER / RESET values: "script DIR").
inline bool runScript(const char *key, const QStringList &args, QString *output = nullptr)
{
    const QStringList cmd = env(key).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (cmd.size() != 2)
        return false;
    QProcess p;
    p.setProgram(QStringLiteral("bash"));
    p.setArguments(QStringList {cmd.at(0), cmd.at(1)} + args);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start();
    if (!p.waitForFinished(300000))
        return false;
    if (output)
        *output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

inline bool resetUser(const QString &user)
{
    return runScript("RESET", {user});
}

// Writes messages into `dir` and delivers them; returns the file contents in order.
inline bool deliver(const QString &user, const QString &folder, const QList<QByteArray> &messages,
                    const QString &dir, const QByteArray &maildirFlags = QByteArray())
{
    QStringList files;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString path = dir + QStringLiteral("/m%1.eml").arg(i, 6, 10, QLatin1Char('0'));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(messages.at(i)) != messages.at(i).size())
            return false;
        files.append(path);
    }
    if (!maildirFlags.isEmpty())
        qputenv("MAILDIR_FLAGS", maildirFlags);
    const bool ok = runScript("DELIVER", QStringList {user, folder} + files);
    qunsetenv("MAILDIR_FLAGS");
    return ok;
}

inline QByteArray message(int i, int bodyBytes = 200)
{
    QByteArray m = "From: Sender " + QByteArray::number(i)
        + " <sender@example.org>\r\n"
          "To: user@example.org\r\n"
          "Subject: Test message "
        + QByteArray::number(i)
        + "\r\n"
          "Message-ID: <msg"
        + QByteArray::number(i)
        + "@example.org>\r\n"
          "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
          "\r\n";
    QByteArray line;
    while (m.size() < bodyBytes) {
        line = "Line " + QByteArray::number(m.size()) + " of message " + QByteArray::number(i)
            + " \xc3\xa4\r\n";
        m += line;
    }
    return m;
}

// A sink that keeps every body (small tests) or only its hash (big ones).
class CollectingSink : public Tributary::Imap::FetchSink
{
public:
    bool keepBodies = true;
    QHash<quint32, QByteArray> bodies; // by UID
    QHash<quint32, QByteArray> hashes; // by UID
    QList<Tributary::Imap::FetchData> metas;
    qint64 chunks = 0;
    qint64 largestChunk = 0;
    qint64 bytes = 0;
    int begins = 0;
    int ends = 0;

    void bodyBegin(const Tributary::Imap::LiteralInfo &info) override
    {
        ++begins;
        m_current.clear();
        m_hash.reset();
        m_announced = info.size;
    }
    void bodyData(const char *data, qsizetype size) override
    {
        ++chunks;
        bytes += size;
        largestChunk = qMax<qint64>(largestChunk, size);
        m_hash.addData(QByteArrayView(data, size));
        if (keepBodies)
            m_current.append(data, size);
    }
    void bodyEnd() override
    {
        ++ends;
        m_done = true;
    }
    void messageFetched(const Tributary::Imap::FetchData &message) override
    {
        metas.append(message);
        if (m_done) {
            if (keepBodies)
                bodies.insert(message.uid, m_current);
            hashes.insert(message.uid, m_hash.result());
            m_done = false;
            m_current.clear();
        }
    }

private:
    QByteArray m_current;
    QCryptographicHash m_hash {QCryptographicHash::Sha256};
    qint64 m_announced = 0;
    bool m_done = false;
};

} // namespace ImapTest
