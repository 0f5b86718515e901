#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUuid>

namespace Tributary {

// One "Email Retrieval" task: where to fetch mail from and where to put it.
// Non-secret settings only: the password or OAuth tokens live in the keychain under
// tributary:<uuid>:<kind>, never here.
struct RetrievalTask
{
    enum class Kind { Pop3, Imap, Exchange };
    enum class Security { None, SslTls, StartTls };
    enum class Method { Manual, Automatic };
    // Off: every message goes to the destination folder.
    // Mirror: source folders are recreated below transferParentFolderId (0 = top level).
    enum class FolderTransfer { Off, Mirror };
    enum class AuthKind { Password, OAuth };

    QUuid uuid; // null before insert; Store::insertRetrievalTask assigns one
    QString name;
    Kind kind = Kind::Pop3;
    QString server;
    quint16 port = 0;
    Security security = Security::SslTls;
    QString username;
    Method method = Method::Manual;
    qint64 destinationFolderId = 0; // 0 = the Inbox
    bool apop = false;
    bool leaveOnServer = true;
    bool filtering = false;
    FolderTransfer folderTransfer = FolderTransfer::Off;
    qint64 transferParentFolderId = 0;
    QString providerId; // catalogue id ("gmail", "generic-imap", ...); may be empty
    // A certificate the user chose to trust for this server: SHA-256 of its DER, 32 raw bytes
    // (empty = none); see Net::Endpoint::pinnedSha256. Stored as hex.
    QByteArray pinnedSha256;
    AuthKind authKind = AuthKind::Password;
    QDateTime lastRun; // invalid = never ran
    QString lastResult; // short user-facing text of the last run ("OK", error words)
    int lastCount = 0; // messages retrieved by the last run
    QDateTime nextRun; // invalid = not scheduled
    QDateTime created; // set by Store::insertRetrievalTask

    // Stable names used in the database and the CLI's --json output.
    static QString kindName(Kind kind);
    static Kind kindFromName(const QString &name, bool *ok = nullptr);
    static QString securityName(Security security);
    static Security securityFromName(const QString &name, bool *ok = nullptr);
    static QString methodName(Method method);
    static Method methodFromName(const QString &name, bool *ok = nullptr);
    static QString folderTransferName(FolderTransfer mode);
    static FolderTransfer folderTransferFromName(const QString &name, bool *ok = nullptr);
    static QString authKindName(AuthKind kind);
    static AuthKind authKindFromName(const QString &name, bool *ok = nullptr);

    bool operator==(const RetrievalTask &other) const;
    bool operator!=(const RetrievalTask &other) const { return !(*this == other); }
};

} // namespace Tributary
