// The Outbox on the real window (scratch profile), against the real SMTP server
// (tests/env/smtp.sh): a refused recipient becomes a failed entry showing the server's words,
// which the user discards (after a confirmation); a message whose server could not be reached
// waits with its next retry, and Resend (after the account is fixed) sends it: it leaves the
// list live and Sent has the copy. Reached from the Mail page and the SMTP Accounts page, the
// labels count the waiting messages. The same in German, with the Content Filtering dialog and
// the scheduler's messages. Screenshots of each state.
#include "app/services/appcontext.h"
#include "app/services/outbox/outboxlistmodel.h"
#include "app/services/outbox/outboxservice.h"
#include "app/services/profile.h"
#include "app/services/secretstore.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "models/store.h"
#include "support/apptestwindow.h"
#include "support/deadport.h"
#include "support/screenshot.h"
#include "support/testenv.h"
#include "support/widgetlookup.h"
#include "ui/connectivitypage.h"
#include "ui/contentfilteringdialog.h"
#include "ui/mailpage.h"
#include "ui/mainwindow.h"
#include "ui/outboxdialog.h"
#include "ui/translations.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

#include <memory>

using namespace Tributary;
using namespace Tributary::Ui;
using TestEnv::child;

class tst_OutboxDialog : public QObject
{
    Q_OBJECT

    QString m_user, m_password, m_port;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    SmtpAccount m_account;

    void screenshot(QWidget *widget, const QString &name)
    {
        TRIBUTARY_SCREENSHOT(widget, QStringLiteral("outbox-") + name);
    }
    qint64 enqueue(const QString &to, const QString &subject)
    {
        const QByteArray message = "From: Me <me@example.test>\r\nTo: " + to.toUtf8()
            + "\r\nSubject: " + subject.toUtf8() + "\r\nMessage-ID: <"
            + QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8()
            + "@example.test>\r\n\r\nHello.\r\n";
        OutboxService::Envelope envelope;
        envelope.recipients = {to};
        envelope.subject = subject;
        QString error;
        const qint64 id = m_context->outbox().enqueue(m_account.uuid, message, envelope, &error);
        if (id <= 0)
            qWarning() << error;
        return id;
    }
    OutboxDialog *openFromMailPage()
    {
        m_window->showPage(PageInfo::Id::Mail);
        auto *button
            = m_window->mailPage()->findChild<QToolButton *>(QStringLiteral("outboxActionButton"));
        if (!button || !button->isVisible() || button->text() != button->defaultAction()->text())
            return nullptr;
        QTest::mouseClick(button, Qt::LeftButton);
        return m_window->findChild<OutboxDialog *>(QStringLiteral("OutboxDialog"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        TRIBUTARY_REQUIRE_ENV(m_port, "smtp", "SMTP_PORT");
        TRIBUTARY_REQUIRE_ENV(m_user, "smtp", "SMTP_USER");
        TRIBUTARY_REQUIRE_ENV(m_password, "smtp", "SMTP_PASSWORD");
    }
    void init()
    {
        QString error;
        m_context = TestEnv::openScratchContext(QStringLiteral("outboxdialog"),
                                                QStringLiteral("Tributary-test"), &error);
        QVERIFY2(m_context, qPrintable(error));
        QVERIFY2(TestEnv::addFixtureSmtpAccount(*m_context, quint16(m_port.toUInt()), m_user,
                                                m_password, &m_account, &error),
                 qPrintable(error));
        m_window = std::make_unique<MainWindow>(*m_context);
        QVERIFY(TestEnv::showTestWindow(*m_window));
    }
    void cleanup()
    {
        m_window.reset();
        m_context.reset();
    }

    // 550 for a refused recipient: a failed entry with the server's words; Discard asks
    // first, Keep keeps it, Discard removes it (from the store too).
    void refusedRecipientFailsThenDiscard()
    {
        QAction *action = m_window->mailPage()->outboxAction();
        QVERIFY(action);
        QCOMPARE(action->text(), QStringLiteral("Outbox"));
        QSignalSpy failed(&m_context->outbox(), &OutboxService::failed);
        const qint64 id = enqueue(QStringLiteral("reject-me@example.test"),
                                  QStringLiteral("To a refused address"));
        QVERIFY(id > 0);
        QVERIFY(failed.wait(60000) || !failed.isEmpty());
        QCOMPARE(failed.first().at(0).toLongLong(), id);
        QTRY_COMPARE_WITH_TIMEOUT(action->text(), QStringLiteral("Outbox (1)"), 30000);

        QPointer<OutboxDialog> dialog = openFromMailPage();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 30000);
        QAbstractItemModelTester tester(dialog->table()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView *table = dialog->table();
        QCOMPARE(table->model()->rowCount(), 1);
        auto cell = [table](OutboxListModel::Column column) {
            return table->model()->index(0, int(column)).data().toString();
        };
        QCOMPARE(cell(OutboxListModel::Column::Recipients),
                 QStringLiteral("reject-me@example.test"));
        QCOMPARE(cell(OutboxListModel::Column::Subject), QStringLiteral("To a refused address"));
        QCOMPARE(cell(OutboxListModel::Column::Account),
                 QStringLiteral("Me at Work <me@example.test>"));
        QCOMPARE(cell(OutboxListModel::Column::State), QStringLiteral("Failed"));
        QVERIFY2(cell(OutboxListModel::Column::LastError).contains(QLatin1String("550")),
                 qPrintable(cell(OutboxListModel::Column::LastError)));
        auto *details = child<QLabel>(dialog, "outboxDetails");
        QVERIFY(details && details->isVisible());
        QVERIFY2(details->text().contains(QLatin1String("550")), qPrintable(details->text()));
        auto *resend = child<QPushButton>(dialog, "resendButton");
        auto *discard = child<QPushButton>(dialog, "discardButton");
        QVERIFY(resend && discard);
        QVERIFY(resend->isEnabled() && discard->isEnabled());
        // Keyboard: the table has focus and every button a name.
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog, 30000));
        QTRY_VERIFY_WITH_TIMEOUT(table->hasFocus(), 30000);
        for (QPushButton *b : dialog->findChildren<QPushButton *>())
            QVERIFY2(!b->accessibleName().isEmpty(), qPrintable(b->objectName()));
        screenshot(dialog, QStringLiteral("failed"));

        // The Delete key in the table asks; Keep leaves the entry.
        QTest::keyClick(table, Qt::Key_Delete);
        QMessageBox *box
            = dialog->findChild<QMessageBox *>(QStringLiteral("discardOutboxQuestion"));
        QVERIFY(box);
        QTRY_VERIFY_WITH_TIMEOUT(box->isVisible(), 30000);
        QVERIFY(box->text().contains(QLatin1String("To a refused address")));
        screenshot(box, QStringLiteral("discard-question"));
        QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            !dialog->findChild<QMessageBox *>(QStringLiteral("discardOutboxQuestion")), 30000);
        QVERIFY(m_context->store().outboxEntry(id));
        QCOMPARE(table->model()->rowCount(), 1);

