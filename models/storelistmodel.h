#pragma once

#include "store.h"
#include "tablelistmodel.h"

namespace Tributary {

// Base of the flat list models over one Store table: reloads when Store::changed names
// its table. Subclasses load their rows in reload() between beginResetModel/endResetModel
// (or with applyList()). Most derive through ItemListModel<Item, StoreListModel>.
class StoreListModel : public TableListModel
{
    Q_OBJECT
public:
    // `columnTitles` and `roleNames` as for TableListModel.
    StoreListModel(Store &store, Store::Table table, QList<const char *> columnTitles,
                   QHash<int, QByteArray> roleNames, QObject *parent = nullptr);

    // Reads the table again (also called on Store::changed for this table).
    virtual void reload() = 0;

protected:
    // Called on Store::changed for this table; reloads by default.
    virtual void storeChanged() { reload(); }

    // Replaces `items` with `fresh`: when the keys are the same in the same order only
    // dataChanged is emitted (selections survive); otherwise the model resets.
    template<typename T, typename Key> void applyList(QList<T> &items, QList<T> fresh, Key key)
    {
        bool same = items.size() == fresh.size();
        for (int i = 0; same && i < items.size(); ++i)
            same = key(items.at(i)) == key(fresh.at(i));
        if (same) {
            items = std::move(fresh);
            if (!items.isEmpty())
                Q_EMIT dataChanged(index(0, 0), index(int(items.size()) - 1, columnCount() - 1));
            return;
        }
        beginResetModel();
        items = std::move(fresh);
        endResetModel();
    }

    // Short local date and time for display; empty for an invalid time.
    static QString displayTime(const QDateTime &time);

    Store &m_store;

private:
    Store::Table m_table;
};

} // namespace Tributary
