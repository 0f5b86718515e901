// OAuth retrieval tasks and SMTP accounts through their services, against real servers
// (fixture dovecot-oauth): oidc-provider signs the users in, Dovecot and the SMTP server check
// the bearer tokens by RFC 7662 introspection. OAuth users ouser17..ouser24, ouser46 and
// ouser47; Dovecot user u146 (the app password a switched task uses).
#include "app/services/oauth/tokenservice.h"
#include "app/services/retrievaltasks/retrievaltaskservice.h"
#include "app/services/secretstore.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "connectors/oauth/oauthjobs.h"
#include "models/store.h"
#include "oauthfixture.h"
#include "signinhelper.h"
#include "support/fixturecontrol.h"
#include "support/servicesetup.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Tributary;

class TstOauthAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void taskTestAndSave_data();
    void taskTestAndSave();
    void expiredToken_data();
    void expiredToken();
    void revokedNeedsSignInTaskStays();
    void withoutSignInNeedsSignIn();
    void deleteRevokes();
    void smtpAccountOverXoauth2();
    void switchTaskToPasswordRevokes();
    void switchSmtpAccountToPasswordRevokes();

private:
    RetrievalTask oauthTask(RetrievalTask::Kind kind, const QString &user) const;
    // Signs `user` (ouserN) in at the fixture and saves the tokens under `uuid`.
    Oauth::TokenSet signIn(const QUuid &uuid, const QString &user,
                           const Oauth::ProviderConfig &provider);
    void run(RetrievalTaskJob *job);
    // A keychain entry of `uuid`; *error says whether it was there.
    QByteArray readSecret(SecretKind kind, const QUuid &uuid, SecretJob::Error *error);
    // RFC 7662 at the fixture: is this token still active?
    bool isActive(const QString &token);
    // The sign-in of `uuid` is still there: refresh token in the keychain and active.
    void verifySignInKept(const QUuid &uuid, const QString &refreshToken);
    // The sign-in of `uuid` is revoked at the provider and gone from the keychain and settings.
    void verifySignInGone(const QUuid &uuid, const Oauth::TokenSet &tokens);
    // An SMTP account service on the fixture's SMTP server (trusting its CA).
    std::unique_ptr<SmtpAccountService> smtpService();
    // An OAuth SMTP account of `user` (address user@example.test) under `uuid`.
    SmtpAccount oauthSmtpAccount(const QUuid &uuid, const QString &user) const;
    // Runs `job` to its end; the caller owns it.
    static std::unique_ptr<SmtpAccountJob> runSmtp(SmtpAccountJob *job);

    QString m_ca;
    QString m_control;
    QString m_introspection;
    quint16 m_imapPort = 0;
    quint16 m_pop3Port = 0;
    quint16 m_smtpPort = 0;
    QList<QSslCertificate> m_smtpCas;
    QList<QSslCertificate> m_dovecotCas;
    Oauth::ProviderConfig m_provider;
    Oauth::ProviderConfig m_shortProvider;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<TokenService> m_tokens;
    std::unique_ptr<RetrievalTaskService> m_service;
    QList<QUuid> m_created;
    RetrievalTaskJob::Error m_error = RetrievalTaskJob::Error::NoError;
    QString m_message;
    RetrievalTask m_task;
};

