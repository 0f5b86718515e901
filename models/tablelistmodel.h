#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Tributary {

// Plumbing shared by the flat table models: a fixed number of columns (given at
// construction), horizontal header texts from columnTitle(), and the standard role names
// plus the model's own (also given at construction).
// Threading: main thread, like every item model.
class TableListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The fixed column count; 0 under a valid parent (the model is flat).
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    // columnTitle(section) for a horizontal header's DisplayRole and a section in range;
    // an invalid QVariant for everything else.
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // QAbstractTableModel's role names plus those given at construction.
    QHash<int, QByteArray> roleNames() const override;

protected:
    TableListModel(int columns, QHash<int, QByteArray> roleNames, QObject *parent);

    // Header text of `column`, 0 <= column < columnCount(); user words (tr()).
    virtual QString columnTitle(int column) const = 0;
    // Emits dataChanged over every column of `row` (which must be a valid row).
    void emitRowDataChanged(int row);

private:
    int m_columns;
    QHash<int, QByteArray> m_roleNames;
};

// A TableListModel (or a subclass of it, `Base`) whose rows are the values of m_items, one
// row an item. rowCount() and data() come from here: data() checks the index and hands
// the row's item to itemData(). Subclasses fill m_items (with the model's reset/insert/
// remove signals around the change) and inherit Base's constructors.
template<typename Item, typename Base = TableListModel> class ItemListModel : public Base
{
public:
    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_items.size());
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        using Check = QAbstractItemModel::CheckIndexOption;
        if (!this->checkIndex(index, Check::IndexIsValid | Check::ParentIsInvalid))
            return QVariant();
        return itemData(m_items.at(index.row()), index.column(), role);
    }

    // The item of `row`; a default-constructed Item when `row` is out of range.
    Item itemAt(int row) const
    {
        return row >= 0 && row < m_items.size() ? m_items.at(row) : Item();
    }

protected:
    using Base::Base;

    // What data() answers for `item` (the item of a valid row) in `column` for `role`;
    // an invalid QVariant for a role the model does not have.
    virtual QVariant itemData(const Item &item, int column, int role) const = 0;

    QList<Item> m_items;
};

} // namespace Tributary
