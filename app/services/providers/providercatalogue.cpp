#include "providercatalogue.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Tributary {

namespace {

bool parseServer(const QJsonValue &value, std::optional<ProviderServer> &out, QString &error)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isObject()) {
        error = QStringLiteral("server entry is not an object");
        return false;
    }
    const QJsonObject object = value.toObject();
    ProviderServer server;
    server.host = object.value(QStringLiteral("host")).toString();
    const int port = object.value(QStringLiteral("port")).toInt(0);
    if (port <= 0 || port > 65535) {
        error = QStringLiteral("invalid port %1").arg(port);
        return false;
    }
    server.port = static_cast<quint16>(port);
    const QString security = object.value(QStringLiteral("security")).toString();
    if (security == QLatin1String("ssl"))
        server.security = Net::Security::ImplicitTls;
    else if (security == QLatin1String("starttls"))
        server.security = Net::Security::StartTls;
    else if (security == QLatin1String("none"))
        server.security = Net::Security::None;
    else {
        error = QStringLiteral("unknown security \"%1\"").arg(security);
        return false;
    }
    server.locked = object.value(QStringLiteral("locked")).toBool(false);
    out = server;
    return true;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const auto &item : array)
        list.append(item.toString());
    return list;
}

} // namespace

bool Provider::supportsPassword() const
{
    return auth.contains(QStringLiteral("password"))
        || auth.contains(QStringLiteral("app-password"));
}

ProviderCatalogue ProviderCatalogue::builtIn()
{
    QFile file(QStringLiteral(":/catalogue/providers.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        ProviderCatalogue catalogue;
        catalogue.m_error = QStringLiteral("cannot open %1").arg(file.fileName());
        return catalogue;
    }
    return fromJson(file.readAll());
}

ProviderCatalogue ProviderCatalogue::fromJson(const QByteArray &json)
{
    ProviderCatalogue catalogue;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull() || !document.isObject()) {
        catalogue.m_error = QStringLiteral("provider catalogue is not a JSON object: %1")
                                .arg(parseError.errorString());
        return catalogue;
    }
    const QJsonArray entries = document.object().value(QStringLiteral("providers")).toArray();
    QList<Provider> providers;
    for (const auto &entry : entries) {
        const QJsonObject object = entry.toObject();
        Provider provider;
        provider.id = object.value(QStringLiteral("id")).toString();
        provider.name = object.value(QStringLiteral("name")).toString();
        if (provider.id.isEmpty() || provider.name.isEmpty()) {
            catalogue.m_error = QStringLiteral("provider entry without id or name");
            return catalogue;
        }
        for (const Provider &known : std::as_const(providers)) {
            if (known.id == provider.id) {
                catalogue.m_error = QStringLiteral("duplicate provider id \"%1\"").arg(provider.id);
                return catalogue;
            }
        }
        provider.domains = stringList(object.value(QStringLiteral("domains")));
        provider.auth = stringList(object.value(QStringLiteral("auth")));
        provider.appPasswordHelp = object.value(QStringLiteral("appPasswordHelp")).toString();
        provider.oauthAgent = object.value(QStringLiteral("oauth"))
                                  .toObject()
                                  .value(QStringLiteral("agent"))
                                  .toString();
        QString error;
        if (!parseServer(object.value(QStringLiteral("imap")), provider.imap, error)
            || !parseServer(object.value(QStringLiteral("pop3")), provider.pop3, error)
            || !parseServer(object.value(QStringLiteral("smtp")), provider.smtp, error)) {
            catalogue.m_error = QStringLiteral("provider \"%1\": %2").arg(provider.id, error);
            return catalogue;
        }
        providers.append(provider);
    }
    catalogue.m_providers = providers;
    return catalogue;
}

const Provider *ProviderCatalogue::provider(const QString &id) const
{
    for (const Provider &provider : m_providers) {
        if (provider.id == id)
            return &provider;
    }
    return nullptr;
}

const Provider *ProviderCatalogue::providerForAddress(const QString &address) const
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at < 0)
        return nullptr;
    const QString domain = address.mid(at + 1).toLower();
    for (const Provider &provider : m_providers) {
        if (provider.domains.contains(domain, Qt::CaseInsensitive))
            return &provider;
    }
    return nullptr;
}

} // namespace Tributary
