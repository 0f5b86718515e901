// RetrievalTaskService against the real Dovecot of the test environment (users u56..u60)
// and the real gnome-keyring of the test session.
#include "app/services/retrievaltasks/retrievaltaskservice.h"
#include "app/services/secretstore.h"
#include "fakes/scriptedserver.h"
#include "models/store.h"
#include "support/servicesetup.h"
#include "support/testenv.h"

#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Tributary;

class TestRetrievalTaskService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void addSucceeds_data();
    void addSucceeds();
    void wrongPasswordStoresNothing_data();
    void wrongPasswordStoresNothing();
    void refusedPortInWords();
    void tlsRequiredButNotOffered_data();
    void tlsRequiredButNotOffered();
    void missingFieldsFailFast();
    void updateKeepsPasswordWhenNotGiven();
    void updateWithWrongPasswordChangesNothing();
    void removeDeletesRowAndSecret();

private:
    RetrievalTask task(RetrievalTask::Kind kind, const QString &user) const;
    void run(RetrievalTaskJob *job);
    QByteArray storedPassword(const QUuid &uuid, SecretJob::Error *error = nullptr);

    QString m_host;
    quint16 m_imapPort = 0;
    quint16 m_imapsPort = 0;
    quint16 m_pop3Port = 0;
    quint16 m_pop3sPort = 0;
    QList<QSslCertificate> m_cas;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<RetrievalTaskService> m_service;
    QList<QUuid> m_created;
    RetrievalTaskJob::Error m_lastError = RetrievalTaskJob::Error::NoError;
    QString m_lastMessage;
    RetrievalTask m_lastTask;
};

void TestRetrievalTaskService::initTestCase()
{
    QString value;
    TRIBUTARY_REQUIRE_ENV(m_host, "dovecot", "IMAP_HOST");
    TRIBUTARY_REQUIRE_ENV(value, "dovecot", "IMAP_PORT");
    m_imapPort = value.toUShort();
    TRIBUTARY_REQUIRE_ENV(value, "dovecot", "IMAPS_PORT");
    m_imapsPort = value.toUShort();
    TRIBUTARY_REQUIRE_ENV(value, "dovecot", "POP3_PORT");
    m_pop3Port = value.toUShort();
    TRIBUTARY_REQUIRE_ENV(value, "dovecot", "POP3S_PORT");
    m_pop3sPort = value.toUShort();
    TRIBUTARY_REQUIRE_ENV(value, "dovecot", "CA");
    m_cas = QSslCertificate::fromPath(value);
    QVERIFY(!m_cas.isEmpty());
}

void TestRetrievalTaskService::init()
{
    QString error;
    QVERIFY2(TestEnv::openScratchStore(QStringLiteral("retrievaltaskservice"),
                                       QStringLiteral("Tributary-test"), m_settings, m_store,
                                       m_secrets, &error),
             qPrintable(error));
    m_service = TestEnv::retrievalTaskService(*m_store, *m_secrets, m_cas);
    m_created.clear();
}

void TestRetrievalTaskService::cleanup()
{
    // Keychain entries outlive the scratch folder: remove what the test stored.
    QVERIFY(TestEnv::removeKeychainEntries(*m_secrets, m_created));
    m_service.reset();
    m_secrets.reset();
    m_store.reset();
    m_settings.reset();
}

RetrievalTask TestRetrievalTaskService::task(RetrievalTask::Kind kind, const QString &user) const
{
    RetrievalTask t;
    t.name = QStringLiteral("Test ") + user;
    t.kind = kind;
    t.server = m_host;
    t.port = kind == RetrievalTask::Kind::Pop3 ? m_pop3sPort : m_imapsPort;
    t.security = RetrievalTask::Security::SslTls;
    t.username = user;
    t.providerId = kind == RetrievalTask::Kind::Pop3 ? QStringLiteral("other-pop")
                                                     : QStringLiteral("other-imap");
    return t;
}

void TestRetrievalTaskService::run(RetrievalTaskJob *job)
{
    QSignalSpy spy(job, &RetrievalTaskJob::finished);
    QSignalSpy changed(m_service.get(), &RetrievalTaskService::tasksChanged);
    connect(job, &RetrievalTaskJob::finished, this, [this](RetrievalTaskJob *j) {
        m_lastError = j->error();
        m_lastMessage = j->errorString();
        m_lastTask = j->task();
        if (!j->task().uuid.isNull())
            m_created.append(j->task().uuid);
    });
    QVERIFY(spy.wait(60000));
    QCOMPARE(spy.count(), 1);
    const bool changes = job->operation() != RetrievalTaskJob::Operation::Test
        && m_lastError == RetrievalTaskJob::Error::NoError;
    QCOMPARE(changed.count(), changes ? 1 : 0);
}

