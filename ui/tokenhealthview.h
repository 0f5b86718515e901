#pragma once

#include <QDateTime>
#include <QPointer>
#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace Tributary {
class TokenService;
}

namespace Tributary::Ui {

// The token health of one OAuth account (issue 5), read from TokenService::health(uuid):
// provider, granted scopes, when the access token expires, the last refresh, how old the
// sign-in (refresh token) is, and a status: working, a warning well before the provider's
// refresh-token lifetime ends (TokenHealth::refreshTokenNearsEnd: 14 days or a fifth of the
// lifetime, whichever is longer), or "sign in again" with the reason the provider gave.
// The "Sign In Again" button emits signInAgainRequested(); the view itself never signs in.
//
// No secrets: only the bookkeeping TokenService keeps in the settings. The view re-reads it
// on TokenService::tokensRefreshed / signInRequired for its account, once a minute while
// shown, and on refresh() (call it after a new TokenService::saveSignIn()). The service must
// outlive the view. GUI thread only.
class TokenHealthView : public QWidget
{
    Q_OBJECT
public:
    enum class State {
        NotSignedIn, // the account never signed in with OAuth
        Healthy, // tokens are renewed by themselves
        NearsEnd, // the provider's refresh-token lifetime ends soon: sign in again now
        SignInRequired, // the provider refused the sign-in: sign in again
    };
    Q_ENUM(State)

    TokenHealthView(TokenService &service, const QString &accountUuid, QWidget *parent = nullptr);

    QString accountUuid() const { return m_accountUuid; }
    // The time the view compares against; an invalid value (the default) means the clock.
    // For tests and screenshots.
    void setNow(const QDateTime &now);

    State state() const { return m_state; }
    // What the status line says (user words).
    QString statusText() const;

    void refresh();

Q_SIGNALS:
    // The user pressed "Sign In Again" (or "Sign In" for an account that never signed in).
    void signInAgainRequested(const QString &accountUuid);
    // After each refresh(): the texts may have grown (a window holding the view may need
    // more height).
    void contentsChanged();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QLabel *addValue(const QString &objectName, const QString &field);
    void setValue(QLabel *label, const QString &text);
    QDateTime now() const;

    QPointer<TokenService> m_service;
    QString m_accountUuid;
    QDateTime m_now;
    State m_state = State::NotSignedIn;
    QLabel *m_provider = nullptr;
    QLabel *m_scopes = nullptr;
    QLabel *m_accessExpires = nullptr;
    QLabel *m_lastRefresh = nullptr;
    QLabel *m_signInAge = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_signInAgain = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace Tributary::Ui
