#include "connectivitypage.h"

#include "emptystate.h"
#include "listpageparts.h"
#include "pageheader.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Tributary::Ui {

ConnectivityPage::ConnectivityPage(PageInfo::Id area, QWidget *parent)
    : QWidget(parent)
    , m_area(area)
    , m_header(new PageHeader(this))
    , m_body(new QStackedWidget(this))
    , m_empty(new EmptyState(m_body))
    , m_table(new QTableView(m_body))
{
    const QString key = PageInfo::key(area);
    setObjectName(key + QStringLiteral("Page"));
    m_body->setObjectName(QStringLiteral("pageBody"));
    m_table->setObjectName(QStringLiteral("table"));

    showPageInfo(area, m_header, m_empty);
    m_header->setActionText(PageInfo::actionText(area));
    m_empty->setActionText(PageInfo::actionText(area));

    m_table->setAccessibleName(PageInfo::title(area));
    styleListTable(m_table);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(false);

    m_body->addWidget(m_empty);
    m_body->addWidget(m_table);

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(28, 24, 28, 24);
    column->setSpacing(18);
    column->addWidget(m_header);
    column->addWidget(m_body, 1);

    const auto trigger = [this] {
        Q_EMIT primaryActionTriggered(m_area);
    };
    connect(m_header->actionButton(), &QPushButton::clicked, this, trigger);
    connect(m_empty->button(), &QPushButton::clicked, this, trigger);

    updateEmptyState();
}

void ConnectivityPage::setModel(QAbstractItemModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    m_table->setModel(model);
    if (m_table->selectionModel())
        connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
                &ConnectivityPage::updateRowActions);
    if (model) {
        connectRowCountChanges(model, this, &ConnectivityPage::updateEmptyState);
        connect(model, &QObject::destroyed, this, &ConnectivityPage::updateEmptyState,
                Qt::QueuedConnection);
    }
    updateEmptyState();
}

QPushButton *ConnectivityPage::addRowAction(QAction *action)
{
    if (!m_rowBar) {
        m_rowBar = new QWidget(this);
        m_rowBar->setObjectName(QStringLiteral("rowActions"));
        m_rowBarLayout = new QHBoxLayout(m_rowBar);
        m_rowBarLayout->setContentsMargins(0, 0, 0, 0);
        m_rowBarLayout->addStretch(1);
        if (auto *column = qobject_cast<QVBoxLayout *>(layout()))
            column->addWidget(m_rowBar);
        m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    }
    auto *button = new QPushButton(action->text(), m_rowBar);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    button->setAccessibleName(QString(action->text()).remove(QLatin1Char('&')));
    button->setToolTip(action->toolTip());
    m_rowBarLayout->insertWidget(m_rowBarLayout->count() - 1, button);
    m_table->addAction(action);
    m_rowActions.append({QPointer<QAction>(action), button});
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    connect(action, &QAction::changed, this, &ConnectivityPage::updateRowActions);
    updateRowActions();
    return button;
}

void ConnectivityPage::updateRowActions()
{
    const bool hasRow = m_table->currentIndex().isValid();
    for (const auto &entry : std::as_const(m_rowActions)) {
        if (!entry.first)
            continue;
        const bool enabled = hasRow && entry.first->isEnabled();
        entry.second->setText(entry.first->text());
        entry.second->setEnabled(enabled);
        entry.second->setVisible(entry.first->isVisible());
    }
}

bool ConnectivityPage::isEmptyStateShown() const
{
    return m_body->currentWidget() == m_empty;
}

QString ConnectivityPage::title() const
{
    return m_header->title();
}

QPushButton *ConnectivityPage::primaryButton() const
{
    return isEmptyStateShown() ? m_empty->button() : m_header->actionButton();
}

void ConnectivityPage::updateEmptyState()
{
    const bool empty = !m_model || m_model->rowCount() == 0;
    const bool hadFocus = m_body->currentWidget() && m_body->currentWidget()->hasFocus();
    m_body->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_table);
    // One primary button at a time: the empty state carries it, otherwise the header does.
    m_header->actionButton()->setVisible(!empty && !PageInfo::actionText(m_area).isEmpty());
    if (m_rowBar)
        m_rowBar->setVisible(!empty);
    updateRowActions();
    if (hadFocus)
        m_body->currentWidget()->setFocus();
}

CloudStoragePage::CloudStoragePage(QWidget *parent)
    : ConnectivityPage(PageInfo::Id::CloudStorage, parent)
{
}

RetrievalPage::RetrievalPage(QWidget *parent)
    : ConnectivityPage(PageInfo::Id::Retrieval, parent)
{
}

SmtpAccountsPage::SmtpAccountsPage(QWidget *parent)
    : ConnectivityPage(PageInfo::Id::SmtpAccounts, parent)
{
}

DevicesPage::DevicesPage(QWidget *parent)
    : ConnectivityPage(PageInfo::Id::Devices, parent)
{
}

AuthenticatedIpsPage::AuthenticatedIpsPage(QWidget *parent)
    : ConnectivityPage(PageInfo::Id::AuthenticatedIps, parent)
{
}

MigrationPage::MigrationPage(QWidget *parent)
    : ConnectivityPage(PageInfo::Id::Migration, parent)
{
}

ConnectivityPage *createConnectivityPage(PageInfo::Id area, QWidget *parent)
{
    switch (area) {
    case PageInfo::Id::CloudStorage:
        return new CloudStoragePage(parent);
    case PageInfo::Id::Retrieval:
        return new RetrievalPage(parent);
    case PageInfo::Id::SmtpAccounts:
        return new SmtpAccountsPage(parent);
    case PageInfo::Id::Devices:
        return new DevicesPage(parent);
    case PageInfo::Id::AuthenticatedIps:
        return new AuthenticatedIpsPage(parent);
    case PageInfo::Id::Migration:
        return new MigrationPage(parent);
    case PageInfo::Id::Mail:
    case PageInfo::Id::Overview:
    case PageInfo::Id::Activity:
    case PageInfo::Id::Count:
        break;
    }
    return nullptr;
}

} // namespace Tributary::Ui
