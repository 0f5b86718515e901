// The composer on the real window (scratch profile), against the real SMTP server
// (tests/env/smtp.sh). The SMTP account is created through SmtpAccountService (connection
// test and keychain password); the composer is opened from the Mail page's New Message
// button or the window's action, filled by objectName, and sent through the Outbox.
#include "app/services/appcontext.h"
#include "app/services/outbox/outboxservice.h"
#include "app/services/profile.h"
#include "app/services/secretstore.h"
#include "app/services/smtpaccounts/smtpaccountservice.h"
#include "connectors/mime/messagebuilder.h"
#include "connectors/mime/mimemessage.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "models/store.h"
#include "support/apptestwindow.h"
#include "support/screenshot.h"
#include "support/testenv.h"
#include "support/widgetlookup.h"
#include "ui/composerdialog.h"
#include "ui/mailpage.h"
#include "ui/mainwindow.h"
#include "ui/notifier.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QTextEdit>
#include <QTreeView>
#include <QUrl>

#include <memory>

using namespace Tributary;
using namespace Tributary::Ui;
using TestEnv::child;

class tst_ComposerDialog : public QObject
{
    Q_OBJECT

    QString m_user, m_password, m_port, m_spool;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    SmtpAccount m_account;

    static void screenshot(QWidget *widget, const QString &name)
    {
        TRIBUTARY_SCREENSHOT(widget, QStringLiteral("composer-") + name);
    }
    void addAccount()
    {
        QString error;
        QVERIFY2(TestEnv::addFixtureSmtpAccount(*m_context, quint16(m_port.toUInt()), m_user,
                                                m_password, &m_account, &error),
                 qPrintable(error));
    }
    // The Mail page's own New Message action when it has one, else its header button.
    ComposerDialog *openFromMailPage()
    {
        m_window->showPage(PageInfo::Id::Mail);
        MailPage *mail = m_window->mailPage();
        if (auto *action = mail->findChild<QAction *>(QStringLiteral("newMessageAction"))) {
            action->trigger();
        } else {
            auto *button = mail->findChild<QPushButton *>(QStringLiteral("primaryActionButton"));
            if (!button || !button->isVisible())
                return nullptr;
            QTest::mouseClick(button, Qt::LeftButton);
        }
        return m_window->findChild<ComposerDialog *>(QStringLiteral("composerDialog"));
    }
    QString spoolFileWithSubject(const QString &subject) const
    {
        const QStringList files = QDir(m_spool).entryList({QStringLiteral("*.eml")}, QDir::Files);
        for (const QString &name : files) {
            QString path = m_spool + QLatin1Char('/') + name;
            if (Mime::Message::fromFile(path).headers().subject == subject)
                return path;
        }
        return QString();
    }
    bool toastShown(const QString &title) const
    {
        const QList<Toast *> toasts = m_window->notifier()->toasts();
        for (Toast *t : toasts) {
            if (t->title() == title)
                return true;
        }
        return false;
    }
    // The top-level row of the folder tree for a folder id (invalid when not listed).
    static QModelIndex folderIndex(QAbstractItemModel *model, qint64 folderId)
    {
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(FolderTreeModel::FolderIdRole).toLongLong() == folderId)
                return index;
        }
        return QModelIndex();
    }
    // A message in the Inbox, as retrieval would have stored it.
    qint64 storeIncoming(const QString &subject, bool withAttachment)
    {
        Mime::MessageBuilder b;
        b.setFrom({QStringLiteral("Ann Other"), QStringLiteral("ann@example.org")});
        b.setTo({{QStringLiteral("Me"), QStringLiteral("me@example.test")},
                 {QStringLiteral("Bob"), QStringLiteral("bob@example.org")}});
        b.setCc({{QString(), QStringLiteral("carl@example.org")},
                 {QString(), QStringLiteral("ME@example.test")}});
        b.setSubject(subject);
        b.setMessageId(QStringLiteral("original-1@example.org"));
        b.setReferences({QStringLiteral("older-0@example.org")});
        b.setTextBody(QStringLiteral("Shall we meet on Friday?\nAnn\n"));
        if (withAttachment)
            b.addAttachmentData(QByteArrayLiteral("agenda bytes \x01\x02"),
                                QStringLiteral("agenda.bin"));
        const QByteArray bytes = b.toByteArray();
        MessageRecord record;
        record.folderId = m_context->store().specialFolder(Folder::SpecialUse::Inbox);
        record.internalDate = QDateTime::currentDateTimeUtc();
        record.subject = subject;
        record.sender = QStringLiteral("Ann Other <ann@example.org>");
        record.messageId = QStringLiteral("original-1@example.org");
        return m_context->store().storeMessage(record, bytes);
    }

