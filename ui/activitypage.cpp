#include "activitypage.h"

#include "emptystate.h"
#include "listpageparts.h"
#include "pageheader.h"
#include "pageinfo.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Tributary::Ui {

ActivityPage::ActivityPage(QWidget *parent)
    : QWidget(parent)
    , m_header(new PageHeader(this))
    , m_area(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_debounce(new QTimer(this))
    , m_body(new QStackedWidget(this))
    , m_empty(new EmptyState(m_body))
    , m_table(new QTableView(m_body))
{
    setObjectName(QStringLiteral("activityPage"));
    m_area->setObjectName(QStringLiteral("areaFilter"));
    m_search->setObjectName(QStringLiteral("searchField"));
    m_body->setObjectName(QStringLiteral("pageBody"));
    m_table->setObjectName(QStringLiteral("table"));

    showPageInfo(PageInfo::Id::Activity, m_header, m_empty);

    const QStringList names = {tr("All areas"), tr("Retrieval"), tr("SMTP"),    tr("Cloud"),
                               tr("Migration"), tr("Sync"),      tr("Devices"), tr("App")};
    const QStringList keys = areaKeys();
    for (int i = 0; i < names.size(); ++i)
        m_area->addItem(names.at(i), keys.at(i));

    auto *areaLabel = new QLabel(tr("&Area:"), this);
    areaLabel->setObjectName(QStringLiteral("areaLabel"));
    areaLabel->setBuddy(m_area);
    m_area->setAccessibleName(tr("Area"));

    auto *searchLabel = new QLabel(tr("&Search:"), this);
    searchLabel->setObjectName(QStringLiteral("searchLabel"));
    searchLabel->setBuddy(m_search);
    m_search->setAccessibleName(tr("Search"));
    m_search->setPlaceholderText(tr("Words in the source or the message"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);

    m_table->setAccessibleName(tr("Activity log"));
    styleListTable(m_table);
    m_table->setWordWrap(false);

    m_body->addWidget(m_empty);
    m_body->addWidget(m_table);

    auto *filters = new QHBoxLayout;
    filters->setSpacing(8);
    filters->addWidget(areaLabel);
    filters->addWidget(m_area);
    filters->addSpacing(16);
    filters->addWidget(searchLabel);
    filters->addWidget(m_search, 1);

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(28, 24, 28, 24);
    column->setSpacing(14);
    column->addWidget(m_header);
    column->addSpacing(4);
    column->addLayout(filters);
    column->addWidget(m_body, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(searchDelay());
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, [this] {
        const QString text = m_search->text().trimmed();
        if (text == m_emittedSearch)
            return;
        m_emittedSearch = text;
        Q_EMIT searchTextChanged(text);
    });
    connect(m_area, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT areaFilterChanged(areaFilter()); });

    updateEmptyState();
}

QStringList ActivityPage::areaKeys()
{
    return {QString(),
            QStringLiteral("retrieval"),
            QStringLiteral("smtp"),
            QStringLiteral("cloud"),
            QStringLiteral("migration"),
            QStringLiteral("sync"),
            QStringLiteral("devices"),
            QStringLiteral("app")};
}

void ActivityPage::setModel(QAbstractItemModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    m_table->setModel(model);
    if (model)
        connectRowCountChanges(model, this, &ActivityPage::updateEmptyState);
    updateEmptyState();
}

QString ActivityPage::title() const
{
    return m_header->title();
}

QString ActivityPage::areaFilter() const
{
    return m_area->currentData().toString();
}

QString ActivityPage::searchText() const
{
    return m_emittedSearch;
}

void ActivityPage::setAreaFilter(const QString &area)
{
    const int index = m_area->findData(area);
    if (index >= 0)
        m_area->setCurrentIndex(index);
}

bool ActivityPage::isEmptyStateShown() const
{
    return m_body->currentWidget() == m_empty;
}

void ActivityPage::updateEmptyState()
{
    // A filter that matches nothing still shows the (empty) table, so the user sees the
    // filter is the reason; the explanation is only for a log with no entries at all.
    const bool filtering = !areaFilter().isEmpty() || !m_emittedSearch.isEmpty();
    const bool empty = !m_model || (m_model->rowCount() == 0 && !filtering);
    m_body->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_table);
}

} // namespace Tributary::Ui
