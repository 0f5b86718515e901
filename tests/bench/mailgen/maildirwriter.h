#pragma once

#include "mailgenerator.h"

#include <QString>
#include <QVector>

#include <sys/types.h>

namespace MailGen {

// Writes generated messages straight into a Dovecot maildir (no server involved; run
// `doveadm force-resync` afterwards, or let the next login sync it).
//
// Layout Fs matches `mail_location = maildir:~/Maildir:LAYOUT=fs` (the Dovecot fixture):
// INBOX is the root, "Archive/2022" is ROOT/Archive/2022. Layout MaildirPlusPlus matches
// Dovecot's default: ROOT/.Archive.2022. Folder names on disk are modified UTF-7 (RFC 3501),
// as Dovecot 2.3 stores them without the UTF-8 option. \Noselect parents get no cur/new/tmp.
//
// Each message becomes cur/<date>.M<index>P<seed>.mailgen,S=<size>,W=<size>:2,<flags> with
// its mtime set to its date; names and bytes depend only on (seed, index).
class MaildirWriter
{
public:
    enum class Layout { Fs, MaildirPlusPlus };

    MaildirWriter(const QString &root, Layout layout);

    // When set (uid/gid >= 0), every created folder and file is chowned to them.
    void setOwner(uid_t uid, gid_t gid);

    // Creates every folder of Generator::folders(), empty ones included.
    bool createFolders();
    bool write(const Message &message, quint64 seed);

    QString folderPath(int folderIndex) const;
    QString errorString() const { return m_error; }

    static QString folderPath(const QString &root, Layout layout, const QString &imapName);

private:
    bool makeDir(const QString &path);

    QString m_root;
    Layout m_layout;
    bool m_chown = false;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    QVector<QString> m_paths;
    QString m_error;
};

} // namespace MailGen
