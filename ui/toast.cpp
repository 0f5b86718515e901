#include "toast.h"

#include <QAccessible>
#include <QGraphicsOpacityEffect>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QPropertyAnimation>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Tributary::Ui {

namespace {

QString iconFor(Severity::Level severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral(":/icons/info.svg");
    case Severity::Success:
        return QStringLiteral(":/icons/success.svg");
    case Severity::Warning:
        return QStringLiteral(":/icons/warning.svg");
    case Severity::Error:
        return QStringLiteral(":/icons/error.svg");
    }
    return QString();
}

QString accentFor(Severity::Level severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("#2b5797");
    case Severity::Success:
        return QStringLiteral("#2e7d32");
    case Severity::Warning:
        return QStringLiteral("#e0a100");
    case Severity::Error:
        return QStringLiteral("#c62828");
    }
    return QString();
}

} // namespace

Toast::Toast(const QString &title, const QString &text, Severity::Level severity, QWidget *parent)
    : QFrame(parent)
    , m_severity(severity)
    , m_title(new QLabel(title, this))
    , m_text(new QLabel(text, this))
    , m_close(new QToolButton(this))
    , m_timer(new QTimer(this))
    , m_opacity(new QGraphicsOpacityEffect(this))
{
    setObjectName(QStringLiteral("toast"));
    m_title->setObjectName(QStringLiteral("toastTitle"));
    m_text->setObjectName(QStringLiteral("toastText"));
    m_close->setObjectName(QStringLiteral("toastDismissButton"));

    setAttribute(Qt::WA_StyledBackground);
    setFocusPolicy(Qt::ClickFocus);
    setAccessibleName(title);
    setAccessibleDescription(text);
    setStyleSheet(QStringLiteral("#toast { background: palette(base); border: 1px solid "
                                 "palette(mid); border-left: 4px solid %1; border-radius: 6px; }")
                      .arg(accentFor(severity)));

    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("toastIcon"));
    icon->setPixmap(QIcon(iconFor(severity)).pixmap(QSize(22, 22)));

    m_title->setTextFormat(Qt::PlainText);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);

    m_close->setText(QStringLiteral("\u2715"));
    m_close->setAutoRaise(true);
    m_close->setFocusPolicy(Qt::TabFocus);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss notification: %1").arg(title));

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_title);
    texts->addWidget(m_text);

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(14, 10, 8, 10);
    row->setSpacing(10);
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addLayout(texts, 1);
    row->addWidget(m_close, 0, Qt::AlignTop);

    setFixedWidth(340);
    m_opacity->setOpacity(1.0);
    setGraphicsEffect(m_opacity);

    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { dismiss(); });
    connect(m_close, &QToolButton::clicked, this, [this] { dismiss(true); });
    hide();
}

QString Toast::title() const
{
    return m_title->text();
}

QString Toast::text() const
{
    return m_text->text();
}

void Toast::setTimeout(int milliseconds)
{
    m_timeoutMs = milliseconds;
    if (m_timer->isActive())
        m_timer->start(m_timeoutMs);
}

void Toast::popUp()
{
    adjustSize();
    show();
    raise();
    m_timer->start(m_timeoutMs);
    QAccessibleEvent event(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&event);
}

void Toast::dismiss(bool immediately)
{
    if (m_finished)
        return;
    m_timer->stop();
    if (immediately) {
        if (m_fade)
            m_fade->stop();
        finish();
        return;
    }
    if (m_dismissing)
        return;
    m_dismissing = true;
    m_fade = new QPropertyAnimation(m_opacity, "opacity", this);
    m_fade->setDuration(400);
    m_fade->setStartValue(m_opacity->opacity());
    m_fade->setEndValue(0.0);
    connect(m_fade, &QPropertyAnimation::finished, this, &Toast::finish);
    m_fade->start();
}

void Toast::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_dismissing = true;
    hide();
    Q_EMIT dismissed();
    deleteLater();
}

void Toast::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        dismiss(true);
        event->accept();
        return;
    }
    QFrame::keyPressEvent(event);
}

void Toast::mouseReleaseEvent(QMouseEvent *event)
{
    QFrame::mouseReleaseEvent(event);
    dismiss(true);
}

void Toast::enterEvent(QEnterEvent *event)
{
    QFrame::enterEvent(event);
    if (!m_dismissing)
        m_timer->stop();
}

void Toast::leaveEvent(QEvent *event)
{
    QFrame::leaveEvent(event);
    if (!m_dismissing && isVisible())
        m_timer->start(m_timeoutMs);
}

} // namespace Tributary::Ui
