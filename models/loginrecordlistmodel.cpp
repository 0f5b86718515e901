#include "loginrecordlistmodel.h"

namespace Tributary {

LoginRecordListModel::LoginRecordListModel(Store &store, QObject *parent)
    : ItemListModel(store, Store::Table::LoginRecords,
                    {QT_TR_NOOP("Time"), QT_TR_NOOP("IP address"), QT_TR_NOOP("Protocol"),
                     QT_TR_NOOP("Client"), QT_TR_NOOP("Result")},
                    {{IdRole, "id"},
                     {TimeRole, "time"},
                     {IpRole, "ip"},
                     {ProtocolRole, "protocol"},
                     {SuccessRole, "success"},
                     {DeviceUuidRole, "deviceUuid"}},
                    parent)
{
    reload();
}

void LoginRecordListModel::setDays(int days)
{
    if (m_days == days)
        return;
    m_days = days;
    reload();
}

void LoginRecordListModel::reload()
{
    const QDateTime since
        = m_days > 0 ? QDateTime::currentDateTimeUtc().addDays(-m_days) : QDateTime();
    applyList(m_items, m_store.loginRecords(since), [](const LoginRecord &r) { return r.id; });
}

QVariant LoginRecordListModel::itemData(const LoginRecord &r, int column, int role) const
{
    switch (role) {
    case IdRole:
        return r.id;
    case TimeRole:
        return r.time;
    case IpRole:
        return r.ip;
    case ProtocolRole:
        return r.protocol;
    case SuccessRole:
        return r.success;
    case DeviceUuidRole:
        return r.deviceUuid;
    case Qt::DisplayRole:
        switch (Column(column)) {
        case Column::Time:
            return displayTime(r.time);
        case Column::Ip:
            return r.ip;
        case Column::Protocol:
            return r.protocol.toUpper();
        case Column::Client:
            return r.client;
        case Column::Result:
            return r.success ? tr("Signed in") : tr("Failed");
        case Column::Count:
            break;
        }
        break;
    default:
        break;
    }
    return QVariant();
}

} // namespace Tributary
