#include "smtpaccountservice.h"

#include "app/services/oauth/accounttokens.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/secretstore.h"
#include "connectors/smtp/session.h"
#include "connectors/smtp/verifyjob.h"
#include "models/store.h"

#include <QRegularExpression>
#include <QUuid>

namespace Tributary {

// --- SmtpAccountJob ---

SmtpAccountJob::SmtpAccountJob(SmtpAccountService *service, Operation operation,
                               const SmtpAccount &account, const std::optional<QString> &password,
                               const QByteArray &pinnedSha256)
    : QObject(service)
    , m_service(service)
    , m_operation(operation)
    , m_account(account)
    , m_password(password)
    , m_pinned(pinnedSha256)
{
}

SmtpAccountJob::~SmtpAccountJob()
{
    if (m_secretJob)
        m_secretJob->disconnect(this);
    if (m_tokenRequest)
        m_tokenRequest->disconnect(this);
}

void SmtpAccountJob::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    if (!m_service) {
        fail(Error::Cancelled, tr("The application is shutting down."));
        return;
    }
    if (m_operation == Operation::Remove) {
        removeAccount();
        return;
    }
    if (isOAuth())
        m_password.reset();
    const std::optional<QString> toCheck
        = m_operation == Operation::Add && m_account.authEnabled && !isOAuth()
        ? std::optional<QString>(m_password.value_or(QString()))
        : m_password;
    const QString problem = SmtpAccountService::validate(m_account, toCheck);
    if (!problem.isEmpty()) {
        fail(Error::Invalid, problem);
        return;
    }
    if (m_operation == Operation::Update
        && (m_account.uuid.isNull() || !m_service->store().smtpAccount(m_account.uuid))) {
        fail(Error::NotFound, tr("This SMTP account no longer exists."));
        return;
    }
    if (isOAuth()) {
        if (m_account.uuid.isNull()) {
            fail(Error::SignInRequired,
                 tr("Sign in to the account before its connection can be tested."));
            return;
        }
        readToken(false);
        return;
    }
    if (m_account.authEnabled && !m_password && !m_account.uuid.isNull())
        readPassword();
    else
        runTest();
}

void SmtpAccountJob::readPassword()
{
    m_state = State::ReadingPassword;
    m_secretJob = m_service->secrets().read(SecretKind::Password,
                                            m_account.uuid.toString(QUuid::WithoutBraces));
    connect(m_secretJob.data(), &SecretJob::finished, this, [this](SecretJob *job) {
        m_secretJob.clear();
        if (job->error() != SecretJob::Error::NoError) {
            fail(Error::Keychain,
                 tr("The saved password could not be read: %1").arg(job->errorString()),
                 job->details());
            return;
        }
        m_password = QString::fromUtf8(job->secret());
        runTest();
    });
}

void SmtpAccountJob::readToken(bool forceRefresh)
{
    m_state = State::ReadingToken;
    m_tokenRequest = AccountTokens::request(
        m_service->tokenService(), m_account.uuid, forceRefresh, m_account.email, this,
        [this](const AccountTokens::Result &result) {
            m_tokenRequest.clear();
            if (m_finished || m_state != State::ReadingToken)
                return;
            if (result.kind == AccountTokens::Result::Kind::Token) {
                m_accessToken = result.token;
                runTest();
                return;
            }
            fail(tokenFailure(result.kind, Error::Invalid), result.message, result.details);
        });
}

void SmtpAccountJob::runTest()
{
    m_state = State::Testing;
    Q_EMIT progress(0, 3);
    Net::Endpoint endpoint = SmtpAccountService::endpointFor(m_account, m_pinned);
    endpoint.timeoutMs = m_service->m_timeoutMs;
    if (m_service->m_decorator)
        m_service->m_decorator(endpoint);
    m_session = new Smtp::Session(this);
    m_session->setEndpoint(endpoint);
    if (isOAuth()) {
        Net::Sasl::Credentials credentials;
        credentials.user = m_account.username;
        credentials.accessToken = m_accessToken;
        m_session->setCredentials(credentials);
        m_session->setPreferredMechanism(Net::Sasl::Mechanism::XOAuth2);
    } else if (m_account.authEnabled) {
        Net::Sasl::Credentials credentials;
        credentials.user = m_account.username;
        credentials.password = m_password.value_or(QString());
        m_session->setCredentials(credentials);
    }
    auto *verify = new Smtp::VerifyJob(m_session);
    connect(verify, &Net::Job::finished, this, &SmtpAccountJob::onTestFinished);
    verify->start();
}

