#include "imapauthjobs.h"

#include "imapsession.h"

#include "connectors/common/connection.h"

namespace Tributary::Imap {

namespace {

// Text that can travel as a quoted string (RFC 3501 quoted: 7-bit, no CR/LF/NUL).
bool quotable(const QByteArray &text)
{
    for (char c : text) {
        const auto uc = static_cast<unsigned char>(c);
        if (uc == 0 || uc == '\r' || uc == '\n' || uc > 0x7f)
            return false;
    }
    return true;
}

} // namespace

void CapabilityJob::run()
{
    session()->sendCommand(this, "CAPABILITY");
}

bool CapabilityJob::handleUntagged(Response &response)
{
    if (response.type != Response::Type::Capability)
        return false;
    m_capabilities = response.list;
    return true;
}

void CapabilityJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("CAPABILITY"));
    if (m_capabilities.isEmpty())
        m_capabilities = session()->capabilities();
    finishSuccess();
}

bool SignInJob::canSignIn(const QString &step)
{
    Session *s = session();
    if (s->state() != Session::State::NotAuthenticated) {
        finishWithError(s->makeError(Net::Error::Kind::Command, step, tr("Already logged in.")));
        return false;
    }
    if (s->endpoint().security != Net::Security::None && !s->isEncrypted()) {
        finishWithError(s->makeError(Net::Error::Kind::TlsNotOffered, step));
        return false;
    }
    return true;
}

void SignInJob::handleSignInReply(Response &response, const QByteArray &tag, const QString &step)
{
    if (response.tag != tag) {
        finishSuccess(); // the CAPABILITY that followed; failing it does not undo the sign-in
        return;
    }
    if (response.status != Status::Ok)
        return finishWithReply(response, step, Net::Error::Kind::Authentication);
    session()->setState(Session::State::Authenticated);
    if (response.code.name == "CAPABILITY") {
        finishSuccess();
    } else {
        // Capabilities change after signing in (RFC 3501 6.2.3): learn the new ones.
        session()->setCapabilities({});
        session()->sendCommand(this, "CAPABILITY");
    }
}

Net::Error LoginJob::validate() const
{
    if (m_user.isEmpty())
        return Net::Error(Net::Error::Kind::Authentication, tr("LOGIN"), tr("No user name given."));
    return {};
}

void LoginJob::run()
{
    if (!canSignIn(tr("LOGIN")))
        return;
    Session *s = session();
    if (s->hasCapability("LOGINDISABLED")) {
        Net::Error e = s->makeError(
            Net::Error::Kind::Authentication, tr("LOGIN"),
            tr("The server does not accept LOGIN on this connection (LOGINDISABLED)."));
        e.hint = tr(
            "The server refuses passwords on an unencrypted connection. Use STARTTLS or SSL/TLS.");
        finishWithError(e);
        return;
    }
    const QByteArray user = m_user.toUtf8();
    const QByteArray password = m_password.toUtf8();
    if (quotable(user) && quotable(password)) {
        m_loginTag = s->sendCommand(this, "LOGIN " + quoted(user) + ' ' + quoted(password), true);
    } else {
        m_loginTag = s->sendCommandWithLiterals(
            this,
            {QByteArrayLiteral("LOGIN "), user, QByteArrayLiteral(" "), password, QByteArray()},
            true);
    }
}

void LoginJob::handleTagged(Response &response)
{
    handleSignInReply(response, m_loginTag, tr("LOGIN"));
}

Net::Error AuthenticateJob::validate() const
{
    if (m_credentials.user.isEmpty())
        return Net::Error(Net::Error::Kind::Authentication, tr("AUTHENTICATE"),
                          tr("No user name given."));
    return {};
}

