#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QSettings;
class QUrl;

namespace Tributary {

class Profile;
class Store;
class SecretStore;
class ActivityLogger;
class FolderTreeModel;
class MessageListModel;
class RetrievalTaskListModel;
class SmtpAccountListModel;
class CloudConnectionListModel;
class DeviceListModel;
class LoginRecordListModel;
class MigrationJobListModel;
class ActivityLogModel;
class SmtpAccountService;
class RetrievalScheduler;
class OutboxService;
class RetrievalTaskService;
class TokenService;
namespace Oauth {
class SystemBrowserAgent;
}

// The composition root: everything one running instance of Tributary (GUI or CLI) shares,
// built from one Profile.
//
// open() creates the profile folder if needed, opens its settings file and its store, and
// creates the secret store and the activity logger. It does not touch the network and
// does not start any background work. On failure it returns nullptr and sets *error to a
// sentence a user can read.
//
// Ownership: the context owns every object it hands out; the references and pointers stay
// valid for the context's lifetime. Item models are created on first use (so the CLI does
// not pay for the models it never shows) and are parented to the context.
//
// Threading: create and use on the main thread only.
class AppContext : public QObject
{
    Q_OBJECT

public:
    // Opens the profile; see the class comment. `error` may be null.
    static std::unique_ptr<AppContext> open(const Profile &profile, QString *error);
    ~AppContext() override;

    const Profile &profile() const;
    QSettings &settings();
    Store &store();
    SecretStore &secrets();
    ActivityLogger &log();

    FolderTreeModel *folderModel();
    MessageListModel *messageModel();
    RetrievalTaskListModel *retrievalTasks();
    SmtpAccountListModel *smtpAccounts();
    // Adds, tests, changes and removes SMTP accounts (created on first use).
    SmtpAccountService &smtpAccountService();
    // Adds, tests, changes and removes Email Retrieval tasks (created on first use).
    RetrievalTaskService &retrievalTaskService();
    // Runs the automatic retrieval tasks every 10 minutes (created on first use, not started:
    // the GUI calls start()); its runs are its children and end with it.
    RetrievalScheduler &retrievalScheduler();
    // Sends composed messages through the SMTP accounts, retrying after temporary failures
    // (created on first use, not started: the GUI calls start() to resume the queue).
    OutboxService &outbox();
    // The OAuth tokens of every account (retrieval tasks, SMTP accounts), by account uuid
    // (created on first use): keychain-only tokens, refresh, revocation, sign-in-required
    // state. Uses the context's secrets, settings and networkAccessManager(). The retrieval
    // task and SMTP account services get it when they are created.
    TokenService &tokenService();
    // The one QNetworkAccessManager of the context (created on first use), for OAuth.
    QNetworkAccessManager &networkAccessManager();

    // Opens a URL in the user's default browser for the system-browser sign-in agent. The
    // services have no GUI module: the GUI sets QDesktopServices::openUrl here, the CLI one
    // that prints the URL. Unset: the agent fails with "no browser" words.
    using BrowserOpener = std::function<bool(const QUrl &)>;
    void setBrowserOpener(BrowserOpener opener);
    BrowserOpener browserOpener() const;
    // A new system-browser agent (parented to `parent`) that opens through browserOpener().
    Oauth::SystemBrowserAgent *makeSystemBrowserAgent(QObject *parent);

    CloudConnectionListModel *cloudConnections();
    DeviceListModel *devices();
    LoginRecordListModel *loginRecords();
    MigrationJobListModel *migrationJobs();
    ActivityLogModel *activityModel();

    // Routes qWarning()/qCritical() of the application's own logging categories
    // ("tributary.*") into the activity log, redacted, in addition to the usual output.
    // The GUI turns this on; the CLI leaves it off. Only one context at a time can
    // capture; the handler is removed again when this context is destroyed.
    void setCaptureWarnings(bool on);

private:
    explicit AppContext(const Profile &profile);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tributary
