#include "app/services/filtering/contentfilter.h"
#include "models/messagerecord.h"

#include <QTest>

using namespace Tributary;

namespace {

const QByteArray kMessage = "Return-Path: <news@shop.example>\r\n"
                            "From: =?UTF-8?Q?J=C3=BCrgen_Shop?= <news@shop.example>\r\n"
                            "To: Alice <alice@example.org>\r\n"
                            "Cc: bob@example.org\r\n"
                            "Subject: Weekly offer: 50% off\r\n"
                            "List-Id: Shop news <news.shop.example>\r\n"
                            "X-Mailer: BulkMail\r\n"
                            "X-Tag: first\r\n"
                            "X-Tag: second\r\n"
                            "  folded\r\n"
                            "\r\n"
                            "Subject: not a header, this is the body\r\n";

FilterCondition cond(FilterCondition::Field field, FilterCondition::Op op, const QString &value,
                     const QString &header = QString())
{
    return {field, header, op, value};
}

FilterRule rule(const QString &name, const QList<FilterCondition> &conditions,
                const QList<FilterAction> &actions, bool matchAll = true, bool stop = false)
{
    FilterRule r;
    r.name = name;
    r.conditions = conditions;
    r.actions = actions;
    r.matchAll = matchAll;
    r.stopProcessing = stop;
    return r;
}

const FilterAction kRead {FilterAction::Kind::MarkRead, 0};
const FilterAction kFlag {FilterAction::Kind::Flag, 0};
const FilterAction kDelete {FilterAction::Kind::Delete, 0};
FilterAction moveTo(qint64 id)
{
    return {FilterAction::Kind::MoveToFolder, id};
}

} // namespace

class TestContentFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void input();
    void conditions_data();
    void conditions();
    void matchAllAndAny();
    void actionsAddUp();
    void stopProcessing();
    void orderDecidesTheFolder();
    void disabledAndBrokenRulesAreSkipped();
    void noHeaderSection();
};

void TestContentFilter::input()
{
    const FilterInput in = FilterInput::fromMessage(kMessage);
    QCOMPARE(in.size, kMessage.size());
    QCOMPARE(in.values("from"),
             QStringList({QString::fromUtf8("Jürgen Shop <news@shop.example>")}));
    QCOMPARE(in.values("X-TAG"),
             QStringList({QStringLiteral("first"), QStringLiteral("second folded")}));
    QCOMPARE(in.values("subject"), QStringList({QStringLiteral("Weekly offer: 50% off")}));
}

