#pragma once

// One PNG of a GUI test's window or dialog state in TestEnv::screenshotDir()
// (build/screenshots/), for a person to look at: layout, no clipped text.
//
//   TRIBUTARY_SCREENSHOT(dialog, QStringLiteral("oauthtask-") + name);  // QVERIFY2 on failure
//
// Header only, for GUI tests (Qt Widgets).
#include "support/testenv.h"

#include <QString>
#include <QWidget>

namespace TestEnv {

// Where the screenshot `name` goes: <screenshotDir>/<name>.png.
inline QString screenshotPath(const QString &name)
{
    return screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png");
}

} // namespace TestEnv

// Grabs `widget` and saves it as TestEnv::screenshotPath(name); QVERIFY2 fails (naming the
// path) when it could not be saved.
#define TRIBUTARY_SCREENSHOT(widget, name)                                                         \
    do {                                                                                           \
        const QString path_ = TestEnv::screenshotPath(name);                                       \
        QVERIFY2((widget)->grab().save(path_), qPrintable(path_));                                 \
    } while (false)
