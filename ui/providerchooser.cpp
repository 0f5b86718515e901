#include "providerchooser.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tributary::Ui {

namespace {
constexpr int IdRole = Qt::UserRole + 1;
}

QStringList ProviderChooser::offeredIds()
{
    return {QStringLiteral("gmail"),        QStringLiteral("yahoo"),    QStringLiteral("outlook"),
            QStringLiteral("microsoft365"), QStringLiteral("exchange"), QStringLiteral("icloud"),
            QStringLiteral("aol"),          QStringLiteral("zoho"),     QStringLiteral("other-pop"),
            QStringLiteral("other-imap")};
}

ProviderChooser::ProviderChooser(const ProviderCatalogue &catalogue, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("providerChooser"));
    setWindowTitle(tr("New Retrieval Task"));
    setAccessibleName(tr("Choose the mail provider"));

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("&Where does the mail come from?"), this);
    intro->setObjectName(QStringLiteral("providerChooserIntro"));
    layout->addWidget(intro);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("providerList"));
    m_list->setAccessibleName(tr("Mail providers"));
    intro->setBuddy(m_list);
    layout->addWidget(m_list);

    const QStringList ids = offeredIds();
    for (const QString &id : ids) {
        const Provider *provider = catalogue.provider(id);
        if (!provider)
            continue;
        QString label = provider->name;
        if (id == QLatin1String("other-pop"))
            label = tr("Other POP server");
        else if (id == QLatin1String("other-imap"))
            label = tr("Other IMAP server");
        auto *item = new QListWidgetItem(label, m_list);
        item->setData(IdRole, id);
        item->setData(Qt::AccessibleTextRole, label);
        if (provider->requiresOAuth())
            item->setToolTip(tr("Signs in on %1's own page; Tributary never sees the password.")
                                 .arg(provider->name));
        else if (id == QLatin1String("exchange"))
            item->setToolTip(tr("Exchange Web Services on your organisation's server, with its "
                                "password or a Microsoft sign-in."));
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("providerChooserButtons"));
    QPushButton *next = m_buttons->button(QDialogButtonBox::Ok);
    next->setText(tr("&Next"));
    next->setObjectName(QStringLiteral("providerChooserNext"));
    next->setAccessibleName(tr("Next"));
    QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("providerChooserCancel"));
    cancel->setAccessibleName(tr("Cancel"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &ProviderChooser::updateButtons);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        if (item->flags() & Qt::ItemIsEnabled)
            accept();
    });
    updateButtons();
}

QString ProviderChooser::selectedProviderId() const
{
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    if (selected.isEmpty() || !(selected.first()->flags() & Qt::ItemIsEnabled))
        return QString();
    return selected.first()->data(IdRole).toString();
}

bool ProviderChooser::selectProvider(const QString &id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (item->data(IdRole).toString() == id) {
            if (!(item->flags() & Qt::ItemIsEnabled))
                return false;
            m_list->setCurrentItem(item);
            item->setSelected(true);
            return true;
        }
    }
    return false;
}

void ProviderChooser::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!selectedProviderId().isEmpty());
}

} // namespace Tributary::Ui
