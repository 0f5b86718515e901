#include "listpageparts.h"

#include "emptystate.h"
#include "pageheader.h"

#include <QHeaderView>
#include <QTableView>

namespace Tributary::Ui {

void showPageInfo(PageInfo::Id id, PageHeader *header, EmptyState *empty)
{
    header->setIcon(PageInfo::iconPath(id));
    header->setTitle(PageInfo::title(id));
    header->setDescription(PageInfo::description(id));
    empty->setIcon(PageInfo::iconPath(id));
    empty->setTitle(PageInfo::emptyTitle(id));
    empty->setText(PageInfo::emptyText(id));
}

void styleListTable(QTableView *table)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setMinimumSectionSize(80);
    table->horizontalHeader()->setHighlightSections(false);
}

} // namespace Tributary::Ui
