#include "mainwindow.h"

#include "activitypage.h"
#include "connectivitypage.h"
#include "logging.h"
#include "mailpage.h"
#include "navigationlist.h"
#include "notifier.h"
#include "overviewpage.h"

#include "app/services/settingsnames.h"
#include "app/services/version.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QSystemTrayIcon>

namespace Tributary::Ui {

MainWindow::MainWindow(const WindowSources &sources, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(sources.settings)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(applicationName());
    setWindowIcon(QIcon(QStringLiteral(":/icons/tributary.svg")));
    setAccessibleName(applicationName());

    auto *central = new QWidget(this);
    central->setObjectName(QStringLiteral("centralWidget"));
    m_navigation = new NavigationList(central);
    m_navigation->setAccessibleName(tr("Pages"));
    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("pages"));

    auto *row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(m_navigation);
    auto *rule = new QFrame(central);
    rule->setObjectName(QStringLiteral("navigationRule"));
    rule->setFrameShape(QFrame::VLine);
    rule->setFrameShadow(QFrame::Plain);
    rule->setForegroundRole(QPalette::Midlight);
    row->addWidget(rule);
    row->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_notifier = new Notifier(central, this);

    buildPages(sources);
    buildMenus();
    buildTray();

    connect(m_navigation, &QListWidget::currentRowChanged, this,
            &MainWindow::onNavigationRowChanged);

    restoreSettings();
    m_navigation->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow()
{
    saveSettings();
}

void MainWindow::buildPages(const WindowSources &sources)
{
    const auto modelFor = [&sources](PageInfo::Id id) -> QAbstractItemModel * {
        switch (id) {
        case PageInfo::Id::CloudStorage:
            return sources.cloudConnections;
        case PageInfo::Id::Retrieval:
            return sources.retrievalTasks;
        case PageInfo::Id::SmtpAccounts:
            return sources.smtpAccounts;
        case PageInfo::Id::Devices:
            return sources.devices;
        case PageInfo::Id::AuthenticatedIps:
            return sources.loginRecords;
        case PageInfo::Id::Migration:
            return sources.migrationJobs;
        case PageInfo::Id::Mail:
        case PageInfo::Id::Overview:
        case PageInfo::Id::Activity:
        case PageInfo::Id::Count:
            break;
        }
        return nullptr;
    };

    for (int i = 0; i < PageInfo::count; ++i) {
        const PageInfo::Id id = PageInfo::fromIndex(i);
        QWidget *page = nullptr;
        switch (id) {
        case PageInfo::Id::Mail:
            m_mail = new MailPage(m_stack);
            m_mail->setFolderModel(sources.folders);
            m_mail->setMessageModel(sources.messages);
            page = m_mail;
            break;
        case PageInfo::Id::Overview:
            m_overview = new OverviewPage(m_stack);
            connect(m_overview, &OverviewPage::openRequested, this, &MainWindow::showPage);
            connect(m_overview, &OverviewPage::primaryActionTriggered, this,
                    &MainWindow::onPrimaryAction);
            page = m_overview;
            break;
        case PageInfo::Id::Activity:
            m_activity = new ActivityPage(m_stack);
            m_activity->setModel(sources.activity);
            page = m_activity;
            break;
        case PageInfo::Id::CloudStorage:
        case PageInfo::Id::Retrieval:
        case PageInfo::Id::SmtpAccounts:
        case PageInfo::Id::Devices:
        case PageInfo::Id::AuthenticatedIps:
        case PageInfo::Id::Migration: {
            ConnectivityPage *area = createConnectivityPage(id, m_stack);
            area->setModel(modelFor(id));
            m_overview->setModel(id, modelFor(id));
            connect(area, &ConnectivityPage::primaryActionTriggered, this,
                    &MainWindow::onPrimaryAction);
            m_connectivity.insert(id, area);
            page = area;
            break;
        }
        case PageInfo::Id::Count:
            break;
        }
        m_stack->addWidget(page);
        const bool groupStart = id == PageInfo::Id::CloudStorage || id == PageInfo::Id::Activity;
        m_navigation->addPage(i, QIcon(PageInfo::iconPath(id)), PageInfo::title(id), groupStart);
    }
}

void MainWindow::buildMenus()
{
    menuBar()->setObjectName(QStringLiteral("menuBar"));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, [this] {
        saveSettings();
        QApplication::quit();
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    m_pageGroup = new QActionGroup(this);
    m_pageGroup->setExclusive(true);
    for (int i = 0; i < PageInfo::count; ++i) {
        const PageInfo::Id id = PageInfo::fromIndex(i);
        QAction *action = view->addAction(QIcon(PageInfo::iconPath(id)), PageInfo::title(id));
        action->setObjectName(PageInfo::key(id) + QStringLiteral("PageAction"));
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setShortcutContext(Qt::WindowShortcut);
        m_pageGroup->addAction(action);
        m_pageActions.insert(id, action);
        connect(action, &QAction::triggered, this, [this, id] { showPage(id); });
        // Separators where the navigation has its group rules.
        if (id == PageInfo::Id::Overview || id == PageInfo::Id::Migration)
            view->addSeparator();
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *about = help->addAction(tr("&About Tributary"));
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::buildTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCDebug(lcUi) << "no system tray on this desktop; notifications stay in the window";
        return;
    }
    m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/tributary.svg")), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setToolTip(applicationName());
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("trayMenu"));
    m_showHideAction = menu->addAction(tr("&Hide Tributary"));
    m_showHideAction->setObjectName(QStringLiteral("showHideAction"));
    connect(m_showHideAction, &QAction::triggered, this, &MainWindow::toggleVisible);
    menu->addSeparator();
    QAction *quit = menu->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("trayQuitAction"));
    connect(quit, &QAction::triggered, this, [this] {
        saveSettings();
        QApplication::quit();
    });
    connect(menu, &QMenu::aboutToShow, this, [this] {
        m_showHideAction->setText(isVisible() ? tr("&Hide Tributary") : tr("&Show Tributary"));
    });
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger)
                    toggleVisible();
            });
    m_notifier->setTrayIcon(m_tray);
    m_tray->show();
}

