#include "retrievaltaskservice.h"

#include "app/services/oauth/accounttokens.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/secretstore.h"
#include "connectors/ews/ewsclient.h"
#include "connectors/ews/ewsjobs.h"
#include "connectors/imap/imapauthjobs.h"
#include "connectors/imap/imapmailboxjobs.h"
#include "connectors/imap/imapsession.h"
#include "connectors/pop3/quitjob.h"
#include "connectors/pop3/session.h"
#include "models/store.h"

#include <QTimer>

namespace Tributary {

namespace {

Net::Security netSecurity(RetrievalTask::Security security)
{
    switch (security) {
    case RetrievalTask::Security::None:
        return Net::Security::None;
    case RetrievalTask::Security::StartTls:
        return Net::Security::StartTls;
    case RetrievalTask::Security::SslTls:
        break;
    }
    return Net::Security::ImplicitTls;
}

} // namespace

RetrievalTaskJob::RetrievalTaskJob(RetrievalTaskService *service, Operation operation,
                                   const RetrievalTask &task,
                                   const std::optional<QString> &password)
    : QObject(service)
    , m_service(service)
    , m_operation(operation)
    , m_task(task)
    , m_password(password)
{
    QTimer::singleShot(0, this, &RetrievalTaskJob::start);
}

RetrievalTaskJob::~RetrievalTaskJob()
{
    delete m_protocolSession;
}

void RetrievalTaskJob::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    if (!m_service) {
        finish(Error::Cancelled, tr("The operation was cancelled."));
        return;
    }
    if (m_operation == Operation::Remove) {
        const std::optional<RetrievalTask> stored = m_service->store().retrievalTask(m_task.uuid);
        if (!stored) {
            finish(Error::NotFound, tr("This retrieval task no longer exists."));
            return;
        }
        m_task = *stored;
        m_state = State::Storing;
        QString dbError;
        if (!m_service->store().removeRetrievalTask(m_task.uuid, &dbError)) {
            finish(Error::Storage, tr("The retrieval task could not be deleted from the database."),
                   dbError);
            return;
        }
        TokenService *tokens = m_service->tokenService();
        if (tokens && (isOAuth() || tokens->health(accountKey()).known))
            revokeTokens();
        else
            removeSecret();
        return;
    }

    if (m_task.server.trimmed().isEmpty()) {
        finish(Error::InvalidSettings, tr("Enter the server address."));
        return;
    }
    if (m_task.port == 0) {
        finish(Error::InvalidSettings, tr("Enter the server port."));
        return;
    }
    if (m_task.username.trimmed().isEmpty()) {
        finish(Error::InvalidSettings, tr("Enter the user name."));
        return;
    }
    if (m_operation == Operation::Update) {
        const std::optional<RetrievalTask> stored = m_service->store().retrievalTask(m_task.uuid);
        if (!stored) {
            finish(Error::NotFound, tr("This retrieval task no longer exists."));
            return;
        }
        if (isOAuth()) {
            readToken(false);
            return;
        }
        m_dropSignIn = stored->authKind == RetrievalTask::AuthKind::OAuth
            && m_service->tokenService() != nullptr;
        if (!m_password) {
            readPassword();
            return;
        }
    }
    if (isOAuth()) {
        if (m_task.uuid.isNull()) {
            finish(Error::SignInRequired,
                   tr("Sign in to the account before its connection can be tested."));
            return;
        }
        readToken(false);
        return;
    }
    if (!m_password || m_password->isEmpty()) {
        finish(Error::InvalidSettings, tr("Enter the password."));
        return;
    }
    runTest();
}

void RetrievalTaskJob::readToken(bool forceRefresh)
{
    m_state = State::ReadingToken;
    m_tokenRequest = AccountTokens::request(
        m_service->tokenService(), m_task.uuid, forceRefresh, m_task.username.trimmed(), this,
        [this](const AccountTokens::Result &result) {
            m_tokenRequest.clear();
            if (m_finished || m_state != State::ReadingToken)
                return;
            if (result.kind == AccountTokens::Result::Kind::Token) {
                m_accessToken = result.token;
                runTest();
                return;
            }
            finish(tokenFailure(result.kind, Error::InvalidSettings), result.message,
                   result.details);
        });
}

