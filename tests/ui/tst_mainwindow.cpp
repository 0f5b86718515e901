// The real main window over a real (scratch) profile: the AppContext, its Store and models,
// under the test session's Xvfb. Drives it by keyboard and mouse as a user would.
#include "support/testenv.h"

#include "app/services/activitylogger.h"
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "models/activitylogmodel.h"
#include "models/folder.h"
#include "models/messagerecord.h"
#include "models/retrievaltask.h"
#include "models/retrievaltasklistmodel.h"
#include "models/store.h"
#include "ui/activitypage.h"
#include "ui/connectivitypage.h"
#include "ui/emptystate.h"
#include "ui/mailpage.h"
#include "ui/mainwindow.h"
#include "ui/navigationlist.h"
#include "ui/notifier.h"
#include "ui/overviewpage.h"
#include "ui/translations.h"

#include <QAccessible>
#include <QAction>
#include <QComboBox>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTranslator>
#include <QTreeView>

using namespace Tributary;
using namespace Tributary::Ui;

namespace {

struct Expected
{
    PageInfo::Id id;
    QString title;
    QString action; // primary action without mnemonic; empty for none
};

const QList<Expected> &expectedPages()
{
    static const QList<Expected> pages = {
        {PageInfo::Id::Mail, QStringLiteral("Mail"), QString()},
        {PageInfo::Id::Overview, QStringLiteral("Connectivity"), QString()},
        {PageInfo::Id::CloudStorage, QStringLiteral("Cloud Storage"),
         QStringLiteral("Connect Cloud Storage")},
        {PageInfo::Id::Retrieval, QStringLiteral("Email Retrieval"),
         QStringLiteral("New Retrieval Task")},
        {PageInfo::Id::SmtpAccounts, QStringLiteral("SMTP Accounts"),
         QStringLiteral("New SMTP Account")},
        {PageInfo::Id::Devices, QStringLiteral("Synchronized Devices"),
         QStringLiteral("Resync All Devices")},
        {PageInfo::Id::AuthenticatedIps, QStringLiteral("Authenticated IPs"),
         QStringLiteral("Refresh")},
        {PageInfo::Id::Migration, QStringLiteral("Mailbox Migration"),
         QStringLiteral("New Migration")},
        {PageInfo::Id::Activity, QStringLiteral("Activity"), QString()},
    };
    return pages;
}

QString visibleTitle(MainWindow &window)
{
    QWidget *page = window.page(window.currentPage());
    auto *label = page ? page->findChild<QLabel *>(QStringLiteral("titleLabel")) : nullptr;
    return label && label->isVisible() ? label->text() : QString();
}

// Names of focusable, visible widgets that have neither an accessible name nor a label.
QStringList accessibilityProblems(QWidget *root)
{
    QStringList problems;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (w->focusPolicy() == Qt::NoFocus || !w->isVisibleTo(root) || !w->isEnabled())
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        if (!iface) {
            problems << QStringLiteral("%1 (%2): no accessible interface")
                            .arg(w->objectName(),
                                 QString::fromLatin1(w->metaObject()->className()));
            continue;
        }
        // On Linux a QComboBox reports its current item as Name; what names the control is
        // its accessibleName or its buddy label (Label relation).
        const bool isCombo = qobject_cast<QComboBox *>(w) != nullptr;
        const QString name = isCombo ? w->accessibleName() : iface->text(QAccessible::Name);
        const bool labelled = !iface->relations(QAccessible::Label).isEmpty();
        if (name.trimmed().isEmpty() && !labelled) {
            problems << QStringLiteral("%1 (%2)").arg(
                w->objectName(), QString::fromLatin1(w->metaObject()->className()));
        }
        if (w->objectName().isEmpty()) {
            problems << QStringLiteral("unnamed object: %1 \"%2\"")
                            .arg(QString::fromLatin1(w->metaObject()->className()), name);
        }
    }
    return problems;
}

