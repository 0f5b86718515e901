// OAuth retrieval tasks end to end with real servers (fixture dovecot-oauth): the scheduler
// starts an IMAP task whose access token the TokenService hands out; Dovecot checks it at
// the OAuth server's introspection. An expired token is refused, refreshed once and the run
// goes on; a revoked sign-in ends the run with "sign in again" in the task's history, nothing
// is lost, and the task is not retried every period until the user signed in again.
// Users ouser35..ouser36 belong to this test.
#include "../oauth/oauthfixture.h"
#include "../oauth/signinhelper.h"
#include "app/services/activitylogger.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/retrieval/retrievalrunbase.h"
#include "app/services/retrieval/retrievalrunstarter.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "models/store.h"
#include "support/dovecotfixture.h"
#include "support/fakeclock.h"
#include "support/fixturecontrol.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace Tributary;

namespace {

QByteArray mail(int i)
{
    const QByteArray n = QByteArray::number(i);
    return "From: Sender <sender@example.test>\r\nTo: ouser@example.test\r\nSubject: oauth " + n
        + "\r\nMessage-ID: <oauth-retrieval-" + n + "@example.test>\r\n\r\nBody " + n + "\r\n";
}

qint64 messageCount(Store &store)
{
    QSqlQuery q(store.database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM messages")) && q.next()
        ? q.value(0).toLongLong()
        : -1;
}

} // namespace

class TestOauthRetrieval : public QObject
{
    Q_OBJECT

    std::unique_ptr<DovecotFixture> m_dovecot;
    QString m_oauthCa;
    QString m_control;
    Oauth::ProviderConfig m_provider;

    struct Outcome
    {
        bool ok = false;
        int count = -1;
        QString summary;
    };
    // One check() of the scheduler that must start exactly one run; waits for its end.
    static Outcome runOnce(RetrievalScheduler &scheduler)
    {
        QSignalSpy finished(&scheduler, &RetrievalScheduler::runFinished);
        QSignalSpy ended(&scheduler, &RetrievalScheduler::runEnded);
        Outcome outcome;
        if (scheduler.check() != 1)
            return outcome;
        if (!ended.wait(120000) || finished.count() != 1)
            return outcome;
        outcome.ok = finished.at(0).at(1).toBool();
        outcome.count = finished.at(0).at(2).toInt();
        outcome.summary = finished.at(0).at(3).toString();
        return outcome;
    }
    bool signIn(TokenService &tokens, const QString &account, const QString &user,
                const QString &password)
    {
        const Oauth::TokenSet set = fixtureSignIn(m_provider, m_oauthCa, user, password);
        if (set.accessToken.isEmpty())
            return false;
        TokenRequest *save = tokens.saveSignIn(account, m_provider, set);
        save->setAutoDelete(false);
        QSignalSpy done(save, &TokenRequest::finished);
        const bool ok
            = (save->isFinished() || done.wait(30000)) && save->error() == Oauth::Error::Kind::None;
        delete save;
        return ok;
    }
    bool revoke(const QString &user) { return TestEnv::revokeAccountAtProvider(m_control, user); }

private Q_SLOTS:
    void initTestCase()
    {
        m_dovecot = std::make_unique<DovecotFixture>(QStringLiteral("dovecot-oauth"),
                                                     QStringLiteral("oauthretrieval"));
        QVERIFY2(m_dovecot->isValid(), qPrintable(m_dovecot->error()));
        TRIBUTARY_REQUIRE_ENV(m_oauthCa, "dovecot-oauth", "OAUTH_CA");
        TRIBUTARY_REQUIRE_ENV(m_control, "dovecot-oauth", "OAUTH_TEST_CONTROL");
        // Access tokens of this client live OAUTH_SHORT_TTL (10) seconds.
        m_provider = fixtureProvider(QStringLiteral("dovecot-oauth"),
                                     QStringLiteral("OAUTH_SHORT_CLIENT_ID"));
        QVERIFY(m_provider.isValid());
    }