void AuthenticateJob::run()
{
    if (!canSignIn(tr("AUTHENTICATE")))
        return;
    Session *s = session();
    QList<QByteArray> offered;
    for (const QByteArray &c : s->capabilities()) {
        if (c.startsWith("AUTH="))
            offered.append(c.mid(5));
    }
    Net::Sasl::Mechanism mech = m_mechanism;
    if (mech == Net::Sasl::Mechanism::None)
        mech = Net::Sasl::choose(offered, m_credentials);
    const QByteArray name = Net::Sasl::mechanismName(mech);
    if (mech == Net::Sasl::Mechanism::None || !offered.contains(name)) {
        Net::Error e
            = s->makeError(Net::Error::Kind::Authentication, tr("AUTHENTICATE"),
                           tr("The server offers no suitable sign-in method (it offers: %1).")
                               .arg(QString::fromLatin1(offered.join(' '))));
        finishWithError(e);
        return;
    }
    m_client = Net::Sasl::Client(mech, m_credentials, s->endpoint().host, s->endpoint().port);
    if (m_client.hasInitialResponse() && s->hasCapability("SASL-IR"))
        m_authTag = s->sendCommand(
            this, "AUTHENTICATE " + name + ' ' + m_client.takeInitialResponse(), true);
    else
        m_authTag = s->sendCommand(this, "AUTHENTICATE " + name);
}

void AuthenticateJob::handleContinuation(Response &response)
{
    // The first "+" of a mechanism with an initial response asks for it (no SASL-IR);
    // Sasl::Client::respond() knows whether it was sent already.
    session()->sendContinuation(m_client.respond(response.continuationData.trimmed()), true);
}

void AuthenticateJob::handleTagged(Response &response)
{
    handleSignInReply(response, m_authTag,
                      QStringLiteral("AUTHENTICATE ")
                          + QString::fromLatin1(Net::Sasl::mechanismName(m_client.mechanism())));
}

void IdJob::run()
{
    QByteArray cmd = "ID ";
    if (m_client.isEmpty()) {
        cmd += "NIL";
    } else {
        cmd += '(';
        bool first = true;
        for (auto it = m_client.cbegin(); it != m_client.cend(); ++it) {
            if (!first)
                cmd += ' ';
            first = false;
            cmd += quoted(it.key().toUtf8()) + ' ' + quoted(it.value().toUtf8());
        }
        cmd += ')';
    }
    session()->sendCommand(this, cmd);
}

bool IdJob::handleUntagged(Response &response)
{
    if (response.type != Response::Type::Id)
        return false;
    m_server = response.id;
    return true;
}

void IdJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("ID"));
    finishSuccess();
}

void NamespaceJob::run()
{
    session()->sendCommand(this, "NAMESPACE");
}

bool NamespaceJob::handleUntagged(Response &response)
{
    if (response.type != Response::Type::Namespace)
        return false;
    m_namespaces = response.namespaces;
    return true;
}

void NamespaceJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("NAMESPACE"));
    finishSuccess();
}

void EnableJob::run()
{
    QByteArrayList wanted;
    for (const QByteArray &e : std::as_const(m_extensions)) {
        if (session()->hasCapability(e))
            wanted.append(e.toUpper());
    }
    if (wanted.isEmpty() || !session()->hasCapability("ENABLE")) {
        finishSuccess(tr("nothing to enable"));
        return;
    }
    session()->sendCommand(this, "ENABLE " + wanted.join(' '));
}

bool EnableJob::handleUntagged(Response &response)
{
    if (response.type != Response::Type::Enabled)
        return false;
    m_enabled.append(response.list);
    return true;
}

void EnableJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("ENABLE"));
    finishSuccess();
}

void LogoutJob::run()
{
    session()->setState(Session::State::LoggingOut);
    session()->sendCommand(this, "LOGOUT");
}

void LogoutJob::handleTagged(Response &response)
{
    Q_UNUSED(response);
    session()->closeAfterLogout();
    finishSuccess();
}

void LogoutJob::connectionClosed()
{
    finishSuccess();
}

} // namespace Tributary::Imap
