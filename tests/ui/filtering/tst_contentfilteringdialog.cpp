// The Content Filtering dialog from the Email Retrieval page of the real window (scratch
// profile): a rule added through the rule editor appears in the list and the store, rules
// reorder and are removed; the spamd Test button against the real spamd (fixture spamd)
// says it works, and says the connection was refused on a wrong port. Screenshots of the
// dialog and the rule editor.
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "models/filterrulelistmodel.h"
#include "models/store.h"
#include "support/apptestwindow.h"
#include "support/deadport.h"
#include "support/screenshot.h"
#include "support/testenv.h"
#include "support/widgetlookup.h"
#include "ui/connectivitypage.h"
#include "ui/contentfilteringdialog.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Tributary;
using namespace Tributary::Ui;
using TestEnv::child;
using TestEnv::typeInto;

class tst_ContentFilteringDialog : public QObject
{
    Q_OBJECT

    quint16 m_spamdPort = 0;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;

    static void screenshot(QWidget *widget, const QString &name)
    {
        TRIBUTARY_SCREENSHOT(widget, QStringLiteral("contentfiltering-") + name);
    }
    ContentFilteringDialog *openDialog()
    {
        m_window->showPage(PageInfo::Id::Retrieval);
        ConnectivityPage *page = m_window->connectivityPage(PageInfo::Id::Retrieval);
        auto *button = page
            ? page->findChild<QPushButton *>(QStringLiteral("contentFilteringButton"))
            : nullptr;
        if (!button || !button->isVisible())
            return nullptr;
        QTest::mouseClick(button, Qt::LeftButton);
        return m_window->findChild<ContentFilteringDialog *>(
            QStringLiteral("ContentFilteringDialog"));
    }
    // Adds a rule through the editor: Subject contains `text`, mark read.
    bool addRule(ContentFilteringDialog *dialog, const QString &name, const QString &text,
                 bool shoot = false)
    {
        QTest::mouseClick(child<QPushButton>(dialog, "addRuleButton"), Qt::LeftButton);
        // The editor just opened (a closed one may still wait for its deferred delete).
        FilterRuleDialog *editor = nullptr;
        for (FilterRuleDialog *d : dialog->findChildren<FilterRuleDialog *>()) {
            if (d->isVisible())
                editor = d;
        }
        if (!editor || !QTest::qWaitForWindowExposed(editor, 30000)) {
            qWarning("no rule editor");
            return false;
        }
        auto *nameEdit = child<QLineEdit>(editor, "ruleNameEdit");
        auto *value = child<QLineEdit>(editor, "conditionValue0");
        auto *field = child<QComboBox>(editor, "conditionField0");
        auto *op = child<QComboBox>(editor, "conditionOp0");
        auto *markRead = child<QCheckBox>(editor, "markReadActionCheck");
        auto *ok = child<QPushButton>(editor, "ruleOkButton");
        auto *error = child<QLabel>(editor, "ruleErrorLabel");
        if (!nameEdit || !value || !field || !op || !markRead || !ok || !error) {
            qWarning("rule editor controls missing");
            return false;
        }
        typeInto(nameEdit, name);
        field->setCurrentIndex(field->findData(int(FilterCondition::Field::Subject)));
        op->setCurrentIndex(op->findData(int(FilterCondition::Op::Contains)));
        typeInto(value, text);
        // Without an action OK refuses and says why.
        QTest::mouseClick(ok, Qt::LeftButton);
        if (!editor->isVisible() || error->isHidden() || error->text().isEmpty()) {
            qWarning("OK without an action: %d %d %s", int(editor->isVisible()),
                     int(error->isHidden()), qPrintable(error->text()));
            return false;
        }
        if (shoot)
            screenshot(editor, QStringLiteral("editor-error"));
        markRead->setChecked(true);
        if (shoot)
            screenshot(editor, QStringLiteral("editor"));
        QPointer<FilterRuleDialog> guard(editor);
        QTest::mouseClick(ok, Qt::LeftButton);
        const bool closed = QTest::qWaitFor([&] { return guard.isNull() || !guard->isVisible(); });
        if (!closed)
            qWarning("editor stayed open: %s", qPrintable(error->text()));
        return closed;
    }
    QStringList storedNames()
    {
        QStringList names;
        for (const FilterRule &r : m_context->store().filterRules())
            names.append(r.name);
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString port;
        TRIBUTARY_REQUIRE_ENV(port, "spamd", "SPAMD_PORT");
        m_spamdPort = quint16(port.toUInt());
    }
    void init()
    {
        QString error;
        m_context = TestEnv::openScratchContext(QStringLiteral("contentfilteringdialog"),
                                                QStringLiteral("Tributary-test"), &error);
        QVERIFY2(m_context, qPrintable(error));
        m_window = std::make_unique<MainWindow>(*m_context);
        QVERIFY(TestEnv::showTestWindow(*m_window));
    }
    void cleanup()
    {
        m_window.reset();
        m_context.reset();
    }

