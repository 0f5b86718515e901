#include "filterrulelistmodel.h"

#include "store.h"

#include <QStringList>

namespace Tributary {

FilterRuleListModel::FilterRuleListModel(Store &store, QObject *parent)
    : ItemListModel({QT_TR_NOOP("Rule"), QT_TR_NOOP("Conditions"), QT_TR_NOOP("Actions")},
                    {{IdRole, "ruleId"}, {EnabledRole, "enabled"}, {LoadErrorRole, "loadError"}},
                    parent)
    , m_store(store)
{
    reload();
}

void FilterRuleListModel::reload()
{
    beginResetModel();
    m_items = m_store.filterRules();
    endResetModel();
}

int FilterRuleListModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id)
            return i;
    }
    return -1;
}

QString FilterRuleListModel::describeConditions(const FilterRule &rule) const
{
    if (!rule.loadError.isEmpty())
        return rule.loadError;
    QStringList parts;
    for (const FilterCondition &c : rule.conditions) {
        QString field;
        switch (c.field) {
        case FilterCondition::Field::From:
            field = tr("From");
            break;
        case FilterCondition::Field::To:
            field = tr("To");
            break;
        case FilterCondition::Field::Subject:
            field = tr("Subject");
            break;
        case FilterCondition::Field::Header:
            field = c.header;
            break;
        case FilterCondition::Field::Size:
            field = tr("Size");
            break;
        }
        QString op;
        switch (c.op) {
        case FilterCondition::Op::Contains:
            op = tr("contains");
            break;
        case FilterCondition::Op::NotContains:
            op = tr("does not contain");
            break;
        case FilterCondition::Op::Is:
            op = tr("is");
            break;
        case FilterCondition::Op::Wildcard:
            op = tr("matches");
            break;
        case FilterCondition::Op::Regex:
            op = tr("matches the expression");
            break;
        case FilterCondition::Op::GreaterThan:
            op = tr("greater than");
            break;
        case FilterCondition::Op::LessThan:
            op = tr("less than");
            break;
        }
        parts.append(field + QLatin1Char(' ') + op + QStringLiteral(" \"") + c.value
                     + QLatin1Char('"'));
    }
    return parts.join(rule.matchAll ? tr(" and ") : tr(" or "));
}

QString FilterRuleListModel::describeActions(const FilterRule &rule) const
{
    QStringList parts;
    for (const FilterAction &a : rule.actions) {
        switch (a.kind) {
        case FilterAction::Kind::MoveToFolder: {
            const auto folder = m_store.folder(a.folderId);
            parts.append(tr("Move to %1").arg(folder ? folder->name : tr("(missing folder)")));
            break;
        }
        case FilterAction::Kind::MarkRead:
            parts.append(tr("Mark as read"));
            break;
        case FilterAction::Kind::Flag:
            parts.append(tr("Flag"));
            break;
        case FilterAction::Kind::Delete:
            parts.append(tr("Delete"));
            break;
        }
    }
    if (rule.stopProcessing)
        parts.append(tr("Stop"));
    return parts.join(QStringLiteral("; "));
}

QVariant FilterRuleListModel::itemData(const FilterRule &r, int column, int role) const
{
    switch (role) {
    case IdRole:
        return r.id;
    case EnabledRole:
        return r.enabled;
    case LoadErrorRole:
        return r.loadError;
    case Qt::DisplayRole:
        switch (Column(column)) {
        case Column::Name:
            return r.enabled ? r.name : tr("%1 (off)").arg(r.name);
        case Column::Conditions:
            return describeConditions(r);
        case Column::Actions:
            return describeActions(r);
        case Column::Count:
            break;
        }
        break;
    default:
        break;
    }
    return QVariant();
}

int FilterRuleListModel::addRule(FilterRule rule, QString *error)
{
    if (!m_store.insertFilterRule(rule, error))
        return -1;
    const int row = int(m_items.size());
    beginInsertRows(QModelIndex(), row, row);
    m_items.append(rule);
    endInsertRows();
    return row;
}

bool FilterRuleListModel::updateRule(const FilterRule &rule, QString *error)
{
    const int row = rowOf(rule.id);
    if (row < 0 || !m_store.updateFilterRule(rule, error))
        return false;
    FilterRule stored = rule;
    stored.position = m_items.at(row).position;
    stored.created = m_items.at(row).created;
    stored.loadError.clear();
    m_items[row] = stored;
    emitRowDataChanged(row);
    return true;
}

bool FilterRuleListModel::removeRule(int row, QString *error)
{
    if (row < 0 || row >= m_items.size())
        return false;
    if (!m_store.removeFilterRule(m_items.at(row).id, error))
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_items.removeAt(row);
    endRemoveRows();
    return true;
}

bool FilterRuleListModel::moveRule(int row, int delta, QString *error)
{
    const int target = row + delta;
    if ((delta != -1 && delta != 1) || row < 0 || row >= m_items.size() || target < 0
        || target >= m_items.size())
        return false;
    QList<qint64> ids;
    for (const FilterRule &r : std::as_const(m_items))
        ids.append(r.id);
    ids.swapItemsAt(row, target);
    if (!m_store.reorderFilterRules(ids, error))
        return false;
    // beginMoveRows takes the destination as "insert before" in the old numbering.
    const int upper = qMin(row, target);
    beginMoveRows(QModelIndex(), upper + 1, upper + 1, QModelIndex(), upper);
    m_items.swapItemsAt(row, target);
    for (int i = 0; i < m_items.size(); ++i)
        m_items[i].position = i;
    endMoveRows();
    return true;
}

} // namespace Tributary