void saveScreenshot(QWidget *window, const QString &name)
{
    const QString path
        = TestEnv::screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png");
    // grab() renders the widget tree now; grabbing the X screen could catch the previous
    // page before the repaint reached the server.
    const QPixmap shot = window->grab();
    QVERIFY(!shot.isNull());
    QVERIFY2(shot.save(path), qPrintable(path));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void startsOnOverviewWithNavigationFocus();
    void everyPageByKeyboardShortcut();
    void everyPageByArrowKeys();
    void everyPageByMouse();
    void overviewCardsOpenPages();
    void storeRowReplacesEmptyState();
    void primaryActionShowsToastUntilConnected();
    void activityFilterAndSearch();
    void remembersPageAndGeometry();
    void accessibilityLint();
    void mailPageReader();
    void screenshots();
    void germanTranslation();

private:
    void openWindow();

    QString m_profileDir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    m_profileDir = TestEnv::scratchDir(QStringLiteral("tst_mainwindow"));
    QString error;
    m_context = AppContext::open(Profile(m_profileDir), &error);
    QVERIFY2(m_context, qPrintable(error));
    // As main() does for an English desktop: the English catalogue (plural forms).
    QVERIFY(!installTranslations(QLocale(QLocale::English, QLocale::UnitedStates), this).isEmpty());
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    m_context.reset();
}

void TestMainWindow::init()
{
    openWindow();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

void TestMainWindow::openWindow()
{
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get(), 30000));
    // Shortcuts and mnemonics need the active window (bare Xvfb has no window manager).
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get(), 30000));
}

void TestMainWindow::startsOnOverviewWithNavigationFocus()
{
    // A fresh profile starts on the Connectivity overview, keyboard in the navigation.
    m_window.reset();
    m_context->settings().remove(QStringLiteral("window"));
    openWindow();
    QCOMPARE(m_window->currentPage(), PageInfo::Id::Overview);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->navigation()->hasFocus(), 30000);
    QCOMPARE(visibleTitle(*m_window), QStringLiteral("Connectivity"));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Tributary"));

    // Navigation shows the pages in the documented order with their titles.
    NavigationList *nav = m_window->navigation();
    QCOMPARE(nav->count(), PageInfo::count);
    for (int row = 0; row < nav->count(); ++row)
        QCOMPARE(nav->item(row)->text(), expectedPages().at(row).title);

    // Tab leaves the navigation for the page.
    QTest::keyClick(nav, Qt::Key_Tab);
    QTRY_VERIFY_WITH_TIMEOUT(!nav->hasFocus(), 30000);
    QWidget *focused = QApplication::focusWidget();
    QVERIFY(focused);
    QVERIFY(m_window->page(PageInfo::Id::Overview)->isAncestorOf(focused));
}

void TestMainWindow::everyPageByKeyboardShortcut()
{
    // Backwards so every shortcut changes the page.
    for (qsizetype i = expectedPages().size() - 1; i >= 0; --i) {
        const Expected &e = expectedPages().at(i);
        QTest::keyClick(m_window.get(), Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), e.id, 30000);
        QCOMPARE(visibleTitle(*m_window), e.title);
        QVERIFY(m_window->pageAction(e.id)->isChecked());
        QCOMPARE(m_window->navigation()->currentRow(), int(i));
        if (ConnectivityPage *page = m_window->connectivityPage(e.id)) {
            QVERIFY(page->isVisible());
            QVERIFY(page->isEmptyStateShown());
            QVERIFY(page->emptyState()->isVisible());
            QVERIFY(page->primaryButton()->isVisible());
            QCOMPARE(withoutMnemonic(page->primaryButton()->text()), e.action);
            QVERIFY(!page->table()->isVisible());
        }
    }
}

void TestMainWindow::everyPageByArrowKeys()
{
    NavigationList *nav = m_window->navigation();
    m_window->showPage(PageInfo::Id::Mail);
    nav->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(nav->hasFocus(), 30000);
    QCOMPARE(visibleTitle(*m_window), QStringLiteral("Mail"));
    for (int i = 1; i < expectedPages().size(); ++i) {
        QTest::keyClick(nav, Qt::Key_Down);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), expectedPages().at(i).id, 30000);
        QCOMPARE(visibleTitle(*m_window), expectedPages().at(i).title);
    }
    // At the end Down stays; Up goes back; Home jumps to the first page.
    QTest::keyClick(nav, Qt::Key_Down);
    QCOMPARE(m_window->currentPage(), PageInfo::Id::Activity);
    QTest::keyClick(nav, Qt::Key_Up);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), PageInfo::Id::Migration, 30000);
    QTest::keyClick(nav, Qt::Key_Home);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), PageInfo::Id::Mail, 30000);
}

