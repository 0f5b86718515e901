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
    void microsoftDisabledWithExplanation();
    void choosingEnablesNext();
};

void TestProviderChooser::listsProvidersInOrder()
{
    const ProviderCatalogue catalogue = ProviderCatalogue::builtIn();
    QVERIFY(catalogue.isValid());
    ProviderChooser chooser(catalogue);
    auto *list = chooser.findChild<QListWidget *>(QStringLiteral("providerList"));
    QVERIFY(list);
    QCOMPARE(list->count(), 9);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Gmail"));
    QCOMPARE(list->item(7)->text(), QStringLiteral("Other POP server"));
    QCOMPARE(list->item(8)->text(), QStringLiteral("Other IMAP server"));
    QVERIFY(!list->accessibleName().isEmpty());
    chooser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chooser));
    QVERIFY(chooser.grab().save(TestEnv::screenshotDir()
                                + QStringLiteral("/retrieval-provider-chooser.png")));
}

void TestProviderChooser::microsoftDisabledWithExplanation()
{
    ProviderChooser chooser(ProviderCatalogue::builtIn());
    auto *list = chooser.findChild<QListWidget *>(QStringLiteral("providerList"));
    QVERIFY(list);
    for (int row : {2, 3}) {
        QVERIFY(!(list->item(row)->flags() & Qt::ItemIsEnabled));
        QVERIFY(list->item(row)->toolTip().contains(QStringLiteral("OAuth")));
    }
    QVERIFY(!chooser.selectProvider(QStringLiteral("outlook")));
    QVERIFY(!chooser.selectProvider(QStringLiteral("microsoft365")));
    QVERIFY(chooser.selectedProviderId().isEmpty());
    auto *note = chooser.findChild<QLabel *>(QStringLiteral("providerChooserOAuthNote"));
    QVERIFY(note);
    chooser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chooser));
    QVERIFY(note->isVisible());
}

void TestProviderChooser::choosingEnablesNext()
{
    ProviderChooser chooser(ProviderCatalogue::builtIn());
    chooser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chooser));
    auto *next = chooser.findChild<QPushButton *>(QStringLiteral("providerChooserNext"));
    QVERIFY(next);
    QVERIFY(!next->isEnabled());

    auto *list = chooser.findChild<QListWidget *>(QStringLiteral("providerList"));
    const QRect rect = list->visualItemRect(list->item(8));
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
