#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace Tributary {

// One test of a content filtering rule on a retrieved message.
//  From, To, Subject: the decoded header text (To covers To and Cc).
//  Header: the header named `header` (case-insensitive; every occurrence is tested, any
//          match counts).
//  Size:   the message size in bytes; only GreaterThan / LessThan apply, `value` is a
//          decimal number of bytes.
// Text operators compare case-insensitively. Wildcard: `*` any run, `?` one character,
// the whole text must match. Regex: QRegularExpression, case-insensitive, anywhere in the
// text (an invalid pattern never matches and is reported by FilterRule::validate()).
struct FilterCondition
{
    enum class Field { From, To, Subject, Header, Size };
    enum class Op { Contains, NotContains, Is, Wildcard, Regex, GreaterThan, LessThan };

    Field field = Field::Subject;
    QString header; // Field::Header only
    Op op = Op::Contains;
    QString value;

    // Stable names used in the JSON of filter_rules.conditions.
    static QString fieldName(Field field); // "from", "to", "subject", "header", "size"
    static Field fieldFromName(const QString &name, bool *ok = nullptr);
    static QString opName(Op op); // "contains", "notContains", "is", "wildcard", "regex", ...
    static Op opFromName(const QString &name, bool *ok = nullptr);

    bool operator==(const FilterCondition &other) const;
    bool operator!=(const FilterCondition &other) const { return !(*this == other); }
};

// What a rule does to a message that matches. The source server is never changed by a
// rule: every action applies to the local copy only.
//  MoveToFolder: store it in local folder `folderId` instead of the task's destination.
//  MarkRead:     store it with the Seen flag.
//  Flag:         store it with the Flagged flag.
//  Delete:       store it in the local Deleted Items folder (nothing is removed for good).
struct FilterAction
{
    enum class Kind { MoveToFolder, MarkRead, Flag, Delete };

    Kind kind = Kind::MarkRead;
    qint64 folderId = 0; // MoveToFolder only

    static QString kindName(Kind kind); // "move", "markRead", "flag", "delete"
    static Kind kindFromName(const QString &name, bool *ok = nullptr);

    bool operator==(const FilterAction &other) const;
    bool operator!=(const FilterAction &other) const { return !(*this == other); }
};

// One row of filter_rules: rules run in ascending `position`; a matching rule with
// stopProcessing ends the evaluation for that message.
struct FilterRule
{
    qint64 id = 0; // assigned by Store::insertFilterRule
    int position = 0; // assigned by the Store (insert appends; reorderFilterRules renumbers)
    QString name;
    bool enabled = true;
    bool matchAll = true; // true: every condition must match; false: any one
    QList<FilterCondition> conditions;
    QList<FilterAction> actions;
    bool stopProcessing = false;
    QDateTime created; // set by Store::insertFilterRule when invalid
    // Set when the stored row could not be read (malformed JSON, unknown names): a sentence
    // naming the problem. Such a rule never matches; it can be edited and saved again.
    QString loadError;

    // JSON arrays as stored in filter_rules.conditions / .actions.
    static QString conditionsToJson(const QList<FilterCondition> &conditions);
    static QString actionsToJson(const QList<FilterAction> &actions);
    // False (with *error, in words) when `json` is not an array of valid objects.
    static bool conditionsFromJson(const QString &json, QList<FilterCondition> *conditions,
                                   QString *error);
    static bool actionsFromJson(const QString &json, QList<FilterAction> *actions, QString *error);

    // Empty when the rule can be used; otherwise a sentence for the user (no condition, no
    // action, an invalid regular expression, a size that is not a number, a move without a
    // folder, or loadError).
    QString validate() const;

    bool operator==(const FilterRule &other) const;
    bool operator!=(const FilterRule &other) const { return !(*this == other); }
};

// Where a SpamAssassin spamd runs, for SpamClassifier. Stored in the Store (filter_settings),
// so retrieval runs on any thread read it through their own connection.
struct SpamdSettings
{
    bool enabled = false;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 783;
    // Larger messages are not sent to spamd (spamc's default limit is 500 KiB).
    qint64 maxSize = qint64(500) * 1024;
    int timeoutMs = 30000;

    bool operator==(const SpamdSettings &other) const;
    bool operator!=(const SpamdSettings &other) const { return !(*this == other); }
};

} // namespace Tributary
