#include "models/filterrulelistmodel.h"
#include "models/store.h"

#include "support/testenv.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Tributary;

namespace {

FilterRule makeRule(const QString &name, const QString &subject)
{
    FilterRule r;
    r.name = name;
    r.conditions
        = {{FilterCondition::Field::Subject, QString(), FilterCondition::Op::Contains, subject}};
    r.actions = {{FilterAction::Kind::MarkRead, 0}};
    return r;
}

QStringList names(const QList<FilterRule> &rules)
{
    QStringList out;
    for (const FilterRule &r : rules)
        out.append(r.name);
    return out;
}

} // namespace

class TestFilterRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonRoundTrip();
    void malformedJson();
    void validate();
    void storeCrud();
    void reorderRefusesStaleList();
    void damagedRowIsReadWithError();
    void spamdSettings();
    void listModel();
};

void TestFilterRules::jsonRoundTrip()
{
    const QList<FilterCondition> conditions = {
        {FilterCondition::Field::From, QString(), FilterCondition::Op::Is, QStringLiteral("a@b.c")},
        {FilterCondition::Field::Header, QStringLiteral("List-Id"), FilterCondition::Op::Wildcard,
         QStringLiteral("*qt*")},
        {FilterCondition::Field::Size, QString(), FilterCondition::Op::GreaterThan,
         QStringLiteral("1000")},
        {FilterCondition::Field::To, QString(), FilterCondition::Op::Regex, QStringLiteral("^x.*")},
        {FilterCondition::Field::Subject, QString(), FilterCondition::Op::NotContains,
         QStringLiteral("Grüße")},
    };
    QList<FilterCondition> back;
    QString error;
    QVERIFY(
        FilterRule::conditionsFromJson(FilterRule::conditionsToJson(conditions), &back, &error));
    QCOMPARE(back, conditions);

    const QList<FilterAction> actions = {{FilterAction::Kind::MoveToFolder, 42},
                                         {FilterAction::Kind::MarkRead, 0},
                                         {FilterAction::Kind::Flag, 0},
                                         {FilterAction::Kind::Delete, 0}};
    QList<FilterAction> actionsBack;
    QVERIFY(FilterRule::actionsFromJson(FilterRule::actionsToJson(actions), &actionsBack, &error));
    QCOMPARE(actionsBack, actions);
}

