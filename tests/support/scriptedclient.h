#pragma once

// What the protocol fault tests (tst_imapfaults, tst_pop3faults, tst_smtpfaults) share when
// they run a client against a ScriptedServer (tests/fakes/scriptedserver.h):
//
//   ScriptedServer server;
//   server.sendLine("220 fake").expectMatch(QStringLiteral("^EHLO ")).hang();
//   QVERIFY(server.listen());
//   ScriptedTest::Client<Smtp::Session, Smtp::VerifyJob> client(server);
//   QVERIFY(ScriptedTest::run(&client.job));
//   QCOMPARE(client.job.error(), Net::Error::Kind::Timeout);
//   SCRIPTED_VERIFY_NO_FAILURES(server);
//
// Header only, for tests that link tributary_connectors. Main thread.
#include "connectors/common/endpoint.h"
#include "connectors/common/job.h"
#include "fakes/scriptedserver.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QStringList>
#include <QTest>

// QVERIFY that the scripted server saw the script it expected (no failures()), printing them.
#define SCRIPTED_VERIFY_NO_FAILURES(server)                                                        \
    QVERIFY2((server).failures().isEmpty(), qPrintable((server).failures().join(u'\n')))

namespace ScriptedTest {

// An endpoint for `server`: 127.0.0.1 on its port, trusting the fake's test CA.
inline Tributary::Net::Endpoint endpointFor(const Tributary::Testing::ScriptedServer &server,
                                            Tributary::Net::Security security
                                            = Tributary::Net::Security::None,
                                            int timeoutMs = 20000)
{
    Tributary::Net::Endpoint e;
    e.host = QStringLiteral("127.0.0.1");
    e.port = server.port();
    e.security = security;
    e.extraCaCertificates = Tributary::Testing::ScriptedServer::caCertificates();
    e.timeoutMs = timeoutMs;
    return e;
}

// Starts `job` and waits for its end. True when the job finished inside start() or
// finished() came exactly once (a second emission within 50 ms after the first shows up
// here); false when it did not come within `timeoutMs` (the test then fails).
inline bool run(Tributary::Net::Job *job, int timeoutMs = 30000)
{
    QSignalSpy spy(job, &Tributary::Net::Job::finished);
    job->start();
    if (job->isFinished())
        return true;
    if (!spy.wait(timeoutMs))
        return false;
    QTest::qWait(50); // a second finished() would show up here
    return spy.count() == 1;
}

// A client session of type SessionT aimed at `server` (endpointFor()), and one job of type
// JobT on it; the job is built after the session and destroyed before it. The test sets the
// rest (credentials, job parameters) on the members, then run(&client.job).
template<class SessionT, class JobT> struct Client
{
    explicit Client(const Tributary::Testing::ScriptedServer &server,
                    Tributary::Net::Security security = Tributary::Net::Security::None,
                    int timeoutMs = 20000)
        : job(&session)
    {
        session.setEndpoint(endpointFor(server, security, timeoutMs));
    }

    SessionT session;
    JobT job;
};

// Collects every message Qt prints while it lives, with debug output of `category` switched
// on; the previous message handler and the category's debug switch (off) come back at
// stop() or destruction. One capture at a time.
class LogCapture
{
public:
    explicit LogCapture(const QLoggingCategory &category)
        : m_category(const_cast<QLoggingCategory &>(category))
    {
        s_lines = &m_lines;
        m_category.setEnabled(QtDebugMsg, true);
        m_previous = qInstallMessageHandler(&LogCapture::collect);
    }
    ~LogCapture() { stop(); }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    void stop()
    {
        if (!s_lines)
            return;
        qInstallMessageHandler(m_previous);
        m_category.setEnabled(QtDebugMsg, false);
        s_lines = nullptr;
    }
    // Everything captured so far, one message a line.
    QString text() const { return m_lines.join(QLatin1Char('\n')); }

private:
    static void collect(QtMsgType, const QMessageLogContext &, const QString &message)
    {
        if (s_lines)
            s_lines->append(message);
    }

    static inline QStringList *s_lines = nullptr;
    QLoggingCategory &m_category;
    QtMessageHandler m_previous = nullptr;
    QStringList m_lines;
};

} // namespace ScriptedTest
