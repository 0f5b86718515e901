#include "pageheader.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tributary::Ui {

PageHeader::PageHeader(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_description(new QLabel(this))
    , m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("pageHeader"));
    m_icon->setObjectName(QStringLiteral("pageIcon"));
    m_title->setObjectName(QStringLiteral("titleLabel"));
    m_description->setObjectName(QStringLiteral("descriptionLabel"));
    m_action->setObjectName(QStringLiteral("primaryActionButton"));

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setWordWrap(true);
    m_description->setForegroundRole(QPalette::PlaceholderText);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_title);
    texts->addWidget(m_description);

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(14);
    row->addWidget(m_icon, 0, Qt::AlignTop);
    row->addLayout(texts, 1);
    row->addWidget(m_action, 0, Qt::AlignVCenter);
    m_action->hide();
}

void PageHeader::setIcon(const QString &resourcePath)
{
    m_icon->setPixmap(QIcon(resourcePath).pixmap(QSize(40, 40)));
}

void PageHeader::setTitle(const QString &title)
{
    m_title->setText(title);
    m_title->setAccessibleName(title);
}

void PageHeader::setDescription(const QString &text)
{
    m_description->setText(text);
    m_description->setAccessibleName(text);
}

void PageHeader::setActionText(const QString &text)
{
    m_action->setText(text);
    m_action->setVisible(!text.isEmpty());
}

QString PageHeader::title() const
{
    return m_title->text();
}

} // namespace Tributary::Ui
