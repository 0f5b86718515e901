#pragma once

#include <QDialog>

namespace Tributary {
class TokenService;
}

namespace Tributary::Ui {

class TokenHealthView;

// A small window around TokenHealthView for one OAuth account, opened from a task's or an
// SMTP account's row action:
//
//   auto *dialog = new TokenHealthDialog(tokenService, accountUuid, window);
//   dialog->setAccountName(task.name);              // optional: shown in the title
//   dialog->setAttribute(Qt::WA_DeleteOnClose);
//   connect(dialog, &TokenHealthDialog::signInAgainRequested, ctx, [](const QString &uuid) {
//       ... open the sign-in window (SignInWindow + AuthorizationCodeFlow), then
//       TokenService::saveSignIn(uuid, ...) and dialog->refresh() ...
//   });
//   dialog->open();
//
// "Sign In Again" only emits signInAgainRequested(); the dialog stays open (Close ends it).
// The service must outlive the dialog. GUI thread only.
class TokenHealthDialog : public QDialog
{
    Q_OBJECT
public:
    TokenHealthDialog(TokenService &service, const QString &accountUuid, QWidget *parent = nullptr);

    // The name the user knows the account by ("alice@contoso.com"); shown in the title.
    void setAccountName(const QString &name);
    TokenHealthView *view() const { return m_view; }
    void refresh();

Q_SIGNALS:
    void signInAgainRequested(const QString &accountUuid);

private:
    TokenHealthView *m_view = nullptr;
};

} // namespace Tributary::Ui