void TestContentFilter::conditions_data()
{
    QTest::addColumn<FilterCondition>("condition");
    QTest::addColumn<bool>("expected");
    using F = FilterCondition::Field;
    using O = FilterCondition::Op;
    QTest::newRow("from contains")
        << cond(F::From, O::Contains, QStringLiteral("SHOP.example")) << true;
    QTest::newRow("from contains decoded name")
        << cond(F::From, O::Contains, QString::fromUtf8("jürgen")) << true;
    QTest::newRow("from contains no")
        << cond(F::From, O::Contains, QStringLiteral("bank")) << false;
    QTest::newRow("from not contains")
        << cond(F::From, O::NotContains, QStringLiteral("bank")) << true;
    QTest::newRow("from not contains no")
        << cond(F::From, O::NotContains, QStringLiteral("shop")) << false;
    QTest::newRow("to contains cc") << cond(F::To, O::Contains, QStringLiteral("bob@")) << true;
    QTest::newRow("to is") << cond(F::To, O::Is, QStringLiteral("alice <ALICE@example.org>"))
                           << true;
    QTest::newRow("to is partial") << cond(F::To, O::Is, QStringLiteral("alice")) << false;
    QTest::newRow("subject is") << cond(F::Subject, O::Is, QStringLiteral("weekly offer: 50% off"))
                                << true;
    QTest::newRow("subject wildcard")
        << cond(F::Subject, O::Wildcard, QStringLiteral("weekly*off")) << true;
    QTest::newRow("subject wildcard ?")
        << cond(F::Subject, O::Wildcard, QStringLiteral("Weekly offe?: 5?% off")) << true;
    QTest::newRow("subject wildcard whole")
        << cond(F::Subject, O::Wildcard, QStringLiteral("offer*")) << false;
    QTest::newRow("subject regex")
        << cond(F::Subject, O::Regex, QStringLiteral("\\d+% OFF$")) << true;
    QTest::newRow("subject regex no")
        << cond(F::Subject, O::Regex, QStringLiteral("^off")) << false;
    QTest::newRow("subject body line ignored")
        << cond(F::Subject, O::Contains, QStringLiteral("body")) << false;
    QTest::newRow("header is") << cond(F::Header, O::Is, QStringLiteral("bulkmail"),
                                       QStringLiteral("x-mailer"))
                               << true;
    QTest::newRow("header any occurrence")
        << cond(F::Header, O::Is, QStringLiteral("second folded"), QStringLiteral("X-Tag")) << true;
    QTest::newRow("header list-id")
        << cond(F::Header, O::Contains, QStringLiteral("news.shop"), QStringLiteral("List-Id"))
        << true;
    QTest::newRow("header absent contains")
        << cond(F::Header, O::Contains, QStringLiteral("x"), QStringLiteral("X-None")) << false;
    QTest::newRow("header absent not contains")
        << cond(F::Header, O::NotContains, QStringLiteral("x"), QStringLiteral("X-None")) << true;
    QTest::newRow("size greater") << cond(F::Size, O::GreaterThan, QStringLiteral("100")) << true;
    QTest::newRow("size greater no")
        << cond(F::Size, O::GreaterThan, QString::number(kMessage.size())) << false;
    QTest::newRow("size less") << cond(F::Size, O::LessThan, QStringLiteral("100000")) << true;
    QTest::newRow("size less no") << cond(F::Size, O::LessThan, QStringLiteral("10")) << false;
    QTest::newRow("size not a number")
        << cond(F::Size, O::LessThan, QStringLiteral("many")) << false;
}

void TestContentFilter::conditions()
{
    QFETCH(FilterCondition, condition);
    QFETCH(bool, expected);
    QCOMPARE(ContentFilter::matches(condition, FilterInput::fromMessage(kMessage)), expected);
}

void TestContentFilter::matchAllAndAny()
{
    const FilterInput in = FilterInput::fromMessage(kMessage);
    const QList<FilterCondition> mixed = {
        cond(FilterCondition::Field::Subject, FilterCondition::Op::Contains,
             QStringLiteral("offer")),
        cond(FilterCondition::Field::From, FilterCondition::Op::Contains, QStringLiteral("bank")),
    };
    QVERIFY(!ContentFilter::matches(rule(QStringLiteral("all"), mixed, {kRead}, true), in));
    QVERIFY(ContentFilter::matches(rule(QStringLiteral("any"), mixed, {kRead}, false), in));
    const QList<FilterCondition> none = {mixed.at(1), mixed.at(1)};
    QVERIFY(!ContentFilter::matches(rule(QStringLiteral("any none"), none, {kRead}, false), in));
    const QList<FilterCondition> both = {mixed.at(0), mixed.at(0)};
    QVERIFY(ContentFilter::matches(rule(QStringLiteral("all both"), both, {kRead}, true), in));
}

void TestContentFilter::actionsAddUp()
{
    const auto offer = cond(FilterCondition::Field::Subject, FilterCondition::Op::Contains,
                            QStringLiteral("offer"));
    ContentFilter filter({rule(QStringLiteral("read"), {offer}, {kRead}),
                          rule(QStringLiteral("flag+move"), {offer}, {kFlag, moveTo(7)})});
    const FilterDecision d = filter.evaluate(FilterInput::fromMessage(kMessage));
    QCOMPARE(d.addFlags, int(MessageRecord::Seen | MessageRecord::Flagged));
    QCOMPARE(d.folderId, 7);
    QVERIFY(!d.toDeleted);
    QCOMPARE(d.matchedRules, QStringList({QStringLiteral("read"), QStringLiteral("flag+move")}));

    ContentFilter deleting({rule(QStringLiteral("move"), {offer}, {moveTo(7)}),
                            rule(QStringLiteral("delete"), {offer}, {kDelete})});
    const FilterDecision del = deleting.evaluate(FilterInput::fromMessage(kMessage));
    QVERIFY(del.toDeleted);
    QVERIFY(!del.isEmpty());

    const auto never = cond(FilterCondition::Field::Subject, FilterCondition::Op::Contains,
                            QStringLiteral("invoice"));
    ContentFilter nothing({rule(QStringLiteral("no"), {never}, {kDelete})});
    QVERIFY(nothing.evaluate(FilterInput::fromMessage(kMessage)).isEmpty());
}

