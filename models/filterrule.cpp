#include "filterrule.h"

#include "enumnames_p.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

namespace Tributary {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Tributary::FilterRule)
};

const std::pair<FilterCondition::Field, const char *> kFields[] = {
    {FilterCondition::Field::Subject, "subject"}, {FilterCondition::Field::From, "from"},
    {FilterCondition::Field::To, "to"},           {FilterCondition::Field::Header, "header"},
    {FilterCondition::Field::Size, "size"},
};

const std::pair<FilterCondition::Op, const char *> kOps[] = {
    {FilterCondition::Op::Contains, "contains"},
    {FilterCondition::Op::NotContains, "notContains"},
    {FilterCondition::Op::Is, "is"},
    {FilterCondition::Op::Wildcard, "wildcard"},
    {FilterCondition::Op::Regex, "regex"},
    {FilterCondition::Op::GreaterThan, "greaterThan"},
    {FilterCondition::Op::LessThan, "lessThan"},
};

const std::pair<FilterAction::Kind, const char *> kActions[] = {
    {FilterAction::Kind::MarkRead, "markRead"},
    {FilterAction::Kind::MoveToFolder, "move"},
    {FilterAction::Kind::Flag, "flag"},
    {FilterAction::Kind::Delete, "delete"},
};

bool parseArray(const QString &json, QJsonArray *array, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray()) {
        if (error)
            *error
                = Tr::tr("The stored rule is damaged (%1).")
                      .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                        : Tr::tr("not a list"));
        return false;
    }
    *array = doc.array();
    return true;
}

} // namespace

QString FilterCondition::fieldName(Field field)
{
    return nameOf(kFields, field);
}

FilterCondition::Field FilterCondition::fieldFromName(const QString &name, bool *ok)
{
    return valueOf(kFields, name, ok);
}

QString FilterCondition::opName(Op op)
{
    return nameOf(kOps, op);
}

FilterCondition::Op FilterCondition::opFromName(const QString &name, bool *ok)
{
    return valueOf(kOps, name, ok);
}

bool FilterCondition::operator==(const FilterCondition &other) const
{
    return field == other.field && header == other.header && op == other.op && value == other.value;
}

QString FilterAction::kindName(Kind kind)
{
    return nameOf(kActions, kind);
}

FilterAction::Kind FilterAction::kindFromName(const QString &name, bool *ok)
{
    return valueOf(kActions, name, ok);
}

bool FilterAction::operator==(const FilterAction &other) const
{
    return kind == other.kind && folderId == other.folderId;
}

QString FilterRule::conditionsToJson(const QList<FilterCondition> &conditions)
{
    QJsonArray array;
    for (const FilterCondition &c : conditions) {
        QJsonObject o;
        o.insert(QStringLiteral("field"), FilterCondition::fieldName(c.field));
        if (c.field == FilterCondition::Field::Header)
            o.insert(QStringLiteral("header"), c.header);
        o.insert(QStringLiteral("op"), FilterCondition::opName(c.op));
        o.insert(QStringLiteral("value"), c.value);
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString FilterRule::actionsToJson(const QList<FilterAction> &actions)
{
    QJsonArray array;
    for (const FilterAction &a : actions) {
        QJsonObject o;
        o.insert(QStringLiteral("action"), FilterAction::kindName(a.kind));
        if (a.kind == FilterAction::Kind::MoveToFolder)
            o.insert(QStringLiteral("folder"), a.folderId);
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

bool FilterRule::conditionsFromJson(const QString &json, QList<FilterCondition> *conditions,
                                    QString *error)
{
    QJsonArray array;
    if (!parseArray(json, &array, error))
        return false;
    QList<FilterCondition> out;
    for (const auto &v : std::as_const(array)) {
        const QJsonObject o = v.toObject();
        FilterCondition c;
        bool fieldOk = false;
        bool opOk = false;
        c.field
            = FilterCondition::fieldFromName(o.value(QStringLiteral("field")).toString(), &fieldOk);
        c.op = FilterCondition::opFromName(o.value(QStringLiteral("op")).toString(), &opOk);
        if (!v.isObject() || !fieldOk || !opOk) {
            if (error)
                *error = Tr::tr("The stored rule has a condition this version does not know.");
            return false;
        }
        c.header = o.value(QStringLiteral("header")).toString();
        const QJsonValue value = o.value(QStringLiteral("value"));
        c.value = value.isDouble() ? QString::number(value.toInteger()) : value.toString();
        out.append(c);
    }
    *conditions = out;
    return true;
}

bool FilterRule::actionsFromJson(const QString &json, QList<FilterAction> *actions, QString *error)
{
    QJsonArray array;
    if (!parseArray(json, &array, error))
        return false;
    QList<FilterAction> out;
    for (const auto &v : std::as_const(array)) {
        const QJsonObject o = v.toObject();
        bool ok = false;
        FilterAction a;
        a.kind = FilterAction::kindFromName(o.value(QStringLiteral("action")).toString(), &ok);
        if (!v.isObject() || !ok) {
            if (error)
                *error = Tr::tr("The stored rule has an action this version does not know.");
            return false;
        }
        a.folderId = o.value(QStringLiteral("folder")).toInteger();
        out.append(a);
    }
    *actions = out;
    return true;
}

QString FilterRule::validate() const
{
    if (!loadError.isEmpty())
        return loadError;
    if (conditions.isEmpty())
        return Tr::tr("The rule needs at least one condition.");
    if (actions.isEmpty())
        return Tr::tr("The rule needs at least one action.");
    for (const FilterCondition &c : conditions) {
        if (c.field == FilterCondition::Field::Header && c.header.trimmed().isEmpty())
            return Tr::tr("Enter the name of the header the condition tests.");
        const bool sizeOp
            = c.op == FilterCondition::Op::GreaterThan || c.op == FilterCondition::Op::LessThan;
        if ((c.field == FilterCondition::Field::Size) != sizeOp)
            return Tr::tr("Size conditions compare with \"greater than\" or \"less than\"; "
                          "text conditions do not.");
        if (c.field == FilterCondition::Field::Size) {
            bool ok = false;
            const qint64 bytes = c.value.trimmed().toLongLong(&ok);
            if (!ok || bytes < 0)
                return Tr::tr("The size \"%1\" is not a number of bytes.").arg(c.value);
        }
        if (c.op == FilterCondition::Op::Regex) {
            const QRegularExpression re(c.value);
            if (!re.isValid())
                return Tr::tr("The regular expression \"%1\" is not valid: %2.")
                    .arg(c.value, re.errorString());
        }
    }
    for (const FilterAction &a : actions) {
        if (a.kind == FilterAction::Kind::MoveToFolder && a.folderId <= 0)
            return Tr::tr("Choose the folder the rule moves messages to.");
    }
    return QString();
}

bool FilterRule::operator==(const FilterRule &other) const
{
    return id == other.id && position == other.position && name == other.name
        && enabled == other.enabled && matchAll == other.matchAll && conditions == other.conditions
        && actions == other.actions && stopProcessing == other.stopProcessing
        && created == other.created && loadError == other.loadError;
}

bool SpamdSettings::operator==(const SpamdSettings &other) const
{
    return enabled == other.enabled && host == other.host && port == other.port
        && maxSize == other.maxSize && timeoutMs == other.timeoutMs;
}

} // namespace Tributary