void TestMainWindow::everyPageByMouse()
{
    NavigationList *nav = m_window->navigation();
    for (qsizetype i = expectedPages().size() - 1; i >= 0; --i) {
        const Expected &e = expectedPages().at(i);
        const QRect rect = nav->visualItemRect(nav->item(int(i)));
        QVERIFY(!rect.isEmpty());
        QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), e.id, 30000);
        QCOMPARE(visibleTitle(*m_window), e.title);
        if (ConnectivityPage *page = m_window->connectivityPage(e.id)) {
            QVERIFY(page->emptyState()->isVisible());
            QCOMPARE(withoutMnemonic(page->emptyState()->button()->text()), e.action);
        }
    }
}

void TestMainWindow::overviewCardsOpenPages()
{
    m_window->showPage(PageInfo::Id::Overview);
    OverviewPage *overview = m_window->overviewPage();
    // Three cards per row at the default size, fewer when narrow; never cut off at the right.
    m_window->resize(1180, 760);
    QTRY_COMPARE_WITH_TIMEOUT(overview->columns(), 3, 30000);
    m_window->resize(900, 700);
    QTRY_VERIFY_WITH_TIMEOUT(overview->columns() < 3, 30000);
    for (PageInfo::Id area : PageInfo::connectivityAreas()) {
        OverviewCard *card = overview->card(area);
        QTRY_VERIFY_WITH_TIMEOUT(
            card->mapTo(overview, QPoint(card->width(), 0)).x() <= overview->width(), 30000);
    }
    m_window->resize(1180, 760);
    QTRY_COMPARE_WITH_TIMEOUT(overview->columns(), 3, 30000);
    for (PageInfo::Id area : PageInfo::connectivityAreas()) {
        m_window->showPage(PageInfo::Id::Overview);
        OverviewCard *card = overview->card(area);
        QVERIFY(card && card->isVisible());
        QCOMPARE(card->countText(), QStringLiteral("0"));
        QVERIFY(!card->statusText().isEmpty());
        QCOMPARE(withoutMnemonic(card->actionButton()->text()),
                 withoutMnemonic(PageInfo::actionText(area)));
        QTest::mouseClick(card->openButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), area, 30000);
    }
    // A click on the card itself opens its page as well.
    m_window->showPage(PageInfo::Id::Overview);
    OverviewCard *smtp = overview->card(PageInfo::Id::SmtpAccounts);
    QTest::mouseClick(smtp, Qt::LeftButton, {}, QPoint(smtp->width() / 2, 12));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), PageInfo::Id::SmtpAccounts, 30000);
}

