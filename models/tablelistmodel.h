#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Tributary {

// Plumbing shared by the flat table models: a fixed list of columns with their header texts
// (given at construction), and the standard role names plus the model's own (also given at
// construction).
// Threading: main thread, like every item model.
class TableListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The number of column titles given at construction; 0 under a valid parent (the model
    // is flat).
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    // For a horizontal header's DisplayRole and a section in range: that column's title,
    // translated in the context of the model's class (metaObject()), as tr() there would;
    // an invalid QVariant for everything else.
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // QAbstractTableModel's role names plus those given at construction.
    QHash<int, QByteArray> roleNames() const override;

protected:
    // `columnTitles`: one header text a column, in column order (the model's Column enum),
    // each a source text marked with QT_TR_NOOP in the subclass so that it is translated in
    // that class's context; the list must outlive the model (string literals do).
    TableListModel(QList<const char *> columnTitles, QHash<int, QByteArray> roleNames,
                   QObject *parent);

    // Emits dataChanged over every column of `row` (which must be a valid row).
    void emitRowDataChanged(int row);

private:
    QList<const char *> m_columnTitles;
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