QByteArray TestRetrievalTaskService::storedPassword(const QUuid &uuid, SecretJob::Error *error)
{
    SecretJob *job = m_secrets->read(SecretKind::Password, uuid.toString(QUuid::WithoutBraces));
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    QSignalSpy spy(job, &SecretJob::finished);
    if (!spy.wait(20000))
        return "<timeout>";
    if (error)
        *error = job->error();
    return job->secret();
}

void TestRetrievalTaskService::addSucceeds_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("security");
    QTest::newRow("pop3s") << int(RetrievalTask::Kind::Pop3) << QStringLiteral("u56")
                           << int(RetrievalTask::Security::SslTls);
    QTest::newRow("pop3 stls") << int(RetrievalTask::Kind::Pop3) << QStringLiteral("u57")
                               << int(RetrievalTask::Security::StartTls);
    QTest::newRow("imaps") << int(RetrievalTask::Kind::Imap) << QStringLiteral("u58")
                           << int(RetrievalTask::Security::SslTls);
    QTest::newRow("imap starttls") << int(RetrievalTask::Kind::Imap) << QStringLiteral("u59")
                                   << int(RetrievalTask::Security::StartTls);
}

void TestRetrievalTaskService::addSucceeds()
{
    QFETCH(int, kind);
    QFETCH(QString, user);
    QFETCH(int, security);
    RetrievalTask t = task(RetrievalTask::Kind(kind), user);
    t.security = RetrievalTask::Security(security);
    if (t.security == RetrievalTask::Security::StartTls)
        t.port = t.kind == RetrievalTask::Kind::Pop3 ? m_pop3Port : m_imapPort;
    run(m_service->add(t, QStringLiteral("pw-") + user));
    QVERIFY2(m_lastError == RetrievalTaskJob::Error::NoError, qPrintable(m_lastMessage));
    QVERIFY(!m_lastTask.uuid.isNull());

    const QList<RetrievalTask> stored = m_store->retrievalTasks();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().uuid, m_lastTask.uuid);
    QCOMPARE(stored.first().username, user);
    QCOMPARE(stored.first().kind, t.kind);
    QCOMPARE(stored.first().port, t.port);
    QCOMPARE(storedPassword(m_lastTask.uuid), (QStringLiteral("pw-") + user).toUtf8());
}

void TestRetrievalTaskService::wrongPasswordStoresNothing_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("pop3") << int(RetrievalTask::Kind::Pop3);
    QTest::newRow("imap") << int(RetrievalTask::Kind::Imap);
}

void TestRetrievalTaskService::wrongPasswordStoresNothing()
{
    QFETCH(int, kind);
    run(m_service->add(task(RetrievalTask::Kind(kind), QStringLiteral("u60")),
                       QStringLiteral("wrong")));
    QCOMPARE(m_lastError, RetrievalTaskJob::Error::Connection);
    QVERIFY(m_lastMessage.contains(m_host));
    // The server's own words are part of the message (Dovecot: "[AUTHENTICATIONFAILED]" /
    // "Authentication failed").
    QVERIFY2(m_lastMessage.contains(QStringLiteral("uthentication failed"), Qt::CaseInsensitive)
                 || m_lastMessage.contains(QStringLiteral("AUTHENTICATIONFAILED")),
             qPrintable(m_lastMessage));
    QVERIFY(m_store->retrievalTasks().isEmpty());
    QVERIFY(m_secrets->indexedAccounts().isEmpty());
}

void TestRetrievalTaskService::refusedPortInWords()
{
    // A port that nothing listens on: take a free one and close it again.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    for (RetrievalTask::Kind kind : {RetrievalTask::Kind::Pop3, RetrievalTask::Kind::Imap}) {
        RetrievalTask t = task(kind, QStringLiteral("u61"));
        t.port = port;
        run(m_service->add(t, QStringLiteral("pw-u61")));
        QCOMPARE(m_lastError, RetrievalTaskJob::Error::Connection);
        QVERIFY2(
            m_lastMessage.contains(QStringLiteral("refused the connection on port %1").arg(port)),
            qPrintable(m_lastMessage));
    }
    QVERIFY(m_store->retrievalTasks().isEmpty());
}

void TestRetrievalTaskService::tlsRequiredButNotOffered_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("pop3") << int(RetrievalTask::Kind::Pop3);
    QTest::newRow("imap") << int(RetrievalTask::Kind::Imap);
}

