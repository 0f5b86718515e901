#include "app/services/secretstore.h"
#include "app/services/settingsnames.h"
#include "support/testenv.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Tributary;

// SecretStore against the test session's real, unlocked gnome-keyring.
class tst_SecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void keyNames();
    void writeReadOverwriteRemove();
    void kindsAreSeparate();
    void removeAll();
    void keyIndex();
    void noSecretInSettingsFile();
    void finishedOnceAndNotFromStart();
    void cancel();
    void invalidAccount();
    void autoDelete();

private:
    // Waits for the job to finish and hands it to the caller.
    std::unique_ptr<SecretJob> finish(SecretJob *job);

    QString m_settingsPath;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_store;
    QString m_account;
};

std::unique_ptr<SecretJob> tst_SecretStore::finish(SecretJob *job)
{
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    QSignalSpy spy(job, &SecretJob::finished);
    if (!job->isFinished())
        spy.wait(20000);
    return owned;
}

void tst_SecretStore::init()
{
    const QString dir = TestEnv::scratchDir(QStringLiteral("secretstore"));
    m_settingsPath = dir + QStringLiteral("/settings.ini");
    m_settings = std::make_unique<QSettings>(m_settingsPath, QSettings::IniFormat);
    m_store = std::make_unique<SecretStore>(*m_settings);
    m_store->setServiceName(QStringLiteral("Tributary-test"));
    m_account = QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void tst_SecretStore::cleanup()
{
    if (m_store) {
        auto job = finish(m_store->removeAll(m_account));
        QCOMPARE(job->error(), SecretJob::Error::NoError);
    }
    m_store.reset();
    m_settings.reset();
}

void tst_SecretStore::keyNames()
{
    QCOMPARE(SecretStore::keyFor(SecretKind::Password, QStringLiteral("abc")),
             QStringLiteral("tributary:abc:password"));
    QCOMPARE(SecretStore::keyFor(SecretKind::OAuthRefreshToken, QStringLiteral("abc")),
             QStringLiteral("tributary:abc:oauth-refresh-token"));
    QCOMPARE(SecretStore::keyFor(SecretKind::OAuthAccessToken, QStringLiteral("abc")),
             QStringLiteral("tributary:abc:oauth-access-token"));
    QCOMPARE(SecretStore::keyFor(SecretKind::AppPassword, QStringLiteral("abc")),
             QStringLiteral("tributary:abc:app-password"));
    for (SecretKind kind : {SecretKind::Password, SecretKind::OAuthRefreshToken,
                            SecretKind::OAuthAccessToken, SecretKind::AppPassword})
        QCOMPARE(secretKindFromName(secretKindName(kind)), kind);
    QVERIFY(!secretKindFromName(QStringLiteral("nonsense")).has_value());
    QCOMPARE(m_store->jobTimeout(), SecretStore::defaultTimeout());
}

void tst_SecretStore::writeReadOverwriteRemove()
{
    const QByteArray secret("hunter2 \xc3\xa9\x00\x01 binary", 20);

    auto write = finish(m_store->write(SecretKind::Password, m_account, secret));
    QCOMPARE(write->error(), SecretJob::Error::NoError);
    QVERIFY(write->errorString().isEmpty());
    QCOMPARE(write->operation(), SecretJob::Operation::Write);
    QVERIFY(write->secret().isEmpty()); // a write job does not keep the secret

    auto read = finish(m_store->read(SecretKind::Password, m_account));
    QCOMPARE(read->error(), SecretJob::Error::NoError);
    QCOMPARE(read->secret(), secret);

    auto overwrite = finish(m_store->write(SecretKind::Password, m_account, "second"));
    QCOMPARE(overwrite->error(), SecretJob::Error::NoError);
    auto reread = finish(m_store->read(SecretKind::Password, m_account));
    QCOMPARE(reread->error(), SecretJob::Error::NoError);
    QCOMPARE(reread->secret(), QByteArray("second"));

    auto remove = finish(m_store->remove(SecretKind::Password, m_account));
    QCOMPARE(remove->error(), SecretJob::Error::NoError);

    auto gone = finish(m_store->read(SecretKind::Password, m_account));
    QCOMPARE(gone->error(), SecretJob::Error::NotFound);
    QVERIFY(gone->secret().isEmpty());
    QVERIFY(!gone->errorString().isEmpty());
    QVERIFY(gone->details().contains(QStringLiteral("tributary:") + m_account
                                     + QStringLiteral(":password")));

    // Removing is idempotent.
    auto removeAgain = finish(m_store->remove(SecretKind::Password, m_account));
    QCOMPARE(removeAgain->error(), SecretJob::Error::NoError);
}

void tst_SecretStore::kindsAreSeparate()
{
    QCOMPARE(finish(m_store->write(SecretKind::Password, m_account, "pw"))->error(),
             SecretJob::Error::NoError);
    QCOMPARE(finish(m_store->write(SecretKind::OAuthRefreshToken, m_account, "refresh"))->error(),
             SecretJob::Error::NoError);

    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(finish(m_store->read(SecretKind::Password, other))->error(),
             SecretJob::Error::NotFound);
    QCOMPARE(finish(m_store->read(SecretKind::AppPassword, m_account))->error(),
             SecretJob::Error::NotFound);
    QCOMPARE(finish(m_store->read(SecretKind::OAuthRefreshToken, m_account))->secret(),
             QByteArray("refresh"));
    QCOMPARE(finish(m_store->read(SecretKind::Password, m_account))->secret(), QByteArray("pw"));
}

void tst_SecretStore::removeAll()
{
    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(finish(m_store->write(SecretKind::Password, m_account, "pw"))->error(),
             SecretJob::Error::NoError);
    QCOMPARE(finish(m_store->write(SecretKind::OAuthAccessToken, m_account, "access"))->error(),
             SecretJob::Error::NoError);
    QCOMPARE(finish(m_store->write(SecretKind::AppPassword, other, "keep me"))->error(),
             SecretJob::Error::NoError);

    SecretJob *job = m_store->removeAll(m_account);
    job->setAutoDelete(false);
    QSignalSpy progress(job, &SecretJob::progress);
    auto all = finish(job);
    QCOMPARE(all->error(), SecretJob::Error::NoError);
    QCOMPARE(all->operation(), SecretJob::Operation::RemoveAll);
    QCOMPARE(progress.count(), 4);
    QCOMPARE(progress.last().at(0).toInt(), 4);
    QCOMPARE(progress.last().at(1).toInt(), 4);

    QCOMPARE(finish(m_store->read(SecretKind::Password, m_account))->error(),
             SecretJob::Error::NotFound);
    QCOMPARE(finish(m_store->read(SecretKind::OAuthAccessToken, m_account))->error(),
             SecretJob::Error::NotFound);
    // Other accounts are untouched.
    QCOMPARE(finish(m_store->read(SecretKind::AppPassword, other))->secret(),
             QByteArray("keep me"));
    QCOMPARE(finish(m_store->removeAll(other))->error(), SecretJob::Error::NoError);

    // Nothing left to remove is not an error.
    QCOMPARE(finish(m_store->removeAll(m_account))->error(), SecretJob::Error::NoError);
}

void tst_SecretStore::keyIndex()
{
    QVERIFY(m_store->indexedKinds(m_account).isEmpty());
    QVERIFY(!m_store->indexedAccounts().contains(m_account));

    QCOMPARE(finish(m_store->write(SecretKind::OAuthRefreshToken, m_account, "r"))->error(),
             SecretJob::Error::NoError);
    QCOMPARE(finish(m_store->write(SecretKind::Password, m_account, "p"))->error(),
             SecretJob::Error::NoError);
    QCOMPARE(m_store->indexedKinds(m_account),
             (QList<SecretKind> {SecretKind::Password, SecretKind::OAuthRefreshToken}));
    QVERIFY(m_store->indexedAccounts().contains(m_account));

    // The index is in the settings file and survives a new SecretStore on it.
    {
        QSettings reopened(m_settingsPath, QSettings::IniFormat);
        SecretStore second(reopened);
        QCOMPARE(second.indexedKinds(m_account),
                 (QList<SecretKind> {SecretKind::Password, SecretKind::OAuthRefreshToken}));
        reopened.beginGroup(SettingsNames::secretIndexGroup);
        QCOMPARE(reopened.value(m_account).toStringList(),
                 (QStringList {QStringLiteral("oauth-refresh-token"), QStringLiteral("password")}));
        reopened.endGroup();
    }

    // A failed read does not add to the index.
    QCOMPARE(finish(m_store->read(SecretKind::AppPassword, m_account))->error(),
             SecretJob::Error::NotFound);
    QCOMPARE(m_store->indexedKinds(m_account).size(), 2);

    QCOMPARE(finish(m_store->remove(SecretKind::Password, m_account))->error(),
             SecretJob::Error::NoError);
    QCOMPARE(m_store->indexedKinds(m_account), QList<SecretKind> {SecretKind::OAuthRefreshToken});

    QCOMPARE(finish(m_store->removeAll(m_account))->error(), SecretJob::Error::NoError);
    QVERIFY(m_store->indexedKinds(m_account).isEmpty());
    QVERIFY(!m_store->indexedAccounts().contains(m_account));
}

void tst_SecretStore::noSecretInSettingsFile()
{
    const QByteArray secret("Sup3r-Secret-Token-4711");
    QCOMPARE(finish(m_store->write(SecretKind::OAuthAccessToken, m_account, secret))->error(),
             SecretJob::Error::NoError);
    QCOMPARE(finish(m_store->read(SecretKind::OAuthAccessToken, m_account))->secret(), secret);
    m_settings->sync();

    QFile file(m_settingsPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY2(contents.contains(m_account.toLatin1()), contents.constData()); // the index is there
    QVERIFY(!contents.contains(secret));
    QVERIFY(!contents.contains(secret.toBase64()));
}

void tst_SecretStore::finishedOnceAndNotFromStart()
{
    SecretJob *job = m_store->write(SecretKind::Password, m_account, "x");
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    QSignalSpy spy(job, &SecretJob::finished);
    job->start(); // explicit start before the store's own: allowed, and never emits inside
    QCOMPARE(spy.count(), 0);
    QVERIFY(spy.wait(20000));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).value<SecretJob *>(), job);
    // Another job's round trip through the keychain does not bring a second finished().
    QCOMPARE(finish(m_store->read(SecretKind::Password, m_account))->secret(), QByteArray("x"));
    QCOMPARE(spy.count(), 1);
}