void SmtpAccountJob::onTestFinished(Net::Job *job)
{
    if (m_finished || m_state != State::Testing)
        return;
    if (job->error() == Net::Error::Kind::Authentication && isOAuth() && !m_refreshedAfterRefusal) {
        const QString reply = job->errorValue().serverReply;
        const Oauth::Error oauth = Oauth::classifySmtpAuthReply(reply.left(3).toInt(), reply);
        if (oauth.kind != Oauth::Error::Kind::SmtpAuthDisabled) {
            // The server refused the token: one forced refresh, then one more try.
            m_refreshedAfterRefusal = true;
            m_session->disconnect(this);
            m_session->abort();
            m_session->deleteLater();
            m_session = nullptr;
            readToken(true);
            return;
        }
        m_netError = job->errorValue();
        fail(Error::Connection, oauth.userMessage(), job->details());
        return;
    }
    Q_EMIT progress(1, 3);
    if (job->error() != Net::Error::Kind::None) {
        m_netError = job->errorValue();
        fail(Error::Connection, job->errorString(), job->details());
        return;
    }
    m_details = job->details();
    if (m_operation == Operation::Test) {
        finish();
        return;
    }
    save();
}

void SmtpAccountJob::save()
{
    Store &store = m_service->store();
    QString storeError;
    if (m_operation == Operation::Add) {
        if (!store.insertSmtpAccount(m_account, &storeError)) {
            fail(Error::Store, tr("The account could not be saved: %1").arg(storeError));
            return;
        }
        m_rowInserted = true;
        Q_EMIT progress(2, 3);
        if (m_account.authEnabled && !isOAuth()) {
            writeSecret();
            return;
        }
        finish();
        return;
    }
    // Update: the password first, so a row never points at a password that failed to save.
    if (m_account.authEnabled && !isOAuth() && m_password && m_state != State::WritingSecret) {
        writeSecret();
        return;
    }
    // Switched away from OAuth (to a password or no authentication): the old sign-in is
    // revoked and removed once the row is saved.
    const std::optional<SmtpAccount> before = store.smtpAccount(m_account.uuid);
    const bool dropSignIn = before && before->authEnabled
        && before->authKind == SmtpAccount::AuthKind::OAuth && !isOAuth()
        && m_service->tokenService();
    if (!store.updateSmtpAccount(m_account, &storeError)) {
        fail(Error::Store, tr("The account could not be saved: %1").arg(storeError));
        return;
    }
    Q_EMIT progress(2, 3);
    auto removePasswordOrFinish = [this] {
        if (!m_account.authEnabled) {
            m_state = State::RemovingSecret;
            m_secretJob = m_service->secrets().remove(
                SecretKind::Password, m_account.uuid.toString(QUuid::WithoutBraces));
            connect(m_secretJob.data(), &SecretJob::finished, this,
                    &SmtpAccountJob::onSecretFinished);
            return;
        }
        finish();
    };
    if (!dropSignIn) {
        removePasswordOrFinish();
        return;
    }
    m_state = State::RemovingSecret;
    m_tokenRequest = m_service->tokenService()->revoke(AccountTokens::key(m_account.uuid));
    connect(m_tokenRequest.data(), &TokenRequest::finished, this,
            [this, removePasswordOrFinish](TokenRequest *request) {
                m_tokenRequest.clear();
                if (m_finished)
                    return;
                if (request->error() != Oauth::Error::Kind::None) {
                    fail(Error::Keychain,
                         tr("The account was saved, but its earlier sign-in could not be "
                            "removed from the keychain: %1")
                             .arg(request->errorString()),
                         request->details());
                    return;
                }
                removePasswordOrFinish();
            });
}