void TestFilterRules::malformedJson()
{
    QList<FilterCondition> conditions;
    QString error;
    QVERIFY(!FilterRule::conditionsFromJson(QStringLiteral("[{\"field\":"), &conditions, &error));
    QVERIFY(error.contains(QLatin1String("damaged")));
    error.clear();
    QVERIFY(!FilterRule::conditionsFromJson(QStringLiteral("{}"), &conditions, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!FilterRule::conditionsFromJson(
        QStringLiteral("[{\"field\":\"colour\",\"op\":\"is\",\"value\":\"x\"}]"), &conditions,
        &error));
    QVERIFY(!error.isEmpty());
    QList<FilterAction> actions;
    QVERIFY(!FilterRule::actionsFromJson(QStringLiteral("[{\"action\":\"explode\"}]"), &actions,
                                         &error));
    QVERIFY(!FilterRule::actionsFromJson(QStringLiteral("[1,2]"), &actions, &error));
}

void TestFilterRules::validate()
{
    FilterRule r = makeRule(QStringLiteral("ok"), QStringLiteral("x"));
    QVERIFY(r.validate().isEmpty());
    FilterRule noCond = r;
    noCond.conditions.clear();
    QVERIFY(!noCond.validate().isEmpty());
    FilterRule noAction = r;
    noAction.actions.clear();
    QVERIFY(!noAction.validate().isEmpty());
    FilterRule badRe = r;
    badRe.conditions.first().op = FilterCondition::Op::Regex;
    badRe.conditions.first().value = QStringLiteral("(unclosed");
    QVERIFY(badRe.validate().contains(QLatin1String("(unclosed")));
    FilterRule badSize = r;
    badSize.conditions = {{FilterCondition::Field::Size, QString(),
                           FilterCondition::Op::GreaterThan, QStringLiteral("big")}};
    QVERIFY(!badSize.validate().isEmpty());
    FilterRule sizeContains = r;
    sizeContains.conditions = {{FilterCondition::Field::Size, QString(),
                                FilterCondition::Op::Contains, QStringLiteral("5")}};
    QVERIFY(!sizeContains.validate().isEmpty());
    FilterRule moveNowhere = r;
    moveNowhere.actions = {{FilterAction::Kind::MoveToFolder, 0}};
    QVERIFY(!moveNowhere.validate().isEmpty());
    FilterRule noHeaderName = r;
    noHeaderName.conditions.first().field = FilterCondition::Field::Header;
    QVERIFY(!noHeaderName.validate().isEmpty());
}

void TestFilterRules::storeCrud()
{
    Store store(TestEnv::scratchDir(QStringLiteral("filterrules-crud")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY(store.filterRules().isEmpty());

    FilterRule a = makeRule(QStringLiteral("A"), QStringLiteral("alpha"));
    FilterRule b = makeRule(QStringLiteral("B"), QStringLiteral("beta"));
    b.matchAll = false;
    b.stopProcessing = true;
    b.enabled = false;
    b.actions
        = {{FilterAction::Kind::MoveToFolder, store.specialFolder(Folder::SpecialUse::Archive)},
           {FilterAction::Kind::Flag, 0}};
    FilterRule c = makeRule(QStringLiteral("C"), QStringLiteral("gamma"));
    QVERIFY2(store.insertFilterRule(a, &error), qPrintable(error));
    QVERIFY2(store.insertFilterRule(b, &error), qPrintable(error));
    QVERIFY2(store.insertFilterRule(c, &error), qPrintable(error));
    QVERIFY(a.id > 0 && b.id > 0 && c.id > 0);
    QVERIFY(a.position < b.position && b.position < c.position);

    QList<FilterRule> rules = store.filterRules();
    QCOMPARE(names(rules),
             QStringList({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));
    QCOMPARE(rules.at(1), b);
    QCOMPARE(store.filterRule(b.id).value(), b);

    b.name = QStringLiteral("B2");
    b.conditions.append({FilterCondition::Field::Header, QStringLiteral("X-Mailer"),
                         FilterCondition::Op::Is, QStringLiteral("bulk")});
    QVERIFY2(store.updateFilterRule(b, &error), qPrintable(error));
    QCOMPARE(store.filterRule(b.id).value(), b);

    QVERIFY2(store.reorderFilterRules({c.id, a.id, b.id}, &error), qPrintable(error));
    QCOMPARE(names(store.filterRules()),
             QStringList({QStringLiteral("C"), QStringLiteral("A"), QStringLiteral("B2")}));

    QVERIFY2(store.removeFilterRule(a.id, &error), qPrintable(error));
    QCOMPARE(names(store.filterRules()), QStringList({QStringLiteral("C"), QStringLiteral("B2")}));
    QVERIFY(!store.removeFilterRule(a.id, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    FilterRule gone = a;
    QVERIFY(!store.updateFilterRule(gone, &error));
    QVERIFY(!error.isEmpty());

    // A new rule goes after the last one, also after a reorder and a removal.
    FilterRule d = makeRule(QStringLiteral("D"), QStringLiteral("delta"));
    QVERIFY(store.insertFilterRule(d, &error));
    QCOMPARE(names(store.filterRules()),
             QStringList({QStringLiteral("C"), QStringLiteral("B2"), QStringLiteral("D")}));
}

void TestFilterRules::reorderRefusesStaleList()
{
    Store store(TestEnv::scratchDir(QStringLiteral("filterrules-reorder")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    FilterRule a = makeRule(QStringLiteral("A"), QStringLiteral("a"));
    FilterRule b = makeRule(QStringLiteral("B"), QStringLiteral("b"));
    QVERIFY(store.insertFilterRule(a) && store.insertFilterRule(b));
    QVERIFY(!store.reorderFilterRules({b.id}, &error)); // one missing
    QVERIFY(!error.isEmpty());
    QVERIFY(!store.reorderFilterRules({b.id, b.id}, &error)); // duplicate
    QVERIFY(!store.reorderFilterRules({b.id, 999999}, &error)); // unknown id
    QCOMPARE(names(store.filterRules()), QStringList({QStringLiteral("A"), QStringLiteral("B")}));
}

void TestFilterRules::damagedRowIsReadWithError()
{
    Store store(TestEnv::scratchDir(QStringLiteral("filterrules-damaged")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    FilterRule good = makeRule(QStringLiteral("good"), QStringLiteral("g"));
    FilterRule bad = makeRule(QStringLiteral("bad"), QStringLiteral("b"));
    QVERIFY(store.insertFilterRule(good) && store.insertFilterRule(bad));
    QSqlQuery q(store.database());
    QVERIFY(
        q.exec(QStringLiteral("UPDATE filter_rules SET conditions = '[{\"field\": ' WHERE id = ")
               + QString::number(bad.id)));
    const QList<FilterRule> rules = store.filterRules();
    QCOMPARE(rules.size(), 2);
    QVERIFY(rules.at(0).loadError.isEmpty());
    QVERIFY(!rules.at(1).loadError.isEmpty());
    QCOMPARE(rules.at(1).validate(), rules.at(1).loadError);
    // Saving it again repairs the row.
    FilterRule repaired = rules.at(1);
    repaired.conditions = {{FilterCondition::Field::Subject, QString(),
                            FilterCondition::Op::Contains, QStringLiteral("b")}};
    repaired.loadError.clear();
    QVERIFY(store.updateFilterRule(repaired, &error));
    QVERIFY(store.filterRule(bad.id)->loadError.isEmpty());
}

void TestFilterRules::spamdSettings()
{
    const QString dir = TestEnv::scratchDir(QStringLiteral("filterrules-spamd"));
    SpamdSettings changed;
    {
        Store store(dir);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(store.spamdSettings(), SpamdSettings());
        QCOMPARE(store.spamdSettings().port, quint16(783));
        QCOMPARE(store.spamdSettings().host, QStringLiteral("127.0.0.1"));
        changed.enabled = true;
        changed.host = QStringLiteral("localhost");
        changed.port = 10783;
        changed.maxSize = 123456;
        changed.timeoutMs = 5000;
        QVERIFY2(store.setSpamdSettings(changed, &error), qPrintable(error));
        QCOMPARE(store.spamdSettings(), changed);
        changed.enabled = false;
        QVERIFY(store.setSpamdSettings(changed, &error)); // overwrite
    }
    Store again(dir);
    QVERIFY(again.open(nullptr));
    QCOMPARE(again.spamdSettings(), changed);
}

void TestFilterRules::listModel()
{
    Store store(TestEnv::scratchDir(QStringLiteral("filterrules-model")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    FilterRule first = makeRule(QStringLiteral("first"), QStringLiteral("one"));
    QVERIFY(store.insertFilterRule(first));

    FilterRuleListModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);

    FilterRule second = makeRule(QStringLiteral("second"), QStringLiteral("two"));
    second.actions
        = {{FilterAction::Kind::MoveToFolder, store.specialFolder(Folder::SpecialUse::Archive)}};
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QCOMPARE(model.addRule(second, &error), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.data(model.index(1, int(FilterRuleListModel::Column::Name))).toString(),
             QStringLiteral("second"));
    QCOMPARE(model.data(model.index(1, int(FilterRuleListModel::Column::Actions))).toString(),
             QStringLiteral("Move to Archive"));
    QCOMPARE(model.data(model.index(0, int(FilterRuleListModel::Column::Conditions))).toString(),
             QStringLiteral("Subject contains \"one\""));

    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QVERIFY(model.moveRule(1, -1, &error));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(model.ruleAt(0).name, QStringLiteral("second"));
    QCOMPARE(names(store.filterRules()),
             QStringList({QStringLiteral("second"), QStringLiteral("first")}));
    QVERIFY(!model.moveRule(0, -1, &error)); // already at the top
    QVERIFY(model.moveRule(0, 1, &error));
    QCOMPARE(names(store.filterRules()),
             QStringList({QStringLiteral("first"), QStringLiteral("second")}));

    FilterRule edited = model.ruleAt(0);
    edited.enabled = false;
    QVERIFY(model.updateRule(edited, &error));
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("first (off)"));
    QVERIFY(!store.filterRule(edited.id)->enabled);

    QVERIFY(model.removeRule(0, &error));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(names(store.filterRules()), QStringList({QStringLiteral("second")}));
}

QTEST_GUILESS_MAIN(TestFilterRules)
#include "tst_filterrules.moc"
