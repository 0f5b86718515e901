#include "navigationlist.h"

#include <QPainter>
#include <QStyledItemDelegate>

namespace Tributary::Ui {

namespace {

constexpr int groupGap = 17;

class NavigationDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(qMax(size.height(), 22) + 14);
        if (index.data(NavigationList::GroupStartRole).toBool())
            size.rheight() += groupGap;
        return size;
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        if (index.data(NavigationList::GroupStartRole).toBool()) {
            const int y = option.rect.top() + groupGap / 2;
            painter->save();
            painter->setPen(option.palette.color(QPalette::Mid));
            painter->drawLine(option.rect.left() + 12, y, option.rect.right() - 12, y);
            painter->restore();
            opt.rect.setTop(opt.rect.top() + groupGap);
        }
        QStyledItemDelegate::paint(painter, opt, index);
    }
};

} // namespace

NavigationList::NavigationList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("navigation"));
    setItemDelegate(new NavigationDelegate(this));
    setIconSize(QSize(22, 22));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setUniformItemSizes(false);
    setSpacing(0);
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    setStyleSheet(QStringLiteral(
        "#navigation { padding-top: 8px; }"
        "#navigation::item { padding-left: 10px; border-radius: 4px; margin: 0 8px; }"));
}

QListWidgetItem *NavigationList::addPage(int page, const QIcon &icon, const QString &title,
                                         bool groupStart)
{
    auto *item = new QListWidgetItem(icon, title, this);
    item->setData(GroupStartRole, groupStart);
    item->setData(PageRole, page);
    item->setData(Qt::AccessibleTextRole, title);
    return item;
}

int NavigationList::rowOfPage(int page) const
{
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(PageRole).toInt() == page)
            return row;
    }
    return -1;
}

QSize NavigationList::sizeHint() const
{
    return QSize(230, QListWidget::sizeHint().height());
}

} // namespace Tributary::Ui
