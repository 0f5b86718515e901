#include "connectors/mime/messagebuilder.h"

#include "connectors/mime/gmimesupport_p.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>

#include <fcntl.h>

namespace Tributary::Mime {

using namespace Detail;

namespace {

constexpr int MaxLineLength = 998; // RFC 5322 section 2.1.1, without CRLF

// Line endings as LF only; GMime writes them as CRLF.
QByteArray normalizedUtf8(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace("\r\n", "\n");
    bytes.replace('\r', '\n');
    return bytes;
}

int longestLine(const QByteArray &bytes)
{
    int longest = 0;
    int current = 0;
    for (const char c : bytes) {
        if (c == '\n') {
            longest = qMax(longest, current);
            current = 0;
        } else {
            ++current;
        }
    }
    return qMax(longest, current);
}

bool isAscii(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80 || c == '\0')
            return false;
    }
    return true;
}

GMimeObject *newTextPart(const char *subtype, const QString &text,
                         MessageBuilder::TextEncoding mode)
{
    const QByteArray utf8 = normalizedUtf8(text);
    GMimeTextPart *part = g_mime_text_part_new_with_subtype(subtype);
    g_mime_text_part_set_text(part, utf8.constData());
    const bool ascii = isAscii(utf8);
    const bool shortLines = longestLine(utf8) <= MaxLineLength;
    GMimeContentEncoding encoding = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
    switch (mode) {
    case MessageBuilder::TextEncoding::Auto:
        if (ascii && shortLines)
            encoding = GMIME_CONTENT_ENCODING_7BIT;
        break;
    case MessageBuilder::TextEncoding::QuotedPrintable:
        break;
    case MessageBuilder::TextEncoding::EightBit:
        if (shortLines)
            encoding = ascii ? GMIME_CONTENT_ENCODING_7BIT : GMIME_CONTENT_ENCODING_8BIT;
        break;
    }
    g_mime_part_set_content_encoding(GMIME_PART(part), encoding);
    return GMIME_OBJECT(part);
}

void addAddresses(GMimeMessage *message, GMimeAddressType type, const QList<Address> &addresses)
{
    for (const Address &a : addresses) {
        const QByteArray name = a.name.toUtf8();
        const QByteArray addr = a.address.toUtf8();
        g_mime_message_add_mailbox(message, type, name.isEmpty() ? nullptr : name.constData(),
                                   addr.constData());
    }
}

GDateTime *toGDateTime(const QDateTime &date)
{
    GDateTime *utc = g_date_time_new_from_unix_utc(date.toSecsSinceEpoch());
    GTimeZone *zone = g_time_zone_new_offset(date.offsetFromUtc());
    GDateTime *local = g_date_time_to_timezone(utc, zone);
    g_time_zone_unref(zone);
    g_date_time_unref(utc);
    return local;
}

void setParamCharsetUtf8(GMimeParamList *list, const char *name)
{
    GMimeParam *param = list ? g_mime_param_list_get_parameter(list, name) : nullptr;
    if (param)
        g_mime_param_set_charset(param, "UTF-8");
}

QString bracketed(const QString &id)
{
    return id.startsWith(u'<') ? id : QStringLiteral("<") + id + u'>';
}

} // namespace

MessageBuilder::MessageBuilder() = default;

void MessageBuilder::setFrom(const Address &from)
{
    m_from = from;
}
void MessageBuilder::setTo(const QList<Address> &to)
{
    m_to = to;
}
void MessageBuilder::setCc(const QList<Address> &cc)
{
    m_cc = cc;
}
void MessageBuilder::setBcc(const QList<Address> &bcc)
{
    m_bcc = bcc;
}
void MessageBuilder::setReplyTo(const QList<Address> &replyTo)
{
    m_replyTo = replyTo;
}
void MessageBuilder::setSubject(const QString &subject)
{
    m_subject = subject;
}
void MessageBuilder::setDate(const QDateTime &date)
{
    m_date = date;
}
void MessageBuilder::setMessageId(const QString &id)
{
    m_messageId = id;
}
void MessageBuilder::setMessageIdDomain(const QString &domain)
{
    m_domain = domain;
}
void MessageBuilder::setInReplyTo(const QString &messageId)
{
    m_inReplyTo = messageId;
}
void MessageBuilder::setReferences(const QStringList &messageIds)
{
    m_references = messageIds;
}
void MessageBuilder::setTextBody(const QString &text)
{
    m_text = text;
}
void MessageBuilder::setHtmlBody(const QString &html)
{
    m_html = html;
}
void MessageBuilder::setTextEncoding(TextEncoding encoding)
{
    m_encoding = encoding;
}

