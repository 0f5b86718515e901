#pragma once

#include <QHash>
#include <QString>

// Access to the servers that the CTest fixtures started (tests/env/*.sh).
//
// Each fixture writes $TRIBUTARY_TESTENV/<server>/env with KEY=VALUE lines (ports, users,
// certificate paths). A test asks for a value; when the file or the key is missing the
// lookup reports it so the test can QFAIL: in this suite a missing server is a failure,
// never a skip.
namespace TestEnv {

// The folder all fixtures live under ($TRIBUTARY_TESTENV).
QString rootDir();

// All KEY=VALUE pairs of a server's env file; empty when the file does not exist.
QHash<QString, QString> values(const QString &server);

// One value; *ok (when given) says whether it was found.
QString value(const QString &server, const QString &key, bool *ok = nullptr);

// A fresh, empty folder for one test's own files (under the build tree), removed and
// recreated on each call with the same name.
QString scratchDir(const QString &name);

// Folder for GUI screenshots ($TRIBUTARY_SCREENSHOTS, i.e. build/screenshots).
QString screenshotDir();

} // namespace TestEnv

// QFAIL unless the server's key exists; assigns the value to `var`.
#define TRIBUTARY_REQUIRE_ENV(var, server, key)                                                    \
    do {                                                                                           \
        bool ok_ = false;                                                                          \
        (var) = TestEnv::value(QStringLiteral(server), QStringLiteral(key), &ok_);                 \
        if (!ok_)                                                                                  \
            QFAIL(qPrintable(                                                                      \
                QStringLiteral("test server '%1' is not running (no %2 in %3)")                    \
                    .arg(QStringLiteral(server), QStringLiteral(key), TestEnv::rootDir())));       \
    } while (false)
