#pragma once

#include <QLatin1StringView>

// Every key of the profile's settings file (Profile::settingsFile(), IniFormat), in one
// place. Settings hold preferences and bookkeeping only: never a password or token.
namespace Tributary::SettingsNames {

// Main window
inline constexpr QLatin1StringView windowGeometry {"window/geometry"};
inline constexpr QLatin1StringView windowState {"window/state"};
inline constexpr QLatin1StringView lastPage {"window/lastPage"};
inline constexpr QLatin1StringView mailSplitterState {"window/mailSplitterState"};

// Activity log
inline constexpr QLatin1StringView captureWarnings {"log/captureWarnings"};
inline constexpr QLatin1StringView logDebugMessages {"log/debugMessages"};

// Secrets: the key index (which secrets exist for which account; the secrets themselves
// live only in the system keychain). A group holding one key per account UUID whose value
// is the list of SecretKind names stored for it.
inline constexpr QLatin1StringView secretIndexGroup {"secrets/index"};
inline constexpr QLatin1StringView secretTimeoutMs {"secrets/timeoutMs"};

// Retrieval
inline constexpr QLatin1StringView retrievalIntervalMinutes {"retrieval/intervalMinutes"};
inline constexpr QLatin1StringView retrievalAutoRun {"retrieval/autoRun"};

// OAuth client registrations per provider, "oauth/<provider>/clientId".
inline constexpr QLatin1StringView oauthGroup {"oauth"};
inline constexpr QLatin1StringView oauthClientIdKey {"clientId"};
inline constexpr QLatin1StringView oauthRedirectPortKey {"redirectPort"};

// OAuth token bookkeeping per account, "oauthTokens/<accountUuid>/..." (TokenService): the
// provider's endpoints, client id, scopes, expiry and refresh dates. Never a token.
inline constexpr QLatin1StringView oauthTokensGroup {"oauthTokens"};

} // namespace Tributary::SettingsNames
