#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Tributary::Ui {

// The top of every page: icon, title (objectName "titleLabel"), a one-line description and an
// optional action button on the right (objectName "primaryActionButton").
class PageHeader : public QWidget
{
    Q_OBJECT

public:
    explicit PageHeader(QWidget *parent = nullptr);

    void setIcon(const QString &resourcePath);
    void setTitle(const QString &title);
    void setDescription(const QString &text);
    // An empty text hides the button.
    void setActionText(const QString &text);

    QString title() const;
    QLabel *titleLabel() const { return m_title; }
    QPushButton *actionButton() const { return m_action; }

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_description;
    QPushButton *m_action;
};

} // namespace Tributary::Ui
