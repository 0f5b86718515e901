#include "store.h"

#include "storesql_p.h"

namespace Tributary {

using namespace StoreSql;

namespace {

QDateTime msPrecision(const QDateTime &time)
{
    return time.isValid() ? QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), Qt::UTC)
                          : time;
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
    if (!prepare(q, sql, errorMessage))
        return false;
    q.addBindValue(device.name);
    q.addBindValue(device.type);
    q.addBindValue(device.protocol);
    q.addBindValue(fromDateTime(device.firstSeen));
    q.addBindValue(fromDateTime(device.lastSeen));
    q.addBindValue(device.lastIp);
    q.addBindValue(fromUuid(device.uuid));
    if (!exec(q, errorMessage) || !transaction.commit(errorMessage))
        return false;
    notify(Table::Devices);
    return true;
}

bool Store::removeDevice(const QUuid &uuid, QString *errorMessage)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q, QStringLiteral("DELETE FROM devices WHERE uuid = ?"), errorMessage))
        return false;
    q.addBindValue(fromUuid(uuid));
    if (!exec(q, errorMessage))
        return false;
    if (q.numRowsAffected() == 0) {
        setError(errorMessage, tr("The device no longer exists."));
        return false;
    }
    notify(Table::Devices);
    notify(Table::LoginRecords);
    return true;
}

QList<Device> Store::devices() const
{
    QList<Device> result;
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT uuid, name, type, protocol, first_seen, last_seen, last_ip FROM devices"
            " ORDER BY last_seen DESC, name")))
        return result;
    while (q.next()) {
        Device d;
        d.uuid = toUuid(q.value(0));
        d.name = q.value(1).toString();
        d.type = q.value(2).toString();
        d.protocol = q.value(3).toString();
        d.firstSeen = toDateTime(q.value(4));
        d.lastSeen = toDateTime(q.value(5));
        d.lastIp = q.value(6).toString();
        result.append(d);
    }
    return result;
}

qint64 Store::insertLoginRecord(const LoginRecord &record, QString *errorMessage)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q,
                 QStringLiteral(
                     "INSERT INTO login_records (time, ip, protocol, client, device_uuid, success)"
                     " VALUES (?, ?, ?, ?, ?, ?)"),
                 errorMessage))
        return -1;
    q.addBindValue((record.time.isValid() ? record.time : QDateTime::currentDateTimeUtc())
                       .toMSecsSinceEpoch());
    q.addBindValue(record.ip);
    q.addBindValue(record.protocol);
    q.addBindValue(record.client);
    q.addBindValue(fromUuid(record.deviceUuid));
    q.addBindValue(int(record.success));
    if (!exec(q, errorMessage))
        return -1;
    notify(Table::LoginRecords);
    return q.lastInsertId().toLongLong();
}

QList<LoginRecord> Store::loginRecords(const QDateTime &since) const
{
    QList<LoginRecord> result;
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!prepare(
            q,
            QStringLiteral(
                "SELECT id, time, ip, protocol, client, device_uuid, success FROM login_records"
                " WHERE time >= ? ORDER BY time DESC, id DESC"),
            nullptr))
        return result;
    q.addBindValue(since.isValid() ? since.toMSecsSinceEpoch()
                                   : std::numeric_limits<qint64>::min());
    if (!exec(q, nullptr))
        return result;
    while (q.next()) {
        LoginRecord r;
        r.id = q.value(0).toLongLong();
        r.time = toDateTime(q.value(1));
        r.ip = q.value(2).toString();
        r.protocol = q.value(3).toString();
        r.client = q.value(4).toString();
        r.deviceUuid = toUuid(q.value(5));
        r.success = q.value(6).toInt() != 0;
        result.append(r);
    }
    return result;
}

} // namespace Tributary
