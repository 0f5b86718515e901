#include "foldertreemodel.h"

#include <algorithm>

namespace Tributary {

struct FolderTreeModel::Node
{
    Folder folder;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    int unread = 0;
    int total = 0;

    int row() const
    {
        if (!parent)
            return 0;
        for (std::size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return 0;
    }
};

namespace {

// Special folders come first, in the order mail programs show them.
int specialRank(Folder::SpecialUse use)
{
    switch (use) {
    case Folder::SpecialUse::Inbox:
        return 0;
    case Folder::SpecialUse::Drafts:
        return 1;
    case Folder::SpecialUse::Sent:
        return 2;
    case Folder::SpecialUse::Junk:
        return 3;
    case Folder::SpecialUse::Deleted:
        return 4;
    case Folder::SpecialUse::Archive:
        return 5;
    case Folder::SpecialUse::None:
        return 6;
    }
    return 6;
}

} // namespace

FolderTreeModel::FolderTreeModel(Store &store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
    , m_root(std::make_unique<Node>())
{
    connect(&m_store, &Store::changed, this, [this](Store::Table table) {
        if (table == Store::Table::Folders)
            reload();
    });
    connect(&m_store, &Store::messagesChanged, this,
            [this](const QList<qint64> &folderIds) { refreshCounts(folderIds); });
    connect(&m_store, &Store::messageFlagsChanged, this,
            [this](qint64, qint64 folderId, int) { refreshCounts({folderId}); });
    reload();
}

FolderTreeModel::~FolderTreeModel() = default;

QString FolderTreeModel::iconName(Folder::SpecialUse use)
{
    switch (use) {
    case Folder::SpecialUse::Inbox:
        return QStringLiteral("mail-folder-inbox");
    case Folder::SpecialUse::Sent:
        return QStringLiteral("mail-folder-sent");
    case Folder::SpecialUse::Drafts:
        return QStringLiteral("document-edit");
    case Folder::SpecialUse::Junk:
        return QStringLiteral("mail-mark-junk");
    case Folder::SpecialUse::Deleted:
        return QStringLiteral("user-trash");
    case Folder::SpecialUse::Archive:
        return QStringLiteral("mail-folder-archive");
    case Folder::SpecialUse::None:
        return QStringLiteral("folder");
    }
    return QStringLiteral("folder");
}

void FolderTreeModel::reload()
{
    const QList<Folder> folders = m_store.folders();
    const QHash<qint64, int> unread = m_store.unreadCounts();
    const QHash<qint64, int> totals = m_store.messageCounts();

    beginResetModel();
    m_root = std::make_unique<Node>();
    m_byId.clear();
    // folders() lists parents before children.
    for (const Folder &f : folders) {
        Node *parent = f.parentId > 0 ? m_byId.value(f.parentId, nullptr) : m_root.get();
        if (!parent)
            parent = m_root.get(); // parent vanished concurrently: show at top level
        auto node = std::make_unique<Node>();
        node->folder = f;
        node->parent = parent;
        node->unread = unread.value(f.id);
        node->total = totals.value(f.id);
        m_byId.insert(f.id, node.get());
        parent->children.push_back(std::move(node));
    }
    // Sort every level: special folders first, then by name.
    std::vector<Node *> pending {m_root.get()};
    while (!pending.empty()) {
        Node *n = pending.back();
        pending.pop_back();
        std::stable_sort(n->children.begin(), n->children.end(),
                         [](const std::unique_ptr<Node> &a, const std::unique_ptr<Node> &b) {
                             const int ra = specialRank(a->folder.specialUse);
                             const int rb = specialRank(b->folder.specialUse);
                             if (ra != rb)
                                 return ra < rb;
                             return a->folder.name.compare(b->folder.name, Qt::CaseInsensitive) < 0;
                         });
        for (const auto &child : n->children)
            pending.push_back(child.get());
    }
    endResetModel();
}

void FolderTreeModel::refreshCounts(const QList<qint64> &folderIds)
{
    auto update = [this](Node *node, int u, int t) {
        if (node->unread != u || node->total != t) {
            node->unread = u;
            node->total = t;
            emitCountsChanged(node);
        }
    };
    if (folderIds.isEmpty()) {
        const QHash<qint64, int> unread = m_store.unreadCounts();
        const QHash<qint64, int> totals = m_store.messageCounts();
        for (auto it = m_byId.cbegin(); it != m_byId.cend(); ++it)
            update(it.value(), unread.value(it.key()), totals.value(it.key()));
        return;
    }
    // Indexed counts of the folders concerned only: cheap however big the mailbox is.
    for (qint64 id : folderIds) {
        if (Node *node = m_byId.value(id, nullptr))
            update(node, int(m_store.unreadCount(id)), int(m_store.messageCount(id)));
    }
}

void FolderTreeModel::emitCountsChanged(Node *node)
{
    const int row = node->row();
    Q_EMIT dataChanged(createIndex(row, 0, node), createIndex(row, int(Column::Count) - 1, node));
}

FolderTreeModel::Node *FolderTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex FolderTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return QModelIndex();
    Node *p = nodeFor(parent);
    if (row < 0 || std::size_t(row) >= p->children.size())
        return QModelIndex();
    return createIndex(row, column, p->children[std::size_t(row)].get());
}

QModelIndex FolderTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    Node *node = static_cast<Node *>(child.internalPointer());
    Node *p = node->parent;
    if (!p || p == m_root.get())
        return QModelIndex();
    return createIndex(p->row(), 0, p);
}

int FolderTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int FolderTreeModel::columnCount(const QModelIndex &) const
{
    return int(Column::Count);
}

QModelIndex FolderTreeModel::indexForFolder(qint64 folderId) const
{
    Node *node = m_byId.value(folderId, nullptr);
    return node ? createIndex(node->row(), 0, node) : QModelIndex();
}

qint64 FolderTreeModel::folderId(const QModelIndex &index) const
{
    return index.isValid() ? nodeFor(index)->folder.id : 0;
}

QVariant FolderTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const Node *n = nodeFor(index);
    const Folder &f = n->folder;
    switch (role) {
    case FolderIdRole:
        return f.id;
    case SpecialUseRole:
        return int(f.specialUse);
    case SpecialUseNameRole:
        return Folder::specialUseName(f.specialUse);
    case IconNameRole:
        return iconName(f.specialUse);
    case UnreadCountRole:
        return n->unread;
    case TotalCountRole:
        return n->total;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Column::Name:
            // Special folders show their translated names; others as the user named them.
            switch (f.specialUse) {
            case Folder::SpecialUse::Inbox:
                return tr("Inbox");
            case Folder::SpecialUse::Sent:
                return tr("Sent");
            case Folder::SpecialUse::Drafts:
                return tr("Drafts");
            case Folder::SpecialUse::Junk:
                return tr("Junk E-Mail");
            case Folder::SpecialUse::Deleted:
                return tr("Deleted Items");
            case Folder::SpecialUse::Archive:
                return tr("Archive");
            case Folder::SpecialUse::None:
                return f.name;
            }
            return f.name;
        case Column::Unread:
            return n->unread > 0 ? QVariant(n->unread) : QVariant(QString());
        case Column::Total:
            return n->total;
        case Column::Count:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == int(Column::Name))
            return tr("%1 (%2 unread of %3)").arg(f.name).arg(n->unread).arg(n->total);
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant FolderTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case Column::Name:
        return tr("Folder");
    case Column::Unread:
        return tr("Unread");
    case Column::Total:
        return tr("Total");
    case Column::Count:
        break;
    }
    return QVariant();
}

QHash<int, QByteArray> FolderTreeModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractItemModel::roleNames();
    roles.insert(FolderIdRole, "folderId");
    roles.insert(SpecialUseRole, "specialUse");
    roles.insert(SpecialUseNameRole, "specialUseName");
    roles.insert(IconNameRole, "iconName");
    roles.insert(UnreadCountRole, "unreadCount");
    roles.insert(TotalCountRole, "totalCount");
    return roles;
}

} // namespace Tributary
