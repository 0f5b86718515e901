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
        size.setHeight(qMax(size.height(), 22) + 16);
        if (index.data(NavigationList::GroupStartRole).toBool())
            size.rheight() += groupGap;
        return size;
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        painter->save();
        if (index.data(NavigationList::GroupStartRole).toBool()) {
            const int y = option.rect.top() + groupGap / 2;
            painter->setPen(option.palette.color(QPalette::Mid));
            painter->drawLine(option.rect.left() + 12, y, option.rect.right() - 12, y);
            opt.rect.setTop(opt.rect.top() + groupGap);
        }
        // The row's own rounded highlight: stronger while the list has the keyboard.
        const QRect pill = opt.rect.adjusted(8, 2, -8, -2);
        const bool selected = opt.state & QStyle::State_Selected;
        const bool focused = opt.state & QStyle::State_HasFocus;
        QColor fill = option.palette.color(QPalette::Highlight);
        painter->setRenderHint(QPainter::Antialiasing);
        if (selected || (opt.state & QStyle::State_MouseOver)) {
            fill.setAlpha(selected ? (focused ? 70 : 45) : 20);
            painter->setPen(focused ? QPen(option.palette.color(QPalette::Highlight), 1)
                                    : QPen(Qt::NoPen));
            painter->setBrush(fill);
            painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
        }
        painter->restore();

        opt.state &= ~(QStyle::State_Selected | QStyle::State_MouseOver | QStyle::State_HasFocus);
        opt.rect = pill.adjusted(6, 0, 0, 0);
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
    setContentsMargins(0, 8, 0, 0);
    setMouseTracking(true);
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
