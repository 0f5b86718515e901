#pragma once

#include "pageinfo.h"
#include "toast.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAbstractItemModel;
class QAction;
class QActionGroup;
class QSettings;
class QStackedWidget;
class QSystemTrayIcon;

namespace Tributary {
class AppContext;
}

namespace Tributary::Ui {

class ActivityPage;
class ConnectivityPage;
class MailPage;
class NavigationList;
class Notifier;
class OverviewPage;

// What the main window shows. Nothing here is owned by the window; everything must outlive it.
// Any pointer may be null (the page then shows its empty state).
struct WindowSources
{
    // Where window geometry, state and the last page are remembered (the profile's settings).
    QSettings *settings = nullptr;
    QAbstractItemModel *folders = nullptr;
    QAbstractItemModel *messages = nullptr;
    QAbstractItemModel *cloudConnections = nullptr;
    QAbstractItemModel *retrievalTasks = nullptr;
    QAbstractItemModel *smtpAccounts = nullptr;
    QAbstractItemModel *devices = nullptr;
    QAbstractItemModel *loginRecords = nullptr;
    QAbstractItemModel *migrationJobs = nullptr;
    QAbstractItemModel *activity = nullptr;
};

// The application window: grouped navigation on the left (Mail, Connectivity overview; the six
// Connectivity areas; Activity), the pages in a stack on the right, a File/View/Help menu bar,
// the tray icon when the desktop has a tray, and in-window toasts through notifier().
//
// Keyboard: the navigation has focus on start; Ctrl+1 ... Ctrl+9 select the pages in
// navigation order (also in the View menu). Geometry, window state and the last page are saved
// to the settings when the window closes or is destroyed (the page also whenever it changes)
// and restored by the constructor.
//
// Primary actions of the pages and of the overview cards (New Retrieval Task, ...) run the
// handler registered for their area with setPrimaryActionHandler(), and are forwarded as
// primaryActionTriggered(area). An action with no handler while nothing is connected to that
// signal shows a toast naming the action, so a click is never silently lost.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const WindowSources &sources, QWidget *parent = nullptr);
    // Shows the context's models and settings, and drives the Activity page's filter through
    // the context's ActivityLogModel. The context must outlive the window.
    explicit MainWindow(AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    PageInfo::Id currentPage() const;
    QWidget *page(PageInfo::Id id) const;
    ConnectivityPage *connectivityPage(PageInfo::Id id) const;
    OverviewPage *overviewPage() const { return m_overview; }
    MailPage *mailPage() const { return m_mail; }
    ActivityPage *activityPage() const { return m_activity; }
    NavigationList *navigation() const { return m_navigation; }
    Notifier *notifier() const { return m_notifier; }
    // Null when the desktop has no system tray.
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    QAction *pageAction(PageInfo::Id id) const { return m_pageActions.value(id); }
    // What the area's primary action does, wherever it is clicked (page or overview card).
    void setPrimaryActionHandler(PageInfo::Id area, std::function<void()> handler);

public Q_SLOTS:
    void showPage(Tributary::Ui::PageInfo::Id id);
    // Tell the user about something; see Notifier::notify.
    void notify(const QString &title, const QString &text,
                Tributary::Ui::Severity::Level severity = Tributary::Ui::Severity::Info);
    void toggleVisible();

Q_SIGNALS:
    void currentPageChanged(Tributary::Ui::PageInfo::Id id);
    void primaryActionTriggered(Tributary::Ui::PageInfo::Id area);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildPages(const WindowSources &sources);
    void buildMenus();
    void buildTray();
    void onPrimaryAction(PageInfo::Id area);
    void onNavigationRowChanged(int row);
    void saveSettings();
    void restoreSettings();
    void showAbout();

    QPointer<QSettings> m_settings;
    NavigationList *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    MailPage *m_mail = nullptr;
    OverviewPage *m_overview = nullptr;
    ActivityPage *m_activity = nullptr;
    QHash<PageInfo::Id, ConnectivityPage *> m_connectivity;
    QHash<PageInfo::Id, QAction *> m_pageActions;
    QHash<PageInfo::Id, std::function<void()>> m_actionHandlers;
    QActionGroup *m_pageGroup = nullptr;
    Notifier *m_notifier = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QAction *m_showHideAction = nullptr;
    bool m_restoring = false;
};

} // namespace Tributary::Ui
