#pragma once

#include "command.h"

#include <QString>

namespace Tributary {
class TokenService;
}

namespace Tributary::Cli {

// OAuth sign-in shared by `oauth signin`, `retrieval add --oauth` and `smtp add --oauth`.
//
// addOauthSignInOptions() adds --device, --browser, --no-open, --client-id, --tenant,
// --ca-file and the custom-provider options (--authorization-url, --token-url, --device-url,
// --revocation-url, --scopes) to a command's parser.
//
// oauthSignIn() reads those options, signs in with the device grant (RFC 8628: the
// verification address and user code are printed, then the token endpoint is polled) or the
// system browser (loopback redirect: the authorization address is always printed, and opened
// with xdg-open unless --no-open), and saves the tokens under `account` with `tokens`.
// The prompt goes to stdout when `promptToStdout` (oauth signin, whose stdout is the
// prompt), otherwise to stderr (the add commands keep stdout for their result): the line
// "Open this address in your web browser to sign in: <URL>". With --json the prompt is one
// JSON line, {userCode, verificationUri, verificationUriComplete} for the device grant and
// {authorizationUrl} for the browser.
// Returns Ok, or UsageError/RuntimeError after printing the reason; nothing is saved then.
// `providerId` is a catalogue id or "custom". Runs its own event loop (CLI only).
void addOauthSignInOptions(QCommandLineParser &parser);
// The add commands' --oauth (described by `oauthHelp`) and --provider options, then
// addOauthSignInOptions().
void addOauthAddOptions(QCommandLineParser &parser, const QString &oauthHelp);
int oauthSignIn(CommandContext &context, TokenService &tokens, const QString &account,
                const QString &providerId, bool promptToStdout);

// Revokes and forgets the tokens saved under `account` (after a failed add). Errors are
// ignored: the keychain entry is removed even when the provider cannot be reached.
void oauthDiscardSignIn(TokenService &tokens, const QString &account);

} // namespace Tributary::Cli
