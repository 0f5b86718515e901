#pragma once

#include "toast.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace Tributary::Ui {

// Tells the user about background events (a retrieval failed, a migration finished, a new
// device signed in). Anyone with a pointer may call notify() from the GUI thread.
//
// While the window is visible and active the message appears as a Toast stacked in the
// bottom-right corner of the host widget (newest at the bottom, at most maxToasts() at once;
// the oldest is dismissed to make room). When the window is hidden, minimized or not active and
// a tray icon is set and visible, the message also goes to the desktop through
// QSystemTrayIcon::showMessage.
//
// Neither the host nor the tray icon is owned.
class Notifier : public QObject
{
    Q_OBJECT

public:
    explicit Notifier(QWidget *host, QObject *parent = nullptr);
    ~Notifier() override;

    void setTrayIcon(QSystemTrayIcon *tray);
    void setToastTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    static constexpr int maxToasts() { return 4; }

    // The toasts on screen now, oldest first.
    QList<Toast *> toasts() const;

public Q_SLOTS:
    void notify(const QString &title, const QString &text,
                Tributary::Ui::Severity::Level severity = Tributary::Ui::Severity::Info);

Q_SIGNALS:
    // Emitted for every notify(), after the toast and the tray message were shown.
    void notified(const QString &title, const QString &text,
                  Tributary::Ui::Severity::Level severity);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void layoutToasts();

    QPointer<QWidget> m_host;
    QPointer<QSystemTrayIcon> m_tray;
    QList<QPointer<Toast>> m_toasts;
    int m_timeoutMs = 6000;
};

} // namespace Tributary::Ui
