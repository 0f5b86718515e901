#include "activitylogmodel.h"

#include <QScopedValueRollback>

namespace Tributary {

ActivityLogModel::ActivityLogModel(Store &store, QObject *parent)
    : ItemListModel(store, Store::Table::Activity,
                    {QT_TR_NOOP("Time"), QT_TR_NOOP("Area"), QT_TR_NOOP("Level"),
                     QT_TR_NOOP("Source"), QT_TR_NOOP("Message")},
                    {{IdRole, "id"},
                     {TimeRole, "time"},
                     {AreaRole, "area"},
                     {LevelRole, "level"},
                     {SourceRole, "source"},
                     {MessageRole, "message"}},
                    parent)
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
    const QScopedValueRollback<bool> guard(m_changing, true);
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
    const QScopedValueRollback<bool> guard(m_changing, true);
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
    const QScopedValueRollback<bool> guard(m_changing, true);
    beginInsertRows(QModelIndex(), first, first + int(page.size()) - 1);
    m_items.append(page);
    endInsertRows();
}

QVariant ActivityLogModel::itemData(const ActivityEntry &e, int column, int role) const
{
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
        switch (Column(column)) {
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

} // namespace Tributary
