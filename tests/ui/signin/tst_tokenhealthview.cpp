// TokenHealthView and TokenHealthDialog with real tokens from the OAuth fixture (oidc-provider):
// a fresh sign-in, after a refresh, a sign-in near the end of the provider's refresh-token
// lifetime, after the server revoked the sign-in ("sign in again" with its reason), an account
// that never signed in; keyboard access and accessible names; screenshots.
// OAuth users ouser15 and ouser16 of the fixture belong to this test.
#include "app/oauth/oauthfixture.h"
#include "app/oauth/signinhelper.h"
#include "app/services/oauth/tokenservice.h"
#include "app/services/secretstore.h"
#include "support/fixturecontrol.h"
#include "support/screenshot.h"
#include "support/testenv.h"
#include "ui/tokenhealthdialog.h"
#include "ui/tokenhealthview.h"

#include <QAccessible>
#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Tributary;
using Tributary::Ui::TokenHealthDialog;
using Tributary::Ui::TokenHealthView;

namespace {

QString env(const char *key)
{
    return TestEnv::value(QStringLiteral("oauth"), QString::fromLatin1(key));
}

QString valueText(const QWidget *view, const char *objectName)
{
    const auto *label = view->findChild<QLabel *>(QString::fromLatin1(objectName));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QString::fromLatin1(objectName));
}

void screenshot(QWidget *w, const QString &name)
{
    TRIBUTARY_SCREENSHOT(w, QStringLiteral("tokenhealth_") + name);
}

} // namespace

class TestTokenHealthView : public QObject
{
    Q_OBJECT

    Oauth::ProviderConfig m_provider;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<TokenService> m_service;
    QStringList m_accounts;

    Oauth::TokenSet signIn(int n)
    {
        return fixtureSignIn(m_provider, env("OAUTH_CA"),
                             env("OAUTH_USER_PREFIX") + QString::number(n),
                             env("OAUTH_PASSWORD_PREFIX") + QString::number(n));
    }

    // Saves the tokens under a new account; empty on failure.
    QString save(const Oauth::TokenSet &tokens)
    {
        const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
        TokenRequest *request = m_service->saveSignIn(account, m_provider, tokens);
        request->setAutoDelete(false);
        QSignalSpy done(request, &TokenRequest::finished);
        const bool ok = (request->isFinished() || done.wait(20000))
            && request->error() == Oauth::Error::Kind::None;
        delete request;
        m_accounts << account;
        return ok ? account : QString();
    }

    // Signs fixture user `n` in and saves the tokens under a new account (the refresh token
    // dated `issuedAt` when given); empty on failure.
    QString signInAndSave(int n, const QDateTime &issuedAt = QDateTime())
    {
        Oauth::TokenSet tokens = signIn(n);
        if (tokens.refreshToken.isEmpty())
            return QString();
        if (issuedAt.isValid())
            tokens.refreshTokenIssuedAt = issuedAt;
        return save(tokens);
    }

    Oauth::Error::Kind accessToken(const QString &account, bool force, bool *refreshed = nullptr)
    {
        TokenRequest *request = m_service->accessToken(account, force);
        request->setAutoDelete(false);
        QSignalSpy done(request, &TokenRequest::finished);
        if (!request->isFinished())
            done.wait(20000);
        const Oauth::Error::Kind kind
            = request->isFinished() ? request->error() : Oauth::Error::Kind::Network;
        if (refreshed)
            *refreshed = request->refreshed();
        delete request;
        return kind;
    }

