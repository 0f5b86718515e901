#pragma once

#include "connectors/common/endpoint.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Tributary {

// Server settings of one protocol of a provider, as the catalogue lists them.
struct ProviderServer
{
    QString host; // empty: the user types it (generic entries)
    quint16 port = 0;
    Net::Security security = Net::Security::ImplicitTls;
    bool locked = false; // host/port/security must not be changed by the user
};

// One entry of resources/catalogue/providers.json.
struct Provider
{
    QString id; // "gmail", "other-imap", ...
    QString name; // "Gmail" (a product name: not translated)
    QStringList domains;
    std::optional<ProviderServer> imap;
    std::optional<ProviderServer> pop3;
    std::optional<ProviderServer> smtp;
    QStringList auth; // "password", "app-password", "oauth"
    QString appPasswordHelp; // English help text; empty when none
    QString oauthAgent; // "system-browser", "embedded" or empty (no OAuth)

    bool supportsPassword() const;
    bool requiresOAuth() const
    {
        return !supportsPassword() && auth.contains(QStringLiteral("oauth"));
    }
};

// The provider catalogue: read once from JSON into value types.
//   ProviderCatalogue c = ProviderCatalogue::builtIn();  // :/catalogue/providers.json
//   if (const Provider *p = c.provider(QStringLiteral("gmail"))) ...
// A catalogue that failed to load is empty and errorString() says why. Entries keep the
// file's order. "security" maps "ssl" -> ImplicitTls, "starttls" -> StartTls,
// "none" -> None; an unknown value fails the load.
class ProviderCatalogue
{
public:
    static ProviderCatalogue builtIn();
    static ProviderCatalogue fromJson(const QByteArray &json);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    const QList<Provider> &providers() const { return m_providers; }
    // nullptr when there is no such id. The pointer stays valid while the catalogue lives.
    const Provider *provider(const QString &id) const;
    // The provider whose "domains" contain the address's domain (case-insensitive).
    const Provider *providerForAddress(const QString &address) const;

private:
    QList<Provider> m_providers;
    QString m_error;
};

} // namespace Tributary
