#pragma once

// Finds a dialog's or page's widget by its objectName (every widget has one), as the GUI tests
// reach the parts of a window: child<QLineEdit>(dialog, "emailEdit"). Null when there is none.
#include <QLatin1String>
#include <QObject>

namespace TestEnv {

template<typename T> T *child(const QObject *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

} // namespace TestEnv
