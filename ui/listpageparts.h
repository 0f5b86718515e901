#pragma once

#include "pageinfo.h"

#include <QAbstractItemModel>

class QTableView;

namespace Tributary::Ui {

class EmptyState;
class PageHeader;

// Pieces of the pages that list an area's rows under a header, with an empty state shown
// instead of the table while there is nothing to list (ConnectivityPage, ActivityPage).

// The header's icon, title and description and the empty state's icon, title and text, as
// PageInfo gives them for `id`.
void showPageInfo(PageInfo::Id id, PageHeader *header, EmptyState *empty);

// The look of a page's table: whole rows selected, alternating row colours, no row numbers,
// columns sized to their contents (at least 80 pixels) with the last one stretched, and no
// highlighted header sections.
void styleListTable(QTableView *table);

// Calls `slot` on `receiver` whenever `model` gains or loses rows, is reset or laid out anew
// (what changes whether a page shows its empty state). The connections end with either object.
template<typename Receiver>
void connectRowCountChanges(QAbstractItemModel *model, Receiver *receiver, void (Receiver::*slot)())
{
    QObject::connect(model, &QAbstractItemModel::rowsInserted, receiver, slot);
    QObject::connect(model, &QAbstractItemModel::rowsRemoved, receiver, slot);
    QObject::connect(model, &QAbstractItemModel::modelReset, receiver, slot);
    QObject::connect(model, &QAbstractItemModel::layoutChanged, receiver, slot);
}

} // namespace Tributary::Ui
