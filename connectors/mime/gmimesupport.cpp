#include "connectors/mime/gmimesupport_p.h"

#include <QIODevice>
#include <QStringDecoder>

#include <mutex>

// ---- a GMimeStream over a QIODevice ----
//
// GMime's parser reads through a GMimeStream; this one forwards to a QIODevice so a message or
// an mbox is parsed straight from a QFile, QBuffer or socket without being loaded whole.

namespace {

struct TributaryDeviceStream
{
    GMimeStream parent;
    QIODevice *device;
    gboolean eos;
};

struct TributaryDeviceStreamClass
{
    GMimeStreamClass parent_class;
};

GType tributary_device_stream_get_type();
G_DEFINE_TYPE(TributaryDeviceStream, tributary_device_stream, GMIME_TYPE_STREAM)

TributaryDeviceStream *asDevice(GMimeStream *stream)
{
    return reinterpret_cast<TributaryDeviceStream *>(stream);
}

ssize_t deviceRead(GMimeStream *stream, char *buf, size_t len)
{
    TributaryDeviceStream *s = asDevice(stream);
    if (!s->device || !s->device->isReadable())
        return -1;
    const qint64 n = s->device->read(buf, qint64(len));
    if (n <= 0) {
        s->eos = TRUE;
        return n < 0 ? -1 : 0;
    }
    stream->position += n;
    return ssize_t(n);
}

ssize_t deviceWrite(GMimeStream *stream, const char *buf, size_t len)
{
    TributaryDeviceStream *s = asDevice(stream);
    if (!s->device || !s->device->isWritable())
        return -1;
    qint64 done = 0;
    while (done < qint64(len)) {
        const qint64 n = s->device->write(buf + done, qint64(len) - done);
        if (n <= 0)
            return done > 0 ? ssize_t(done) : -1;
        done += n;
    }
    stream->position += done;
    return ssize_t(done);
}

int deviceFlush(GMimeStream *)
{
    return 0;
}

int deviceClose(GMimeStream *stream)
{
    asDevice(stream)->device = nullptr; // the device belongs to the caller
    return 0;
}

gboolean deviceEos(GMimeStream *stream)
{
    TributaryDeviceStream *s = asDevice(stream);
    if (!s->device || s->eos)
        return TRUE;
    return !s->device->isSequential() && s->device->atEnd();
}

int deviceReset(GMimeStream *stream)
{
    TributaryDeviceStream *s = asDevice(stream);
    if (!s->device || s->device->isSequential() || !s->device->seek(0))
        return -1;
    s->eos = FALSE;
    stream->position = 0;
    return 0;
}

gint64 deviceSeek(GMimeStream *stream, gint64 offset, GMimeSeekWhence whence)
{
    TributaryDeviceStream *s = asDevice(stream);
    if (!s->device || s->device->isSequential())
        return -1;
    gint64 target = offset;
    if (whence == GMIME_STREAM_SEEK_CUR)
        target = stream->position + offset;
    else if (whence == GMIME_STREAM_SEEK_END)
        target = s->device->size() + offset;
    if (target < 0 || !s->device->seek(target))
        return -1;
    s->eos = FALSE;
    stream->position = target;
    return target;
}

gint64 deviceTell(GMimeStream *stream)
{
    return stream->position;
}

gint64 deviceLength(GMimeStream *stream)
{
    TributaryDeviceStream *s = asDevice(stream);
    if (!s->device || s->device->isSequential())
        return -1;
    return s->device->size();
}

GMimeStream *deviceSubstream(GMimeStream *, gint64, gint64)
{
    return nullptr; // parsers run with persist_stream off and never ask for one
}

void tributary_device_stream_class_init(TributaryDeviceStreamClass *klass)
{
    GMimeStreamClass *streamClass = GMIME_STREAM_CLASS(klass);
    streamClass->read = deviceRead;
    streamClass->write = deviceWrite;
    streamClass->flush = deviceFlush;
    streamClass->close = deviceClose;
    streamClass->eos = deviceEos;
    streamClass->reset = deviceReset;
    streamClass->seek = deviceSeek;
    streamClass->tell = deviceTell;
    streamClass->length = deviceLength;
    streamClass->substream = deviceSubstream;
}

void tributary_device_stream_init(TributaryDeviceStream *stream)
{
    stream->device = nullptr;
    stream->eos = FALSE;
}

QString warningText(GMimeParserWarning code, const char *item)
{
    const QString what = item ? QString::fromUtf8(item).left(200) : QString();
    auto with = [&what](const char *text) {
        const QString base = QString::fromLatin1(text);
        return what.isEmpty() ? base : base + QStringLiteral(": ") + what;
    };
    switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER:
        return with("duplicated header");
    case GMIME_WARN_DUPLICATED_PARAMETER:
        return with("duplicated header parameter");
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
        return with("header with unencoded 8-bit text");
    case GMIME_WARN_INVALID_CONTENT_TYPE:
        return with("invalid content type, assuming application/octet-stream");
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
        return with("invalid RFC 2047 encoded header");
    case GMIME_WARN_MALFORMED_MULTIPART:
        return with("malformed multipart (no parts found)");
    case GMIME_WARN_TRUNCATED_MESSAGE:
        return with("the message is truncated");
    case GMIME_WARN_MALFORMED_MESSAGE:
        return with("the message is malformed");
    case GMIME_CRIT_INVALID_HEADER_NAME:
        return with("invalid header name");
    case GMIME_CRIT_CONFLICTING_HEADER:
        return with("conflicting header");
    case GMIME_CRIT_CONFLICTING_PARAMETER:
        return with("conflicting header parameter");
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
        return with("multipart without a boundary");
    case GMIME_WARN_INVALID_PARAMETER:
        return with("invalid header parameter");
    case GMIME_WARN_INVALID_ADDRESS_LIST:
        return with("invalid address list");
    case GMIME_CRIT_NESTING_OVERFLOW:
        return with("MIME nesting too deep");
    case GMIME_WARN_PART_WITHOUT_CONTENT:
        return with("MIME part without content");
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
        return with("MIME part without headers or content");
    }
    return with("MIME parser warning");
}

