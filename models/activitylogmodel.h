#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Activity log, newest first, loaded lazily in pages (canFetchMore/fetchMore).
// New entries (Store::changed(Activity)) are inserted at the top without a reset.
class ActivityLogModel : public ItemListModel<ActivityEntry, StoreListModel>
{
    Q_OBJECT
public:
    enum class Column { Time, Area, Level, Source, Message, Count };
    Q_ENUM(Column)
    enum Role { IdRole = Qt::UserRole + 1, TimeRole, AreaRole, LevelRole, SourceRole, MessageRole };
    Q_ENUM(Role)

    explicit ActivityLogModel(Store &store, QObject *parent = nullptr);

    // Empty = every area. Reloads.
    void setAreaFilter(const QString &area);
    QString areaFilter() const { return m_area; }
    // Case-insensitive substring of message or source; empty = all. Reloads.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void reload() override;

protected:
    QVariant itemData(const ActivityEntry &e, int column, int role) const override;
    void storeChanged() override { fetchNewer(); }

private:
    void fetchNewer();
    ActivityQuery baseQuery() const;

    QString m_area;
    QString m_search;
    int m_pageSize = 200;
    bool m_atEnd = false;
    // True while this model emits change signals; fetchMore() declines meanwhile (see
    // MessageListModel).
    bool m_changing = false;
};

} // namespace Tributary
