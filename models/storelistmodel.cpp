#include "storelistmodel.h"

#include <QLocale>

namespace Tributary {

StoreListModel::StoreListModel(Store &store, Store::Table table, QObject *parent)
    : QAbstractTableModel(parent)
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
