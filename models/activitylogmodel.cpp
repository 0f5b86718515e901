#include "activitylogmodel.h"

namespace Tributary {

namespace {

class FlagGuard
{
public:
    explicit FlagGuard(bool &flag)
        : m_flag(flag)
    {
        m_flag = true;
    }
    ~FlagGuard() { m_flag = false; }

private:
    bool &m_flag;
};

} // namespace

ActivityLogModel::ActivityLogModel(Store &store, QObject *parent)
    : StoreListModel(store, Store::Table::Activity, parent)
{
    reload();
}

void ActivityLogModel::setAreaFilter(const QString &area)
{
    if (m_area == area)
        return;
    m_area = area;
    reload();
}

void ActivityLogModel::setSearchText(const QString &text)
{
    if (m_search == text)
        return;
    m_search = text;
    reload();
}

void ActivityLogModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

ActivityQuery ActivityLogModel::baseQuery() const
{
    ActivityQuery query;
    query.area = m_area;
    query.search = m_search;
    query.limit = m_pageSize;
    return query;
}

void ActivityLogModel::reload()
{
    const QList<ActivityEntry> first = m_store.activity(baseQuery());
    FlagGuard guard(m_changing);
    beginResetModel();
    m_items = first;
    m_atEnd = first.size() < m_pageSize;
    endResetModel();
}

void ActivityLogModel::fetchNewer()
{
    if (m_items.isEmpty()) {
        reload();
        return;
    }
    ActivityQuery query = baseQuery();
    query.afterId = m_items.first().id;
    query.limit = m_pageSize + 1;
    const QList<ActivityEntry> newer = m_store.activity(query);
    if (newer.isEmpty())
        return;
    if (newer.size() > m_pageSize) {
        // Too much at once: start again from the newest page.
        reload();
        return;
    }
    FlagGuard guard(m_changing);
    beginInsertRows(QModelIndex(), 0, int(newer.size()) - 1);
    m_items = newer + m_items;
    endInsertRows();
}

bool ActivityLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_changing;
}

void ActivityLogModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_changing)
        return;
    ActivityQuery query = baseQuery();
    if (!m_items.isEmpty())
        query.beforeId = m_items.last().id;
    const QList<ActivityEntry> page = m_store.activity(query);
    m_atEnd = page.size() < m_pageSize;
    if (page.isEmpty())
        return;
    const int first = int(m_items.size());
    FlagGuard guard(m_changing);
    beginInsertRows(QModelIndex(), first, first + int(page.size()) - 1);
    m_items.append(page);
    endInsertRows();
}

int ActivityLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int ActivityLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

ActivityEntry ActivityLogModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : ActivityEntry();
}

QVariant ActivityLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const ActivityEntry &e = m_items.at(index.row());
    switch (role) {
    case IdRole:
        return e.id;
    case TimeRole:
        return e.time;
    case AreaRole:
        return e.area;
    case LevelRole:
        return e.level;
    case SourceRole:
        return e.source;
    case MessageRole:
        return e.message;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case Column::Time:
            return displayTime(e.time);
        case Column::Area:
            return e.area;
        case Column::Level:
            return e.level;
        case Column::Source:
            return e.source;
        case Column::Message:
            return e.message;
        case Column::Count:
            break;
        }
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant ActivityLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Area:
        return tr("Area");
    case Column::Level:
        return tr("Level");
    case Column::Source:
        return tr("Source");
    case Column::Message:
        return tr("Message");
    case Column::Count:
        break;
    }
    return QVariant();
}

QHash<int, QByteArray> ActivityLogModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(IdRole, "id");
    roles.insert(TimeRole, "time");
    roles.insert(AreaRole, "area");
    roles.insert(LevelRole, "level");
    roles.insert(SourceRole, "source");
    roles.insert(MessageRole, "message");
    return roles;
}

} // namespace Tributary
