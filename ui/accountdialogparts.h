#pragma once

#include <QCoreApplication>
#include <QString>

class QLabel;
class QProgressBar;
class QWidget;

namespace Tributary::Ui {

// Widgets the account dialogs (RetrievalTaskDialog, SmtpAccountDialog) build alike.

// A form label for `buddy` named `objectName` (tests and screen readers find it by name).
QLabel *buddyLabel(const QString &text, QWidget *buddy, const QString &objectName);

// The feedback under an account dialog's form while Save tests the connection: hidden children
// of the dialog named "busyIndicator" (a busy progress bar), "statusLabel" (the step that runs)
// and "errorLabel" (why the last attempt failed: word-wrapped, selectable, in the error
// colour of messagestyle.h). The dialog lays them out and owns them.
struct ConnectionTestFeedback
{
    Q_DECLARE_TR_FUNCTIONS(Tributary::Ui::ConnectionTestFeedback)
public:
    QProgressBar *busy = nullptr;
    QLabel *status = nullptr;
    QLabel *error = nullptr;

    // `busyName` is the indicator's accessible name until a step runs.
    static ConnectionTestFeedback create(QWidget *dialog, const QString &busyName);
    // Busy: the indicator and `statusText` (also the indicator's accessible name) shown, the
    // error hidden. Not busy: indicator and status hidden; an error shown stays.
    void setBusy(bool on, const QString &statusText) const;
    void showError(const QString &message) const;
};

} // namespace Tributary::Ui
