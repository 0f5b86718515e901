// The Email Retrieval page of the real window (scratch profile) against the real Dovecot:
// New Retrieval Task through the provider chooser and the task dialog (POP and IMAP), the
// connection test on save failing in words (wrong password, wrong port, TLS required on a plain
// port, an untrusted certificate that the user then trusts) and then succeeding, Retrieve
// Messages Now with the running indicator and the new-mail notification, the messages in the
// Mail view, Edit and Delete (retrieved messages stay). Screenshots of each state.
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "app/services/secretstore.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "models/retrievaltasklistmodel.h"
#include "models/store.h"
#include "support/apptestwindow.h"
#include "support/deadport.h"
#include "support/mailviewtest.h"
#include "support/screenshot.h"
#include "support/testenv.h"
#include "support/widgetlookup.h"
#include "ui/connectivitypage.h"
#include "ui/mailpage.h"
#include "ui/mainwindow.h"
#include "ui/notifier.h"
#include "ui/overviewpage.h"
#include "ui/providerchooser.h"
#include "ui/retrievaltaskdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Tributary;
using namespace Tributary::Ui;
using TestEnv::child;

class tst_RetrievalTaskDialog : public QObject
{
    Q_OBJECT

    QString m_host, m_imapPort, m_imapsPort, m_popPort, m_deliver, m_reset;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;

    void screenshot(QWidget *widget, const QString &name)
    {
        TRIBUTARY_SCREENSHOT(widget, QStringLiteral("retrievaltask-") + name);
    }
    static void typeInto(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    bool runTool(const QString &command, const QStringList &extra)
    {
        QStringList args = QProcess::splitCommand(command);
        const QString program = args.takeFirst();
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(program, args + extra);
        return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit
            && p.exitCode() == 0;
    }
    // Empties the user's mailbox and delivers `count` messages to its INBOX.
    bool prepareMailbox(const QString &user, int count)
    {
        if (!runTool(m_reset, {user}))
            return false;
        const QString dir = TestEnv::scratchDir(QStringLiteral("retrievaltask-mail-") + user);
        QStringList files;
        for (int i = 0; i < count; ++i) {
            const QString path = dir + QStringLiteral("/%1.eml").arg(i);
            QFile f(path);
            const QByteArray message = "From: Sender <sender@example.test>\r\n"
                                       "To: "
                + user.toLatin1()
                + "@example.test\r\n"
                  "Subject: Retrieval test "
                + QByteArray::number(i)
                + "\r\n"
                  "Date: Fri, 27 Nov 2026 06:00:00 +0000\r\n"
                  "Message-ID: <rt-"
                + user.toLatin1() + '-' + QByteArray::number(i)
                + "@example.test>\r\n"
                  "\r\n"
                  "Body of message "
                + QByteArray::number(i) + "\r\n";
            if (!f.open(QIODevice::WriteOnly) || f.write(message) != message.size())
                return false;
            files.append(path);
        }
        return runTool(m_deliver, QStringList {user, QStringLiteral("INBOX")} + files);
    }
    // Clicks the page's primary action, picks `providerId` in the chooser and returns the task
    // dialog it opens.
    RetrievalTaskDialog *openNewDialog(const QString &providerId, bool shoot = false)
    {
        m_window->showPage(PageInfo::Id::Retrieval);
        ConnectivityPage *page = m_window->connectivityPage(PageInfo::Id::Retrieval);
        if (!page || !page->primaryButton())
            return nullptr;
        QTest::mouseClick(page->primaryButton(), Qt::LeftButton);
        auto *chooser = m_window->findChild<ProviderChooser *>(QStringLiteral("providerChooser"));
        if (!chooser || !chooser->isVisible() || !chooser->selectProvider(providerId))
            return nullptr;
        if (shoot)
            screenshot(chooser, QStringLiteral("chooser"));
        QTest::mouseClick(child<QPushButton>(chooser, "providerChooserNext"), Qt::LeftButton);
        const QList<RetrievalTaskDialog *> dialogs
            = m_window->findChildren<RetrievalTaskDialog *>(QStringLiteral("RetrievalTaskDialog"));
        for (RetrievalTaskDialog *dialog : dialogs) {
            if (dialog->isVisible())
                return dialog;
        }
        return nullptr;
    }
    QTableView *table() const
    {
        return m_window->connectivityPage(PageInfo::Id::Retrieval)->table();
    }
    bool selectTask(const QUuid &uuid)
    {
        QAbstractItemModel *model = table()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(RetrievalTaskListModel::UuidRole).toUuid() == uuid) {
                table()->setCurrentIndex(model->index(row, 0));
                return true;
            }
        }
        return false;
    }
    QPushButton *rowButton(const char *name) const
    {
        return m_window->connectivityPage(PageInfo::Id::Retrieval)
            ->findChild<QPushButton *>(QLatin1String(name));
    }
    // Saves and waits for the connection test to end with an error in the dialog.
    QString saveExpectingError(RetrievalTaskDialog *dialog)
    {
        auto *save = child<QPushButton>(dialog, "saveButton");
        QTest::mouseClick(save, Qt::LeftButton);
        if (!dialog->isBusy())
            return QStringLiteral("<not busy>");
        if (!QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 60000))
            return QStringLiteral("<still busy>");
        auto *error = child<QLabel>(dialog, "errorLabel");
        return dialog->isVisible() && error->isVisible() ? error->text() : QString();
    }
    // The messages the Mail view lists for `folderId`.
    int mailViewCount(qint64 folderId)
    {
        return TestEnv::mailViewCount(*m_window, *m_context, folderId);
    }