void TstOauthAccounts::initTestCase()
{
    QString value;
    TRIBUTARY_REQUIRE_ENV(m_ca, "dovecot-oauth", "OAUTH_CA");
    TRIBUTARY_REQUIRE_ENV(m_control, "dovecot-oauth", "OAUTH_TEST_CONTROL");
    TRIBUTARY_REQUIRE_ENV(m_introspection, "dovecot-oauth", "OAUTH_INTROSPECTION_HTTP_URL");
    TRIBUTARY_REQUIRE_ENV(value, "dovecot-oauth", "IMAP_PORT");
    m_imapPort = value.toUShort();
    TRIBUTARY_REQUIRE_ENV(value, "dovecot-oauth", "POP3_PORT");
    m_pop3Port = value.toUShort();
    TRIBUTARY_REQUIRE_ENV(value, "dovecot-oauth", "CA");
    m_dovecotCas = QSslCertificate::fromPath(value);
    QVERIFY(!m_dovecotCas.isEmpty());
    TRIBUTARY_REQUIRE_ENV(value, "dovecot-oauth", "SMTP_PORT");
    m_smtpPort = value.toUShort();
    TRIBUTARY_REQUIRE_ENV(value, "dovecot-oauth", "SMTP_CA");
    m_smtpCas = QSslCertificate::fromPath(value);
    QVERIFY(!m_smtpCas.isEmpty());
    m_provider = fixtureProvider(QStringLiteral("dovecot-oauth"));
    QVERIFY(m_provider.isValid());
    // Access tokens of this client live OAUTH_SHORT_TTL (10) seconds.
    m_shortProvider
        = fixtureProvider(QStringLiteral("dovecot-oauth"), QStringLiteral("OAUTH_SHORT_CLIENT_ID"));
    QVERIFY(m_shortProvider.isValid());
    // The token service reaches the fixture's https issuer.
    QVERIFY(TestEnv::trustCertificateFiles({m_ca}) > 0);
}

void TstOauthAccounts::init()
{
    QString error;
    QVERIFY2(TestEnv::openScratchStore(QStringLiteral("tst_oauthaccounts"),
                                       QStringLiteral("TributaryTest-oauthaccounts"), m_settings,
                                       m_store, m_secrets, &error),
             qPrintable(error));
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<TokenService>(*m_secrets, *m_settings);
    m_tokens->setNetworkAccessManager(m_nam.get());
    m_service = TestEnv::retrievalTaskService(*m_store, *m_secrets, m_dovecotCas);
    m_service->setTokenService(m_tokens.get());
    m_created.clear();
}

void TstOauthAccounts::cleanup()
{
    // Keychain entries outlive the scratch folder.
    QVERIFY(TestEnv::removeKeychainEntries(*m_secrets, m_created));
    m_service.reset();
    m_tokens.reset();
    m_nam.reset();
    m_secrets.reset();
    m_store.reset();
    m_settings.reset();
}

RetrievalTask TstOauthAccounts::oauthTask(RetrievalTask::Kind kind, const QString &user) const
{
    RetrievalTask t;
    t.name = QStringLiteral("OAuth ") + user;
    t.kind = kind;
    t.server = QStringLiteral("127.0.0.1");
    t.port = kind == RetrievalTask::Kind::Pop3 ? m_pop3Port : m_imapPort;
    t.security = RetrievalTask::Security::StartTls;
    t.username = user;
    t.authKind = RetrievalTask::AuthKind::OAuth;
    t.providerId = QStringLiteral("testprovider");
    return t;
}

Oauth::TokenSet TstOauthAccounts::signIn(const QUuid &uuid, const QString &user,
                                         const Oauth::ProviderConfig &provider)
{
    m_created << uuid;
    const QString password = QStringLiteral("opw-") + user.mid(QStringLiteral("ouser").size());
    Oauth::TokenSet tokens = fixtureSignIn(provider, m_ca, user, password);
    if (tokens.accessToken.isEmpty())
        return tokens;
    TokenRequest *save
        = m_tokens->saveSignIn(uuid.toString(QUuid::WithoutBraces), provider, tokens);
    save->setAutoDelete(false);
    QSignalSpy done(save, &TokenRequest::finished);
    const bool ok = done.wait(20000) && save->error() == Oauth::Error::Kind::None;
    delete save;
    return ok ? tokens : Oauth::TokenSet();
}

