#pragma once

#include "filterrule.h"
#include "tablelistmodel.h"

namespace Tributary {

class Store;

// The Content Filtering page's rules, in evaluation order. Edits go through this model,
// which writes them to the Store first and then updates its rows (granular inserts,
// removes and moves). Each editing method returns false with *error in words when the
// store refused it; the rows are unchanged then.
// Threading: main thread. The store must outlive the model.
class FilterRuleListModel : public ItemListModel<FilterRule>
{
    Q_OBJECT
public:
    enum class Column { Name, Conditions, Actions, Count };
    Q_ENUM(Column)
    enum Role { IdRole = Qt::UserRole + 1, EnabledRole, LoadErrorRole };
    Q_ENUM(Role)

    explicit FilterRuleListModel(Store &store, QObject *parent = nullptr);

    // Reads every rule again (full reset).
    void reload();
    FilterRule ruleAt(int row) const { return itemAt(row); }
    int rowOf(qint64 id) const; // -1 when not listed

    // Appends; returns the new row, -1 on failure.
    int addRule(FilterRule rule, QString *error = nullptr);
    bool updateRule(const FilterRule &rule, QString *error = nullptr);
    bool removeRule(int row, QString *error = nullptr);
    // Swaps the rule at `row` with its neighbour above (-1) or below (+1).
    bool moveRule(int row, int delta, QString *error = nullptr);

    // Short texts for the list ("Subject contains "offer"", "Move to Archive; Mark as read").
    QString describeConditions(const FilterRule &rule) const;
    QString describeActions(const FilterRule &rule) const;

protected:
    QVariant itemData(const FilterRule &r, int column, int role) const override;

private:
    Store &m_store;
};

} // namespace Tributary