void TestRetrievalTaskService::tlsRequiredButNotOffered()
{
    // A scripted server that offers no STARTTLS/STLS: the test must stop before any
    // credential is sent.
    QFETCH(int, kind);
    Testing::ScriptedServer server;
    RetrievalTask t = task(RetrievalTask::Kind(kind), QStringLiteral("u62"));
    if (t.kind == RetrievalTask::Kind::Pop3) {
        server.sendLine("+OK POP3 ready")
            .expectLine("CAPA")
            .sendLine("+OK capabilities follow")
            .sendLine("USER")
            .sendLine("UIDL")
            .sendLine(".")
            .expectDisconnect();
    } else {
        server.sendLine("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready").expectDisconnect();
    }
    QVERIFY(server.listen());
    t.server = QStringLiteral("127.0.0.1");
    t.port = server.port();
    t.security = RetrievalTask::Security::StartTls;
    run(m_service->add(t, QStringLiteral("pw-u62")));
    QCOMPARE(m_lastError, RetrievalTaskJob::Error::Connection);
    QVERIFY2(m_lastMessage.contains(QStringLiteral("does not offer an encrypted connection")),
             qPrintable(m_lastMessage));
    QVERIFY(!server.received().contains("pw-u62"));
    QVERIFY(m_store->retrievalTasks().isEmpty());
}

void TestRetrievalTaskService::missingFieldsFailFast()
{
    RetrievalTask t = task(RetrievalTask::Kind::Imap, QStringLiteral("u63"));
    t.server.clear();
    run(m_service->add(t, QStringLiteral("pw-u63")));
    QCOMPARE(m_lastError, RetrievalTaskJob::Error::InvalidSettings);
    QVERIFY(m_lastMessage.contains(QStringLiteral("server address")));

    run(m_service->add(task(RetrievalTask::Kind::Imap, QStringLiteral("u63")), QString()));
    QCOMPARE(m_lastError, RetrievalTaskJob::Error::InvalidSettings);
    QVERIFY(m_lastMessage.contains(QStringLiteral("password")));
    QVERIFY(m_store->retrievalTasks().isEmpty());
}

void TestRetrievalTaskService::updateKeepsPasswordWhenNotGiven()
{
    run(m_service->add(task(RetrievalTask::Kind::Imap, QStringLiteral("u64")),
                       QStringLiteral("pw-u64")));
    QCOMPARE(m_lastError, RetrievalTaskJob::Error::NoError);
    RetrievalTask t = m_lastTask;
    t.name = QStringLiteral("Renamed");
    t.method = RetrievalTask::Method::Automatic;
    run(m_service->update(t));
    QVERIFY2(m_lastError == RetrievalTaskJob::Error::NoError, qPrintable(m_lastMessage));
    const std::optional<RetrievalTask> stored = m_store->retrievalTask(t.uuid);
    QVERIFY(stored);
    QCOMPARE(stored->name, QStringLiteral("Renamed"));
    QCOMPARE(stored->method, RetrievalTask::Method::Automatic);
    QCOMPARE(storedPassword(t.uuid), QByteArray("pw-u64"));
}

void TestRetrievalTaskService::updateWithWrongPasswordChangesNothing()
{
    run(m_service->add(task(RetrievalTask::Kind::Pop3, QStringLiteral("u65")),
                       QStringLiteral("pw-u65")));
    QCOMPARE(m_lastError, RetrievalTaskJob::Error::NoError);
    RetrievalTask t = m_lastTask;
    t.name = QStringLiteral("Should not be saved");
    run(m_service->update(t, QStringLiteral("wrong")));
    QCOMPARE(m_lastError, RetrievalTaskJob::Error::Connection);
    QCOMPARE(m_store->retrievalTask(t.uuid)->name, QStringLiteral("Test u65"));
    QCOMPARE(storedPassword(t.uuid), QByteArray("pw-u65"));
}

void TestRetrievalTaskService::removeDeletesRowAndSecret()
{
    run(m_service->add(task(RetrievalTask::Kind::Imap, QStringLiteral("u66")),
                       QStringLiteral("pw-u66")));
    QCOMPARE(m_lastError, RetrievalTaskJob::Error::NoError);
    const QUuid uuid = m_lastTask.uuid;
    run(m_service->remove(uuid));
    QVERIFY2(m_lastError == RetrievalTaskJob::Error::NoError, qPrintable(m_lastMessage));
    QVERIFY(!m_store->retrievalTask(uuid));
    SecretJob::Error error = SecretJob::Error::NoError;
    QVERIFY(storedPassword(uuid, &error).isEmpty());
    QCOMPARE(error, SecretJob::Error::NotFound);

    run(m_service->remove(uuid));
    QCOMPARE(m_lastError, RetrievalTaskJob::Error::NotFound);
}

QTEST_GUILESS_MAIN(TestRetrievalTaskService)
#include "tst_retrievaltaskservice.moc"
