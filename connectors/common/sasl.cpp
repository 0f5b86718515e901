#include "sasl.h"

namespace Tributary::Net::Sasl {

QByteArray mechanismName(Mechanism mechanism)
{
    switch (mechanism) {
    case Mechanism::None:
        return QByteArray();
    case Mechanism::Plain:
        return QByteArrayLiteral("PLAIN");
    case Mechanism::Login:
        return QByteArrayLiteral("LOGIN");
    case Mechanism::XOAuth2:
        return QByteArrayLiteral("XOAUTH2");
    case Mechanism::OAuthBearer:
        return QByteArrayLiteral("OAUTHBEARER");
    }
    return QByteArray();
}

Mechanism mechanismFromName(const QByteArray &name)
{
    const QByteArray upper = name.trimmed().toUpper();
    if (upper == "PLAIN")
        return Mechanism::Plain;
    if (upper == "LOGIN")
        return Mechanism::Login;
    if (upper == "XOAUTH2")
        return Mechanism::XOAuth2;
    if (upper == "OAUTHBEARER")
        return Mechanism::OAuthBearer;
    return Mechanism::None;
}

static bool usable(Mechanism m, const Credentials &c)
{
    switch (m) {
    case Mechanism::None:
        return false;
    case Mechanism::Plain:
    case Mechanism::Login:
        return !c.password.isEmpty() || (!c.user.isEmpty() && c.accessToken.isEmpty());
    case Mechanism::XOAuth2:
    case Mechanism::OAuthBearer:
        return c.hasToken();
    }
    return false;
}

Mechanism choose(const QList<QByteArray> &offered, const Credentials &credentials,
                 Mechanism preferred)
{
    QList<Mechanism> available;
    for (const QByteArray &name : offered) {
        const Mechanism m = mechanismFromName(name);
        if (m != Mechanism::None)
            available.append(m);
    }
    if (preferred != Mechanism::None && available.contains(preferred)
        && usable(preferred, credentials))
        return preferred;
    const Mechanism order[]
        = {Mechanism::OAuthBearer, Mechanism::XOAuth2, Mechanism::Plain, Mechanism::Login};
    for (const Mechanism m : order) {
        if (available.contains(m) && usable(m, credentials))
            return m;
    }
    return Mechanism::None;
}

QByteArray plainMessage(const QString &authzid, const QString &user, const QString &password)
{
    QByteArray out = authzid.toUtf8();
    out.append('\0');
    out.append(user.toUtf8());
    out.append('\0');
    out.append(password.toUtf8());
    return out;
}

QByteArray xoauth2Message(const QString &user, const QString &token)
{
    QByteArray out = QByteArrayLiteral("user=");
    out.append(user.toUtf8());
    out.append('\x01');
    out.append("auth=Bearer ");
    out.append(token.toUtf8());
    out.append("\x01\x01");
    return out;
}

// RFC 5801 saslname: ',' and '=' in the authorization identity are escaped.
static QByteArray saslName(const QString &user)
{
    QByteArray out;
    for (const char c : user.toUtf8()) {
        if (c == ',')
            out.append("=2C");
        else if (c == '=')
            out.append("=3D");
        else
            out.append(c);
    }
    return out;
}

QByteArray oauthBearerMessage(const QString &user, const QString &host, quint16 port,
                              const QString &token)
{
    QByteArray out = QByteArrayLiteral("n,");
    if (!user.isEmpty()) {
        out.append("a=");
        out.append(saslName(user));
    }
    out.append(",\x01");
    if (!host.isEmpty()) {
        out.append("host=");
        out.append(host.toUtf8());
        out.append('\x01');
    }
    if (port != 0) {
        out.append("port=");
        out.append(QByteArray::number(port));
        out.append('\x01');
    }
    out.append("auth=Bearer ");
    out.append(token.toUtf8());
    out.append("\x01\x01");
    return out;
}

Client::Client(Mechanism mechanism, const Credentials &credentials, const QString &host,
               quint16 port)
    : m_mechanism(mechanism)
    , m_credentials(credentials)
    , m_host(host)
    , m_port(port)
{
}

bool Client::hasInitialResponse() const
{
    return m_mechanism == Mechanism::Plain || m_mechanism == Mechanism::XOAuth2
        || m_mechanism == Mechanism::OAuthBearer;
}

QByteArray Client::firstMessage() const
{
    switch (m_mechanism) {
    case Mechanism::Plain:
        return plainMessage(m_credentials.authorizationId, m_credentials.user,
                            m_credentials.password);
    case Mechanism::XOAuth2:
        return xoauth2Message(m_credentials.user, m_credentials.accessToken);
    case Mechanism::OAuthBearer:
        return oauthBearerMessage(m_credentials.user, m_host, m_port, m_credentials.accessToken);
    case Mechanism::Login:
    case Mechanism::None:
        break;
    }
    return QByteArray();
}

QByteArray Client::takeInitialResponse()
{
    m_initialSent = true;
    const QByteArray message = firstMessage();
    return message.isEmpty() ? QByteArrayLiteral("=") : message.toBase64();
}

QByteArray Client::respond(const QByteArray &challengeBase64)
{
    const QByteArray challenge = QByteArray::fromBase64(challengeBase64.trimmed());
    switch (m_mechanism) {
    case Mechanism::Login: {
        // RFC-less LOGIN: first challenge asks for the user name, the second for the
        // password, whatever the prompt text says.
        const int step = m_loginStep++;
        if (step == 0)
            return m_credentials.user.toUtf8().toBase64();
        if (step == 1)
            return m_credentials.password.toUtf8().toBase64();
        return QByteArray(); // unexpected further challenge: empty answer, server will fail
    }
    case Mechanism::Plain:
        if (!m_initialSent) {
            m_initialSent = true;
            return firstMessage().toBase64();
        }
        return QByteArray();
    case Mechanism::XOAuth2:
        if (!m_initialSent) {
            m_initialSent = true;
            return firstMessage().toBase64();
        }
        m_errorJson = challenge;
        return QByteArray(); // the empty line that ends a failed XOAUTH2 exchange
    case Mechanism::OAuthBearer:
        if (!m_initialSent) {
            m_initialSent = true;
            return firstMessage().toBase64();
        }
        m_errorJson = challenge;
        return QByteArrayLiteral("AQ=="); // RFC 7628 §3.2.3: %x01 ends a failed exchange
    case Mechanism::None:
        break;
    }
    return QByteArray();
}

} // namespace Tributary::Net::Sasl
