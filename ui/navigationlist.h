#pragma once

#include <QListWidget>

namespace Tributary::Ui {

// The left navigation: one row per page with its icon, grouped (Mail and the Connectivity
// overview; the six Connectivity areas; Activity) by a thin rule above the first row of each
// group. The rule is painted in the row's own space, so arrow keys move from row to row
// without stopping on separators.
class NavigationList : public QListWidget
{
    Q_OBJECT

public:
    // Item data role that marks the first row of a group (bool).
    static constexpr int GroupStartRole = Qt::UserRole + 1;
    // Item data role that holds the page index (int).
    static constexpr int PageRole = Qt::UserRole + 2;

    explicit NavigationList(QWidget *parent = nullptr);

    // Appends a row for page index `page`; groupStart draws the rule above it.
    QListWidgetItem *addPage(int page, const QIcon &icon, const QString &title, bool groupStart);
    // The row of a page index; -1 when absent.
    int rowOfPage(int page) const;

    QSize sizeHint() const override;
};

} // namespace Tributary::Ui
