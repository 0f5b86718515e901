#include "folder.h"
#include "retrievaltask.h"
#include "smtpaccount.h"

#include "enumnames_p.h"

#include <utility>

namespace Tributary {

namespace {

// Stored names: a value missing from its table (an out-of-range cast) gets the first name.
template<typename E, std::size_t N>
QString storedName(const std::pair<E, const char *> (&table)[N], E value)
{
    return nameOf(table, value, QString::fromLatin1(table[0].second));
}

const std::pair<RetrievalTask::Kind, const char *> kKinds[] = {
    {RetrievalTask::Kind::Pop3, "pop"},
    {RetrievalTask::Kind::Imap, "imap"},
    {RetrievalTask::Kind::Exchange, "exchange"},
};
const std::pair<RetrievalTask::Security, const char *> kSecurities[] = {
    {RetrievalTask::Security::SslTls, "ssl"},
    {RetrievalTask::Security::StartTls, "starttls"},
    {RetrievalTask::Security::None, "none"},
};
const std::pair<RetrievalTask::Method, const char *> kMethods[] = {
    {RetrievalTask::Method::Manual, "manual"},
    {RetrievalTask::Method::Automatic, "automatic"},
};
const std::pair<RetrievalTask::FolderTransfer, const char *> kTransfers[] = {
    {RetrievalTask::FolderTransfer::Off, "off"},
    {RetrievalTask::FolderTransfer::Mirror, "mirror"},
};
const std::pair<RetrievalTask::AuthKind, const char *> kTaskAuth[] = {
    {RetrievalTask::AuthKind::Password, "password"},
    {RetrievalTask::AuthKind::OAuth, "oauth"},
};
const std::pair<SmtpAccount::Encryption, const char *> kEncryptions[] = {
    {SmtpAccount::Encryption::StartTls, "starttls"},
    {SmtpAccount::Encryption::Ssl, "ssl"},
    {SmtpAccount::Encryption::None, "none"},
};
const std::pair<SmtpAccount::AuthKind, const char *> kSmtpAuth[] = {
    {SmtpAccount::AuthKind::Password, "password"},
    {SmtpAccount::AuthKind::OAuth, "oauth"},
};
const std::pair<Folder::SpecialUse, const char *> kSpecialUses[] = {
    {Folder::SpecialUse::None, "none"},       {Folder::SpecialUse::Inbox, "inbox"},
    {Folder::SpecialUse::Sent, "sent"},       {Folder::SpecialUse::Drafts, "drafts"},
    {Folder::SpecialUse::Junk, "junk"},       {Folder::SpecialUse::Deleted, "deleted"},
    {Folder::SpecialUse::Archive, "archive"},
};

} // namespace

QString RetrievalTask::kindName(Kind kind)
{
    return storedName(kKinds, kind);
}
RetrievalTask::Kind RetrievalTask::kindFromName(const QString &name, bool *ok)
{
    return valueOf(kKinds, name, ok);
}
QString RetrievalTask::securityName(Security security)
{
    return storedName(kSecurities, security);
}
RetrievalTask::Security RetrievalTask::securityFromName(const QString &name, bool *ok)
{
    return valueOf(kSecurities, name, ok);
}
QString RetrievalTask::methodName(Method method)
{
    return storedName(kMethods, method);
}
RetrievalTask::Method RetrievalTask::methodFromName(const QString &name, bool *ok)
{
    return valueOf(kMethods, name, ok);
}
QString RetrievalTask::folderTransferName(FolderTransfer mode)
{
    return storedName(kTransfers, mode);
}
RetrievalTask::FolderTransfer RetrievalTask::folderTransferFromName(const QString &name, bool *ok)
{
    return valueOf(kTransfers, name, ok);
}
QString RetrievalTask::authKindName(AuthKind kind)
{
    return storedName(kTaskAuth, kind);
}
RetrievalTask::AuthKind RetrievalTask::authKindFromName(const QString &name, bool *ok)
{
    return valueOf(kTaskAuth, name, ok);
}

bool RetrievalTask::operator==(const RetrievalTask &o) const
{
    return uuid == o.uuid && name == o.name && kind == o.kind && server == o.server
        && port == o.port && security == o.security && username == o.username && method == o.method
        && destinationFolderId == o.destinationFolderId && apop == o.apop
        && leaveOnServer == o.leaveOnServer && filtering == o.filtering
        && folderTransfer == o.folderTransfer && transferParentFolderId == o.transferParentFolderId
        && providerId == o.providerId && pinnedSha256 == o.pinnedSha256 && authKind == o.authKind
        && lastRun == o.lastRun && lastResult == o.lastResult && lastCount == o.lastCount
        && nextRun == o.nextRun && created == o.created;
}

QString SmtpAccount::encryptionName(Encryption encryption)
{
    return storedName(kEncryptions, encryption);
}
SmtpAccount::Encryption SmtpAccount::encryptionFromName(const QString &name, bool *ok)
{
    return valueOf(kEncryptions, name, ok);
}
QString SmtpAccount::authKindName(AuthKind kind)
{
    return storedName(kSmtpAuth, kind);
}
SmtpAccount::AuthKind SmtpAccount::authKindFromName(const QString &name, bool *ok)
{
    return valueOf(kSmtpAuth, name, ok);
}

bool SmtpAccount::operator==(const SmtpAccount &o) const
{
    return uuid == o.uuid && displayName == o.displayName && server == o.server && port == o.port
        && encryption == o.encryption && email == o.email && authEnabled == o.authEnabled
        && username == o.username && authKind == o.authKind && pinnedSha256 == o.pinnedSha256
        && created == o.created;
}

QString Folder::specialUseName(SpecialUse use)
{
    return storedName(kSpecialUses, use);
}
Folder::SpecialUse Folder::specialUseFromName(const QString &name, bool *ok)
{
    return valueOf(kSpecialUses, name, ok);
}

} // namespace Tributary
