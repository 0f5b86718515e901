#pragma once

#include <QString>

namespace Tributary {

// A local mailbox folder. Folders nest through parentId (0 = top level); names are unique
// among siblings.
struct Folder
{
    enum class SpecialUse { None, Inbox, Sent, Drafts, Junk, Deleted, Archive };

    qint64 id = 0;
    qint64 parentId = 0; // 0 = top level
    QString name;
    SpecialUse specialUse = SpecialUse::None;

    static QString specialUseName(SpecialUse use); // "inbox", "sent", ..., "none"
    static SpecialUse specialUseFromName(const QString &name, bool *ok = nullptr);
};

} // namespace Tributary
