#include "oauthproviders.h"

#include "app/services/settingsnames.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace Tributary::Oauth {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Tributary::Oauth", text);
}

bool isMicrosoft(const QString &providerId)
{
    return providerId == QLatin1String("microsoft365") || providerId == QLatin1String("outlook")
        || providerId == QLatin1String("exchange");
}

QString settingsPrefix(const QString &providerId)
{
    return QString(SettingsNames::oauthGroup) + QLatin1Char('/') + providerId + QLatin1Char('/');
}

} // namespace

// Build-time defaults (-DTRIBUTARY_OAUTH_CLIENT_ID_MICROSOFT=... etc.); public client ids,
// not secrets, but kept out of the source all the same.
QString buildClientId(const QString &providerId)
{
#ifdef TRIBUTARY_OAUTH_CLIENT_ID_MICROSOFT
    if (isMicrosoft(providerId))
        return QStringLiteral(TRIBUTARY_OAUTH_CLIENT_ID_MICROSOFT);
#endif
#ifdef TRIBUTARY_OAUTH_CLIENT_ID_GOOGLE
    if (providerId == QLatin1String("gmail"))
        return QStringLiteral(TRIBUTARY_OAUTH_CLIENT_ID_GOOGLE);
#endif
    Q_UNUSED(providerId);
    return QString();
}

QString missingClientIdMessage(const ProviderConfig &provider)
{
    if (!provider.clientId.isEmpty())
        return QString();
    QString vendor = provider.displayName.isEmpty() ? provider.id : provider.displayName;
    QString option;
    if (isMicrosoft(provider.id)) {
        vendor = QStringLiteral("Microsoft");
        option = QStringLiteral("TRIBUTARY_OAUTH_CLIENT_ID_MICROSOFT");
    } else if (provider.id == QLatin1String("gmail")) {
        vendor = QStringLiteral("Google");
        option = QStringLiteral("TRIBUTARY_OAUTH_CLIENT_ID_GOOGLE");
    }
    const QString setting = settingsPrefix(provider.id) + QString(SettingsNames::oauthClientIdKey);
    if (option.isEmpty())
        return tr("There is no client ID for %1; set it in the settings as %2.")
            .arg(vendor, setting);
    return tr("This build has no client ID for %1; set it in the settings as %2, or build "
              "Tributary with -D%3=<client id>.")
        .arg(vendor, setting, option);
}

ProviderConfig providerFromCatalogue(const QString &providerId, const QSettings *settings,
                                     QString *error, const QByteArray &catalogueJson)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return ProviderConfig();
    };
    QByteArray json = catalogueJson;
    if (json.isEmpty()) {
        QFile file(QStringLiteral(":/catalogue/providers.json"));
        if (!file.open(QIODevice::ReadOnly))
            return fail(tr("The provider catalogue could not be read."));
        json = file.readAll();
    }
    const QJsonArray providers
        = QJsonDocument::fromJson(json).object().value(QLatin1String("providers")).toArray();
    QJsonObject entry;
    for (const auto &v : providers) {
        if (v.toObject().value(QLatin1String("id")).toString() == providerId) {
            entry = v.toObject();
            break;
        }
    }
    if (entry.isEmpty())
        return fail(tr("There is no provider \"%1\" in the catalogue.").arg(providerId));
    const QJsonObject o = entry.value(QLatin1String("oauth")).toObject();
    if (o.isEmpty())
        return fail(tr("%1 offers no sign-in with OAuth.")
                        .arg(entry.value(QLatin1String("name")).toString()));

    const QString prefix = settingsPrefix(providerId);
    // "settingsFallback": another provider whose settings apply when this one has none.
    const QString fallbackPrefix = o.contains(QLatin1String("settingsFallback"))
        ? settingsPrefix(o.value(QLatin1String("settingsFallback")).toString())
        : QString();
    auto setting = [&](const QString &key, const QString &fallback) {
        if (!settings)
            return fallback;
        if (!fallbackPrefix.isEmpty() && !settings->contains(prefix + key))
            return settings->value(fallbackPrefix + key, fallback).toString();
        return settings->value(prefix + key, fallback).toString();
    };

    ProviderConfig p;
    p.id = providerId;
    p.displayName = entry.value(QLatin1String("name")).toString();
    p.tenant = setting(QStringLiteral("tenant"), o.value(QLatin1String("tenant")).toString());
    const QString agent
        = setting(QStringLiteral("agent"), o.value(QLatin1String("agent")).toString());
    p.agent = agent == QLatin1String("embedded") ? AgentKind::Embedded : AgentKind::SystemBrowser;
    auto url = [&](const char *key) {
        QString text = o.value(QLatin1String(key)).toString();
        text.replace(QLatin1String("{tenant}"), p.tenant);
        return QUrl(text);
    };
    p.authorizationEndpoint = url("authorizationUrl");
    p.tokenEndpoint = url("tokenUrl");
    p.deviceAuthorizationEndpoint = url("deviceAuthorizationUrl");
    p.revocationEndpoint = url("revocationUrl");
    p.redirectUri = QUrl(o.value(QLatin1String("redirectUri")).toString());
    p.adminConsentUrlTemplate = o.value(QLatin1String("adminConsentUrl")).toString();
    p.refreshTokenLifetimeDays = o.value(QLatin1String("refreshTokenLifetimeDays")).toInt();
    const QJsonArray scopes = o.value(QLatin1String("scopes")).toArray();
    for (const auto &s : scopes)
        p.scopes << s.toString();
    const QJsonObject extra = o.value(QLatin1String("extraAuthorizationParameters")).toObject();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        p.extraAuthorizationParameters.append({it.key(), it.value().toString()});
    p.clientId = setting(QString(SettingsNames::oauthClientIdKey), buildClientId(providerId));
    if (error)
        error->clear();
    return p;
}

} // namespace Tributary::Oauth
