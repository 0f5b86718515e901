#pragma once

#include "imapjob.h"

#include "connectors/common/sasl.h"

#include <QMap>

namespace Tributary::Imap {

// CAPABILITY (RFC 3501 6.1.1). The session's capability list is updated as well.
class CapabilityJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    QByteArrayList capabilities() const { return m_capabilities; }

protected:
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    QByteArrayList m_capabilities;
};

// What LOGIN and AUTHENTICATE share: the checks before signing in and the end of a
// successful sign-in.
class SignInJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;

protected:
    // Whether the session may sign in now: not signed in yet, and TLS is up when the endpoint
    // asks for it. Otherwise the job finishes with Kind::Command (already signed in) or
    // Kind::TlsNotOffered for `step`, and false is returned.
    bool canSignIn(const QString &step);
    // The tagged reply to the sign-in command `tag` (NO/BAD: Kind::Authentication with the
    // server's words, for `step`), or to the CAPABILITY that follows it when the server did
    // not send its new capabilities with its OK (RFC 3501 6.2.3); failing that does not undo
    // the sign-in. On success the session is Authenticated.
    void handleSignInReply(Response &response, const QByteArray &tag, const QString &step);
};

// LOGIN user password (RFC 3501 6.2.3). Refused without sending anything when the server
// announces LOGINDISABLED (Kind::Authentication, e.g. before STARTTLS on a strict server).
// A rejected password is Kind::Authentication with the server's words in serverReply.
// On success the session is Authenticated and its capabilities are current (the job asks
// for CAPABILITY when the server did not send them with its OK).
class LoginJob : public SignInJob
{
    Q_OBJECT
public:
    using SignInJob::SignInJob;
    void setUser(const QString &user) { m_user = user; }
    void setPassword(const QString &password) { m_password = password; }

protected:
    Net::Error validate() const override;
    void run() override;
    void handleTagged(Response &response) override;

private:
    QString m_user;
    QString m_password;
    QByteArray m_loginTag;
};

// AUTHENTICATE (RFC 3501 6.2.2) with PLAIN, LOGIN, XOAUTH2 or OAUTHBEARER; the initial
// response goes with the command when the server offers SASL-IR (RFC 4959). The mechanism
// is chosen among the server's AUTH= capabilities (Sasl::choose) unless set; one that is
// not offered fails with Kind::Authentication before anything is sent.
class AuthenticateJob : public SignInJob
{
    Q_OBJECT
public:
    using SignInJob::SignInJob;
    void setCredentials(const Net::Sasl::Credentials &credentials) { m_credentials = credentials; }
    void setMechanism(Net::Sasl::Mechanism mechanism) { m_mechanism = mechanism; }
    Net::Sasl::Mechanism usedMechanism() const { return m_client.mechanism(); }
    // The OAuth error JSON the server sent, if any (for logs).
    QByteArray oauthError() const { return m_client.errorJson(); }

protected:
    Net::Error validate() const override;
    void run() override;
    void handleTagged(Response &response) override;
    void handleContinuation(Response &response) override;

private:
    Net::Sasl::Credentials m_credentials;
    Net::Sasl::Mechanism m_mechanism = Net::Sasl::Mechanism::None;
    Net::Sasl::Client m_client;
    QByteArray m_authTag;
};

// ID (RFC 2971): sends the client's fields (NIL when empty), returns the server's.
class IdJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setClientId(const QMap<QString, QString> &fields) { m_client = fields; }
    QMap<QString, QString> serverId() const { return m_server; }

protected:
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    QMap<QString, QString> m_client;
    QMap<QString, QString> m_server;
};

// NAMESPACE (RFC 2342).
class NamespaceJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    NamespaceData namespaces() const { return m_namespaces; }

protected:
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    NamespaceData m_namespaces;
};

// ENABLE (RFC 5161), e.g. {"QRESYNC"} or {"CONDSTORE"}. Extensions the server does not
// announce are left out; enabled() lists what the server confirmed.
class EnableJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setExtensions(const QByteArrayList &extensions) { m_extensions = extensions; }
    QByteArrayList enabled() const { return m_enabled; }

protected:
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    QByteArrayList m_extensions;
    QByteArrayList m_enabled;
};

// LOGOUT; the session closes the connection and is Disconnected afterwards. A server that
// closes after BYE without the tagged OK still counts as success.
class LogoutJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;

protected:
    void run() override;
    void handleTagged(Response &response) override;
    void connectionClosed() override;
};

} // namespace Tributary::Imap
