#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The Email Retrieval page's tasks, ordered by name.
class RetrievalTaskListModel : public StoreListModel
{
    Q_OBJECT
public:
    enum class Column { Name, Kind, Server, Username, Method, LastRun, LastResult, NextRun, Count };
    Q_ENUM(Column)
    enum Role {
        UuidRole = Qt::UserRole + 1,
        KindRole,
        MethodRole,
        LastRunRole,
        NextRunRole,
        LastCountRole
    };
    Q_ENUM(Role)

    explicit RetrievalTaskListModel(Store &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void reload() override;

    RetrievalTask itemAt(int row) const;

private:
    QList<RetrievalTask> m_items;
};

} // namespace Tributary
