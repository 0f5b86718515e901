#pragma once

#include <QString>

namespace Tributary::Ui {

// Process set-up QtWebEngine needs, done before the QApplication exists: shared OpenGL
// contexts, and --no-sandbox in QTWEBENGINE_CHROMIUM_FLAGS when running as root (Chromium
// refuses to start its sandbox as root). Keeps flags already in the environment.
void prepareProcessBeforeApplication();

// Application name, version and icon on the QApplication (after it exists).
void setUpApplication();

// The one-line description for --help.
QString commandLineDescription();

// Tells the user why Tributary cannot start (a message box; the text is `message`).
void reportStartupError(const QString &message);

} // namespace Tributary::Ui
