#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

namespace Tributary::Net {

// The outcome of a connector operation, as a value. `kind` says what failed; `step` names
// the protocol step in plain words ("connect", "TLS", "greeting", "AUTH PLAIN", "RCPT TO");
// `serverReply` holds the server's own words (never a credential). userMessage() is the
// translated sentence a dialog shows; details() is the longer text for logs.
class Error
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(Tributary::Net::Error)
public:
    enum class Kind {
        None,
        HostNotFound, // DNS lookup failed
        ConnectionRefused, // TCP refused
        ConnectTimeout, // no TCP/TLS connection within the timeout
        Tls, // certificate or handshake; see sslErrors / peerFingerprint
        TlsNotOffered, // TLS required, server does not offer STARTTLS/STLS
        Greeting, // the server's greeting was missing or negative
        Authentication, // credentials rejected, or no usable mechanism
        Command, // the server refused a command
        ProtocolViolation, // the server sent something that is not the protocol
        Timeout, // the server stopped answering
        Disconnected, // the connection closed unexpectedly
        Cancelled, // cancel() was called
        SizeExceeded, // message larger than the server accepts
    };
    Q_ENUM(Kind)

    Error() = default;
    Error(Kind kind, const QString &step, const QString &serverReply = QString());

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }

    // One sentence naming the step, e.g. "Could not find the server imap.example.com (DNS)."
    QString userMessage() const;
    // userMessage() plus technical detail (socket error text, TLS errors, fingerprint).
    QString details() const;

    Kind kind = Kind::None;
    QString step;
    QString serverReply;
    // Technical text for logs (socket error string, parser complaint). Not shown as is.
    QString detail;
    // When set, replaces the generic sentence of userMessage() (used for specific cases
    // such as "the server does not accept 8-bit messages").
    QString hint;
    QString host;
    quint16 port = 0;
    // Kind::Tls: what was wrong and which certificate was presented, so a dialog can offer
    // "trust this certificate" (by putting peerFingerprint into Endpoint::pinnedSha256).
    QList<QSslError> sslErrors;
    QByteArray peerFingerprint; // SHA-256 of the leaf's DER, raw 32 bytes
    QSslCertificate peerCertificate;
};

} // namespace Tributary::Net

Q_DECLARE_METATYPE(Tributary::Net::Error)
