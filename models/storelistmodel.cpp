#include "storelistmodel.h"

#include <QLocale>

namespace Tributary {

StoreListModel::StoreListModel(Store &store, Store::Table table, QList<const char *> columnTitles,
                               QHash<int, QByteArray> roleNames, QObject *parent)
    : TableListModel(std::move(columnTitles), std::move(roleNames), parent)
    , m_store(store)
    , m_table(table)
{
    connect(&m_store, &Store::changed, this, [this](Store::Table changed) {
        if (changed == m_table)
            storeChanged();
    });
}

QString StoreListModel::displayTime(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace Tributary
