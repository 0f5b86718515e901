#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// SASL client helpers shared by SMTP (RFC 4954), POP3 (RFC 5034) and IMAP (RFC 3501/4959).
// Credentials are always passed in by the caller; nothing here reads a keychain or a file.
// Nothing here logs: the secret-carrying lines these helpers produce must be logged by the
// caller as redacted (Connection::writeLine with Sensitive).
namespace Tributary::Net::Sasl {

enum class Mechanism { None, Plain, Login, XOAuth2, OAuthBearer };

// "PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER" (empty for None).
QByteArray mechanismName(Mechanism mechanism);
// Case-insensitive; None for anything else.
Mechanism mechanismFromName(const QByteArray &name);

struct Credentials
{
    QString user;
    QString password; // for PLAIN / LOGIN
    QString accessToken; // OAuth 2 bearer token for XOAUTH2 / OAUTHBEARER
    QString authorizationId; // PLAIN authzid; normally empty

    bool isEmpty() const { return user.isEmpty() && password.isEmpty() && accessToken.isEmpty(); }
    bool hasToken() const { return !accessToken.isEmpty(); }
};

// The mechanism to use among `offered` (names as the server lists them) for these
// credentials. `preferred` wins when offered and usable. With a token: OAUTHBEARER, then
// XOAUTH2. With a password: PLAIN, then LOGIN. None when nothing fits.
Mechanism choose(const QList<QByteArray> &offered, const Credentials &credentials,
                 Mechanism preferred = Mechanism::None);

// The raw (not base64) client messages.
// PLAIN (RFC 4616): authzid NUL user NUL password.
QByteArray plainMessage(const QString &authzid, const QString &user, const QString &password);
// XOAUTH2 (Google/Microsoft): "user=U^Aauth=Bearer T^A^A".
QByteArray xoauth2Message(const QString &user, const QString &token);
// OAUTHBEARER (RFC 7628 §3.1): "n,a=U,^Ahost=H^Aport=P^Aauth=Bearer T^A^A".
QByteArray oauthBearerMessage(const QString &user, const QString &host, quint16 port,
                              const QString &token);

// One SASL exchange on the client side. Not a QObject; the protocol session drives it:
//   if (client.hasInitialResponse() && serverTakesInitialResponse)
//       send "AUTH MECH " + client.takeInitialResponse()
//   else send "AUTH MECH"
//   for every server challenge (the base64 text after "334 " / "+ "):
//       send client.respond(challenge)
// All returned lines are base64 (an empty initial response is "=", RFC 4954 §4).
// OAuth error challenges: after the token was sent, a challenge carries the server's JSON
// error; respond() answers it as the mechanism requires (XOAUTH2: empty line; OAUTHBEARER:
// "AQ==", base64 of 0x01) so the server ends with its failure reply. errorJson() keeps it.
class Client
{
public:
    Client() = default;
    Client(Mechanism mechanism, const Credentials &credentials, const QString &host = QString(),
           quint16 port = 0);

    Mechanism mechanism() const { return m_mechanism; }
    // PLAIN, XOAUTH2 and OAUTHBEARER start with a client message; LOGIN does not.
    bool hasInitialResponse() const;
    // Base64 of the first client message; marks it as sent.
    QByteArray takeInitialResponse();
    // The answer to one challenge (base64 in, base64 out).
    QByteArray respond(const QByteArray &challengeBase64);
    // The decoded error JSON an OAuth server sent as a challenge; empty if none.
    QByteArray errorJson() const { return m_errorJson; }

private:
    QByteArray firstMessage() const;

    Mechanism m_mechanism = Mechanism::None;
    Credentials m_credentials;
    QString m_host;
    quint16 m_port = 0;
    bool m_initialSent = false;
    int m_loginStep = 0;
    QByteArray m_errorJson;
};

} // namespace Tributary::Net::Sasl
