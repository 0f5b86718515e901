#pragma once

#include "connectors/mime/mimeheaders.h"

#include <QList>
#include <QSharedPointer>
#include <QString>
#include <QStringList>

class QIODevice;

// Parsing whole messages (RFC 5322 + MIME, RFC 2045-2049) into Qt types, over GMime 3.
//
// Input is untrusted. Malformed MIME (broken or missing boundaries, missing charsets,
// truncated files, bad encodings) gives a best-effort Message plus warnings(); parsing never
// crashes, throws or asserts.
//
// Threading: parsing may run on any thread (workers, not the GUI thread, for big messages).
// A Message is an implicitly shared value: copies share the parsed tree, which is not
// thread-safe, so use a Message and its copies from one thread at a time.
namespace Tributary::Mime {

struct AttachmentInfo
{
    QString fileName; // Content-Disposition filename / Content-Type name (RFC 2231, RFC 2047)
    QString contentType; // lower-case "type/subtype"
    qint64 size = 0; // decoded size in bytes
    QString contentId; // without angle brackets; empty when none
    bool isInline = false; // Content-Disposition: inline (e.g. an image the HTML shows)
};

class MessagePrivate;

class Message
{
public:
    Message(); // an empty, invalid message

    // Reads one message from `device` (from its current position to its end). The device
    // is read through a stream, never duplicated into one big buffer.
    static Message fromDevice(QIODevice *device);
    static Message fromFile(const QString &path);
    static Message fromData(const QByteArray &data);

    // False when nothing resembling a message could be read (empty input, unreadable file).
    bool isValid() const;

    MessageHeaders headers() const;
    QString textBody() const; // text/plain parts that are not attachments, decoded
    QString htmlBody() const; // the first text/html part that is not an attachment, decoded
    QList<AttachmentInfo> attachments() const;

    // Writes the decoded bytes of attachments().at(index) to `out` (open for writing).
    // A message/rfc822 attachment is written as the embedded message. False (with *error
    // set, in English for logs) when the index is out of range or the device fails.
    bool saveAttachment(int index, QIODevice *out, QString *error = nullptr) const;

    // The raw value of a header (first occurrence), unfolded; empty when absent.
    QByteArray rawHeader(const QByteArray &name) const;

    // Problems found while parsing, one English sentence each, for logs and "details".
    QStringList warnings() const;

private:
    friend class MboxReader;
    QSharedPointer<MessagePrivate> d;
};

// Reads the messages of an mbox (mboxo/mboxrd "From " separated) one at a time from a
// device, so a mailbox of any size is parsed with one message in memory at a time.
class MboxReader
{
public:
    explicit MboxReader(QIODevice *device); // not owned; must stay open while reading
    ~MboxReader();
    MboxReader(const MboxReader &) = delete;
    MboxReader &operator=(const MboxReader &) = delete;

    // The next message, or false at the end of the mailbox.
    bool readNext(Message *message);
    // The "From " line of the message readNext() returned last.
    QByteArray envelopeLine() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Tributary::Mime
