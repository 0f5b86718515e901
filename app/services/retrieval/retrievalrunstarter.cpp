#include "retrievalrunstarter.h"

#include "imapretrievalrun.h"
#include "retrievalrun.h"

namespace Tributary {

QObject *startRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                           const RetrievalTask &task, QObject *parent,
                           const QList<QSslCertificate> &extraCaCertificates)
{
    switch (task.kind) {
    case RetrievalTask::Kind::Pop3: {
        auto *run = new RetrievalRun(store, secrets, logger, parent);
        run->setTask(task);
        run->setExtraCaCertificates(extraCaCertificates);
        QObject::connect(run, &RetrievalRun::finished, run, &QObject::deleteLater);
        run->start();
        return run;
    }
    case RetrievalTask::Kind::Imap: {
        auto *run = new ImapRetrievalRun(store, secrets, logger, parent);
        run->setTask(task);
        run->setExtraCaCertificates(extraCaCertificates);
        QObject::connect(run, &ImapRetrievalRun::finished, run, &QObject::deleteLater);
        run->start();
        return run;
    }
    case RetrievalTask::Kind::Exchange:
        return nullptr;
    }
    return nullptr;
}

} // namespace Tributary
