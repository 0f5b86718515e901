#include "connectors/mime/mimemessage.h"

#include "connectors/common/logging.h"
#include "connectors/mime/gmimesupport_p.h"

#include <QBuffer>
#include <QFile>
#include <QIODevice>

#include <vector>

namespace Tributary::Mime {

using namespace Detail;

class MessagePrivate
{
public:
    GPtr<GMimeMessage> message;
    MessageHeaders headers;
    QString text;
    QString html;
    QList<AttachmentInfo> attachments;
    std::vector<GPtr<GMimeObject>> attachmentObjects;
    QStringList warnings;

    QByteArray rawHeader(GMimeObject *object, const char *name) const;
    void extract();
    void walk(GMimeObject *object, int depth);
    void addAttachment(GMimeObject *object, AttachmentInfo info);
};

namespace {

constexpr int MaxDepth = 64;

bool sameText(const char *a, const char *b)
{
    return a && b && g_ascii_strcasecmp(a, b) == 0;
}

QString mimeTypeOf(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type)
        return QStringLiteral("application/octet-stream");
    GString_ mime(g_mime_content_type_get_mime_type(type));
    return mime ? QString::fromUtf8(mime.get()).toLower()
                : QStringLiteral("application/octet-stream");
}

QString stripBrackets(QString id)
{
    id = id.trimmed();
    if (id.startsWith(u'<') && id.endsWith(u'>'))
        id = id.mid(1, id.size() - 2);
    return id;
}

} // namespace

QByteArray MessagePrivate::rawHeader(GMimeObject *object, const char *name) const
{
    GMimeHeaderList *list = g_mime_object_get_header_list(object);
    GMimeHeader *header = list ? g_mime_header_list_get_header(list, name) : nullptr;
    const char *raw = header ? g_mime_header_get_raw_value(header) : nullptr;
    if (!raw)
        return {};
    GString_ unfolded(g_mime_utils_header_unfold(raw));
    return unfolded ? QByteArray(unfolded.get()).trimmed() : QByteArray();
}

void MessagePrivate::extract()
{
    GMimeMessage *msg = message.get();
    GMimeObject *object = GMIME_OBJECT(msg);
    headers.from = fromAddressList(g_mime_message_get_from(msg));
    headers.to = fromAddressList(g_mime_message_get_to(msg));
    headers.cc = fromAddressList(g_mime_message_get_cc(msg));
    headers.bcc = fromAddressList(g_mime_message_get_bcc(msg));
    headers.replyTo = fromAddressList(g_mime_message_get_reply_to(msg));
    headers.subject = fromUtf8(g_mime_message_get_subject(msg)).trimmed();
    headers.date = parseDate(rawHeader(object, "Date"), &warnings);
    headers.messageId = stripBrackets(fromUtf8(g_mime_message_get_message_id(msg)));
    const QStringList inReplyTo = parseMessageIds(rawHeader(object, "In-Reply-To"));
    headers.inReplyTo = inReplyTo.isEmpty() ? QString() : inReplyTo.first();
    headers.references = parseMessageIds(rawHeader(object, "References"));
    const QString listId = decodeHeaderText(rawHeader(object, "List-Id"), &warnings);
    const qsizetype open = listId.lastIndexOf(u'<');
    const qsizetype close = listId.lastIndexOf(u'>');
    headers.listId
        = (open >= 0 && close > open) ? listId.mid(open + 1, close - open - 1).trimmed() : listId;

    if (GMimeObject *body = g_mime_message_get_mime_part(msg))
        walk(body, 0);
}

void MessagePrivate::walk(GMimeObject *object, int depth)
{
    if (depth > MaxDepth) {
        warnings.append(
            QStringLiteral("MIME structure nested deeper than %1 levels; the rest is ignored")
                .arg(MaxDepth));
        return;
    }
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        const int n = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < n; ++i)
            walk(g_mime_multipart_get_part(multipart, i), depth + 1);
        if (n == 0) {
            // No part matched the boundary: show what there is rather than nothing.
            const QByteArray prologue = g_mime_multipart_get_prologue(multipart);
            if (!prologue.trimmed().isEmpty() && text.isEmpty()) {
                warnings.append(
                    QStringLiteral("multipart without parts; its raw content is shown as text"));
                text = decodeCharset(prologue, QByteArray(), nullptr);
            }
        }
        return;
    }
    const char *disposition = g_mime_object_get_disposition(object);
    const bool isAttachment = sameText(disposition, "attachment");
    const bool isInline = sameText(disposition, "inline");

    if (GMIME_IS_MESSAGE_PART(object)) {
        AttachmentInfo info;
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        info.fileName
            = fromUtf8(g_mime_object_get_content_disposition_parameter(object, "filename"));
        if (info.fileName.isEmpty() && inner) {
            const QString subject = fromUtf8(g_mime_message_get_subject(inner)).trimmed();
            info.fileName = (subject.isEmpty() ? QStringLiteral("message") : subject)
                + QStringLiteral(".eml");
        }
        info.contentType = mimeTypeOf(object);
        if (inner) {
            // Count what reaches the stream: the return value counts bytes before filters.
            GPtr<GMimeStream> counter(g_mime_stream_null_new());
            g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, counter.get());
            info.size = qint64(GMIME_STREAM_NULL(counter.get())->written);
        }
        info.isInline = isInline;
        addAttachment(object, info);
        return;
    }
    if (!GMIME_IS_PART(object))
        return;

    GMimePart *part = GMIME_PART(object);
    const QString fileName = fromUtf8(g_mime_part_get_filename(part));
    const QString mime = mimeTypeOf(object);
    const bool isText = mime == QLatin1String("text/plain");
    const bool isHtml = mime == QLatin1String("text/html");
    if ((isText || (isHtml && html.isEmpty())) && !isAttachment && fileName.isEmpty()) {
        const QByteArray charset = g_mime_object_get_content_type_parameter(object, "charset");
        const QString decoded = decodeCharset(decodedContent(part), charset, &warnings);
        if (isHtml) {
            html = decoded;
        } else {
            if (!text.isEmpty() && !text.endsWith(u'\n'))
                text += u'\n';
            text += decoded;
        }
        return;
    }

    AttachmentInfo info;
    info.fileName = fileName;
    info.contentType = mime;
    if (GMimeDataWrapper *content = g_mime_part_get_content(part)) {
        GPtr<GMimeStream> counter(g_mime_stream_null_new());
        g_mime_data_wrapper_write_to_stream(content, counter.get());
        info.size = qint64(GMIME_STREAM_NULL(counter.get())->written);
    }
    info.contentId = stripBrackets(fromUtf8(g_mime_object_get_content_id(object)));
    info.isInline = isInline;
    addAttachment(object, info);
}

