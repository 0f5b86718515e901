// The POP3 client against the real Dovecot of the test environment (fixture dovecot).
// Users u31..u40 and popuser are this test's own (the IMAP tests use lower numbers).
#include "connectors/common/endpoint.h"
#include "connectors/pop3/deletejob.h"
#include "connectors/pop3/listjob.h"
#include "connectors/pop3/quitjob.h"
#include "connectors/pop3/retrievejob.h"
#include "connectors/pop3/session.h"
#include "support/testenv.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

#include <memory>

#include <unistd.h>

using namespace Tributary;
using Net::Error;

namespace {

bool waitFinished(Net::Job *job, int ms = 60000)
{
    if (job->isFinished())
        return true;
    QSignalSpy spy(job, &Net::Job::finished);
    return spy.wait(ms);
}

QByteArray message(int i, const QByteArray &body = QByteArray())
{
    return "From: sender" + QByteArray::number(i) + "@example.test\r\nTo: popuser@example.test\r\n"
        + "Subject: message " + QByteArray::number(i) + "\r\nMessage-ID: <pop3-"
        + QByteArray::number(i) + "@example.test>\r\n\r\n"
        + (body.isEmpty() ? "Body of message " + QByteArray::number(i) + "\r\n" : body);
}

} // namespace

class TestPop3Session : public QObject
{
    Q_OBJECT

    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 0, m_tlsPort = 0, m_strictPort = 0;
    QList<QSslCertificate> m_ca;
    QString m_deliver, m_reset, m_popUser, m_popPassword, m_mailRoot;

