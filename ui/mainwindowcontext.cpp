// The main window over a real AppContext: models, settings, the Activity filter and the
// activity-driven parts of the overview and notifications. Kept apart from mainwindow.cpp so
// widget tests over plain item models do not link the application services.
#include "mainwindow.h"

#include "activitypage.h"
#include "composerdialog.h"
#include "contentfilteringdialog.h"
#include "mailpage.h"
#include "outboxdialog.h"
#include "overviewpage.h"
#include "retrievaltaskactions.h"
#include "smtpaccountdialog.h"

#include "app/services/activitylogger.h"
#include "app/services/appcontext.h"
#include "app/services/mail/mailservice.h"
#include "app/services/oauth/systembrowseragent.h"
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

#include <QPointer>
#include <QThreadPool>
#include <QTreeView>

namespace Tributary::Ui {

namespace {

WindowSources sourcesOf(AppContext &context)
{
    WindowSources s;
    s.settings = &context.settings();
    s.folders = context.folderModel();
    s.messages = context.messageModel();
    s.cloudConnections = context.cloudConnections();
    s.retrievalTasks = context.retrievalTasks();
    s.smtpAccounts = context.smtpAccounts();
    s.devices = context.devices();
    s.loginRecords = context.loginRecords();
    s.migrationJobs = context.migrationJobs();
    s.activity = context.activityModel();
    return s;
}

} // namespace

MainWindow::MainWindow(AppContext &context, QWidget *parent)
    : MainWindow(sourcesOf(context), parent)
{
    ActivityLogModel *activity = context.activityModel();
    connect(m_activity, &ActivityPage::areaFilterChanged, activity,
            [activity](const QString &area) { activity->setAreaFilter(area); });
    connect(m_activity, &ActivityPage::searchTextChanged, activity,
            [activity](const QString &text) { activity->setSearchText(text); });

    MessageListModel *messages = context.messageModel();
    connect(m_mail, &MailPage::folderSelected, messages, [messages](const QModelIndex &index) {
        messages->setFolder(index.data(FolderTreeModel::FolderIdRole).toLongLong());
    });
    // Reading, flags, moves and attachments of the Mail page.
    m_mail->setMailService(new MailService(context.store(), this));
    QTreeView *folders = m_mail->folderView();
    if (folders->model() && folders->model()->rowCount() > 0)
        folders->setCurrentIndex(folders->model()->index(0, 0));

    // "Content Filtering…" on the Email Retrieval page.
    installContentFilteringAction(*this, context.store());
    // OAuth tasks sign in with the context's token service; the system browser opens
    // through the context's opener.
    OAuthTaskSupport oauth;
    oauth.tokens = &context.tokenService();
    oauth.settings = &context.settings();
    oauth.agentFactory
        = [&context](Oauth::AgentKind kind, QWidget *window) -> Oauth::AuthorizationAgent * {
        if (kind == Oauth::AgentKind::SystemBrowser)
            return context.makeSystemBrowserAgent(nullptr);
        return defaultAgent(kind, window);
    };
    installRetrievalTaskActions(*this, context.retrievalTaskService(), context.retrievalScheduler(),
                                context.retrievalTasks(), context.folderModel(), oauth);
    // SMTP accounts sign in the same way (Microsoft 365, Outlook.com, Gmail).
    installSmtpAccountActions(*this, context.smtpAccountService(), oauth);
    // New Message (window action), Outbox outcomes as toasts; resumes the queue. The Mail
    // page's New Message / Reply / Reply All / Forward open the composer too.
    installComposerActions(*this, context);
    // The Outbox from the Mail page and the SMTP Accounts page.
    installOutboxActions(*this, context);
    connect(m_mail, &MailPage::composeRequested, this,
            [this, &context](ComposeMode mode, qint64 messageId) {
                openComposer(*this, context, mode, messageId);
            });

    // New entries: the overview card of their area shows them, errors become notifications.
    connect(&context.log(), &ActivityLogger::entryLogged, this, [this](const ActivityEntry &entry) {
        for (PageInfo::Id area : PageInfo::connectivityAreas()) {
            if (PageInfo::activityArea(area) == entry.area) {
                m_overview->card(area)->setLastActivity(
                    entry.time.isValid() ? entry.time : QDateTime::currentDateTime(),
                    entry.message);
            }
        }
        if (entry.level == ActivityLogger::levelName(ActivityLogger::Level::Error))
            notify(entry.source.isEmpty() ? tr("Something went wrong") : entry.source,
                   entry.message, Severity::Error);
    });

    // The last entry of each area, read off the GUI thread. The pool is the window's own, so
    // its destructor waits for the query before the store (owned by the longer-lived
    // context) could go away.
    auto *pool = new QThreadPool(this);
    pool->setMaxThreadCount(1);
    Store *store = &context.store();
    QPointer<MainWindow> self(this);
    pool->start([store, self] {
        QHash<PageInfo::Id, ActivityEntry> latest;
        for (PageInfo::Id area : PageInfo::connectivityAreas()) {
            ActivityQuery query;
            query.area = PageInfo::activityArea(area);
            query.limit = 1;
            const QList<ActivityEntry> entries = store->activity(query);
            if (!entries.isEmpty())
                latest.insert(area, entries.first());
        }
        store->releaseThreadConnection();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, latest] {
                if (!self)
                    return;
                for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
                    OverviewCard *card = self->overviewPage()->card(it.key());
                    // A newer entry may have arrived meanwhile; keep it.
                    if (card
                        && (!card->lastActivityTime().isValid()
                            || card->lastActivityTime() < it.value().time))
                        card->setLastActivity(it.value().time, it.value().message);
                }
            },
            Qt::QueuedConnection);
    });
}

} // namespace Tributary::Ui
