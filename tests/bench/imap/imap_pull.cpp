// bench_imap_pull: our side of the IMAP benchmark. Logs in with Tributary::Imap, lists
// every folder, and for each selectable one EXAMINEs it and pulls all messages with one
// pipelined UidFetchJob (UID FETCH 1:* (FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])),
// streaming each body straight into a file of a maildir under --out (the same layout
// mbsync's "SubFolders Verbatim" makes). Durability as a mail store needs it, batched on a
// writer thread while the network side goes on receiving (see Durability below): a message
// appears in cur/ only after its bytes are on disk.
//
//   bench_imap_pull --host H --port P --user U [--tls --ca FILE] (--out DIR | --no-store)
//                   [--batch 500] [--depth 4] [--sync-batch 256] [--durability
//                   syncfs|filesync|none]
// The password comes from $BENCH_IMAP_PASSWORD (never argv). On success the last line on
// stdout is "messages=N bytes=B folders=F" and the exit code 0.
#include "connectors/imap/imapauthjobs.h"
#include "connectors/imap/imapmailboxjobs.h"
#include "connectors/imap/imapmessagejobs.h"
#include "connectors/imap/imapsession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QTextStream>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace Tributary;

namespace {

// A message file written and closed by the network side, waiting to become durable.
struct PendingFile
{
    int fd = -1;
    QByteArray tmpPath;
    QByteArray finalPath;
    QByteArray curDir;
};

// How finished files become durable (--durability):
//   SyncFs     per batch one syncfs() of the output file system (all files of the batch and
//              the renames of the batch before it), then rename tmp/ -> cur/; one last
//              syncfs() at the end. About one device flush per batch.
//   FileSync   per file fdatasync() before its rename, then one fsync() per touched cur/
//              folder: the classic per-message way (one device flush per message).
//   None       rename only (like mbsync's "FSync no").
enum class Durability { SyncFs, FileSync, None };

// Makes finished files durable in batches on its own thread, so that the network side goes
// on receiving meanwhile. Errors are remembered and reported by finish().
class SyncWriter
{
public:
    SyncWriter(int batch, Durability durability)
        : m_batch(batch)
        , m_durability(durability)
        , m_thread([this] { loop(); })
    {
    }

    ~SyncWriter() { finish(); }

    void add(PendingFile file)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(file));
        if (int(m_queue.size()) >= m_batch)
            m_wake.notify_one();
    }

    // Drains everything, makes it durable and stops the thread; returns the first error
    // (empty: none).
    QString finish()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();
        return m_error;
    }

