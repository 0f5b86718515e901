#pragma once

#include "oauthtypes.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// The OAuth 2.0 authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636 S256, RFC 8252
// for native apps). Usage:
//
//   auto *agent = ...;                       // an AuthorizationAgent (embedded or browser)
//   auto *flow = new Oauth::AuthorizationCodeFlow(parent);
//   flow->setProvider(config);               // endpoints, client id, scopes
//   flow->setAgent(agent);                   // not owned; must outlive the flow's run
//   flow->setLoginHint("user@example.com");  // optional
//   connect(flow, &Oauth::AuthorizationCodeFlow::finished, ctx, [flow] {
//       if (flow->error() == Oauth::Error::Kind::None) use(flow->tokens());
//       else show(flow->errorString());
//       flow->deleteLater();
//   });
//   flow->start();
namespace Tributary::Oauth {

// Shows the user the provider's sign-in page and brings back the redirect it ends in.
// Two implementations: the embedded sign-in popup (ui/, a QWebEngineView) and the system
// browser with a loopback listener (app/services/oauth/systembrowseragent.h). The flow
// drives an agent through one sign-in at a time:
//   1. prepareRedirectUri(configured): the redirect URI this agent will catch. The embedded
//      agent returns `configured` (the provider's registered URI); the loopback agent starts
//      its listener and returns http://127.0.0.1:<port>/<path>. An empty URL means the agent
//      cannot run; errorString() says why.
//   2. authorize(authorizationUrl, redirectUri): shows the page. Later the agent emits
//      finished() exactly once per authorize(): outcome() is Redirected (redirectUrl() is the
//      full URL the provider redirected to, query untouched: the flow checks state/code/error
//      itself), Cancelled (the user closed the window) or Failed (errorString()).
//   3. cancel(): ends a running authorize() with Cancelled (finished() still emitted once);
//      nothing when idle. The agent also releases its listener / closes its window then.
// Agents never look at the query themselves and never see the tokens. GUI thread only.
class AuthorizationAgent : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { None, Redirected, Cancelled, Failed };
    Q_ENUM(Outcome)

    explicit AuthorizationAgent(QObject *parent = nullptr)
        : QObject(parent)
    {
    }

    virtual AgentKind kind() const = 0;
    virtual QUrl prepareRedirectUri(const QUrl &configured) = 0;
    virtual void authorize(const QUrl &authorizationUrl, const QUrl &redirectUri) = 0;
    virtual void cancel() = 0;

    // For the window title / the browser page ("Sign in to Microsoft 365").
    void setProviderName(const QString &name) { m_providerName = name; }
    QString providerName() const { return m_providerName; }

    Outcome outcome() const { return m_outcome; }
    QUrl redirectUrl() const { return m_redirectUrl; }
    // User words for Failed (and for an empty prepareRedirectUri()).
    QString errorString() const { return m_errorString; }

Q_SIGNALS:
    // Once per authorize(), after outcome()/redirectUrl()/errorString() are set.
    void finished();

protected:
    // For implementations: record the result and emit finished().
    void finishRedirected(const QUrl &redirectUrl)
    {
        finishWith(Outcome::Redirected, redirectUrl, QString());
    }
    void finishCancelled() { finishWith(Outcome::Cancelled, QUrl(), QString()); }
    void finishFailed(const QString &errorString)
    {
        finishWith(Outcome::Failed, QUrl(), errorString);
    }
    // Call at the start of authorize(): clears the previous result.
    void resetOutcome()
    {
        m_outcome = Outcome::None;
        m_redirectUrl.clear();
        m_errorString.clear();
    }
    void setErrorString(const QString &text) { m_errorString = text; }

private:
    void finishWith(Outcome outcome, const QUrl &url, const QString &text)
    {
        m_outcome = outcome;
        m_redirectUrl = url;
        m_errorString = text;
        Q_EMIT finished();
    }

    QString m_providerName;
    Outcome m_outcome = Outcome::None;
    QUrl m_redirectUrl;
    QString m_errorString;
};

// PKCE and state helpers (RFC 7636 §4.1/§4.2): exposed for tests and the device flow.
namespace Pkce {
// 43..128 characters of [A-Za-z0-9-._~]; here 64 from QRandomGenerator::system().
QByteArray makeVerifier();
// BASE64URL(SHA256(verifier)) without padding.
QByteArray challengeS256(const QByteArray &verifier);
// 32 random bytes, base64url: the `state` and similar one-use values.
QByteArray makeState();
} // namespace Pkce

// One sign-in: builds the authorization URL (response_type=code, client_id, redirect_uri,
// scope, state, code_challenge + S256, extra parameters, login_hint), hands it to the agent,
// checks the redirect (same scheme/host/port/path as the redirect URI; `state` equal, else
// StateMismatch and no code exchange; `error=` classified), then exchanges the code at the
// token endpoint with the verifier (no client secret) over QNetworkAccessManager.
// finished() is emitted exactly once, also after cancel() (Cancelled) or an agent failure.
// Not restartable: one object per sign-in.
class AuthorizationCodeFlow : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Authorizing, ExchangingCode, Finished };
    Q_ENUM(State)

    explicit AuthorizationCodeFlow(QObject *parent = nullptr);
    ~AuthorizationCodeFlow() override;

    void setProvider(const ProviderConfig &provider) { m_provider = provider; }
    const ProviderConfig &provider() const { return m_provider; }
    void setAgent(AuthorizationAgent *agent) { m_agent = agent; }
    // Optional; without it the flow makes its own (it never owns a given one).
    void setNetworkAccessManager(QNetworkAccessManager *nam) { m_nam = nam; }
    void setLoginHint(const QString &hint) { m_loginHint = hint; }
    // Seconds for each token-endpoint request (default 30).
    void setTransferTimeout(int seconds) { m_timeoutSeconds = seconds; }
    // For tests only: replace the generated verifier (to prove the server checks PKCE).
    void setCodeVerifierForTesting(const QByteArray &verifier) { m_verifierOverride = verifier; }

    void start();
    void cancel();

    State state() const { return m_state; }
    // Valid after start() has run prepareRedirectUri(): the URL handed to the agent.
    QUrl authorizationUrl() const { return m_authorizationUrl; }
    QUrl redirectUri() const { return m_redirectUri; }

    Error::Kind error() const { return m_error.kind; }
    const Error &errorValue() const { return m_error; }
    QString errorString() const { return m_error.userMessage(); }
    QString details() const;
    // The tokens (after a successful finish).
    const TokenSet &tokens() const { return m_tokens; }

Q_SIGNALS:
    void stateChanged(Tributary::Oauth::AuthorizationCodeFlow::State state);
    void progress(qint64 done, qint64 total);
    void finished();

private:
    void setState(State state);
    void onAgentFinished();
    void exchangeCode(const QString &code);
    void onTokenReply();
    void finishWith(const Error &error);

    ProviderConfig m_provider;
    QPointer<AuthorizationAgent> m_agent;
    QNetworkAccessManager *m_nam = nullptr;
    QNetworkAccessManager *m_ownNam = nullptr;
    QPointer<QNetworkReply> m_reply;
    QString m_loginHint;
    int m_timeoutSeconds = 30;
    QByteArray m_verifierOverride;
    QByteArray m_verifier;
    QByteArray m_stateParameter;
    QUrl m_redirectUri;
    QUrl m_authorizationUrl;
    State m_state = State::Idle;
    Error m_error;
    TokenSet m_tokens;
    QString m_details;
};

} // namespace Tributary::Oauth
