#pragma once

#include <QPalette>
#include <QString>
#include <QWidget>

namespace Tributary::Ui {

// Style sheets for the texts dialogs and pages show about a problem, so that every one says
// "error" and "warning" in the same colour: dark red and dark amber on a light window, lighter
// tones on a dark one (the text stays readable either way). Apply with
// `label->setStyleSheet(errorTextStyle(label))`.
inline bool onDarkWindow(const QWidget *widget)
{
    return widget->palette().color(QPalette::Window).lightness() < 128;
}

inline QString errorTextStyle(const QWidget *widget)
{
    return onDarkWindow(widget) ? QStringLiteral("color: #ff8a80;")
                                : QStringLiteral("color: #b00020;");
}

inline QString warningTextStyle(const QWidget *widget)
{
    return onDarkWindow(widget) ? QStringLiteral("color: #ffd54f;")
                                : QStringLiteral("color: #8d6e00;");
}

} // namespace Tributary::Ui
