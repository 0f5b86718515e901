#include "ui/connectivitypage.h"
#include "ui/emptystate.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace Tributary::Ui;

class TestConnectivityPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pageClassPerArea_data();
    void pageClassPerArea();
    void emptyStateFollowsRows();
    void emptyStateFollowsReset();
    void nullAndReplacedModel();
    void primaryActionEmitsArea();
};

void TestConnectivityPage::pageClassPerArea_data()
{
    QTest::addColumn<int>("area");
    QTest::addColumn<QString>("className");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("action");
    QTest::newRow("cloud") << int(PageInfo::Id::CloudStorage)
                           << QStringLiteral("Tributary::Ui::CloudStoragePage")
                           << QStringLiteral("Cloud Storage")
                           << QStringLiteral("Connect Cloud Storage");
    QTest::newRow("retrieval") << int(PageInfo::Id::Retrieval)
                               << QStringLiteral("Tributary::Ui::RetrievalPage")
                               << QStringLiteral("Email Retrieval")
                               << QStringLiteral("New Retrieval Task");
    QTest::newRow("smtp") << int(PageInfo::Id::SmtpAccounts)
                          << QStringLiteral("Tributary::Ui::SmtpAccountsPage")
                          << QStringLiteral("SMTP Accounts") << QStringLiteral("New SMTP Account");
    QTest::newRow("devices") << int(PageInfo::Id::Devices)
                             << QStringLiteral("Tributary::Ui::DevicesPage")
                             << QStringLiteral("Synchronized Devices")
                             << QStringLiteral("Resync All Devices");
    QTest::newRow("ips") << int(PageInfo::Id::AuthenticatedIps)
                         << QStringLiteral("Tributary::Ui::AuthenticatedIpsPage")
                         << QStringLiteral("Authenticated IPs") << QStringLiteral("Refresh");
    QTest::newRow("migration") << int(PageInfo::Id::Migration)
                               << QStringLiteral("Tributary::Ui::MigrationPage")
                               << QStringLiteral("Mailbox Migration")
                               << QStringLiteral("New Migration");
}

void TestConnectivityPage::pageClassPerArea()
{
    QFETCH(int, area);
    QFETCH(QString, className);
    QFETCH(QString, title);
    QFETCH(QString, action);

    std::unique_ptr<ConnectivityPage> page(createConnectivityPage(PageInfo::Id(area)));
    QVERIFY(page);
    QCOMPARE(QString::fromLatin1(page->metaObject()->className()), className);
    QCOMPARE(page->area(), PageInfo::Id(area));
    QCOMPARE(page->title(), title);
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("titleLabel"))->text(), title);
    QCOMPARE(withoutMnemonic(page->primaryButton()->text()), action);
    // Every primary action has a mnemonic.
    QVERIFY(page->primaryButton()->text().contains(QLatin1Char('&')));
    QVERIFY(!page->emptyState()->text().isEmpty());
    QVERIFY(page->isEmptyStateShown());

    QVERIFY(!createConnectivityPage(PageInfo::Id::Mail));
    QVERIFY(!createConnectivityPage(PageInfo::Id::Activity));
}

void TestConnectivityPage::emptyStateFollowsRows()
{
    RetrievalPage page;
    QStandardItemModel model(0, 3);
    page.setModel(&model);
    page.resize(800, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page, 30000));

    auto *empty = page.findChild<EmptyState *>(QStringLiteral("emptyState"));
    auto *table = page.findChild<QTableView *>(QStringLiteral("table"));
    auto *headerButton = page.findChild<QPushButton *>(QStringLiteral("primaryActionButton"));
    QVERIFY(empty && table && headerButton);
    QVERIFY(page.isEmptyStateShown());
    QVERIFY(empty->isVisible());
    QVERIFY(!table->isVisible());
    QVERIFY(empty->button()->isVisible());
    // Exactly one primary button is visible: the empty state's.
    QVERIFY(!headerButton->isVisible());

    model.appendRow({new QStandardItem(QStringLiteral("Work IMAP")),
                     new QStandardItem(QStringLiteral("imap.example.test")),
                     new QStandardItem(QStringLiteral("never"))});
    QVERIFY(!page.isEmptyStateShown());
    QVERIFY(table->isVisible());
    QVERIFY(!empty->isVisible());
    QVERIFY(headerButton->isVisible());
    QCOMPARE(page.primaryButton(), headerButton);
    QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("imap.example.test"));

    model.appendRow(new QStandardItem(QStringLiteral("Second")));
    model.removeRow(0);
    QVERIFY(!page.isEmptyStateShown());
    model.removeRow(0);
    QVERIFY(page.isEmptyStateShown());
    QVERIFY(empty->isVisible());
    QVERIFY(!headerButton->isVisible());
}

void TestConnectivityPage::emptyStateFollowsReset()
{
    SmtpAccountsPage page;
    QStandardItemModel model;
    page.setModel(&model);
    QVERIFY(page.isEmptyStateShown());

    // A reset that fills the model (the store models reload this way).
    model.setRowCount(2);
    model.setColumnCount(2);
    QVERIFY(!page.isEmptyStateShown());
    model.clear(); // modelReset
    QVERIFY(page.isEmptyStateShown());
    model.insertRows(0, 1);
    QVERIFY(!page.isEmptyStateShown());
}

void TestConnectivityPage::nullAndReplacedModel()
{
    MigrationPage page;
    QVERIFY(page.isEmptyStateShown());
    QStandardItemModel full(3, 1);
    QStandardItemModel empty(0, 1);
    page.setModel(&full);
    QVERIFY(!page.isEmptyStateShown());
    page.setModel(&empty);
    QVERIFY(page.isEmptyStateShown());
    // The old model no longer drives the page.
    full.removeRows(0, 3);
    full.insertRows(0, 2);
    QVERIFY(page.isEmptyStateShown());
    page.setModel(nullptr);
    QVERIFY(page.isEmptyStateShown());
}

void TestConnectivityPage::primaryActionEmitsArea()
{
    DevicesPage page;
    QStandardItemModel model(0, 1);
    page.setModel(&model);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page, 30000));
    QSignalSpy spy(&page, &ConnectivityPage::primaryActionTriggered);

    QTest::mouseClick(page.primaryButton(), Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<PageInfo::Id>(), PageInfo::Id::Devices);

    model.insertRows(0, 1);
    QTest::mouseClick(page.primaryButton(), Qt::LeftButton);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).value<PageInfo::Id>(), PageInfo::Id::Devices);

    // Keyboard: Space on the focused button.
    page.primaryButton()->setFocus();
    QTest::keyClick(page.primaryButton(), Qt::Key_Space);
    QCOMPARE(spy.count(), 3);
}

QTEST_MAIN(TestConnectivityPage)
#include "tst_connectivitypage.moc"
