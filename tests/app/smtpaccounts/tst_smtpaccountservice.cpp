// SmtpAccountService against the real SMTP server (tests/env/smtp.sh) and the test
// session's unlocked gnome-keyring.
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "app/services/secretstore.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "models/store.h"
#include "support/deadport.h"
#include "support/scratchcontext.h"
#include "support/testenv.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Tributary;

class tst_SmtpAccountService : public QObject
{
    Q_OBJECT

    QString m_user, m_password;
    quint16 m_port = 0, m_tlsPort = 0;
    QList<QSslCertificate> m_ca;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<SmtpAccountService> m_service;

    SmtpAccount account(SmtpAccount::Encryption encryption = SmtpAccount::Encryption::None) const
    {
        SmtpAccount a;
        a.displayName = QStringLiteral("Work");
        a.server = QStringLiteral("127.0.0.1");
        a.encryption = encryption;
        a.port = encryption == SmtpAccount::Encryption::Ssl ? m_tlsPort : m_port;
        a.email = QStringLiteral("me@example.test");
        a.authEnabled = true;
        a.username = m_user;
        return a;
    }
    void trustFixtureCa()
    {
        const QList<QSslCertificate> ca = m_ca;
        m_service->setEndpointDecorator([ca](Net::Endpoint &e) { e.extraCaCertificates = ca; });
    }
    // Waits for the job and takes ownership of it.
    static std::unique_ptr<SmtpAccountJob> finish(SmtpAccountJob *job)
    {
        job->setAutoDelete(false);
        std::unique_ptr<SmtpAccountJob> owned(job);
        if (!job->isFinished()) {
            QSignalSpy spy(job, &SmtpAccountJob::finished);
            spy.wait(60000);
        }
        return owned;
    }
    std::unique_ptr<SecretJob> readSecret(const QUuid &uuid)
    {
        SecretJob *job
            = m_context->secrets().read(SecretKind::Password, uuid.toString(QUuid::WithoutBraces));
        job->setAutoDelete(false);
        std::unique_ptr<SecretJob> owned(job);
        QSignalSpy spy(job, &SecretJob::finished);
        if (!job->isFinished())
            spy.wait(20000);
        return owned;
    }
    // True when `needle` occurs in any file of the profile folder (store, settings, logs).
    bool profileContains(const QByteArray &needle) const
    {
        QDirIterator it(m_context->profile().dir(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString port, tlsPort, ca;
        TRIBUTARY_REQUIRE_ENV(port, "smtp", "SMTP_PORT");
        TRIBUTARY_REQUIRE_ENV(tlsPort, "smtp", "SMTPS_PORT");
        TRIBUTARY_REQUIRE_ENV(ca, "smtp", "SMTP_CA");
        TRIBUTARY_REQUIRE_ENV(m_user, "smtp", "SMTP_USER");
        TRIBUTARY_REQUIRE_ENV(m_password, "smtp", "SMTP_PASSWORD");
        m_port = quint16(port.toUInt());
        m_tlsPort = quint16(tlsPort.toUInt());
        m_ca = QSslCertificate::fromPath(ca);
        QCOMPARE(m_ca.size(), 1);
    }
    void init()
    {
        QString error;
        m_context = TestEnv::openScratchContext(QStringLiteral("smtpaccountservice"),
                                                QStringLiteral("Tributary-test"), &error);
        QVERIFY2(m_context, qPrintable(error));
        m_service = std::make_unique<SmtpAccountService>(m_context->store(), m_context->secrets());
        m_service->setTimeoutMs(30000);
    }
    void cleanup()
    {
        if (m_context) {
            for (const SmtpAccount &a : m_context->store().smtpAccounts())
                finish(m_service->remove(a.uuid));
        }
        m_service.reset();
        m_context.reset();
    }

    void validation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("no name") << QStringLiteral("displayName") << QString();
        QTest::newRow("no server") << QStringLiteral("server") << QString();
        QTest::newRow("bad email") << QStringLiteral("email") << QStringLiteral("me.example.test");
        QTest::newRow("email with space")
            << QStringLiteral("email") << QStringLiteral("me @example.test");
        QTest::newRow("no user") << QStringLiteral("username") << QString();
        QTest::newRow("no password") << QStringLiteral("password") << QString();
    }
    void validation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        SmtpAccount a = account();
        QString password = m_password;
        if (field == QLatin1String("displayName"))
            a.displayName = value;
        else if (field == QLatin1String("server"))
            a.server = value;
        else if (field == QLatin1String("email"))
            a.email = value;
        else if (field == QLatin1String("username"))
            a.username = value;
        else
            password = value;
        auto job = finish(m_service->add(a, password));
        QCOMPARE(job->error(), SmtpAccountJob::Error::Invalid);
        QVERIFY(!job->errorString().isEmpty());
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
    }

