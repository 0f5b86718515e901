#pragma once

#include <QList>
#include <QStringList>

namespace Tributary {
namespace StoreSchema {

// The ordered forward migrations: element i brings a database from version i to i + 1.
// Statements use portable SQL; `driver` (QSqlDatabase::driverName()) only picks the
// auto-increment primary key spelling.
QList<QStringList> migrations(const QString &driver);

} // namespace StoreSchema
} // namespace Tributary