PageInfo::Id MainWindow::currentPage() const
{
    return PageInfo::fromIndex(m_stack->currentIndex());
}

QWidget *MainWindow::page(PageInfo::Id id) const
{
    return m_stack->widget(PageInfo::index(id));
}

ConnectivityPage *MainWindow::connectivityPage(PageInfo::Id id) const
{
    return m_connectivity.value(id);
}

void MainWindow::showPage(PageInfo::Id id)
{
    if (id == PageInfo::Id::Count)
        return;
    const int row = m_navigation->rowOfPage(PageInfo::index(id));
    if (row >= 0 && row != m_navigation->currentRow())
        m_navigation->setCurrentRow(row);
}

void MainWindow::onNavigationRowChanged(int row)
{
    if (row < 0)
        return;
    const int index = m_navigation->item(row)->data(NavigationList::PageRole).toInt();
    const PageInfo::Id id = PageInfo::fromIndex(index);
    const bool changed = m_stack->currentIndex() != index;
    m_stack->setCurrentIndex(index);
    if (QAction *action = m_pageActions.value(id))
        action->setChecked(true);
    if (m_settings && !m_restoring)
        m_settings->setValue(SettingsNames::lastPage, PageInfo::key(id));
    if (changed)
        Q_EMIT currentPageChanged(id);
}

void MainWindow::notify(const QString &title, const QString &text, Severity::Level severity)
{
    m_notifier->notify(title, text, severity);
}

void MainWindow::toggleVisible()
{
    if (isVisible() && !isMinimized()) {
        saveSettings();
        hide();
    } else {
        showNormal();
        raise();
        activateWindow();
    }
}

void MainWindow::setPrimaryActionHandler(PageInfo::Id area, std::function<void()> handler)
{
    m_actionHandlers[area] = std::move(handler);
}

void MainWindow::onPrimaryAction(PageInfo::Id area)
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&MainWindow::primaryActionTriggered);
    const auto handler = m_actionHandlers.constFind(area);
    if (handler != m_actionHandlers.constEnd() && *handler) {
        (*handler)();
    } else if (!isSignalConnected(signal)) {
        // Nothing handles this action in this build: say what was asked for, so the click
        // is not silently lost.
        m_notifier->notify(withoutMnemonic(PageInfo::actionText(area)),
                           tr("Requested from %1.").arg(PageInfo::title(area)), Severity::Info);
    }
    // Q_EMIT expands to nothing after the else-if chain, which the check misreads as indentation.
    // NOLINTNEXTLINE(readability-misleading-indentation)
    Q_EMIT primaryActionTriggered(area);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveSettings()
{
    if (!m_settings)
        return;
    m_settings->setValue(SettingsNames::windowGeometry, saveGeometry());
    m_settings->setValue(SettingsNames::windowState, saveState());
    m_settings->setValue(SettingsNames::lastPage, PageInfo::key(currentPage()));
    m_settings->setValue(SettingsNames::mailSplitterState, m_mail->splitter()->saveState());
}

void MainWindow::restoreSettings()
{
    m_restoring = true;
    bool geometryRestored = false;
    PageInfo::Id page = PageInfo::Id::Overview;
    if (m_settings) {
        geometryRestored
            = restoreGeometry(m_settings->value(SettingsNames::windowGeometry).toByteArray());
        restoreState(m_settings->value(SettingsNames::windowState).toByteArray());
        m_mail->splitter()->restoreState(
            m_settings->value(SettingsNames::mailSplitterState).toByteArray());
        const PageInfo::Id saved
            = PageInfo::fromKey(m_settings->value(SettingsNames::lastPage).toString());
        if (saved != PageInfo::Id::Count)
            page = saved;
    }
    if (!geometryRestored)
        resize(1180, 760);
    m_navigation->setCurrentRow(m_navigation->rowOfPage(PageInfo::index(page)));
    m_restoring = false;
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Tributary"),
        tr("<h3>%1 %2</h3><p>Gathers your mail from your other accounts into one mailbox on "
           "your desktop, sends through their servers, and manages every connection your "
           "mailbox has with the outside.</p>")
            .arg(applicationName().toHtmlEscaped(), applicationVersion().toHtmlEscaped()));
}

} // namespace Tributary::Ui
