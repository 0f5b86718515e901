#include "oauthflow.h"

#include "oauthhttp.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace Tributary::Oauth {

namespace Pkce {

QByteArray makeVerifier()
{
    static const char alphabet[]
        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    const int n = int(sizeof(alphabet)) - 1;
    QByteArray verifier;
    verifier.reserve(64);
    for (int i = 0; i < 64; ++i)
        verifier.append(alphabet[QRandomGenerator::system()->bounded(n)]);
    return verifier;
}

QByteArray challengeS256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray makeState()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 8);
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace Pkce

AuthorizationCodeFlow::AuthorizationCodeFlow(QObject *parent)
    : QObject(parent)
{
}

AuthorizationCodeFlow::~AuthorizationCodeFlow()
{
    if (m_reply)
        m_reply->abort();
}

QString AuthorizationCodeFlow::details() const
{
    return m_error.isError() ? m_error.details() : m_details;
}

void AuthorizationCodeFlow::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void AuthorizationCodeFlow::start()
{
    if (m_state != State::Idle)
        return;
    if (!m_provider.isValid()) {
        finishWith(Error(Error::Kind::InvalidRequest, QString(),
                         QStringLiteral("provider configuration lacks endpoints or client id")));
        return;
    }
    if (!m_agent) {
        finishWith(Error(Error::Kind::AgentFailed, QString(),
                         QStringLiteral("no authorization agent set")));
        return;
    }
    if (!m_nam) {
        m_ownNam = new QNetworkAccessManager(this);
        m_nam = m_ownNam;
    }

    m_redirectUri = m_agent->prepareRedirectUri(m_provider.redirectUri);
    if (!m_redirectUri.isValid() || m_redirectUri.isEmpty()) {
        Error error(Error::Kind::AgentFailed);
        error.detail = m_agent->errorString();
        finishWith(error);
        return;
    }

    m_verifier = m_verifierOverride.isEmpty() ? Pkce::makeVerifier() : m_verifierOverride;
    m_stateParameter = Pkce::makeState();
    // The challenge always comes from a fresh verifier; the override (tests) replaces only
    // what is sent at the token endpoint, so a wrong verifier can be proven to fail.
    const QByteArray challengeSource
        = m_verifierOverride.isEmpty() ? m_verifier : Pkce::makeVerifier();

    QList<QPair<QString, QString>> params = {
        {QStringLiteral("response_type"), QStringLiteral("code")},
        {QStringLiteral("client_id"), m_provider.clientId},
        {QStringLiteral("redirect_uri"), m_redirectUri.toString(QUrl::FullyEncoded)},
        {QStringLiteral("scope"), m_provider.scopes.join(QLatin1Char(' '))},
        {QStringLiteral("state"), QString::fromLatin1(m_stateParameter)},
        {QStringLiteral("code_challenge"),
         QString::fromLatin1(Pkce::challengeS256(challengeSource))},
        {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
    };
    for (const auto &extra : std::as_const(m_provider.extraAuthorizationParameters))
        params.append(extra);
    if (!m_loginHint.isEmpty())
        params.append({QStringLiteral("login_hint"), m_loginHint});

    m_authorizationUrl = m_provider.authorizationEndpoint;
    QUrlQuery query(m_authorizationUrl);
    for (const auto &p : std::as_const(params))
        query.addQueryItem(Http::formEncode(p.first), Http::formEncode(p.second));
    m_authorizationUrl.setQuery(query);

    setState(State::Authorizing);
    Q_EMIT progress(0, 2);
    connect(m_agent, &AuthorizationAgent::finished, this, &AuthorizationCodeFlow::onAgentFinished,
            Qt::SingleShotConnection);
    m_agent->authorize(m_authorizationUrl, m_redirectUri);
}

void AuthorizationCodeFlow::cancel()
{
    if (m_state == State::Finished || m_state == State::Idle)
        return;
    if (m_state == State::Authorizing && m_agent) {
        disconnect(m_agent, &AuthorizationAgent::finished, this,
                   &AuthorizationCodeFlow::onAgentFinished);
        m_agent->cancel();
    }
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    finishWith(Error(Error::Kind::Cancelled));
}

static bool sameEndpoint(const QUrl &a, const QUrl &b)
{
    auto path = [](const QUrl &u) {
        QString p = u.path();
        return p.isEmpty() ? QStringLiteral("/") : p;
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port() == b.port()
        && path(a) == path(b);
}

void AuthorizationCodeFlow::onAgentFinished()
{
    if (m_state != State::Authorizing || !m_agent)
        return;
    switch (m_agent->outcome()) {
    case AuthorizationAgent::Outcome::Cancelled:
        finishWith(Error(Error::Kind::Cancelled, QString(),
                         QStringLiteral("the sign-in window was closed")));
        return;
    case AuthorizationAgent::Outcome::Failed:
    case AuthorizationAgent::Outcome::None: {
        Error error(Error::Kind::AgentFailed);
        error.detail = m_agent->errorString();
        finishWith(error);
        return;
    }
    case AuthorizationAgent::Outcome::Redirected:
        break;
    }

    const QUrl redirect = m_agent->redirectUrl();
    if (!sameEndpoint(redirect, m_redirectUri)) {
        Error error(Error::Kind::InvalidRedirect);
        error.detail = QStringLiteral("redirect to an unexpected address: ")
            + redirect.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
        finishWith(error);
        return;
    }
    // Parameters come in the query (response_mode=query, the default for "code").
    const QUrlQuery query(redirect);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (state.isEmpty() || state.toLatin1() != m_stateParameter) {
        Error error(Error::Kind::StateMismatch);
        error.detail = state.isEmpty() ? QStringLiteral("the redirect carried no state")
                                       : QStringLiteral("the redirect's state is not ours");
        finishWith(error);
        return;
    }
    if (query.hasQueryItem(QStringLiteral("error"))) {
        Error error = classifyProviderError(
            query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded),
            query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded),
            QUrl(query.queryItemValue(QStringLiteral("error_uri"), QUrl::FullyDecoded)),
            m_provider);
        finishWith(error);
        return;
    }
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty()) {
        finishWith(Error(Error::Kind::InvalidRedirect, QString(),
                         QStringLiteral("the redirect carried no code")));
        return;
    }
    exchangeCode(code);
}