    void emailAddresses()
    {
        QVERIFY(SmtpAccountService::isValidEmail(QStringLiteral("a.b+c@mail.example.com")));
        QVERIFY(SmtpAccountService::isValidEmail(QStringLiteral("u1@localhost")));
        QVERIFY(!SmtpAccountService::isValidEmail(QStringLiteral("@example.com")));
        QVERIFY(!SmtpAccountService::isValidEmail(QStringLiteral("a@b@c")));
        QVERIFY(!SmtpAccountService::isValidEmail(QStringLiteral("a@example..com")));
        QVERIFY(!SmtpAccountService::isValidEmail(QString()));
    }

    void wrongPasswordStoresNothing()
    {
        auto job = finish(m_service->add(account(), QStringLiteral("wrong-password")));
        QCOMPARE(job->error(), SmtpAccountJob::Error::Connection);
        QCOMPARE(job->connectionError().kind, Net::Error::Kind::Authentication);
        QVERIFY2(!job->errorString().isEmpty(), qPrintable(job->details()));
        QVERIFY(!job->errorString().contains(QLatin1String("wrong-password")));
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
        QVERIFY(m_context->secrets().indexedAccounts().isEmpty());
    }

    void refusedConnectionStoresNothing()
    {
        const TestEnv::DeadPort dead;
        QVERIFY(dead.port() != 0);
        SmtpAccount a = account();
        a.port = dead.port();
        auto job = finish(m_service->add(a, m_password));
        QCOMPARE(job->error(), SmtpAccountJob::Error::Connection);
        QCOMPARE(job->connectionError().kind, Net::Error::Kind::ConnectionRefused);
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
    }

    void addPlainStoresRowAndSecret()
    {
        auto job = finish(m_service->add(account(), m_password));
        QVERIFY2(job->error() == SmtpAccountJob::Error::NoError, qPrintable(job->details()));
        const QUuid uuid = job->account().uuid;
        QVERIFY(!uuid.isNull());
        const auto stored = m_context->store().smtpAccount(uuid);
        QVERIFY(stored);
        QCOMPARE(stored->displayName, QStringLiteral("Work"));
        QCOMPARE(stored->username, m_user);
        auto secret = readSecret(uuid);
        QCOMPARE(secret->error(), SecretJob::Error::NoError);
        QCOMPARE(secret->secret(), m_password.toUtf8());
        QVERIFY(!profileContains(m_password.toUtf8()));
    }

    void startTlsWithTrustedCa()
    {
        trustFixtureCa();
        auto job = finish(m_service->add(account(SmtpAccount::Encryption::StartTls), m_password));
        QVERIFY2(job->error() == SmtpAccountJob::Error::NoError, qPrintable(job->details()));
        QCOMPARE(m_context->store().smtpAccounts().size(), 1);
    }

    void implicitTlsWithTrustedCa()
    {
        trustFixtureCa();
        auto job = finish(m_service->add(account(SmtpAccount::Encryption::Ssl), m_password));
        QVERIFY2(job->error() == SmtpAccountJob::Error::NoError, qPrintable(job->details()));
        QCOMPARE(m_context->store().smtpAccounts().size(), 1);
    }

