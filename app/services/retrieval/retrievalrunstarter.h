#pragma once

#include "models/retrievaltask.h"
#include "retrievalrunhandle.h"

#include <QList>
#include <QSslCertificate>

class QObject;

namespace Tributary {

class ActivityLogger;
class SecretStore;
class Store;

// Starts one run of `task` with the run class of its kind (RetrievalRun for POP3,
// ImapRetrievalRun for IMAP) and returns its handle; nullptr for a kind without a run class
// (Exchange).
//
// Threads: the task's password is read from the keychain on the calling (main) thread;
// then the run, its sockets, its MessageBatch and its store connection work on a thread of
// their own, so no disk work (fsync, SQLite commits, file writes) happens on the caller's
// thread. The handle stays on the caller's thread: progress() and finished() arrive there
// from the event loop; after finished() the worker releases its store connection and ends,
// and then the handle deletes itself (deleteLater), so it lives exactly as long as the run,
// as RetrievalScheduler::RunStarter asks.
//
// handle->cancel() ends the run with a cancellation; deleting the handle before the run
// ended (e.g. application shutdown) cancels the run and waits for its thread: batches that
// were committed stay, the open one is dropped whole (its messages stay on the server),
// nothing is half-stored and nothing is deleted at the source.
//
// The handle is a child of `parent` (may be null). The stores and logger must outlive it.
RetrievalRunHandle *startRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                                      const RetrievalTask &task, QObject *parent = nullptr,
                                      const QList<QSslCertificate> &extraCaCertificates
                                      = QList<QSslCertificate>());

} // namespace Tributary