void MessageBuilder::addHeader(const QByteArray &name, const QString &value)
{
    m_extraHeaders.append({name, value});
}

void MessageBuilder::setReplyHeaders(const MessageHeaders &original)
{
    m_inReplyTo = original.messageId;
    m_references = original.references;
    if (!original.messageId.isEmpty() && !m_references.contains(original.messageId))
        m_references.append(original.messageId);
}

QString MessageBuilder::messageId() const
{
    if (m_messageId.isEmpty()) {
        ensureInitialized();
        const QByteArray domain
            = m_domain.isEmpty() ? QByteArrayLiteral("localhost") : m_domain.toUtf8();
        GString_ id(g_mime_utils_generate_message_id(domain.constData()));
        m_messageId = fromUtf8(id.get());
    }
    return m_messageId;
}

void MessageBuilder::addAttachmentFile(const QString &path, const QString &contentType,
                                       const QString &fileName, const QString &contentId)
{
    m_attachments.append({path,
                          {},
                          fileName.isEmpty() ? QFileInfo(path).fileName() : fileName,
                          contentType,
                          contentId});
}

void MessageBuilder::addAttachmentData(const QByteArray &data, const QString &fileName,
                                       const QString &contentType, const QString &contentId)
{
    m_attachments.append({{}, data, fileName, contentType, contentId});
}

QList<Address> MessageBuilder::recipients() const
{
    return m_to + m_cc + m_bcc;
}

