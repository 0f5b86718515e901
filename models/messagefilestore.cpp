#include "messagefilestore.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <openssl/evp.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Tributary {

namespace {

// User words of the message files, under the translation context Tributary::MessageFileStore.
struct FileStoreText
{
    Q_DECLARE_TR_FUNCTIONS(Tributary::MessageFileStore)
};

bool fsyncFile(QFile &file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_UNIX
    return ::fsync(file.handle()) == 0;
#else
    return true;
#endif
}

// Flushes Qt's buffer and asks the kernel to start writing the file out, without waiting
// (Linux); a later fdatasync() then finds little left to do.
bool startWriteBack(QFile &file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_LINUX
    ::sync_file_range(file.handle(), 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
    return true;
}

#ifdef Q_OS_UNIX
// Opens `dir` and calls `sync` (fsync, syncfs) on it; failures are logged.
bool syncThroughDirectory(const QString &dir, int (*sync)(int), const char *what)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        qCWarning(lcStore) << "cannot open directory for" << what << dir << std::strerror(errno);
        return false;
    }
    const bool ok = sync(fd) == 0;
    if (!ok)
        qCWarning(lcStore) << what << "failed on" << dir << std::strerror(errno);
    ::close(fd);
    return ok;
}
#endif

// A temp file name in `dir` that no other writer uses: this process's id, a process-wide
// sequence number and a random part (against a name left by an earlier process of the same
// id, until MessageFileStore::open() removes it).
QString uniqueTempName(const QString &dir)
{
    static std::atomic<quint64> sequence {0};
    return dir + QStringLiteral("/msg-") + QString::number(QCoreApplication::applicationPid())
        + QLatin1Char('-') + QString::number(++sequence) + QLatin1Char('-')
        + QString::number(QRandomGenerator::global()->generate(), 16) + QStringLiteral(".tmp");
}

} // namespace

// --- ContentHash ---

ContentHash::ContentHash()
    : m_ctx(EVP_MD_CTX_new())
{
    reset();
}

ContentHash::~ContentHash()
{
    EVP_MD_CTX_free(m_ctx);
}

void ContentHash::reset()
{
    m_ok = m_ctx && EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr) == 1;
}

void ContentHash::addData(const char *data, qsizetype length)
{
    if (m_ok && length > 0)
        m_ok = EVP_DigestUpdate(m_ctx, data, size_t(length)) == 1;
}

QByteArray ContentHash::result()
{
    if (!m_ok)
        return QByteArray();
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    m_ok
        = EVP_DigestFinal_ex(m_ctx, reinterpret_cast<unsigned char *>(digest.data()), &length) == 1;
    if (!m_ok)
        return QByteArray();
    digest.truncate(qsizetype(length));
    return digest;
}

QByteArray ContentHash::hash(const QByteArray &data)
{
    ContentHash h;
    h.addData(data);
    return h.result();
}

// --- MessageWriter ---

MessageWriter::MessageWriter(MessageFileStore &files)
    : m_files(files)
{
}

MessageWriter::~MessageWriter()
{
    if (!m_committed)
        abort();
}

bool MessageWriter::isOpen() const
{
    return m_temp && m_temp->isOpen();
}

