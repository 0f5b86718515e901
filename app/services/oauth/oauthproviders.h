#pragma once

#include "connectors/oauth/oauthtypes.h"

#include <QByteArray>
#include <QString>

class QSettings;

namespace Tributary::Oauth {

// The OAuth part of a provider catalogue entry (resources/catalogue/providers.json, "oauth"
// object) as a ProviderConfig, with the user's settings applied:
//   oauth/<provider>/clientId   the client id (else the build-time default of the provider,
//                               CMake option TRIBUTARY_OAUTH_CLIENT_ID_<PROVIDER>, else empty)
//   oauth/<provider>/tenant     Microsoft: common, consumers, organizations or a tenant id
//   oauth/<provider>/agent      "embedded" or "system-browser" (any provider may be switched
//                               to the system browser)
// An entry with "settingsFallback": "<other provider>" reads the other provider's setting
// where it has none of its own (Exchange over EWS: Microsoft 365's client id and tenant).
// "{tenant}" in the endpoint URLs is replaced by the tenant. Returns an invalid config (and
// sets *error) for an unknown provider or one without OAuth. `catalogueJson` empty means the
// built-in catalogue.
ProviderConfig providerFromCatalogue(const QString &providerId, const QSettings *settings,
                                     QString *error = nullptr,
                                     const QByteArray &catalogueJson = QByteArray());

// The build-time default client id of a catalogue provider (CMake options
// TRIBUTARY_OAUTH_CLIENT_ID_MICROSOFT for "microsoft365", "outlook" and "exchange",
// TRIBUTARY_OAUTH_CLIENT_ID_GOOGLE for "gmail"); empty when the build has none.
QString buildClientId(const QString &providerId);

// Empty when `provider` has a client id; otherwise the sentence a sign-in shows instead of
// starting ("This build has no client ID for Microsoft; set it in ..."), naming the setting
// oauth/<provider>/clientId and the CMake option. Call before starting a sign-in.
QString missingClientIdMessage(const ProviderConfig &provider);

} // namespace Tributary::Oauth
