#include "mailpage.h"

#include "pageheader.h"
#include "pageinfo.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace Tributary::Ui {

MailPage::MailPage(QWidget *parent)
    : QWidget(parent)
    , m_header(new PageHeader(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_folders(new QTreeView(m_splitter))
    , m_messages(new QTreeView(m_splitter))
    , m_reader(new QTextBrowser(m_splitter))
{
    setObjectName(QStringLiteral("mailPage"));
    m_splitter->setObjectName(QStringLiteral("mailSplitter"));
    m_folders->setObjectName(QStringLiteral("folderTree"));
    m_messages->setObjectName(QStringLiteral("messageList"));
    m_reader->setObjectName(QStringLiteral("reader"));

    m_header->setIcon(PageInfo::iconPath(PageInfo::Id::Mail));
    m_header->setTitle(PageInfo::title(PageInfo::Id::Mail));
    m_header->setDescription(PageInfo::description(PageInfo::Id::Mail));

    m_folders->setAccessibleName(tr("Folders"));
    m_folders->setHeaderHidden(true);
    m_folders->setUniformRowHeights(true);
    m_folders->setIndentation(14);
    m_messages->setAccessibleName(tr("Messages"));
    m_messages->setRootIsDecorated(false);
    m_messages->setUniformRowHeights(true);
    m_messages->setAlternatingRowColors(true);
    m_messages->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_reader->setAccessibleName(tr("Message"));
    m_reader->setPlaceholderText(tr("Choose a message to read it here."));
    m_reader->setOpenLinks(false);
    // Roomier rows than the style's default: these are the lists people read all day.
    const QString rows = QStringLiteral("QTreeView::item { padding: 4px 2px; }");
    m_folders->setStyleSheet(rows);
    m_messages->setStyleSheet(rows);

    m_splitter->addWidget(m_folders);
    m_splitter->addWidget(m_messages);
    m_splitter->addWidget(m_reader);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 3);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({200, 360, 480});

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(28, 24, 28, 24);
    column->setSpacing(18);
    column->addWidget(m_header);
    column->addWidget(m_splitter, 1);
}

QString MailPage::title() const
{
    return m_header->title();
}

void MailPage::setFolderModel(QAbstractItemModel *model)
{
    m_folders->setModel(model);
    if (!model)
        return;
    for (int c = 1; c < model->columnCount(); ++c)
        m_folders->hideColumn(c);
    connect(m_folders->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    Q_EMIT folderSelected(current);
            });
}

void MailPage::setMessageModel(QAbstractItemModel *model)
{
    m_messages->setModel(model);
    m_reader->clear();
    if (!model)
        return;
    connect(m_messages->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showMessage(current); });
    connect(model, &QAbstractItemModel::modelReset, m_reader, &QTextBrowser::clear);
}

void MailPage::showMessage(const QModelIndex &index)
{
    if (!index.isValid()) {
        m_reader->clear();
        return;
    }
    const QAbstractItemModel *model = index.model();
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    for (int c = 0; c < model->columnCount(index.parent()); ++c) {
        const QString label = model->headerData(c, Qt::Horizontal).toString();
        const QString value = model->index(index.row(), c, index.parent()).data().toString();
        if (value.isEmpty())
            continue;
        html += QStringLiteral("<tr><td><b>") + label.toHtmlEscaped()
            + QStringLiteral("</b></td><td>") + value.toHtmlEscaped()
            + QStringLiteral("</td></tr>");
    }
    html += QStringLiteral("</table>");
    m_reader->setHtml(html);
    Q_EMIT messageSelected(index);
}

} // namespace Tributary::Ui