    void expiryRefreshRevocationAndSignInAgain()
    {
        const QString user = QStringLiteral("ouser35");
        QVERIFY(m_dovecot->reset(user));
        QVERIFY(m_dovecot->deliverToInbox(user, {mail(1)}));
        Store store(TestEnv::scratchDir(QStringLiteral("oauthretrieval")));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        ActivityLogger logger(&store);
        RetrievalTask task = m_dovecot->task(RetrievalTask::Kind::Imap, user);
        task.authKind = RetrievalTask::AuthKind::OAuth;
        task.method = RetrievalTask::Method::Automatic;
        QVERIFY(store.insertRetrievalTask(task));
        const QString account = task.uuid.toString(QUuid::WithoutBraces);

        TokenService tokens(m_dovecot->secrets(), m_dovecot->settings());
        // Saved access tokens are handed out until the server refuses them (as with a
        // provider that ends tokens early): the refusal drives the refresh.
        tokens.setRefreshMargin(-3600);
        QVERIFY(signIn(tokens, account, user, QStringLiteral("opw-35")));

        FakeClock clock;
        RetrievalScheduler scheduler(store, clock, nullptr);
        scheduler.setTokenService(&tokens);
        const QList<QSslCertificate> ca = m_dovecot->ca();
        SecretStore &secrets = m_dovecot->secrets();
        scheduler.setRunStarter([&](const RetrievalTask &t) -> QObject * {
            return startRetrievalRun(store, secrets, &logger, t, &scheduler, ca,
                                     scheduler.tokenService());
        });

        // 1. A fresh token: the message arrives.
        Outcome first = runOnce(scheduler);
        QVERIFY2(first.ok, qPrintable(first.summary));
        QCOMPARE(first.count, 1);

        // 2. The access token expires; the next scheduled run has it refused, refreshes once
        //    and retrieves. Only that outcome is recorded.
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc()
                                     > tokens.health(account).accessTokenExpiresAt.addSecs(1),
                                 60000);
        QVERIFY(m_dovecot->deliverToInbox(user, {mail(2)}));
        QSignalSpy refreshed(&tokens, &TokenService::tokensRefreshed);
        clock.advance(scheduler.interval());
        Outcome second = runOnce(scheduler);
        QVERIFY2(second.ok, qPrintable(second.summary));
        QCOMPARE(second.count, 1);
        QCOMPARE(refreshed.count(), 1);
        QCOMPARE(store.retrievalTask(task.uuid)->lastResult, QStringLiteral("OK"));
        QCOMPARE(messageCount(store), qint64(2));

        // 3. The provider revokes the account: the run ends with "sign in again", recorded
        //    in the task's history; the message waiting at the source stays there.
        QVERIFY(revoke(user));
        QVERIFY(m_dovecot->deliverToInbox(user, {mail(3)}));
        QSignalSpy lost(&tokens, &TokenService::signInRequired);
        clock.advance(scheduler.interval());
        Outcome third = runOnce(scheduler);
        QVERIFY(!third.ok);
        QCOMPARE(third.summary, RetrievalRunBase::signInAgainMessage());
        QCOMPARE(lost.count(), 1);
        QVERIFY(tokens.isSignInRequired(account));
        QCOMPARE(store.retrievalTask(task.uuid)->lastResult,
                 RetrievalRunBase::signInAgainMessage());
        QCOMPARE(messageCount(store), qint64(2));

        // 4. No retry loop: later periods start nothing until the user signs in again.
        QSignalSpy started(&scheduler, &RetrievalScheduler::runStarted);
        clock.advance(scheduler.interval());
        QCOMPARE(scheduler.check(), 0);
        clock.advance(scheduler.interval() * 3);
        QCOMPARE(scheduler.check(), 0);
        QCOMPARE(started.count(), 0);

        // 5. Signed in again: the next check runs the task and the waiting message arrives.
        QVERIFY(signIn(tokens, account, user, QStringLiteral("opw-35")));
        QVERIFY(!tokens.isSignInRequired(account));
        Outcome fourth = runOnce(scheduler);
        QVERIFY2(fourth.ok, qPrintable(fourth.summary));
        QCOMPARE(fourth.count, 1);
        QCOMPARE(messageCount(store), qint64(3));
        QCOMPARE(store.retrievalTask(task.uuid)->lastResult, QStringLiteral("OK"));
    }

    // POP3 with SASL XOAUTH2, started by hand (runNow) with the starter and the service.
    void pop3WithToken()
    {
        const QString user = QStringLiteral("ouser36");
        QVERIFY(m_dovecot->reset(user));
        QVERIFY(m_dovecot->deliverToInbox(user, {mail(10), mail(11)}));
        Store store(TestEnv::scratchDir(QStringLiteral("oauthretrieval-pop3")));
        QVERIFY(store.open(nullptr));
        RetrievalTask task = m_dovecot->task(RetrievalTask::Kind::Pop3, user);
        task.authKind = RetrievalTask::AuthKind::OAuth;
        QVERIFY(store.insertRetrievalTask(task));
        const QString account = task.uuid.toString(QUuid::WithoutBraces);
        TokenService tokens(m_dovecot->secrets(), m_dovecot->settings());
        QVERIFY(signIn(tokens, account, user, QStringLiteral("opw-36")));

        RetrievalRunHandle *handle = startRetrievalRun(store, m_dovecot->secrets(), nullptr, task,
                                                       nullptr, m_dovecot->ca(), &tokens);
        QVERIFY(handle);
        QSignalSpy finished(handle, &RetrievalRunHandle::finished);
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(2).toString()));
        QCOMPARE(finished.at(0).at(1).toInt(), 2);
        QCOMPARE(messageCount(store), qint64(2));
    }
};

QTEST_GUILESS_MAIN(TestOauthRetrieval)
#include "tst_oauthretrieval.moc"
