#pragma once

#include "oauthtaskform.h"

#include <QCoreApplication>
#include <QPointer>
#include <QString>
#include <QUuid>

#include <optional>

class QWidget;

namespace Tributary {
struct Provider;
}

namespace Tributary::Ui {

// The OAuth sign-in steps of an account dialog (RetrievalTaskDialog, SmtpAccountDialog), kept
// between clicks on Save: Save signs in only when the account has no usable sign-in (isNeeded),
// then the dialog tests the connection and saves; Save again after a failed test does not sign
// in again; signInAgain() forces one sign-in (forceNext). A sign-in made in the dialog for a new
// account that is never saved is revoked (forgetUnsaved), so no tokens of an account that does
// not exist stay in the keychain.
//
// Use: create() a TaskSignIn, connect its finished() to the dialog, show the busy state, start()
// it; in the handler call finish() (which also deletes the sign-in later) and on success test
// and save. cancel() in reject(), abandon() in the destructor.
// Not a QObject; the dialog owns it. GUI thread only.
class OAuthSignInSteps
{
    Q_DECLARE_TR_FUNCTIONS(Tributary::Ui::OAuthSignInSteps)
public:
    // Whether Save must sign in before testing the account `uuid` that signs in as `login`:
    // always after forceNext(); when the dialog signed in already, only when `login` changed
    // since; otherwise unless the stored account (`storedLogin`: its login, nullopt for a new
    // account or one that used no OAuth) has the same login and `tokens` still hold a sign-in
    // the provider accepts. Logins compare without case.
    bool isNeeded(const TokenService &tokens, const QUuid &uuid, const QString &login,
                  const std::optional<QString> &storedLogin) const;
    void forceNext() { m_force = true; }

    // A sign-in for `uuid` with `config`, the provider's login hint `login` and `oauth`'s agent
    // factory; child of `dialog`, which is also the parent of its window. Not started; it is
    // the running one until finish(). `oauth.tokens` must be set.
    TaskSignIn *create(QWidget *dialog, const OAuthTaskSupport &oauth,
                       const Oauth::ProviderConfig &config, const QUuid &uuid,
                       const QString &login);
    // The running sign-in (null when none).
    TaskSignIn *running() const { return m_running; }
    // `signIn` finished: it is no longer running and is deleted later. On success the dialog
    // has signed in as `login` and a forced sign-in is done. Returns whether it succeeded.
    bool finish(TaskSignIn *signIn, const QString &login);
    // Cancels the running sign-in (its finished() follows); false when none runs.
    bool cancel();
    // The dialog goes away: the running sign-in is deleted without reaching `receiver`.
    void abandon(QObject *receiver);

    // Revokes and forgets the tokens saved under `newUuid` when this dialog signed in; the
    // caller calls it only for a new account that was not saved. Nothing when `tokens` is null.
    void forgetUnsaved(TokenService *tokens, const QUuid &newUuid);

    // "Waiting for you to sign in to <company> in your browser / the sign-in window…"
    static QString waitingText(bool browser, const QString &company);
    // Save of an OAuth account without a token service.
    static QString unavailableText();
    // The note of a provider that forbids embedded sign-in (its page opens in the browser).
    static QString browserOnlyNote(const QString &company);
    // The note of the sign-in form: Save opens `name`'s sign-in page.
    static QString signInPageNote(const QString &name);
    // The company whose sign-in page the user sees (Gmail accounts sign in with Google).
    static QString signInCompany(const Provider &provider);

private:
    QPointer<TaskSignIn> m_running;
    QString m_signedInAs; // the login signed in during this dialog (empty: none)
    bool m_force = false;
};

} // namespace Tributary::Ui
