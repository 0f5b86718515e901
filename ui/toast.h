#pragma once

#include <QFrame>

class QGraphicsOpacityEffect;
class QLabel;
class QPropertyAnimation;
class QTimer;
class QToolButton;

namespace Tributary::Ui {

// How much a notification matters; picks the icon and the accent colour.
class Severity
{
    Q_GADGET
public:
    enum Level { Info, Success, Warning, Error };
    Q_ENUM(Level)
};

// A small non-modal notification that floats over its parent widget (bottom right, placed by
// Notifier), stays for timeout() and then fades out. It never takes focus by itself: the user
// can Tab to its dismiss button, press Escape while it has focus, or click it away.
//
// Accessibility: the accessible name is the title, the description is the text, and an
// Alert event is raised when it appears so screen readers announce it.
//
// dismissed() is emitted exactly once (timeout or user); the toast deletes itself afterwards.
class Toast : public QFrame
{
    Q_OBJECT

public:
    Toast(const QString &title, const QString &text, Severity::Level severity, QWidget *parent);

    QString title() const;
    QString text() const;
    Severity::Level severity() const { return m_severity; }

    // Default 6 s. The countdown starts in popUp() and pauses while the mouse is over it.
    void setTimeout(int milliseconds);
    int timeout() const { return m_timeoutMs; }

    // Shows the toast and starts the countdown.
    void popUp();
    // Fades out now (animated unless immediately), then emits dismissed().
    void dismiss(bool immediately = false);
    bool isDismissing() const { return m_dismissing; }

Q_SIGNALS:
    void dismissed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void finish();

    Severity::Level m_severity;
    int m_timeoutMs = 6000;
    bool m_dismissing = false;
    bool m_finished = false;
    QLabel *m_title;
    QLabel *m_text;
    QToolButton *m_close;
    QTimer *m_timer;
    QGraphicsOpacityEffect *m_opacity;
    QPropertyAnimation *m_fade = nullptr;
};

} // namespace Tributary::Ui
