#include "spamdreply.h"

#include <QList>

namespace Tributary::Spamd {

namespace {

constexpr qsizetype kMaxHeaderBlock = qsizetype(64) * 1024;
constexpr qint64 kMaxBody = qint64(16) * 1024 * 1024;

bool parseNumber(const QByteArray &text, double *value)
{
    bool ok = false;
    *value = text.trimmed().toDouble(&ok);
    return ok;
}

// "True ; 1003.3 / 5.0" (also "Yes"/"False"/"No").
bool parseSpamHeader(const QByteArray &value, Reply *reply)
{
    const qsizetype semi = value.indexOf(';');
    const qsizetype slash = value.indexOf('/', semi + 1);
    if (semi < 0 || slash < 0)
        return false;
    const QByteArray flag = value.left(semi).trimmed().toLower();
    if (flag == "true" || flag == "yes")
        reply->spam = true;
    else if (flag == "false" || flag == "no")
        reply->spam = false;
    else
        return false;
    return parseNumber(value.mid(semi + 1, slash - semi - 1), &reply->score)
        && parseNumber(value.mid(slash + 1), &reply->threshold);
}

} // namespace

ParseStatus parseReply(const QByteArray &data, Reply *reply, qsizetype *used, QString *error)
{
    auto invalid = [error](const QString &why) {
        if (error)
            *error = why;
        return ParseStatus::Invalid;
    };
    // The status line first: refuse garbage early instead of waiting for a blank line.
    const qsizetype firstEnd = data.indexOf('\n');
    const QByteArray probe = data.left(firstEnd < 0 ? data.size() : firstEnd);
    if (!QByteArray("SPAMD/").startsWith(probe.left(6)))
        return invalid(QStringLiteral("the reply does not start with SPAMD/"));
    if (firstEnd < 0)
        return data.size() > kMaxHeaderBlock
            ? invalid(QStringLiteral("the status line is too long"))
            : ParseStatus::Incomplete;

    // "SPAMD/1.1 0 EX_OK"; an error (non-zero code) is the status line alone (spamd closes).
    Reply out;
    const QByteArray status = probe.trimmed();
    const qsizetype sp1 = status.indexOf(' ');
    if (sp1 < 0)
        return invalid(QStringLiteral("no code in the status line"));
    const QByteArray version = status.mid(6, sp1 - 6);
    const qsizetype dot = version.indexOf('.');
    bool majorOk = false;
    bool minorOk = false;
    version.left(dot).toInt(&majorOk);
    version.mid(dot + 1).toInt(&minorOk);
    if (dot <= 0 || !majorOk || !minorOk)
        return invalid(QStringLiteral("bad protocol version in the status line"));
    const qsizetype sp2 = status.indexOf(' ', sp1 + 1);
    bool codeOk = false;
    out.code = status.mid(sp1 + 1, sp2 < 0 ? -1 : sp2 - sp1 - 1).toInt(&codeOk);
    if (!codeOk || out.code < 0)
        return invalid(QStringLiteral("bad code in the status line"));
    out.message = sp2 < 0 ? QString() : QString::fromUtf8(status.mid(sp2 + 1).trimmed());
    if (out.code != 0) {
        *reply = out;
        if (used)
            *used = firstEnd + 1;
        return ParseStatus::Complete;
    }

    qsizetype headerEnd = data.indexOf("\r\n\r\n");
    qsizetype bodyStart = headerEnd < 0 ? -1 : headerEnd + 4;
    const qsizetype lfEnd = data.indexOf("\n\n");
    if (lfEnd >= 0 && (headerEnd < 0 || lfEnd < headerEnd)) {
        headerEnd = lfEnd;
        bodyStart = lfEnd + 2;
    }
    if (headerEnd < 0) {
        return data.size() > kMaxHeaderBlock
            ? invalid(QStringLiteral("the reply headers are too long"))
            : ParseStatus::Incomplete;
    }
    if (headerEnd > kMaxHeaderBlock)
        return invalid(QStringLiteral("the reply headers are too long"));

    const QList<QByteArray> lines = data.left(headerEnd).split('\n');
    qint64 contentLength = -1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return invalid(QStringLiteral("a reply header without ':'"));
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0 || contentLength > kMaxBody)
                return invalid(QStringLiteral("bad Content-length"));
        } else if (name == "spam") {
            if (!parseSpamHeader(value, &out))
                return invalid(QStringLiteral("bad Spam header"));
            out.hasVerdict = true;
        }
    }
    qsizetype end = bodyStart;
    if (contentLength > 0) {
        if (data.size() - bodyStart < contentLength)
            return ParseStatus::Incomplete;
        out.body = data.mid(bodyStart, qsizetype(contentLength));
        end = bodyStart + qsizetype(contentLength);
        for (const QByteArray &s : out.body.trimmed().split(',')) {
            const QByteArray name = s.trimmed();
            if (!name.isEmpty() && name.size() < 256)
                out.symbols.append(QString::fromLatin1(name));
        }
    }
    *reply = out;
    if (used)
        *used = end;
    return ParseStatus::Complete;
}

} // namespace Tributary::Spamd
