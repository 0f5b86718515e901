#pragma once

#include "store.h"

#include <QAbstractTableModel>

namespace Tributary {

// Base of the flat list models over one Store table: reloads when Store::changed names
// its table. Subclasses load their rows in reload() between beginResetModel/endResetModel.
class StoreListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    StoreListModel(Store &store, Store::Table table, QObject *parent = nullptr);

    // Reads the table again (also called on Store::changed for this table).
    virtual void reload() = 0;

protected:
    Store &m_store;

private:
    Store::Table m_table;
};

} // namespace Tributary
