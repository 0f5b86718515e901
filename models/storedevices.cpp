#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

namespace {

Device readDevice(const QSqlQuery &q)
{
    Device d;
    d.uuid = toUuid(q.value(0));
    d.name = q.value(1).toString();
    d.type = q.value(2).toString();
    d.protocol = q.value(3).toString();
    d.firstSeen = toDateTime(q.value(4));
    d.lastSeen = toDateTime(q.value(5));
    d.lastIp = q.value(6).toString();
    return d;
}

LoginRecord readLoginRecord(const QSqlQuery &q)
{
    LoginRecord r;
    r.id = q.value(0).toLongLong();
    r.time = toDateTime(q.value(1));
    r.ip = q.value(2).toString();
    r.protocol = q.value(3).toString();
    r.client = q.value(4).toString();
    r.deviceUuid = toUuid(q.value(5));
    r.success = q.value(6).toInt() != 0;
    return r;
}

} // namespace

bool Store::upsertDevice(Device &device, QString *errorMessage)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    device.lastSeen = msPrecision(device.lastSeen.isValid() ? device.lastSeen : now);
    QSqlDatabase db = database();
    Transaction transaction(db);
    bool exists = false;
    if (!device.uuid.isNull()) {
        QSqlQuery q(db);
        if (!prepare(q, QStringLiteral("SELECT first_seen FROM devices WHERE uuid = ?"),
                     errorMessage))
            return false;
        q.addBindValue(fromUuid(device.uuid));
        if (!exec(q, errorMessage))
            return false;
        if (q.next()) {
            exists = true;
            if (!device.firstSeen.isValid())
                device.firstSeen = toDateTime(q.value(0));
        }
    } else {
        device.uuid = QUuid::createUuid();
    }
    device.firstSeen = msPrecision(device.firstSeen.isValid() ? device.firstSeen : device.lastSeen);
    QSqlQuery q(db);
    const QString sql = exists
        ? QStringLiteral(
            "UPDATE devices SET name = ?, type = ?, protocol = ?, first_seen = ?, last_seen = ?,"
            " last_ip = ? WHERE uuid = ?")
        : QStringLiteral(
            "INSERT INTO devices (name, type, protocol, first_seen, last_seen, last_ip, uuid)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!execBound(q, sql,
                   {device.name, device.type, device.protocol, fromDateTime(device.firstSeen),
                    fromDateTime(device.lastSeen), device.lastIp, fromUuid(device.uuid)},
                   errorMessage)
        || !transaction.commit(errorMessage))
        return false;
    notify(Table::Devices);
    return true;
}

bool Store::removeDevice(const QUuid &uuid, QString *errorMessage)
{
    QSqlDatabase db = database();
    if (!changeExistingRow(db, QStringLiteral("DELETE FROM devices WHERE uuid = ?"),
                           {fromUuid(uuid)}, tr("The device no longer exists."), errorMessage))
        return false;
    notify(Table::Devices);
    notify(Table::LoginRecords);
    return true;
}

QList<Device> Store::devices() const
{
    QSqlDatabase db = database();
    return selectRows<Device>(
        db,
        QStringLiteral(
            "SELECT uuid, name, type, protocol, first_seen, last_seen, last_ip FROM devices"
            " ORDER BY last_seen DESC, name"),
        readDevice);
}

qint64 Store::insertLoginRecord(const LoginRecord &record, QString *errorMessage)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    const QDateTime time = record.time.isValid() ? record.time : QDateTime::currentDateTimeUtc();
    if (!execBound(
            q,
            QStringLiteral(
                "INSERT INTO login_records (time, ip, protocol, client, device_uuid, success)"
                " VALUES (?, ?, ?, ?, ?, ?)"),
            {time.toMSecsSinceEpoch(), record.ip, record.protocol, record.client,
             fromUuid(record.deviceUuid), int(record.success)},
            errorMessage))
        return -1;
    notify(Table::LoginRecords);
    return q.lastInsertId().toLongLong();
}

QList<LoginRecord> Store::loginRecords(const QDateTime &since) const
{
    QSqlDatabase db = database();
    return selectRows<LoginRecord>(
        db,
        QStringLiteral(
            "SELECT id, time, ip, protocol, client, device_uuid, success FROM login_records"
            " WHERE time >= ? ORDER BY time DESC, id DESC"),
        readLoginRecord,
        {since.isValid() ? since.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min()});
}

} // namespace Tributary
