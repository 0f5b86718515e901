#pragma once

#include "composemode.h"

#include <QKeySequence>
#include <QModelIndex>
#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QAction;
class QMenu;
class QSplitter;
class QTextBrowser;
class QTimer;
class QToolBar;
class QToolButton;
class QTreeView;

namespace Tributary {
class MailService;
}

namespace Tributary::Ui {

class MessageReader;
class PageHeader;

// The Mail page: folder tree (unread folders in bold with their count), message list
// (sortable by clicking a column header; the model pages its rows) and the reader
// (MessageReader). Models are not owned.
//
// Actions (toolbar, the list's context menu, shortcuts while the page has focus): New
// Message (no key here: Ctrl+N is the window's), Reply (Ctrl+R), Reply All (Ctrl+Shift+R), Forward
// (Ctrl+L) — these only emit composeRequested(); Mark as Read (M), Mark as Unread (U), Flag /
// Unflag (F), Delete (Del: to Deleted Items), Move to… (Ctrl+Shift+V: a menu of folders). They act
// on the selected messages through the MailService; without one (widget tests over plain models)
// they are disabled and the reader shows the row's columns.
// Outbox (a button in the header, Ctrl+Shift+O; "Outbox (N)" with N messages waiting, see
// setOutboxCount()) emits outboxRequested().
//
// A message shown in the reader is marked read after markReadDelay() ms if it stays chosen.
class MailPage : public QWidget
{
    Q_OBJECT

public:
    explicit MailPage(QWidget *parent = nullptr);

    void setFolderModel(QAbstractItemModel *model);
    void setMessageModel(QAbstractItemModel *model);
    // Not owned; must outlive the page.
    void setMailService(MailService *service);
    void setMarkReadDelay(int milliseconds);
    int markReadDelay() const { return m_markReadDelay; }

    QString title() const;
    QTreeView *folderView() const { return m_folders; }
    QTreeView *messageView() const { return m_messages; }
    // The reader's text view (headers and body).
    QTextBrowser *reader() const;
    MessageReader *messageReader() const { return m_reader; }
    QSplitter *splitter() const { return m_splitter; }
    QToolBar *toolBar() const { return m_toolBar; }
    QMenu *moveMenu() const { return m_moveMenu; }
    QAction *outboxAction() const { return m_outboxAction; }
    // What the folder tree shows for a folder: its name, plus " (N)" with N unread messages
    // (such folders are drawn in bold).
    static QString folderLabel(const QModelIndex &folderIndex);
    // Message ids of the selected rows (the current row when nothing is selected).
    QList<qint64> selectedMessageIds() const;

public Q_SLOTS:
    void markSelectedRead(bool read);
    void toggleSelectedFlag();
    void deleteSelected();
    void moveSelectedTo(qint64 folderId);
    // Messages waiting in the Outbox (the Outbox action's label).
    void setOutboxCount(int count);

Q_SIGNALS:
    // The user chose a folder (index of the folder model) or a message (message model).
    void folderSelected(const QModelIndex &index);
    void messageSelected(const QModelIndex &index);
    // New Message / Reply / Reply All / Forward; messageId is 0 for New.
    void composeRequested(Tributary::Ui::ComposeMode mode, qint64 messageId);
    // An action failed; the text is for the user.
    void actionFailed(const QString &message);
    // The user asked to see the Outbox.
    void outboxRequested();

private:
    QAction *addAction(const QString &name, const QString &text, const QKeySequence &shortcut,
                       const QString &icon);
    void showMessage(const QModelIndex &index);
    void rebuildMoveMenu();
    void updateActions();
    void report(bool ok, const QString &error);
    qint64 currentMessageId() const;

    PageHeader *m_header;
    QToolBar *m_toolBar;
    QSplitter *m_splitter;
    QTreeView *m_folders;
    QTreeView *m_messages;
    MessageReader *m_reader;
    QMenu *m_moveMenu;
    QTimer *m_markReadTimer;
    QPointer<MailService> m_service;
    int m_markReadDelay = 1500;
    qint64 m_shownId = 0;

    QAction *m_newAction = nullptr;
    QAction *m_replyAction = nullptr;
    QAction *m_replyAllAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QAction *m_readAction = nullptr;
    QAction *m_unreadAction = nullptr;
    QAction *m_flagAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_moveAction = nullptr;
    QAction *m_outboxAction = nullptr;
    QToolButton *m_outboxButton = nullptr;
};

} // namespace Tributary::Ui
