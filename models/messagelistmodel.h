#pragma once

#include "store.h"
#include "tablelistmodel.h"

#include <QVector>

namespace Tributary {

// The message list of one folder. Rows are loaded lazily in pages (canFetchMore /
// fetchMore, pageSize() rows each) with keyset paging on the SQL ORDER BY, so opening a
// folder of 100,000 messages reads one page and scrolling never re-reads earlier rows.
// sort() changes the ORDER BY and reloads the first page; it never loads every row.
// Reloads (keeping as many rows as were loaded) on Store::messagesChanged for its folder.
class MessageListModel : public TableListModel
{
    Q_OBJECT
public:
    enum class Column { Flags, Sender, Subject, Date, Size, Count };
    Q_ENUM(Column)
    enum Role {
        MessageIdRole = Qt::UserRole + 1,
        FlagsRole, // MessageRecord::Flag bitmask
        SeenRole,
        FlaggedRole,
        SenderRole,
        SubjectRole,
        DateRole, // internal date (QDateTime)
        SizeRole,
        Sha256Role,
    };
    Q_ENUM(Role)

    explicit MessageListModel(Store &store, QObject *parent = nullptr);

    // 0 = no folder (empty list).
    void setFolder(qint64 folderId);
    qint64 folder() const { return m_folderId; }
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    // Total messages of the folder (not only the loaded rows).
    qint64 totalCount() const { return m_total; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Sender, Subject, Date and Size sort in SQL; other columns are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    Column sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    qint64 messageId(int row) const;
    int rowForMessage(qint64 messageId) const; // -1 if not loaded
    void reload();

private:
    struct Row
    {
        qint64 id;
        int flags;
        qint64 internalDateMs;
        qint64 size;
        QString sender;
        QString subject;
        QString sha256;
    };
    bool loadPage(QVector<Row> &out, int limit) const;
    // Resets the model to the first page of m_folderId in the current sort order (empty
    // and at its end for no folder); the change signals are emitted with m_changing set.
    void resetToFirstPage();
    void updateTotal();

    Store &m_store;
    QVector<Row> m_rows;
    // True while this model emits change signals: fetchMore() and canFetchMore() then
    // decline, so a listener reacting to rowsInserted/modelReset cannot start a nested
    // insertion (views ask again later).
    bool m_changing = false;
    qint64 m_folderId = 0;
    qint64 m_total = 0;
    int m_pageSize = 200;
    bool m_atEnd = true;
    Column m_sortColumn = Column::Date;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace Tributary