void TstOauthAccounts::run(RetrievalTaskJob *job)
{
    m_error = RetrievalTaskJob::Error::Cancelled;
    m_message = QStringLiteral("the job did not finish");
    QSignalSpy done(job, &RetrievalTaskJob::finished);
    connect(job, &RetrievalTaskJob::finished, this, [this](RetrievalTaskJob *j) {
        m_error = j->error();
        m_message = j->errorString() + QStringLiteral(" | ") + j->details();
        m_task = j->task();
    });
    done.wait(60000); // the job deletes itself
}

QByteArray TstOauthAccounts::readSecret(SecretKind kind, const QUuid &uuid, SecretJob::Error *error)
{
    std::unique_ptr<SecretJob> job(m_secrets->read(kind, uuid.toString(QUuid::WithoutBraces)));
    job->setAutoDelete(false);
    QSignalSpy done(job.get(), &SecretJob::finished);
    *error = done.wait(20000) ? job->error() : SecretJob::Error::Timeout;
    return job->secret();
}

bool TstOauthAccounts::isActive(const QString &token)
{
    QNetworkRequest request {QUrl(m_introspection)};
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Authorization",
                         "Basic "
                             + QByteArray("resource-server:resource-server-secret").toBase64());
    QNetworkReply *reply = m_nam->post(request, "token=" + QUrl::toPercentEncoding(token));
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(15000);
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return answer.value(QLatin1String("active")).toBool();
}

std::unique_ptr<SmtpAccountService> TstOauthAccounts::smtpService()
{
    auto smtp = std::make_unique<SmtpAccountService>(*m_store, *m_secrets);
    smtp->setTokenService(m_tokens.get());
    const QList<QSslCertificate> cas = m_smtpCas;
    smtp->setEndpointDecorator([cas](Net::Endpoint &e) { e.extraCaCertificates = cas; });
    smtp->setTimeoutMs(20000);
    return smtp;
}

SmtpAccount TstOauthAccounts::oauthSmtpAccount(const QUuid &uuid, const QString &user) const
{
    SmtpAccount account = fixtureOAuthSmtpAccount(m_smtpPort, user);
    account.uuid = uuid;
    account.displayName = QStringLiteral("OAuth sender");
    return account;
}

std::unique_ptr<SmtpAccountJob> TstOauthAccounts::runSmtp(SmtpAccountJob *job)
{
    job->setAutoDelete(false);
    QSignalSpy done(job, &SmtpAccountJob::finished);
    done.wait(60000);
    return std::unique_ptr<SmtpAccountJob>(job);
}

void TstOauthAccounts::verifySignInKept(const QUuid &uuid, const QString &refreshToken)
{
    SecretJob::Error error = SecretJob::Error::NotFound;
    QCOMPARE(QString::fromUtf8(readSecret(SecretKind::OAuthRefreshToken, uuid, &error)),
             refreshToken);
    QCOMPARE(error, SecretJob::Error::NoError);
    QVERIFY(isActive(refreshToken));
    QVERIFY(m_tokens->health(uuid.toString(QUuid::WithoutBraces)).known);
}

void TstOauthAccounts::verifySignInGone(const QUuid &uuid, const Oauth::TokenSet &tokens)
{
    QVERIFY(!isActive(tokens.refreshToken));
    QVERIFY(!isActive(tokens.accessToken));
    QVERIFY(!m_tokens->health(uuid.toString(QUuid::WithoutBraces)).known);
    for (const SecretKind kind : {SecretKind::OAuthRefreshToken, SecretKind::OAuthAccessToken}) {
        SecretJob::Error error = SecretJob::Error::NoError;
        readSecret(kind, uuid, &error);
        QCOMPARE(error, SecretJob::Error::NotFound);
    }
    // The provider refuses the old refresh token too.
    Oauth::RefreshJob refresh;
    refresh.setProvider(m_provider);
    refresh.setNetworkAccessManager(m_nam.get());
    refresh.setRefreshToken(tokens.refreshToken);
    QSignalSpy done(&refresh, &Oauth::RefreshJob::finished);
    refresh.start();
    QVERIFY(done.wait(20000));
    QCOMPARE(refresh.error(), Oauth::Error::Kind::InvalidGrant);
}