void TestContentFilter::stopProcessing()
{
    const auto offer = cond(FilterCondition::Field::Subject, FilterCondition::Op::Contains,
                            QStringLiteral("offer"));
    ContentFilter filter({rule(QStringLiteral("first"), {offer}, {kRead}, true, true),
                          rule(QStringLiteral("second"), {offer}, {kDelete})});
    const FilterDecision d = filter.evaluate(FilterInput::fromMessage(kMessage));
    QCOMPARE(d.matchedRules, QStringList({QStringLiteral("first")}));
    QVERIFY(!d.toDeleted);
    QCOMPARE(d.addFlags, int(MessageRecord::Seen));

    // A stopping rule that does not match does not stop anything.
    const auto never = cond(FilterCondition::Field::Subject, FilterCondition::Op::Contains,
                            QStringLiteral("invoice"));
    ContentFilter later({rule(QStringLiteral("stop?"), {never}, {kRead}, true, true),
                         rule(QStringLiteral("flag"), {offer}, {kFlag})});
    QCOMPARE(later.evaluate(FilterInput::fromMessage(kMessage)).addFlags,
             int(MessageRecord::Flagged));
}

void TestContentFilter::orderDecidesTheFolder()
{
    const auto offer = cond(FilterCondition::Field::Subject, FilterCondition::Op::Contains,
                            QStringLiteral("offer"));
    ContentFilter ab({rule(QStringLiteral("a"), {offer}, {moveTo(1)}),
                      rule(QStringLiteral("b"), {offer}, {moveTo(2)})});
    ContentFilter ba({rule(QStringLiteral("b"), {offer}, {moveTo(2)}),
                      rule(QStringLiteral("a"), {offer}, {moveTo(1)})});
    QCOMPARE(ab.evaluate(FilterInput::fromMessage(kMessage)).folderId, 2);
    QCOMPARE(ba.evaluate(FilterInput::fromMessage(kMessage)).folderId, 1);
}

void TestContentFilter::disabledAndBrokenRulesAreSkipped()
{
    const auto offer = cond(FilterCondition::Field::Subject, FilterCondition::Op::Contains,
                            QStringLiteral("offer"));
    FilterRule off = rule(QStringLiteral("off"), {offer}, {kDelete});
    off.enabled = false;
    FilterRule damaged = rule(QStringLiteral("damaged"), {offer}, {kDelete});
    damaged.loadError = QStringLiteral("The stored rule is damaged (unterminated object).");
    FilterRule badRegex = rule(QStringLiteral("regex"),
                               {cond(FilterCondition::Field::Subject, FilterCondition::Op::Regex,
                                     QStringLiteral("(offer"))},
                               {kDelete});
    ContentFilter filter({off, damaged, badRegex, rule(QStringLiteral("flag"), {offer}, {kFlag})});
    QCOMPARE(filter.rules().size(), 1);
    QCOMPARE(filter.ruleErrors().size(), 2);
    QVERIFY(filter.ruleErrors().at(0).startsWith(QLatin1String("damaged: ")));
    QVERIFY(filter.ruleErrors().at(1).startsWith(QLatin1String("regex: ")));
    const FilterDecision d = filter.evaluate(FilterInput::fromMessage(kMessage));
    QVERIFY(!d.toDeleted);
    QCOMPARE(d.addFlags, int(MessageRecord::Flagged));
}

void TestContentFilter::noHeaderSection()
{
    const FilterInput in = FilterInput::fromMessage("\r\nSubject: body only\r\n");
    QVERIFY(in.headers.isEmpty());
    QVERIFY(FilterInput::fromMessage(QByteArray()).headers.isEmpty());
    QVERIFY(!ContentFilter::matches(cond(FilterCondition::Field::Subject,
                                         FilterCondition::Op::Contains, QStringLiteral("body")),
                                    in));
}

QTEST_GUILESS_MAIN(TestContentFilter)
#include "tst_contentfilter.moc"
