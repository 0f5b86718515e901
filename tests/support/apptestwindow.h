#pragma once

// The application set-up of the GUI tests on the real main window: an AppContext on a fresh
// scratch profile with a keychain service of the test's own (scratchcontext.h), and the window
// shown at the size the screenshots use.
//
//   QString error;                                                          // in init()
//   m_context = TestEnv::openScratchContext(QStringLiteral("mytest"),
//                                           QStringLiteral("Tributary-test"), &error);
//   QVERIFY2(m_context, qPrintable(error));
//   m_window = std::make_unique<MainWindow>(*m_context);
//   QVERIFY(TestEnv::showTestWindow(*m_window));
//
// Header only, for GUI tests that link tributary_ui. Main thread.
#include "support/scratchcontext.h"

#include <QSize>
#include <QString>
#include <QTest>
#include <QWidget>

#include <memory>

namespace TestEnv {

// Resizes `window` to `size` (1100×700 unless told), shows it and waits until it is exposed.
inline bool showTestWindow(QWidget &window, const QSize &size = QSize(1100, 700))
{
    window.resize(size);
    window.show();
    return QTest::qWaitForWindowExposed(&window, 30000);
}

} // namespace TestEnv
