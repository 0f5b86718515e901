#include "app/services/secretstore.h"
#include "support/testenv.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Tributary;

// SecretStore where the keychain cannot work. Each function runs in its own private D-Bus
// session prepared by isolated-bus.sh (the mode is in TRIBUTARY_SECRETS_MODE) and is
// registered as its own CTest test.
class tst_SecretStoreIsolated : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void nokeychain();
    void locked();
    void hanging();

private:
    std::unique_ptr<SecretJob> finish(SecretJob *job);
    void requireMode(const char *mode);

    QString m_settingsPath;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_store;
};

std::unique_ptr<SecretJob> tst_SecretStoreIsolated::finish(SecretJob *job)
{
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    QSignalSpy spy(job, &SecretJob::finished);
    if (!job->isFinished())
        spy.wait(30000);
    return owned;
}

void tst_SecretStoreIsolated::requireMode(const char *mode)
{
    const QByteArray actual = qgetenv("TRIBUTARY_SECRETS_MODE");
    if (actual != mode)
        QFAIL(qPrintable(QStringLiteral("run through tests/app/secrets/isolated-bus.sh %1 "
                                        "(TRIBUTARY_SECRETS_MODE is '%2')")
                             .arg(QLatin1String(mode), QString::fromLatin1(actual))));
    QVERIFY2(qEnvironmentVariableIsEmpty("DISPLAY"), "a display would let the keyring prompt");
}

void tst_SecretStoreIsolated::init()
{
    const QString dir
        = TestEnv::scratchDir(QStringLiteral("secretstore-isolated-")
                              + QString::fromLatin1(qgetenv("TRIBUTARY_SECRETS_MODE")));
    m_settingsPath = dir + QStringLiteral("/settings.ini");
    m_settings = std::make_unique<QSettings>(m_settingsPath, QSettings::IniFormat);
    m_store = std::make_unique<SecretStore>(*m_settings);
}

void tst_SecretStoreIsolated::nokeychain()
{
    requireMode("nokeychain");
    auto write = finish(m_store->write(SecretKind::Password, QStringLiteral("acct-1"), "hunter2"));
    QCOMPARE(write->error(), SecretJob::Error::NoKeychain);
    QCOMPARE(write->errorString(),
             QStringLiteral("No keyring service is running. Install and start gnome-keyring or "
                            "KWallet, then try again."));
    QVERIFY(!write->details().isEmpty());
    QVERIFY(!write->details().contains(QLatin1String("hunter2")));

    auto read = finish(m_store->read(SecretKind::Password, QStringLiteral("acct-1")));
    QCOMPARE(read->error(), SecretJob::Error::NoKeychain);

    // No plain-text fallback: nothing was written anywhere, not even to the index.
    QVERIFY(m_store->indexedAccounts().isEmpty());
    m_settings->sync();
    QFile file(m_settingsPath);
    if (file.open(QIODevice::ReadOnly))
        QVERIFY(!file.readAll().contains("hunter2"));
}

void tst_SecretStoreIsolated::locked()
{
    requireMode("locked");
    auto write = finish(m_store->write(SecretKind::Password, QStringLiteral("acct-2"), "hunter2"));
    QVERIFY2(write->error() == SecretJob::Error::Locked
                 || write->error() == SecretJob::Error::AccessDenied,
             qPrintable(write->details()));
    if (write->error() == SecretJob::Error::Locked)
        QCOMPARE(write->errorString(),
                 QStringLiteral("Your keyring is locked. Unlock it (for example by signing in to "
                                "your desktop again) and try again."));
    QVERIFY(!write->details().contains(QLatin1String("hunter2")));
    QVERIFY(m_store->indexedAccounts().isEmpty());
}

void tst_SecretStoreIsolated::hanging()
{
    requireMode("hanging");
    m_store->setJobTimeout(1000);
    SecretJob *job = m_store->read(SecretKind::Password, QStringLiteral("acct-3"));
    QCOMPARE(job->timeout(), 1000);
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    QSignalSpy spy(job, &SecretJob::finished);
    QVERIFY(spy.wait(30000));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(job->error(), SecretJob::Error::Timeout);
    QVERIFY(!job->errorString().isEmpty());

    // A job given a longer deadline by its caller still ends, with Timeout too, since the
    // keychain never answers.
    SecretJob *second = m_store->write(SecretKind::Password, QStringLiteral("acct-3"), "x");
    second->setTimeout(1500);
    auto done = finish(second);
    QCOMPARE(done->error(), SecretJob::Error::Timeout);
    QVERIFY(m_store->indexedAccounts().isEmpty());
}

QTEST_GUILESS_MAIN(tst_SecretStoreIsolated)
#include "tst_secretstore_isolated.moc"
