#include "app/services/providers/providercatalogue.h"

#include <QTest>

using namespace Tributary;

class TestProviderCatalogue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void builtInLoads();
    void gmailSettings();
    void microsoftNeedsOAuth();
    void genericEntries();
    void lookupByAddress();
    void badJsonFails_data();
    void badJsonFails();
};

void TestProviderCatalogue::builtInLoads()
{
    const ProviderCatalogue catalogue = ProviderCatalogue::builtIn();
    QVERIFY2(catalogue.isValid(), qPrintable(catalogue.errorString()));
    QVERIFY(catalogue.providers().size() >= 9);
    for (const char *id : {"gmail", "yahoo", "outlook", "microsoft365", "icloud", "aol", "zoho",
                           "other-pop", "other-imap"})
        QVERIFY2(catalogue.provider(QLatin1String(id)), id);
    QCOMPARE(catalogue.provider(QStringLiteral("no-such-provider")), nullptr);
}

void TestProviderCatalogue::gmailSettings()
{
    const ProviderCatalogue catalogue = ProviderCatalogue::builtIn();
    const Provider *gmail = catalogue.provider(QStringLiteral("gmail"));
    QVERIFY(gmail);
    QCOMPARE(gmail->name, QStringLiteral("Gmail"));
    QVERIFY(gmail->imap.has_value());
    QCOMPARE(gmail->imap->host, QStringLiteral("imap.gmail.com"));
    QCOMPARE(gmail->imap->port, quint16(993));
    QCOMPARE(gmail->imap->security, Net::Security::ImplicitTls);
    QVERIFY(gmail->pop3.has_value());
    QCOMPARE(gmail->pop3->port, quint16(995));
    QCOMPARE(gmail->smtp->port, quint16(465));
    QVERIFY(gmail->appPasswordHelp.contains(QStringLiteral("app password")));
    QVERIFY(gmail->supportsPassword());
    QCOMPARE(gmail->oauthAgent, QStringLiteral("system-browser"));

    const Provider *icloud = catalogue.provider(QStringLiteral("icloud"));
    QVERIFY(icloud);
    QVERIFY(!icloud->pop3.has_value());
    QCOMPARE(icloud->smtp->security, Net::Security::StartTls);
}

void TestProviderCatalogue::microsoftNeedsOAuth()
{
    const ProviderCatalogue catalogue = ProviderCatalogue::builtIn();
    for (const char *id : {"outlook", "microsoft365"}) {
        const Provider *provider = catalogue.provider(QLatin1String(id));
        QVERIFY(provider);
        QVERIFY(provider->requiresOAuth());
        QVERIFY(provider->imap->locked);
        QCOMPARE(provider->oauthAgent, QStringLiteral("embedded"));
    }
    QVERIFY(!catalogue.provider(QStringLiteral("gmail"))->requiresOAuth());
}

void TestProviderCatalogue::genericEntries()
{
    const ProviderCatalogue catalogue = ProviderCatalogue::builtIn();
    const Provider *pop = catalogue.provider(QStringLiteral("other-pop"));
    QVERIFY(pop && pop->pop3 && !pop->imap);
    QVERIFY(pop->pop3->host.isEmpty());
    QCOMPARE(pop->pop3->port, quint16(110));
    QCOMPARE(pop->pop3->security, Net::Security::None);
    const Provider *imap = catalogue.provider(QStringLiteral("other-imap"));
    QVERIFY(imap && imap->imap && !imap->pop3);
    QCOMPARE(imap->imap->port, quint16(143));
}

void TestProviderCatalogue::lookupByAddress()
{
    const ProviderCatalogue catalogue = ProviderCatalogue::builtIn();
    const Provider *p = catalogue.providerForAddress(QStringLiteral("Someone@GoogleMail.com"));
    QVERIFY(p);
    QCOMPARE(p->id, QStringLiteral("gmail"));
    QCOMPARE(catalogue.providerForAddress(QStringLiteral("x@example.org")), nullptr);
    QCOMPARE(catalogue.providerForAddress(QStringLiteral("no-at-sign")), nullptr);
}

void TestProviderCatalogue::badJsonFails_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not json") << QByteArray("{nope");
    QTest::newRow("no id") << QByteArray(R"({"providers":[{"name":"X"}]})");
    QTest::newRow("bad security") << QByteArray(
        R"({"providers":[{"id":"x","name":"X","imap":{"port":1,"security":"maybe"}}]})");
    QTest::newRow("bad port") << QByteArray(
        R"({"providers":[{"id":"x","name":"X","pop3":{"port":70000,"security":"ssl"}}]})");
    QTest::newRow("duplicate") << QByteArray(
        R"({"providers":[{"id":"x","name":"X"},{"id":"x","name":"Y"}]})");
}

void TestProviderCatalogue::badJsonFails()
{
    QFETCH(QByteArray, json);
    const ProviderCatalogue catalogue = ProviderCatalogue::fromJson(json);
    QVERIFY(!catalogue.isValid());
    QVERIFY(!catalogue.errorString().isEmpty());
    QVERIFY(catalogue.providers().isEmpty());
}

QTEST_GUILESS_MAIN(TestProviderCatalogue)
#include "tst_providercatalogue.moc"
