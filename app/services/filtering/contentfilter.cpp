#include "contentfilter.h"

#include "connectors/mime/mimeheaders.h"
#include "models/messagerecord.h"

#include <QRegularExpression>

namespace Tributary {

namespace {

QByteArray headerSection(const QByteArray &content)
{
    qsizetype end = content.indexOf("\r\n\r\n");
    const qsizetype lfEnd = content.indexOf("\n\n");
    if (end < 0 || (lfEnd >= 0 && lfEnd < end))
        end = lfEnd;
    if (content.startsWith("\r\n") || content.startsWith('\n'))
        return QByteArray();
    return end < 0 ? content : content.left(end + 1);
}

bool textMatches(FilterCondition::Op op, const QString &text, const QString &value)
{
    switch (op) {
    case FilterCondition::Op::Contains:
        return text.contains(value, Qt::CaseInsensitive);
    case FilterCondition::Op::NotContains:
        return !text.contains(value, Qt::CaseInsensitive);
    case FilterCondition::Op::Is:
        return text.trimmed().compare(value.trimmed(), Qt::CaseInsensitive) == 0;
    case FilterCondition::Op::Wildcard: {
        // '*' and '?' only; '/' and '[' are plain characters (not path globbing).
        QString pattern;
        for (const QChar c : value) {
            if (c == QLatin1Char('*'))
                pattern += QStringLiteral(".*");
            else if (c == QLatin1Char('?'))
                pattern += QLatin1Char('.');
            else
                pattern += QRegularExpression::escape(QString(c));
        }
        const QRegularExpression re(QRegularExpression::anchoredPattern(pattern),
                                    QRegularExpression::CaseInsensitiveOption
                                        | QRegularExpression::DotMatchesEverythingOption);
        return re.isValid() && re.match(text.trimmed()).hasMatch();
    }
    case FilterCondition::Op::Regex: {
        const QRegularExpression re(value, QRegularExpression::CaseInsensitiveOption);
        return re.isValid() && re.match(text).hasMatch();
    }
    case FilterCondition::Op::GreaterThan:
    case FilterCondition::Op::LessThan:
        return false;
    }
    return false;
}

} // namespace

FilterInput FilterInput::fromMessage(const QByteArray &content)
{
    FilterInput input;
    input.size = content.size();
    const QByteArray head = headerSection(content);
    QByteArray name;
    QByteArray value;
    auto flush = [&] {
        if (!name.isEmpty())
            input.headers.append(
                {name.trimmed().toLower(), Mime::decodeHeaderText(value.trimmed())});
        name.clear();
        value.clear();
    };
    for (QByteArray line : head.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if ((line.at(0) == ' ' || line.at(0) == '\t') && !name.isEmpty()) {
            value += ' ' + line.trimmed();
            continue;
        }
        flush();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // not a header line (an mbox "From " line, garbage)
        name = line.left(colon);
        value = line.mid(colon + 1);
    }
    flush();
    return input;
}

QStringList FilterInput::values(const QByteArray &name) const
{
    const QByteArray key = name.trimmed().toLower();
    QStringList out;
    for (const auto &h : headers) {
        if (h.first == key)
            out.append(h.second);
    }
    return out;
}

void ContentFilter::setRules(const QList<FilterRule> &rules)
{
    m_rules.clear();
    m_errors.clear();
    for (const FilterRule &rule : rules) {
        if (!rule.enabled)
            continue;
        const QString problem = rule.validate();
        if (!problem.isEmpty()) {
            m_errors.append(rule.name + QStringLiteral(": ") + problem);
            continue;
        }
        m_rules.append(rule);
    }
}

bool ContentFilter::matches(const FilterCondition &condition, const FilterInput &message)
{
    if (condition.field == FilterCondition::Field::Size) {
        bool ok = false;
        const qint64 bytes = condition.value.trimmed().toLongLong(&ok);
        if (!ok)
            return false;
        if (condition.op == FilterCondition::Op::GreaterThan)
            return message.size > bytes;
        if (condition.op == FilterCondition::Op::LessThan)
            return message.size < bytes;
        return false;
    }
    QStringList texts;
    switch (condition.field) {
    case FilterCondition::Field::From:
        texts = message.values("from");
        break;
    case FilterCondition::Field::To:
        texts = message.values("to") + message.values("cc");
        break;
    case FilterCondition::Field::Subject:
        texts = message.values("subject");
        break;
    case FilterCondition::Field::Header:
        texts = message.values(condition.header.toLatin1());
        break;
    case FilterCondition::Field::Size:
        break;
    }
    if (condition.op == FilterCondition::Op::NotContains) {
        // "does not contain": no occurrence contains it (an absent header does not contain it).
        for (const QString &t : std::as_const(texts)) {
            if (t.contains(condition.value, Qt::CaseInsensitive))
                return false;
        }
        return true;
    }
    for (const QString &t : std::as_const(texts)) {
        if (textMatches(condition.op, t, condition.value))
            return true;
    }
    return false;
}

bool ContentFilter::matches(const FilterRule &rule, const FilterInput &message)
{
    if (rule.conditions.isEmpty())
        return false;
    for (const FilterCondition &c : rule.conditions) {
        const bool m = matches(c, message);
        if (rule.matchAll && !m)
            return false;
        if (!rule.matchAll && m)
            return true;
    }
    return rule.matchAll;
}

FilterDecision ContentFilter::evaluate(const FilterInput &message) const
{
    FilterDecision decision;
    for (const FilterRule &rule : m_rules) {
        if (!matches(rule, message))
            continue;
        decision.matchedRules.append(rule.name);
        for (const FilterAction &a : rule.actions) {
            switch (a.kind) {
            case FilterAction::Kind::MoveToFolder:
                decision.folderId = a.folderId;
                break;
            case FilterAction::Kind::MarkRead:
                decision.addFlags |= MessageRecord::Seen;
                break;
            case FilterAction::Kind::Flag:
                decision.addFlags |= MessageRecord::Flagged;
                break;
            case FilterAction::Kind::Delete:
                decision.toDeleted = true;
                break;
            }
        }
        if (rule.stopProcessing)
            break;
    }
    return decision;
}

} // namespace Tributary
