#pragma once

#include "models/retrievaltask.h"

#include <QList>
#include <QSslCertificate>

class QObject;

namespace Tributary {

class ActivityLogger;
class SecretStore;
class Store;

// Starts one run of `task` with the run class of its kind (RetrievalRun for POP3,
// ImapRetrievalRun for IMAP) and returns it; the run deletes itself (deleteLater) after its
// finished(), so the returned object lives exactly as long as the run, as
// RetrievalScheduler::RunStarter asks. nullptr for a kind without a run class (Exchange).
// The run is a child of `parent` (may be null). The stores and logger must outlive it.
QObject *startRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                           const RetrievalTask &task, QObject *parent = nullptr,
                           const QList<QSslCertificate> &extraCaCertificates
                           = QList<QSslCertificate>());

} // namespace Tributary
