#include "appcontext.h"

#include "activitylogger.h"
#include "oauth/systembrowseragent.h"
#include "oauth/tokenservice.h"
#include "outbox/outboxservice.h"
#include "profile.h"
#include "retrieval/retrievalrunstarter.h"
#include "retrieval/retrievalscheduler.h"
#include "retrievaltasks/retrievaltaskservice.h"
#include "secretstore.h"
#include "settingsnames.h"
#include "smtpaccounts/smtpaccountservice.h"

#include "models/activitylogmodel.h"
#include "models/cloudconnectionlistmodel.h"
#include "models/devicelistmodel.h"
#include "models/foldertreemodel.h"
#include "models/loginrecordlistmodel.h"
#include "models/messagelistmodel.h"
#include "models/migrationjoblistmodel.h"
#include "models/retrievaltasklistmodel.h"
#include "models/smtpaccountlistmodel.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QSettings>

namespace Tributary {

struct AppContext::Private
{
    Profile profile;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<Store> store;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<ActivityLogger> log;

    FolderTreeModel *folderModel = nullptr;
    MessageListModel *messageModel = nullptr;
    RetrievalTaskListModel *retrievalTasks = nullptr;
    SmtpAccountListModel *smtpAccounts = nullptr;
    CloudConnectionListModel *cloudConnections = nullptr;
    DeviceListModel *devices = nullptr;
    LoginRecordListModel *loginRecords = nullptr;
    MigrationJobListModel *migrationJobs = nullptr;
    ActivityLogModel *activityModel = nullptr;
    SmtpAccountService *smtpAccountService = nullptr;
    RetrievalTaskService *retrievalTaskService = nullptr;
    SystemClock clock;
    RetrievalScheduler *retrievalScheduler = nullptr;
    OutboxService *outbox = nullptr;
    QNetworkAccessManager *nam = nullptr;
    TokenService *tokenService = nullptr;
    AppContext::BrowserOpener browserOpener;
};

AppContext::AppContext(const Profile &profile)
    : d(std::make_unique<Private>())
{
    d->profile = profile;
}

AppContext::~AppContext()
{
    setCaptureWarnings(false);
    // Models refer to the store: delete them before it.
    delete d->folderModel;
    delete d->messageModel;
    delete d->retrievalTasks;
    delete d->smtpAccounts;
    delete d->cloudConnections;
    delete d->devices;
    delete d->loginRecords;
    delete d->migrationJobs;
    delete d->activityModel;
    delete d->smtpAccountService;
    delete d->retrievalTaskService;
    delete d->retrievalScheduler; // and the runs still going, before the store
    delete d->outbox; // its attempts still going; their rows stay queued
    delete d->tokenService; // after its users, before the secrets
    delete d->nam;
    d->log.reset();
    d->secrets.reset();
    d->store.reset();
    if (d->settings)
        d->settings->sync();
}

std::unique_ptr<AppContext> AppContext::open(const Profile &profile, QString *error)
{
    QString message;
    if (!profile.ensureCreated(&message)) {
        if (error)
            *error = message;
        return nullptr;
    }

    std::unique_ptr<AppContext> context(new AppContext(profile));
    Private &d = *context->d;

    d.settings = profile.openSettings();
    if (d.settings->status() != QSettings::NoError) {
        if (error)
            *error = QCoreApplication::translate("Tributary::AppContext",
                                                 "The settings file %1 could not be read.")
                         .arg(profile.settingsFile());
        return nullptr;
    }

    d.store = std::make_unique<Store>(profile.storeDir());
    if (!d.store->open(&message)) {
        if (error)
            *error = message.isEmpty() ? QCoreApplication::translate(
                         "Tributary::AppContext", "The mailbox could not be opened.")
                                       : message;
        return nullptr;
    }

    d.secrets = std::make_unique<SecretStore>(*d.settings);
    const int timeout
        = d.settings->value(SettingsNames::secretTimeoutMs, SecretStore::defaultTimeout()).toInt();
    d.secrets->setJobTimeout(timeout);
    d.log = std::make_unique<ActivityLogger>(d.store.get());
    return context;
}

const Profile &AppContext::profile() const
{
    return d->profile;
}

QSettings &AppContext::settings()
{
    return *d->settings;
}

Store &AppContext::store()
{
    return *d->store;
}

SecretStore &AppContext::secrets()
{
    return *d->secrets;
}

ActivityLogger &AppContext::log()
{
    return *d->log;
}

template<typename Model> static Model *lazyModel(Model *&slot, Store &store, QObject *parent)
{
    if (!slot)
        slot = new Model(store, parent);
    return slot;
}

FolderTreeModel *AppContext::folderModel()
{
    return lazyModel(d->folderModel, *d->store, this);
}

MessageListModel *AppContext::messageModel()
{
    return lazyModel(d->messageModel, *d->store, this);
}

RetrievalTaskListModel *AppContext::retrievalTasks()
{
    return lazyModel(d->retrievalTasks, *d->store, this);
}

SmtpAccountListModel *AppContext::smtpAccounts()
{
    return lazyModel(d->smtpAccounts, *d->store, this);
}

SmtpAccountService &AppContext::smtpAccountService()
{
    if (!d->smtpAccountService) {
        d->smtpAccountService = new SmtpAccountService(*d->store, *d->secrets, this);
        d->smtpAccountService->setTokenService(&tokenService());
    }
    return *d->smtpAccountService;
}

RetrievalTaskService &AppContext::retrievalTaskService()
{
    if (!d->retrievalTaskService) {
        d->retrievalTaskService = new RetrievalTaskService(*d->store, *d->secrets, this);
        d->retrievalTaskService->setTokenService(&tokenService());
    }
    return *d->retrievalTaskService;
}

RetrievalScheduler &AppContext::retrievalScheduler()
{
    if (!d->retrievalScheduler) {
        d->retrievalScheduler = new RetrievalScheduler(*d->store, d->clock, nullptr, this);
        RetrievalScheduler *scheduler = d->retrievalScheduler;
        Store *store = d->store.get();
        SecretStore *secrets = d->secrets.get();
        ActivityLogger *log = d->log.get();
        // OAuth tasks sign in with the token service's access tokens; a task that must be
        // signed in again is not retried by the schedule until it was.
        TokenService *tokens = &tokenService();
        d->retrievalScheduler->setTokenService(tokens);
        d->retrievalScheduler->setRunStarter(
            [scheduler, store, secrets, log, tokens](const RetrievalTask &task) {
                return startRetrievalRun(*store, *secrets, log, task, scheduler, {}, tokens);
            });
    }
    return *d->retrievalScheduler;
}

OutboxService &AppContext::outbox()
{
    if (!d->outbox) {
        d->outbox = new OutboxService(*d->store, *d->secrets, d->clock, d->log.get(), this);
        d->outbox->setTokenService(&tokenService()); // OAuth SMTP accounts
    }
    return *d->outbox;
}

QNetworkAccessManager &AppContext::networkAccessManager()
{
    if (!d->nam)
        d->nam = new QNetworkAccessManager(this);
    return *d->nam;
}

TokenService &AppContext::tokenService()
{
    if (!d->tokenService) {
        d->tokenService = new TokenService(*d->secrets, *d->settings, this);
        d->tokenService->setNetworkAccessManager(&networkAccessManager());
    }
    return *d->tokenService;
}

void AppContext::setBrowserOpener(BrowserOpener opener)
{
    d->browserOpener = std::move(opener);
}

AppContext::BrowserOpener AppContext::browserOpener() const
{
    return d->browserOpener;
}

Oauth::SystemBrowserAgent *AppContext::makeSystemBrowserAgent(QObject *parent)
{
    auto *agent = new Oauth::SystemBrowserAgent(parent);
    if (d->browserOpener)
        agent->setOpener(d->browserOpener);
    return agent;
}

CloudConnectionListModel *AppContext::cloudConnections()
{
    return lazyModel(d->cloudConnections, *d->store, this);
}

DeviceListModel *AppContext::devices()
{
    return lazyModel(d->devices, *d->store, this);
}

LoginRecordListModel *AppContext::loginRecords()
{
    return lazyModel(d->loginRecords, *d->store, this);
}

MigrationJobListModel *AppContext::migrationJobs()
{
    return lazyModel(d->migrationJobs, *d->store, this);
}

ActivityLogModel *AppContext::activityModel()
{
    return lazyModel(d->activityModel, *d->store, this);
}

void AppContext::setCaptureWarnings(bool on)
{
    if (!d->log)
        return;
    if (on)
        ActivityLogger::installMessageHandler(d->log.get());
    else if (ActivityLogger::messageHandlerTarget() == d->log.get())
        ActivityLogger::removeMessageHandler();
}

} // namespace Tributary