    bool serverRevokes(const QString &user)
    {
        QByteArray reply;
        return TestEnv::revokeAccountAtProvider(env("OAUTH_TEST_CONTROL"), user, &reply)
            && reply.contains("revoked");
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_provider = fixtureProvider(QStringLiteral("oauth"));
        QVERIFY2(m_provider.isValid(), "the oauth fixture is not running (no OAUTH_* values)");
        m_provider.refreshTokenLifetimeDays = 90;
        const QString dir = TestEnv::scratchDir(QStringLiteral("tokenhealthview"));
        m_settings = std::make_unique<QSettings>(dir + QStringLiteral("/settings.ini"),
                                                 QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(*m_settings);
        m_secrets->setServiceName(QStringLiteral("Tributary-test-tokenhealthview"));
        m_service = std::make_unique<TokenService>(*m_secrets, *m_settings);
    }

    void cleanupTestCase()
    {
        for (const QString &account : std::as_const(m_accounts)) {
            SecretJob *job = m_secrets->removeAll(account);
            QSignalSpy done(job, &SecretJob::finished);
            done.wait(15000);
        }
        m_service.reset();
    }

    // A fresh sign-in: provider, granted scopes, expiry, no refresh yet, signed in just now.
    // Then a refresh at the provider shows in the view without being asked.
    void freshThenRefreshed()
    {
        const QString account = signInAndSave(15);
        QVERIFY(!account.isEmpty());

        TokenHealthView view(*m_service, account);
        view.resize(640, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view, 30000));
        QCOMPARE(view.state(), TokenHealthView::State::Healthy);
        QCOMPARE(view.statusText(), QStringLiteral("Working. Access is renewed automatically."));
        QCOMPARE(valueText(&view, "tokenHealthProvider"), QStringLiteral("testprovider"));
        const QString scopes = valueText(&view, "tokenHealthScopes");
        QVERIFY2(scopes.contains(QStringLiteral("mail.imap")), qPrintable(scopes));
        const QString access = valueText(&view, "tokenHealthAccessExpires");
        QVERIFY2(access.startsWith(QStringLiteral("Valid until")), qPrintable(access));
        QVERIFY2(access.contains(QStringLiteral("minute")), qPrintable(access));
        QCOMPARE(valueText(&view, "tokenHealthLastRefresh"),
                 QStringLiteral("Not yet since signing in"));
        const QString age = valueText(&view, "tokenHealthSignInAge");
        QVERIFY2(age.contains(QStringLiteral("just now")), qPrintable(age));
        QVERIFY2(age.contains(QStringLiteral("after 90 days")), qPrintable(age));
        auto *button = view.findChild<QPushButton *>(QStringLiteral("signInAgainButton"));
        QVERIFY(button);
        QCOMPARE(button->accessibleName(), QStringLiteral("Sign In Again…"));
        QVERIFY(!button->isDefault());
        screenshot(&view, QStringLiteral("1_fresh"));

        bool refreshed = false;
        QCOMPARE(accessToken(account, true, &refreshed), Oauth::Error::Kind::None);
        QVERIFY(refreshed);
        // tokensRefreshed reached the view: the last refresh is now.
        QTRY_VERIFY_WITH_TIMEOUT(
            valueText(&view, "tokenHealthLastRefresh").contains(QStringLiteral("just now")), 30000);
        QCOMPARE(view.state(), TokenHealthView::State::Healthy);
        screenshot(&view, QStringLiteral("2_refreshed"));
    }

    // A sign-in whose refresh token is 80 days old at a provider that ends sign-ins after 90:
    // the view warns well before the end. The same sign-in seen 75 days earlier is fine.
    void nearTheEndOfTheLifetime()
    {
        const QString account = signInAndSave(15, QDateTime::currentDateTimeUtc().addDays(-80));
        QVERIFY(!account.isEmpty());

        TokenHealthView view(*m_service, account);
        view.resize(640, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view, 30000));
        QCOMPARE(view.state(), TokenHealthView::State::NearsEnd);
        QCOMPARE(view.statusText(),
                 QStringLiteral("This sign-in ends in about 10 days. Sign in again now so that "
                                "mail keeps moving."));
        QVERIFY(valueText(&view, "tokenHealthSignInAge").contains(QStringLiteral("80 days ago")));
        auto *button = view.findChild<QPushButton *>(QStringLiteral("signInAgainButton"));
        QVERIFY(button->isDefault());
        screenshot(&view, QStringLiteral("3_nears_end"));

