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
    setMinimumWidth(260);

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

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent)
    , m_header(new PageHeader(this))
{
    setObjectName(QStringLiteral("overviewPage"));
    m_header->setIcon(PageInfo::iconPath(PageInfo::Id::Overview));
    m_header->setTitle(PageInfo::title(PageInfo::Id::Overview));
    m_header->setDescription(PageInfo::description(PageInfo::Id::Overview));

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("cardScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus);
    auto *grid = new QWidget(scroll);
    grid->setObjectName(QStringLiteral("cardGrid"));
    auto *layout = new QGridLayout(grid);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(16);
    layout->setVerticalSpacing(16);

    const auto &areas = PageInfo::connectivityAreas();
    for (int i = 0; i < areas.size(); ++i) {
        auto *card = new OverviewCard(areas.at(i), grid);
        m_cards.insert(areas.at(i), card);
        layout->addWidget(card, i / 3, i % 3);
        connect(card, &OverviewCard::openRequested, this, &OverviewPage::openRequested);
        connect(card, &OverviewCard::primaryActionTriggered, this,
                &OverviewPage::primaryActionTriggered);
    }
    layout->setRowStretch(2, 1);
    scroll->setWidget(grid);

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(28, 24, 28, 24);
    column->setSpacing(18);
    column->addWidget(m_header);
    column->addWidget(scroll, 1);
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