void SmtpAccountJob::writeSecret()
{
    m_state = State::WritingSecret;
    m_secretJob = m_service->secrets().write(SecretKind::Password,
                                             m_account.uuid.toString(QUuid::WithoutBraces),
                                             m_password.value_or(QString()).toUtf8());
    connect(m_secretJob.data(), &SecretJob::finished, this, &SmtpAccountJob::onSecretFinished);
}

void SmtpAccountJob::onSecretFinished(SecretJob *job)
{
    m_secretJob.clear();
    if (job->error() != SecretJob::Error::NoError) {
        const QString message = m_operation == Operation::Remove || m_state == State::RemovingSecret
            ? tr("The password could not be removed from the keychain: %1")
            : tr("The password could not be saved in the keychain: %1");
        fail(Error::Keychain, message.arg(job->errorString()), job->details());
        return;
    }
    if (m_operation == Operation::Update && m_state == State::WritingSecret) {
        save(); // now the row
        return;
    }
    Q_EMIT progress(3, 3);
    finish();
}

void SmtpAccountJob::removeAccount()
{
    Store &store = m_service->store();
    if (m_account.uuid.isNull() || !store.smtpAccount(m_account.uuid)) {
        fail(Error::NotFound, tr("This SMTP account no longer exists."));
        return;
    }
    if (const auto existing = store.smtpAccount(m_account.uuid))
        m_account = *existing;
    QString storeError;
    if (!store.removeSmtpAccount(m_account.uuid, &storeError)) {
        fail(Error::Store, tr("The account could not be deleted: %1").arg(storeError));
        return;
    }
    m_state = State::RemovingSecret;
    TokenService *tokens = m_service->tokenService();
    const QString key = m_account.uuid.toString(QUuid::WithoutBraces);
    if (!tokens || (!isOAuth() && !tokens->health(key).known)) {
        removeSecrets();
        return;
    }
    // Revoked at the provider where it offers that; forgotten here in any case.
    m_tokenRequest = tokens->revoke(key);
    connect(m_tokenRequest.data(), &TokenRequest::finished, this, [this](TokenRequest *request) {
        m_tokenRequest.clear();
        if (m_finished)
            return;
        if (request->error() != Oauth::Error::Kind::None) {
            fail(Error::Keychain,
                 tr("The account was deleted, but its sign-in could not be removed from the "
                    "keychain: %1")
                     .arg(request->errorString()),
                 request->details());
            return;
        }
        removeSecrets();
    });
}

void SmtpAccountJob::removeSecrets()
{
    m_secretJob = m_service->secrets().removeAll(m_account.uuid.toString(QUuid::WithoutBraces));
    connect(m_secretJob.data(), &SecretJob::finished, this, &SmtpAccountJob::onSecretFinished);
}

void SmtpAccountJob::cancel()
{
    if (m_finished)
        return;
    fail(Error::Cancelled, tr("Cancelled."));
}

void SmtpAccountJob::fail(Error error, const QString &message, const QString &details)
{
    if (m_finished)
        return;
    m_error = error;
    m_errorString = message;
    m_details = details.isEmpty() ? message : details;
    if (m_secretJob) {
        m_secretJob->disconnect(this);
        m_secretJob->cancel();
        m_secretJob.clear();
    }
    if (m_tokenRequest) {
        m_tokenRequest->disconnect(this);
        m_tokenRequest->cancel();
        m_tokenRequest.clear();
    }
    // Nothing half-added stays behind: the row goes again when its password did not.
    if (m_operation == Operation::Add && m_rowInserted && m_service) {
        m_service->store().removeSmtpAccount(m_account.uuid);
        m_rowInserted = false;
    }
    finish();
}

void SmtpAccountJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Done;
    if (m_session) {
        m_session->disconnect(this);
        m_session->abort();
        m_session->deleteLater();
        m_session = nullptr;
    }
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

// --- SmtpAccountService ---

SmtpAccountService::SmtpAccountService(Store &store, SecretStore &secrets, QObject *parent)
    : OAuthAccountService(store, secrets, parent)
{
}

