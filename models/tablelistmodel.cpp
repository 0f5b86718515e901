#include "tablelistmodel.h"

namespace Tributary {

TableListModel::TableListModel(QList<const char *> columnTitles, QHash<int, QByteArray> roleNames,
                               QObject *parent)
    : QAbstractTableModel(parent)
    , m_columnTitles(std::move(columnTitles))
    , m_roleNames(std::move(roleNames))
{
}

int TableListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columnTitles.size());
}

QVariant TableListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= m_columnTitles.size())
        return QVariant();
    return metaObject()->tr(m_columnTitles.at(section), nullptr);
}

QHash<int, QByteArray> TableListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(m_roleNames);
    return roles;
}

void TableListModel::emitRowDataChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, int(m_columnTitles.size()) - 1));
}

} // namespace Tributary
