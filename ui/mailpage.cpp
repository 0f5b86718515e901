#include "mailpage.h"

#include "messagereader.h"
#include "pageheader.h"
#include "pageinfo.h"

#include "app/services/mail/mailservice.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace Tributary::Ui {

namespace {

// Folders with unread mail: bold, with the count after the name.
class FolderDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(FolderTreeModel::UnreadCountRole).toInt() > 0)
            option->font.setBold(true);
        option->text = MailPage::folderLabel(index);
    }
};

// Unread messages in bold.
class MessageDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant seen = index.data(MessageListModel::SeenRole);
        if (seen.isValid() && !seen.toBool())
            option->font.setBold(true);
    }
};

} // namespace

MailPage::MailPage(QWidget *parent)
    : QWidget(parent)
    , m_header(new PageHeader(this))
    , m_toolBar(new QToolBar(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_folders(new QTreeView(m_splitter))
    , m_messages(new QTreeView(m_splitter))
    , m_reader(new MessageReader(m_splitter))
    , m_moveMenu(new QMenu(this))
    , m_markReadTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mailPage"));
    m_toolBar->setObjectName(QStringLiteral("mailToolBar"));
    m_toolBar->setAccessibleName(tr("Mail actions"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_splitter->setObjectName(QStringLiteral("mailSplitter"));
    m_folders->setObjectName(QStringLiteral("folderTree"));
    m_messages->setObjectName(QStringLiteral("messageList"));
    m_moveMenu->setObjectName(QStringLiteral("moveToMenu"));
    m_moveMenu->setTitle(tr("Move to"));

    m_header->setIcon(PageInfo::iconPath(PageInfo::Id::Mail));
    m_header->setTitle(PageInfo::title(PageInfo::Id::Mail));
    m_header->setDescription(PageInfo::description(PageInfo::Id::Mail));

    m_folders->setAccessibleName(tr("Folders"));
    m_folders->setHeaderHidden(true);
    m_folders->setUniformRowHeights(true);
    m_folders->setIndentation(14);
    m_folders->setItemDelegate(new FolderDelegate(m_folders));
    m_messages->setAccessibleName(tr("Messages"));
    m_messages->setRootIsDecorated(false);
    m_messages->setUniformRowHeights(true);
    m_messages->setAlternatingRowColors(true);
    m_messages->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_messages->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_messages->setItemDelegate(new MessageDelegate(m_messages));
    m_messages->header()->setSectionsClickable(true);
    m_messages->setContextMenuPolicy(Qt::ActionsContextMenu);
    // Roomier rows than the style's default: these are the lists people read all day.
    const QString rows = QStringLiteral("QTreeView::item { padding: 4px 2px; }");
    m_folders->setStyleSheet(rows);
    m_messages->setStyleSheet(rows);

    // Ctrl+N belongs to the window's own New Message action (the same on every page); a
    // second Ctrl+N here would make the key ambiguous while the page has focus.
    m_newAction = addAction(QStringLiteral("newMessageAction"), tr("New Message"), QKeySequence(),
                            QStringLiteral("mail-message-new"));
    m_replyAction
        = addAction(QStringLiteral("replyAction"), tr("Reply"), QKeySequence(Qt::CTRL | Qt::Key_R),
                    QStringLiteral("mail-reply-sender"));
    m_replyAllAction = addAction(QStringLiteral("replyAllAction"), tr("Reply All"),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                                 QStringLiteral("mail-reply-all"));
    m_forwardAction = addAction(QStringLiteral("forwardAction"), tr("Forward"),
                                QKeySequence(Qt::CTRL | Qt::Key_L), QStringLiteral("mail-forward"));
    m_toolBar->addSeparator();
    m_readAction = addAction(QStringLiteral("markReadAction"), tr("Mark as Read"),
                             QKeySequence(Qt::Key_M), QStringLiteral("mail-mark-read"));
    m_unreadAction = addAction(QStringLiteral("markUnreadAction"), tr("Mark as Unread"),
                               QKeySequence(Qt::Key_U), QStringLiteral("mail-mark-unread"));
    m_flagAction = addAction(QStringLiteral("flagAction"), tr("Flag"), QKeySequence(Qt::Key_F),
                             QStringLiteral("mail-mark-important"));
    m_deleteAction = addAction(QStringLiteral("deleteAction"), tr("Delete"),
                               QKeySequence(QKeySequence::Delete), QStringLiteral("edit-delete"));
    m_moveAction
        = addAction(QStringLiteral("moveToAction"), tr("Move to…"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), QStringLiteral("mail-move"));
    m_moveAction->setMenu(m_moveMenu);
    if (auto *button = qobject_cast<QToolButton *>(m_toolBar->widgetForAction(m_moveAction)))
        button->setPopupMode(QToolButton::InstantPopup);

    connect(m_newAction, &QAction::triggered, this,
            [this] { Q_EMIT composeRequested(ComposeMode::New, 0); });
    connect(m_replyAction, &QAction::triggered, this, [this] {
        if (const qint64 id = currentMessageId())
            Q_EMIT composeRequested(ComposeMode::Reply, id);
    });
    connect(m_replyAllAction, &QAction::triggered, this, [this] {
        if (const qint64 id = currentMessageId())
            Q_EMIT composeRequested(ComposeMode::ReplyAll, id);
    });
    connect(m_forwardAction, &QAction::triggered, this, [this] {
        if (const qint64 id = currentMessageId())
            Q_EMIT composeRequested(ComposeMode::Forward, id);
    });
    connect(m_readAction, &QAction::triggered, this, [this] { markSelectedRead(true); });
    connect(m_unreadAction, &QAction::triggered, this, [this] { markSelectedRead(false); });
    connect(m_flagAction, &QAction::triggered, this, &MailPage::toggleSelectedFlag);
    connect(m_deleteAction, &QAction::triggered, this, &MailPage::deleteSelected);
    // The shortcut (no menu shown by a key): open the menu below the list's current row.
    connect(m_moveAction, &QAction::triggered, this, [this] {
        rebuildMoveMenu();
        const QRect row = m_messages->visualRect(m_messages->currentIndex());
        m_moveMenu->popup(
            m_messages->viewport()->mapToGlobal(row.isValid() ? row.bottomLeft() : QPoint(0, 0)));
    });
    connect(m_moveMenu, &QMenu::aboutToShow, this, &MailPage::rebuildMoveMenu);

    // The Outbox: a button in the page's header (it is not about the chosen messages, and the
    // toolbar's end may overflow on narrow windows).
    m_outboxAction
        = new QAction(QIcon::fromTheme(QStringLiteral("mail-folder-outbox")), tr("Outbox"), this);
    m_outboxAction->setObjectName(QStringLiteral("outboxAction"));
    m_outboxAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_outboxAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addAction(m_outboxAction);
    m_outboxButton = new QToolButton(m_header);
    m_outboxButton->setObjectName(QStringLiteral("outboxActionButton"));
    m_outboxButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_outboxButton->setDefaultAction(m_outboxAction);
    if (auto *row = qobject_cast<QBoxLayout *>(m_header->layout()))
        row->insertWidget(row->indexOf(m_header->actionButton()), m_outboxButton, 0,
                          Qt::AlignVCenter);
    setOutboxCount(0);
    connect(m_outboxAction, &QAction::triggered, this, &MailPage::outboxRequested);

    m_markReadTimer->setSingleShot(true);
    connect(m_markReadTimer, &QTimer::timeout, this, [this] {
        if (m_service && m_shownId != 0 && m_shownId == currentMessageId()) {
            QString error;
            report(m_service->setSeen({m_shownId}, true, &error), error);
        }
    });
    connect(m_reader, &MessageReader::messageShown, this, [this](qint64 id) {
        m_shownId = id;
        m_markReadTimer->start(m_markReadDelay);
    });

    m_splitter->addWidget(m_folders);
    m_splitter->addWidget(m_messages);
    m_splitter->addWidget(m_reader);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 3);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({200, 360, 480});

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(28, 24, 28, 24);
    column->setSpacing(12);
    column->addWidget(m_header);
    column->addWidget(m_toolBar);
    column->addWidget(m_splitter, 1);
    updateActions();
}

QAction *MailPage::addAction(const QString &name, const QString &text, const QKeySequence &shortcut,
                             const QString &icon)
{
    auto *action = new QAction(QIcon::fromTheme(icon), text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(shortcut.isEmpty()
                           ? text
                           : tr("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText)));
    QWidget::addAction(action); // shortcuts anywhere on the page
    m_toolBar->addAction(action);
    if (QWidget *button = m_toolBar->widgetForAction(action)) {
        button->setObjectName(name + QStringLiteral("Button"));
        button->setAccessibleName(text);
    }
    m_messages->addAction(action); // the list's context menu
    return action;
}

void MailPage::setOutboxCount(int count)
{
    const QString text = count > 0 ? tr("Outbox (%1)").arg(count) : tr("Outbox");
    m_outboxAction->setText(text);
    m_outboxAction->setToolTip(
        tr("%1 (%2)").arg(text, m_outboxAction->shortcut().toString(QKeySequence::NativeText)));
    m_outboxButton->setAccessibleName(
        count > 0 ? tr("Outbox, %n message(s) waiting", nullptr, count) : tr("Outbox"));
}

QString MailPage::folderLabel(const QModelIndex &folderIndex)
{
    const QString name = folderIndex.data().toString();
    const int unread = folderIndex.data(FolderTreeModel::UnreadCountRole).toInt();
    return unread > 0 ? name + QStringLiteral(" (%1)").arg(unread) : name;
}

QString MailPage::title() const
{
    return m_header->title();
}

QTextBrowser *MailPage::reader() const
{
    return m_reader->browser();
}

void MailPage::setMailService(MailService *service)
{
    m_service = service;
    m_reader->setMailService(service);
    updateActions();
}

void MailPage::setMarkReadDelay(int milliseconds)
{
    m_markReadDelay = qMax(0, milliseconds);
}

void MailPage::setFolderModel(QAbstractItemModel *model)
{
    m_folders->setModel(model);
    if (!model)
        return;
    for (int c = 1; c < model->columnCount(); ++c)
        m_folders->hideColumn(c);
    connect(m_folders->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    Q_EMIT folderSelected(current);
            });
}

void MailPage::setMessageModel(QAbstractItemModel *model)
{
    m_messages->setModel(model);
    m_reader->clear();
    if (!model)
        return;
    // Sorting happens in the model (SQL ORDER BY with keyset paging), started by a click on
    // a column header; the indicator starts where the model is.
    if (auto *list = qobject_cast<MessageListModel *>(model))
        m_messages->header()->setSortIndicator(int(list->sortColumn()), list->sortOrder());
    m_messages->setSortingEnabled(true);
    connect(m_messages->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showMessage(current); });
    connect(m_messages->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MailPage::updateActions);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_markReadTimer->stop();
        m_shownId = 0;
        m_reader->clear();
        updateActions();
    });
    updateActions();
}

qint64 MailPage::currentMessageId() const
{
    const QModelIndex current = m_messages->currentIndex();
    return current.isValid() ? current.data(MessageListModel::MessageIdRole).toLongLong() : 0;
}

QList<qint64> MailPage::selectedMessageIds() const
{
    QList<qint64> ids;
    if (QItemSelectionModel *selection = m_messages->selectionModel()) {
        const QModelIndexList rows = selection->selectedRows();
        for (const QModelIndex &row : rows) {
            const qint64 id = row.data(MessageListModel::MessageIdRole).toLongLong();
            if (id > 0)
                ids.append(id);
        }
    }
    if (ids.isEmpty()) {
        if (const qint64 id = currentMessageId())
            ids.append(id);
    }
    return ids;
}

void MailPage::updateActions()
{
    const bool service = !m_service.isNull();
    const bool any = !selectedMessageIds().isEmpty();
    m_newAction->setEnabled(true);
    for (QAction *a : {m_replyAction, m_replyAllAction, m_forwardAction})
        a->setEnabled(any);
    for (QAction *a : {m_readAction, m_unreadAction, m_flagAction, m_deleteAction, m_moveAction})
        a->setEnabled(service && any);
}

void MailPage::report(bool ok, const QString &error)
{
    if (!ok)
        Q_EMIT actionFailed(error);
}

void MailPage::markSelectedRead(bool read)
{
    const QList<qint64> ids = selectedMessageIds();
    if (!m_service || ids.isEmpty())
        return;
    // Marked unread by hand: do not mark it read again behind the user's back.
    if (!read)
        m_markReadTimer->stop();
    QString error;
    report(m_service->setSeen(ids, read, &error), error);
}

void MailPage::toggleSelectedFlag()
{
    const QList<qint64> ids = selectedMessageIds();
    if (!m_service || ids.isEmpty())
        return;
    // Like common mail programs: flag all unless every selected message is flagged already.
    bool allFlagged = true;
    if (QItemSelectionModel *selection = m_messages->selectionModel()) {
        QModelIndexList rows = selection->selectedRows();
        if (rows.isEmpty() && m_messages->currentIndex().isValid())
            rows.append(m_messages->currentIndex());
        for (const QModelIndex &row : std::as_const(rows))
            allFlagged = allFlagged && row.data(MessageListModel::FlaggedRole).toBool();
    }
    QString error;
    report(m_service->setFlagged(ids, !allFlagged, &error), error);
}

void MailPage::deleteSelected()
{
    const QList<qint64> ids = selectedMessageIds();
    if (!m_service || ids.isEmpty())
        return;
    QString error;
    report(m_service->moveToDeletedItems(ids, &error), error);
}

void MailPage::moveSelectedTo(qint64 folderId)
{
    const QList<qint64> ids = selectedMessageIds();
    if (!m_service || ids.isEmpty() || folderId <= 0)
        return;
    QString error;
    report(m_service->move(ids, folderId, &error), error);
}

void MailPage::rebuildMoveMenu()
{
    m_moveMenu->clear();
    const QAbstractItemModel *model = m_folders->model();
    if (!model)
        return;
    // Depth-first, indented like the tree.
    std::function<void(const QModelIndex &, int)> addLevel
        = [&](const QModelIndex &parent, int depth) {
              for (int row = 0; row < model->rowCount(parent); ++row) {
                  const QModelIndex index = model->index(row, 0, parent);
                  const qint64 id = index.data(FolderTreeModel::FolderIdRole).toLongLong();
                  QAction *action = m_moveMenu->addAction(
                      QString(qsizetype(depth) * 4, QLatin1Char(' ')) + index.data().toString());
                  action->setObjectName(QStringLiteral("moveToFolder-%1").arg(id));
                  action->setData(id);
                  connect(action, &QAction::triggered, this, [this, id] { moveSelectedTo(id); });
                  addLevel(index, depth + 1);
              }
          };
    addLevel(QModelIndex(), 0);
}

void MailPage::showMessage(const QModelIndex &index)
{
    m_markReadTimer->stop();
    m_shownId = 0;
    updateActions();
    if (!index.isValid()) {
        m_reader->clear();
        return;
    }
    const qint64 id = index.data(MessageListModel::MessageIdRole).toLongLong();
    if (m_service && id > 0) {
        m_reader->showMessage(id);
    } else {
        const QAbstractItemModel *model = index.model();
        QList<QPair<QString, QString>> lines;
        for (int c = 0; c < model->columnCount(index.parent()); ++c)
            lines.append({model->headerData(c, Qt::Horizontal).toString(),
                          model->index(index.row(), c, index.parent()).data().toString()});
        m_reader->showSummary(lines);
    }
    Q_EMIT messageSelected(index);
}

} // namespace Tributary::Ui
