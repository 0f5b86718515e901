#pragma once

// The application set-up of the GUI tests on the real main window: an AppContext on a fresh
// scratch profile with a keychain service of the test's own, and the window shown at the size
// the screenshots use.
//
//   QString error;                                                          // in init()
//   m_context = TestEnv::openScratchContext(QStringLiteral("mytest"),
//                                           QStringLiteral("Tributary-test"), &error);
//   QVERIFY2(m_context, qPrintable(error));
//   m_window = std::make_unique<MainWindow>(*m_context);
//   QVERIFY(TestEnv::showTestWindow(*m_window));
//
// Header only, for GUI tests that link tributary_ui. Main thread.
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "app/services/secretstore.h"
#include "support/testenv.h"

#include <QString>
#include <QTest>
#include <QWidget>

#include <memory>

namespace TestEnv {

// An AppContext on a fresh profile in the scratch folder `name` (scratchDir()), its keychain
// service `keychainService`; null with *error when it did not open.
inline std::unique_ptr<Tributary::AppContext>
openScratchContext(const QString &name, const QString &keychainService, QString *error)
{
    std::unique_ptr<Tributary::AppContext> context
        = Tributary::AppContext::open(Tributary::Profile(scratchDir(name)), error);
    if (context)
        context->secrets().setServiceName(keychainService);
    return context;
}

// Resizes `window` to 1100×700, shows it and waits until it is exposed.
inline bool showTestWindow(QWidget &window)
{
    window.resize(1100, 700);
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

} // namespace TestEnv