void AuthorizationCodeFlow::exchangeCode(const QString &code)
{
    setState(State::ExchangingCode);
    Q_EMIT progress(1, 2);
    const QList<QPair<QString, QString>> form = {
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), code},
        {QStringLiteral("redirect_uri"), m_redirectUri.toString(QUrl::FullyEncoded)},
        {QStringLiteral("client_id"), m_provider.clientId},
        {QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier)},
    };
    m_reply = Http::postForm(m_nam, m_provider.tokenEndpoint, form, m_timeoutSeconds);
    connect(m_reply, &QNetworkReply::finished, this, &AuthorizationCodeFlow::onTokenReply);
}

void AuthorizationCodeFlow::onTokenReply()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    Error error;
    const QByteArray body = Http::readReply(reply, m_provider, &error);
    if (error) {
        finishWith(error);
        return;
    }
    TokenSet tokens
        = parseTokenResponse(body, QDateTime::currentDateTimeUtc(), m_provider.scopes, &error);
    if (error) {
        finishWith(error);
        return;
    }
    m_tokens = tokens;
    m_details = QStringLiteral("signed in at %1: %2")
                    .arg(m_provider.tokenEndpoint.host(), m_tokens.redacted());
    Q_EMIT progress(2, 2);
    finishWith(Error());
}

void AuthorizationCodeFlow::finishWith(const Error &error)
{
    if (m_state == State::Finished)
        return;
    m_error = error;
    // The verifier is a one-use secret: forget it.
    m_verifier.fill('\0');
    m_verifier.clear();
    setState(State::Finished);
    Q_EMIT finished();
}

} // namespace Tributary::Oauth