void TstOauthAccounts::taskTestAndSave_data()
{
    QTest::addColumn<bool>("pop3");
    QTest::addColumn<QString>("user");
    QTest::newRow("imap") << false << QStringLiteral("ouser17");
    QTest::newRow("pop3") << true << QStringLiteral("ouser18");
}

void TstOauthAccounts::taskTestAndSave()
{
    QFETCH(bool, pop3);
    QFETCH(QString, user);
    const RetrievalTask::Kind kind = pop3 ? RetrievalTask::Kind::Pop3 : RetrievalTask::Kind::Imap;
    // The form signs in under a uuid chosen before the task exists, then adds the task.
    const QUuid uuid = RetrievalTaskService::newTaskUuid();
    QVERIFY(!signIn(uuid, user, m_provider).isEmpty());
    RetrievalTask task = oauthTask(kind, user);
    task.uuid = uuid;

    run(m_service->test(task, QString()));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));
    QVERIFY(m_store->retrievalTasks().isEmpty());

    run(m_service->add(task, QString()));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));
    QCOMPARE(m_task.uuid, uuid);
    const std::optional<RetrievalTask> stored = m_store->retrievalTask(uuid);
    QVERIFY(stored);
    QCOMPARE(stored->authKind, RetrievalTask::AuthKind::OAuth);
    QVERIFY(!m_service->needsSignIn(uuid));

    // No password went to the keychain for an OAuth task.
    SecretJob::Error error = SecretJob::Error::NoError;
    readSecret(SecretKind::Password, uuid, &error);
    QCOMPARE(error, SecretJob::Error::NotFound);

    // Update tests with the saved sign-in again.
    task.name = QStringLiteral("Renamed");
    run(m_service->update(task));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));
    QCOMPARE(m_store->retrievalTask(uuid)->name, QStringLiteral("Renamed"));
}

void TstOauthAccounts::expiredToken_data()
{
    QTest::addColumn<bool>("refusedFirst");
    QTest::addColumn<bool>("pop3");
    QTest::addColumn<QString>("user");
    // The token service sees the expiry and refreshes before the test uses the token.
    QTest::newRow("refreshed before use") << false << true << QStringLiteral("ouser24");
    // The service believes the expired token is still good (a clock ahead of the provider's,
    // or a token the provider ended early): Dovecot refuses it, the job forces one refresh
    // and tries again.
    QTest::newRow("refused, refreshed once") << true << false << QStringLiteral("ouser19");
}

void TstOauthAccounts::expiredToken()
{
    QFETCH(bool, refusedFirst);
    QFETCH(bool, pop3);
    QFETCH(QString, user);
    if (refusedFirst)
        m_tokens->setRefreshMargin(-3600);
    // Access tokens of the short client live OAUTH_SHORT_TTL (10) seconds.
    const QUuid uuid = RetrievalTaskService::newTaskUuid();
    const Oauth::TokenSet first = signIn(uuid, user, m_shortProvider);
    QVERIFY(!first.isEmpty());
    const QString key = uuid.toString(QUuid::WithoutBraces);
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc()
                                 > m_tokens->health(key).accessTokenExpiresAt.addSecs(1),
                             60000);
    QVERIFY(!isActive(first.accessToken));

    QSignalSpy refreshed(m_tokens.get(), &TokenService::tokensRefreshed);
    RetrievalTask task
        = oauthTask(pop3 ? RetrievalTask::Kind::Pop3 : RetrievalTask::Kind::Imap, user);
    task.uuid = uuid;
    run(m_service->add(task, QString()));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(refreshed.first().first().toString(), key);
    QVERIFY(m_tokens->health(key).lastRefresh.isValid());
    QVERIFY(m_store->retrievalTask(uuid));
}

