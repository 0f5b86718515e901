#pragma once

// Finds a dialog's or page's widget by its objectName (every widget has one), as the GUI tests
// reach the parts of a window: child<QLineEdit>(dialog, "emailEdit"). Null when there is none.
// typeInto() replaces a line edit's text by typing, as a person would.
#include <QLatin1String>
#include <QLineEdit>
#include <QObject>
#include <QString>
#include <QTest>

namespace TestEnv {

template<typename T> T *child(const QObject *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

// Clears `edit`, then types `text` into it key by key (the edit's signals fire as for a user).
inline void typeInto(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

} // namespace TestEnv