void RetrievalTaskJob::readPassword()
{
    m_state = State::ReadingPassword;
    m_secretJob = m_service->secrets().read(SecretKind::Password,
                                            m_task.uuid.toString(QUuid::WithoutBraces));
    connect(m_secretJob, &SecretJob::finished, this, [this](SecretJob *job) {
        if (m_finished)
            return;
        if (job->error() != SecretJob::Error::NoError) {
            finish(Error::Keychain,
                   tr("The stored password could not be read: %1 Enter the password again.")
                       .arg(job->errorString()),
                   job->details());
            return;
        }
        m_password = QString::fromUtf8(job->secret());
        runTest();
    });
}

void RetrievalTaskJob::runTest()
{
    m_state = State::Testing;
    Q_EMIT progress(0, 2);
    Net::Endpoint endpoint;
    endpoint.host = m_task.server.trimmed();
    endpoint.port = m_task.port;
    endpoint.security = netSecurity(m_task.security);
    endpoint.extraCaCertificates = m_service->m_extraCas;
    endpoint.pinnedSha256 = m_task.pinnedSha256;
    endpoint.timeoutMs = m_service->m_testTimeoutMs;

    if (m_task.kind == RetrievalTask::Kind::Exchange) {
        // Exchange Web Services: signing in and listing the folders is the test, as the run
        // starts with the same request.
        auto *client = new Ews::Client;
        m_protocolSession = client;
        client->setUrl(Ews::Client::urlForServer(m_task.server.trimmed(), m_task.port,
                                                 m_task.security != RetrievalTask::Security::None));
        client->setAllowPlainHttp(m_task.security == RetrievalTask::Security::None);
        client->setExtraCaCertificates(m_service->m_extraCas);
        if (!m_task.pinnedSha256.isEmpty())
            client->setPinnedSha256(m_task.pinnedSha256);
        client->setTimeout(m_service->m_testTimeoutMs);
        if (isOAuth())
            client->setBearerToken(m_accessToken.toUtf8());
        else
            client->setCredentials(m_task.username.trimmed(), *m_password);
        auto *list = new Ews::ListFoldersJob(client);
        connect(list, &Net::Job::finished, this, &RetrievalTaskJob::onTestFinished);
        list->start();
        return;
    }

    if (m_task.kind == RetrievalTask::Kind::Pop3) {
        auto *session = new Pop3::Session;
        m_protocolSession = session;
        session->setEndpoint(endpoint);
        Net::Sasl::Credentials credentials;
        credentials.user = m_task.username.trimmed();
        if (isOAuth()) {
            credentials.accessToken = m_accessToken;
            session->setCredentials(credentials);
            session->setLoginMethod(Pop3::LoginMethod::Sasl);
            session->setPreferredMechanism(Net::Sasl::Mechanism::XOAuth2);
        } else {
            credentials.password = *m_password;
            session->setCredentials(credentials);
            session->setLoginMethod(m_task.apop ? Pop3::LoginMethod::Apop
                                                : Pop3::LoginMethod::Auto);
        }
        auto *verify = new Pop3::VerifyJob(session);
        connect(verify, &Net::Job::finished, this, &RetrievalTaskJob::onTestFinished);
        verify->start();
        return;
    }

    auto *session = new Imap::Session;
    m_protocolSession = session;
    session->setEndpoint(endpoint);
    Net::Job *login = nullptr;
    if (isOAuth()) {
        auto *authenticate = new Imap::AuthenticateJob(session);
        Net::Sasl::Credentials credentials;
        credentials.user = m_task.username.trimmed();
        credentials.accessToken = m_accessToken;
        authenticate->setCredentials(credentials);
        authenticate->setMechanism(Net::Sasl::Mechanism::XOAuth2);
        login = authenticate;
    } else {
        auto *plain = new Imap::LoginJob(session);
        plain->setUser(m_task.username.trimmed());
        plain->setPassword(*m_password);
        login = plain;
    }
    auto *list = new Imap::ListJob(session);
    list->setPattern(QStringLiteral("%"));
    // A failed LOGIN is the error to report; the LIST after it fails too and is ignored.
    connect(login, &Net::Job::finished, this, [this](Net::Job *job) {
        if (job->error() != Net::Error::Kind::None)
            onTestFinished(job);
    });
    connect(list, &Net::Job::finished, this, &RetrievalTaskJob::onTestFinished);
    login->start();
    list->start();
}

