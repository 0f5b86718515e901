#include "retrievalrunstarter.h"

#include "ewsretrievalrun.h"
#include "imapretrievalrun.h"
#include "retrievalrun.h"
#include "retrievalrunhandle.h"

#include "app/services/oauth/tokenservice.h"
#include "app/services/secretstore.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

#include <functional>
#include <utility>

namespace Tributary {

namespace {

// A run working on its own QThread, seen from the caller's thread.
class ThreadedRunHandle : public RetrievalRunHandle
{
public:
    using Factory = std::function<RetrievalRunBase *()>;

    ThreadedRunHandle(Store &store, SecretStore &secrets, TokenService *tokens,
                      const RetrievalTask &task, Factory factory, QObject *parent)
        : RetrievalRunHandle(parent)
        , m_store(store)
        , m_secrets(secrets)
        , m_tokens(tokens)
        , m_task(task)
        , m_factory(std::move(factory))
    {
        connect(this, &RetrievalRunHandle::cancelRequested, this, [this] { m_cancel = true; });
    }

    ~ThreadedRunHandle() override
    {
        if (m_secretJob) {
            disconnect(m_secretJob, nullptr, this, nullptr);
            m_secretJob->cancel();
        }
        if (m_tokenRequest) {
            disconnect(m_tokenRequest, nullptr, this, nullptr);
            m_tokenRequest->cancel();
        }
        if (m_thread) {
            // Shutdown while running: the run ends with a cancellation on its own thread
            // (committed batches stay, the open one is dropped) and the thread ends.
            Q_EMIT cancelRequested();
            m_thread->wait();
            delete m_thread;
        }
        delete m_run;
    }

    // Reads the secret on this thread, then runs a new run on a worker thread.
    void begin()
    {
        m_run = m_factory();
        if (m_task.authKind == RetrievalTask::AuthKind::OAuth && m_tokens)
            requestToken();
        else
            readPassword();
    }

private:
    QString account() const { return m_task.uuid.toString(QUuid::WithoutBraces); }

    void readPassword()
    {
        const SecretKind kind = m_task.authKind == RetrievalTask::AuthKind::OAuth
            ? SecretKind::OAuthAccessToken
            : SecretKind::Password;
        m_secretJob = m_secrets.read(kind, account());
        connect(m_secretJob, &SecretJob::finished, this, [this](SecretJob *job) {
            m_secretJob = nullptr;
            if (job->error() == SecretJob::Error::NoError)
                m_run->setPassword(QString::fromUtf8(job->secret()));
            else if (job->error() == SecretJob::Error::NotFound)
                m_run->setPasswordError(
                    QCoreApplication::translate("Tributary::RetrievalRun",
                                                "No password is stored for this task. Enter it "
                                                "in the task's settings."),
                    job->details());
            else
                m_run->setPasswordError(job->errorString(), job->details());
            launch();
        });
    }

    void requestToken()
    {
        // After the server refused a token: one forced refresh, then one more try.
        m_tokenRequest = m_tokens->accessToken(account(), m_retrying);
        connect(m_tokenRequest, &TokenRequest::finished, this, [this](TokenRequest *request) {
            m_tokenRequest = nullptr;
            switch (request->error()) {
            case Oauth::Error::Kind::None:
                m_run->setPassword(request->accessToken());
                m_run->setQuietAuthenticationFailure(!m_retrying);
                break;
            case Oauth::Error::Kind::SignInRequired:
            case Oauth::Error::Kind::InvalidGrant:
            case Oauth::Error::Kind::InvalidClient:
            case Oauth::Error::Kind::ConsentDenied:
            case Oauth::Error::Kind::AdminConsentRequired:
                m_run->setPasswordError(RetrievalRunBase::signInAgainMessage(), request->details(),
                                        RetrievalRunBase::Error::SignInRequired);
                break;
            default:
                // Provider unreachable and the like: this run fails, the next one tries again.
                m_run->setPasswordError(request->errorString(), request->details());
                break;
            }
            launch();
        });
    }

