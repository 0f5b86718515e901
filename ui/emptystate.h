#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Tributary::Ui {

// The centred "nothing here yet" panel of a page: an icon, a headline, a short explanation of
// what the page is for and, optionally, the page's primary action button. The button is owned
// by the panel; its clicks are the caller's to connect (button()).
class EmptyState : public QWidget
{
    Q_OBJECT

public:
    explicit EmptyState(QWidget *parent = nullptr);

    void setIcon(const QString &resourcePath);
    void setTitle(const QString &title);
    void setText(const QString &text);
    // An empty text hides the button.
    void setActionText(const QString &text);

    QString title() const;
    QString text() const;
    QPushButton *button() const { return m_button; }

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_button;
};

} // namespace Tributary::Ui
