#include "retrievalrunstarter.h"

#include "ewsretrievalrun.h"
#include "imapretrievalrun.h"
#include "retrievalrun.h"
#include "retrievalrunhandle.h"

#include "app/services/secretstore.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

namespace Tributary {

namespace {

// A run working on its own QThread, seen from the caller's thread.
class ThreadedRunHandle : public RetrievalRunHandle
{
public:
    ThreadedRunHandle(Store &store, QObject *parent)
        : RetrievalRunHandle(parent)
        , m_store(store)
    {
    }

    ~ThreadedRunHandle() override
    {
        if (m_secretJob) {
            disconnect(m_secretJob, nullptr, this, nullptr);
            m_secretJob->cancel();
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

    template<typename Run> void begin(Run *run, SecretStore &secrets, const QUuid &task)
    {
        m_run = run;
        m_secretJob = secrets.read(SecretKind::Password, task.toString(QUuid::WithoutBraces));
        connect(m_secretJob, &SecretJob::finished, this, [this, run](SecretJob *job) {
            m_secretJob = nullptr;
            if (job->error() == SecretJob::Error::NoError)
                run->setPassword(QString::fromUtf8(job->secret()));
            else if (job->error() == SecretJob::Error::NotFound)
                run->setPasswordError(
                    QCoreApplication::translate("Tributary::RetrievalRun",
                                                "No password is stored for this task. Enter it "
                                                "in the task's settings."),
                    job->details());
            else
                run->setPasswordError(job->errorString(), job->details());
            launch(run);
        });
        connect(this, &RetrievalRunHandle::cancelRequested, this, [this] { m_cancel = true; });
    }

private:
    template<typename Run> void launch(Run *run)
    {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("retrieval"));
        m_thread = thread;
        run->moveToThread(thread);
        Store *store = &m_store;
        connect(run, &Run::progress, this, &RetrievalRunHandle::progress);
        connect(this, &RetrievalRunHandle::cancelRequested, run, &Run::cancel);
        // On the worker, once: report, give back the store connection, end the thread.
        connect(
            run, &Run::finished, run,
            [this, store, thread](Run *done) {
                const bool ok = done->error() == Run::Error::None;
                const int count = done->retrievedCount();
                Q_EMIT finished(ok, count,
                                ok ? QCoreApplication::translate("Tributary::RetrievalScheduler",
                                                                 "%n new message(s)", nullptr,
                                                                 count)
                                   : done->errorString());
                store->releaseThreadConnection();
                thread->quit();
            },
            Qt::DirectConnection);
        connect(thread, &QThread::started, run, &Run::start, Qt::DirectConnection);
        connect(thread, &QThread::finished, this, [this] {
            m_thread->wait();
            delete m_thread;
            m_thread = nullptr;
            delete m_run;
            m_run = nullptr;
            deleteLater();
        });
        thread->start();
        if (m_cancel)
            Q_EMIT cancelRequested();
    }

    Store &m_store;
    QObject *m_run = nullptr;
    QThread *m_thread = nullptr;
    QPointer<SecretJob> m_secretJob;
    bool m_cancel = false;
};

} // namespace

RetrievalRunHandle *startRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                                      const RetrievalTask &task, QObject *parent,
                                      const QList<QSslCertificate> &extraCaCertificates)
{
    switch (task.kind) {
    case RetrievalTask::Kind::Pop3: {
        auto *handle = new ThreadedRunHandle(store, parent);
        auto *run = new RetrievalRun(store, secrets, logger);
        run->setTask(task);
        run->setExtraCaCertificates(extraCaCertificates);
        handle->begin(run, secrets, task.uuid);
        return handle;
    }
    case RetrievalTask::Kind::Imap: {
        auto *handle = new ThreadedRunHandle(store, parent);
        auto *run = new ImapRetrievalRun(store, secrets, logger);
        run->setTask(task);
        run->setExtraCaCertificates(extraCaCertificates);
        handle->begin(run, secrets, task.uuid);
        return handle;
    }
    case RetrievalTask::Kind::Exchange: {
        auto *handle = new ThreadedRunHandle(store, parent);
        auto *run = new EwsRetrievalRun(store, secrets, logger);
        run->setTask(task);
        run->setExtraCaCertificates(extraCaCertificates);
        handle->begin(run, secrets, task.uuid);
        return handle;
    }
    }
    return nullptr;
}

} // namespace Tributary
