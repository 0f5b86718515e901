#include "messagelistmodel.h"

#include "logging.h"

#include <QLocale>
#include <QScopedValueRollback>
#include <QSqlError>
#include <QSqlQuery>

namespace Tributary {

namespace {

QString sortExpression(MessageListModel::Column column)
{
    switch (column) {
    case MessageListModel::Column::Sender:
        return QStringLiteral("sender");
    case MessageListModel::Column::Subject:
        return QStringLiteral("subject");
    case MessageListModel::Column::Size:
        return QStringLiteral("size");
    case MessageListModel::Column::Date:
    case MessageListModel::Column::Flags:
    case MessageListModel::Column::Count:
        break;
    }
    return QStringLiteral("internal_date");
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

MessageListModel::MessageListModel(Store &store, QObject *parent)
    : TableListModel({QT_TR_NOOP("Status"), QT_TR_NOOP("From"), QT_TR_NOOP("Subject"),
                      QT_TR_NOOP("Received"), QT_TR_NOOP("Size")},
                     {{MessageIdRole, "messageId"},
                      {FlagsRole, "flags"},
                      {SeenRole, "seen"},
                      {FlaggedRole, "flagged"},
                      {SenderRole, "sender"},
                      {SubjectRole, "subject"},
                      {DateRole, "date"},
                      {SizeRole, "size"},
                      {Sha256Role, "sha256"}},
                     parent)
    , m_store(store)
{
    connect(&m_store, &Store::messagesChanged, this, [this](const QList<qint64> &folders) {
        if (m_folderId > 0 && folders.contains(m_folderId))
            reload();
    });
    connect(&m_store, &Store::messageFlagsChanged, this,
            [this](qint64 id, qint64 folderId, int flags) {
                if (folderId != m_folderId)
                    return;
                const int row = rowForMessage(id);
                if (row < 0 || m_rows.at(row).flags == flags)
                    return;
                m_rows[row].flags = flags;
                const QScopedValueRollback<bool> guard(m_changing, true);
                emitRowDataChanged(row);
            });
}

void MessageListModel::setFolder(qint64 folderId)
{
    if (m_folderId == folderId && !m_rows.isEmpty())
        return;
    m_folderId = folderId;
    resetToFirstPage();
    updateTotal();
}

void MessageListModel::resetToFirstPage()
{
    const QScopedValueRollback<bool> guard(m_changing, true);
    beginResetModel();
    m_rows.clear();
    m_atEnd = m_folderId <= 0;
    if (m_folderId > 0) {
        QVector<Row> first;
        m_atEnd = !loadPage(first, m_pageSize) || first.size() < m_pageSize;
        m_rows = std::move(first);
    }
    endResetModel();
}

void MessageListModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void MessageListModel::updateTotal()
{
    m_total = m_folderId > 0 ? m_store.messageCount(m_folderId) : 0;
}

bool MessageListModel::loadPage(QVector<Row> &out, int limit) const
{
    // Keyset paging: continue after the last loaded row in (sort key, id) order, so each
    // page costs the same however deep the list is scrolled.
    const QString key = sortExpression(m_sortColumn);
    const bool desc = m_sortOrder == Qt::DescendingOrder;
    const QString cmp = desc ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString sql = QStringLiteral("SELECT id, flags, internal_date, size, sender, subject, sha256"
                                 " FROM messages WHERE folder_id = ?");
    const bool continuing = !m_rows.isEmpty();
    QVariant lastKey;
    if (continuing) {
        const Row &last = m_rows.constLast();
        switch (m_sortColumn) {
        case Column::Sender:
            lastKey = last.sender;
            break;
        case Column::Subject:
            lastKey = last.subject;
            break;
        case Column::Size:
            lastKey = last.size;
            break;
        default:
            lastKey = last.internalDateMs;
            break;
        }
        // (key, id) after (lastKey, lastId), written so the first term bounds an index
        // range scan: key <= last AND (key < last OR id < lastId) for descending order.
        sql += QStringLiteral(" AND ") + key + QLatin1Char(' ') + cmp + QStringLiteral("= ? AND (")
            + key + QLatin1Char(' ') + cmp + QStringLiteral(" ? OR id ") + cmp
            + QStringLiteral(" ?)");
    }
    sql += QStringLiteral(" ORDER BY ") + key + dir + QStringLiteral(", id") + dir
        + QStringLiteral(" LIMIT ?");

    QSqlQuery q(m_store.database());
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        qCWarning(lcStore) << "message list query failed:" << q.lastError().text();
        return false;
    }
    q.addBindValue(m_folderId);
    if (continuing) {
        q.addBindValue(lastKey);
        q.addBindValue(lastKey);
        q.addBindValue(m_rows.constLast().id);
    }
    q.addBindValue(limit);
    if (!q.exec()) {
        qCWarning(lcStore) << "message list query failed:" << q.lastError().text();
        return false;
    }
    while (q.next()) {
        out.append(Row {q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toLongLong(),
                        q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString(),
                        q.value(6).toString()});
    }
    return true;
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_changing;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_changing)
        return;
    QVector<Row> page;
    page.reserve(m_pageSize);
    if (!loadPage(page, m_pageSize)) {
        m_atEnd = true;
        return;
    }
    m_atEnd = page.size() < m_pageSize;
    if (page.isEmpty())
        return;
    const int first = int(m_rows.size());
    const QScopedValueRollback<bool> guard(m_changing, true);
    beginInsertRows(QModelIndex(), first, first + int(page.size()) - 1);
    m_rows.append(page);
    endInsertRows();
}

void MessageListModel::sort(int column, Qt::SortOrder order)
{
    const Column c = Column(column);
    if (c != Column::Sender && c != Column::Subject && c != Column::Date && c != Column::Size)
        return;
    if (c == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = c;
    m_sortOrder = order;
    resetToFirstPage();
}

void MessageListModel::reload()
{
    // Read again as many rows as were loaded (at least a page). When the same messages
    // come back in the same order only their data changed (flags): no reset, so views
    // keep selection and scroll position.
    const int wanted = qMax(int(m_rows.size()), m_pageSize);
    QVector<Row> fresh;
    fresh.reserve(wanted);
    const QVector<Row> previous = std::exchange(m_rows, QVector<Row>());
    const bool ok = m_folderId > 0 && loadPage(fresh, wanted);
    m_rows = previous;
    updateTotal();
    const QScopedValueRollback<bool> guard(m_changing, true);
    bool same = ok && fresh.size() == m_rows.size();
    for (int i = 0; same && i < m_rows.size(); ++i)
        same = fresh.at(i).id == m_rows.at(i).id;
    if (same) {
        m_rows = std::move(fresh);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, int(Column::Count) - 1));
        m_atEnd = m_rows.size() < wanted;
        return;
    }
    beginResetModel();
    m_rows = ok ? std::move(fresh) : QVector<Row>();
    m_atEnd = !ok || m_rows.size() < wanted;
    endResetModel();
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

qint64 MessageListModel::messageId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int MessageListModel::rowForMessage(qint64 messageId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == messageId)
            return i;
    }
    return -1;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case MessageIdRole:
        return r.id;
    case FlagsRole:
        return r.flags;
    case SeenRole:
        return (r.flags & MessageRecord::Seen) != 0;
    case FlaggedRole:
        return (r.flags & MessageRecord::Flagged) != 0;
    case SenderRole:
        return r.sender;
    case SubjectRole:
        return r.subject;
    case DateRole:
        return QDateTime::fromMSecsSinceEpoch(r.internalDateMs, Qt::UTC);
    case SizeRole:
        return r.size;
    case Sha256Role:
        return r.sha256;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Column::Flags:
            return QVariant();
        case Column::Sender:
            return r.sender;
        case Column::Subject:
            return r.subject.isEmpty() ? tr("(no subject)") : r.subject;
        case Column::Date:
            return QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(r.internalDateMs).toLocalTime(),
                QLocale::ShortFormat);
        case Column::Size:
            return sizeText(r.size);
        case Column::Count:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == int(Column::Flags)) {
            QStringList words;
            words << ((r.flags & MessageRecord::Seen) ? tr("Read") : tr("Unread"));
            if (r.flags & MessageRecord::Flagged)
                words << tr("Flagged");
            if (r.flags & MessageRecord::Answered)
                words << tr("Answered");
            return words.join(QStringLiteral(", "));
        }
        break;
    default:
        break;
    }
    return QVariant();
}

} // namespace Tributary
