#include "ui/providerchooser.h"

#include "support/testenv.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Tributary;
using namespace Tributary::Ui;

class TestProviderChooser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsProvidersInOrder();
    void microsoftEntriesSelectable();
    void keyboardChoosesMicrosoft365();
    void choosingEnablesNext();
};

void TestProviderChooser::listsProvidersInOrder()
{
    const ProviderCatalogue catalogue = ProviderCatalogue::builtIn();
    QVERIFY(catalogue.isValid());
    ProviderChooser chooser(catalogue);
    auto *list = chooser.findChild<QListWidget *>(QStringLiteral("providerList"));
    QVERIFY(list);
    QCOMPARE(list->count(), 10);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Gmail"));
    QCOMPARE(list->item(2)->text(), QStringLiteral("Outlook.com / Hotmail / Live.com"));
    QCOMPARE(list->item(3)->text(), QStringLiteral("Microsoft 365"));
    QCOMPARE(list->item(4)->text(), QStringLiteral("Microsoft Exchange (on premises)"));
    QCOMPARE(list->item(8)->text(), QStringLiteral("Other POP server"));
    QCOMPARE(list->item(9)->text(), QStringLiteral("Other IMAP server"));
    QVERIFY(!list->accessibleName().isEmpty());
    chooser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chooser, 30000));
    QVERIFY(chooser.grab().save(TestEnv::screenshotDir()
                                + QStringLiteral("/retrieval-provider-chooser.png")));
}

void TestProviderChooser::microsoftEntriesSelectable()
{
    ProviderChooser chooser(ProviderCatalogue::builtIn());
    auto *list = chooser.findChild<QListWidget *>(QStringLiteral("providerList"));
    QVERIFY(list);
    QVERIFY(!chooser.findChild<QLabel *>(QStringLiteral("providerChooserOAuthNote")));
    for (int row : {2, 3, 4}) {
        QListWidgetItem *item = list->item(row);
        QVERIFY(item->flags() & Qt::ItemIsEnabled);
        QVERIFY(item->flags() & Qt::ItemIsSelectable);
        QVERIFY(!item->toolTip().contains(QStringLiteral("not available")));
        QCOMPARE(item->data(Qt::AccessibleTextRole).toString(), item->text());
    }
    QVERIFY(list->item(2)->toolTip().contains(QStringLiteral("own page")));
    for (const char *id : {"outlook", "microsoft365", "exchange"}) {
        QVERIFY(chooser.selectProvider(QLatin1String(id)));
        QCOMPARE(chooser.selectedProviderId(), QLatin1String(id));
    }
}

void TestProviderChooser::keyboardChoosesMicrosoft365()
{
    ProviderChooser chooser(ProviderCatalogue::builtIn());
    chooser.show();
    chooser.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&chooser, 30000));
    auto *list = chooser.findChild<QListWidget *>(QStringLiteral("providerList"));
    QVERIFY(list->hasFocus());
    QTest::keyClick(list, Qt::Key_Home);
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(list->currentRow(), 3);
    QCOMPARE(chooser.selectedProviderId(), QStringLiteral("microsoft365"));
    QVERIFY(chooser.grab().save(TestEnv::screenshotDir()
                                + QStringLiteral("/retrieval-provider-chooser-microsoft365.png")));
    QSignalSpy accepted(&chooser, &QDialog::accepted);
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(chooser.selectedProviderId(), QStringLiteral("microsoft365"));
}

void TestProviderChooser::choosingEnablesNext()
{
    ProviderChooser chooser(ProviderCatalogue::builtIn());
    chooser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chooser, 30000));
    auto *next = chooser.findChild<QPushButton *>(QStringLiteral("providerChooserNext"));
    QVERIFY(next);
    QVERIFY(!next->isEnabled());

    auto *list = chooser.findChild<QListWidget *>(QStringLiteral("providerList"));
    const QRect rect = list->visualItemRect(list->item(9));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(chooser.selectedProviderId(), QStringLiteral("other-imap"));
    QVERIFY(next->isEnabled());

    QSignalSpy accepted(&chooser, &QDialog::accepted);
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(chooser.result(), int(QDialog::Accepted));
    QCOMPARE(chooser.selectedProviderId(), QStringLiteral("other-imap"));
}

QTEST_MAIN(TestProviderChooser)
#include "tst_providerchooser.moc"
