#include "connectors/mime/mimeheaders.h"

#include "connectors/mime/gmimesupport_p.h"

#include <QLocale>

namespace Tributary::Mime {

using namespace Detail;

QString Address::toDisplayString() const
{
    if (name.isEmpty())
        return address;
    if (address.isEmpty())
        return name;
    return name + QStringLiteral(" <") + address + u'>';
}

QString decodeHeaderText(const QByteArray &raw, QStringList *warnings)
{
    if (raw.isEmpty())
        return {};
    ParserOptions options(warnings);
    GString_ unfolded(g_mime_utils_header_unfold(raw.constData()));
    if (!unfolded)
        return {};
    GString_ decoded(g_mime_utils_header_decode_text(options.get(), unfolded.get()));
    if (!decoded)
        return {};
    // GMime returns UTF-8; stray invalid bytes become U+FFFD.
    return QString::fromUtf8(decoded.get()).trimmed();
}

QList<Address> parseAddressList(const QByteArray &raw, QStringList *warnings)
{
    if (raw.trimmed().isEmpty())
        return {};
    ParserOptions options(warnings);
    GPtr<InternetAddressList> list(internet_address_list_parse(options.get(), raw.constData()));
    QList<Address> result = fromAddressList(list.get());
    if (result.isEmpty() && warnings && !raw.contains(':'))
        warnings->append(
            QStringLiteral("no address found in \"%1\"").arg(QString::fromUtf8(raw.left(200))));
    return result;
}

QDateTime parseDate(const QByteArray &raw, QStringList *warnings)
{
    const QByteArray text = raw.trimmed();
    if (text.isEmpty())
        return {};
    ensureInitialized();
    GDateTime *parsed = g_mime_utils_header_decode_date(text.constData());
    QDateTime result = fromGDateTime(parsed);
    if (parsed)
        g_date_time_unref(parsed);
    if (!result.isValid() && warnings)
        warnings->append(
            QStringLiteral("unparseable date \"%1\"").arg(QString::fromUtf8(text.left(200))));
    return result;
}

QByteArray formatDate(const QDateTime &date)
{
    if (!date.isValid())
        return {};
    const QLocale c = QLocale::c();
    const int offset = date.offsetFromUtc();
    const int minutes = qAbs(offset) / 60;
    const QString zone
        = QString::asprintf("%c%02d%02d", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
    const QDateTime local = date.toOffsetFromUtc(offset);
    return (c.toString(local, QStringLiteral("ddd, d MMM yyyy HH:mm:ss ")) + zone).toLatin1();
}

QStringList parseMessageIds(const QByteArray &raw)
{
    QStringList ids;
    if (raw.trimmed().isEmpty())
        return ids;
    ParserOptions options(nullptr);
    GMimeReferences *refs = g_mime_references_parse(options.get(), raw.constData());
    if (refs) {
        const int n = g_mime_references_length(refs);
        for (int i = 0; i < n; ++i) {
            const QString id = fromUtf8(g_mime_references_get_message_id(refs, i));
            if (!id.isEmpty())
                ids.append(id);
        }
        g_mime_references_free(refs);
    }
    if (ids.isEmpty()) {
        // A bare id without angle brackets (seen from broken mailers).
        GString_ id(g_mime_utils_decode_message_id(raw.constData()));
        const QString text = id ? QString::fromUtf8(id.get()).trimmed() : QString();
        if (!text.isEmpty() && !text.contains(u' '))
            ids.append(text);
    }
    return ids;
}

QByteArray encodeHeaderText(const QString &text)
{
    FormatOptions format;
    const QByteArray utf8 = text.toUtf8();
    GString_ encoded(g_mime_utils_header_encode_text(format.get(), utf8.constData(), "utf-8"));
    return encoded ? QByteArray(encoded.get()) : QByteArray();
}

} // namespace Tributary::Mime
