// Exchange (EWS) tasks with OAuth through startRetrievalRun: the bearer token comes from the
// TokenService (real oidc-provider, fixture oauth); a refused token is refreshed once and
// the run tried once more, and only that outcome is recorded. The EWS server is the scripted
// fake of tests/fakes. User ouser37 belongs to this test.
#include "../oauth/oauthfixture.h"
#include "../oauth/signinhelper.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/retrieval/retrievalrunhandle.h"
#include "app/services/retrieval/retrievalrunstarter.h"
#include "app/services/secretstore.h"
#include "fakes/ewsfakeserver.h"
#include "fakes/scriptedserver.h"
#include "models/store.h"
#include "support/testenv.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Tributary;
using Tributary::Testing::FakeEwsServer;
using Tributary::Testing::ScriptedServer;

class TestEwsOauthRetrieval : public QObject
{
    Q_OBJECT

    // Runs the task once through the starter; (ok, new messages, summary).
    static QVariantList runOnce(Store &store, SecretStore &secrets, const RetrievalTask &task,
                                TokenService &tokens)
    {
        RetrievalRunHandle *handle = startRetrievalRun(store, secrets, nullptr, task, nullptr,
                                                       ScriptedServer::caCertificates(), &tokens);
        if (!handle)
            return {};
        QSignalSpy finished(handle, &RetrievalRunHandle::finished);
        QSignalSpy destroyed(handle, &QObject::destroyed);
        if (!destroyed.wait(60000) || finished.count() != 1)
            return {};
        return finished.first();
    }
    static QString token(TokenService &tokens, const QString &account)
    {
        TokenRequest *request = tokens.accessToken(account);
        request->setAutoDelete(false);
        std::unique_ptr<TokenRequest> owned(request);
        QSignalSpy done(request, &TokenRequest::finished);
        if (!request->isFinished() && !done.wait(30000))
            return QString();
        return request->accessToken();
    }

private Q_SLOTS:
    void bearerFromTheTokenServiceRefreshedOnce()
    {
        QString ca;
        TRIBUTARY_REQUIRE_ENV(ca, "oauth", "OAUTH_CA");
        const Oauth::ProviderConfig provider = fixtureProvider(QStringLiteral("oauth"));
        QVERIFY(provider.isValid());
        const QString dir = TestEnv::scratchDir(QStringLiteral("ewsoauthretrieval"));
        QSettings settings(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat);
        SecretStore secrets(settings);
        secrets.setServiceName(QStringLiteral("Tributary-test-ewsoauthretrieval"));
        TokenService tokens(secrets, settings);

        FakeEwsServer server;
        QVERIFY(server.listen());
        server.addMessage(server.folderId(QStringLiteral("inbox")),
                          "From: a@example.test\r\nTo: b@example.test\r\nSubject: ews oauth\r\n"
                          "Message-ID: <ews-oauth-1@example.test>\r\n\r\nHello\r\n");
        Store store(dir + QStringLiteral("/store"));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        RetrievalTask task;
        task.name = QStringLiteral("Exchange OAuth");
        task.kind = RetrievalTask::Kind::Exchange;
        task.server = server.url().toString();
        task.username = QStringLiteral("ouser37@example.test");
        task.authKind = RetrievalTask::AuthKind::OAuth;
        QVERIFY(store.insertRetrievalTask(task));
        const QString account = task.uuid.toString(QUuid::WithoutBraces);

        const Oauth::TokenSet signedIn
            = fixtureSignIn(provider, ca, QStringLiteral("ouser37"), QStringLiteral("opw-37"));
        QVERIFY(!signedIn.accessToken.isEmpty());
        {
            std::unique_ptr<TokenRequest> save(tokens.saveSignIn(account, provider, signedIn));
            save->setAutoDelete(false);
            QSignalSpy done(save.get(), &TokenRequest::finished);
            QVERIFY(save->isFinished() || done.wait(30000));
            QCOMPARE(save->error(), Oauth::Error::Kind::None);
        }
        const QString first = token(tokens, account);
        QVERIFY(!first.isEmpty());

        // The server takes the service's token: one request sequence, no refusal.
        server.setBearerToken(first.toUtf8());
        const QVariantList ok = runOnce(store, secrets, task, tokens);
        QCOMPARE(ok.size(), 3);
        QVERIFY2(ok.at(0).toBool(), qPrintable(ok.at(2).toString()));
        QCOMPARE(ok.at(1).toInt(), 1);
        QCOMPARE(server.unauthorizedCount(), 0);
        QCOMPARE(server.authorizationHeaders().first(), "Bearer " + first.toUtf8());

        // The server refuses every token: one forced refresh, one more try, then the failure
        // is the recorded outcome (no loop).
        server.setBearerToken("a-token-the-provider-never-issued");
        QSignalSpy refreshed(&tokens, &TokenService::tokensRefreshed);
        const qsizetype before = server.authorizationHeaders().size();
        const QVariantList refused = runOnce(store, secrets, task, tokens);
        QCOMPARE(refused.size(), 3);
        QVERIFY(!refused.at(0).toBool());
        QCOMPARE(refreshed.count(), 1);
        QCOMPARE(server.unauthorizedCount(), 2);
        const QList<QByteArray> headers = server.authorizationHeaders().mid(before);
        QCOMPARE(headers.size(), 2);
        QCOMPARE(headers.at(0), "Bearer " + first.toUtf8());
        QVERIFY(headers.at(1) != headers.at(0)); // the refreshed token
        QCOMPARE(store.retrievalTask(task.uuid)->lastResult, refused.at(2).toString());

        SecretJob *cleanup = secrets.removeAll(account);
        QSignalSpy removed(cleanup, &SecretJob::finished);
        removed.wait(20000);
    }
};

QTEST_GUILESS_MAIN(TestEwsOauthRetrieval)
#include "tst_ewsoauthretrieval.moc"