void TestMainWindow::storeRowReplacesEmptyState()
{
    m_window->showPage(PageInfo::Id::Retrieval);
    ConnectivityPage *page = m_window->connectivityPage(PageInfo::Id::Retrieval);
    QVERIFY(page->isEmptyStateShown());
    OverviewCard *card = m_window->overviewPage()->card(PageInfo::Id::Retrieval);
    QCOMPARE(card->countText(), QStringLiteral("0"));

    RetrievalTask task;
    task.name = QStringLiteral("Work mailbox");
    task.kind = RetrievalTask::Kind::Imap;
    task.server = QStringLiteral("imap.example.test");
    task.port = 993;
    task.username = QStringLiteral("alice");
    QString error;
    QVERIFY2(m_context->store().insertRetrievalTask(task, &error), qPrintable(error));

    QTRY_VERIFY_WITH_TIMEOUT(!page->isEmptyStateShown(), 30000);
    QVERIFY(page->table()->isVisible());
    QVERIFY(!page->emptyState()->isVisible());
    QCOMPARE(page->table()->model()->rowCount(), 1);
    QCOMPARE(page->table()
                 ->model()
                 ->index(0, int(RetrievalTaskListModel::Column::Name))
                 .data()
                 .toString(),
             QStringLiteral("Work mailbox"));
    // The header now carries the primary action.
    QCOMPARE(withoutMnemonic(page->primaryButton()->text()), QStringLiteral("New Retrieval Task"));
    QVERIFY(page->primaryButton()->isVisible());
    QCOMPARE(card->countText(), QStringLiteral("1"));
    QCOMPARE(card->statusText(), QStringLiteral("1 retrieval task"));

    // An activity entry: the Activity page turns from empty to table, the card shows it.
    m_window->showPage(PageInfo::Id::Activity);
    ActivityPage *activity = m_window->activityPage();
    QVERIFY(activity->isEmptyStateShown());
    m_context->log().info(ActivityLogger::Area::Retrieval, QStringLiteral("Work mailbox"),
                          QStringLiteral("Retrieved 3 messages"));
    QTRY_VERIFY_WITH_TIMEOUT(!activity->isEmptyStateShown(), 30000);
    QVERIFY(activity->table()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(
        card->lastActivityText().contains(QStringLiteral("Retrieved 3 messages")), 30000);

    // Removing the task brings the empty state back.
    QVERIFY(m_context->store().removeRetrievalTask(task.uuid, &error));
    QTRY_VERIFY_WITH_TIMEOUT(page->isEmptyStateShown(), 30000);
    QCOMPARE(card->countText(), QStringLiteral("0"));
}

void TestMainWindow::primaryActionShowsToastUntilConnected()
{
    m_window->showPage(PageInfo::Id::Migration);
    ConnectivityPage *page = m_window->connectivityPage(PageInfo::Id::Migration);
    QVERIFY(page->isEmptyStateShown());
    QCOMPARE(m_window->notifier()->toasts().size(), 0);

    // By mnemonic: Alt+M is "New &Migration". (No spy yet: a connected receiver is exactly
    // what turns the toast off.)
    QTest::keyClick(m_window.get(), Qt::Key_M, Qt::AltModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->notifier()->toasts().size(), 1, 30000);
    Toast *toast = m_window->notifier()->toasts().constFirst();
    QCOMPARE(toast->title(), QStringLiteral("New Migration"));
    QVERIFY(toast->text().contains(QStringLiteral("Mailbox Migration")));
    QVERIFY(toast->isVisible());
    QVERIFY(m_window->centralWidget()->rect().contains(toast->geometry()));

    // Once a feature handles the action, the window no longer toasts.
    toast->dismiss(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->notifier()->toasts().size(), 0, 30000);
    int handled = 0;
    connect(m_window.get(), &MainWindow::primaryActionTriggered, this,
            [&handled](PageInfo::Id area) {
                if (area == PageInfo::Id::Migration)
                    ++handled;
            });
    QSignalSpy spy(m_window.get(), &MainWindow::primaryActionTriggered);
    QTest::mouseClick(page->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(handled, 1, 30000);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<PageInfo::Id>(), PageInfo::Id::Migration);
    QCOMPARE(m_window->notifier()->toasts().size(), 0);
}

void TestMainWindow::activityFilterAndSearch()
{
    ActivityLogger &log = m_context->log();
    log.info(ActivityLogger::Area::Smtp, QStringLiteral("bob@example.test"),
             QStringLiteral("Sent to carol, 12 kB"));
    log.error(ActivityLogger::Area::Smtp, QStringLiteral("bob@example.test"),
              QStringLiteral("Mailbox over quota"));
    log.info(ActivityLogger::Area::Cloud, QStringLiteral("Dropbox"),
             QStringLiteral("Linked budget.xlsx"));
    log.warning(ActivityLogger::Area::Migration, QStringLiteral("Old provider"),
                QStringLiteral("Quota almost reached"));

    // The error became a notification; the other entries did not.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->notifier()->toasts().size(), 1, 30000);
    const Toast *errorToast = m_window->notifier()->toasts().constFirst();
    QCOMPARE(errorToast->severity(), Severity::Error);
    QCOMPARE(errorToast->title(), QStringLiteral("bob@example.test"));
    QCOMPARE(errorToast->text(), QStringLiteral("Mailbox over quota"));

    m_window->showPage(PageInfo::Id::Activity);
    ActivityPage *page = m_window->activityPage();
    ActivityLogModel *model = m_context->activityModel();
    QTableView *table = page->table();
    QTRY_VERIFY_WITH_TIMEOUT(table->isVisible(), 30000);
    QCOMPARE(table->model(), model);
    const auto areasShown = [&] {
        QSet<QString> areas;
        for (int r = 0; r < model->rowCount(); ++r)
            areas.insert(model->index(r, 0).data(ActivityLogModel::AreaRole).toString());
        return areas;
    };
    QVERIFY(areasShown().contains(QStringLiteral("cloud")));

    // Area by keyboard: the combo's buddy mnemonic, then Down until "SMTP".
    QComboBox *combo = page->areaCombo();
    QTest::keyClick(m_window.get(), Qt::Key_A, Qt::AltModifier);
    QTRY_VERIFY_WITH_TIMEOUT(combo->hasFocus(), 30000);
    while (combo->currentData().toString() != QStringLiteral("smtp")) {
        const int before = combo->currentIndex();
        QTest::keyClick(combo, Qt::Key_Down);
        QVERIFY(combo->currentIndex() != before);
    }
    QCOMPARE(model->areaFilter(), QStringLiteral("smtp"));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 30000);
    QCOMPARE(areasShown(), QSet<QString> {QStringLiteral("smtp")});

    // Search (debounced) within the area, case-insensitive.
    QLineEdit *search = page->searchField();
    QTest::keyClick(m_window.get(), Qt::Key_S, Qt::AltModifier);
    QTRY_VERIFY_WITH_TIMEOUT(search->hasFocus(), 30000);
    QSignalSpy searched(page, &ActivityPage::searchTextChanged);
    QTest::keyClicks(search, QStringLiteral("QUOTA"));
    // One emission for the whole word, not one per key.
    QVERIFY(searched.wait(30000));
    QCOMPARE(searched.count(), 1);
    QCOMPARE(searched.at(0).at(0).toString(), QStringLiteral("QUOTA"));
    QCOMPARE(model->searchText(), QStringLiteral("QUOTA"));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 30000);
    QCOMPARE(model->index(0, int(ActivityLogModel::Column::Message)).data().toString(),
             QStringLiteral("Mailbox over quota"));

    // Back to all areas: both quota entries (SMTP and Migration).
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    QCOMPARE(model->areaFilter(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 30000);
    QCOMPARE(areasShown(), (QSet<QString> {QStringLiteral("smtp"), QStringLiteral("migration")}));
    // A search with no match keeps the table (showing the filter is why it is empty).
    search->clear();
    QTest::keyClicks(search, QStringLiteral("no such words"));
    QTRY_COMPARE_WITH_TIMEOUT(model->searchText(), QStringLiteral("no such words"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 30000);
    QVERIFY(!page->isEmptyStateShown());
    search->clear();
    QTRY_COMPARE_WITH_TIMEOUT(model->searchText(), QString(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 4, 30000);
}

void TestMainWindow::remembersPageAndGeometry()
{
    m_window->showPage(PageInfo::Id::SmtpAccounts);
    m_window->resize(1010, 690);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->size(), QSize(1010, 690), 30000);
    m_window.reset(); // saves

    // The settings file is the profile's.
    QSettings file(Profile(m_profileDir).settingsFile(), QSettings::IniFormat);
    m_context->settings().sync();
    QCOMPARE(file.value(QStringLiteral("window/lastPage")).toString(), QStringLiteral("smtp"));

    openWindow();
    QCOMPARE(m_window->currentPage(), PageInfo::Id::SmtpAccounts);
    QCOMPARE(visibleTitle(*m_window), QStringLiteral("SMTP Accounts"));
    QCOMPARE(m_window->size(), QSize(1010, 690));
    // A new window reads each area's last activity from the store (off the GUI thread).
    QTRY_VERIFY_WITH_TIMEOUT(m_window->overviewPage()
                                 ->card(PageInfo::Id::Retrieval)
                                 ->lastActivityText()
                                 .contains(QStringLiteral("Retrieved 3 messages")),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->overviewPage()
                                 ->card(PageInfo::Id::SmtpAccounts)
                                 ->lastActivityText()
                                 .contains(QStringLiteral("Mailbox over quota")),
                             30000);
    QCOMPARE(m_window->overviewPage()->card(PageInfo::Id::Devices)->lastActivityText(),
             QStringLiteral("No activity yet"));

    // And again with another page, chosen by keyboard.
    QTest::keyClick(m_window.get(), Qt::Key_9, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), PageInfo::Id::Activity, 30000);
    m_window->close();
    m_window.reset();
    openWindow();
    QCOMPARE(m_window->currentPage(), PageInfo::Id::Activity);
}

