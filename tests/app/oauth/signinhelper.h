#pragma once

#include "app/services/oauth/systembrowseragent.h"
#include "connectors/oauth/oauthflow.h"
#include "headlessbrowser.h"

#include <QSignalSpy>

// One sign-in at the OAuth fixture through the code flow and the system-browser agent, the
// test's HeadlessBrowser standing in for the browser. Empty tokens on failure.
inline Tributary::Oauth::TokenSet fixtureSignIn(const Tributary::Oauth::ProviderConfig &provider,
                                                const QString &caPath, const QString &user,
                                                const QString &password)
{
    using namespace Tributary;
    HeadlessBrowser browser(caPath);
    QUrl opened;
    Oauth::SystemBrowserAgent agent;
    agent.setOpener([&opened](const QUrl &url) {
        opened = url;
        return true;
    });
    Oauth::AuthorizationCodeFlow flow;
    flow.setProvider(provider);
    flow.setAgent(&agent);
    QSignalSpy finished(&flow, &Oauth::AuthorizationCodeFlow::finished);
    flow.start();
    HeadlessBrowser::Page page = browser.open(opened);
    page
        = browser.submit(page, QStringLiteral("loginForm"),
                         {{QStringLiteral("login"), user}, {QStringLiteral("password"), password}});
    browser.submit(page, QStringLiteral("consentForm"),
                   {{QStringLiteral("decision"), QStringLiteral("allow")}});
    if (finished.isEmpty() && !finished.wait(20000))
        return {};
    return flow.tokens();
}
