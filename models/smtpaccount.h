#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUuid>

namespace Tributary {

// One "SMTP Accounts" entry: send as another address through its own SMTP server.
// Non-secret settings only: the password or OAuth tokens live in the keychain.
struct SmtpAccount
{
    enum class Encryption { None, Ssl, StartTls };
    enum class AuthKind { Password, OAuth };

    QUuid uuid; // null before insert; Store::insertSmtpAccount assigns one
    QString displayName;
    QString server;
    quint16 port = 587;
    Encryption encryption = Encryption::StartTls;
    QString email;
    bool authEnabled = true;
    QString username;
    AuthKind authKind = AuthKind::Password;
    // SHA-256 of the one certificate the user chose to trust for this server although the
    // system does not (empty = none); see Net::Endpoint::pinnedSha256. Stored as hex.
    QByteArray pinnedSha256;
    QDateTime created; // set by Store::insertSmtpAccount

    static QString encryptionName(Encryption encryption);
    static Encryption encryptionFromName(const QString &name, bool *ok = nullptr);
    static QString authKindName(AuthKind kind);
    static AuthKind authKindFromName(const QString &name, bool *ok = nullptr);

    bool operator==(const SmtpAccount &other) const;
    bool operator!=(const SmtpAccount &other) const { return !(*this == other); }
};

} // namespace Tributary