        // The same account 75 days earlier (5 days after signing in): no warning yet. And
        // 95 days after signing in: the warning says 0 days rather than a negative number.
        view.setNow(QDateTime::currentDateTimeUtc().addDays(-75));
        QCOMPARE(view.state(), TokenHealthView::State::Healthy);
        view.setNow(QDateTime::currentDateTimeUtc().addDays(15));
        QCOMPARE(view.state(), TokenHealthView::State::NearsEnd);
        QVERIFY2(view.statusText().contains(QStringLiteral("about 0 days")),
                 qPrintable(view.statusText()));
        view.setNow(QDateTime());
        QCOMPARE(view.state(), TokenHealthView::State::NearsEnd);
    }

    // The provider revokes the sign-in: the next refresh fails and the open view says
    // "sign in again" with the reason; the button asks for a new sign-in.
    void revokedByServer()
    {
        const QString account = signInAndSave(16);
        QVERIFY(!account.isEmpty());

        TokenHealthDialog dialog(*m_service, account);
        dialog.setAccountName(QStringLiteral("ouser16@example.test"));
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Sign-In Health: ouser16@example.test"));
        QSignalSpy again(&dialog, &TokenHealthDialog::signInAgainRequested);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog, 30000));
        TokenHealthView *view = dialog.view();
        QCOMPARE(view->state(), TokenHealthView::State::Healthy);

        QVERIFY(serverRevokes(env("OAUTH_USER_PREFIX") + QStringLiteral("16")));
        QSignalSpy lost(m_service.get(), &TokenService::signInRequired);
        const Oauth::Error::Kind kind = accessToken(account, true);
        QVERIFY2(kind == Oauth::Error::Kind::InvalidGrant
                     || kind == Oauth::Error::Kind::SignInRequired,
                 qPrintable(QString::number(int(kind))));
        QCOMPARE(lost.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(view->state(), TokenHealthView::State::SignInRequired, 30000);
        const QString reason = m_service->health(account).signInReason;
        QVERIFY(!reason.isEmpty());
        QCOMPARE(view->statusText(), QStringLiteral("Sign in again: ") + reason);
        QVERIFY(valueText(view, "tokenHealthAccessExpires").startsWith(QStringLiteral("None")));
        auto *button = view->findChild<QPushButton *>(QStringLiteral("signInAgainButton"));
        QVERIFY(button->isDefault());
        // The longer status grew the dialog instead of being clipped.
        auto *status = view->findChild<QLabel *>(QStringLiteral("tokenHealthStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(status->height() >= status->heightForWidth(status->width()),
                                 30000);
        screenshot(&dialog, QStringLiteral("4_sign_in_again"));

        // Keyboard: Tab reaches the status and then the button; Space presses it.
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog, 30000));
        status->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), static_cast<QWidget *>(status),
                                  30000);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), static_cast<QWidget *>(button),
                                  30000);
        QTest::keyClick(button, Qt::Key_Space);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.at(0).at(0).toString(), account);
        QVERIFY(dialog.isVisible()); // the opener decides what happens next

        // Close ends the dialog.
        auto *close = dialog.findChild<QPushButton *>(QStringLiteral("closeButton"));
        QVERIFY(close);
        QTest::mouseClick(close, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 30000);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    // An account that never signed in, and the names assistive technology reads.
    void notSignedInAndAccessibleNames()
    {
        const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
        TokenHealthView view(*m_service, account);
        QSignalSpy again(&view, &TokenHealthView::signInAgainRequested);
        view.resize(640, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view, 30000));
        QCOMPARE(view.state(), TokenHealthView::State::NotSignedIn);
        QCOMPARE(view.statusText(), QStringLiteral("This account has not signed in yet."));
        auto *button = view.findChild<QPushButton *>(QStringLiteral("signInAgainButton"));
        QCOMPARE(button->accessibleName(), QStringLiteral("Sign In…"));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(again.size(), 1);
        screenshot(&view, QStringLiteral("5_not_signed_in"));

        const QList<QWidget *> widgets = view.findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            auto *label = qobject_cast<QLabel *>(w);
            if (label && w->objectName().isEmpty()) { // a caption of the form
                QVERIFY(!label->text().isEmpty());
                QVERIFY(label->buddy());
                continue;
            }
            QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
            QVERIFY(iface);
            QVERIFY2(!iface->text(QAccessible::Name).isEmpty(), qPrintable(w->objectName()));
        }
    }
};

QTEST_MAIN(TestTokenHealthView)
#include "tst_tokenhealthview.moc"