    void launch()
    {
        if (m_cancel) {
            // Cancelled while the secret was read: the run still reports (a cancellation).
            m_run->setPasswordError(QCoreApplication::translate("Tributary::RetrievalRunBase",
                                                                "The retrieval was cancelled."),
                                    QStringLiteral("cancelled"),
                                    RetrievalRunBase::Error::Cancelled);
        }
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("retrieval"));
        m_thread = thread;
        RetrievalRunBase *run = m_run;
        run->moveToThread(thread);
        Store *store = &m_store;
        connect(run, &RetrievalRunBase::progress, this, &RetrievalRunHandle::progress);
        connect(this, &RetrievalRunHandle::cancelRequested, run, &RetrievalRunBase::cancel);
        // The worker may be busy for a while before it sees the cancel() above: batches
        // waiting for the writer are dropped now, not stored first.
        connect(
            this, &RetrievalRunHandle::cancelRequested, this,
            [run] { run->discardPendingBatches(); }, Qt::DirectConnection);
        // On the worker, once: report (unless the token is retried), give back the store
        // connection, end the thread.
        connect(
            run, &RetrievalRunBase::ended, run,
            [this, store, thread](RetrievalRunBase *done) {
                if (done->outcomeRecorded()) {
                    const bool ok = done->error() == RetrievalRunBase::Error::None;
                    const int count = done->retrievedCount();
                    Q_EMIT finished(
                        ok, count,
                        ok ? QCoreApplication::translate("Tributary::RetrievalScheduler",
                                                         "%n new message(s)", nullptr, count)
                           : done->errorString());
                }
                store->releaseThreadConnection();
                thread->quit();
            },
            Qt::DirectConnection);
        connect(thread, &QThread::started, run, &RetrievalRunBase::start, Qt::DirectConnection);
        connect(thread, &QThread::finished, this, [this] {
            m_thread->wait();
            delete m_thread;
            m_thread = nullptr;
            const bool retry = !m_run->outcomeRecorded();
            delete m_run;
            m_run = nullptr;
            if (retry && !m_retrying) {
                // The server refused the access token: refresh once and run again.
                m_retrying = true;
                begin();
                return;
            }
            deleteLater();
        });
        thread->start();
        if (m_cancel)
            Q_EMIT cancelRequested();
    }

    Store &m_store;
    SecretStore &m_secrets;
    TokenService *m_tokens;
    RetrievalTask m_task;
    Factory m_factory;
    RetrievalRunBase *m_run = nullptr;
    QThread *m_thread = nullptr;
    QPointer<SecretJob> m_secretJob;
    QPointer<TokenRequest> m_tokenRequest;
    bool m_cancel = false;
    bool m_retrying = false;
};

template<typename Run>
RetrievalRunHandle *startThreaded(Store &store, SecretStore &secrets, ActivityLogger *logger,
                                  const RetrievalTask &task, QObject *parent,
                                  const QList<QSslCertificate> &extraCa, TokenService *tokens)
{
    auto factory = [&store, &secrets, logger, task, extraCa]() -> RetrievalRunBase * {
        auto *run = new Run(store, secrets, logger);
        run->setTask(task);
        run->setExtraCaCertificates(extraCa);
        return run;
    };
    auto *handle = new ThreadedRunHandle(store, secrets, tokens, task, factory, parent);
    handle->begin();
    return handle;
}

} // namespace

RetrievalRunHandle *startRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                                      const RetrievalTask &task, QObject *parent,
                                      const QList<QSslCertificate> &extraCaCertificates,
                                      TokenService *tokens)
{
    switch (task.kind) {
    case RetrievalTask::Kind::Pop3:
        return startThreaded<RetrievalRun>(store, secrets, logger, task, parent,
                                           extraCaCertificates, tokens);
    case RetrievalTask::Kind::Imap:
        return startThreaded<ImapRetrievalRun>(store, secrets, logger, task, parent,
                                               extraCaCertificates, tokens);
    case RetrievalTask::Kind::Exchange:
        return startThreaded<EwsRetrievalRun>(store, secrets, logger, task, parent,
                                              extraCaCertificates, tokens);
    }
    return nullptr;
}

} // namespace Tributary
