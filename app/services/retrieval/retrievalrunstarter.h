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
class TokenService;

// Starts one run of `task` with the run class of its kind (RetrievalRun for POP3,
// ImapRetrievalRun for IMAP, EwsRetrievalRun for Exchange) and returns its handle; nullptr
// for a kind without a run class.
//
// Threads: the task's secret is read on the calling (main) thread; then the run, its
// sockets, its MessageBatch and its store connection work on a thread of their own, so no
// disk work (fsync, SQLite commits, file writes) happens on the caller's thread. The handle
// stays on the caller's thread: progress() and finished() arrive there from the event loop;
// after finished() the worker releases its store connection and ends, and then the handle
// deletes itself (deleteLater), so it lives exactly as long as the run, as
// RetrievalScheduler::RunStarter asks.
//
// The secret: for a password task the keychain's SecretKind::Password (key = the task's
// uuid without braces). For an OAuth task (task.authKind OAuth) with `tokens` given, the
// access token from TokenService::accessToken(account) where the account is the task's uuid
// without braces; the run signs in with it (XOAUTH2 for IMAP and POP3, Bearer for EWS).
// When the server refuses that token, the refused attempt is neither recorded nor reported:
// the token is refreshed once (accessToken(account, true)) and the run starts once more,
// and that run's outcome is the one recorded and reported. When the token service says the
// user must sign in again (revoked, expired refresh token), the run ends with
// RetrievalRunBase::Error::SignInRequired and "sign in again" words, recorded in the task's
// history, without connecting to the mail server. Without `tokens`, an OAuth task's access
// token is read from the keychain (SecretKind::OAuthAccessToken) as it is.
//
// handle->cancel() ends the run with a cancellation; deleting the handle before the run
// ended (e.g. application shutdown) cancels the run and waits for its thread: batches that
// were committed stay, the open one is dropped whole (its messages stay on the server),
// nothing is half-stored and nothing is deleted at the source.
//
// The handle is a child of `parent` (may be null). The stores, logger and token service
// must outlive it.
RetrievalRunHandle *startRetrievalRun(Store &store, SecretStore &secrets, ActivityLogger *logger,
                                      const RetrievalTask &task, QObject *parent = nullptr,
                                      const QList<QSslCertificate> &extraCaCertificates
                                      = QList<QSslCertificate>(),
                                      TokenService *tokens = nullptr);

} // namespace Tributary