void TstOauthAccounts::revokedNeedsSignInTaskStays()
{
    const QUuid uuid = RetrievalTaskService::newTaskUuid();
    const QString user = QStringLiteral("ouser20");
    QVERIFY(!signIn(uuid, user, m_provider).isEmpty());
    RetrievalTask task = oauthTask(RetrievalTask::Kind::Imap, user);
    task.uuid = uuid;
    run(m_service->add(task, QString()));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));

    // The provider ends the grant (password changed, admin action).
    QVERIFY(TestEnv::revokeAccountAtProvider(m_control, user));
    QSignalSpy lost(m_service.get(), &RetrievalTaskService::signInRequired);
    task.name = QStringLiteral("Changed after revocation");
    run(m_service->update(task));
    QCOMPARE(m_error, RetrievalTaskJob::Error::SignInRequired);
    QVERIFY2(m_message.startsWith(QStringLiteral("Sign-in needed for ouser20.")),
             qPrintable(m_message));
    QVERIFY2(m_message.contains(QStringLiteral("sign in again")), qPrintable(m_message));
    QCOMPARE(lost.count(), 1);
    QCOMPARE(lost.first().first().toUuid(), uuid);
    QVERIFY(m_service->needsSignIn(uuid));
    // The task stays, unchanged.
    const std::optional<RetrievalTask> stored = m_store->retrievalTask(uuid);
    QVERIFY(stored);
    QCOMPARE(stored->name, QStringLiteral("OAuth ouser20"));

    // A new sign-in under the same uuid makes it work again.
    QVERIFY(!signIn(uuid, user, m_provider).isEmpty());
    QVERIFY(!m_service->needsSignIn(uuid));
    run(m_service->update(task));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));
}

void TstOauthAccounts::withoutSignInNeedsSignIn()
{
    RetrievalTask task = oauthTask(RetrievalTask::Kind::Imap, QStringLiteral("ouser21"));
    run(m_service->add(task, QString())); // no uuid: never signed in
    QCOMPARE(m_error, RetrievalTaskJob::Error::SignInRequired);
    task.uuid = RetrievalTaskService::newTaskUuid(); // a uuid with no tokens saved
    m_created << task.uuid;
    run(m_service->test(task, QString()));
    QCOMPARE(m_error, RetrievalTaskJob::Error::SignInRequired);
    QVERIFY2(m_message.startsWith(QStringLiteral("Sign-in needed for ouser21.")),
             qPrintable(m_message));
    QVERIFY(m_store->retrievalTasks().isEmpty());
}

void TstOauthAccounts::deleteRevokes()
{
    const QUuid uuid = RetrievalTaskService::newTaskUuid();
    const QString user = QStringLiteral("ouser21");
    const Oauth::TokenSet tokens = signIn(uuid, user, m_provider);
    QVERIFY(!tokens.isEmpty());
    QVERIFY(!tokens.refreshToken.isEmpty());
    RetrievalTask task = oauthTask(RetrievalTask::Kind::Pop3, user);
    task.uuid = uuid;
    run(m_service->add(task, QString()));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));
    QVERIFY(isActive(tokens.refreshToken));

    run(m_service->remove(uuid));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));
    QVERIFY(!m_store->retrievalTask(uuid));
    // Revoked at the provider and forgotten here.
    QVERIFY(!isActive(tokens.refreshToken));
    QVERIFY(!m_tokens->health(uuid.toString(QUuid::WithoutBraces)).known);
    SecretJob::Error error = SecretJob::Error::NoError;
    readSecret(SecretKind::OAuthRefreshToken, uuid, &error);
    QCOMPARE(error, SecretJob::Error::NotFound);
}

