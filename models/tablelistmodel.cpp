#include "tablelistmodel.h"

namespace Tributary {

TableListModel::TableListModel(int columns, QHash<int, QByteArray> roleNames, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(columns)
    , m_roleNames(std::move(roleNames))
{
}

int TableListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant TableListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= m_columns)
        return QVariant();
    return columnTitle(section);
}

QHash<int, QByteArray> TableListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(m_roleNames);
    return roles;
}

void TableListModel::emitRowDataChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, m_columns - 1));
}

} // namespace Tributary
