#include "tokenhealthdialog.h"

#include "tokenhealthview.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tributary::Ui {

TokenHealthDialog::TokenHealthDialog(TokenService &service, const QString &accountUuid,
                                     QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("tokenHealthDialog"));
    setWindowTitle(tr("Sign-In Health"));
    setAccessibleName(windowTitle());
    auto *layout = new QVBoxLayout(this);
    m_view = new TokenHealthView(service, accountUuid, this);
    layout->addWidget(m_view, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("tokenHealthButtons"));
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setAccessibleName(tr("Close"));
    close->setAutoDefault(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view, &TokenHealthView::signInAgainRequested, this,
            &TokenHealthDialog::signInAgainRequested);
    // A longer status (a provider's reason) wraps to more lines: grow rather than clip.
    connect(m_view, &TokenHealthView::contentsChanged, this, [this] {
        const int needed = hasHeightForWidth() ? heightForWidth(width()) : sizeHint().height();
        if (needed > height())
            resize(width(), needed);
    });
    resize(sizeHint().expandedTo(QSize(520, 0)));
}

void TokenHealthDialog::setAccountName(const QString &name)
{
    setWindowTitle(name.isEmpty() ? tr("Sign-In Health") : tr("Sign-In Health: %1").arg(name));
    setAccessibleName(windowTitle());
}

void TokenHealthDialog::refresh()
{
    m_view->refresh();
}

} // namespace Tributary::Ui