void TestMainWindow::accessibilityLint()
{
    for (const Expected &e : expectedPages()) {
        m_window->showPage(e.id);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), e.id, 30000);
        const QStringList problems = accessibilityProblems(m_window.get());
        QVERIFY2(problems.isEmpty(),
                 qPrintable(PageInfo::key(e.id) + QStringLiteral(": ")
                            + problems.join(QStringLiteral(", "))));
    }
    // With a toast on screen too.
    m_window->notify(QStringLiteral("Lint"), QStringLiteral("toast"), Severity::Warning);
    const QStringList problems = accessibilityProblems(m_window.get());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral(", "))));
    // The Activity combo is named through its buddy label.
    QAccessibleInterface *combo
        = QAccessible::queryAccessibleInterface(m_window->activityPage()->areaCombo());
    QVERIFY(!combo->relations(QAccessible::Label).isEmpty());
}

void TestMainWindow::mailPageReader()
{
    m_window->showPage(PageInfo::Id::Mail);
    MailPage *mail = m_window->mailPage();
    QVERIFY(mail->folderView()->isVisible());
    QVERIFY(mail->messageView()->isVisible());
    QVERIFY(mail->reader()->isVisible());
    // The store creates the special folders; the tree shows them.
    QVERIFY(mail->folderView()->model());
    QTRY_VERIFY_WITH_TIMEOUT(mail->folderView()->model()->rowCount() > 0, 30000);
    // Nothing chosen: the reader is empty (placeholder only).
    QVERIFY(mail->reader()->toPlainText().isEmpty());
    QVERIFY(!mail->reader()->placeholderText().isEmpty());

    // A message stored in the Inbox (the folder selected at start) appears in the list, and
    // choosing it with the mouse shows it in the reader.
    Store &store = m_context->store();
    MessageRecord record;
    record.folderId = store.specialFolder(Folder::SpecialUse::Inbox);
    QVERIFY(record.folderId > 0);
    record.sender = QStringLiteral("Carol <carol@example.test>");
    record.subject = QStringLiteral("Quarterly figures");
    record.internalDate = QDateTime::currentDateTime();
    record.messageId = QStringLiteral("<q1@example.test>");
    QString error;
    QVERIFY2(store.storeMessage(record,
                                QByteArrayLiteral("From: Carol <carol@example.test>\r\n"
                                                  "Subject: Quarterly figures\r\n\r\nHello\r\n"),
                                &error)
                 > 0,
             qPrintable(error));
    QTreeView *list = mail->messageView();
    QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 1, 30000);
    const QRect row = list->visualRect(list->model()->index(0, 0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QTRY_VERIFY_WITH_TIMEOUT(
        mail->reader()->toPlainText().contains(QStringLiteral("Quarterly figures")), 30000);
    QVERIFY(mail->reader()->toPlainText().contains(QStringLiteral("carol@example.test")));
}

void TestMainWindow::screenshots()
{
    // One more entry so the Activity and overview shots show real rows.
    m_context->log().info(ActivityLogger::Area::Sync, QStringLiteral("Phone"),
                          QStringLiteral("Signed in from 203.0.113.7 over IMAP"));
    m_window->notify(QStringLiteral("Retrieval finished"),
                     QStringLiteral("Work mailbox: 3 new messages"), Severity::Success);
    for (const Expected &e : expectedPages()) {
        m_window->showPage(e.id);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), e.id, 30000);
        saveScreenshot(m_window.get(), PageInfo::key(e.id));
        QVERIFY(QFile::exists(TestEnv::screenshotDir() + QLatin1Char('/') + PageInfo::key(e.id)
                              + QStringLiteral(".png")));
    }
}

