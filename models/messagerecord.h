#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>

namespace Tributary {

// The index row of one stored message. The body lives in the MessageFileStore under
// its SHA-256 (sha256 field); the row is written only once that file is durably in place.
struct MessageRecord
{
    enum Flag : int {
        Seen = 0x01,
        Answered = 0x02,
        Flagged = 0x04,
        Deleted = 0x08,
        Draft = 0x10,
    };

    qint64 id = 0; // assigned by the Store
    qint64 folderId = 0;
    int flags = 0; // bitmask of Flag
    QDateTime internalDate; // when it arrived (IMAP INTERNALDATE or retrieval time)
    QDateTime sentDate; // Date: header; may be invalid
    qint64 size = 0; // bytes of the stored file
    QString sender; // display form of From:
    QString recipients; // display form of To:/Cc:
    QString subject;
    QString messageId; // Message-ID: header value, as received
    QString inReplyTo;
    QString sha256; // lowercase hex of the stored file content

    // Where it came from, for resuming without duplicates. Two unique keys hold:
    // (sourceAccount, sourceFolder, sourceUidValidity, sourceUid) for IMAP and
    // (sourceAccount, sourceUidl) for POP3. Leave the fields of the other protocol empty/0.
    QUuid sourceAccount; // null for local messages (drafts, sent copies)
    QString sourceFolder;
    qint64 sourceUidValidity = 0;
    qint64 sourceUid = 0;
    QString sourceUidl;
};

} // namespace Tributary