void tst_SecretStore::cancel()
{
    QCOMPARE(finish(m_store->write(SecretKind::Password, m_account, "x"))->error(),
             SecretJob::Error::NoError);
    SecretJob *job = m_store->read(SecretKind::Password, m_account);
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    QSignalSpy spy(job, &SecretJob::finished);
    job->cancel();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(job->error(), SecretJob::Error::Cancelled);
    QVERIFY(job->secret().isEmpty());
    QVERIFY(!job->errorString().isEmpty());
    // Later keychain traffic does not revive it.
    QCOMPARE(finish(m_store->read(SecretKind::Password, m_account))->secret(), QByteArray("x"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(job->error(), SecretJob::Error::Cancelled);
}

void tst_SecretStore::invalidAccount()
{
    auto empty = finish(m_store->write(SecretKind::Password, QString(), "x"));
    QCOMPARE(empty->error(), SecretJob::Error::Other);
    auto colon = finish(m_store->read(SecretKind::Password, QStringLiteral("a:b")));
    QCOMPARE(colon->error(), SecretJob::Error::Other);
    QVERIFY(m_store->indexedAccounts().isEmpty());
}

void tst_SecretStore::autoDelete()
{
    SecretJob *job = m_store->write(SecretKind::Password, m_account, "x");
    QVERIFY(job->autoDelete());
    QPointer<SecretJob> guard(job);
    QSignalSpy finished(job, &SecretJob::finished);
    QSignalSpy destroyed(job, &QObject::destroyed);
    QVERIFY(finished.wait(20000));
    // The deleteLater() may already have run inside the wait for finished().
    QVERIFY(!destroyed.isEmpty() || destroyed.wait(30000));
    QVERIFY(guard.isNull());
}

QTEST_GUILESS_MAIN(tst_SecretStore)
#include "tst_secretstore.moc"
