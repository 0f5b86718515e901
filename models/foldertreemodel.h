#pragma once

#include "store.h"

#include <QAbstractItemModel>
#include <vector>

namespace Tributary {

// The folder tree of the Mail view: special folders first (Inbox, Drafts, Sent, ...), then
// the others by name; children below their parent. Unread and total counts come from the
// Store and refresh, for the folders concerned only, on Store::messagesChanged and
// messageFlagsChanged (dataChanged, no reset); the tree reloads on changed(Folders).
class FolderTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Column { Name, Unread, Total, Count };
    Q_ENUM(Column)
    enum Role {
        FolderIdRole = Qt::UserRole + 1,
        SpecialUseRole, // Folder::SpecialUse as int
        SpecialUseNameRole, // "inbox", "sent", ... "none"
        IconNameRole, // freedesktop icon name for the special use ("mail-inbox", ...)
        UnreadCountRole,
        TotalCountRole,
    };
    Q_ENUM(Role)

    explicit FolderTreeModel(Store &store, QObject *parent = nullptr);
    ~FolderTreeModel() override;

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexForFolder(qint64 folderId) const;
    qint64 folderId(const QModelIndex &index) const;
    static QString iconName(Folder::SpecialUse use);

    void reload();
    // Reads the counts of these folders again (all folders when empty).
    void refreshCounts(const QList<qint64> &folderIds = {});

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    void emitCountsChanged(Node *node);

    Store &m_store;
    std::unique_ptr<Node> m_root;
    QHash<qint64, Node *> m_byId;
};

} // namespace Tributary
