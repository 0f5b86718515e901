// The device authorization grant (RFC 8628) against the real OAuth fixture (oidc-provider):
// the job asks for a code, the test completes the device page, login and consent over HTTP
// as the user would on their phone, and the job's polling brings the tokens.
#include "app/oauth/headlessbrowser.h"
#include "app/oauth/oauthfixture.h"
#include "connectors/oauth/oauthjobs.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Tributary;
using Oauth::DeviceAuthorizationJob;
using Oauth::Error;

namespace {

// A device authorization job on `provider` polling every 200 ms, with spies on its code and
// its end; the test starts it.
struct DeviceRun
{
    explicit DeviceRun(const Oauth::ProviderConfig &provider)
    {
        job.setProvider(provider);
        job.setMinimumPollIntervalForTesting(200);
    }
    DeviceAuthorizationJob job;
    QSignalSpy ready {&job, &DeviceAuthorizationJob::userCodeReady};
    QSignalSpy finished {&job, &DeviceAuthorizationJob::finished};
};

} // namespace

class TstDeviceAuthorization : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void signInOnAnotherDevice();
    void userDenies();
    void refreshRotatesAndOldTokenIsRefused();
    void revokeEndsTheRefreshToken();
    void noDeviceEndpoint();

private:
    // Completes the device pages; returns the last page.
    HeadlessBrowser::Page completeDevicePages(DeviceAuthorizationJob &job, bool allow);
    Oauth::TokenSet deviceSignIn();
    // A refresh with `refreshToken` run to its end (20 s at most; isFinished() says whether
    // it came).
    std::unique_ptr<Oauth::RefreshJob> refresh(const QString &refreshToken);

    QString m_ca;
    Oauth::ProviderConfig m_provider;
};

void TstDeviceAuthorization::initTestCase()
{
    TRIBUTARY_REQUIRE_ENV(m_ca, "oauth", "OAUTH_CA");
    m_provider = fixtureProvider(QStringLiteral("oauth"));
    QVERIFY(m_provider.isValid());
    QVERIFY(m_provider.deviceAuthorizationEndpoint.isValid());
    HeadlessBrowser trustTheFixture(m_ca); // adds the fixture's CA to the default TLS config
}

HeadlessBrowser::Page TstDeviceAuthorization::completeDevicePages(DeviceAuthorizationJob &job,
                                                                  bool allow)
{
    HeadlessBrowser phone(m_ca);
    // Type the code by hand on the plain verification page, as RFC 8628 §3.3 describes.
    HeadlessBrowser::Page page = phone.open(job.verificationUri());
    if (!HeadlessBrowser::hasId(page, QStringLiteral("user_code")))
        return page;
    page = phone.submit(page, QStringLiteral("op.deviceInputForm"),
                        {{QStringLiteral("user_code"), job.userCode()}});
    if (!HeadlessBrowser::hasId(page, QStringLiteral("confirm")))
        return page;
    page = phone.submit(page, QStringLiteral("op.deviceConfirmForm"), {});
    if (!HeadlessBrowser::hasId(page, QStringLiteral("login")))
        return page;
    page = phone.submit(page, QStringLiteral("loginForm"),
                        {{QStringLiteral("login"), QStringLiteral("ouser2")},
                         {QStringLiteral("password"), QStringLiteral("opw-2")}});
    if (!HeadlessBrowser::hasId(page, QStringLiteral("allow")))
        return page;
    return phone.submit(
        page, QStringLiteral("consentForm"),
        {{QStringLiteral("decision"), allow ? QStringLiteral("allow") : QStringLiteral("deny")}});
}

Oauth::TokenSet TstDeviceAuthorization::deviceSignIn()
{
    DeviceRun run(m_provider);
    auto &[job, ready, finished] = run;
    job.start();
    if (!ready.wait(20000))
        return {};
    completeDevicePages(job, true);
    if (finished.isEmpty() && !finished.wait(20000))
        return {};
    return job.tokens();
}

std::unique_ptr<Oauth::RefreshJob> TstDeviceAuthorization::refresh(const QString &refreshToken)
{
    auto job = std::make_unique<Oauth::RefreshJob>();
    job->setProvider(m_provider);
    job->setRefreshToken(refreshToken);
    QSignalSpy done(job.get(), &Oauth::RefreshJob::finished);
    job->start();
    if (!job->isFinished())
        done.wait(20000);
    return job;
}

