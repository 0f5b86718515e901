#pragma once

// The scratch set-up of the service tests (retrieval task service, OAuth accounts): settings,
// message store and keychain in a folder of the test's own, a RetrievalTaskService over them,
// and removal of the keychain entries a test wrote (they outlive the scratch folder).
//
//   QString error;                                                     // in init()
//   QVERIFY2(TestEnv::openScratchStore(QStringLiteral("mytest"), QStringLiteral("Tributary-test"),
//                                      m_settings, m_store, m_secrets, &error),
//            qPrintable(error));
//   m_service = TestEnv::retrievalTaskService(*m_store, *m_secrets, cas);
//   ...
//   QVERIFY(TestEnv::removeKeychainEntries(*m_secrets, m_created));    // in cleanup()
//
// Header only: the tests that include it link tributary_app. Main thread; the keychain
// removals wait (test code only).
#include "app/services/retrievaltasks/retrievaltaskservice.h"
#include "app/services/secretstore.h"
#include "models/store.h"
#include "support/testenv.h"

#include <QList>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QString>
#include <QUuid>

#include <memory>

namespace TestEnv {

// A fresh scratch folder `name` (scratchDir()) with settings.ini, an opened Store and a
// SecretStore whose keychain service is `keychainService`. False with *error when the store
// did not open.
inline bool openScratchStore(const QString &name, const QString &keychainService,
                             std::unique_ptr<QSettings> &settings,
                             std::unique_ptr<Tributary::Store> &store,
                             std::unique_ptr<Tributary::SecretStore> &secrets, QString *error)
{
    const QString dir = scratchDir(name);
    settings
        = std::make_unique<QSettings>(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat);
    store = std::make_unique<Tributary::Store>(dir);
    if (!store->open(error))
        return false;
    secrets = std::make_unique<Tributary::SecretStore>(*settings);
    secrets->setServiceName(keychainService);
    return true;
}

// A RetrievalTaskService over `store` and `secrets` that trusts `cas` and gives each connection
// test 20 s.
inline std::unique_ptr<Tributary::RetrievalTaskService>
retrievalTaskService(Tributary::Store &store, Tributary::SecretStore &secrets,
                     const QList<QSslCertificate> &cas)
{
    auto service = std::make_unique<Tributary::RetrievalTaskService>(store, secrets);
    service->setExtraCaCertificates(cas);
    service->setTestTimeout(20000);
    return service;
}

// Removes every keychain entry of each account in `accounts`; true when each removal finished
// within 20 s.
inline bool removeKeychainEntries(Tributary::SecretStore &secrets, const QList<QUuid> &accounts)
{
    bool ok = true;
    for (const QUuid &uuid : accounts) {
        Tributary::SecretJob *job = secrets.removeAll(uuid.toString(QUuid::WithoutBraces));
        QSignalSpy spy(job, &Tributary::SecretJob::finished);
        ok = spy.wait(20000) && ok;
    }
    return ok;
}

} // namespace TestEnv
