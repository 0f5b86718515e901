#pragma once

#include "pageinfo.h"

#include <QDateTime>
#include <QFrame>
#include <QHash>
#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QGridLayout;
class QScrollArea;
class QLabel;
class QPushButton;

namespace Tributary::Ui {

class PageHeader;

// One area on the Connectivity overview: icon and title, the number of items in the area's
// model, a status line, the last activity, the primary action and an "Open" button. Clicking
// anywhere else on the card also opens the page. The model is not owned.
class OverviewCard : public QFrame
{
    Q_OBJECT

public:
    explicit OverviewCard(PageInfo::Id area, QWidget *parent = nullptr);

    PageInfo::Id area() const { return m_area; }
    void setModel(QAbstractItemModel *model);
    // A status other than the item count, e.g. "2 tasks failing"; empty restores the count.
    void setStatus(const QString &status);
    void setLastActivity(const QDateTime &when, const QString &what);

    int count() const;
    QString countText() const;
    QString statusText() const;
    QString lastActivityText() const;
    // Invalid while the area has no activity.
    QDateTime lastActivityTime() const { return m_lastTime; }
    QPushButton *actionButton() const { return m_action; }
    QPushButton *openButton() const { return m_open; }

Q_SIGNALS:
    void openRequested(Tributary::Ui::PageInfo::Id area);
    void primaryActionTriggered(Tributary::Ui::PageInfo::Id area);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void refresh();

    PageInfo::Id m_area;
    QPointer<QAbstractItemModel> m_model;
    QString m_status;
    QDateTime m_lastTime;
    QLabel *m_count;
    QLabel *m_statusLabel;
    QLabel *m_last;
    QPushButton *m_action;
    QPushButton *m_open;
};

// The Connectivity overview: the six areas as cards in a grid.
class OverviewPage : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewPage(QWidget *parent = nullptr);

    QString title() const;
    OverviewCard *card(PageInfo::Id area) const { return m_cards.value(area); }
    void setModel(PageInfo::Id area, QAbstractItemModel *model);

    // Cards per row now: three when they fit, fewer in a narrow window.
    int columns() const { return m_columns; }

Q_SIGNALS:
    void openRequested(Tributary::Ui::PageInfo::Id area);
    void primaryActionTriggered(Tributary::Ui::PageInfo::Id area);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void arrangeCards(int columns);

    PageHeader *m_header;
    QScrollArea *m_scroll;
    QGridLayout *m_grid;
    QHash<PageInfo::Id, OverviewCard *> m_cards;
    int m_columns = 0;
};

} // namespace Tributary::Ui
