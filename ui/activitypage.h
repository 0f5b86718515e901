#pragma once

#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Tributary::Ui {

class EmptyState;
class PageHeader;

// The Activity page: the log as a table, an area filter (All, Retrieval, SMTP, Cloud,
// Migration, Sync, Devices, App) and a search field. The page does not filter by itself: it
// emits areaFilterChanged (the area key, empty for All) at once and searchTextChanged after the
// user stopped typing for searchDelay() ms, and whoever owns the model applies them
// (ActivityLogModel::setAreaFilter / setSearchText). The model is not owned.
class ActivityPage : public QWidget
{
    Q_OBJECT

public:
    explicit ActivityPage(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QString title() const;

    static constexpr int searchDelay() { return 300; }
    // The area keys in combo order; "" is All.
    static QStringList areaKeys();
    QString areaFilter() const;
    QString searchText() const;
    // Selects the area (one of areaKeys()) as if the user chose it.
    void setAreaFilter(const QString &area);

    QComboBox *areaCombo() const { return m_area; }
    QLineEdit *searchField() const { return m_search; }
    QTableView *table() const { return m_table; }
    bool isEmptyStateShown() const;

Q_SIGNALS:
    void areaFilterChanged(const QString &area);
    void searchTextChanged(const QString &text);

private:
    void updateEmptyState();

    QPointer<QAbstractItemModel> m_model;
    PageHeader *m_header;
    QComboBox *m_area;
    QLineEdit *m_search;
    QTimer *m_debounce;
    QStackedWidget *m_body;
    EmptyState *m_empty;
    QTableView *m_table;
    QString m_emittedSearch;
};

} // namespace Tributary::Ui