private Q_SLOTS:
    void initTestCase()
    {
        TRIBUTARY_REQUIRE_ENV(m_port, "smtp", "SMTP_PORT");
        TRIBUTARY_REQUIRE_ENV(m_user, "smtp", "SMTP_USER");
        TRIBUTARY_REQUIRE_ENV(m_password, "smtp", "SMTP_PASSWORD");
        TRIBUTARY_REQUIRE_ENV(m_spool, "smtp", "SMTP_SPOOL");
    }
    void init()
    {
        QString error;
        m_context = TestEnv::openScratchContext(QStringLiteral("composerdialog"),
                                                QStringLiteral("Tributary-test"), &error);
        QVERIFY2(m_context, qPrintable(error));
        m_window = std::make_unique<MainWindow>(*m_context);
        QVERIFY(TestEnv::showTestWindow(*m_window, QSize(1100, 720)));
    }
    void cleanup()
    {
        m_window.reset();
        m_context.reset();
    }

    void withoutAccountExplainsWhatToDo()
    {
        auto *action = m_window->findChild<QAction *>(QStringLiteral("newMessageAction"));
        QVERIFY(action);
        action->trigger();
        auto *dialog = m_window->findChild<ComposerDialog *>(QStringLiteral("composerDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 30000);
        auto *noAccount = child<QLabel>(dialog, "noAccountLabel");
        QVERIFY(noAccount && noAccount->isVisible());
        QVERIFY(noAccount->text().contains(QStringLiteral("SMTP Accounts")));
        QTest::keyClicks(child<QLineEdit>(dialog, "toEdit"), QStringLiteral("you@example.test"));
        QVERIFY(!child<QPushButton>(dialog, "sendButton")->isEnabled());
        screenshot(dialog, QStringLiteral("no-account"));
    }

    void sendWithAttachmentFromMailPage()
    {
        addAccount();
        QPointer<ComposerDialog> dialog = openFromMailPage();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 30000);
        auto *from = child<QComboBox>(dialog, "fromCombo");
        auto *send = child<QPushButton>(dialog, "sendButton");
        QVERIFY(from && send);
        QCOMPARE(from->currentText(), QStringLiteral("Me at Work <me@example.test>"));
        QVERIFY(!child<QLabel>(dialog, "noAccountLabel")->isVisible());
        QVERIFY(!send->isEnabled());
        for (QWidget *w : dialog->findChildren<QWidget *>()) {
            if (qobject_cast<QLineEdit *>(w) || qobject_cast<QPushButton *>(w)
                || qobject_cast<QComboBox *>(w) || qobject_cast<QTextEdit *>(w))
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
        screenshot(dialog, QStringLiteral("empty"));

        const QString dir = TestEnv::scratchDir(QStringLiteral("composerdialog-files"));
        QByteArray bytes(qsizetype(200) * 1024, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(QRandomGenerator::global()->bounded(256));
        const QString path = dir + QStringLiteral("/photo.bin");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        const QString subject
            = QStringLiteral("Composer %1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        QTest::keyClicks(child<QLineEdit>(dialog, "toEdit"),
                         QStringLiteral("You There <you@example.test>"));
        QTest::keyClicks(child<QLineEdit>(dialog, "subjectEdit"), subject);
        QTest::keyClicks(child<QTextEdit>(dialog, "bodyEdit"), QStringLiteral("The photo."));
        // Dropped onto the dialog, as from a file manager.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(dialog, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(dialog, &drop);
        QCOMPARE(child<QListWidget>(dialog, "attachmentList")->count(), 1);
        QCOMPARE(dialog->attachmentPaths(), QStringList {QFileInfo(path).absoluteFilePath()});
        QVERIFY(!child<QLabel>(dialog, "attachmentWarningLabel")->isVisible());
        dialog->setLargeAttachmentLimit(qint64(100) * 1024);
        auto *warning = child<QLabel>(dialog, "attachmentWarningLabel");
        QVERIFY(warning->isVisible());
        // The whole warning has room (no clipped line).
        QTRY_VERIFY2_WITH_TIMEOUT(warning->height() >= warning->heightForWidth(warning->width()),
                                  qPrintable(QStringLiteral("%1 < %2")
                                                 .arg(warning->height())
                                                 .arg(warning->heightForWidth(warning->width()))),
                                  30000);
        QVERIFY(send->isEnabled());
        screenshot(dialog, QStringLiteral("filled-with-attachment"));

        // Return alone in a line is no Send; Ctrl+Return in the body is.
        QTest::keyClick(child<QLineEdit>(dialog, "subjectEdit"), Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QVERIFY(m_context->store().outboxEntries().isEmpty());
        QTest::keyClick(child<QTextEdit>(dialog, "bodyEdit"), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(toastShown(QStringLiteral("Sending…")), 30000);

        QTRY_VERIFY_WITH_TIMEOUT(!m_context->store().outboxEntries().isEmpty()
                                     && m_context->store().outboxEntries().first().state
                                         == OutboxEntry::State::Sent,
                                 30000);
        QTRY_VERIFY_WITH_TIMEOUT(toastShown(QStringLiteral("Sent")), 30000);

        const QString spool = spoolFileWithSubject(subject);
        QVERIFY2(!spool.isEmpty(), "the server did not receive the message");
        const Mime::Message received = Mime::Message::fromFile(spool);
        QCOMPARE(received.headers().from.first().address, QStringLiteral("me@example.test"));
        QCOMPARE(received.headers().to.first().name, QStringLiteral("You There"));
        QVERIFY(!received.htmlBody().isEmpty()); // rich text by default: text + HTML
        QVERIFY(received.textBody().contains(QStringLiteral("The photo.")));
        QCOMPARE(received.attachments().size(), 1);
        QCOMPARE(received.attachments().first().fileName, QStringLiteral("photo.bin"));
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(received.saveAttachment(0, &out));
        QCOMPARE(out.data(), bytes);

        // The copy in Sent, through the Mail view.
        m_window->showPage(PageInfo::Id::Mail);
        const qint64 sentId = m_context->store().specialFolder(Folder::SpecialUse::Sent);
        QTreeView *folders = m_window->mailPage()->folderView();
        const QModelIndex sentIndex = folderIndex(folders->model(), sentId);
        QVERIFY(sentIndex.isValid());
        folders->setCurrentIndex(sentIndex);
        QAbstractItemModel *messages = m_window->mailPage()->messageView()->model();
        QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 1, 30000);
        QCOMPARE(messages->index(0, 0).data(MessageListModel::SubjectRole).toString(), subject);
        QVERIFY(messages->index(0, 0).data(MessageListModel::SeenRole).toBool());
        screenshot(m_window.get(), QStringLiteral("sent-folder"));
    }

    void invalidAddressIsShown()
    {
        addAccount();
        m_window->findChild<QAction *>(QStringLiteral("newMessageAction"))->trigger();
        auto *dialog = m_window->findChild<ComposerDialog *>(QStringLiteral("composerDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 30000);
        auto *to = child<QLineEdit>(dialog, "toEdit");
        auto *cc = child<QLineEdit>(dialog, "ccEdit");
        auto *validation = child<QLabel>(dialog, "validationLabel");
        auto *send = child<QPushButton>(dialog, "sendButton");
        QTest::keyClicks(to, QStringLiteral("ok@example.test, not an address"));
        QTest::keyClicks(cc, QStringLiteral("Carl <carl@example>"));
        QVERIFY(validation->isVisible());
        QVERIFY2(validation->text().contains(QStringLiteral("not an address")),
                 qPrintable(validation->text()));
        QVERIFY(to->property("invalid").toBool());
        QVERIFY(!cc->property("invalid").toBool());
        QVERIFY(!send->isEnabled());
        screenshot(dialog, QStringLiteral("validation-error"));
        // Ctrl+Return does nothing while invalid.
        QTest::keyClick(to, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(dialog->isVisible());
        QVERIFY(m_context->store().outboxEntries().isEmpty());

        to->clear();
        QTest::keyClicks(to, QStringLiteral("ok@example.test; \"Doe, Jane\" <jane@example.net>"));
        QVERIFY(!to->property("invalid").toBool());
        QVERIFY(!validation->isVisible());
        QVERIFY(send->isEnabled());
    }

    void replyReplyAllForward()
    {
        addAccount();
        SmtpAccount second;
        second.displayName = QStringLiteral("Aardvark"); // listed first: not the default
        second.server = QStringLiteral("127.0.0.1");
        second.port = quint16(m_port.toUInt());
        second.encryption = SmtpAccount::Encryption::None;
        second.email = QStringLiteral("aaa@example.test");
        second.authEnabled = false;
        QVERIFY(m_context->store().insertSmtpAccount(second));

        const QString subject = QStringLiteral("Re: Plans %1")
                                    .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        const qint64 id = storeIncoming(subject, true);
        QVERIFY(id > 0);

        // Reply from the Mail page: the message chosen in the Inbox, then the page's Reply.
        m_window->showPage(PageInfo::Id::Mail);
        QTreeView *folders = m_window->mailPage()->folderView();
        const QModelIndex inbox = folderIndex(
            folders->model(), m_context->store().specialFolder(Folder::SpecialUse::Inbox));
        QVERIFY(inbox.isValid());
        folders->setCurrentIndex(inbox);
        QTreeView *list = m_window->mailPage()->messageView();
        QTRY_VERIFY_WITH_TIMEOUT(list->model()->rowCount() > 0, 30000);
        QModelIndex row;
        for (int r = 0; r < list->model()->rowCount(); ++r) {
            const QModelIndex index = list->model()->index(r, 0);
            if (index.data(MessageListModel::MessageIdRole).toLongLong() == id)
                row = index;
        }
        QVERIFY(row.isValid());
        list->setCurrentIndex(row);
        auto *replyAction
            = m_window->mailPage()->findChild<QAction *>(QStringLiteral("replyAction"));
        QVERIFY(replyAction && replyAction->isEnabled());
        replyAction->trigger();
        QPointer<ComposerDialog> reply
            = m_window->findChild<ComposerDialog *>(QStringLiteral("composerDialog"));
        QVERIFY(reply);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isVisible(), 30000);
        QCOMPARE(reply->selectedAccount(), m_account.uuid); // the address it was sent to
        QCOMPARE(child<QLineEdit>(reply, "subjectEdit")->text(), subject); // "Re: " not doubled
        QCOMPARE(child<QLineEdit>(reply, "toEdit")->text(),
                 QStringLiteral("Ann Other <ann@example.org>"));
        QCOMPARE(child<QLineEdit>(reply, "ccEdit")->text(), QString());
        const QString body = child<QTextEdit>(reply, "bodyEdit")->toPlainText();
        QVERIFY2(body.contains(QStringLiteral("> Shall we meet on Friday?")), qPrintable(body));
        QVERIFY(body.contains(QStringLiteral("Ann Other <ann@example.org>")));
        QVERIFY(!reply->isRichText());
        screenshot(reply, QStringLiteral("reply"));

        // Sent with the Send button, it carries the threading headers.
        auto *send = child<QPushButton>(reply, "sendButton");
        QVERIFY(send && send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!reply || !reply->isVisible(), 20000);
        QString spool;
        QTRY_VERIFY_WITH_TIMEOUT(!(spool = spoolFileWithSubject(subject)).isEmpty(), 30000);
        const Mime::MessageHeaders sent = Mime::Message::fromFile(spool).headers();
        QCOMPARE(sent.inReplyTo, QStringLiteral("original-1@example.org"));
        QCOMPARE(sent.references,
                 QStringList({QStringLiteral("older-0@example.org"),
                              QStringLiteral("original-1@example.org")}));

        QPointer<ComposerDialog> all
            = openComposer(*m_window, *m_context, ComposeMode::ReplyAll, id);
        QVERIFY(all);
        QCOMPARE(child<QLineEdit>(all, "toEdit")->text(),
                 QStringLiteral("Ann Other <ann@example.org>, Bob <bob@example.org>"));
        QCOMPARE(child<QLineEdit>(all, "ccEdit")->text(), QStringLiteral("carl@example.org"));
        all->close();

        QPointer<ComposerDialog> forward
            = openComposer(*m_window, *m_context, ComposeMode::Forward, id);
        QVERIFY(forward);
        QCOMPARE(child<QLineEdit>(forward, "subjectEdit")->text(),
                 QStringLiteral("Fwd: ") + subject);
        QCOMPARE(child<QLineEdit>(forward, "toEdit")->text(), QString());
        QCOMPARE(child<QListWidget>(forward, "attachmentList")->count(), 1);
        QVERIFY(child<QListWidget>(forward, "attachmentList")
                    ->item(0)
                    ->text()
                    .contains(QStringLiteral("agenda.bin")));
        QVERIFY(child<QTextEdit>(forward, "bodyEdit")
                    ->toPlainText()
                    .contains(QStringLiteral("Shall we meet on Friday?")));
        screenshot(forward, QStringLiteral("forward"));
        forward->close();

        QCOMPARE(ComposerDialog::replySubject(QStringLiteral("RE: x")), QStringLiteral("RE: x"));
        QCOMPARE(ComposerDialog::forwardSubject(QStringLiteral("Fw: x")), QStringLiteral("Fw: x"));
        QCOMPARE(ComposerDialog::forwardSubject(QStringLiteral("Re: x")),
                 QStringLiteral("Fwd: Re: x"));
    }

    // Reply All and Forward through the Mail page's toolbar buttons (mouse clicks): the composer
    // opens prefilled (recipients without our own address, "Re:"/"Fwd:", the quoted body, the
    // forwarded attachment) and both send; the server gets the attachment intact and Sent has
    // both copies.
    void replyAllAndForwardFromMailPageButtons()
    {
        addAccount();
        const QString topic
            = QStringLiteral("Agenda %1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        const qint64 id = storeIncoming(topic, true);
        QVERIFY(id > 0);
        m_window->showPage(PageInfo::Id::Mail);
        MailPage *mail = m_window->mailPage();
        QTreeView *folders = mail->folderView();
        const QModelIndex inbox = folderIndex(
            folders->model(), m_context->store().specialFolder(Folder::SpecialUse::Inbox));
        QVERIFY(inbox.isValid());
        folders->setCurrentIndex(inbox);
        QTreeView *list = mail->messageView();
        QTRY_VERIFY_WITH_TIMEOUT(list->model()->rowCount() > 0, 30000);
        for (int r = 0; r < list->model()->rowCount(); ++r) {
            const QModelIndex index = list->model()->index(r, 0);
            if (index.data(MessageListModel::MessageIdRole).toLongLong() == id)
                list->setCurrentIndex(index);
        }
        QCOMPARE(list->currentIndex().data(MessageListModel::MessageIdRole).toLongLong(), id);

        // Reply All by its toolbar button.
        auto *replyAllButton = mail->findChild<QWidget *>(QStringLiteral("replyAllActionButton"));
        QVERIFY(replyAllButton);
        QTRY_VERIFY_WITH_TIMEOUT(replyAllButton->isEnabled() && replyAllButton->isVisible(), 30000);
        QTest::mouseClick(replyAllButton, Qt::LeftButton);
        QPointer<ComposerDialog> all
            = m_window->findChild<ComposerDialog *>(QStringLiteral("composerDialog"));
        QVERIFY(all);
        QTRY_VERIFY_WITH_TIMEOUT(all->isVisible(), 30000);
        QCOMPARE(child<QLineEdit>(all, "toEdit")->text(),
                 QStringLiteral("Ann Other <ann@example.org>, Bob <bob@example.org>"));
        QCOMPARE(child<QLineEdit>(all, "ccEdit")->text(), QStringLiteral("carl@example.org"));
        QCOMPARE(child<QLineEdit>(all, "subjectEdit")->text(), QStringLiteral("Re: ") + topic);
        const QString quoted = child<QTextEdit>(all, "bodyEdit")->toPlainText();
        QVERIFY2(quoted.contains(QStringLiteral("> Shall we meet on Friday?")), qPrintable(quoted));
        QCOMPARE(child<QListWidget>(all, "attachmentList")->count(), 0);
        screenshot(all, QStringLiteral("mailpage-reply-all"));
        QSignalSpy sent(&m_context->outbox(), &OutboxService::sent);
        QTest::mouseClick(child<QPushButton>(all, "sendButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!all || !all->isVisible(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sent.size() == 1, 30000);
        QString spool;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(spool = spoolFileWithSubject(QStringLiteral("Re: ") + topic)).isEmpty(), 30000);
        QCOMPARE(Mime::Message::fromFile(spool).headers().inReplyTo,
                 QStringLiteral("original-1@example.org"));

        // Forward by its toolbar button: the attachment goes along; the user adds a recipient.
        list->setCurrentIndex(list->currentIndex());
        auto *forwardButton = mail->findChild<QWidget *>(QStringLiteral("forwardActionButton"));
        QVERIFY(forwardButton);
        QTRY_VERIFY_WITH_TIMEOUT(forwardButton->isEnabled(), 30000);
        QTest::mouseClick(forwardButton, Qt::LeftButton);
        QPointer<ComposerDialog> forward;
        QTRY_VERIFY_WITH_TIMEOUT(
            (forward = m_window->findChild<ComposerDialog *>(QStringLiteral("composerDialog")))
                && forward != all && forward->isVisible(),
            30000);
        QCOMPARE(child<QLineEdit>(forward, "subjectEdit")->text(), QStringLiteral("Fwd: ") + topic);
        QCOMPARE(child<QLineEdit>(forward, "toEdit")->text(), QString());
        QCOMPARE(child<QListWidget>(forward, "attachmentList")->count(), 1);
        QVERIFY(child<QTextEdit>(forward, "bodyEdit")
                    ->toPlainText()
                    .contains(QStringLiteral("Shall we meet on Friday?")));
        QTest::keyClicks(child<QLineEdit>(forward, "toEdit"), QStringLiteral("dora@example.org"));
        screenshot(forward, QStringLiteral("mailpage-forward"));
        QTest::mouseClick(child<QPushButton>(forward, "sendButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!forward || !forward->isVisible(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sent.size() == 2, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !(spool = spoolFileWithSubject(QStringLiteral("Fwd: ") + topic)).isEmpty(), 30000);
        const Mime::Message forwarded = Mime::Message::fromFile(spool);
        const QList<Mime::AttachmentInfo> attachments = forwarded.attachments();
        QCOMPARE(attachments.size(), 1);
        QCOMPARE(attachments.first().fileName, QStringLiteral("agenda.bin"));
        QBuffer bytes;
        QVERIFY(bytes.open(QIODevice::WriteOnly));
        QVERIFY(forwarded.saveAttachment(0, &bytes));
        QCOMPARE(bytes.data(), QByteArrayLiteral("agenda bytes \x01\x02"));
        const qint64 sentFolder = m_context->store().specialFolder(Folder::SpecialUse::Sent);
        QVERIFY(sentFolder > 0);
        QCOMPARE(m_context->store().messageCount(sentFolder), qint64(2));
    }
};

QTEST_MAIN(tst_ComposerDialog)
#include "tst_composerdialog.moc"
