#pragma once

// Private to connectors/mime: the bridge between GMime 3 and Qt types. Only .cpp files of
// this folder include it, so no GMime type leaks into public headers.

#include "connectors/mime/mimeheaders.h"

// GLib's headers use "signals" as a struct member; Qt may define it as a macro.
#pragma push_macro("signals")
#undef signals
#include <gmime/gmime.h>
#pragma pop_macro("signals")

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>

class QIODevice;

namespace Tributary::Mime::Detail {

// Calls g_mime_init() exactly once per process; safe from any thread.
void ensureInitialized();

struct GObjectUnref
{
    void operator()(gpointer object) const
    {
        if (object)
            g_object_unref(object);
    }
};
template<typename T> using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree
{
    void operator()(gpointer p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

// Parser options for untrusted input: loose RFC compliance, UTF-8 then Windows-1252 as the
// fallback charsets for undeclared 8-bit text, and parser warnings appended (in English)
// to `warnings` when it is not null. The list must outlive the options.
class ParserOptions
{
public:
    explicit ParserOptions(QStringList *warnings);
    ~ParserOptions();
    ParserOptions(const ParserOptions &) = delete;
    ParserOptions &operator=(const ParserOptions &) = delete;
    GMimeParserOptions *get() const { return m_options; }
    // Where later parser warnings go (null: dropped).
    void setWarnings(QStringList *warnings);

private:
    GMimeParserOptions *m_options;
};

// Format options for output: CRLF line endings, RFC 2231 parameters.
class FormatOptions
{
public:
    FormatOptions();
    ~FormatOptions();
    FormatOptions(const FormatOptions &) = delete;
    FormatOptions &operator=(const FormatOptions &) = delete;
    GMimeFormatOptions *get() const { return m_options; }

private:
    GMimeFormatOptions *m_options;
};

// A GMimeStream that reads from / writes to a QIODevice (not owned; it must stay open while
// the stream is used). Sequential devices work for reading and writing; seeking only works
// on random-access devices. Returns a new reference.
GMimeStream *newDeviceStream(QIODevice *device);

// UTF-8 C string (may be null) to QString.
inline QString fromUtf8(const char *text)
{
    return text ? QString::fromUtf8(text) : QString();
}

// Bytes in `charset` to QString. Missing charset: UTF-8 when valid, else Windows-1252.
// Unknown charsets and invalid sequences decode best-effort with a warning.
QString decodeCharset(const QByteArray &bytes, const QByteArray &charset, QStringList *warnings);

QList<Address> fromAddressList(InternetAddressList *list);
QDateTime fromGDateTime(GDateTime *date);

// The transfer-decoded content of a leaf part.
QByteArray decodedContent(GMimePart *part);

} // namespace Tributary::Mime::Detail