    Net::Endpoint endpoint(Net::Security security) const
    {
        Net::Endpoint e;
        e.host = m_host;
        e.port = security == Net::Security::ImplicitTls ? m_tlsPort : m_port;
        e.security = security;
        e.extraCaCertificates = m_ca;
        e.timeoutMs = 30000;
        return e;
    }
    static Net::Sasl::Credentials creds(const QString &user)
    {
        Net::Sasl::Credentials c;
        c.user = user;
        c.password = QStringLiteral("pw-") + user;
        return c;
    }
    bool run(const QString &command, const QStringList &extra)
    {
        QStringList args = QProcess::splitCommand(command);
        const QString program = args.takeFirst();
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(program, args + extra);
        return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit
            && p.exitCode() == 0;
    }
    // Empties the user's mailbox and delivers these messages into INBOX, in order.
    bool prepare(const QString &user, const QList<QByteArray> &messages)
    {
        if (!run(m_reset, {user}))
            return false;
        if (messages.isEmpty())
            return true;
        const QString dir = TestEnv::scratchDir(QStringLiteral("pop3-") + user);
        QStringList files;
        for (int i = 0; i < messages.size(); ++i) {
            const QString path = dir + QStringLiteral("/%1.eml").arg(i, 5, 10, QLatin1Char('0'));
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(messages.at(i)) != messages.at(i).size())
                return false;
            files.append(path);
        }
        // The fixture's helper creates the maildir with the first message; many more are
        // written the same way (tmp/, owner of the maildir, rename into new/) from here, which
        // is much faster than one helper process per message on a busy machine.
        if (!run(m_deliver, {user, QStringLiteral("INBOX"), files.first()}))
            return false;
        if (files.size() == 1)
            return true;
        const QString maildir = m_mailRoot + QLatin1Char('/') + user + QStringLiteral("/Maildir");
        const QFileInfo newDir(maildir + QStringLiteral("/new"));
        if (!newDir.isDir())
            return false;
        for (qsizetype i = 1; i < files.size(); ++i) {
            const QString name = QStringLiteral("%1.M%2P%3Q%4.pop3test,S=%5")
                                     .arg(QDateTime::currentSecsSinceEpoch())
                                     .arg(i)
                                     .arg(QCoreApplication::applicationPid())
                                     .arg(i)
                                     .arg(messages.at(i).size());
            const QString tmp = maildir + QStringLiteral("/tmp/") + name;
            QFile f(tmp);
            if (!f.open(QIODevice::WriteOnly) || f.write(messages.at(i)) != messages.at(i).size())
                return false;
            f.close();
            if (::chown(QFile::encodeName(tmp).constData(), newDir.ownerId(), newDir.groupId())
                != 0)
                return false;
            if (!QFile::rename(tmp, newDir.filePath() + QLatin1Char('/') + name))
                return false;
        }
        return true;
    }
    int count(const QString &user)
    {
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security::None));
        session.setCredentials(creds(user));
        Pop3::StatJob stat(&session);
        stat.start();
        if (!waitFinished(&stat) || stat.error() != Error::Kind::None)
            return -1;
        Pop3::QuitJob quit(&session);
        quit.start();
        waitFinished(&quit);
        return stat.count();
    }
    // All messages of the maildrop, by number.
    QMap<int, QByteArray> retrieveAll(Pop3::Session &session, const QList<int> &numbers,
                                      Error::Kind *error)
    {
        QMap<int, QByteArray> out;
        Pop3::RetrieveJob job(&session);
        job.setMessages(numbers);
        job.setChunkHandler([&out](int n, const QByteArray &chunk) { out[n].append(chunk); });
        job.start();
        if (!waitFinished(&job, 120000))
            *error = Error::Kind::Timeout;
        else
            *error = job.error();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString port, tlsPort, strictPort, ca;
        TRIBUTARY_REQUIRE_ENV(port, "dovecot", "POP3_PORT");
        TRIBUTARY_REQUIRE_ENV(tlsPort, "dovecot", "POP3S_PORT");
        TRIBUTARY_REQUIRE_ENV(strictPort, "dovecot", "POP3_STRICT_PORT");
        TRIBUTARY_REQUIRE_ENV(ca, "dovecot", "CA");
        TRIBUTARY_REQUIRE_ENV(m_deliver, "dovecot", "DELIVER");
        TRIBUTARY_REQUIRE_ENV(m_reset, "dovecot", "RESET");
        TRIBUTARY_REQUIRE_ENV(m_mailRoot, "dovecot", "MAIL_ROOT");
        TRIBUTARY_REQUIRE_ENV(m_popUser, "dovecot", "POPUSER");
        TRIBUTARY_REQUIRE_ENV(m_popPassword, "dovecot", "POPPASSWORD");
        m_port = quint16(port.toUInt());
        m_tlsPort = quint16(tlsPort.toUInt());
        m_strictPort = quint16(strictPort.toUInt());
        m_ca = QSslCertificate::fromPath(ca);
        QCOMPARE(m_ca.size(), 1);
    }

    void signIn_data()
    {
        QTest::addColumn<int>("security");
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("mechanism");
        QTest::addColumn<QByteArray>("used");
        QTest::newRow("plain USER/PASS")
            << int(Net::Security::None) << int(Pop3::LoginMethod::UserPass)
            << int(Net::Sasl::Mechanism::None) << QByteArray("USER");
        QTest::newRow("plain APOP") << int(Net::Security::None) << int(Pop3::LoginMethod::Apop)
                                    << int(Net::Sasl::Mechanism::None) << QByteArray("APOP");
        QTest::newRow("STLS AUTH PLAIN")
            << int(Net::Security::StartTls) << int(Pop3::LoginMethod::Auto)
            << int(Net::Sasl::Mechanism::None) << QByteArray("PLAIN");
        QTest::newRow("STLS AUTH LOGIN")
            << int(Net::Security::StartTls) << int(Pop3::LoginMethod::Sasl)
            << int(Net::Sasl::Mechanism::Login) << QByteArray("LOGIN");
        QTest::newRow("STLS USER/PASS")
            << int(Net::Security::StartTls) << int(Pop3::LoginMethod::UserPass)
            << int(Net::Sasl::Mechanism::None) << QByteArray("USER");
        QTest::newRow("POP3S AUTH PLAIN")
            << int(Net::Security::ImplicitTls) << int(Pop3::LoginMethod::Sasl)
            << int(Net::Sasl::Mechanism::Plain) << QByteArray("PLAIN");
        QTest::newRow("POP3S USER/PASS")
            << int(Net::Security::ImplicitTls) << int(Pop3::LoginMethod::UserPass)
            << int(Net::Sasl::Mechanism::None) << QByteArray("USER");
    }
    void signIn()
    {
        QFETCH(int, security);
        QFETCH(int, method);
        QFETCH(int, mechanism);
        QFETCH(QByteArray, used);
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security(security)));
        Net::Sasl::Credentials c;
        c.user = m_popUser;
        c.password = m_popPassword;
        session.setCredentials(c);
        session.setLoginMethod(Pop3::LoginMethod(method));
        session.setPreferredMechanism(Net::Sasl::Mechanism(mechanism));
        Pop3::VerifyJob job(&session);
        job.start();
        QVERIFY(waitFinished(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QCOMPARE(job.usedLogin(), used);
        QCOMPARE(job.encrypted(), Net::Security(security) != Net::Security::None);
        QVERIFY(session.capabilities().known);
        QVERIFY(session.capabilities().pipelining);
        QVERIFY(session.capabilities().uidl);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Pop3::Session::State::Disconnected, 30000);
    }

    void wrongPassword_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("USER/PASS") << int(Pop3::LoginMethod::UserPass);
        QTest::newRow("APOP") << int(Pop3::LoginMethod::Apop);
        QTest::newRow("AUTH PLAIN") << int(Pop3::LoginMethod::Sasl);
    }
    void wrongPassword()
    {
        QFETCH(int, method);
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security::StartTls));
        Net::Sasl::Credentials c;
        c.user = m_popUser;
        c.password = QStringLiteral("wrong");
        session.setCredentials(c);
        session.setLoginMethod(Pop3::LoginMethod(method));
        Pop3::StatJob job(&session);
        job.start();
        QVERIFY(waitFinished(&job));
        QCOMPARE(job.error(), Error::Kind::Authentication);
        QVERIFY2(job.errorValue().serverReply.startsWith(QStringLiteral("-ERR")),
                 qPrintable(job.details()));
        QVERIFY(job.errorString().contains(job.errorValue().serverReply));
    }

    void strictListenerNeedsTls()
    {
        // On 127.0.0.2 Dovecot refuses plaintext logins; with STLS required it works.
        Pop3::Session session;
        Net::Endpoint e = endpoint(Net::Security::StartTls);
        e.host = QStringLiteral("127.0.0.2");
        e.port = m_strictPort;
        session.setEndpoint(e);
        session.setCredentials(creds(QStringLiteral("u31")));
        session.setLoginMethod(Pop3::LoginMethod::UserPass);
        Pop3::VerifyJob job(&session);
        job.start();
        QVERIFY(waitFinished(&job));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QVERIFY(job.encrypted());
    }

    void statListUidlRetrieve()
    {
        const QString user = QStringLiteral("u31");
        const QList<QByteArray> messages = {
            message(1, ".\r\n..\r\n.leading dot\r\n...three\r\nend\r\n"),
            message(2, QStringLiteral("Grüße, 8-bit body ✓\r\n").toUtf8()),
            message(3, "last line without dot\r\n.\r\n"),
        };
        QVERIFY(prepare(user, messages));
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security::StartTls));
        session.setCredentials(creds(user));
        Pop3::StatJob stat(&session);
        Pop3::ListJob list(&session);
        stat.start();
        list.start();
        QVERIFY(waitFinished(&stat));
        QVERIFY(waitFinished(&list));
        QVERIFY2(stat.error() == Error::Kind::None, qPrintable(stat.details()));
        QVERIFY2(list.error() == Error::Kind::None, qPrintable(list.details()));
        QCOMPARE(stat.count(), 3);
        qint64 total = 0;
        for (const QByteArray &m : messages)
            total += m.size();
        QCOMPARE(stat.totalSize(), total);
        QCOMPARE(list.messages().size(), 3);
        QSet<QByteArray> uids;
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(list.messages().at(i).number, i + 1);
            QCOMPARE(list.messages().at(i).size, qint64(messages.at(i).size()));
            QVERIFY(!list.messages().at(i).uid.isEmpty());
            uids.insert(list.messages().at(i).uid);
        }
        QCOMPARE(uids.size(), 3);
        Error::Kind error = Error::Kind::None;
        QSignalSpy retrieved(&session, &Pop3::Session::stateChanged);
        const auto got = retrieveAll(session, {1, 2, 3}, &error);
        QCOMPARE(error, Error::Kind::None);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(got.value(i + 1), messages.at(i));

        // TOP 0: the header and the blank line only.
        Pop3::RetrieveJob top(&session);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        top.setMessages({1});
        top.setTopLines(0);
        top.setOutput(&buffer);
        top.start();
        QVERIFY(waitFinished(&top));
        QVERIFY2(top.error() == Error::Kind::None, qPrintable(top.details()));
        QCOMPARE(buffer.data(), messages.at(0).left(messages.at(0).indexOf("\r\n\r\n") + 4));

        // Same UIDs in a later session.
        Pop3::QuitJob quit(&session);
        quit.start();
        QVERIFY(waitFinished(&quit));
        QCOMPARE(quit.error(), Error::Kind::None);
        Pop3::Session again;
        again.setEndpoint(endpoint(Net::Security::ImplicitTls));
        again.setCredentials(creds(user));
        Pop3::ListJob list2(&again);
        list2.start();
        QVERIFY(waitFinished(&list2));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(list2.messages().at(i).uid, list.messages().at(i).uid);
    }

    void retrieveMissingMessage()
    {
        const QString user = QStringLiteral("u32");
        QVERIFY(prepare(user, {message(1)}));
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security::None));
        session.setCredentials(creds(user));
        Error::Kind error = Error::Kind::None;
        QMap<int, QByteArray> got;
        {
            Pop3::RetrieveJob job(&session);
            job.setMessages({1, 7});
            job.setChunkHandler([&got](int n, const QByteArray &c) { got[n].append(c); });
            job.start();
            QVERIFY(waitFinished(&job));
            error = job.error();
            QCOMPARE(error, Error::Kind::Command);
            QCOMPARE(job.errorValue().step, QStringLiteral("RETR 7"));
        }
        QCOMPARE(got.value(1), message(1));
        // The session is still usable.
        Pop3::StatJob stat(&session);
        stat.start();
        QVERIFY(waitFinished(&stat));
        QCOMPARE(stat.count(), 1);
    }

    void deleteAndQuitRemoves()
    {
        const QString user = QStringLiteral("u33");
        QVERIFY(prepare(user, {message(1), message(2), message(3)}));
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security::StartTls));
        session.setCredentials(creds(user));
        Pop3::DeleteJob del(&session);
        del.setMessages({2});
        del.start();
        QVERIFY(waitFinished(&del));
        QVERIFY2(del.error() == Error::Kind::None, qPrintable(del.details()));
        QCOMPARE(del.deleted(), QList<int> {2});
        Pop3::QuitJob quit(&session);
        quit.start();
        QVERIFY(waitFinished(&quit));
        QVERIFY2(quit.error() == Error::Kind::None, qPrintable(quit.details()));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Pop3::Session::State::Disconnected, 30000);
        QCOMPARE(count(user), 2);

        Pop3::Session check;
        check.setEndpoint(endpoint(Net::Security::None));
        check.setCredentials(creds(user));
        Error::Kind error = Error::Kind::None;
        const auto got = retrieveAll(check, {1, 2}, &error);
        QCOMPARE(error, Error::Kind::None);
        QCOMPARE(got.value(1), message(1));
        QCOMPARE(got.value(2), message(3));
    }

    void resetRestores()
    {
        const QString user = QStringLiteral("u34");
        QVERIFY(prepare(user, {message(1), message(2)}));
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security::None));
        session.setCredentials(creds(user));
        Pop3::DeleteJob del(&session);
        del.setMessages({1, 2});
        Pop3::ResetJob reset(&session);
        Pop3::QuitJob quit(&session);
        del.start();
        reset.start();
        quit.start();
        QVERIFY(waitFinished(&quit));
        QCOMPARE(del.error(), Error::Kind::None);
        QCOMPARE(reset.error(), Error::Kind::None);
        QCOMPARE(quit.error(), Error::Kind::None);
        QCOMPARE(count(user), 2);
    }

    void droppedConnectionKeepsMessages()
    {
        const QString user = QStringLiteral("u35");
        QVERIFY(prepare(user, {message(1), message(2)}));
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security::None));
        session.setCredentials(creds(user));
        Pop3::DeleteJob del(&session);
        del.setMessages({1, 2});
        del.start();
        QVERIFY(waitFinished(&del));
        QCOMPARE(del.error(), Error::Kind::None);
        session.abort(); // no QUIT: nothing is removed
        QCOMPARE(session.state(), Pop3::Session::State::Disconnected);
        QCOMPARE(count(user), 2);
    }

    void twoThousandMessages()
    {
        const QString user = QStringLiteral("u36");
        QList<QByteArray> messages;
        for (int i = 1; i <= 2000; ++i)
            messages.append(message(i));
        QVERIFY(prepare(user, messages));
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security::None));
        session.setCredentials(creds(user));
        Pop3::ListJob list(&session);
        list.start();
        QVERIFY(waitFinished(&list));
        QVERIFY2(list.error() == Error::Kind::None, qPrintable(list.details()));
        QCOMPARE(list.messages().size(), 2000);
        QSet<QByteArray> uids;
        QList<int> numbers;
        for (const auto &m : list.messages()) {
            uids.insert(m.uid);
            numbers.append(m.number);
        }
        QCOMPARE(uids.size(), 2000);
        // All of them, pipelined; every message byte for byte. The maildir's order is not
        // the delivery order, so compare as sets (each message is unique).
        Error::Kind error = Error::Kind::None;
        const auto got = retrieveAll(session, numbers, &error);
        QCOMPARE(error, Error::Kind::None);
        QCOMPARE(got.size(), 2000);
        const QSet<QByteArray> expected(messages.cbegin(), messages.cend());
        QSet<QByteArray> received;
        for (auto it = got.cbegin(); it != got.cend(); ++it)
            received.insert(it.value());
        QCOMPARE(received.size(), 2000);
        QVERIFY(received == expected);
    }

    void fiveMegabytes()
    {
        const QString user = QStringLiteral("u37");
        QByteArray body;
        int i = 0;
        while (body.size() < 5 * 1024 * 1024) {
            body += (i % 7 == 0 ? "." : "") + QByteArray::number(i) + " lorem ipsum dolor sit amet "
                + QByteArray(i % 50, 'x') + "\r\n";
            ++i;
        }
        const QByteArray big = message(1, body);
        QVERIFY(prepare(user, {big}));
        Pop3::Session session;
        session.setEndpoint(endpoint(Net::Security::ImplicitTls));
        session.setCredentials(creds(user));
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        Pop3::RetrieveJob job(&session);
        job.setMessages({1});
        job.setOutput(&out);
        job.setExpectedTotal(big.size());
        QSignalSpy progress(&job, &Net::Job::progress);
        QSignalSpy retrieved(&job, &Pop3::RetrieveJob::messageRetrieved);
        job.start();
        QVERIFY(waitFinished(&job, 120000));
        QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
        QCOMPARE(out.data().size(), big.size());
        QVERIFY(out.data() == big);
        QCOMPARE(retrieved.size(), 1);
        QVERIFY(progress.size() > 1); // streamed in several chunks
    }
};

QTEST_GUILESS_MAIN(TestPop3Session)
#include "tst_pop3session.moc"
