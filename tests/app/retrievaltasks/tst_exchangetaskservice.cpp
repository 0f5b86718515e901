// RetrievalTaskService with on-premises Exchange tasks: the test on save signs in to Exchange
// Web Services and lists the folders, against the in-process fake EWS server (HTTPS with the
// test CA, Microsoft's documented SOAP shapes), with the test session's keyring.
#include "app/services/retrievaltasks/retrievaltaskservice.h"
#include "app/services/secretstore.h"
#include "fakes/ewsfakeserver.h"
#include "fakes/scriptedserver.h"
#include "models/store.h"
#include "support/servicesetup.h"
#include "support/testenv.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Tributary;
using Tributary::Testing::FakeEwsServer;

class TestExchangeTaskService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void addSignsInAndSaves();
    void wrongPasswordSavesNothing();
    void serverFaultInWords();
    void untrustedCertificateRefused();

private:
    RetrievalTask task() const;
    // Runs the job to its end; returns its error.
    RetrievalTaskJob::Error run(RetrievalTaskJob *job);

    std::unique_ptr<FakeEwsServer> m_server;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<RetrievalTaskService> m_service;
    QList<QUuid> m_created;
    QString m_lastMessage;
    Net::Error m_lastConnectionError;
};

void TestExchangeTaskService::init()
{
    m_server = std::make_unique<FakeEwsServer>();
    m_server->setBasicCredentials(QStringLiteral("CONTOSO\\carol"), QStringLiteral("s3cret"));
    QVERIFY(m_server->listen());
    QString error;
    QVERIFY2(TestEnv::openScratchStore(QStringLiteral("exchangetaskservice"),
                                       QStringLiteral("Tributary-test"), m_settings, m_store,
                                       m_secrets, &error),
             qPrintable(error));
    m_service = TestEnv::retrievalTaskService(*m_store, *m_secrets,
                                              Testing::ScriptedServer::caCertificates());
    m_created.clear();
}

void TestExchangeTaskService::cleanup()
{
    QVERIFY(TestEnv::removeKeychainEntries(*m_secrets, m_created));
    if (m_server)
        QVERIFY2(m_server->failures().isEmpty(), qPrintable(m_server->failures().join(u'\n')));
    m_service.reset();
    m_secrets.reset();
    m_store.reset();
    m_settings.reset();
    m_server.reset();
}

RetrievalTask TestExchangeTaskService::task() const
{
    RetrievalTask t;
    t.name = QStringLiteral("Exchange at work");
    t.kind = RetrievalTask::Kind::Exchange;
    t.providerId = QStringLiteral("exchange");
    t.server = QStringLiteral("127.0.0.1");
    t.port = m_server->port();
    t.security = RetrievalTask::Security::SslTls;
    t.username = QStringLiteral("CONTOSO\\carol");
    return t;
}

RetrievalTaskJob::Error TestExchangeTaskService::run(RetrievalTaskJob *job)
{
    QSignalSpy spy(job, &RetrievalTaskJob::finished);
    RetrievalTaskJob::Error error = RetrievalTaskJob::Error::Cancelled;
    connect(job, &RetrievalTaskJob::finished, this, [&](RetrievalTaskJob *j) {
        error = j->error();
        m_lastMessage = j->errorString();
        m_lastConnectionError = j->connectionError();
        if (!j->task().uuid.isNull())
            m_created.append(j->task().uuid);
    });
    if (!spy.wait(60000))
        qWarning() << "the job did not finish";
    return error;
}

void TestExchangeTaskService::addSignsInAndSaves()
{
    const RetrievalTaskJob::Error error = run(m_service->add(task(), QStringLiteral("s3cret")));
    QCOMPARE(error, RetrievalTaskJob::Error::NoError);
    const QList<RetrievalTask> stored = m_store->retrievalTasks();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().kind, RetrievalTask::Kind::Exchange);
    QCOMPARE(stored.first().username, QStringLiteral("CONTOSO\\carol"));
    // The test went through EWS: the folders were listed with the user's credentials.
    const QStringList operations = m_server->operations();
    QVERIFY2(operations.contains(QStringLiteral("FindFolder"))
                 || operations.contains(QStringLiteral("GetFolder")),
             qPrintable(operations.join(u',')));
}

void TestExchangeTaskService::wrongPasswordSavesNothing()
{
    const RetrievalTaskJob::Error error = run(m_service->add(task(), QStringLiteral("wrong")));
    QCOMPARE(error, RetrievalTaskJob::Error::Connection);
    QCOMPARE(m_lastConnectionError.kind, Net::Error::Kind::Authentication);
    QVERIFY(!m_lastMessage.isEmpty());
    QVERIFY(m_store->retrievalTasks().isEmpty());
}

void TestExchangeTaskService::serverFaultInWords()
{
    m_server->failNext(QStringLiteral("FindFolder"), FakeEwsServer::Fault::Malformed);
    m_server->failNext(QStringLiteral("GetFolder"), FakeEwsServer::Fault::Malformed);
    const RetrievalTaskJob::Error error = run(m_service->test(task(), QStringLiteral("s3cret")));
    QCOMPARE(error, RetrievalTaskJob::Error::Connection);
    QVERIFY(!m_lastMessage.isEmpty());
    QVERIFY(m_store->retrievalTasks().isEmpty());
}

void TestExchangeTaskService::untrustedCertificateRefused()
{
    // Without the test CA the server's certificate is not trusted: refused, nothing saved.
    m_service->setExtraCaCertificates({});
    const RetrievalTaskJob::Error error = run(m_service->add(task(), QStringLiteral("s3cret")));
    QCOMPARE(error, RetrievalTaskJob::Error::Connection);
    QCOMPARE(m_lastConnectionError.kind, Net::Error::Kind::Tls);
    QVERIFY(m_store->retrievalTasks().isEmpty());
}

QTEST_GUILESS_MAIN(TestExchangeTaskService)
#include "tst_exchangetaskservice.moc"