void TestMainWindow::germanTranslation()
{
    m_window.reset();
    const QList<QTranslator *> translators
        = installTranslations(QLocale(QLocale::German, QLocale::Germany), this);
    // Tributary's German catalogue and Qt's own (qtbase_de, from qt6-translations-l10n).
    QCOMPARE(translators.size(), 2);
    QCOMPARE(QKeySequence(Qt::CTRL | Qt::Key_1).toString(QKeySequence::NativeText),
             QStringLiteral("Strg+1"));
    openWindow();
    m_window->showPage(PageInfo::Id::Retrieval);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), PageInfo::Id::Retrieval, 30000);
    QCOMPARE(visibleTitle(*m_window), QStringLiteral("E-Mail-Abruf"));
    QCOMPARE(m_window->navigation()->item(PageInfo::index(PageInfo::Id::Activity))->text(),
             QStringLiteral("Aktivität"));
    ConnectivityPage *page = m_window->connectivityPage(PageInfo::Id::Retrieval);
    QCOMPARE(withoutMnemonic(page->primaryButton()->text()), QStringLiteral("Neue Abrufaufgabe"));
    QCOMPARE(m_window->pageAction(PageInfo::Id::Retrieval)->text(), QStringLiteral("E-Mail-Abruf"));
    saveScreenshot(m_window.get(), QStringLiteral("retrieval-de"));
    m_window.reset();
    for (QTranslator *t : translators)
        QCoreApplication::removeTranslator(t);
    qDeleteAll(translators);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