void RetrievalTaskJob::onTestFinished(Net::Job *job)
{
    if (m_finished || m_state != State::Testing)
        return;
    // A copy, kept apart from the job whose session is aborted below.
    // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): see above
    const Net::Error error = job->errorValue();
    // Closing the session below ends its other jobs (Cancelled): they must find the test over.
    m_state = State::Storing;
    // The session is not deleted from its own job's signal.
    if (m_protocolSession) {
        if (auto *imap = qobject_cast<Imap::Session *>(m_protocolSession))
            imap->abort();
        m_protocolSession->deleteLater();
        m_protocolSession = nullptr;
    }
    if (error.kind == Net::Error::Kind::Authentication && isOAuth() && !m_refreshedAfterRefusal) {
        // The server refused the token (expired early, revoked): one forced refresh, then
        // one more try.
        m_refreshedAfterRefusal = true;
        m_details = error.details();
        readToken(true);
        return;
    }
    if (error.isError()) {
        m_connectionError = error;
        const QString protocol = m_task.kind == RetrievalTask::Kind::Pop3 ? QStringLiteral("POP3")
                                                                          : QStringLiteral("IMAP");
        finish(Error::Connection,
               tr("Testing the %1 connection to %2 failed: %3")
                   .arg(protocol, m_task.server.trimmed(), error.userMessage()),
               error.details());
        return;
    }
    Q_EMIT progress(1, 2);
    if (m_operation == Operation::Test) {
        finish(Error::NoError, QString(), QStringLiteral("connection test passed"));
        return;
    }
    store();
}

void RetrievalTaskJob::store()
{
    m_state = State::Storing;
    QString dbError;
    if (m_operation == Operation::Add) {
        // An OAuth task keeps the uuid its sign-in was saved under.
        if (!isOAuth())
            m_task.uuid = QUuid();
        if (!m_service->store().insertRetrievalTask(m_task, &dbError)) {
            finish(Error::Storage, tr("The retrieval task could not be saved in the database."),
                   dbError);
            return;
        }
    } else {
        // The password first, so the row never names a password that failed to save (and a
        // switch from OAuth changes nothing when it fails).
        if (!isOAuth() && m_password && !m_password->isEmpty() && !m_passwordWritten) {
            writeSecret();
            return;
        }
        if (!m_service->store().updateRetrievalTask(m_task, &dbError)) {
            finish(Error::Storage, tr("The retrieval task could not be saved in the database."),
                   dbError);
            return;
        }
        if (m_dropSignIn)
            revokeTokens(); // switched from OAuth: the old sign-in goes
        else
            finish(Error::NoError, QString());
        return;
    }
    if (isOAuth()) {
        finish(Error::NoError, QString()); // the tokens are with the TokenService already
        return;
    }
    writeSecret();
}

void RetrievalTaskJob::writeSecret()
{
    m_state = State::WritingSecret;
    m_secretJob = m_service->secrets().write(
        SecretKind::Password, m_task.uuid.toString(QUuid::WithoutBraces), m_password->toUtf8());
    connect(m_secretJob, &SecretJob::finished, this, [this](SecretJob *job) {
        if (m_finished)
            return;
        if (job->error() != SecretJob::Error::NoError) {
            if (m_operation == Operation::Add)
                m_service->store().removeRetrievalTask(m_task.uuid);
            finish(
                Error::Keychain,
                tr("The password could not be stored in the keychain: %1").arg(job->errorString()),
                job->details());
            return;
        }
        if (m_operation == Operation::Update) {
            m_passwordWritten = true;
            store(); // now the row
            return;
        }
        finish(Error::NoError, QString());
    });
}

