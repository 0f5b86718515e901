#pragma once

// The application set-up the app-level and GUI tests share: an AppContext on a fresh scratch
// profile with a keychain service of the test's own, and the fixture SMTP account added
// through the real SmtpAccountService.
//
//   QString error;                                                          // in init()
//   m_context = TestEnv::openScratchContext(QStringLiteral("mytest"),
//                                           QStringLiteral("Tributary-test"), &error);
//   QVERIFY2(m_context, qPrintable(error));
//   QVERIFY2(TestEnv::addFixtureSmtpAccount(*m_context, port, user, password, &m_account,
//                                           &error),
//            qPrintable(error));
//
// Header only, for tests that link tributary_app. Main thread; addFixtureSmtpAccount() waits.
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "app/services/secretstore.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "models/store.h"
#include "support/testenv.h"

#include <QSignalSpy>
#include <QString>

#include <memory>

namespace TestEnv {

// An AppContext on a fresh profile in the scratch folder `name` (scratchDir()), its keychain
// service `keychainService`; null with *error when it did not open.
inline std::unique_ptr<Tributary::AppContext>
openScratchContext(const QString &name, const QString &keychainService, QString *error)
{
    std::unique_ptr<Tributary::AppContext> context
        = Tributary::AppContext::open(Tributary::Profile(scratchDir(name)), error);
    if (context)
        context->secrets().setServiceName(keychainService);
    return context;
}

// Adds "Me at Work" <me@example.test> on the SMTP fixture (tests/env/smtp.sh) at
// 127.0.0.1:`port`, no encryption, signing in as `user` with `password`, through the
// context's SmtpAccountService (connection test, password to the keychain). Waits up to 60 s.
// True with *account set to what was saved; false with *error in the service's words.
inline bool addFixtureSmtpAccount(Tributary::AppContext &context, quint16 port, const QString &user,
                                  const QString &password, Tributary::SmtpAccount *account,
                                  QString *error)
{
    using Tributary::SmtpAccount;
    using Tributary::SmtpAccountJob;
    SmtpAccount a;
    a.displayName = QStringLiteral("Me at Work");
    a.server = QStringLiteral("127.0.0.1");
    a.port = port;
    a.encryption = SmtpAccount::Encryption::None;
    a.email = QStringLiteral("me@example.test");
    a.authEnabled = true;
    a.username = user;
    SmtpAccountJob *job = context.smtpAccountService().add(a, password);
    job->setAutoDelete(false);
    const std::unique_ptr<SmtpAccountJob> owned(job);
    QSignalSpy spy(job, &SmtpAccountJob::finished);
    if (!job->isFinished() && !spy.wait(60000)) {
        *error = QStringLiteral("adding the SMTP account did not finish");
        return false;
    }
    if (job->error() != SmtpAccountJob::Error::NoError) {
        *error = job->errorString();
        return false;
    }
    *account = job->account();
    return true;
}

} // namespace TestEnv
