#pragma once

// What the OAuth and mail-server tests do to the fixtures besides signing in: trust the
// fixtures' certificates process-wide, and tell the oidc fixture's test-control endpoint
// (OAUTH_TEST_CONTROL) to revoke a user's grants. Test code only: the calls wait (at most
// 15 s for the control endpoint) on the thread that makes them.
#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

namespace TestEnv {

// Reads the PEM certificates of each file in `paths` and adds them, with `more`, to
// QSslConfiguration's default configuration (the code exchange, token requests and
// connections made afterwards trust them). Returns how many certificates the files held, so a
// test can check that each file gave one.
qsizetype trustCertificateFiles(const QStringList &paths,
                                const QList<QSslCertificate> &more = QList<QSslCertificate>());

// POSTs `body` (application/x-www-form-urlencoded) to `url`; true when the reply came within
// 15 s without a network or HTTP error. `replyBody` (when given) receives the reply's body.
bool postFixtureControl(const QString &url, const QByteArray &body,
                        QByteArray *replyBody = nullptr);

// Revokes every grant and token of `account` at the oidc fixture whose test-control base URL
// is `controlUrl` (OAUTH_TEST_CONTROL): POST <controlUrl>/revoke-account account=<account>.
bool revokeAccountAtProvider(const QString &controlUrl, const QString &account,
                             QByteArray *replyBody = nullptr);

} // namespace TestEnv