private Q_SLOTS:
    void initTestCase()
    {
        TRIBUTARY_REQUIRE_ENV(m_host, "dovecot", "IMAP_HOST");
        TRIBUTARY_REQUIRE_ENV(m_imapPort, "dovecot", "IMAP_PORT");
        TRIBUTARY_REQUIRE_ENV(m_imapsPort, "dovecot", "IMAPS_PORT");
        TRIBUTARY_REQUIRE_ENV(m_popPort, "dovecot", "POP3_PORT");
        TRIBUTARY_REQUIRE_ENV(m_deliver, "dovecot", "DELIVER");
        TRIBUTARY_REQUIRE_ENV(m_reset, "dovecot", "RESET");
    }
    void init()
    {
        QString error;
        m_context = TestEnv::openScratchContext(QStringLiteral("retrievaltaskdialog"),
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

    // Provider pre-fill, app-password help, type switching and port suggestions.
    void formFollowsProviderTypeAndSsl()
    {
        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("gmail"), true);
        QVERIFY(dialog);
        auto *type = child<QComboBox>(dialog, "typeCombo");
        auto *server = child<QLineEdit>(dialog, "serverEdit");
        auto *port = child<QSpinBox>(dialog, "portSpin");
        auto *ssl = child<QCheckBox>(dialog, "sslCheck");
        auto *user = child<QLineEdit>(dialog, "usernameEdit");
        auto *help = child<QLabel>(dialog, "appPasswordHelpLabel");
        QVERIFY(type && server && port && ssl && user && help);
        // Gmail offers sign-in and an app password; sign-in comes first and needs no help.
        auto *auth = child<QComboBox>(dialog, "authCombo");
        QVERIFY(auth && auth->isVisible());
        QVERIFY(dialog->isOAuthForm());
        QVERIFY(!help->isVisible());
        auth->setCurrentIndex(auth->findData(int(RetrievalTask::AuthKind::Password)));
        QVERIFY(!dialog->isOAuthForm());
        QCOMPARE(dialog->kind(), RetrievalTask::Kind::Imap);
        QCOMPARE(server->text(), QStringLiteral("imap.gmail.com"));
        QCOMPARE(port->value(), 993);
        QVERIFY(ssl->isChecked());
        QVERIFY(help->isVisible());
        QVERIFY(help->text().contains(QLatin1String("app password")));
        QVERIFY(child<QWidget>(dialog, "folderTransferBox")->isVisible());
        QVERIFY(!child<QWidget>(dialog, "apopCheck")->isVisible());
        screenshot(dialog, QStringLiteral("gmail-imap"));

        // The other protocol takes the provider's other host; typed values stay.
        typeInto(user, QStringLiteral("someone@gmail.com"));
        type->setCurrentIndex(type->findData(int(RetrievalTask::Kind::Pop3)));
        QCOMPARE(server->text(), QStringLiteral("pop.gmail.com"));
        QCOMPARE(port->value(), 995);
        QCOMPARE(user->text(), QStringLiteral("someone@gmail.com"));
        QVERIFY(child<QWidget>(dialog, "apopCheck")->isVisible());
        QVERIFY(child<QWidget>(dialog, "leaveOnServerCheck")->isVisible());
        QVERIFY(child<QWidget>(dialog, "destinationFolderView")->isVisible());
        QVERIFY(!child<QWidget>(dialog, "folderTransferBox")->isVisible());
        ssl->setChecked(false);
        QCOMPARE(port->value(), 110);
        ssl->setChecked(true);
        QCOMPARE(port->value(), 995);
        // A port the user typed is kept.
        port->setValue(1995);
        ssl->setChecked(false);
        type->setCurrentIndex(type->findData(int(RetrievalTask::Kind::Imap)));
        QCOMPARE(port->value(), 1995);
        typeInto(server, QStringLiteral("mail.example.test"));
        type->setCurrentIndex(type->findData(int(RetrievalTask::Kind::Pop3)));
        QCOMPARE(server->text(), QStringLiteral("mail.example.test"));

        // Every control is labelled for assistive technology.
        for (QWidget *w : dialog->findChildren<QWidget *>()) {
            if (qobject_cast<QLineEdit *>(w) || qobject_cast<QPushButton *>(w)
                || qobject_cast<QCheckBox *>(w) || qobject_cast<QComboBox *>(w)
                || qobject_cast<QSpinBox *>(w) || qobject_cast<QRadioButton *>(w)
                || qobject_cast<QTreeView *>(w)) {
                if (w->objectName() == QLatin1String("qt_spinbox_lineedit"))
                    continue;
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
            }
        }

        // Validation happens in the dialog before anything is contacted.
        server->clear();
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(!dialog->isBusy());
        QVERIFY(child<QLabel>(dialog, "errorLabel")->isVisible());
        QVERIFY(child<QLabel>(dialog, "errorLabel")->text().contains(QLatin1String("server")));
        QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QVERIFY(m_context->store().retrievalTasks().isEmpty());
    }

    // Cancel during the connection test stops it, keeps the dialog open and saves nothing.
    void cancelDuringTest()
    {
        QTcpServer silent; // accepts and never greets
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("other-pop"));
        QVERIFY(dialog);
        typeInto(child<QLineEdit>(dialog, "serverEdit"), QStringLiteral("127.0.0.1"));
        child<QSpinBox>(dialog, "portSpin")->setValue(silent.serverPort());
        typeInto(child<QLineEdit>(dialog, "usernameEdit"), QStringLiteral("u22"));
        typeInto(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("pw-u22"));
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(dialog->isBusy());
        QVERIFY(child<QWidget>(dialog, "busyIndicator")->isVisible());
        QVERIFY(!child<QPushButton>(dialog, "saveButton")->isEnabled());
        screenshot(dialog, QStringLiteral("testing"));
        QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QVERIFY(dialog->isVisible());
        QVERIFY(child<QLabel>(dialog, "errorLabel")->text().contains(QLatin1String("ancel")));
        QVERIFY(m_context->store().retrievalTasks().isEmpty());
        QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
    }

    void popTaskEndToEnd()
    {
        const QString user = QStringLiteral("u20");
        QVERIFY(prepareMailbox(user, 3));
        Store &store = m_context->store();

        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("other-pop"), true);
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), RetrievalTask::Kind::Pop3);
        auto *port = child<QSpinBox>(dialog, "portSpin");
        auto *ssl = child<QCheckBox>(dialog, "sslCheck");
        auto *password = child<QLineEdit>(dialog, "passwordEdit");
        QCOMPARE(port->value(), 110);
        QVERIFY(!ssl->isChecked());
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(child<QCheckBox>(dialog, "leaveOnServerCheck")->isChecked());
        screenshot(dialog, QStringLiteral("pop-empty"));

        typeInto(child<QLineEdit>(dialog, "serverEdit"), m_host);
        typeInto(child<QLineEdit>(dialog, "usernameEdit"), user);
        typeInto(password, QStringLiteral("wrong-password"));
        port->setValue(m_popPort.toInt());

        // Wrong password: the server's refusal in the dialog, nothing saved.
        QString error = saveExpectingError(dialog);
        QVERIFY2(error.contains(QLatin1String("user name or password"))
                     || error.contains(QLatin1String("Signing in")),
                 qPrintable(error));
        QVERIFY(store.retrievalTasks().isEmpty());
        screenshot(dialog, QStringLiteral("pop-error-password"));

        // Wrong port: connection refused, in words.
        typeInto(password, QStringLiteral("pw-u20"));
        const TestEnv::DeadPort dead;
        QVERIFY(dead.port() != 0);
        port->setValue(dead.port());
        error = saveExpectingError(dialog);
        QVERIFY2(error.contains(QLatin1String("refused the connection")), qPrintable(error));
        QVERIFY(store.retrievalTasks().isEmpty());

        // Require SSL on the plain port: no secure connection, no password sent, nothing saved.
        ssl->setChecked(true);
        port->setValue(m_popPort.toInt());
        error = saveExpectingError(dialog);
        QVERIFY2(error.contains(QLatin1String("TLS")) || error.contains(QLatin1String("secure"))
                     || error.contains(QLatin1String("encrypted")),
                 qPrintable(error));
        QVERIFY(store.retrievalTasks().isEmpty());
        screenshot(dialog, QStringLiteral("pop-error-tls"));

        // Right settings: saved, the dialog closes, the task is listed.
        ssl->setChecked(false);
        port->setValue(m_popPort.toInt());
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        child<QTreeView>(dialog, "destinationFolderView")
            ->setCurrentIndex(m_context->folderModel()->indexForFolder(inbox));
        screenshot(dialog, QStringLiteral("pop-filled"));
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 60000);
        QList<RetrievalTask> tasks = store.retrievalTasks();
        QCOMPARE(tasks.size(), 1);
        const RetrievalTask task = tasks.first();
        QCOMPARE(task.kind, RetrievalTask::Kind::Pop3);
        QCOMPARE(task.username, user);
        QCOMPARE(task.port, quint16(m_popPort.toInt()));
        QCOMPARE(task.security, RetrievalTask::Security::None);
        QCOMPARE(task.destinationFolderId, inbox);
        QVERIFY(task.leaveOnServer);
        QCOMPARE(task.providerId, QStringLiteral("other-pop"));
        QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(table()->isVisible(), 30000);

        // Retrieve Messages Now: the row shows the run, then the new-mail notification.
        QVERIFY(selectTask(task.uuid));
        QPushButton *now = rowButton("retrieveNowActionButton");
        QVERIFY(now && now->isVisible() && now->isEnabled());
        QSignalSpy started(&m_context->retrievalScheduler(), &RetrievalScheduler::runStarted);
        QSignalSpy ended(&m_context->retrievalScheduler(), &RetrievalScheduler::runEnded);
        QSignalSpy notified(m_window->notifier(), &Notifier::notified);
        QTest::mouseClick(now, Qt::LeftButton);
        QCOMPARE(started.size(), 1);
        const QModelIndex row = table()->model()->index(0, 0);
        const int statusColumn = int(RetrievalTaskListModel::Column::Status);
        if (ended.isEmpty()) {
            QVERIFY(row.data(RetrievalTaskListModel::RunningRole).toBool());
            QVERIFY(row.siblingAtColumn(statusColumn)
                        .data()
                        .toString()
                        .startsWith(QStringLiteral("Retrieving")));
            screenshot(m_window.get(), QStringLiteral("page-running"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 60000);
        QVERIFY(!row.data(RetrievalTaskListModel::RunningRole).toBool());
        QCOMPARE(row.siblingAtColumn(statusColumn).data().toString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!notified.isEmpty(), 30000);
        bool told = false;
        for (const QList<QVariant> &args : std::as_const(notified))
            told = told
                || args.at(1).toString() == QStringLiteral("3 new messages from u20@") + m_host;
        QVERIFY2(told, qPrintable(notified.first().at(1).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(
            row.siblingAtColumn(int(RetrievalTaskListModel::Column::LastCount)).data().toInt(), 3,
            30000);
        screenshot(m_window.get(), QStringLiteral("page-pop"));

        // The Mail view lists them in the destination folder.
        QTRY_COMPARE_WITH_TIMEOUT(mailViewCount(inbox), 3, 30000);
        screenshot(m_window.get(), QStringLiteral("mail-after-pop"));

        // Edit: the same dialog, filled; a blank password keeps the stored one.
        m_window->showPage(PageInfo::Id::Retrieval);
        QVERIFY(selectTask(task.uuid));
        QTest::mouseClick(rowButton("editRetrievalTaskActionButton"), Qt::LeftButton);
        dialog = m_window->findChild<RetrievalTaskDialog *>(QStringLiteral("RetrievalTaskDialog"));
        QVERIFY(dialog && dialog->isEditing());
        QCOMPARE(child<QLineEdit>(dialog, "usernameEdit")->text(), user);
        QCOMPARE(child<QSpinBox>(dialog, "portSpin")->value(), m_popPort.toInt());
        QVERIFY(child<QLineEdit>(dialog, "passwordEdit")->text().isEmpty());
        auto *method = child<QComboBox>(dialog, "methodCombo");
        method->setCurrentIndex(method->findData(int(RetrievalTask::Method::Automatic)));
        screenshot(dialog, QStringLiteral("pop-edit"));
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 60000);
        QCOMPARE(store.retrievalTask(task.uuid)->method, RetrievalTask::Method::Automatic);

        // Delete asks first and says the messages stay; Keep keeps, Delete removes.
        QVERIFY(selectTask(task.uuid));
        QTest::mouseClick(rowButton("deleteRetrievalTaskActionButton"), Qt::LeftButton);
        auto *box
            = m_window->findChild<QMessageBox *>(QStringLiteral("deleteRetrievalTaskQuestion"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QLatin1String("stay")));
        screenshot(box, QStringLiteral("delete-question"));
        QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
        QCOMPARE(store.retrievalTasks().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_window->findChild<QMessageBox *>(QStringLiteral("deleteRetrievalTaskQuestion")),
            30000);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get(), 30000));
        table()->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(table()->hasFocus(), 30000);
        QTest::keyClick(table(), Qt::Key_Delete);
        box = m_window->findChild<QMessageBox *>(QStringLiteral("deleteRetrievalTaskQuestion"));
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(store.retrievalTasks().isEmpty(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 0, 30000);
        QCOMPARE(store.messageCount(inbox), 3);
    }

    void imapTaskEndToEnd()
    {
        const QString user = QStringLiteral("u21");
        QVERIFY(prepareMailbox(user, 2));
        Store &store = m_context->store();

        QPointer<RetrievalTaskDialog> dialog = openNewDialog(QStringLiteral("other-imap"));
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), RetrievalTask::Kind::Imap);
        auto *port = child<QSpinBox>(dialog, "portSpin");
        auto *ssl = child<QCheckBox>(dialog, "sslCheck");
        auto *password = child<QLineEdit>(dialog, "passwordEdit");
        QVERIFY(!ssl->isChecked());
        QCOMPARE(port->value(), 143);
        ssl->setChecked(true);
        QCOMPARE(port->value(), 993);
        ssl->setChecked(false);
        QCOMPARE(port->value(), 143);
        QVERIFY(child<QLabel>(dialog, "appPasswordHelpLabel")->isHidden());
        QVERIFY(
            child<QCheckBox>(dialog, "filteringCheck")->text().contains(QLatin1String("Inbox")));

        // Subfolders of a folder created from the dialog.
        child<QRadioButton>(dialog, "subfoldersRadio")->click();
        QVERIFY(child<QPushButton>(dialog, "newFolderButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(dialog, "newFolderButton"), Qt::LeftButton);
        auto *prompt = dialog->findChild<QInputDialog *>(QStringLiteral("newFolderPrompt"));
        QVERIFY(prompt);
        QTRY_VERIFY_WITH_TIMEOUT(prompt->isVisible(), 30000);
        prompt->setTextValue(QStringLiteral("From IMAP"));
        prompt->accept();
        const qint64 parent = store.findFolder(0, QStringLiteral("From IMAP"));
        QVERIFY(parent > 0);
        QTRY_COMPARE_WITH_TIMEOUT(child<QTreeView>(dialog, "transferParentView")
                                      ->currentIndex()
                                      .data(FolderTreeModel::FolderIdRole)
                                      .toLongLong(),
                                  parent, 30000);

        typeInto(child<QLineEdit>(dialog, "serverEdit"), m_host);
        typeInto(child<QLineEdit>(dialog, "usernameEdit"), user);
        typeInto(password, QStringLiteral("wrong-password"));
        port->setValue(m_imapPort.toInt());
        screenshot(dialog, QStringLiteral("imap-filled"));
        QString error = saveExpectingError(dialog);
        QVERIFY2(error.contains(QLatin1String("user name or password"))
                     || error.contains(QLatin1String("Signing in")),
                 qPrintable(error));
        QVERIFY(store.retrievalTasks().isEmpty());

        // IMAPS with the fixture's own certificate: not trusted by the system; the dialog
        // shows its fingerprint, and trusting it saves the task with the pin.
        typeInto(password, QStringLiteral("pw-u21"));
        ssl->setChecked(true);
        port->setValue(m_imapsPort.toInt());
        error = saveExpectingError(dialog);
        QVERIFY2(error.contains(QLatin1String("TLS")), qPrintable(error));
        auto *fingerprint = child<QLabel>(dialog, "fingerprintLabel");
        auto *trust = child<QPushButton>(dialog, "trustCertificateButton");
        QVERIFY(fingerprint->isVisible() && trust->isVisible());
        QVERIFY(fingerprint->text().contains(QLatin1Char(':')));
        QVERIFY(store.retrievalTasks().isEmpty());
        screenshot(dialog, QStringLiteral("imap-certificate"));
        QTest::mouseClick(trust, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 60000);
        QList<RetrievalTask> tasks = store.retrievalTasks();
        QCOMPARE(tasks.size(), 1);
        RetrievalTask task = tasks.first();
        QCOMPARE(task.kind, RetrievalTask::Kind::Imap);
        QCOMPARE(task.security, RetrievalTask::Security::SslTls);
        QCOMPARE(task.pinnedSha256.size(), 32);
        QCOMPARE(task.folderTransfer, RetrievalTask::FolderTransfer::Mirror);
        QCOMPARE(task.transferParentFolderId, parent);

        // Edit (double-click/Return opens it): the plain port without SSL; the pin stays.
        QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 1, 30000);
        QVERIFY(selectTask(task.uuid));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get(), 30000));
        table()->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(table()->hasFocus(), 30000);
        QTest::keyClick(table(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->findChild<RetrievalTaskDialog *>(QStringLiteral("RetrievalTaskDialog")),
            30000);
        dialog = m_window->findChild<RetrievalTaskDialog *>(QStringLiteral("RetrievalTaskDialog"));
        QVERIFY(dialog->isEditing());
        QVERIFY(child<QRadioButton>(dialog, "subfoldersRadio")->isChecked());
        child<QCheckBox>(dialog, "sslCheck")->setChecked(false);
        child<QSpinBox>(dialog, "portSpin")->setValue(m_imapPort.toInt());
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 60000);
        task = *store.retrievalTask(task.uuid);
        QCOMPARE(task.security, RetrievalTask::Security::None);
        QCOMPARE(task.port, quint16(m_imapPort.toInt()));
        QCOMPARE(task.pinnedSha256.size(), 32);

        // Retrieve now; the Inbox arrives below the chosen folder.
        QVERIFY(selectTask(task.uuid));
        QSignalSpy ended(&m_context->retrievalScheduler(), &RetrievalScheduler::runEnded);
        QTest::mouseClick(rowButton("retrieveNowActionButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(store.retrievalTask(task.uuid)->lastCount, 2, 30000);
        screenshot(m_window.get(), QStringLiteral("page-imap"));
        const qint64 inbox = store.findFolder(parent, QStringLiteral("INBOX"));
        QVERIFY(inbox > 0);
        QTRY_COMPARE_WITH_TIMEOUT(mailViewCount(inbox), 2, 30000);
        screenshot(m_window.get(), QStringLiteral("mail-after-imap"));
    }

    // The Email Retrieval card on the overview opens the provider chooser too.
    void overviewCardOpensChooser()
    {
        m_window->showPage(PageInfo::Id::Overview);
        OverviewCard *card = m_window->overviewPage()->card(PageInfo::Id::Retrieval);
        QVERIFY(card);
        QTest::mouseClick(card->actionButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->findChild<ProviderChooser *>(QStringLiteral("providerChooser")), 30000);
        auto *chooser = m_window->findChild<ProviderChooser *>(QStringLiteral("providerChooser"));
        QVERIFY(chooser->isVisible());
        chooser->reject();
    }
};

QTEST_MAIN(tst_RetrievalTaskDialog)
#include "tst_retrievaltaskdialog.moc"