void TstDeviceAuthorization::signInOnAnotherDevice()
{
    DeviceRun run(m_provider);
    auto &[job, ready, finished] = run;
    job.start();
    QVERIFY2(ready.wait(20000), qPrintable(job.details()));
    QCOMPARE(ready.count(), 1);
    QVERIFY(!job.userCode().isEmpty());
    QCOMPARE(job.verificationUri().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(job.verificationUriComplete().toString().contains(QStringLiteral("user_code=")));
    QVERIFY(job.expiresAt() > QDateTime::currentDateTimeUtc());
    // Polling before the user acts keeps the job waiting (authorization_pending).
    QTest::qWait(700);
    QCOMPARE(finished.count(), 0);

    const HeadlessBrowser::Page done = completeDevicePages(job, true);
    QVERIFY2(HeadlessBrowser::hasId(done, QStringLiteral("done")), done.body.constData());
    QVERIFY(finished.count() == 1 || finished.wait(20000));
    QVERIFY2(job.error() == Error::Kind::None, qPrintable(job.details()));
    QVERIFY(!job.tokens().accessToken.isEmpty());
    QVERIFY(!job.tokens().refreshToken.isEmpty());
    QVERIFY(job.tokens().grantedScopes.contains(QStringLiteral("mail.smtp")));
    QVERIFY(!job.details().contains(job.tokens().accessToken));
}

void TstDeviceAuthorization::userDenies()
{
    DeviceRun run(m_provider);
    auto &[job, ready, finished] = run;
    job.start();
    QVERIFY2(ready.wait(20000), qPrintable(job.details()));
    completeDevicePages(job, false);
    QVERIFY(finished.count() == 1 || finished.wait(20000));
    QCOMPARE(job.error(), Error::Kind::ConsentDenied);
    QVERIFY(job.tokens().isEmpty());
}

void TstDeviceAuthorization::refreshRotatesAndOldTokenIsRefused()
{
    const Oauth::TokenSet first = deviceSignIn();
    QVERIFY(!first.refreshToken.isEmpty());

    const std::unique_ptr<Oauth::RefreshJob> rotated = refresh(first.refreshToken);
    QVERIFY(rotated->isFinished());
    QVERIFY2(rotated->error() == Error::Kind::None, qPrintable(rotated->details()));
    QVERIFY(rotated->rotated());
    QVERIFY(rotated->tokens().refreshToken != first.refreshToken);
    QVERIFY(rotated->tokens().accessToken != first.accessToken);

    // Re-using the rotated-away refresh token is refused: sign in again.
    const std::unique_ptr<Oauth::RefreshJob> reuse = refresh(first.refreshToken);
    QVERIFY(reuse->isFinished());
    QCOMPARE(reuse->error(), Error::Kind::InvalidGrant);
    QVERIFY(reuse->errorString().contains(QStringLiteral("sign in again")));
}

void TstDeviceAuthorization::revokeEndsTheRefreshToken()
{
    const Oauth::TokenSet tokens = deviceSignIn();
    QVERIFY(!tokens.refreshToken.isEmpty());
    Oauth::RevokeJob revoke;
    revoke.setProvider(m_provider);
    revoke.setToken(tokens.refreshToken);
    QSignalSpy revoked(&revoke, &Oauth::RevokeJob::finished);
    revoke.start();
    QVERIFY(revoked.wait(20000));
    QVERIFY2(revoke.error() == Error::Kind::None, qPrintable(revoke.details()));

    const std::unique_ptr<Oauth::RefreshJob> refused = refresh(tokens.refreshToken);
    QVERIFY(refused->isFinished());
    QCOMPARE(refused->error(), Error::Kind::InvalidGrant);
}

void TstDeviceAuthorization::noDeviceEndpoint()
{
    Oauth::ProviderConfig none = m_provider;
    none.deviceAuthorizationEndpoint.clear();
    DeviceAuthorizationJob job;
    job.setProvider(none);
    QSignalSpy finished(&job, &DeviceAuthorizationJob::finished);
    job.start();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.error(), Error::Kind::InvalidRequest);
    QVERIFY(!job.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TstDeviceAuthorization)
#include "tst_deviceauthorization.moc"