void RetrievalTaskJob::revokeTokens()
{
    m_state = State::RemovingSecret;
    m_tokenRequest = m_service->tokenService()->revoke(accountKey());
    connect(m_tokenRequest, &TokenRequest::finished, this, [this](TokenRequest *request) {
        m_tokenRequest.clear();
        if (m_finished)
            return;
        if (request->error() != Oauth::Error::Kind::None) {
            // The row has changed already: views must show it.
            if (m_service)
                Q_EMIT m_service->tasksChanged();
            finish(Error::Keychain,
                   m_operation == Operation::Update
                       ? tr("The task was saved, but its earlier sign-in could not be removed "
                            "from the keychain: %1")
                             .arg(request->errorString())
                       : tr("The task was deleted, but its sign-in could not be removed from the "
                            "keychain: %1")
                             .arg(request->errorString()),
                   request->details());
            return;
        }
        if (m_operation == Operation::Update)
            finish(Error::NoError, QString(), request->details());
        else
            removeSecret();
    });
}

void RetrievalTaskJob::removeSecret()
{
    m_state = State::RemovingSecret;
    m_secretJob = m_service->secrets().removeAll(m_task.uuid.toString(QUuid::WithoutBraces));
    connect(m_secretJob, &SecretJob::finished, this, [this](SecretJob *job) {
        if (m_finished)
            return;
        if (job->error() != SecretJob::Error::NoError) {
            finish(Error::Keychain,
                   tr("The task was deleted, but its password could not be removed from the "
                      "keychain: %1")
                       .arg(job->errorString()),
                   job->details());
            return;
        }
        finish(Error::NoError, QString());
    });
}

void RetrievalTaskJob::cancel()
{
    if (m_finished)
        return;
    if (m_secretJob)
        m_secretJob->cancel();
    if (m_tokenRequest) {
        m_tokenRequest->disconnect(this);
        m_tokenRequest->cancel();
    }
    finish(Error::Cancelled, tr("The operation was cancelled."));
}

void RetrievalTaskJob::finish(Error error, const QString &message, const QString &details)
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Done;
    m_error = error;
    m_errorString = message;
    m_details = details.isEmpty() ? message : details;
    if (m_protocolSession) {
        if (auto *imap = qobject_cast<Imap::Session *>(m_protocolSession))
            imap->abort();
        else if (auto *pop = qobject_cast<Pop3::Session *>(m_protocolSession))
            pop->abort();
        m_protocolSession->deleteLater();
        m_protocolSession = nullptr;
    }
    if (error == Error::NoError) {
        Q_EMIT progress(2, 2);
        if (m_operation != Operation::Test && m_service)
            Q_EMIT m_service->tasksChanged();
    }
    Q_EMIT finished(this);
    deleteLater();
}

RetrievalTaskService::RetrievalTaskService(Store &store, SecretStore &secrets, QObject *parent)
    : OAuthAccountService(store, secrets, parent)
{
}

bool RetrievalTaskService::isOAuthAccount(const QUuid &uuid) const
{
    const std::optional<RetrievalTask> task = store().retrievalTask(uuid);
    return task && task->authKind == RetrievalTask::AuthKind::OAuth;
}

QUuid RetrievalTaskService::newTaskUuid()
{
    return QUuid::createUuid();
}

RetrievalTaskJob *RetrievalTaskService::makeJob(RetrievalTaskJob::Operation operation,
                                                const RetrievalTask &task,
                                                const std::optional<QString> &password)
{
    return new RetrievalTaskJob(this, operation, task, password);
}

RetrievalTaskJob *RetrievalTaskService::test(const RetrievalTask &task, const QString &password)
{
    return makeJob(RetrievalTaskJob::Operation::Test, task, password);
}

RetrievalTaskJob *RetrievalTaskService::add(const RetrievalTask &task, const QString &password)
{
    return makeJob(RetrievalTaskJob::Operation::Add, task, password);
}

RetrievalTaskJob *RetrievalTaskService::update(const RetrievalTask &task,
                                               const std::optional<QString> &password)
{
    return makeJob(RetrievalTaskJob::Operation::Update, task, password);
}

RetrievalTaskJob *RetrievalTaskService::remove(const QUuid &uuid)
{
    RetrievalTask task;
    task.uuid = uuid;
    return makeJob(RetrievalTaskJob::Operation::Remove, task, std::nullopt);
}

} // namespace Tributary