bool MessageBuilder::writeTo(QIODevice *out, QString *error) const
{
    auto failWith = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (m_from.address.isEmpty())
        return failWith(QStringLiteral("the message has no From address"));
    if (!out || !out->isWritable())
        return failWith(QStringLiteral("the output device is not open for writing"));
    ensureInitialized();

    GPtr<GMimeMessage> message(g_mime_message_new(TRUE));
    GMimeObject *object = GMIME_OBJECT(message.get());
    addAddresses(message.get(), GMIME_ADDRESS_TYPE_FROM, {m_from});
    addAddresses(message.get(), GMIME_ADDRESS_TYPE_REPLY_TO, m_replyTo);
    addAddresses(message.get(), GMIME_ADDRESS_TYPE_TO, m_to);
    addAddresses(message.get(), GMIME_ADDRESS_TYPE_CC, m_cc);
    // Bcc stays out of the headers on purpose.
    g_mime_message_set_subject(message.get(), m_subject.toUtf8().constData(), "utf-8");
    GDateTime *date = toGDateTime(m_date.isValid() ? m_date : QDateTime::currentDateTime());
    g_mime_message_set_date(message.get(), date);
    g_date_time_unref(date);
    g_mime_message_set_message_id(message.get(), messageId().toUtf8().constData());
    if (!m_inReplyTo.isEmpty())
        g_mime_object_set_header(object, "In-Reply-To", bracketed(m_inReplyTo).toUtf8().constData(),
                                 nullptr);
    if (!m_references.isEmpty()) {
        QStringList ids;
        for (const QString &id : m_references)
            ids.append(bracketed(id));
        g_mime_object_set_header(object, "References", ids.join(u' ').toUtf8().constData(),
                                 nullptr);
    }
    for (const auto &header : m_extraHeaders)
        g_mime_object_set_header(object, header.first.constData(),
                                 header.second.toUtf8().constData(), "utf-8");

    // Body: text, or text + HTML alternatives.
    GMimeObject *body = nullptr;
    if (!m_html.isEmpty()) {
        GMimeMultipart *alternative = g_mime_multipart_new_with_subtype("alternative");
        GPtr<GMimeObject> text(newTextPart("plain", m_text, m_encoding));
        GPtr<GMimeObject> html(newTextPart("html", m_html, m_encoding));
        g_mime_multipart_add(alternative, text.get());
        g_mime_multipart_add(alternative, html.get());
        body = GMIME_OBJECT(alternative);
    } else {
        body = newTextPart("plain", m_text, m_encoding);
    }

    if (!m_attachments.isEmpty()) {
        GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
        g_mime_multipart_add(mixed, body);
        g_object_unref(body);
        body = GMIME_OBJECT(mixed);
        for (const Attachment &a : m_attachments) {
            const QString type = a.contentType.isEmpty()
                ? QStringLiteral("application/octet-stream")
                : a.contentType;
            const qsizetype slash = type.indexOf(u'/');
            const QByteArray major
                = slash > 0 ? type.left(slash).toUtf8() : QByteArrayLiteral("application");
            const QByteArray minor
                = slash > 0 ? type.mid(slash + 1).toUtf8() : QByteArrayLiteral("octet-stream");
            GPtr<GMimePart> part(g_mime_part_new_with_type(major.constData(), minor.constData()));
            GMimeStream *source = nullptr;
            if (!a.path.isEmpty()) {
                GError *err = nullptr;
                source = g_mime_stream_fs_open(QFile::encodeName(a.path).constData(), O_RDONLY, 0,
                                               &err);
                if (!source) {
                    const QString why = err ? QString::fromUtf8(err->message) : QString();
                    if (err)
                        g_error_free(err);
                    g_object_unref(body);
                    return failWith(
                        QStringLiteral("cannot read attachment %1: %2").arg(a.path, why));
                }
            } else {
                source
                    = g_mime_stream_mem_new_with_buffer(a.data.constData(), size_t(a.data.size()));
            }
            GPtr<GMimeDataWrapper> wrapper(
                g_mime_data_wrapper_new_with_stream(source, GMIME_CONTENT_ENCODING_DEFAULT));
            g_object_unref(source);
            g_mime_part_set_content(part.get(), wrapper.get());
            g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_BASE64);
            if (!a.fileName.isEmpty()) {
                g_mime_part_set_filename(part.get(), a.fileName.toUtf8().constData());
                // RFC 2231 names in UTF-8 (GMime would pick the smallest legacy charset).
                setParamCharsetUtf8(g_mime_content_type_get_parameters(
                                        g_mime_object_get_content_type(GMIME_OBJECT(part.get()))),
                                    "name");
            }
            if (a.contentId.isEmpty()) {
                g_mime_object_set_disposition(GMIME_OBJECT(part.get()),
                                              GMIME_DISPOSITION_ATTACHMENT);
            } else {
                g_mime_object_set_disposition(GMIME_OBJECT(part.get()), GMIME_DISPOSITION_INLINE);
                g_mime_part_set_content_id(part.get(), a.contentId.toUtf8().constData());
            }
            if (GMimeContentDisposition *disposition
                = g_mime_object_get_content_disposition(GMIME_OBJECT(part.get())))
                setParamCharsetUtf8(g_mime_content_disposition_get_parameters(disposition),
                                    "filename");
            g_mime_multipart_add(mixed, GMIME_OBJECT(part.get()));
        }
    }
    g_mime_message_set_mime_part(message.get(), body);
    g_object_unref(body);

    FormatOptions format;
    GPtr<GMimeStream> device(newDeviceStream(out));
    // Every bare LF becomes CRLF, whatever a part's content holds.
    GPtr<GMimeStream> filtered(g_mime_stream_filter_new(device.get()));
    GPtr<GMimeFilter> crlf(g_mime_filter_unix2dos_new(FALSE));
    g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), crlf.get());
    const ssize_t written = g_mime_object_write_to_stream(object, format.get(), filtered.get());
    const int flushed = g_mime_stream_flush(filtered.get());
    if (written < 0 || flushed < 0)
        return failWith(QStringLiteral("writing the message failed: %1").arg(out->errorString()));
    return true;
}

QByteArray MessageBuilder::toByteArray(QString *error) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!writeTo(&buffer, error))
        return {};
    return bytes;
}

} // namespace Tributary::Mime
