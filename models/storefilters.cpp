#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

namespace {

const char kColumns[]
    = "id, position, name, enabled, match_all, conditions, actions, stop_processing, created";

FilterRule readRule(const QSqlQuery &q)
{
    FilterRule r;
    r.id = q.value(0).toLongLong();
    r.position = q.value(1).toInt();
    r.name = q.value(2).toString();
    r.enabled = q.value(3).toInt() != 0;
    r.matchAll = q.value(4).toInt() != 0;
    QString error;
    if (!FilterRule::conditionsFromJson(q.value(5).toString(), &r.conditions, &error)
        || !FilterRule::actionsFromJson(q.value(6).toString(), &r.actions, &error))
        r.loadError = error;
    r.stopProcessing = q.value(7).toInt() != 0;
    r.created = toDateTime(q.value(8));
    return r;
}

// The values of name, enabled, match_all, conditions, actions and stop_processing.
QVariantList ruleValues(const FilterRule &r)
{
    return {r.name,
            int(r.enabled),
            int(r.matchAll),
            FilterRule::conditionsToJson(r.conditions),
            FilterRule::actionsToJson(r.actions),
            int(r.stopProcessing)};
}

const char kSpamdEnabled[] = "spamd.enabled";
const char kSpamdHost[] = "spamd.host";
const char kSpamdPort[] = "spamd.port";
const char kSpamdMaxSize[] = "spamd.maxSize";
const char kSpamdTimeout[] = "spamd.timeoutMs";

} // namespace

QList<FilterRule> Store::filterRules() const
{
    QSqlDatabase db = database();
    return selectRows<FilterRule>(db,
                                  QStringLiteral("SELECT ") + QLatin1String(kColumns)
                                      + QStringLiteral(" FROM filter_rules ORDER BY position, id"),
                                  readRule);
}

std::optional<FilterRule> Store::filterRule(qint64 id) const
{
    QSqlDatabase db = database();
    return selectRow<FilterRule>(db,
                                 QStringLiteral("SELECT ") + QLatin1String(kColumns)
                                     + QStringLiteral(" FROM filter_rules WHERE id = ?"),
                                 id, readRule);
}

bool Store::insertFilterRule(FilterRule &rule, QString *errorMessage)
{
    if (!rule.created.isValid())
        rule.created = QDateTime::currentDateTimeUtc();
    rule.created = msPrecision(rule.created);
    QSqlDatabase db = database();
    Transaction transaction(db);
    QSqlQuery last(db);
    if (!last.exec(QStringLiteral("SELECT COALESCE(MAX(position), -1) FROM filter_rules"))
        || !last.next()) {
        setError(errorMessage, tr("The filter rule could not be saved."));
        return false;
    }
    const int position = last.value(0).toInt() + 1;
    QSqlQuery q(db);
    if (!execBound(q,
                   QStringLiteral("INSERT INTO filter_rules (position, name, enabled, match_all, "
                                  "conditions, actions, stop_processing, created) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                   QVariantList {position} + ruleValues(rule) << fromDateTime(rule.created),
                   errorMessage)
        || !transaction.commit(errorMessage))
        return false;
    rule.id = q.lastInsertId().toLongLong();
    rule.position = position;
    return true;
}

bool Store::updateFilterRule(const FilterRule &rule, QString *errorMessage)
{
    QSqlDatabase db = database();
    return changeExistingRow(
        db,
        QStringLiteral("UPDATE filter_rules SET name = ?, enabled = ?, match_all = ?, "
                       "conditions = ?, actions = ?, stop_processing = ? WHERE id = ?"),
        ruleValues(rule) << rule.id, tr("The filter rule no longer exists."), errorMessage);
}

bool Store::removeFilterRule(qint64 id, QString *errorMessage)
{
    QSqlDatabase db = database();
    return changeExistingRow(db, QStringLiteral("DELETE FROM filter_rules WHERE id = ?"), {id},
                             tr("The filter rule no longer exists."), errorMessage);
}

bool Store::reorderFilterRules(const QList<qint64> &ids, QString *errorMessage)
{
    QSqlDatabase db = database();
    Transaction transaction(db);
    QSqlQuery count(db);
    if (!count.exec(QStringLiteral("SELECT COUNT(*) FROM filter_rules")) || !count.next()) {
        setError(errorMessage, tr("The filter rules could not be reordered."));
        return false;
    }
    if (count.value(0).toLongLong() != ids.size()
        || QSet<qint64>(ids.cbegin(), ids.cend()).size() != ids.size()) {
        setError(errorMessage,
                 tr("The filter rules changed meanwhile; reload them and try again."));
        return false;
    }
    QSqlQuery q(db);
    if (!prepare(q, QStringLiteral("UPDATE filter_rules SET position = ? WHERE id = ?"),
                 errorMessage))
        return false;
    for (int i = 0; i < ids.size(); ++i) {
        q.addBindValue(i);
        q.addBindValue(ids.at(i));
        if (!exec(q, errorMessage))
            return false;
        if (q.numRowsAffected() == 0) {
            setError(errorMessage,
                     tr("The filter rules changed meanwhile; reload them and try again."));
            return false;
        }
    }
    return transaction.commit(errorMessage);
}

SpamdSettings Store::spamdSettings() const
{
    SpamdSettings s;
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT name, value FROM filter_settings")))
        return s;
    while (q.next()) {
        const QString name = q.value(0).toString();
        const QString value = q.value(1).toString();
        if (name == QLatin1String(kSpamdEnabled))
            s.enabled = value == QLatin1String("1");
        else if (name == QLatin1String(kSpamdHost))
            s.host = value;
        else if (name == QLatin1String(kSpamdPort))
            s.port = quint16(value.toUInt());
        else if (name == QLatin1String(kSpamdMaxSize))
            s.maxSize = value.toLongLong();
        else if (name == QLatin1String(kSpamdTimeout))
            s.timeoutMs = value.toInt();
    }
    return s;
}

bool Store::setSpamdSettings(const SpamdSettings &settings, QString *errorMessage)
{
    QSqlDatabase db = database();
    Transaction transaction(db);
    const QList<std::pair<const char *, QString>> rows = {
        {kSpamdEnabled, settings.enabled ? QStringLiteral("1") : QStringLiteral("0")},
        {kSpamdHost, settings.host},
        {kSpamdPort, QString::number(settings.port)},
        {kSpamdMaxSize, QString::number(settings.maxSize)},
        {kSpamdTimeout, QString::number(settings.timeoutMs)},
    };
    for (const auto &row : rows) {
        const QString name = QString::fromLatin1(row.first);
        QSqlQuery remove(db);
        QSqlQuery insert(db);
        if (!execBound(remove, QStringLiteral("DELETE FROM filter_settings WHERE name = ?"), {name},
                       errorMessage)
            || !execBound(insert,
                          QStringLiteral("INSERT INTO filter_settings (name, value) VALUES (?, ?)"),
                          {name, row.second}, errorMessage))
            return false;
    }
    return transaction.commit(errorMessage);
}

} // namespace Tributary