        QTest::mouseClick(discard, Qt::LeftButton);
        box = dialog->findChild<QMessageBox *>(QStringLiteral("discardOutboxQuestion"));
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 0, 30000);
        QVERIFY(!m_context->store().outboxEntry(id));
        auto *empty = child<QLabel>(dialog, "outboxEmptyLabel");
        QVERIFY(empty && empty->isVisible());
        QCOMPARE(action->text(), QStringLiteral("Outbox"));
        screenshot(dialog, QStringLiteral("empty"));
    }

    // The server cannot be reached: the entry waits with its next retry (SMTP Accounts page's
    // button counts it). Once the account points at the server again, Resend sends it: the
    // row leaves the list while the dialog is open, and the copy is in Sent.
    void waitingMessageResentLeavesTheList()
    {
        // A port nobody listens on: connection refused, a transient failure.
        const TestEnv::DeadPort dead;
        QVERIFY(dead.port() != 0);
        SmtpAccount broken = m_account;
        broken.port = dead.port();
        QVERIFY(m_context->store().updateSmtpAccount(broken));

        QSignalSpy deferred(&m_context->outbox(), &OutboxService::deferred);
        const qint64 id = enqueue(QStringLiteral("you@example.test"), QStringLiteral("Waiting"));
        QVERIFY(id > 0);
        QVERIFY(deferred.wait(60000) || !deferred.isEmpty());

        m_window->showPage(PageInfo::Id::SmtpAccounts);
        ConnectivityPage *page = m_window->connectivityPage(PageInfo::Id::SmtpAccounts);
        auto *button = page->findChild<QPushButton *>(QStringLiteral("outboxButton"));
        QVERIFY(button);
        QTRY_COMPARE_WITH_TIMEOUT(button->text(), QStringLiteral("Outbox (1)"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(button->isVisible(), 30000);
        QTest::mouseClick(button, Qt::LeftButton);
        QPointer<OutboxDialog> dialog
            = m_window->findChild<OutboxDialog *>(QStringLiteral("OutboxDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 30000);
        QTableView *table = dialog->table();
        QCOMPARE(table->model()->rowCount(), 1);
        const QModelIndex state = table->model()->index(0, int(OutboxListModel::Column::State));
        QCOMPARE(state.data().toString(), QStringLiteral("Waiting to retry"));
        QVERIFY(!table->model()
                     ->index(0, int(OutboxListModel::Column::NextAttempt))
                     .data()
                     .toString()
                     .isEmpty());
        QVERIFY(child<QLabel>(dialog, "outboxDetails")->text().contains(QLatin1String("refused")));
        screenshot(dialog, QStringLiteral("waiting"));

        QVERIFY(m_context->store().updateSmtpAccount(m_account));
        QSignalSpy sent(&m_context->outbox(), &OutboxService::sent);
        QSignalSpy removed(table->model(), &QAbstractItemModel::rowsRemoved);
        auto *resend = child<QPushButton>(dialog, "resendButton");
        QVERIFY(resend->isEnabled());
        // Alt+R, as a keyboard user would.
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog, 30000));
        QTest::keyClick(dialog, Qt::Key_R, Qt::AltModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty(), 60000);
        QCOMPARE(sent.first().at(0).toLongLong(), id);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 0, 30000);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(m_context->store().outboxEntry(id)->state, OutboxEntry::State::Sent);
        const qint64 copy = sent.first().at(2).toLongLong();
        QVERIFY(copy > 0);
        const qint64 sentFolder = m_context->store().specialFolder(Folder::SpecialUse::Sent);
        QVERIFY(sentFolder > 0);
        QCOMPARE(m_context->store().messageCount(sentFolder), qint64(1));
        QTRY_COMPARE_WITH_TIMEOUT(button->text(), QStringLiteral("Outbox"), 30000);
        screenshot(dialog, QStringLiteral("sent"));
    }

    // German: the Outbox, the Content Filtering dialog and the scheduler's words.
    void german()
    {
        const QList<QTranslator *> translators
            = installTranslations(QLocale(QLocale::German, QLocale::Germany), this);
        QVERIFY(!translators.isEmpty());
        auto restore = qScopeGuard([&translators] {
            for (QTranslator *t : translators)
                QCoreApplication::removeTranslator(t);
        });
        QCOMPARE(QCoreApplication::translate("Tributary::RetrievalScheduler", "%n new message(s)",
                                             nullptr, 1),
                 QStringLiteral("1 neue Nachricht"));
        QCOMPARE(QCoreApplication::translate("Tributary::RetrievalScheduler", "%n new message(s)",
                                             nullptr, 3),
                 QStringLiteral("3 neue Nachrichten"));
        QCOMPARE(QCoreApplication::translate("Tributary::RetrievalScheduler",
                                             "The retrieval ended without a result."),
                 QStringLiteral("Der Abruf endete ohne Ergebnis."));

        m_window = std::make_unique<MainWindow>(*m_context);
        QVERIFY(TestEnv::showTestWindow(*m_window));
        QSignalSpy failed(&m_context->outbox(), &OutboxService::failed);
        QVERIFY(enqueue(QStringLiteral("reject-de@example.test"), QStringLiteral("Abgelehnt")) > 0);
        QVERIFY(failed.wait(60000) || !failed.isEmpty());
        QAction *action = m_window->mailPage()->outboxAction();
        QTRY_COMPARE_WITH_TIMEOUT(action->text(), QStringLiteral("Postausgang (1)"), 30000);
        m_window->showPage(PageInfo::Id::Mail);
        screenshot(m_window.get(), QStringLiteral("de-mailpage"));
        QPointer<OutboxDialog> dialog = openFromMailPage();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 30000);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Postausgang"));
        QCOMPARE(dialog->table()
                     ->model()
                     ->index(0, int(OutboxListModel::Column::State))
                     .data()
                     .toString(),
                 QStringLiteral("Fehlgeschlagen"));
        QCOMPARE(child<QPushButton>(dialog, "resendButton")->text(),
                 QStringLiteral("&Erneut senden"));
        screenshot(dialog, QStringLiteral("de-failed"));

        auto *filtering = new ContentFilteringDialog(m_context->store(), m_window.get());
        filtering->setAttribute(Qt::WA_DeleteOnClose);
        filtering->show();
        QVERIFY(QTest::qWaitForWindowExposed(filtering, 30000));
        QCOMPARE(filtering->windowTitle(), QStringLiteral("Inhaltsfilter"));
        screenshot(filtering, QStringLiteral("de-contentfiltering"));
        filtering->close();
    }
};

QTEST_MAIN(tst_OutboxDialog)
#include "tst_outboxdialog.moc"
