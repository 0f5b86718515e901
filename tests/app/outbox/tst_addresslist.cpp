// AddressList: what the composer and `tributary-cli send` accept as recipients.
#include "app/services/outbox/addresslist.h"

#include <QTest>

using namespace Tributary;

class tst_AddressList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addrSpec_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("ann@example.com") << true;
        QTest::newRow("dots and plus") << QStringLiteral("ann.b+tag@mail.example.org") << true;
        QTest::newRow("quoted local") << QStringLiteral("\"ann b\"@example.com") << true;
        QTest::newRow("domain literal") << QStringLiteral("ann@[127.0.0.1]") << true;
        QTest::newRow("idn") << QStringLiteral("jörg@müller.example") << true;
        QTest::newRow("no at") << QStringLiteral("ann.example.com") << false;
        QTest::newRow("empty local") << QStringLiteral("@example.com") << false;
        QTest::newRow("empty domain") << QStringLiteral("ann@") << false;
        QTest::newRow("double dot") << QStringLiteral("ann..b@example.com") << false;
        QTest::newRow("space") << QStringLiteral("ann b@example.com") << false;
        QTest::newRow("label dash") << QStringLiteral("ann@-example.com") << false;
        QTest::newRow("two ats") << QStringLiteral("ann@b@example.com") << false;
        QTest::newRow("empty label") << QStringLiteral("ann@example..com") << false;
    }
    void addrSpec()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(AddressList::isValidAddrSpec(text), valid);
    }

    void parseList()
    {
        const AddressList list = AddressList::parse(QStringLiteral(
            "Ann Example <ann@example.com>, bob@example.org; \"Doe, Jane\" <jane@example.net>"));
        QVERIFY(list.isValid());
        QCOMPARE(list.addresses.size(), 3);
        QCOMPARE(list.addresses.at(0).name, QStringLiteral("Ann Example"));
        QCOMPARE(list.addresses.at(0).address, QStringLiteral("ann@example.com"));
        QCOMPARE(list.addresses.at(1).name, QString());
        QCOMPARE(list.addresses.at(2).name, QStringLiteral("Doe, Jane"));
        QCOMPARE(list.addrSpecs(),
                 QStringList({QStringLiteral("ann@example.com"), QStringLiteral("bob@example.org"),
                              QStringLiteral("jane@example.net")}));
    }

    void parseInvalidEntries()
    {
        const AddressList list
            = AddressList::parse(QStringLiteral("ok@example.com, not an address, x@ , <y@z.org"));
        QVERIFY(!list.isValid());
        QCOMPARE(list.addresses.size(), 1);
        QCOMPARE(list.invalid,
                 QStringList({QStringLiteral("not an address"), QStringLiteral("x@"),
                              QStringLiteral("<y@z.org")}));
    }

    void emptyAndSeparatorsOnly()
    {
        QVERIFY(AddressList::parse(QString()).isEmpty());
        QVERIFY(AddressList::parse(QStringLiteral(" , ; ")).isEmpty());
        QVERIFY(AddressList::parse(QStringLiteral(" , ; ")).isValid());
    }
};

QTEST_GUILESS_MAIN(tst_AddressList)
#include "tst_addresslist.moc"
