#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>

namespace Tributary::Net {

// How a connection is secured.
//  None        plain TCP, never upgraded (credentials then travel in the clear: callers
//              offer it only when the user chose it explicitly).
//  StartTls    plain TCP upgraded by the protocol's STARTTLS/STLS command. TLS is REQUIRED:
//              a server that does not offer the upgrade fails with Error::Kind::TlsNotOffered
//              and no credentials are sent.
//  ImplicitTls TLS from the first byte (SMTPS 465, POP3S 995, IMAPS 993).
enum class Security { None, StartTls, ImplicitTls };

// Where and how to connect. A plain value type; copy freely.
struct Endpoint
{
    QString host;
    quint16 port = 0;
    Security security = Security::ImplicitTls;
    // Explicit trust of ONE certificate: the SHA-256 digest of the leaf certificate's DER
    // (32 raw bytes; hex with or without ':' is accepted too, see normalizeFingerprint()).
    // Accepted only when it equals the certificate the server presents; it never turns
    // verification off for any other certificate.
    QByteArray pinnedSha256;
    // CA certificates trusted in addition to the system ones (tests trust the fixture's CA).
    QList<QSslCertificate> extraCaCertificates;
    // Connect timeout, and the longest the server may stay silent while a reply is awaited.
    int timeoutMs = 60000;
};

// The SHA-256 fingerprint of a certificate's DER encoding (32 raw bytes).
QByteArray fingerprintSha256(const QSslCertificate &certificate);

// Accepts 32 raw bytes, 64 hex digits, or hex pairs separated by ':'/' '; returns 32 raw
// bytes, or an empty array when the input is none of these.
QByteArray normalizeFingerprint(const QByteArray &fingerprint);

// "AB:CD:..." for showing a fingerprint to a person.
QString formatFingerprint(const QByteArray &rawSha256);

} // namespace Tributary::Net
