// The build-time default client ids (CMake options TRIBUTARY_OAUTH_CLIENT_ID_MICROSOFT and
// TRIBUTARY_OAUTH_CLIENT_ID_GOOGLE) as the catalogue hands them out. This test compiles
// oauthproviders.cpp itself with TRIBUTARY_OAUTH_CLIENT_ID_MICROSOFT set (and the Google one
// not), as a build with only the Microsoft option would.
#include "app/services/oauth/oauthproviders.h"
#include "support/testenv.h"

#include <QSettings>
#include <QTest>

using namespace Tributary;

class TstOauthClientIds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void buildDefaultIsTheCatalogueDefault();
    void settingOverridesBuildDefault();
    void missingClientIdSaysWhatToDo();
};

void TstOauthClientIds::buildDefaultIsTheCatalogueDefault()
{
    QCOMPARE(Oauth::buildClientId(QStringLiteral("microsoft365")),
             QStringLiteral("build-time-microsoft-id"));
    QCOMPARE(Oauth::buildClientId(QStringLiteral("gmail")), QString());
    QString error;
    const Oauth::ProviderConfig ms
        = Oauth::providerFromCatalogue(QStringLiteral("microsoft365"), nullptr, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(ms.clientId, QStringLiteral("build-time-microsoft-id"));
    QVERIFY(ms.isValid());
    const Oauth::ProviderConfig outlook
        = Oauth::providerFromCatalogue(QStringLiteral("outlook"), nullptr, &error);
    QCOMPARE(outlook.clientId, QStringLiteral("build-time-microsoft-id"));
    QVERIFY(Oauth::missingClientIdMessage(outlook).isEmpty());
    const Oauth::ProviderConfig google
        = Oauth::providerFromCatalogue(QStringLiteral("gmail"), nullptr, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(google.clientId.isEmpty());
    QVERIFY(!google.isValid());
}

void TstOauthClientIds::settingOverridesBuildDefault()
{
    const QString dir = TestEnv::scratchDir(QStringLiteral("tst_oauthclientids"));
    QSettings settings(dir + QStringLiteral("/settings.ini"), QSettings::IniFormat);
    settings.setValue(QStringLiteral("oauth/microsoft365/clientId"), QStringLiteral("users-own"));
    settings.setValue(QStringLiteral("oauth/gmail/clientId"),
                      QStringLiteral("google-from-setting"));
    QCOMPARE(Oauth::providerFromCatalogue(QStringLiteral("microsoft365"), &settings).clientId,
             QStringLiteral("users-own"));
    QCOMPARE(Oauth::providerFromCatalogue(QStringLiteral("outlook"), &settings).clientId,
             QStringLiteral("build-time-microsoft-id"));
    QCOMPARE(Oauth::providerFromCatalogue(QStringLiteral("gmail"), &settings).clientId,
             QStringLiteral("google-from-setting"));
}

void TstOauthClientIds::missingClientIdSaysWhatToDo()
{
    const Oauth::ProviderConfig google
        = Oauth::providerFromCatalogue(QStringLiteral("gmail"), nullptr);
    const QString message = Oauth::missingClientIdMessage(google);
    QCOMPARE(message,
             QStringLiteral("This build has no client ID for Google; set it in the settings as "
                            "oauth/gmail/clientId, or build Tributary with "
                            "-DTRIBUTARY_OAUTH_CLIENT_ID_GOOGLE=<client id>."));
    Oauth::ProviderConfig ms
        = Oauth::providerFromCatalogue(QStringLiteral("microsoft365"), nullptr);
    ms.clientId.clear();
    QVERIFY(Oauth::missingClientIdMessage(ms).startsWith(
        QStringLiteral("This build has no client ID for Microsoft;")));
}

QTEST_GUILESS_MAIN(TstOauthClientIds)
#include "tst_oauthclientids.moc"
