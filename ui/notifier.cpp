#include "notifier.h"

#include "logging.h"

#include <QEvent>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Tributary::Ui {

namespace {
constexpr int margin = 16;
constexpr int gap = 8;
} // namespace

Notifier::Notifier(QWidget *host, QObject *parent)
    : QObject(parent)
    , m_host(host)
{
    setObjectName(QStringLiteral("notifier"));
    if (host)
        host->installEventFilter(this);
}

Notifier::~Notifier()
{
    if (m_host)
        m_host->removeEventFilter(this);
}

void Notifier::setTrayIcon(QSystemTrayIcon *tray)
{
    m_tray = tray;
}

QList<Toast *> Notifier::toasts() const
{
    QList<Toast *> result;
    for (const auto &toast : m_toasts) {
        if (toast && !toast->isDismissing())
            result.append(toast.data());
    }
    return result;
}

void Notifier::notify(const QString &title, const QString &text, Severity::Level severity)
{
    qCInfo(lcUi) << "notification:" << title << "-" << text;
    if (m_host) {
        auto *toast = new Toast(title, text, severity, m_host);
        toast->setTimeout(m_timeoutMs);
        m_toasts.append(toast);
        connect(toast, &Toast::dismissed, this, [this, toast] {
            m_toasts.removeAll(toast);
            layoutToasts();
        });
        const QList<Toast *> shown = toasts();
        for (qsizetype i = 0; i + maxToasts() < shown.size(); ++i)
            shown.at(i)->dismiss(true);
        toast->popUp();
        layoutToasts();
    }

    const QWidget *window = m_host ? m_host->window() : nullptr;
    const bool userSeesWindow
        = window && window->isVisible() && !window->isMinimized() && window->isActiveWindow();
    if (!userSeesWindow && m_tray && m_tray->isVisible()) {
        QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information;
        if (severity == Severity::Warning)
            icon = QSystemTrayIcon::Warning;
        else if (severity == Severity::Error)
            icon = QSystemTrayIcon::Critical;
        m_tray->showMessage(title, text, icon);
    }
    Q_EMIT notified(title, text, severity);
}

bool Notifier::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_host && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        layoutToasts();
    return QObject::eventFilter(watched, event);
}

void Notifier::layoutToasts()
{
    if (!m_host)
        return;
    // Newest at the bottom, older ones stacked above it.
    int bottom = m_host->height() - margin;
    for (qsizetype i = m_toasts.size() - 1; i >= 0; --i) {
        Toast *toast = m_toasts.at(i);
        if (!toast || !toast->isVisible())
            continue;
        toast->adjustSize();
        const int top = bottom - toast->height();
        toast->move(m_host->width() - margin - toast->width(), top);
        toast->raise();
        bottom = top - gap;
    }
}

} // namespace Tributary::Ui
