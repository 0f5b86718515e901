#pragma once

#include "connectors/mime/mimeheaders.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

// Builds an outgoing RFC 5322 / MIME message, over GMime 3.
//
// Output: CRLF line endings everywhere, no line longer than 998 octets, non-ASCII in
// Subject and display names as RFC 2047 encoded words (UTF-8), non-ASCII attachment names
// as RFC 2231 parameters, attachments in base64. Structure:
//   text only                      text/plain
//   text + HTML                    multipart/alternative
//   ... + attachments              multipart/mixed [ body, attachment... ]
// Bcc recipients are never written into the headers; recipients() still lists them for
// the SMTP envelope.
//
// A builder is a plain value used from one thread; writeTo() may run on a worker thread.
// File attachments are read when writeTo() runs (streamed, not loaded whole).
namespace Tributary::Mime {

class MessageBuilder
{
public:
    // Content-Transfer-Encoding of the text parts.
    enum class TextEncoding {
        Auto, // 7bit for short-lined ASCII, quoted-printable otherwise
        QuotedPrintable, // always quoted-printable
        EightBit, // 8bit (for servers announcing 8BITMIME); QP when a line is too long
    };

    MessageBuilder();

    void setFrom(const Address &from);
    void setTo(const QList<Address> &to);
    void setCc(const QList<Address> &cc);
    void setBcc(const QList<Address> &bcc);
    void setReplyTo(const QList<Address> &replyTo);
    void setSubject(const QString &subject);
    // Defaults to the time writeTo() runs, in local time.
    void setDate(const QDateTime &date);
    // Message-ID: an explicit id (without brackets), or a unique one generated in `domain`.
    void setMessageId(const QString &id);
    void setMessageIdDomain(const QString &domain);
    // The Message-ID that writeTo() writes (generated once, then stable).
    QString messageId() const;
    void setInReplyTo(const QString &messageId);
    void setReferences(const QStringList &messageIds);
    // Threading headers for a reply to `original`: In-Reply-To = its Message-ID,
    // References = its References + its Message-ID (RFC 5322 section 3.6.4).
    void setReplyHeaders(const MessageHeaders &original);
    // Extra header (e.g. "X-Mailer"), written as given (ASCII only; text is encoded).
    void addHeader(const QByteArray &name, const QString &value);

    void setTextBody(const QString &text);
    void setHtmlBody(const QString &html); // optional alternative to the text
    void setTextEncoding(TextEncoding encoding);

    // Attachments. contentType empty: application/octet-stream. fileName empty (file
    // variant): the file's own name. contentId non-empty: an inline part the HTML refers to
    // as cid:<contentId>.
    void addAttachmentFile(const QString &path, const QString &contentType = {},
                           const QString &fileName = {}, const QString &contentId = {});
    void addAttachmentData(const QByteArray &data, const QString &fileName,
                           const QString &contentType = {}, const QString &contentId = {});

    // To + Cc + Bcc: the SMTP envelope recipients.
    QList<Address> recipients() const;

    // Writes the message to `out` (open for writing). False with *error (English, for logs)
    // when an attachment file cannot be read, From is missing, or the device fails.
    bool writeTo(QIODevice *out, QString *error = nullptr) const;
    QByteArray toByteArray(QString *error = nullptr) const;

private:
    struct Attachment
    {
        QString path;
        QByteArray data;
        QString fileName;
        QString contentType;
        QString contentId;
    };
    Address m_from;
    QList<Address> m_to, m_cc, m_bcc, m_replyTo;
    QString m_subject;
    QDateTime m_date;
    mutable QString m_messageId;
    QString m_domain;
    QString m_inReplyTo;
    QStringList m_references;
    QList<QPair<QByteArray, QString>> m_extraHeaders;
    QString m_text;
    QString m_html;
    TextEncoding m_encoding = TextEncoding::Auto;
    QList<Attachment> m_attachments;
};

} // namespace Tributary::Mime
