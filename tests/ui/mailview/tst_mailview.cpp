// The Mail page on a scratch store filled through the Store API, under Xvfb.
#include "app/services/mail/mailservice.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "models/store.h"
#include "support/testenv.h"
#include "ui/mailpage.h"
#include "ui/messagereader.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>

using namespace Tributary;
using namespace Tributary::Ui;

namespace {

QByteArray pngBytes(const QColor &color)
{
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Answers every HTTP request with a small PNG and counts the requests.
class CountingHttpServer : public QTcpServer
{
public:
    int requests = 0;
    QByteArray body = pngBytes(Qt::red);

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            const QByteArray seen = socket->property("buffer").toByteArray() + socket->readAll();
            socket->setProperty("buffer", seen);
            if (!seen.contains("\r\n\r\n"))
                return;
            ++requests;
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n"
                          "Content-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

// Stands in for the system browser (QDesktopServices::setUrlHandler).
class UrlRecorder : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> *urls = nullptr;
    Q_INVOKABLE void open(const QUrl &url) { urls->append(url); }
};

const QByteArray kAttachment = QByteArray("PK\x03\x04 not really a zip \x00\xff\x10 end", 30);

} // namespace

class tst_MailView : public QObject
{
    Q_OBJECT

    std::unique_ptr<Store> m_store;
    std::unique_ptr<MailService> m_service;
    std::unique_ptr<FolderTreeModel> m_folders;
    std::unique_ptr<MessageListModel> m_messages;
    std::unique_ptr<MailPage> m_page;
    CountingHttpServer m_http;
    QString m_dir;
    qint64 m_inbox = 0, m_projects = 0, m_plain = 0, m_html = 0, m_attached = 0;

    qint64 add(const QByteArray &content, const QString &sender, const QString &subject, int secs)
    {
        MessageRecord r;
        r.folderId = m_inbox;
        r.sender = sender;
        r.subject = subject;
        r.internalDate = QDateTime::fromSecsSinceEpoch(1790000000 + secs, Qt::UTC);
        QString error;
        const qint64 id = m_store->storeMessage(r, content, &error);
        if (id <= 0)
            qWarning() << error;
        return id;
    }

    void screenshot(const QString &name)
    {
        const QString path = TestEnv::screenshotDir() + QStringLiteral("/mailview-") + name
            + QStringLiteral(".png");
        QVERIFY2(m_page->grab().save(path), qPrintable(path));
    }

    void select(qint64 id)
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_messages->rowForMessage(id) >= 0, 30000);
        const QModelIndex index = m_messages->index(m_messages->rowForMessage(id), 1);
        const QRect rect = m_page->messageView()->visualRect(index);
        QTest::mouseClick(m_page->messageView()->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE_WITH_TIMEOUT(m_page->messageReader()->messageId(), id, 30000);
    }

    void selectFolder(qint64 folderId)
    {
        m_page->folderView()->setCurrentIndex(m_folders->indexForFolder(folderId));
        QTRY_COMPARE_WITH_TIMEOUT(m_messages->folder(), folderId, 30000);
    }

    QAction *action(const QString &name) { return m_page->findChild<QAction *>(name); }

    int flags(qint64 id) { return m_store->message(id)->flags; }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ComposeMode>();
        QVERIFY(m_http.listen(QHostAddress::LocalHost, 0));
        m_dir = TestEnv::scratchDir(QStringLiteral("tst_mailview"));
        m_store = std::make_unique<Store>(m_dir + QStringLiteral("/profile"));
        QString error;
        QVERIFY2(m_store->open(&error), qPrintable(error));
        m_inbox = m_store->specialFolder(Folder::SpecialUse::Inbox);
        m_projects = m_store->createFolder(0, QStringLiteral("Projects"));
        QVERIFY(m_projects > 0);

