#pragma once

// Chromium settings for GUI tests that load the OAuth fixture's pages in QtWebEngine. Call
// before QApplication exists: keeps Chromium on loopback (no background networking, a dead
// proxy, every host but 127.0.0.1/localhost unresolvable), runs it without its sandbox (tests
// run as root under Xvfb), and trusts only the fixture's certificate by its key's SHA-256
// (base64, OAUTH_CA_SPKI_SHA256; empty = trust nothing extra).
#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace TestEnv {

inline void prepareLoopbackWebEngine(const QString &trustedSpkiSha256)
{
    QByteArray flags = "--no-sandbox --disable-background-networking --disable-component-update "
                       "--disable-domain-reliability --disable-sync --no-pings "
                       "--dns-prefetch-disable --proxy-server=http://127.0.0.1:9 "
                       "--host-resolver-rules=\"MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE "
                       "localhost\"";
    if (!trustedSpkiSha256.isEmpty())
        flags += " --ignore-certificate-errors-spki-list=" + trustedSpkiSha256.toLatin1();
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", flags);
    qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
}

} // namespace TestEnv
