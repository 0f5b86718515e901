#pragma once

#include "models/filterrule.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace Tributary {

// What the content filter looks at: the message's header fields (unfolded, RFC 2047
// decoded, in order, every occurrence) and its size in bytes. Building one never fails:
// a message without a header section gives an empty list.
struct FilterInput
{
    QList<std::pair<QByteArray, QString>> headers; // lower-case name, decoded value
    qint64 size = 0;

    // Parses the header section of a whole message (up to the first empty line).
    static FilterInput fromMessage(const QByteArray &content);
    // Every value of header `name` (case-insensitive), in order.
    QStringList values(const QByteArray &name) const;
};

// The outcome of the content rules for one message. folderId 0 means "leave it where the
// retrieval would put it"; flags are MessageRecord::Flag bits to add; toDeleted means "store
// it in Deleted Items" and wins over folderId. The rule names that matched are kept for the
// log.
struct FilterDecision
{
    qint64 folderId = 0;
    int addFlags = 0;
    bool toDeleted = false;
    QStringList matchedRules;

    bool isEmpty() const { return folderId == 0 && addFlags == 0 && !toDeleted; }
};

// Evaluates the user's rules (Store::filterRules, in order) on one message. Pure
// computation: no store, no network, usable from any thread.
//
// Rules run in order; a disabled rule, or one that validate()s with an error (a damaged
// row, a bad regular expression) is skipped and reported once through ruleErrors(). A
// rule matches when all (matchAll) or any of its conditions match; its actions add up:
// MarkRead and Flag add flags, MoveToFolder sets the folder (a later rule's move replaces
// an earlier one), Delete sends it to Deleted Items. A matching rule with stopProcessing
// ends the evaluation.
class ContentFilter
{
public:
    ContentFilter() = default;
    explicit ContentFilter(const QList<FilterRule> &rules) { setRules(rules); }

    void setRules(const QList<FilterRule> &rules);
    const QList<FilterRule> &rules() const { return m_rules; }
    // "rule name: problem" for each rule that cannot be used.
    QStringList ruleErrors() const { return m_errors; }

    FilterDecision evaluate(const FilterInput &message) const;

    static bool matches(const FilterCondition &condition, const FilterInput &message);
    static bool matches(const FilterRule &rule, const FilterInput &message);

private:
    QList<FilterRule> m_rules; // usable rules only
    QStringList m_errors;
};

} // namespace Tributary