void TstOauthAccounts::smtpAccountOverXoauth2()
{
    const std::unique_ptr<SmtpAccountService> service = smtpService();
    SmtpAccountService &smtp = *service;
    const QUuid uuid = SmtpAccountService::newAccountUuid();
    const QString user = QStringLiteral("ouser22");
    const Oauth::TokenSet tokens = signIn(uuid, user, m_provider);
    QVERIFY(!tokens.isEmpty());
    const SmtpAccount account = oauthSmtpAccount(uuid, user);

    // The server checks the token by introspection and accepts it.
    std::unique_ptr<SmtpAccountJob> test = runSmtp(smtp.test(account, std::nullopt));
    QVERIFY2(test->error() == SmtpAccountJob::Error::NoError, qPrintable(test->details()));
    std::unique_ptr<SmtpAccountJob> added = runSmtp(smtp.add(account, QString()));
    QVERIFY2(added->error() == SmtpAccountJob::Error::NoError, qPrintable(added->details()));
    QCOMPARE(added->account().uuid, uuid);
    QVERIFY(m_store->smtpAccount(uuid));
    QVERIFY(!smtp.needsSignIn(uuid));

    // The same token for another mailbox: refused, also after the one forced refresh.
    SmtpAccount other = account;
    other.username = QStringLiteral("ouser23");
    std::unique_ptr<SmtpAccountJob> wrong = runSmtp(smtp.test(other, std::nullopt));
    QCOMPARE(wrong->error(), SmtpAccountJob::Error::Connection);
    QCOMPARE(wrong->connectionError().kind, Net::Error::Kind::Authentication);

    // Deleting the account revokes its sign-in at the provider (the refresh token was rotated
    // by the forced refresh: the current one is in the keychain).
    SecretJob::Error error = SecretJob::Error::NotFound;
    const QString current
        = QString::fromUtf8(readSecret(SecretKind::OAuthRefreshToken, uuid, &error));
    QCOMPARE(error, SecretJob::Error::NoError);
    QVERIFY(current != tokens.refreshToken);
    QVERIFY(isActive(current));
    std::unique_ptr<SmtpAccountJob> removed = runSmtp(smtp.remove(uuid));
    QVERIFY2(removed->error() == SmtpAccountJob::Error::NoError, qPrintable(removed->details()));
    QVERIFY(!m_store->smtpAccount(uuid));
    QVERIFY(!isActive(current));
    std::unique_ptr<SmtpAccountJob> after = runSmtp(smtp.test(account, std::nullopt));
    QCOMPARE(after->error(), SmtpAccountJob::Error::SignInRequired);
    QVERIFY2(
        after->errorString().startsWith(QStringLiteral("Sign-in needed for ouser22@example.test.")),
        qPrintable(after->errorString()));
}

void TstOauthAccounts::switchTaskToPasswordRevokes()
{
    // A Gmail-like task signed in with OAuth is edited to use an app password instead.
    const QUuid uuid = RetrievalTaskService::newTaskUuid();
    const Oauth::TokenSet tokens = signIn(uuid, QStringLiteral("ouser46"), m_provider);
    QVERIFY(!tokens.isEmpty());
    QVERIFY(!tokens.refreshToken.isEmpty());
    RetrievalTask task = oauthTask(RetrievalTask::Kind::Imap, QStringLiteral("ouser46"));
    task.uuid = uuid;
    run(m_service->add(task, QString()));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));

    RetrievalTask switched = task;
    switched.authKind = RetrievalTask::AuthKind::Password;
    switched.username = QStringLiteral("u146");
    // Without a password there is none to test with: nothing changes.
    run(m_service->update(switched));
    QCOMPARE(m_error, RetrievalTaskJob::Error::Keychain);
    // A wrong app password fails the test: nothing changes, the sign-in stays.
    run(m_service->update(switched, QStringLiteral("not-the-app-password")));
    QCOMPARE(m_error, RetrievalTaskJob::Error::Connection);
    QCOMPARE(m_store->retrievalTask(uuid)->authKind, RetrievalTask::AuthKind::OAuth);
    QCOMPARE(m_store->retrievalTask(uuid)->username, QStringLiteral("ouser46"));
    verifySignInKept(uuid, tokens.refreshToken);
    if (QTest::currentTestFailed())
        return;
    SecretJob::Error error = SecretJob::Error::NoError;
    readSecret(SecretKind::Password, uuid, &error);
    QCOMPARE(error, SecretJob::Error::NotFound);

    // The right one: saved, and the old sign-in revoked at the provider and forgotten here.
    QSignalSpy changed(m_service.get(), &RetrievalTaskService::tasksChanged);
    run(m_service->update(switched, QStringLiteral("pw-u146")));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));
    QCOMPARE(changed.count(), 1);
    const std::optional<RetrievalTask> stored = m_store->retrievalTask(uuid);
    QVERIFY(stored);
    QCOMPARE(stored->authKind, RetrievalTask::AuthKind::Password);
    QCOMPARE(stored->username, QStringLiteral("u146"));
    QCOMPARE(readSecret(SecretKind::Password, uuid, &error), QByteArray("pw-u146"));
    QCOMPARE(error, SecretJob::Error::NoError);
    verifySignInGone(uuid, tokens);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!m_service->needsSignIn(uuid));

    // The task keeps working with its stored password.
    switched.name = QStringLiteral("Renamed");
    run(m_service->update(switched));
    QVERIFY2(m_error == RetrievalTaskJob::Error::NoError, qPrintable(m_message));
    QCOMPARE(m_store->retrievalTask(uuid)->name, QStringLiteral("Renamed"));
}