void MessagePrivate::addAttachment(GMimeObject *object, AttachmentInfo info)
{
    g_object_ref(object);
    attachmentObjects.emplace_back(object);
    attachments.append(info);
}

// ---- Message ----

Message::Message() = default;

namespace {

QSharedPointer<MessagePrivate> parseWith(GMimeParser *parser, ParserOptions &options,
                                         QStringList *extraWarnings = nullptr)
{
    auto d = QSharedPointer<MessagePrivate>::create();
    options.setWarnings(&d->warnings);
    GMimeMessage *message = g_mime_parser_construct_message(parser, options.get());
    options.setWarnings(nullptr);
    if (extraWarnings)
        d->warnings = *extraWarnings + d->warnings;
    if (!message)
        return {};
    d->message.reset(message);
    d->extract();
    return d;
}

} // namespace

Message Message::fromDevice(QIODevice *device)
{
    Message result;
    if (!device || !device->isReadable())
        return result;
    ParserOptions options(nullptr);
    GPtr<GMimeStream> stream(newDeviceStream(device));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_persist_stream(parser.get(), FALSE);
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    result.d = parseWith(parser.get(), options);
    return result;
}

Message Message::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcMime) << "cannot open" << path << file.errorString();
        return {};
    }
    return fromDevice(&file);
}

Message Message::fromData(const QByteArray &data)
{
    QByteArray copy = data;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return fromDevice(&buffer);
}

bool Message::isValid() const
{
    return d && d->message;
}
MessageHeaders Message::headers() const
{
    return d ? d->headers : MessageHeaders();
}
QString Message::textBody() const
{
    return d ? d->text : QString();
}
QString Message::htmlBody() const
{
    return d ? d->html : QString();
}
QList<AttachmentInfo> Message::attachments() const
{
    return d ? d->attachments : QList<AttachmentInfo>();
}
QStringList Message::warnings() const
{
    return d ? d->warnings : QStringList();
}

QByteArray Message::rawHeader(const QByteArray &name) const
{
    if (!d || !d->message)
        return {};
    return d->rawHeader(GMIME_OBJECT(d->message.get()), name.constData());
}

bool Message::saveAttachment(int index, QIODevice *out, QString *error) const
{
    auto setError = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (!d || index < 0 || size_t(index) >= d->attachmentObjects.size())
        return setError(QStringLiteral("no attachment number %1").arg(index));
    if (!out || !out->isWritable())
        return setError(QStringLiteral("the output device is not open for writing"));
    GMimeObject *object = d->attachmentObjects[size_t(index)].get();
    GPtr<GMimeStream> stream(newDeviceStream(out));
    ssize_t written = -1;
    if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        written
            = inner ? g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, stream.get()) : 0;
    } else if (GMIME_IS_PART(object)) {
        GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(object));
        written = content ? g_mime_data_wrapper_write_to_stream(content, stream.get()) : 0;
    }
    g_mime_stream_flush(stream.get());
    if (written < 0)
        return setError(
            QStringLiteral("writing the attachment failed: %1").arg(out->errorString()));
    return true;
}

// ---- MboxReader ----

class MboxReader::Private
{
public:
    explicit Private(QIODevice *device)
        : options(nullptr)
        , stream(newDeviceStream(device))
        , parser(g_mime_parser_new_with_stream(stream.get()))
    {
        g_mime_parser_set_persist_stream(parser.get(), FALSE);
        g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MBOX);
        g_mime_parser_set_respect_content_length(parser.get(), FALSE);
    }
    ParserOptions options;
    GPtr<GMimeStream> stream;
    GPtr<GMimeParser> parser;
    QByteArray envelope;
};

MboxReader::MboxReader(QIODevice *device)
    : d(std::make_unique<Private>(device))
{
}

MboxReader::~MboxReader() = default;

bool MboxReader::readNext(Message *message)
{
    if (g_mime_parser_eos(d->parser.get()))
        return false;
    auto parsed = parseWith(d->parser.get(), d->options);
    if (!parsed)
        return false;
    GString_ marker(g_mime_parser_get_mbox_marker(d->parser.get()));
    d->envelope = marker ? QByteArray(marker.get()).trimmed() : QByteArray();
    if (message)
        message->d = parsed;
    return true;
}

QByteArray MboxReader::envelopeLine() const
{
    return d->envelope;
}

} // namespace Tributary::Mime