    // An untrusted certificate fails with its fingerprint; pinning that fingerprint works,
    // and pinning another one does not.
    void untrustedCertificateThenPinned()
    {
        const SmtpAccount a = account(SmtpAccount::Encryption::StartTls);
        auto first = finish(m_service->add(a, m_password));
        QCOMPARE(first->error(), SmtpAccountJob::Error::Connection);
        QCOMPARE(first->connectionError().kind, Net::Error::Kind::Tls);
        const QByteArray fingerprint = first->connectionError().peerFingerprint;
        QCOMPARE(fingerprint.size(), 32);
        QVERIFY(m_context->store().smtpAccounts().isEmpty());

        QByteArray other = fingerprint;
        other[0] = char(other.at(0) ^ 0x01);
        auto wrongPin = finish(m_service->add(a, m_password, other));
        QCOMPARE(wrongPin->error(), SmtpAccountJob::Error::Connection);
        QVERIFY(m_context->store().smtpAccounts().isEmpty());

        auto pinned = finish(m_service->add(a, m_password, fingerprint));
        QVERIFY2(pinned->error() == SmtpAccountJob::Error::NoError, qPrintable(pinned->details()));
        QCOMPARE(m_context->store().smtpAccounts().size(), 1);
    }

    void updateKeepsOrReplacesPassword()
    {
        auto added = finish(m_service->add(account(), m_password));
        QVERIFY2(added->error() == SmtpAccountJob::Error::NoError, qPrintable(added->details()));
        SmtpAccount a = added->account();

        // No password given: the stored one is read for the test.
        a.displayName = QStringLiteral("Renamed");
        auto kept = finish(m_service->update(a, std::nullopt));
        QVERIFY2(kept->error() == SmtpAccountJob::Error::NoError, qPrintable(kept->details()));
        QCOMPARE(m_context->store().smtpAccount(a.uuid)->displayName, QStringLiteral("Renamed"));

        // A wrong new password: nothing changes, neither row nor secret.
        a.displayName = QStringLiteral("Not saved");
        auto wrong = finish(m_service->update(a, QStringLiteral("wrong-password")));
        QCOMPARE(wrong->error(), SmtpAccountJob::Error::Connection);
        QCOMPARE(m_context->store().smtpAccount(a.uuid)->displayName, QStringLiteral("Renamed"));
        QCOMPARE(readSecret(a.uuid)->secret(), m_password.toUtf8());

        // Authentication turned off (the test only greets, so it passes): the password goes.
        a.displayName = QStringLiteral("Renamed");
        a.authEnabled = false;
        auto noAuth = finish(m_service->update(a, std::nullopt));
        QVERIFY2(noAuth->error() == SmtpAccountJob::Error::NoError, qPrintable(noAuth->details()));
        QVERIFY(!m_context->store().smtpAccount(a.uuid)->authEnabled);
        QCOMPARE(readSecret(a.uuid)->error(), SecretJob::Error::NotFound);
    }

    void updateUnknownAccount()
    {
        SmtpAccount a = account();
        a.uuid = QUuid::createUuid();
        auto job = finish(m_service->update(a, m_password));
        QCOMPARE(job->error(), SmtpAccountJob::Error::NotFound);
    }

    void removeDeletesRowAndSecret()
    {
        auto added = finish(m_service->add(account(), m_password));
        QVERIFY2(added->error() == SmtpAccountJob::Error::NoError, qPrintable(added->details()));
        const QUuid uuid = added->account().uuid;
        auto removed = finish(m_service->remove(uuid));
        QCOMPARE(removed->error(), SmtpAccountJob::Error::NoError);
        QVERIFY(!m_context->store().smtpAccount(uuid));
        QCOMPARE(readSecret(uuid)->error(), SecretJob::Error::NotFound);
        QVERIFY(
            !m_context->secrets().indexedAccounts().contains(uuid.toString(QUuid::WithoutBraces)));

        auto again = finish(m_service->remove(uuid));
        QCOMPARE(again->error(), SmtpAccountJob::Error::NotFound);
    }

    // A server that accepts and never greets: cancel ends the test at once, nothing saved.
    void cancelDuringTest()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        SmtpAccount a = account();
        a.port = silent.serverPort();
        SmtpAccountJob *job = m_service->add(a, m_password);
        job->setAutoDelete(false);
        std::unique_ptr<SmtpAccountJob> owned(job);
        QSignalSpy finished(job, &SmtpAccountJob::finished);
        QSignalSpy connected(&silent, &QTcpServer::newConnection);
        QVERIFY(connected.wait(30000));
        QVERIFY(!job->isFinished());
        job->cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(job->error(), SmtpAccountJob::Error::Cancelled);
        job->cancel(); // no second finished()
        QCOMPARE(finished.size(), 1);
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
    }
};

QTEST_MAIN(tst_SmtpAccountService)
#include "tst_smtpaccountservice.moc"
