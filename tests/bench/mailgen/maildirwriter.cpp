#include "maildirwriter.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace MailGen {

MaildirWriter::MaildirWriter(const QString &root, Layout layout)
    : m_root(root)
    , m_layout(layout)
{
    for (const Folder &f : Generator::folders())
        m_paths << folderPath(m_root, m_layout, f.name);
}

void MaildirWriter::setOwner(uid_t uid, gid_t gid)
{
    m_chown = true;
    m_uid = uid;
    m_gid = gid;
}

QString MaildirWriter::folderPath(const QString &root, Layout layout, const QString &imapName)
{
    if (imapName == QStringLiteral("INBOX"))
        return root;
    QByteArray encoded = encodeModifiedUtf7(imapName);
    if (layout == Layout::MaildirPlusPlus) {
        encoded.replace('/', '.');
        return root + QStringLiteral("/.") + QString::fromLatin1(encoded);
    }
    return root + QLatin1Char('/') + QString::fromLatin1(encoded);
}

QString MaildirWriter::folderPath(int folderIndex) const
{
    return m_paths.value(folderIndex);
}

bool MaildirWriter::makeDir(const QString &path)
{
    // Create each missing level so that chown reaches the intermediate ones too.
    const QString clean = QDir::cleanPath(path);
    QStringList missing;
    QString p = clean;
    while (!p.isEmpty() && !QFileInfo::exists(p)) {
        missing.prepend(p);
        const int slash = p.lastIndexOf(QLatin1Char('/'));
        if (slash <= 0)
            break;
        p.truncate(slash);
    }
    for (const QString &dir : std::as_const(missing)) {
        const QByteArray native = QFile::encodeName(dir);
        if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST) {
            m_error = QStringLiteral("cannot create %1: %2")
                          .arg(dir, QString::fromLocal8Bit(strerror(errno)));
            return false;
        }
        if (m_chown && ::chown(native.constData(), m_uid, m_gid) != 0) {
            m_error = QStringLiteral("cannot chown %1: %2")
                          .arg(dir, QString::fromLocal8Bit(strerror(errno)));
            return false;
        }
    }
    return true;
}

bool MaildirWriter::createFolders()
{
    if (!makeDir(m_root))
        return false;
    for (const QString &path : std::as_const(m_paths)) {
        for (const char *sub : {"cur", "new", "tmp"}) {
            if (!makeDir(path + QLatin1Char('/') + QLatin1String(sub)))
                return false;
        }
    }
    return true;
}

bool MaildirWriter::write(const Message &message, quint64 seed)
{
    const QByteArray size = QByteArray::number(message.bytes.size());
    const QByteArray name = QByteArray::number(message.internalDate) + ".M"
        + QByteArray::number(message.index) + 'P' + QByteArray::number(seed) + ".mailgen,S=" + size
        + ",W=" + size + ":2," + message.flags;
    const QByteArray path = QFile::encodeName(m_paths.at(message.folder)) + "/cur/" + name;
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        m_error = QStringLiteral("cannot create %1: %2")
                      .arg(QFile::decodeName(path), QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    const char *data = message.bytes.constData();
    qsizetype left = message.bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_error = QStringLiteral("cannot write %1: %2")
                          .arg(QFile::decodeName(path), QString::fromLocal8Bit(strerror(errno)));
            ::close(fd);
            return false;
        }
        data += n;
        left -= n;
    }
    const struct timespec times[2]
        = {{time_t(message.internalDate), 0}, {time_t(message.internalDate), 0}};
    ::futimens(fd, times);
    if (m_chown && ::fchown(fd, m_uid, m_gid) != 0) {
        m_error = QStringLiteral("cannot chown %1: %2")
                      .arg(QFile::decodeName(path), QString::fromLocal8Bit(strerror(errno)));
        ::close(fd);
        return false;
    }
    if (::close(fd) != 0) {
        m_error = QStringLiteral("cannot close %1: %2")
                      .arg(QFile::decodeName(path), QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    return true;
}

} // namespace MailGen
