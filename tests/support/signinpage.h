#pragma once

// Driving the OAuth fixture's pages (oidc-provider: #login #password #submit #allow #deny) in
// the app's real sign-in window, as the GUI tests of the OAuth dialogs do:
//
//   QTRY_VERIFY_WITH_TIMEOUT(TestEnv::signInPopup(dialog) != nullptr, 10000);
//   QWebEnginePage *page = TestEnv::signInPopup(dialog)->view()->page();
//   QVERIFY(TestEnv::logInOnPage(page, user, password));   // now on the consent page
//   TestEnv::clickElement(page, QStringLiteral("allow"));
//
// Header only, for GUI tests that link tributary_ui (QtWebEngine). Main thread; the calls wait
// with QTest::qWaitFor (test code only).
#include "ui/oauthtaskform.h"
#include "ui/signindialog.h"
#include "ui/signinwindow.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>
#include <QTest>
#include <QVariant>
#include <QWebEnginePage>

#include <memory>

namespace TestEnv {

// `value` as a JavaScript string literal (quoted and escaped).
inline QString jsString(const QString &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

// Runs `script` in the page and waits (20 s at most) for its result; an invalid QVariant when
// none came. The state is shared: the callback may come after this returns.
inline QVariant evaluateScript(QWebEnginePage *page, const QString &script)
{
    auto result = std::make_shared<QVariant>();
    auto done = std::make_shared<bool>(false);
    page->runJavaScript(script, [result, done](const QVariant &v) {
        *result = v;
        *done = true;
    });
    if (!QTest::qWaitFor([done] { return *done; }, 20000))
        return QVariant();
    return *result;
}

// Waits (30 s at most) until the page has loaded and has an element with id `id`.
inline bool waitForElement(QWebEnginePage *page, const QString &id)
{
    return QTest::qWaitFor(
        [page, id] {
            return evaluateScript(page,
                                  QStringLiteral("document.readyState === 'complete' && "
                                                 "!!document.getElementById(%1)")
                                      .arg(jsString(id)))
                .toBool();
        },
        30000);
}

// Clicks the page's element with id `id`.
inline void clickElement(QWebEnginePage *page, const QString &id)
{
    evaluateScript(page,
                   QStringLiteral("document.getElementById(%1).click(); true").arg(jsString(id)));
}

// Fills the provider's login page (#login, #password, as typed: with input events), submits it
// (#submit) and waits for the consent page (#allow); false when a page did not come.
inline bool logInOnPage(QWebEnginePage *page, const QString &user, const QString &password)
{
    if (!waitForElement(page, QStringLiteral("login")))
        return false;
    evaluateScript(page,
                   QStringLiteral("(function(){"
                                  "var l=document.getElementById('login');l.value=%1;"
                                  "l.dispatchEvent(new Event('input',{bubbles:true}));"
                                  "var p=document.getElementById('password');p.value=%2;"
                                  "p.dispatchEvent(new Event('input',{bubbles:true}));"
                                  "return true;})()")
                       .arg(jsString(user), jsString(password)));
    clickElement(page, QStringLiteral("submit"));
    return waitForElement(page, QStringLiteral("allow"));
}

// The sign-in popup that the running sign-in of an OAuth dialog (any dialog with
// `Ui::TaskSignIn *signIn()`) opened in the embedded window; null when there is none (yet).
template<typename Dialog> Tributary::Ui::SignInDialog *signInPopup(const Dialog *dialog)
{
    if (!dialog || !dialog->signIn())
        return nullptr;
    auto *window = qobject_cast<Tributary::Ui::SignInWindow *>(dialog->signIn()->agent());
    return window ? window->dialog() : nullptr;
}

} // namespace TestEnv