    void rulesAddReorderRemove()
    {
        QPointer<ContentFilteringDialog> dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog, 30000));
        for (QPushButton *b : dialog->findChildren<QPushButton *>())
            QVERIFY2(!b->accessibleName().isEmpty() || b->text().isEmpty(),
                     qPrintable(b->objectName()));
        screenshot(dialog, QStringLiteral("empty"));
        QTableView *view = dialog->rulesView();
        QCOMPARE(view->model()->rowCount(), 0);
        QVERIFY(!child<QPushButton>(dialog, "removeRuleButton")->isEnabled());

        QVERIFY(addRule(dialog, QStringLiteral("Newsletters"), QStringLiteral("newsletter"), true));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, 30000);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("Newsletters"));
        QCOMPARE(view->model()->index(0, 1).data().toString(),
                 QStringLiteral("Subject contains \"newsletter\""));
        QCOMPARE(storedNames(), QStringList({QStringLiteral("Newsletters")}));
        const FilterRule stored = m_context->store().filterRules().first();
        QCOMPARE(stored.actions.size(), 1);
        QCOMPARE(stored.actions.first().kind, FilterAction::Kind::MarkRead);

        QVERIFY(addRule(dialog, QStringLiteral("Invoices"), QStringLiteral("invoice")));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, 30000);
        QCOMPARE(storedNames(),
                 QStringList({QStringLiteral("Newsletters"), QStringLiteral("Invoices")}));
        screenshot(dialog, QStringLiteral("two-rules"));

        // The new rule is current: Up moves it first, in the list and in the store.
        QCOMPARE(view->currentIndex().row(), 1);
        auto *up = child<QPushButton>(dialog, "moveRuleUpButton");
        auto *down = child<QPushButton>(dialog, "moveRuleDownButton");
        QVERIFY(up->isEnabled());
        QVERIFY(!down->isEnabled());
        QTest::mouseClick(up, Qt::LeftButton);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("Invoices"));
        QCOMPARE(storedNames(),
                 QStringList({QStringLiteral("Invoices"), QStringLiteral("Newsletters")}));
        QCOMPARE(view->currentIndex().row(), 0);
        QVERIFY(!up->isEnabled());
        QTest::mouseClick(down, Qt::LeftButton);
        QCOMPARE(storedNames(),
                 QStringList({QStringLiteral("Newsletters"), QStringLiteral("Invoices")}));

        // Remove the current one (Invoices, now second).
        QTest::mouseClick(child<QPushButton>(dialog, "removeRuleButton"), Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(storedNames(), QStringList({QStringLiteral("Newsletters")}));
    }

    void spamdTest()
    {
        QPointer<ContentFilteringDialog> dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog, 30000));
        auto *enabled = child<QCheckBox>(dialog, "spamdEnabledCheck");
        auto *host = child<QLineEdit>(dialog, "spamdHostEdit");
        auto *port = child<QSpinBox>(dialog, "spamdPortSpin");
        auto *test = child<QPushButton>(dialog, "spamdTestButton");
        auto *status = child<QLabel>(dialog, "spamdStatusLabel");
        QVERIFY(enabled && host && port && test && status);
        QCOMPARE(host->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(port->value(), 783);

        QTest::mouseClick(enabled, Qt::LeftButton);
        port->setValue(m_spamdPort);
        QCOMPARE(m_context->store().spamdSettings().port, m_spamdPort);
        QVERIFY(m_context->store().spamdSettings().enabled);

        QSignalSpy tested(dialog.data(), &ContentFilteringDialog::spamdTestFinished);
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(tested.wait(60000));
        QCOMPARE(tested.takeFirst().at(0).toBool(), true);
        QVERIFY2(status->text().contains(QLatin1String("spamd works")), qPrintable(status->text()));
        screenshot(dialog, QStringLiteral("spamd-works"));

        const TestEnv::DeadPort dead;
        QVERIFY(dead.port() != 0);
        port->setValue(dead.port());
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(tested.wait(60000));
        QCOMPARE(tested.takeFirst().at(0).toBool(), false);
        QVERIFY2(status->text().contains(QLatin1String("refused")), qPrintable(status->text()));
        screenshot(dialog, QStringLiteral("spamd-refused"));
    }
};

QTEST_MAIN(tst_ContentFilteringDialog)
#include "tst_contentfilteringdialog.moc"