void TstOauthAccounts::switchSmtpAccountToPasswordRevokes()
{
    QString user, password;
    TRIBUTARY_REQUIRE_ENV(user, "dovecot-oauth", "SMTP_USER");
    TRIBUTARY_REQUIRE_ENV(password, "dovecot-oauth", "SMTP_PASSWORD");
    const std::unique_ptr<SmtpAccountService> service = smtpService();
    SmtpAccountService &smtp = *service;
    const QUuid uuid = SmtpAccountService::newAccountUuid();
    const Oauth::TokenSet tokens = signIn(uuid, QStringLiteral("ouser47"), m_provider);
    QVERIFY(!tokens.isEmpty());
    const SmtpAccount account = oauthSmtpAccount(uuid, QStringLiteral("ouser47"));
    std::unique_ptr<SmtpAccountJob> added = runSmtp(smtp.add(account, QString()));
    QVERIFY2(added->error() == SmtpAccountJob::Error::NoError, qPrintable(added->details()));

    SmtpAccount switched = account;
    switched.authKind = SmtpAccount::AuthKind::Password;
    switched.username = user;
    std::unique_ptr<SmtpAccountJob> wrong
        = runSmtp(smtp.update(switched, QStringLiteral("not-the-password")));
    QCOMPARE(wrong->error(), SmtpAccountJob::Error::Connection);
    QCOMPARE(m_store->smtpAccount(uuid)->authKind, SmtpAccount::AuthKind::OAuth);
    verifySignInKept(uuid, tokens.refreshToken);
    if (QTest::currentTestFailed())
        return;

    std::unique_ptr<SmtpAccountJob> saved = runSmtp(smtp.update(switched, password));
    QVERIFY2(saved->error() == SmtpAccountJob::Error::NoError, qPrintable(saved->details()));
    QCOMPARE(m_store->smtpAccount(uuid)->authKind, SmtpAccount::AuthKind::Password);
    QCOMPARE(m_store->smtpAccount(uuid)->username, user);
    SecretJob::Error error = SecretJob::Error::NotFound;
    QCOMPARE(QString::fromUtf8(readSecret(SecretKind::Password, uuid, &error)), password);
    verifySignInGone(uuid, tokens);
    if (QTest::currentTestFailed())
        return;
    std::unique_ptr<SmtpAccountJob> test = runSmtp(smtp.test(switched, std::nullopt));
    QVERIFY2(test->error() == SmtpAccountJob::Error::NoError, qPrintable(test->details()));
}

QTEST_GUILESS_MAIN(TstOauthAccounts)
#include "tst_oauthaccounts.moc"