bool SmtpAccountService::isOAuthAccount(const QUuid &uuid) const
{
    const std::optional<SmtpAccount> account = store().smtpAccount(uuid);
    return account && account->authEnabled && account->authKind == SmtpAccount::AuthKind::OAuth;
}

QUuid SmtpAccountService::newAccountUuid()
{
    return QUuid::createUuid();
}

bool SmtpAccountService::isValidEmail(const QString &email)
{
    static const QRegularExpression re(QStringLiteral(
        "^[^@\\s<>()\\[\\],;:\"]+@[^@\\s<>()\\[\\],;:\".]+(\\.[^@\\s<>()\\[\\],;:\".]+)*$"));
    return re.match(email).hasMatch();
}

QString SmtpAccountService::validate(const SmtpAccount &account,
                                     const std::optional<QString> &password)
{
    if (account.displayName.trimmed().isEmpty())
        return tr("Enter a display name.");
    if (account.server.trimmed().isEmpty())
        return tr("Enter the server address.");
    if (account.server.contains(QLatin1Char(' ')))
        return tr("The server address must not contain spaces.");
    if (account.port == 0)
        return tr("Enter a server port between 1 and 65535.");
    if (!isValidEmail(account.email))
        return tr("Enter a valid email address, such as name@example.com.");
    if (account.authEnabled) {
        if (account.username.isEmpty())
            return tr("Enter the user name, or turn authentication off.");
        if (password && password->isEmpty())
            return tr("Enter the password, or turn authentication off.");
    }
    return QString();
}

Net::Endpoint SmtpAccountService::endpointFor(const SmtpAccount &account,
                                              const QByteArray &pinnedSha256)
{
    Net::Endpoint endpoint;
    endpoint.host = account.server.trimmed();
    endpoint.port = account.port;
    switch (account.encryption) {
    case SmtpAccount::Encryption::None:
        endpoint.security = Net::Security::None;
        break;
    case SmtpAccount::Encryption::Ssl:
        endpoint.security = Net::Security::ImplicitTls;
        break;
    case SmtpAccount::Encryption::StartTls:
        endpoint.security = Net::Security::StartTls;
        break;
    }
    endpoint.pinnedSha256 = pinnedSha256.isEmpty() ? account.pinnedSha256 : pinnedSha256;
    return endpoint;
}

SmtpAccountJob *SmtpAccountService::makeJob(SmtpAccountJob::Operation operation,
                                            const SmtpAccount &account,
                                            const std::optional<QString> &password,
                                            const QByteArray &pinned)
{
    auto *job = new SmtpAccountJob(this, operation, account, password, pinned);
    QMetaObject::invokeMethod(job, &SmtpAccountJob::start, Qt::QueuedConnection);
    return job;
}

SmtpAccountJob *SmtpAccountService::add(const SmtpAccount &account, const QString &password,
                                        const QByteArray &pinnedSha256)
{
    SmtpAccount fresh = account;
    // An OAuth account keeps the uuid its sign-in was saved under.
    if (!(account.authEnabled && account.authKind == SmtpAccount::AuthKind::OAuth))
        fresh.uuid = QUuid();
    return makeJob(SmtpAccountJob::Operation::Add, fresh,
                   account.authEnabled ? std::optional<QString>(password) : std::nullopt,
                   pinnedSha256);
}

SmtpAccountJob *SmtpAccountService::update(const SmtpAccount &account,
                                           const std::optional<QString> &password,
                                           const QByteArray &pinnedSha256)
{
    return makeJob(SmtpAccountJob::Operation::Update, account, password, pinnedSha256);
}

SmtpAccountJob *SmtpAccountService::test(const SmtpAccount &account,
                                         const std::optional<QString> &password,
                                         const QByteArray &pinnedSha256)
{
    return makeJob(SmtpAccountJob::Operation::Test, account, password, pinnedSha256);
}

SmtpAccountJob *SmtpAccountService::remove(const QUuid &uuid)
{
    SmtpAccount account;
    account.uuid = uuid;
    return makeJob(SmtpAccountJob::Operation::Remove, account, std::nullopt, QByteArray());
}

} // namespace Tributary
