#pragma once

#include <QModelIndex>
#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QSplitter;
class QTextBrowser;
class QTreeView;

namespace Tributary::Ui {

class PageHeader;

// The Mail page: folder tree, message list and a reader pane. The reader stays empty until a
// message is chosen; it then shows the chosen row's columns as header lines (the real reader
// with bodies comes with the message view). Models are not owned.
class MailPage : public QWidget
{
    Q_OBJECT

public:
    explicit MailPage(QWidget *parent = nullptr);

    void setFolderModel(QAbstractItemModel *model);
    void setMessageModel(QAbstractItemModel *model);

    QString title() const;
    QTreeView *folderView() const { return m_folders; }
    QTreeView *messageView() const { return m_messages; }
    QTextBrowser *reader() const { return m_reader; }
    QSplitter *splitter() const { return m_splitter; }

Q_SIGNALS:
    // The user chose a folder (index of the folder model) or a message (message model).
    void folderSelected(const QModelIndex &index);
    void messageSelected(const QModelIndex &index);

private:
    void showMessage(const QModelIndex &index);

    PageHeader *m_header;
    QSplitter *m_splitter;
    QTreeView *m_folders;
    QTreeView *m_messages;
    QTextBrowser *m_reader;
};

} // namespace Tributary::Ui