void collectWarning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer userData)
{
    auto *warnings = static_cast<QStringList *>(userData);
    if (!warnings || warnings->size() >= 1000)
        return; // hostile input must not grow the list without bound
    QString text = warningText(code, item);
    if (offset >= 0)
        text += QStringLiteral(" (at byte %1)").arg(offset);
    warnings->append(text);
}

} // namespace

namespace Tributary::Mime::Detail {

void ensureInitialized()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

ParserOptions::ParserOptions(QStringList *warnings)
    : m_options((ensureInitialized(), g_mime_parser_options_new()))
{
    static const char *fallback[] = {"UTF-8", "windows-1252", nullptr};
    g_mime_parser_options_set_fallback_charsets(m_options, fallback);
    g_mime_parser_options_set_address_compliance_mode(m_options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(m_options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_rfc2047_compliance_mode(m_options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_allow_addresses_without_domain(m_options, TRUE);
    setWarnings(warnings);
}

void ParserOptions::setWarnings(QStringList *warnings)
{
    g_mime_parser_options_set_warning_callback(m_options, warnings ? collectWarning : nullptr,
                                               warnings);
}

ParserOptions::~ParserOptions()
{
    g_mime_parser_options_free(m_options);
}

FormatOptions::FormatOptions()
    : m_options((ensureInitialized(), g_mime_format_options_new()))
{
    g_mime_format_options_set_newline_format(m_options, GMIME_NEWLINE_FORMAT_DOS);
    g_mime_format_options_set_param_encoding_method(m_options, GMIME_PARAM_ENCODING_METHOD_RFC2231);
}

FormatOptions::~FormatOptions()
{
    g_mime_format_options_free(m_options);
}

GMimeStream *newDeviceStream(QIODevice *device)
{
    ensureInitialized();
    auto *stream
        = static_cast<GMimeStream *>(g_object_new(tributary_device_stream_get_type(), nullptr));
    g_mime_stream_construct(stream, 0, -1);
    asDevice(stream)->device = device;
    return stream;
}

QString decodeCharset(const QByteArray &bytes, const QByteArray &charset, QStringList *warnings)
{
    ensureInitialized();
    // `always`: warn even when the bytes turn out to be valid UTF-8 (e.g. an unknown charset).
    auto fallback = [&](const QString &why, bool always = false) {
        QStringDecoder utf8(QStringDecoder::Utf8);
        QString text = utf8.decode(bytes);
        if (!utf8.hasError()) {
            if (always && warnings)
                warnings->append(why + QStringLiteral("; decoded as UTF-8"));
            return text;
        }
        if (warnings && !why.isEmpty())
            warnings->append(why + QStringLiteral("; decoded as Windows-1252"));
        // Windows-1252 through iconv; Latin-1 when even that is unavailable.
        iconv_t cd = g_mime_iconv_open("UTF-8", "windows-1252");
        // NOLINTNEXTLINE(performance-no-int-to-ptr): iconv_open reports failure as (iconv_t)-1
        if (cd != iconv_t(-1)) {
            GString_ out(g_mime_iconv_strndup(cd, bytes.constData(), size_t(bytes.size())));
            g_mime_iconv_close(cd);
            if (out)
                return QString::fromUtf8(out.get());
        }
        return QString::fromLatin1(bytes);
    };
    const QByteArray name = charset.trimmed();
    if (name.isEmpty())
        return fallback(QStringLiteral("no charset declared for 8-bit text"));
    const char *iconvName = g_mime_charset_iconv_name(name.constData());
    const QByteArray canon = QByteArray(iconvName ? iconvName : name.constData()).toLower();
    if (canon == "utf-8" || canon == "utf8" || canon == "us-ascii" || canon == "ascii") {
        QStringDecoder utf8(QStringDecoder::Utf8);
        QString text = utf8.decode(bytes);
        if (utf8.hasError())
            return fallback(QStringLiteral("invalid %1 text").arg(QString::fromLatin1(name)));
        return text;
    }
    iconv_t cd = g_mime_iconv_open("UTF-8", iconvName ? iconvName : name.constData());
    // NOLINTNEXTLINE(performance-no-int-to-ptr): iconv_open reports failure as (iconv_t)-1
    if (cd == iconv_t(-1))
        return fallback(
            QStringLiteral("unknown charset \"%1\"").arg(QString::fromLatin1(name.left(64))), true);
    GString_ out(g_mime_iconv_strndup(cd, bytes.constData(), size_t(bytes.size())));
    g_mime_iconv_close(cd);
    if (!out)
        return fallback(
            QStringLiteral("text is not valid %1").arg(QString::fromLatin1(name.left(64))));
    return QString::fromUtf8(out.get());
}

QList<Address> fromAddressList(InternetAddressList *list)
{
    QList<Address> result;
    if (!list)
        return result;
    const int n = internet_address_list_length(list);
    for (int i = 0; i < n; ++i) {
        InternetAddress *ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            result.append(
                {fromUtf8(internet_address_get_name(ia)).trimmed(),
                 fromUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)))});
        } else if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            result
                += fromAddressList(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)));
        }
    }
    return result;
}

QDateTime fromGDateTime(GDateTime *date)
{
    if (!date)
        return {};
    const qint64 secs = g_date_time_to_unix(date);
    const int offset = int(g_date_time_get_utc_offset(date) / G_TIME_SPAN_SECOND);
    return QDateTime::fromSecsSinceEpoch(secs, Qt::OffsetFromUTC, offset);
}

QByteArray decodedContent(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content)
        return {};
    GPtr<GMimeStream> mem(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, mem.get());
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    return QByteArray(reinterpret_cast<const char *>(array->data), int(array->len));
}

} // namespace Tributary::Mime::Detail