        m_plain = add(QByteArrayLiteral(
                          "From: Carol Plain <carol@example.test>\r\nTo: me@example.test\r\n"
                          "Subject: Plain hello\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n"
                          "Hello plain world.\r\nSee https://example.test/docs for more.\r\n"),
                      QStringLiteral("Carol Plain"), QStringLiteral("Plain hello"), 1);
        const QString remote
            = QStringLiteral("http://127.0.0.1:%1/pixel.png").arg(m_http.serverPort());
        m_html = add(
            QByteArrayLiteral(
                "From: Dave Html <dave@example.test>\r\nTo: me@example.test\r\n"
                "Cc: eve@example.test\r\n"
                "Subject: Newsletter\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
                "MIME-Version: 1.0\r\n"
                "Content-Type: multipart/related; boundary=\"rel\"\r\n\r\n"
                "--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                "<html><head><title>t</title><script>document.title='pwned'</script></head>"
                "<body><h1>Hello HTML</h1><p>News <b>today</b>.</p>"
                "<img src=\"")
                + remote.toUtf8()
                + QByteArrayLiteral(
                    "\" alt=\"remote\">"
                    "<img src=\"cid:logo@example.test\" onerror=\"document.title='pwned'\">"
                    "<a href=\"javascript:alert(1)\">click</a>"
                    "<script>document.write('SCRIPT RAN')</script></body></html>\r\n"
                    "--rel\r\nContent-Type: image/png\r\nContent-ID: <logo@example.test>\r\n"
                    "Content-Disposition: inline\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                + pngBytes(Qt::blue).toBase64() + QByteArrayLiteral("\r\n--rel--\r\n"),
            QStringLiteral("Dave Html"), QStringLiteral("Newsletter"), 2);
        m_attached = add(
            QByteArrayLiteral("From: Alice <alice@example.test>\r\nTo: me@example.test\r\n"
                              "Subject: Report attached\r\nMIME-Version: 1.0\r\n"
                              "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                              "--b\r\nContent-Type: text/plain\r\n\r\nThe report is attached.\r\n"
                              "--b\r\nContent-Type: application/zip\r\n"
                              "Content-Disposition: attachment; filename=\"report.zip\"\r\n"
                              "Content-Transfer-Encoding: base64\r\n\r\n")
                + kAttachment.toBase64() + QByteArrayLiteral("\r\n--b--\r\n"),
            QStringLiteral("Alice"), QStringLiteral("Report attached"), 3);
        QVERIFY(m_plain > 0 && m_html > 0 && m_attached > 0);

        m_service = std::make_unique<MailService>(*m_store);
        m_folders = std::make_unique<FolderTreeModel>(*m_store);
        m_messages = std::make_unique<MessageListModel>(*m_store);
        m_page = std::make_unique<MailPage>();
        m_page->setFolderModel(m_folders.get());
        m_page->setMessageModel(m_messages.get());
        m_page->setMailService(m_service.get());
        m_page->setMarkReadDelay(50);
        MessageListModel *messages = m_messages.get();
        connect(m_page.get(), &MailPage::folderSelected, messages,
                [messages](const QModelIndex &i) {
                    messages->setFolder(i.data(FolderTreeModel::FolderIdRole).toLongLong());
                });
        m_page->resize(1280, 820);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get(), 30000));
        // Page shortcuts need the focus inside the page, so the window must be active.
        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get(), 30000));
        selectFolder(m_inbox);
        QTRY_COMPARE_WITH_TIMEOUT(m_messages->rowCount(), 3, 30000);
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_messages.reset();
        m_folders.reset();
        m_service.reset();
        m_store.reset();
    }

    void unreadCountsInTree()
    {
        const QModelIndex inbox = m_folders->indexForFolder(m_inbox);
        QCOMPARE(MailPage::folderLabel(inbox), QStringLiteral("Inbox (3)"));
        QCOMPARE(MailPage::folderLabel(m_folders->indexForFolder(m_projects)),
                 QStringLiteral("Projects"));
    }

    void plainMessageAndMarkRead()
    {
        select(m_plain);
        QTextBrowser *reader = m_page->reader();
        QTRY_VERIFY_WITH_TIMEOUT(
            reader->toPlainText().contains(QStringLiteral("Hello plain world.")), 30000);
        const QString text = reader->toPlainText();
        QVERIFY(text.contains(QStringLiteral("Carol Plain <carol@example.test>")));
        QVERIFY(text.contains(QStringLiteral("me@example.test")));
        QVERIFY(text.contains(QStringLiteral("Plain hello")));
        QVERIFY(reader->toHtml().contains(QStringLiteral("href=\"https://example.test/docs\"")));
        QVERIFY(!m_page->messageReader()->remoteContentBar()->isVisible());
        QVERIFY(!m_page->messageReader()->attachmentList()->isVisible());
        // Opened: read after the delay; the tree's count follows.
        QTRY_VERIFY_WITH_TIMEOUT(flags(m_plain) & MessageRecord::Seen, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(MailPage::folderLabel(m_folders->indexForFolder(m_inbox)),
                                  QStringLiteral("Inbox (2)"), 30000);
        screenshot(QStringLiteral("plain"));

        // A click on a link goes to the system's handler, only then.
        QList<QUrl> opened;
        UrlRecorder handler;
        handler.urls = &opened;
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &handler, "open");
        QCOMPARE(opened.size(), 0);
        Q_EMIT reader->anchorClicked(QUrl(QStringLiteral("https://example.test/docs")));
        Q_EMIT reader->anchorClicked(QUrl(QStringLiteral("javascript:alert(1)")));
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
        QCOMPARE(opened, QList<QUrl> {QUrl(QStringLiteral("https://example.test/docs"))});
    }

    void htmlMessageRemoteContent()
    {
        const QString title = m_page->windowTitle();
        select(m_html);
        MessageReader *reader = m_page->messageReader();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_page->reader()->toPlainText().contains(QStringLiteral("Hello HTML")), 30000);
        const QString text = m_page->reader()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("News today.")));
        QVERIFY(text.contains(QStringLiteral("eve@example.test")));
        QVERIFY(!text.contains(QStringLiteral("SCRIPT RAN")));
        QVERIFY(!text.contains(QStringLiteral("document.")));
        QVERIFY(!text.contains(QStringLiteral("pwned")));
        QVERIFY(m_page->reader()->documentTitle() != QStringLiteral("pwned"));
        QCOMPARE(m_page->windowTitle(), title);
        const QString safe = reader->sanitizedHtml();
        QVERIFY2(!safe.contains(QStringLiteral("script"), Qt::CaseInsensitive), qPrintable(safe));
        QVERIFY(!safe.contains(QStringLiteral("onerror")));
        QVERIFY(!safe.contains(QStringLiteral("javascript")));
        QVERIFY(!safe.contains(QStringLiteral("127.0.0.1")));
        QVERIFY(safe.contains(QStringLiteral("src=\"cid:logo@example.test\"")));
        // The cid image comes from the message itself; it is not an attachment to save.
        const QVariant cid = m_page->reader()->loadResource(
            QTextDocument::ImageResource, QUrl(QStringLiteral("cid:logo@example.test")));
        QCOMPARE(cid.value<QImage>().pixelColor(1, 1), QColor(Qt::blue));
        QVERIFY(!reader->attachmentList()->isVisible());
        // Remote content: blocked, the bar says so, the server saw nothing.
        QTRY_VERIFY_WITH_TIMEOUT(reader->remoteContentBar()->isVisible(), 30000);
        QVERIFY(reader->findChild<QLabel *>(QStringLiteral("remoteContentLabel"))
                    ->text()
                    .contains(QStringLiteral("blocked")));
        QCOMPARE(m_http.requests, 0);
        screenshot(QStringLiteral("html-blocked"));

        QSignalSpy loaded(reader, &MessageReader::remoteContentLoaded);
        QTest::mouseClick(reader->loadRemoteButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QVERIFY(m_http.requests > 0);
        QVERIFY(!reader->remoteContentBar()->isVisible());
        const QString remote
            = QStringLiteral("http://127.0.0.1:%1/pixel.png").arg(m_http.serverPort());
        QVERIFY(reader->sanitizedHtml().contains(remote));
        const QVariant image
            = m_page->reader()->loadResource(QTextDocument::ImageResource, QUrl(remote));
        QCOMPARE(image.value<QImage>().pixelColor(1, 1), QColor(Qt::red));
        QVERIFY(!m_page->reader()->toPlainText().contains(QStringLiteral("SCRIPT RAN")));
        screenshot(QStringLiteral("html-allowed"));

        // Another message and back: blocked again (the permission was for that showing).
        const int before = m_http.requests;
        select(m_plain);
        select(m_html);
        QTRY_VERIFY_WITH_TIMEOUT(reader->remoteContentBar()->isVisible(), 30000);
        QCOMPARE(m_http.requests, before);
    }

    void saveAttachments()
    {
        select(m_attached);
        MessageReader *reader = m_page->messageReader();
        QTRY_VERIFY_WITH_TIMEOUT(reader->attachmentList()->isVisible(), 30000);
        QCOMPARE(reader->attachmentList()->count(), 1);
        QVERIFY(reader->attachmentList()->item(0)->text().startsWith(QStringLiteral("report.zip")));
        QVERIFY(
            m_page->reader()->toPlainText().contains(QStringLiteral("The report is attached.")));
        screenshot(QStringLiteral("attachments"));

        const QString target = m_dir + QStringLiteral("/saved-report.zip");
        QSignalSpy saved(reader, &MessageReader::attachmentsSaved);
        QTest::mouseClick(reader->saveButton(), Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (dialog = reader->findChild<QFileDialog *>(QStringLiteral("saveAttachmentDialog")))
                && dialog->isVisible(),
            30000);
        dialog->selectFile(target);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept is protected
        QVERIFY(saved.wait(20000));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), kAttachment);
        QVERIFY(reader->statusLabel()->text().contains(QStringLiteral("saved-report.zip")));

        // Save All into a folder.
        const QString folder = TestEnv::scratchDir(QStringLiteral("tst_mailview-all"));
        QTest::mouseClick(reader->saveAllButton(), Qt::LeftButton);
        QFileDialog *all = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (all = reader->findChild<QFileDialog *>(QStringLiteral("saveAllAttachmentsDialog")))
                && all->isVisible(),
            30000);
        all->setDirectory(folder);
        all->selectFile(folder);
        static_cast<QDialog *>(all)->accept();
        QVERIFY(saved.wait(20000));
        QFile second(folder + QStringLiteral("/report.zip"));
        QVERIFY(second.open(QIODevice::ReadOnly));
        QCOMPARE(second.readAll(), kAttachment);

        // A failure is shown in words.
        QSignalSpy failed(reader, &MessageReader::attachmentsSaveFailed);
        QTest::mouseClick(reader->saveButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            (dialog = reader->findChild<QFileDialog *>(QStringLiteral("saveAttachmentDialog")))
                && dialog->isVisible(),
            30000);
        Q_EMIT dialog->fileSelected(m_dir + QStringLiteral("/missing/folder/report.zip"));
        dialog->reject();
        QVERIFY(failed.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(reader->statusLabel()->isVisible(), 30000);
        QVERIFY(reader->statusLabel()->text().contains(QStringLiteral("report.zip")));
    }

    void actions()
    {
        select(m_plain);
        QTRY_VERIFY_WITH_TIMEOUT(flags(m_plain) & MessageRecord::Seen, 30000);
        m_page->messageView()->setFocus();
        // Unread, read, flag through the actions (toolbar and context menu share them).
        action(QStringLiteral("markUnreadAction"))->trigger();
        QVERIFY(!(flags(m_plain) & MessageRecord::Seen));
        QTRY_COMPARE_WITH_TIMEOUT(m_messages->index(m_messages->rowForMessage(m_plain), 0)
                                      .data(MessageListModel::SeenRole)
                                      .toBool(),
                                  false, 30000);
        action(QStringLiteral("markReadAction"))->trigger();
        QVERIFY(flags(m_plain) & MessageRecord::Seen);
        action(QStringLiteral("flagAction"))->trigger();
        QVERIFY(flags(m_plain) & MessageRecord::Flagged);
        action(QStringLiteral("flagAction"))->trigger();
        QVERIFY(!(flags(m_plain) & MessageRecord::Flagged));
        // Their keys, active anywhere on the page.
        QCOMPARE(action(QStringLiteral("markUnreadAction"))->shortcut(), QKeySequence(Qt::Key_U));
        QCOMPARE(action(QStringLiteral("flagAction"))->shortcut(), QKeySequence(Qt::Key_F));
        QCOMPARE(action(QStringLiteral("flagAction"))->shortcutContext(),
                 Qt::WidgetWithChildrenShortcut);
        action(QStringLiteral("markUnreadAction"))->trigger();
        QVERIFY(!(flags(m_plain) & MessageRecord::Seen));
        action(QStringLiteral("flagAction"))->trigger();
        QVERIFY(flags(m_plain) & MessageRecord::Flagged);
        QVERIFY(m_page->messageView()->actions().contains(action(QStringLiteral("deleteAction"))));

        // Compose requests carry the mode and the message.
        QSignalSpy compose(m_page.get(), &MailPage::composeRequested);
        action(QStringLiteral("replyAction"))->trigger();
        action(QStringLiteral("forwardAction"))->trigger();
        action(QStringLiteral("newMessageAction"))->trigger();
        QCOMPARE(compose.count(), 3);
        QCOMPARE(compose.at(0).at(0).value<ComposeMode>(), ComposeMode::Reply);
        QCOMPARE(compose.at(0).at(1).toLongLong(), m_plain);
        QCOMPARE(compose.at(1).at(0).value<ComposeMode>(), ComposeMode::Forward);
        QCOMPARE(compose.at(2).at(0).value<ComposeMode>(), ComposeMode::New);
        QCOMPARE(compose.at(2).at(1).toLongLong(), 0);

        // Move to… Projects through the menu.
        QMenu *menu = m_page->moveMenu();
        Q_EMIT menu->aboutToShow();
        QAction *toProjects
            = menu->findChild<QAction *>(QStringLiteral("moveToFolder-%1").arg(m_projects));
        QVERIFY(toProjects);
        toProjects->trigger();
        QCOMPARE(m_store->message(m_plain)->folderId, m_projects);
        QTRY_COMPARE_WITH_TIMEOUT(m_messages->rowCount(), 2, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(MailPage::folderLabel(m_folders->indexForFolder(m_projects)),
                                  QStringLiteral("Projects (1)"), 30000);

        // Delete: to Deleted Items, which then lists it.
        select(m_attached);
        action(QStringLiteral("deleteAction"))->trigger();
        const qint64 deleted = m_service->deletedItemsFolder();
        QCOMPARE(m_store->message(m_attached)->folderId, deleted);
        QTRY_COMPARE_WITH_TIMEOUT(m_messages->rowCount(), 1, 30000);
        selectFolder(deleted);
        QTRY_COMPARE_WITH_TIMEOUT(m_messages->rowCount(), 1, 30000);
        QCOMPARE(m_messages->messageId(0), m_attached);
        selectFolder(m_inbox);
        QTRY_COMPARE_WITH_TIMEOUT(m_messages->rowCount(), 1, 30000);
    }

    void sortByHeader()
    {
        // Three more messages to sort.
        for (const char *subject : {"b subject", "c subject", "a subject"})
            QVERIFY(add(QByteArray("Subject: ") + subject + "\r\n\r\nx\r\n", QStringLiteral("S"),
                        QString::fromLatin1(subject), 10)
                    > 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_messages->rowCount(), 4, 30000);
        QHeaderView *header = m_page->messageView()->header();
        const int subjectColumn = int(MessageListModel::Column::Subject);
        const int x = header->sectionViewportPosition(subjectColumn)
            + header->sectionSize(subjectColumn) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        QTRY_COMPARE_WITH_TIMEOUT(m_messages->sortColumn(), MessageListModel::Column::Subject,
                                  30000);
        auto subjects = [this] {
            QStringList s;
            for (int row = 0; row < m_messages->rowCount(); ++row)
                s << m_messages->index(row, 0).data(MessageListModel::SubjectRole).toString();
            return s;
        };
        const Qt::SortOrder first = m_messages->sortOrder();
        QStringList got = subjects();
        QStringList sortedCopy = got;
        std::sort(sortedCopy.begin(), sortedCopy.end()); // SQL's binary collation
        if (first == Qt::DescendingOrder)
            std::reverse(sortedCopy.begin(), sortedCopy.end());
        QCOMPARE(got, sortedCopy);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        QTRY_VERIFY_WITH_TIMEOUT(m_messages->sortOrder() != first, 30000);
        std::reverse(sortedCopy.begin(), sortedCopy.end());
        QCOMPARE(subjects(), sortedCopy);
    }
};

QTEST_MAIN(tst_MailView)
#include "tst_mailview.moc"
