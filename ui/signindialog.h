#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;
class QPushButton;
class QWebEngineProfile;
class QWebEngineView;

namespace Tributary::Ui {

class SignInPage;
class RedirectSchemeHandler;

// The popup of SignInWindow: address bar (lock icon, host, TLS words), the web view, a
// status line for load failures, and Cancel. It owns a fresh off-the-record profile and
// deletes its page before that profile. Emits done() exactly once: Redirected with the
// caught URL, Cancelled, or Failed with words; it never closes itself before that.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    enum Outcome { Redirected, Cancelled, Failed };
    Q_ENUM(Outcome)

    SignInDialog(const QUrl &redirectUri, const QString &providerName, QWidget *parent = nullptr);
    ~SignInDialog() override;

    void load(const QUrl &url);
    QWebEngineView *view() const { return m_view; }
    QWebEngineProfile *profile() const { return m_profile; }
    // What the address bar says: host and TLS state ("Secure connection", ...).
    QString addressText() const;
    QString tlsText() const;
    QString statusText() const;
    bool isSecure() const { return m_secure; }

    // Cancel, Escape and the close button: ends with Cancelled.
    void reject() override;

Q_SIGNALS:
    void done(int outcome, const QUrl &redirectUrl, const QString &error);

private:
    void onUrlChanged(const QUrl &url);
    void onLoadFinished(bool ok);
    void onRedirect(const QUrl &url);
    void finishOnce(Outcome outcome, const QUrl &url, const QString &error);
    void updateAddress();

    QUrl m_redirectUri;
    QWebEngineProfile *m_profile = nullptr;
    SignInPage *m_page = nullptr;
    RedirectSchemeHandler *m_schemeHandler = nullptr;
    QWebEngineView *m_view = nullptr;
    QLabel *m_lock = nullptr;
    QLabel *m_address = nullptr;
    QLabel *m_tls = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_cancel = nullptr;
    QUrl m_current;
    bool m_certificateError = false;
    bool m_secure = false;
    bool m_done = false;
};

} // namespace Tributary::Ui
