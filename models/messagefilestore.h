#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

class QFile;
class QIODevice;
struct evp_md_ctx_st;

namespace Tributary {

class MessageFileStore;

// SHA-256 of message content through OpenSSL's libcrypto, which uses the CPU's SHA
// instructions where it has them (Qt 6.4's QCryptographicHash is portable C, about four
// times slower). Incremental: addData() any number of times, then result(); reset() starts
// over. result() is the 32-byte digest, or empty if libcrypto failed (out of memory).
class ContentHash
{
public:
    ContentHash();
    ~ContentHash();
    ContentHash(const ContentHash &) = delete;
    ContentHash &operator=(const ContentHash &) = delete;

    void reset();
    void addData(const char *data, qsizetype length);
    void addData(const QByteArray &data) { addData(data.constData(), data.size()); }
    // Ends the digest; call reset() before adding data again.
    QByteArray result();

    // The digest of `data` in one call.
    static QByteArray hash(const QByteArray &data);

private:
    evp_md_ctx_st *m_ctx = nullptr;
    bool m_ok = false;
};

// Streams one message body into the MessageFileStore.
//
//   MessageWriter w(files);
//   if (!w.begin()) ...;            // opens a temp file under messages/tmp/
//   w.append(chunk); ...            // any number of chunks; never needs the whole message
//   if (!w.commit()) ...;           // flush + fsync, rename to messages/ab/cdef..., fsync dir
//   w.sha256();                     // lowercase hex of the content, the file's name
//
// abort() (or destroying an uncommitted writer) removes the temp file. A writer is used
// from one thread; different writers may run on different threads at once.
class MessageWriter
{
public:
    explicit MessageWriter(MessageFileStore &files);
    ~MessageWriter();
    MessageWriter(const MessageWriter &) = delete;
    MessageWriter &operator=(const MessageWriter &) = delete;

    bool begin();
    bool append(const QByteArray &chunk);
    // syncDirectory=false leaves the directory fsync to the caller (see
    // MessageFileStore::syncDirectories), for batches. The file content is always fsynced.
    bool commit(bool syncDirectory = true);
    // For batches (MessageBatch): moves the file into place like commit(false) but does not
    // wait for the disk; its write-back is only started. Nothing may refer to the file (no
    // index row) before the caller made it durable with MessageFileStore::syncFiles() and
    // synced directory(). Content that is already stored under the same name with another
    // size (a file cut short by a crash before it was synced) is replaced.
    bool commitDeferred();
    void abort();

    bool isOpen() const;
    bool isCommitted() const { return m_committed; }
    QString sha256() const { return m_sha256; }
    qint64 size() const { return m_size; }
    // The shard directory the file was renamed into (valid after commit()).
    QString directory() const;
    QString errorString() const { return m_error; }

private:
    bool finish(bool syncContent, bool syncDirectory);

    MessageFileStore &m_files;
    std::unique_ptr<QFile> m_temp;
    ContentHash m_hash;
    QString m_sha256;
    QString m_error;
    qint64 m_size = 0;
    bool m_committed = false;
};

// Content-addressed message bodies: <root>/ab/cdef... where abcdef... is the SHA-256 hex
// of the content. Identical bodies share one file. Temp files live in <root>/tmp/ and are
// removed by open() (they are the remains of an interrupted write).
// Thread-safe: it holds no mutable state after open().
class MessageFileStore
{
public:
    explicit MessageFileStore(const QString &rootDir);

    // Creates the folders and removes orphan temp files. Call before any writer.
    bool open(QString *errorMessage = nullptr);

    QString rootDir() const { return m_root; }
    QString tempDir() const;
    // Path of the file for a SHA-256 hex (whether it exists or not); empty if sha is malformed.
    QString pathFor(const QString &sha256) const;
    bool contains(const QString &sha256) const;
    // Opened read-only, or nullptr if missing.
    std::unique_ptr<QIODevice> open(const QString &sha256) const;
    bool remove(const QString &sha256);
    // Every stored SHA-256 (walks the whole tree: maintenance and tests only).
    QSet<QString> allHashes() const;
    // Number of temp files currently in tmp/ (0 after open()).
    int tempFileCount() const;

    static bool isValidSha256(const QString &sha256);
    // fsync each of these directories once (directory() of committed writers).
    static bool syncDirectories(const QSet<QString> &dirs);
    static bool syncDirectory(const QString &dir);
    // fdatasync each of these files (content of writers committed with commitDeferred()).
    // Started write-backs make this cheap: one journal commit covers them all.
    static bool syncFiles(const QStringList &paths);
    // One syncfs() (Linux) on the file system that holds rootDir(): the content of every
    // file written there and every directory entry (renames, new shard folders) is durable
    // when it returns true. One call instead of one fdatasync per file and one fsync per
    // folder; the price is that it also writes out whatever else is dirty on that file
    // system (other programs' files). False where syncfs() is missing or reports a
    // write-back error: the caller then syncs file by file (syncFiles, syncDirectories).
    bool syncFileSystem() const;

private:
    QString m_root;
};

} // namespace Tributary
