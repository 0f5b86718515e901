#include "loginrecordlistmodel.h"

namespace Tributary {

LoginRecordListModel::LoginRecordListModel(Store &store, QObject *parent)
    : StoreListModel(store, Store::Table::LoginRecords, parent)
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

int LoginRecordListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int LoginRecordListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

LoginRecord LoginRecordListModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row) : LoginRecord();
}

QVariant LoginRecordListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const LoginRecord &r = m_items.at(index.row());
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
        switch (Column(index.column())) {
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

QVariant LoginRecordListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Ip:
        return tr("IP address");
    case Column::Protocol:
        return tr("Protocol");
    case Column::Client:
        return tr("Client");
    case Column::Result:
        return tr("Result");
    case Column::Count:
        break;
    }
    return QVariant();
}

QHash<int, QByteArray> LoginRecordListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(IdRole, "id");
    roles.insert(TimeRole, "time");
    roles.insert(IpRole, "ip");
    roles.insert(ProtocolRole, "protocol");
    roles.insert(SuccessRole, "success");
    roles.insert(DeviceUuidRole, "deviceUuid");
    return roles;
}

} // namespace Tributary
