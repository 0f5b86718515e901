#include "error.h"

#include "endpoint.h"

#include <QCryptographicHash>

namespace Tributary::Net {

QByteArray fingerprintSha256(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha256);
}

QByteArray normalizeFingerprint(const QByteArray &fingerprint)
{
    if (fingerprint.size() == 32)
        return fingerprint;
    QByteArray hex;
    hex.reserve(64);
    for (const char c : fingerprint) {
        if (c == ':' || c == ' ')
            continue;
        const bool isHex
            = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!isHex)
            return {};
        hex.append(c);
    }
    if (hex.size() != 64)
        return {};
    return QByteArray::fromHex(hex);
}

QString formatFingerprint(const QByteArray &rawSha256)
{
    return QString::fromLatin1(rawSha256.toHex(':').toUpper());
}

Error::Error(Kind k, const QString &s, const QString &reply)
    : kind(k)
    , step(s)
    , serverReply(reply)
{
}

QString Error::userMessage() const
{
    if (!hint.isEmpty())
        return hint;
    const QString server = host.isEmpty() ? tr("the server") : host;
    const QString reply = serverReply.trimmed();
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::HostNotFound:
        return tr("Could not find the server %1 (DNS).").arg(server);
    case Kind::ConnectionRefused:
        return tr("The server %1 refused the connection on port %2.").arg(server).arg(port);
    case Kind::ConnectTimeout:
        return tr("Could not connect to %1 on port %2 in time.").arg(server).arg(port);
    case Kind::Tls:
        if (!sslErrors.isEmpty())
            return tr("The secure connection (TLS) to %1 failed: %2")
                .arg(server, sslErrors.first().errorString());
        return tr("The secure connection (TLS) to %1 failed: the certificate is not trusted "
                  "or the handshake failed.")
            .arg(server);
    case Kind::TlsNotOffered:
        return tr("The server %1 does not offer an encrypted connection (STARTTLS), so no "
                  "password was sent.")
            .arg(server);
    case Kind::Greeting:
        return reply.isEmpty() ? tr("The server %1 did not greet correctly.").arg(server)
                               : tr("The server %1 refused the session: %2").arg(server, reply);
    case Kind::Authentication:
        return reply.isEmpty() ? tr("Signing in to %1 failed (%2).").arg(server, step)
                               : tr("The server rejected the user name or password: %1").arg(reply);
    case Kind::Command:
        return reply.isEmpty() ? tr("The server refused %1.").arg(step)
                               : tr("The server refused %1: %2").arg(step, reply);
    case Kind::ProtocolViolation:
        return tr("The server %1 sent an answer that does not follow the protocol (%2).")
            .arg(server, step);
    case Kind::Timeout:
        return tr("The server %1 stopped answering (%2).").arg(server, step);
    case Kind::Disconnected:
        return tr("The connection to %1 was closed unexpectedly (%2).").arg(server, step);
    case Kind::Cancelled:
        return tr("Cancelled.");
    case Kind::SizeExceeded:
        return reply.isEmpty()
            ? tr("The message is larger than the server %1 accepts.").arg(server)
            : tr("The message is larger than the server %1 accepts: %2").arg(server, reply);
    }
    return QString();
}

QString Error::details() const
{
    QString text = userMessage();
    if (!step.isEmpty())
        text += QStringLiteral("\nStep: ") + step;
    if (!host.isEmpty())
        text += QStringLiteral("\nServer: ") + host + QLatin1Char(':') + QString::number(port);
    if (!serverReply.isEmpty())
        text += QStringLiteral("\nServer reply: ") + serverReply;
    if (!detail.isEmpty())
        text += QStringLiteral("\nDetail: ") + detail;
    for (const QSslError &e : sslErrors)
        text += QStringLiteral("\nTLS: ") + e.errorString();
    if (!peerFingerprint.isEmpty())
        text += QStringLiteral("\nCertificate SHA-256: ") + formatFingerprint(peerFingerprint);
    return text;
}

} // namespace Tributary::Net
