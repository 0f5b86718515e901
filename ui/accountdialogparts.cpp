#include "accountdialogparts.h"
#include "messagestyle.h"

#include <QLabel>
#include <QProgressBar>

namespace Tributary::Ui {

QLabel *buddyLabel(const QString &text, QWidget *buddy, const QString &objectName)
{
    auto *label = new QLabel(text);
    label->setObjectName(objectName);
    label->setBuddy(buddy);
    return label;
}

ConnectionTestFeedback ConnectionTestFeedback::create(QWidget *dialog, const QString &busyName)
{
    ConnectionTestFeedback parts;
    parts.busy = new QProgressBar(dialog);
    parts.busy->setObjectName(QStringLiteral("busyIndicator"));
    parts.busy->setAccessibleName(busyName);
    parts.busy->setRange(0, 0);
    parts.busy->setTextVisible(false);
    parts.busy->hide();
    parts.status = new QLabel(dialog);
    parts.status->setObjectName(QStringLiteral("statusLabel"));
    parts.status->setAccessibleName(tr("Status"));
    parts.status->hide();
    parts.error = new QLabel(dialog);
    parts.error->setObjectName(QStringLiteral("errorLabel"));
    parts.error->setAccessibleName(tr("Error"));
    parts.error->setWordWrap(true);
    parts.error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    parts.error->setStyleSheet(errorTextStyle(parts.error));
    parts.error->hide();
    return parts;
}

void ConnectionTestFeedback::setBusy(bool on, const QString &statusText) const
{
    busy->setVisible(on);
    status->setVisible(on);
    if (!on)
        return;
    status->setText(statusText);
    busy->setAccessibleName(statusText);
    error->hide();
}

void ConnectionTestFeedback::showError(const QString &message) const
{
    error->setText(message);
    error->show();
}

} // namespace Tributary::Ui