private:
    void loop()
    {
        for (;;) {
            std::deque<PendingFile> batch;
            bool last = false;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_wake.wait(lock, [this] { return m_done || int(m_queue.size()) >= m_batch; });
                batch.swap(m_queue);
                last = m_done;
            }
            flush(batch, last);
            if (last)
                return;
        }
    }

    void flush(std::deque<PendingFile> &batch, bool last)
    {
        if (m_durability == Durability::SyncFs && !batch.empty()) {
            if (::syncfs(batch.front().fd) != 0)
                setError(QStringLiteral("syncfs: %1").arg(QString::fromLocal8Bit(strerror(errno))));
        }
        QList<QByteArray> dirs;
        for (PendingFile &f : batch) {
            if (m_durability == Durability::FileSync && ::fdatasync(f.fd) != 0)
                setError(QStringLiteral("fdatasync %1: %2")
                             .arg(QFile::decodeName(f.tmpPath),
                                  QString::fromLocal8Bit(strerror(errno))));
            ::close(f.fd);
            if (::rename(f.tmpPath.constData(), f.finalPath.constData()) != 0)
                setError(QStringLiteral("rename %1: %2")
                             .arg(QFile::decodeName(f.tmpPath),
                                  QString::fromLocal8Bit(strerror(errno))));
            if (!dirs.contains(f.curDir))
                dirs << f.curDir;
            if (m_durability == Durability::SyncFs && m_anyDir < 0)
                m_anyDir = ::open(f.curDir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        }
        if (m_durability == Durability::FileSync) {
            for (const QByteArray &dir : std::as_const(dirs)) {
                const int fd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (fd < 0 || ::fsync(fd) != 0)
                    setError(
                        QStringLiteral("fsync %1: %2")
                            .arg(QFile::decodeName(dir), QString::fromLocal8Bit(strerror(errno))));
                if (fd >= 0)
                    ::close(fd);
            }
        }
        if (last && m_durability == Durability::SyncFs && m_anyDir >= 0) {
            // The renames of the last batch.
            if (::syncfs(m_anyDir) != 0)
                setError(QStringLiteral("syncfs: %1").arg(QString::fromLocal8Bit(strerror(errno))));
        }
        if (last && m_anyDir >= 0) {
            ::close(m_anyDir);
            m_anyDir = -1;
        }
    }

    void setError(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

    const int m_batch;
    const Durability m_durability;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<PendingFile> m_queue;
    bool m_done = false;
    int m_anyDir = -1; // a folder on the output file system, for the last syncfs()
    QString m_error;
    std::thread m_thread;
};

QByteArray maildirFlags(const QByteArrayList &flags)
{
    QByteArray letters;
    const auto has = [&flags](const char *flag) {
        for (const QByteArray &f : flags)
            if (f.compare(flag, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    };
    if (has("\\Draft"))
        letters += 'D';
    if (has("\\Flagged"))
        letters += 'F';
    if (has("\\Answered"))
        letters += 'R';
    if (has("\\Seen"))
        letters += 'S';
    if (has("\\Deleted"))
        letters += 'T';
    return letters;
}

// Streams each body into DIR/tmp/, and on the FETCH's completion hands it to the SyncWriter
// with its final cur/ name (UID, UIDVALIDITY and flags). With no directory it only counts.
class MaildirSink : public Imap::FetchSink
{
public:
    MaildirSink(SyncWriter *writer)
        : m_writer(writer)
    {
    }

    // Starts a folder; false with errorString() when its maildir cannot be made.
    bool beginFolder(const QString &path, quint32 uidValidity)
    {
        m_uidValidity = uidValidity;
        if (!m_writer)
            return true;
        for (const char *sub : {"tmp", "new", "cur"}) {
            if (!QDir().mkpath(path + QLatin1Char('/') + QLatin1String(sub))) {
                m_error = QStringLiteral("cannot create %1").arg(path);
                return false;
            }
        }
        m_dir = QFile::encodeName(path);
        return true;
    }

    void bodyBegin(const Imap::LiteralInfo &info) override
    {
        m_current = info;
        if (!m_writer)
            return;
        m_tmpPath = m_dir + "/tmp/" + QByteArray::number(++m_sequence) + '.'
            + QByteArray::number(::getpid()) + ".tributary";
        m_fd = ::open(m_tmpPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (m_fd < 0)
            setError(
                QStringLiteral("cannot create %1: %2")
                    .arg(QFile::decodeName(m_tmpPath), QString::fromLocal8Bit(strerror(errno))));
    }

    void bodyData(const char *data, qsizetype size) override
    {
        m_bytes += size;
        if (m_fd < 0)
            return;
        while (size > 0) {
            const ssize_t n = ::write(m_fd, data, size_t(size));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                setError(QStringLiteral("cannot write %1: %2")
                             .arg(QFile::decodeName(m_tmpPath),
                                  QString::fromLocal8Bit(strerror(errno))));
                ::close(m_fd);
                m_fd = -1;
                return;
            }
            data += n;
            size -= n;
        }
    }

    void bodyEnd() override { m_haveBody = true; }

    void messageFetched(const Imap::FetchData &message) override
    {
        if (!m_haveBody)
            return; // a flags-only FETCH (none expected while examining)
        m_haveBody = false;
        ++m_messages;
        if (m_fd < 0)
            return;
        PendingFile f;
        f.fd = m_fd;
        f.tmpPath = m_tmpPath;
        f.curDir = m_dir + "/cur";
        f.finalPath = f.curDir + '/' + QByteArray::number(message.uid) + '.'
            + QByteArray::number(m_uidValidity) + ".tributary,S="
            + QByteArray::number(message.bodySize) + ":2," + maildirFlags(message.flags);
        m_fd = -1;
        m_writer->add(std::move(f));
    }

    qint64 messages() const { return m_messages; }
    qint64 bytes() const { return m_bytes; }
    QString errorString() const { return m_error; }

private:
    void setError(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

    SyncWriter *m_writer;
    QByteArray m_dir;
    quint32 m_uidValidity = 0;
    Imap::LiteralInfo m_current;
    QByteArray m_tmpPath;
    int m_fd = -1;
    bool m_haveBody = false;
    quint64 m_sequence = 0;
    qint64 m_messages = 0;
    qint64 m_bytes = 0;
    QString m_error;
};

// The sequence Login -> List -> (Examine -> UidFetch)* -> Logout, one job at a time.
class Puller : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        Net::Endpoint endpoint;
        QString user;
        QString password;
        QString outDir; // empty: no storage
        int batch = 500;
        int depth = 4;
        int syncBatch = 256;
        Durability durability = Durability::SyncFs;
    };

    explicit Puller(const Settings &settings)
        : m_settings(settings)
    {
        if (!settings.outDir.isEmpty())
            m_writer = std::make_unique<SyncWriter>(settings.syncBatch, settings.durability);
        m_sink = std::make_unique<MaildirSink>(m_writer.get());
        m_session = new Imap::Session(this);
        m_session->setEndpoint(settings.endpoint);
    }

    void start()
    {
        auto *login = new Imap::LoginJob(m_session);
        login->setUser(m_settings.user);
        login->setPassword(m_settings.password);
        login->setAutoDelete(true);
        connect(login, &Net::Job::finished, this, [this](Net::Job *job) {
            if (!check(job, QStringLiteral("login")))
                return;
            list();
        });
        login->start();
    }

Q_SIGNALS:
    void done(int exitCode);

private:
    bool check(Net::Job *job, const QString &step)
    {
        if (job->error() == Net::Error::Kind::None)
            return true;
        QTextStream(stderr) << step << " failed: " << job->errorString() << "\n  " << job->details()
                            << "\n";
        Q_EMIT done(1);
        return false;
    }

    void list()
    {
        auto *job = new Imap::ListJob(m_session);
        job->setAutoDelete(true);
        connect(job, &Net::Job::finished, this, [this, job](Net::Job *) {
            if (!check(job, QStringLiteral("list")))
                return;
            for (const Imap::ListEntry &e : job->entries()) {
                if (e.isSelectable())
                    m_folders << e;
            }
            nextFolder();
        });
        job->start();
    }

    void nextFolder()
    {
        if (m_next >= m_folders.size()) {
            logout();
            return;
        }
        const Imap::ListEntry entry = m_folders.at(m_next++);
        auto *select = new Imap::SelectJob(m_session);
        select->setMailbox(entry.name);
        select->setReadOnly(true);
        select->setAutoDelete(true);
        connect(select, &Net::Job::finished, this, [this, select, entry](Net::Job *) {
            if (!check(select, QStringLiteral("examine ") + entry.name))
                return;
            if (select->exists() == 0) {
                nextFolder();
                return;
            }
            fetch(entry, select->uidValidity());
        });
        select->start();
    }

    void fetch(const Imap::ListEntry &entry, quint32 uidValidity)
    {
        if (m_writer) {
            // The wire name (modified UTF-7) as folder path, '/' levels as directories:
            // the layout of mbsync's "SubFolders Verbatim".
            QString rel = QString::fromLatin1(entry.wireName);
            if (entry.delimiter && entry.delimiter != '/')
                rel.replace(QLatin1Char(entry.delimiter), QLatin1Char('/'));
            if (!m_sink->beginFolder(m_settings.outDir + QLatin1Char('/') + rel, uidValidity)) {
                QTextStream(stderr) << m_sink->errorString() << "\n";
                Q_EMIT done(1);
                return;
            }
        } else {
            m_sink->beginFolder(QString(), uidValidity);
        }
        ++m_fetchedFolders;
        auto *job = new Imap::UidFetchJob(m_session);
        job->setAllUids();
        job->setItems(Imap::UidFetchJob::Flags | Imap::UidFetchJob::InternalDate
                      | Imap::UidFetchJob::Size | Imap::UidFetchJob::Body);
        job->setBatchSize(m_settings.batch);
        job->setPipelineDepth(m_settings.depth);
        job->setKeepResults(false);
        job->setSink(m_sink.get());
        job->setAutoDelete(true);
        connect(job, &Net::Job::finished, this, [this, job, entry](Net::Job *) {
            if (!check(job, QStringLiteral("fetch ") + entry.name))
                return;
            if (!m_sink->errorString().isEmpty()) {
                QTextStream(stderr) << m_sink->errorString() << "\n";
                Q_EMIT done(1);
                return;
            }
            nextFolder();
        });
        job->start();
    }

    void logout()
    {
        auto *job = new Imap::LogoutJob(m_session);
        job->setAutoDelete(true);
        connect(job, &Net::Job::finished, this, [this](Net::Job *) {
            // LOGOUT's own outcome does not matter: everything was received already.
            const QString error = m_writer ? m_writer->finish() : QString();
            if (!error.isEmpty()) {
                QTextStream(stderr) << error << "\n";
                Q_EMIT done(1);
                return;
            }
            QTextStream(stdout) << "messages=" << m_sink->messages() << " bytes=" << m_sink->bytes()
                                << " folders=" << m_fetchedFolders << "\n";
            Q_EMIT done(0);
        });
        job->start();
    }

    Settings m_settings;
    std::unique_ptr<SyncWriter> m_writer;
    std::unique_ptr<MaildirSink> m_sink;
    Imap::Session *m_session = nullptr;
    QList<Imap::ListEntry> m_folders;
    qsizetype m_next = 0;
    int m_fetchedFolders = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_imap_pull"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption hostOpt(QStringLiteral("host"), QStringLiteral("Server."),
                                     QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOpt(QStringLiteral("port"), QStringLiteral("Port."),
                                     QStringLiteral("port"));
    const QCommandLineOption userOpt(QStringLiteral("user"), QStringLiteral("User."),
                                     QStringLiteral("user"));
    const QCommandLineOption tlsOpt(QStringLiteral("tls"), QStringLiteral("Implicit TLS (IMAPS)."));
    const QCommandLineOption caOpt(QStringLiteral("ca"),
                                   QStringLiteral("Extra CA certificate (PEM)."),
                                   QStringLiteral("file"));
    const QCommandLineOption outOpt(QStringLiteral("out"),
                                    QStringLiteral("Maildir root to store into."),
                                    QStringLiteral("dir"));
    const QCommandLineOption noStoreOpt(QStringLiteral("no-store"),
                                        QStringLiteral("Receive and drop the bodies."));
    const QCommandLineOption batchOpt(QStringLiteral("batch"),
                                      QStringLiteral("UIDs per UID FETCH."), QStringLiteral("n"),
                                      QStringLiteral("500"));
    const QCommandLineOption depthOpt(QStringLiteral("depth"),
                                      QStringLiteral("UID FETCH commands in flight."),
                                      QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption syncOpt(QStringLiteral("sync-batch"),
                                     QStringLiteral("Messages per durability batch."),
                                     QStringLiteral("n"), QStringLiteral("256"));
    const QCommandLineOption durabilityOpt(QStringLiteral("durability"),
                                           QStringLiteral("syncfs (default), filesync or none."),
                                           QStringLiteral("how"), QStringLiteral("syncfs"));
    parser.addOptions({hostOpt, portOpt, userOpt, tlsOpt, caOpt, outOpt, noStoreOpt, batchOpt,
                       depthOpt, syncOpt, durabilityOpt});
    parser.process(app);

    QTextStream err(stderr);
    Puller::Settings s;
    s.endpoint.host = parser.value(hostOpt);
    s.endpoint.port = quint16(parser.value(portOpt).toUInt());
    s.endpoint.security = parser.isSet(tlsOpt) ? Net::Security::ImplicitTls : Net::Security::None;
    if (parser.isSet(caOpt)) {
        s.endpoint.extraCaCertificates = QSslCertificate::fromPath(parser.value(caOpt));
        if (s.endpoint.extraCaCertificates.isEmpty()) {
            err << "no certificate in " << parser.value(caOpt) << "\n";
            return 2;
        }
    }
    s.user = parser.value(userOpt);
    s.password = qEnvironmentVariable("BENCH_IMAP_PASSWORD");
    s.batch = parser.value(batchOpt).toInt();
    s.depth = parser.value(depthOpt).toInt();
    s.syncBatch = std::max(1, parser.value(syncOpt).toInt());
    const QString durability = parser.value(durabilityOpt);
    if (durability == QStringLiteral("syncfs")) {
        s.durability = Durability::SyncFs;
    } else if (durability == QStringLiteral("filesync")) {
        s.durability = Durability::FileSync;
    } else if (durability == QStringLiteral("none")) {
        s.durability = Durability::None;
    } else {
        err << "bad --durability (syncfs, filesync or none)\n";
        return 2;
    }
    if (!parser.isSet(noStoreOpt)) {
        if (!parser.isSet(outOpt)) {
            err << "--out DIR or --no-store is required\n";
            return 2;
        }
        s.outDir = QDir(parser.value(outOpt)).absolutePath();
    }
    if (s.endpoint.port == 0 || s.user.isEmpty() || s.password.isEmpty()) {
        err << "--port, --user and $BENCH_IMAP_PASSWORD are required\n";
        return 2;
    }

    Puller puller(s);
    int exitCode = 1;
    QObject::connect(&puller, &Puller::done, &app, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    });
    puller.start();
    app.exec();
    return exitCode;
}

#include "imap_pull.moc"
