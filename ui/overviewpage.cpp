#include "overviewpage.h"

#include "pageheader.h"

#include <QAbstractItemModel>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Tributary::Ui {

OverviewCard::OverviewCard(PageInfo::Id area, QWidget *parent)
    : QFrame(parent)
    , m_area(area)
    , m_count(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_last(new QLabel(this))
    , m_action(new QPushButton(PageInfo::actionText(area), this))
    , m_open(new QPushButton(tr("Open"), this))
{
    const QString key = PageInfo::key(area);
    setObjectName(key + QStringLiteral("Card"));
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_last->setObjectName(QStringLiteral("lastActivityLabel"));
    m_action->setObjectName(QStringLiteral("primaryActionButton"));
    m_open->setObjectName(QStringLiteral("openButton"));

    const QString title = PageInfo::title(area);
    setAccessibleName(title);
    setAttribute(Qt::WA_StyledBackground);
    setCursor(Qt::PointingHandCursor);
    setStyleSheet(QStringLiteral("#%1 { background: palette(base); border: 1px solid "
                                 "palette(midlight); border-radius: 8px; }")
                      .arg(objectName()));

    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("cardIcon"));
    icon->setPixmap(QIcon(PageInfo::iconPath(area)).pixmap(QSize(28, 28)));
    auto *titleLabel = new QLabel(title, this);
    titleLabel->setObjectName(QStringLiteral("cardTitle"));
    QFont bold = titleLabel->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    titleLabel->setFont(bold);

    QFont big = m_count->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    m_count->setFont(big);
    m_statusLabel->setWordWrap(true);
    m_last->setWordWrap(true);
    m_last->setForegroundRole(QPalette::PlaceholderText);

    m_open->setAccessibleName(tr("Open %1").arg(title));
    m_action->setAutoDefault(false);
    m_open->setAutoDefault(false);

    auto *top = new QHBoxLayout;
    top->setSpacing(10);
    top->addWidget(icon);
    top->addWidget(titleLabel, 1);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_action);
    buttons->addStretch(1);
    buttons->addWidget(m_open);

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(18, 16, 18, 16);
    column->setSpacing(6);
    column->addLayout(top);
    column->addWidget(m_count);
    column->addWidget(m_statusLabel);
    column->addWidget(m_last);
    column->addStretch(1);
    column->addSpacing(6);
    column->addLayout(buttons);

    connect(m_action, &QPushButton::clicked, this,
            [this] { Q_EMIT primaryActionTriggered(m_area); });
    connect(m_open, &QPushButton::clicked, this, [this] { Q_EMIT openRequested(m_area); });

    setLastActivity(QDateTime(), QString());
    refresh();
}

void OverviewCard::setModel(QAbstractItemModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &OverviewCard::refresh);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &OverviewCard::refresh);
        connect(model, &QAbstractItemModel::modelReset, this, &OverviewCard::refresh);
        connect(model, &QAbstractItemModel::layoutChanged, this, &OverviewCard::refresh);
    }
    refresh();
}

void OverviewCard::setStatus(const QString &status)
{
    m_status = status;
    refresh();
}

void OverviewCard::setLastActivity(const QDateTime &when, const QString &what)
{
    m_lastTime = when;
    if (!when.isValid()) {
        m_last->setText(tr("No activity yet"));
    } else {
        const QString time = QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
        m_last->setText(what.isEmpty() ? tr("Last activity: %1").arg(time)
                                       : tr("Last activity: %1, %2").arg(time, what));
    }
    m_last->setAccessibleName(m_last->text());
}

int OverviewCard::count() const
{
    return m_model ? m_model->rowCount() : 0;
}

QString OverviewCard::countText() const
{
    return m_count->text();
}

QString OverviewCard::statusText() const
{
    return m_statusLabel->text();
}

QString OverviewCard::lastActivityText() const
{
    return m_last->text();
}

void OverviewCard::refresh()
{
    const int n = count();
    m_count->setText(QLocale().toString(n));
    m_statusLabel->setText(m_status.isEmpty() ? PageInfo::countText(m_area, n) : m_status);
    m_count->setAccessibleName(m_statusLabel->text());
    m_statusLabel->setAccessibleName(m_statusLabel->text());
}

void OverviewCard::mouseReleaseEvent(QMouseEvent *event)
{
    QFrame::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT openRequested(m_area);
}

namespace {
constexpr int cardMinimumWidth = 240;
constexpr int cardSpacing = 16;
} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent)
    , m_header(new PageHeader(this))
    , m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("overviewPage"));
    m_header->setIcon(PageInfo::iconPath(PageInfo::Id::Overview));
    m_header->setTitle(PageInfo::title(PageInfo::Id::Overview));
    m_header->setDescription(PageInfo::description(PageInfo::Id::Overview));

    m_scroll->setObjectName(QStringLiteral("cardScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *grid = new QWidget(m_scroll);
    grid->setObjectName(QStringLiteral("cardGrid"));
    m_grid = new QGridLayout(grid);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(cardSpacing);
    m_grid->setVerticalSpacing(cardSpacing);

    for (PageInfo::Id area : PageInfo::connectivityAreas()) {
        auto *card = new OverviewCard(area, grid);
        card->setMinimumWidth(cardMinimumWidth);
        m_cards.insert(area, card);
        connect(card, &OverviewCard::openRequested, this, &OverviewPage::openRequested);
        connect(card, &OverviewCard::primaryActionTriggered, this,
                &OverviewPage::primaryActionTriggered);
    }
    arrangeCards(3);
    m_scroll->setWidget(grid);

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(28, 24, 28, 24);
    column->setSpacing(18);
    column->addWidget(m_header);
    column->addWidget(m_scroll, 1);
}

void OverviewPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // From the page's own width (the scroll area's viewport may not have its new size yet),
    // keeping room for a vertical scroll bar.
    const QMargins margins = layout() ? layout()->contentsMargins() : QMargins();
    const int width = event->size().width() - margins.left() - margins.right() - 20;
    arrangeCards(qBound(1, (width + cardSpacing) / (cardMinimumWidth + cardSpacing), 3));
}

void OverviewPage::arrangeCards(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    const auto &areas = PageInfo::connectivityAreas();
    for (OverviewCard *card : std::as_const(m_cards))
        m_grid->removeWidget(card);
    for (int c = 0; c < 3; ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
    for (int i = 0; i < areas.size(); ++i)
        m_grid->addWidget(m_cards.value(areas.at(i)), i / columns, i % columns);
    // Keep the cards' Tab order in reading order.
    for (int i = 1; i < areas.size(); ++i)
        QWidget::setTabOrder(m_cards.value(areas.at(i - 1))->openButton(),
                             m_cards.value(areas.at(i))->actionButton());
    const int rows = (int(areas.size()) + columns - 1) / columns;
    for (int r = 0; r < 6; ++r)
        m_grid->setRowStretch(r, r == rows ? 1 : 0);
}

QString OverviewPage::title() const
{
    return m_header->title();
}

void OverviewPage::setModel(PageInfo::Id area, QAbstractItemModel *model)
{
    if (OverviewCard *c = card(area))
        c->setModel(model);
}

} // namespace Tributary::Ui