bool MessageWriter::begin()
{
    abort();
    m_hash.reset();
    m_sha256.clear();
    m_error.clear();
    m_size = 0;
    m_committed = false;
    // One open() that creates a new file (O_CREAT|O_EXCL, O_CLOEXEC from Qt) under a name no
    // other writer uses; QTemporaryFile took an O_TMPFILE open, a link, a close and a reopen.
    auto file = std::make_unique<QFile>();
    for (int attempt = 0; attempt < 4; ++attempt) {
        file->setFileName(uniqueTempName(m_files.tempDir()));
        if (file->open(QIODevice::WriteOnly | QIODevice::NewOnly,
                       QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            break;
    }
    if (!file->isOpen()) {
        m_error = FileStoreText::tr("A message file could not be created in %1 (%2).")
                      .arg(QDir::toNativeSeparators(m_files.tempDir()), file->errorString());
        qCWarning(lcStore) << m_error;
        return false;
    }
    m_temp = std::move(file);
    return true;
}

bool MessageWriter::append(const QByteArray &chunk)
{
    if (!isOpen()) {
        m_error = FileStoreText::tr("No message file is open for writing.");
        return false;
    }
    if (m_temp->write(chunk) != chunk.size()) {
        m_error = FileStoreText::tr("Writing a message file failed (%1). Is the disk full?")
                      .arg(m_temp->errorString());
        qCWarning(lcStore) << m_error;
        return false;
    }
    m_hash.addData(chunk);
    m_size += chunk.size();
    return true;
}

bool MessageWriter::commit(bool syncDirectory)
{
    return finish(true, syncDirectory);
}

bool MessageWriter::commitDeferred()
{
    return finish(false, false);
}

bool MessageWriter::finish(bool syncContent, bool syncDirectory)
{
    if (!isOpen()) {
        m_error = FileStoreText::tr("No message file is open for writing.");
        return false;
    }
    const bool written = syncContent ? fsyncFile(*m_temp) : startWriteBack(*m_temp);
    if (!written) {
        m_error = FileStoreText::tr("A message file could not be saved to disk (%1).")
                      .arg(m_temp->errorString());
        qCWarning(lcStore) << m_error;
        abort();
        return false;
    }
    m_temp->close();
    const QByteArray digest = m_hash.result();
    if (digest.isEmpty()) {
        m_error = FileStoreText::tr("The content address of a message could not be computed.");
        qCWarning(lcStore) << m_error;
        abort();
        return false;
    }
    const QString sha = QString::fromLatin1(digest.toHex());
    const QString target = m_files.pathFor(sha);
    const QString dir = QFileInfo(target).absolutePath();
    bool newDir = false;
    if (!QFileInfo::exists(dir)) {
        if (!QDir().mkpath(dir)) {
            m_error = FileStoreText::tr("The message folder %1 could not be created.")
                          .arg(QDir::toNativeSeparators(dir));
            abort();
            return false;
        }
        newDir = true;
    }
    const QFileInfo existing(target);
    if (existing.exists() && existing.size() == m_size) {
        // Same content already stored (content-addressed): keep the existing file. The size
        // check catches a file of a deferred batch that a crash cut short before its sync (it
        // was never indexed): the rename below replaces it. The kept file may still be
        // another batch's unsynced one, so a synced commit syncs it as well.
        QFile::remove(m_temp->fileName());
        if (syncContent && !MessageFileStore::syncFiles({target})) {
            m_error = FileStoreText::tr("A message file could not be saved to disk (%1).")
                          .arg(QDir::toNativeSeparators(target));
            abort();
            return false;
        }
    } else if (::rename(QFile::encodeName(m_temp->fileName()).constData(),
                        QFile::encodeName(target).constData())
               != 0) {
        m_error = FileStoreText::tr("A message file could not be moved into place (%1).")
                      .arg(QString::fromLocal8Bit(std::strerror(errno)));
        qCWarning(lcStore) << m_error;
        abort();
        return false;
    }
    m_temp.reset();
    m_sha256 = sha;
    m_committed = true;
    if (newDir && syncContent && !MessageFileStore::syncDirectory(m_files.rootDir())) {
        m_error = FileStoreText::tr("The message folder could not be saved to disk.");
        return false;
    }
    if (syncDirectory && !MessageFileStore::syncDirectory(dir)) {
        m_error = FileStoreText::tr("The message folder could not be saved to disk.");
        return false;
    }
    return true;
}

void MessageWriter::abort()
{
    if (m_temp) {
        const QString name = m_temp->fileName();
        m_temp->close();
        QFile::remove(name);
        m_temp.reset();
    }
}

QString MessageWriter::directory() const
{
    if (m_sha256.isEmpty())
        return QString();
    return QFileInfo(m_files.pathFor(m_sha256)).absolutePath();
}

// --- MessageFileStore ---

MessageFileStore::MessageFileStore(const QString &rootDir)
    : m_root(QDir(rootDir).absolutePath())
{
}

QString MessageFileStore::tempDir() const
{
    return m_root + QStringLiteral("/tmp");
}

bool MessageFileStore::open(QString *errorMessage)
{
    if (!QDir().mkpath(tempDir())) {
        if (errorMessage)
            *errorMessage = FileStoreText::tr("The message folder %1 could not be created.")
                                .arg(QDir::toNativeSeparators(m_root));
        return false;
    }
    QDir temp(tempDir());
    const QStringList leftovers = temp.entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : leftovers) {
        if (temp.remove(name))
            qCInfo(lcStore) << "removed an interrupted message write:" << name;
    }
    syncDirectory(tempDir());
    return true;
}

bool MessageFileStore::isValidSha256(const QString &sha256)
{
    if (sha256.size() != 64)
        return false;
    for (QChar c : sha256) {
        const ushort u = c.unicode();
        if (!((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f')))
            return false;
    }
    return true;
}

QString MessageFileStore::pathFor(const QString &sha256) const
{
    if (!isValidSha256(sha256))
        return QString();
    return m_root + QLatin1Char('/') + sha256.left(2) + QLatin1Char('/') + sha256.mid(2);
}

bool MessageFileStore::contains(const QString &sha256) const
{
    const QString path = pathFor(sha256);
    return !path.isEmpty() && QFileInfo::exists(path);
}

std::unique_ptr<QIODevice> MessageFileStore::open(const QString &sha256) const
{
    const QString path = pathFor(sha256);
    if (path.isEmpty())
        return nullptr;
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return nullptr;
    return file;
}

bool MessageFileStore::remove(const QString &sha256)
{
    const QString path = pathFor(sha256);
    return !path.isEmpty() && QFile::remove(path);
}

QSet<QString> MessageFileStore::allHashes() const
{
    QSet<QString> result;
    const QStringList shards = QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &shard : shards) {
        if (shard.size() != 2)
            continue;
        const QStringList files = QDir(m_root + QLatin1Char('/') + shard).entryList(QDir::Files);
        for (const QString &name : files) {
            const QString sha = shard + name;
            if (isValidSha256(sha))
                result.insert(sha);
        }
    }
    return result;
}

int MessageFileStore::tempFileCount() const
{
    return int(QDir(tempDir()).entryList(QDir::Files | QDir::Hidden | QDir::System).size());
}

bool MessageFileStore::syncDirectory(const QString &dir)
{
#ifdef Q_OS_UNIX
    return syncThroughDirectory(dir, ::fsync, "fsync");
#else
    Q_UNUSED(dir);
    return true;
#endif
}

bool MessageFileStore::syncFiles(const QStringList &paths)
{
    bool ok = true;
#ifdef Q_OS_UNIX
    for (const QString &path : paths) {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0 || ::fdatasync(fd) != 0) {
            qCWarning(lcStore) << "message file fsync failed" << path << std::strerror(errno);
            ok = false;
        }
        if (fd >= 0)
            ::close(fd);
    }
#else
    Q_UNUSED(paths);
#endif
    return ok;
}

bool MessageFileStore::syncFileSystem() const
{
#ifdef Q_OS_LINUX
    // Since Linux 5.8 syncfs() also reports write-back errors of the file system.
    return syncThroughDirectory(m_root, ::syncfs, "syncfs");
#else
    return false;
#endif
}

bool MessageFileStore::syncDirectories(const QSet<QString> &dirs)
{
    bool ok = true;
    for (const QString &dir : dirs)
        ok = syncDirectory(dir) && ok;
    return ok;
}

} // namespace Tributary
