#pragma once

#include "pageinfo.h"

#include <QList>
#include <QPair>
#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QAction;
class QHBoxLayout;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace Tributary::Ui {

class EmptyState;
class PageHeader;

// Base of the six Connectivity pages (Cloud Storage, Email Retrieval, SMTP Accounts,
// Synchronized Devices, Authenticated IPs, Mailbox Migration): header with title, description
// and primary action, a table over the area's model, and an empty state shown instead of the
// table while the model has no rows. The switch follows rowsInserted, rowsRemoved, modelReset
// and layoutChanged, so it works with any QAbstractItemModel.
//
// The model is not owned. The primary action is not performed here: the page emits
// primaryActionTriggered(area) and the feature that implements it connects to that.
class ConnectivityPage : public QWidget
{
    Q_OBJECT

public:
    PageInfo::Id area() const { return m_area; }

    // nullptr shows the empty state. The page follows the model until it is destroyed.
    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const { return m_model; }

    bool isEmptyStateShown() const;
    QString title() const;
    QTableView *table() const { return m_table; }
    EmptyState *emptyState() const { return m_empty; }
    // The primary action button currently shown (the empty state's or the header's).
    QPushButton *primaryButton() const;
    // Adds an action on the current row: a button below the table (shown with the table; its
    // objectName is the action's plus "Button") and an entry of the table's context menu.
    // Both are enabled only while the table has a current row and the action is enabled. The
    // action is not owned; what it does is the caller's business. Returns the button.
    QPushButton *addRowAction(QAction *action);

Q_SIGNALS:
    void primaryActionTriggered(Tributary::Ui::PageInfo::Id area);

protected:
    explicit ConnectivityPage(PageInfo::Id area, QWidget *parent = nullptr);

private:
    void updateEmptyState();
    void updateRowActions();

    PageInfo::Id m_area;
    QPointer<QAbstractItemModel> m_model;
    PageHeader *m_header;
    QStackedWidget *m_body;
    EmptyState *m_empty;
    QTableView *m_table;
    QWidget *m_rowBar = nullptr;
    QHBoxLayout *m_rowBarLayout = nullptr;
    QList<QPair<QPointer<QAction>, QPushButton *>> m_rowActions;
};

class CloudStoragePage : public ConnectivityPage
{
    Q_OBJECT
public:
    explicit CloudStoragePage(QWidget *parent = nullptr);
};

class RetrievalPage : public ConnectivityPage
{
    Q_OBJECT
public:
    explicit RetrievalPage(QWidget *parent = nullptr);
};

class SmtpAccountsPage : public ConnectivityPage
{
    Q_OBJECT
public:
    explicit SmtpAccountsPage(QWidget *parent = nullptr);
};

class DevicesPage : public ConnectivityPage
{
    Q_OBJECT
public:
    explicit DevicesPage(QWidget *parent = nullptr);
};

class AuthenticatedIpsPage : public ConnectivityPage
{
    Q_OBJECT
public:
    explicit AuthenticatedIpsPage(QWidget *parent = nullptr);
};

class MigrationPage : public ConnectivityPage
{
    Q_OBJECT
public:
    explicit MigrationPage(QWidget *parent = nullptr);
};

// The page class for one area (a CloudStoragePage for Id::CloudStorage, ...); nullptr when
// the id is not a Connectivity area. The caller owns the page (or its parent does).
ConnectivityPage *createConnectivityPage(PageInfo::Id area, QWidget *parent = nullptr);

} // namespace Tributary::Ui
