#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>

namespace MailGen {

// One folder of the benchmark mailbox, named as an IMAP client sees it (UTF-8, '/' as the
// hierarchy separator). Parents that are not listed here (Projects, Projects/Qt6,
// Rechnungen, 日本語) exist only as \Noselect parents of their children.
struct Folder
{
    QString name;
    int weight = 0; // share of messages, in 1/10000; 0 = the folder stays empty
};

// One generated message. `bytes` is a complete RFC 5322 message with CRLF line ends.
// `flags` are maildir info letters in ASCII order (subset of "DFRS"); `internalDate` is the
// message's Date: as seconds since the epoch.
struct Message
{
    int index = 0;
    int folder = 0; // index into Generator::folders()
    QByteArray bytes;
    QByteArray flags;
    qint64 internalDate = 0;
};

// Deterministic benchmark mail. Message i depends only on (seed, i): generating N messages
// gives a prefix of what N+k gives, whatever order the messages are asked for. The sizes
// follow the benchmark mailbox of the project notes (median about 14 KB, p90 about 65 KB,
// p99 about 860 KB, max about 1.05 MB); small messages are text/plain (8bit or
// quoted-printable UTF-8) or multipart/alternative, large ones multipart/mixed with 1-3
// base64 attachments, some with RFC 2231 UTF-8 file names. Headers are ASCII only:
// non-ASCII subjects and names use RFC 2047 encoded words.
// Thread-safe: generate() is const and keeps no state between calls.
class Generator
{
public:
    explicit Generator(quint64 seed);

    quint64 seed() const { return m_seed; }

    // The 16 selectable folders, INBOX first. The order is part of the format: folder
    // indexes in Message refer to it.
    static const QVector<Folder> &folders();

    // The \Noselect parents that the folder names imply, in order of first appearance.
    static QStringList noselectParents();

    Message generate(int index) const;

private:
    quint64 m_seed;
};

// RFC 3501 section 5.1.3 modified UTF-7 for one mailbox name (the whole name, separators
// included; '/' is not special in it).
QByteArray encodeModifiedUtf7(const QString &name);

} // namespace MailGen
