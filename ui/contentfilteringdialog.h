#pragma once

#include "models/filterrule.h"

#include <QDialog>
#include <QList>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace Tributary {
class FilterRuleListModel;
class Store;
namespace Net {
class Job;
}
} // namespace Tributary

namespace Tributary::Ui {

class MainWindow;

// Content Filtering settings: the user's rules (list with Add, Edit, Remove, Up, Down; each
// change is written to the store at once through FilterRuleListModel) and the SpamAssassin
// spamd used by the spam check (on/off, host, port, largest message; saved as soon as a
// field changes) with a Test button that asks that spamd about a small message without
// blocking the window. Retrieval tasks use these settings when their "spam and content
// filtering" option is on.
// The store must outlive the dialog.
class ContentFilteringDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ContentFilteringDialog(Store &store, QWidget *parent = nullptr);
    ~ContentFilteringDialog() override;

    FilterRuleListModel *model() const { return m_model; }
    QTableView *rulesView() const { return m_rules; }
    // The editor for a new rule (rule.id == 0) or an existing one; not shown yet.
    QDialog *createRuleEditor(const FilterRule &rule);

Q_SIGNALS:
    // The spamd test ended; the status label shows the outcome.
    void spamdTestFinished(bool ok);

private:
    void addRule();
    void editRule();
    void removeRule();
    void moveRule(int delta);
    void updateButtons();
    void saveSpamd();
    void testSpamd();
    void onSpamdTested(Net::Job *job);
    void showError(const QString &text);

    Store &m_store;
    FilterRuleListModel *m_model;
    QTableView *m_rules;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QLabel *m_error;
    QCheckBox *m_spamdEnabled;
    QLineEdit *m_spamdHost;
    QSpinBox *m_spamdPort;
    QSpinBox *m_spamdMaxSize;
    QPushButton *m_spamdTest;
    QLabel *m_spamdStatus;
    QPointer<Net::Job> m_testJob;
    bool m_loading = false;
};

// One rule: name, on/off, match all/any, conditions (field, header name, operator, value;
// rows added and removed), actions (move to a folder, mark read, flag, delete) and "stop
// processing more rules". OK validates (FilterRule::validate) and shows the problem in the
// dialog instead of closing.
class FilterRuleDialog : public QDialog
{
    Q_OBJECT
public:
    FilterRuleDialog(Store &store, const FilterRule &rule, QWidget *parent = nullptr);

    FilterRule rule() const;
    void addCondition(const FilterCondition &condition = FilterCondition());
    int conditionCount() const { return int(m_conditions.size()); }

    void accept() override;

private:
    struct ConditionRow
    {
        QComboBox *field;
        QLineEdit *header;
        QComboBox *op;
        QLineEdit *value;
        QPushButton *remove;
    };
    void removeCondition(QPushButton *button);
    void renumber();
    void updateRow(const ConditionRow &row);

    FilterRule m_rule;
    QLineEdit *m_name;
    QCheckBox *m_enabled;
    QComboBox *m_match;
    QGridLayout *m_conditionGrid;
    QList<ConditionRow> m_conditions;
    QCheckBox *m_move;
    QComboBox *m_folder;
    QCheckBox *m_markRead;
    QCheckBox *m_flag;
    QCheckBox *m_delete;
    QCheckBox *m_stop;
    QLabel *m_error;
};

// Adds a "Content Filtering…" button to the Email Retrieval page's header that opens the
// dialog (one at a time, non-modal).
void installContentFilteringAction(MainWindow &window, Store &store);

} // namespace Tributary::Ui
