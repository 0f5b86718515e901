// bench_imap: pulls every message of every folder of the seeded benchmark mailbox from a
// local Dovecot, with Tributary's IMAP client and with mbsync, in alternating rounds, and
// prints the medians side by side. A benchmark program, not a test.
//
//   bench_imap [--messages 10000] [--seed 42] [--rounds 3] [--dir /tmp/tributary-bench-imap]
//              [--tools tributary,tributary-filesync,tributary-nostore,mbsync,mbsync-nofsync]
//              [--tls]
//              [--csv FILE] [--keep-server] [--engine bench_retrieval_run]
//
// It starts Dovecot with tests/env/dovecot.sh in DIR/dovecot (or reuses the one running
// there), fills user alice's maildir with tributary-mailgen (skipped when DIR already holds
// the same seed and size), then times each tool as a child process: wall clock around
// spawn..wait4(), peak RSS and CPU from wait4()'s rusage. Every run writes into a fresh
// folder that is deleted afterwards, after `sync`; the number of messages each tool stored
// is counted, in total and per folder against the generator's manifest, and must equal the
// mailbox's. Caches are warm (no drop_caches).
//
// Tools:
//   tributary           bench_imap_pull: our client, UID FETCH BODY.PEEK[] streamed into
//                       maildir files, made durable in batches (one syncfs per 256 messages)
//   tributary-filesync  the same, durable per message (fdatasync each file, as mbsync does)
//   tributary-nostore   the same client, bodies counted and dropped (the client alone)
//   mbsync              isync 1.4 Pull channel into a maildir (FSync yes, its default)
//   mbsync-nofsync      the same with FSync no
//   tributary-engine    bench_retrieval_run: the app's retrieval engine (ImapRetrievalRun into
//                       a Store: SQLite index + message files, durable batches), then a
//                       second run with no new mail (its time is printed separately)
//   tributary-engine-before  the same with the binary given by --engine-before (e.g. linked
//                       against an older message store), for before/after ratios in one run
// POP3 tools (the Inbox only; "speed vs peer" compares them with fetchmail-pop3):
//   tributary-engine-pop3  bench_retrieval_run --pop3: the app's POP3 engine (RetrievalRun,
//                          leave on server) into a Store, then a second run with no new mail
//   fetchmail-pop3         fetchmail 6.4 (keep, fetchall) through safecat into a maildir
//   getmail-pop3           getmail6 (read_all, delete = false) into a maildir
//   tributary-engine-before-pop3  tributary-engine-pop3 with the --engine-before binary
// Every row carries the 1-minute load average read just before the run: the machine is
// shared, so only ratios of one run mean something.
#include "mailgenerator.h"
#include "pop3peers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QTextStream>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

struct Options
{
    int messages = 10000;
    quint64 seed = 42;
    int rounds = 3;
    QString dir;
    QStringList tools;
    bool tls = false;
    QString csv;
    bool keepServer = false;
    QString sourceDir;
    QString mailgen;
    QString pull;
    QString engine;
    QString engineBefore;
};

struct Server
{
    QHash<QString, QString> env;
    QString dir;
    bool startedHere = false;
    QString user;
    QString password;
};

struct RunResult
{
    bool ok = false;
    int exitCode = -1;
    double wallSeconds = 0;
    double cpuSeconds = 0;
    double peakRssMb = 0;
    qint64 stored = 0;
    int contentChecked = -1; // -1 not checked, 0 differs, 1 byte for byte identical
    QStringList folderErrors; // folders whose stored count is not the server's
    QString error;
};

// Runs a command to completion (setup steps); prints its output on failure.
bool runQuiet(const QString &program, const QStringList &args, QByteArray *output = nullptr,
              bool reportFailure = true)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(program, args);
    if (!p.waitForStarted(-1)) {
        err() << "cannot start " << program << "\n";
        return false;
    }
    p.waitForFinished(-1);
    const QByteArray text = p.readAll();
    if (output)
        *output = text;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (reportFailure)
            err() << program << ' ' << args.join(QLatin1Char(' ')) << " failed:\n"
                  << QString::fromLocal8Bit(text) << "\n";
        return false;
    }
    return true;
}

QHash<QString, QString> readEnvFile(const QString &path)
{
    QHash<QString, QString> result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return result;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const int eq = line.indexOf(QLatin1Char('='));
        if (eq > 0 && !line.startsWith(QLatin1Char('#')))
            result.insert(line.left(eq), line.mid(eq + 1));
    }
    return result;
}

bool serverRunning(const QString &dir)
{
    QFile pidFile(dir + QStringLiteral("/run/master.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return false;
    const pid_t pid = pid_t(pidFile.readAll().trimmed().toInt());
    return pid > 0 && ::kill(pid, 0) == 0 && QFile::exists(dir + QStringLiteral("/env"));
}

QStringList doveadm(const Server &server, const QStringList &args)
{
    return QStringList {QStringLiteral("-c"), server.env.value(QStringLiteral("CONF"))} + args;
}

// Total messages Dovecot reports for the user, over all selectable folders.
qint64 serverMessageCount(const Server &server)
{
    QByteArray text;
    if (!runQuiet(
            QStringLiteral("doveadm"),
            doveadm(server,
                    {QStringLiteral("mailbox"), QStringLiteral("status"), QStringLiteral("-u"),
                     server.user, QStringLiteral("messages"), QStringLiteral("*")}),
            &text))
        return -1;
    qint64 total = 0;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype at = line.lastIndexOf("messages=");
        if (at >= 0)
            total += line.mid(at + 9).trimmed().toLongLong();
    }
    return total;
}

bool prepareServer(const Options &o, Server *server)
{
    server->dir = o.dir + QStringLiteral("/dovecot");
    const QString script = o.sourceDir + QStringLiteral("/tests/env/dovecot.sh");
    if (!serverRunning(server->dir)) {
        out() << "starting Dovecot in " << server->dir << Qt::endl;
        if (!runQuiet(QStringLiteral("bash"), {script, QStringLiteral("start"), server->dir}))
            return false;
        server->startedHere = true;
    } else {
        out() << "using the Dovecot running in " << server->dir << Qt::endl;
    }
    server->env = readEnvFile(server->dir + QStringLiteral("/env"));
    server->user = server->env.value(QStringLiteral("USER1"));
    server->password = server->env.value(QStringLiteral("PASSWORD1"));
    if (server->user.isEmpty() || server->env.value(QStringLiteral("IMAP_PORT")).isEmpty()
        || server->env.value(QStringLiteral("CONF")).isEmpty()) {
        err() << "the Dovecot fixture wrote no usable env file in " << server->dir << "\n";
        return false;
    }

    const QString stamp = o.dir + QStringLiteral("/mailbox.id");
    const QByteArray wanted = "seed=" + QByteArray::number(o.seed)
        + " messages=" + QByteArray::number(o.messages) + " user=" + server->user.toUtf8() + '\n';
    QFile stampFile(stamp);
    if (stampFile.open(QIODevice::ReadOnly) && stampFile.readAll() == wanted
        && serverMessageCount(*server) == o.messages) {
        out() << "mailbox already holds seed " << o.seed << ", " << o.messages << " messages"
              << Qt::endl;
        return true;
    }
    stampFile.close();
    QFile::remove(stamp);

    out() << "generating " << o.messages << " messages (seed " << o.seed << ")" << Qt::endl;
    runQuiet(QStringLiteral("doveadm"), doveadm(*server, {QStringLiteral("kick"), server->user}),
             nullptr, false);
    const QString home
        = server->env.value(QStringLiteral("MAIL_ROOT")) + QLatin1Char('/') + server->user;
    QDir(home).removeRecursively();
    if (!runQuiet(o.mailgen,
                  {QStringLiteral("--maildir"), home + QStringLiteral("/Maildir"),
                   QStringLiteral("--messages"), QString::number(o.messages),
                   QStringLiteral("--seed"), QString::number(o.seed), QStringLiteral("--owner"),
                   QStringLiteral("mail"), QStringLiteral("--manifest"),
                   o.dir + QStringLiteral("/manifest.tsv")}))
        return false;
    // The home folder itself must belong to the mail user as well.
    runQuiet(QStringLiteral("chown"), {QStringLiteral("mail:mail"), home});
    if (!runQuiet(QStringLiteral("doveadm"),
                  doveadm(*server,
                          {QStringLiteral("force-resync"), QStringLiteral("-u"), server->user,
                           QStringLiteral("*")})))
        return false;
    // Build Dovecot's indexes and caches once, so that no tool pays for them in its run.
    runQuiet(QStringLiteral("doveadm"),
             doveadm(*server,
                     {QStringLiteral("index"), QStringLiteral("-u"), server->user,
                      QStringLiteral("*")}));
    const qint64 count = serverMessageCount(*server);
    if (count != o.messages) {
        err() << "Dovecot sees " << count << " messages, expected " << o.messages << "\n";
        return false;
    }
    if (stampFile.open(QIODevice::WriteOnly))
        stampFile.write(wanted);
    return true;
}

// Messages a tool stored: regular files in cur/ and new/ of every maildir below root.
qint64 countStored(const QString &root)
{
    qint64 n = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString parent = QFileInfo(path).dir().dirName();
        if (parent == QStringLiteral("cur") || parent == QStringLiteral("new"))
            ++n;
    }
    return n;
}

// Messages per folder as the generator's manifest lists them (UTF-8 IMAP names).
QMap<QString, qint64> manifestCounts(const QString &file)
{
    QMap<QString, qint64> result;
    QFile manifest(file);
    if (!manifest.open(QIODevice::ReadOnly))
        return result;
    for (const QByteArray &line : manifest.readAll().split('\n')) {
        const QList<QByteArray> cols = line.split('\t');
        if (cols.size() == 3 && cols.at(0) != "total")
            result.insert(QString::fromUtf8(cols.at(0)), cols.at(1).toLongLong());
    }
    return result;
}

// Folders whose stored count differs from the manifest, as "name: stored/expected". Both
// tools store a folder under its modified UTF-7 name with '/' levels as directories
// (mbsync: SubFolders Verbatim), INBOX as root/INBOX.
QStringList folderMismatches(const QString &root, const QMap<QString, qint64> &expected)
{
    QStringList result;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const QString dir
            = root + QLatin1Char('/') + QString::fromLatin1(MailGen::encodeModifiedUtf7(it.key()));
        qint64 n = 0;
        for (const char *sub : {"/cur", "/new"})
            n += QDir(dir + QLatin1String(sub)).entryList(QDir::Files | QDir::Hidden).size();
        if (n != it.value())
            result << QStringLiteral("%1: %2/%3").arg(it.key()).arg(n).arg(it.value());
    }
    return result;
}

// Sorted SHA-256 digests of the message files (cur/ and new/) below root; with inboxOnly,
// of root/cur and root/new alone (Dovecot's maildir keeps the Inbox at the root, the other
// folders below it).
QList<QByteArray> digests(const QString &root, bool inboxOnly = false)
{
    QList<QByteArray> result;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QDir parent = QFileInfo(path).dir();
        if (parent.dirName() != QStringLiteral("cur") && parent.dirName() != QStringLiteral("new"))
            continue;
        if (inboxOnly && QFileInfo(parent.absolutePath()).dir() != QDir(root))
            continue;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&f);
        result << hash.result();
    }
    std::sort(result.begin(), result.end());
    return result;
}

// Spawns argv with extra environment, waits with wait4() and collects its rusage.
RunResult spawnMeasured(const QStringList &argv, const QStringList &extraEnv,
                        const QString &logFile)
{
    RunResult r;
    QList<QByteArray> args;
    for (const QString &a : argv)
        args << a.toLocal8Bit();
    QVector<char *> cargs;
    for (QByteArray &a : args)
        cargs << a.data();
    cargs << nullptr;

    QList<QByteArray> envs;
    for (char **e = environ; *e; ++e)
        envs << QByteArray(*e);
    for (const QString &e : extraEnv)
        envs << e.toLocal8Bit();
    QVector<char *> cenv;
    for (QByteArray &e : envs)
        cenv << e.data();
    cenv << nullptr;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    const QByteArray log = logFile.toLocal8Bit();
    posix_spawn_file_actions_addopen(&actions, 1, log.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);

    QElapsedTimer timer;
    timer.start();
    // A clean signal state for the tool: nothing blocked, every signal at its default (the
    // driver's Qt may have changed SIGCHLD and the mask; getmail's wait for its delivery
    // child timed out with them).
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, cargs.at(0), &actions, &attr, cargs.data(), cenv.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        r.error = QStringLiteral("cannot start %1: %2")
                      .arg(argv.first(), QString::fromLocal8Bit(strerror(rc)));
        return r;
    }
    int status = 0;
    struct rusage usage
    {
    };
    pid_t waited;
    do {
        waited = ::wait4(pid, &status, 0, &usage);
    } while (waited < 0 && errno == EINTR);
    r.wallSeconds = double(timer.nsecsElapsed()) / 1e9;
    r.cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r.peakRssMb = double(usage.ru_maxrss) / 1024.0;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.ok = waited == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!r.ok) {
        QFile f(logFile);
        f.open(QIODevice::ReadOnly);
        r.error = QStringLiteral("exit %1: %2")
                      .arg(r.exitCode)
                      .arg(QString::fromLocal8Bit(f.readAll().right(2000)));
    }
    return r;
}

QString writeMbsyncConfig(const Options &o, const Server &server, const QString &outDir, bool fsync)
{
    QString path
        = o.dir + (fsync ? QStringLiteral("/mbsyncrc") : QStringLiteral("/mbsyncrc-nofsync"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QString();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QByteArray c;
    c += fsync ? "FSync yes\n\n" : "FSync no\n\n";
    c += "IMAPAccount bench\n";
    // mbsync 1.4 checks the certificate against Host and ignores IP SANs: use the DNS name.
    c += "Host localhost\n";
    c += "Port "
        + server.env.value(o.tls ? QStringLiteral("IMAPS_PORT") : QStringLiteral("IMAP_PORT"))
              .toUtf8()
        + '\n';
    c += "User " + server.user.toUtf8() + '\n';
    c += "Pass " + server.password.toUtf8() + '\n';
    if (o.tls) {
        c += "SSLType IMAPS\n";
        c += "CertificateFile " + server.env.value(QStringLiteral("CA")).toUtf8() + '\n';
    } else {
        c += "SSLType None\n";
        c += "AuthMechs LOGIN\n";
    }
    c += "\nIMAPStore remote\nAccount bench\n\n";
    c += "MaildirStore local\n";
    c += "Path " + outDir.toUtf8() + "/\n";
    c += "Inbox " + outDir.toUtf8() + "/INBOX\n";
    c += "SubFolders Verbatim\n\n";
    c += "Channel pull\nFar :remote:\nNear :local:\nPatterns *\nCreate Near\nSync Pull\nSyncState "
         "*\n";
    f.write(c);
    return path;
}

// The 1-minute load average of the machine (first field of /proc/loadavg).
double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return f.readAll().split(' ').value(0).toDouble();
}

bool isPop3Tool(const QString &tool)
{
    return tool.endsWith(QStringLiteral("-pop3"));
}

// The tool a row is compared with: fetchmail for POP3 tools, mbsync for IMAP tools.
QString peerOf(const QString &tool)
{
    return isPop3Tool(tool) ? QStringLiteral("fetchmail-pop3") : QStringLiteral("mbsync");
}

// SHA-256 (hex) over the sorted hex SHA-256 digests of a list of files' contents, one per
// line: what bench_retrieval_run prints as content= for its store.
QByteArray contentDigest(const QList<QByteArray> &sortedDigests)
{
    QCryptographicHash all(QCryptographicHash::Sha256);
    for (const QByteArray &d : sortedDigests)
        all.addData(QByteArray(d.toHex() + '\n'));
    return all.result().toHex();
}

double median(QVector<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v.at(n / 2) : (v.at(n / 2 - 1) + v.at(n / 2)) / 2;
}

struct ToolStats
{
    QString tool;
    QVector<double> wall, cpu, rss, secondRun, load;
    QVector<qint64> stored;
    int failures = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_imap"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("IMAP pull benchmark: Tributary's client against mbsync."));
    parser.addHelpOption();
    const QCommandLineOption messagesOpt(QStringLiteral("messages"),
                                         QStringLiteral("Mailbox size."), QStringLiteral("n"),
                                         QStringLiteral("10000"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Mailbox seed."),
                                     QStringLiteral("seed"), QStringLiteral("42"));
    const QCommandLineOption roundsOpt(QStringLiteral("rounds"),
                                       QStringLiteral("Alternating rounds."), QStringLiteral("n"),
                                       QStringLiteral("3"));
    const QCommandLineOption dirOpt(
        QStringLiteral("dir"),
        QStringLiteral("Scratch folder (under /tmp: Dovecot's mail user must reach it)."),
        QStringLiteral("dir"), QStringLiteral("/tmp/tributary-bench-imap"));
    const QCommandLineOption toolsOpt(
        QStringLiteral("tools"), QStringLiteral("Comma-separated tools."), QStringLiteral("list"),
        QStringLiteral("tributary,tributary-filesync,tributary-nostore,mbsync,mbsync-nofsync"));
    const QCommandLineOption tlsOpt(QStringLiteral("tls"),
                                    QStringLiteral("Use IMAPS instead of plain IMAP."));
    const QCommandLineOption csvOpt(QStringLiteral("csv"),
                                    QStringLiteral("Append raw rows to this CSV file."),
                                    QStringLiteral("file"));
    const QCommandLineOption keepOpt(QStringLiteral("keep-server"),
                                     QStringLiteral("Leave Dovecot running at the end."));
    const QCommandLineOption sourceOpt(QStringLiteral("source-dir"),
                                       QStringLiteral("Tributary source tree."),
                                       QStringLiteral("dir"), QStringLiteral(TRIBUTARY_SOURCE_DIR));
    const QCommandLineOption mailgenOpt(QStringLiteral("mailgen"),
                                        QStringLiteral("tributary-mailgen binary."),
                                        QStringLiteral("file"), QStringLiteral(BENCH_MAILGEN));
    const QCommandLineOption pullOpt(QStringLiteral("pull"),
                                     QStringLiteral("bench_imap_pull binary."),
                                     QStringLiteral("file"), QStringLiteral(BENCH_PULL));
    const QCommandLineOption engineOpt(
        QStringLiteral("engine"),
        QStringLiteral("bench_retrieval_run binary (e.g. one built from an older tree)."),
        QStringLiteral("file"), QStringLiteral(BENCH_ENGINE));
    const QCommandLineOption engineBeforeOpt(
        QStringLiteral("engine-before"),
        QStringLiteral("bench_retrieval_run binary of the tool tributary-engine-before."),
        QStringLiteral("file"));
    parser.addOptions({messagesOpt, seedOpt, roundsOpt, dirOpt, toolsOpt, tlsOpt, csvOpt, keepOpt,
                       sourceOpt, mailgenOpt, pullOpt, engineOpt, engineBeforeOpt});
    parser.process(app);

    Options o;
    o.messages = parser.value(messagesOpt).toInt();
    o.seed = parser.value(seedOpt).toULongLong();
    o.rounds = std::max(1, parser.value(roundsOpt).toInt());
    o.dir = QDir(parser.value(dirOpt)).absolutePath();
    o.tools = parser.value(toolsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
    o.tls = parser.isSet(tlsOpt);
    o.csv = parser.value(csvOpt);
    o.keepServer = parser.isSet(keepOpt);
    o.sourceDir = parser.value(sourceOpt);
    o.mailgen = parser.value(mailgenOpt);
    o.pull = parser.value(pullOpt);
    o.engine = parser.value(engineOpt);
    o.engineBefore = parser.value(engineBeforeOpt);
    const QStringList known {QStringLiteral("tributary"),
                             QStringLiteral("tributary-filesync"),
                             QStringLiteral("tributary-nostore"),
                             QStringLiteral("mbsync"),
                             QStringLiteral("tributary-engine"),
                             QStringLiteral("mbsync-nofsync"),
                             QStringLiteral("tributary-engine-pop3"),
                             QStringLiteral("fetchmail-pop3"),
                             QStringLiteral("getmail-pop3"),
                             QStringLiteral("tributary-engine-before"),
                             QStringLiteral("tributary-engine-before-pop3")};
    for (const QString &t : std::as_const(o.tools)) {
        if (!known.contains(t)) {
            err() << "unknown tool " << t << " (known: " << known.join(QStringLiteral(", "))
                  << ")\n";
            return 2;
        }
    }
    if (o.messages <= 0) {
        err() << "bad --messages\n";
        return 2;
    }

    QDir().mkpath(o.dir);
    ::chmod(QFile::encodeName(o.dir).constData(), 0755);
    Server server;
    if (!prepareServer(o, &server))
        return 1;

    // Server-side size of the mailbox, from the generator's manifest.
    qint64 totalBytes = 0;
    {
        QFile manifest(o.dir + QStringLiteral("/manifest.tsv"));
        if (manifest.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : manifest.readAll().split('\n')) {
                if (line.startsWith("total\t"))
                    totalBytes = line.split('\t').value(2).toLongLong();
            }
        }
    }
    const double mb = double(totalBytes) / 1e6;

    QVector<ToolStats> stats;
    for (const QString &t : std::as_const(o.tools)) {
        ToolStats s;
        s.tool = t;
        stats << s;
    }

    QFile csv(o.csv);
    if (!o.csv.isEmpty()) {
        const bool fresh = !QFile::exists(o.csv);
        if (csv.open(QIODevice::WriteOnly | QIODevice::Append) && fresh)
            csv.write("date,tool,round,messages,bytes,tls,wall_s,cpu_s,peak_rss_mb,stored,ok,"
                      "load1\n");
    }

    const QList<QByteArray> sourceDigests
        = (o.tools.contains(QStringLiteral("tributary"))
           || o.tools.contains(QStringLiteral("tributary-filesync")))
        ? digests(server.env.value(QStringLiteral("MAIL_ROOT")) + QLatin1Char('/') + server.user
                  + QStringLiteral("/Maildir"))
        : QList<QByteArray>();
    const QMap<QString, qint64> expectedPerFolder
        = manifestCounts(o.dir + QStringLiteral("/manifest.tsv"));
    if (expectedPerFolder.size() != MailGen::Generator::folders().size()) {
        err() << "no usable manifest in " << o.dir << "\n";
        return 1;
    }
    const QString port
        = server.env.value(o.tls ? QStringLiteral("IMAPS_PORT") : QStringLiteral("IMAP_PORT"));
    const QString pop3Port
        = server.env.value(o.tls ? QStringLiteral("POP3S_PORT") : QStringLiteral("POP3_PORT"));
    const QString serverMaildir = server.env.value(QStringLiteral("MAIL_ROOT")) + QLatin1Char('/')
        + server.user + QStringLiteral("/Maildir");
    const qint64 inboxMessages = expectedPerFolder.value(QStringLiteral("INBOX"));
    QMap<QString, qint64> expectedInbox;
    expectedInbox.insert(QStringLiteral("INBOX"), inboxMessages);
    // What the engine's store must hold, content for content (computed when first needed:
    // the server's files are read once per scope).
    QByteArray engineContent, engineContentPop3;
    qint64 inboxBytes = 0;
    {
        QFile manifest(o.dir + QStringLiteral("/manifest.tsv"));
        if (manifest.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : manifest.readAll().split('\n')) {
                if (line.startsWith("INBOX\t"))
                    inboxBytes = line.split('\t').value(2).toLongLong();
            }
        }
    }
    for (int round = 1; round <= o.rounds; ++round) {
        // Alternate the order so that no tool always runs right after the same one.
        QVector<int> order;
        for (int k = 0; k < stats.size(); ++k)
            order << k;
        if (round % 2 == 0)
            std::reverse(order.begin(), order.end());
        for (int k : std::as_const(order)) {
            ToolStats &s = stats[k];
            const QString outDir = o.dir + QStringLiteral("/out-") + s.tool;
            QDir(outDir).removeRecursively();
            QDir().mkpath(outDir);
            QStringList argv;
            QStringList env;
            const bool pop3 = isPop3Tool(s.tool);
            const bool engine = s.tool.startsWith(QStringLiteral("tributary-engine"));
            const qint64 expected = pop3 ? inboxMessages : o.messages;
            const qint64 expectedBytes = pop3 ? inboxBytes : totalBytes;
            if (engine) {
                argv
                    = {s.tool.startsWith(QStringLiteral("tributary-engine-before")) ? o.engineBefore
                                                                                    : o.engine,
                       QStringLiteral("--host"),
                       o.tls ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1"),
                       QStringLiteral("--port"),
                       pop3 ? pop3Port : port,
                       QStringLiteral("--user"),
                       server.user,
                       QStringLiteral("--out"),
                       outDir};
                if (o.tls)
                    argv << QStringLiteral("--tls") << QStringLiteral("--ca")
                         << server.env.value(QStringLiteral("CA"));
                if (pop3)
                    argv << QStringLiteral("--pop3");
                env << QStringLiteral("BENCH_IMAP_PASSWORD=") + server.password;
            } else if (pop3) {
                BenchPop3::Account account;
                account.host = o.tls ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1");
                account.port = pop3Port;
                account.user = server.user;
                account.password = server.password;
                account.tls = o.tls;
                account.ca = server.env.value(QStringLiteral("CA"));
                const QString inbox = outDir + QStringLiteral("/INBOX");
                const BenchPop3::Command c = s.tool == QStringLiteral("fetchmail-pop3")
                    ? BenchPop3::fetchmail(o.dir, account, inbox)
                    : BenchPop3::getmail(o.dir, account, inbox);
                if (!c.error.isEmpty()) {
                    err() << s.tool << ": " << c.error << "\n";
                    return 1;
                }
                argv = c.argv;
                env = c.env;
            } else if (s.tool.startsWith(QStringLiteral("mbsync"))) {
                const QString rc
                    = writeMbsyncConfig(o, server, outDir, s.tool == QStringLiteral("mbsync"));
                argv = {QStringLiteral("mbsync"), QStringLiteral("-c"), rc, QStringLiteral("-q"),
                        QStringLiteral("pull")};
            } else {
                argv = {o.pull,
                        QStringLiteral("--host"),
                        o.tls ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"),
                        port,
                        QStringLiteral("--user"),
                        server.user};
                if (o.tls)
                    argv << QStringLiteral("--tls") << QStringLiteral("--ca")
                         << server.env.value(QStringLiteral("CA"));
                if (s.tool == QStringLiteral("tributary-nostore"))
                    argv << QStringLiteral("--no-store");
                else
                    argv << QStringLiteral("--out") << outDir;
                if (s.tool == QStringLiteral("tributary-filesync"))
                    argv << QStringLiteral("--durability") << QStringLiteral("filesync");
                // The password travels in the environment, never on the command line.
                env << QStringLiteral("BENCH_IMAP_PASSWORD=") + server.password;
            }
            ::sync();
            const double load = loadAverage();
            RunResult r = spawnMeasured(
                argv, env, o.dir + QStringLiteral("/log-") + s.tool + QStringLiteral(".txt"));
            if (r.ok) {
                if (engine) {
                    // The engine reports the store's count and body bytes after its first run
                    // and the time of the second run (no new mail).
                    QFile log(o.dir + QStringLiteral("/log-") + s.tool + QStringLiteral(".txt"));
                    log.open(QIODevice::ReadOnly);
                    const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
                    const QByteArray last = lines.isEmpty() ? QByteArray() : lines.last();
                    auto field = [&last](const QByteArray &key) {
                        const qsizetype at = last.indexOf(QByteArray(key + '='));
                        return at < 0 ? QByteArray()
                                      : last.mid(at + key.size() + 1).split(' ').value(0);
                    };
                    r.stored = field("messages").isEmpty() ? -1 : field("messages").toLongLong();
                    if (field("bytes").toLongLong() != expectedBytes) {
                        out() << "  stored " << field("bytes") << " body bytes, the source has "
                              << expectedBytes << Qt::endl;
                        r.stored = -1;
                    }
                    // The store's contents as a multiset against the server's files, every
                    // round (the store reports one digest, so this costs the server side only
                    // once).
                    QByteArray &wanted = pop3 ? engineContentPop3 : engineContent;
                    if (wanted.isEmpty())
                        wanted = contentDigest(digests(serverMaildir, pop3));
                    r.contentChecked = field("content") == wanted ? 1 : 0;
                    if (round == 1 || !r.contentChecked)
                        out() << "  content of every stored message "
                              << (r.contentChecked ? "matches" : "DIFFERS FROM")
                              << " the server's files" << Qt::endl;
                    const double second = field("second_s").toDouble();
                    out() << "  second run, no new mail: " << QString::number(second, 'f', 3)
                          << " s (" << field("second_downloaded") << " downloaded)" << Qt::endl;
                    s.secondRun << second;
                } else if (s.tool == QStringLiteral("tributary-nostore")) {
                    // The bare client reports what it received on its last output line.
                    QFile log(o.dir + QStringLiteral("/log-") + s.tool + QStringLiteral(".txt"));
                    log.open(QIODevice::ReadOnly);
                    const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
                    const QByteArray last = lines.isEmpty() ? QByteArray() : lines.last();
                    const qsizetype at = last.indexOf("messages=");
                    r.stored = at >= 0 ? last.mid(at + 9).split(' ').value(0).toLongLong() : -1;
                    // ... and the body bytes, which must add up to the mailbox's size.
                    const qsizetype b = last.indexOf("bytes=");
                    const qint64 bytes
                        = b >= 0 ? last.mid(b + 6).split(' ').value(0).toLongLong() : -1;
                    if (bytes != totalBytes) {
                        out() << "  received " << bytes << " body bytes, the mailbox has "
                              << totalBytes << Qt::endl;
                        r.stored = -1;
                    }
                } else {
                    r.stored = countStored(outDir);
                    r.folderErrors
                        = folderMismatches(outDir, pop3 ? expectedInbox : expectedPerFolder);
                    if (!r.folderErrors.isEmpty())
                        out() << "  folders stored wrongly: "
                              << r.folderErrors.join(QStringLiteral("; ")) << Qt::endl;
                }
                // Our client stores messages byte for byte: check that once per run size.
                if ((s.tool == QStringLiteral("tributary")
                     || s.tool == QStringLiteral("tributary-filesync"))
                    && round == 1) {
                    r.contentChecked = digests(outDir) == sourceDigests ? 1 : 0;
                    out() << "  content of every stored message "
                          << (r.contentChecked ? "matches" : "DIFFERS FROM")
                          << " the server's files" << Qt::endl;
                }
            }
            QDir(outDir).removeRecursively();
            const bool complete
                = r.ok && r.stored == expected && r.contentChecked != 0 && r.folderErrors.isEmpty();
            out() << "round " << round << ' ' << qSetFieldWidth(22) << Qt::left << s.tool
                  << qSetFieldWidth(0) << QString::number(r.wallSeconds, 'f', 2) << " s, "
                  << QString::number(r.peakRssMb, 'f', 1) << " MB RSS, load "
                  << QString::number(load, 'f', 2) << ", stored " << r.stored
                  << (complete ? "" : "  <-- INCOMPLETE") << Qt::endl;
            if (!r.ok)
                out() << "  " << r.error << Qt::endl;
            if (csv.isOpen()) {
                csv.write(
                    QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8() + ','
                    + s.tool.toUtf8() + ',' + QByteArray::number(round) + ','
                    + QByteArray::number(o.messages) + ',' + QByteArray::number(totalBytes) + ','
                    + (o.tls ? "1" : "0") + ',' + QByteArray::number(r.wallSeconds, 'f', 3) + ','
                    + QByteArray::number(r.cpuSeconds, 'f', 3) + ','
                    + QByteArray::number(r.peakRssMb, 'f', 1) + ',' + QByteArray::number(r.stored)
                    + ',' + (complete ? "1" : "0") + ',' + QByteArray::number(load, 'f', 2) + '\n');
                csv.flush();
            }
            if (!complete) {
                s.failures += 1;
                continue;
            }
            s.wall << r.wallSeconds;
            s.cpu << r.cpuSeconds;
            s.rss << r.peakRssMb;
            s.stored << r.stored;
            s.load << load;
        }
    }

    // Median wall time of each tool, for the ratios against the peers of the same run.
    QHash<QString, double> medianWall;
    for (const ToolStats &s : std::as_const(stats))
        if (!s.wall.isEmpty())
            medianWall.insert(s.tool, median(s.wall));
    const auto ratio = [&medianWall](const QString &peer, double wall) -> QString {
        const double peerWall = medianWall.value(peer);
        return peerWall > 0 ? QString::number(peerWall / wall, 'f', 2) + QStringLiteral("x")
                            : peer + QStringLiteral(" not run");
    };

    out() << "\n"
          << o.messages << " messages, " << QString::number(mb, 'f', 1) << " MB (POP3 tools: the "
          << inboxMessages << " messages, " << QString::number(double(inboxBytes) / 1e6, 'f', 1)
          << " MB of the Inbox), " << o.rounds << " alternating rounds, "
          << (o.tls ? "TLS" : "plain") << " on 127.0.0.1, medians\n\n";
    out() << "| tool | runs ok | messages | MB | wall s | msgs/s | MB/s | peak RSS MB | CPU s | "
             "speed vs peer | peer | load avg | msgs stored |\n";
    out() << "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    bool allOk = true;
    for (const ToolStats &s : std::as_const(stats)) {
        allOk = allOk && s.failures == 0;
        if (s.wall.isEmpty()) {
            out() << "| " << s.tool << " | 0/" << o.rounds
                  << " | - | - | - | - | - | - | - | - | - | - | - |\n";
            continue;
        }
        const bool pop3 = isPop3Tool(s.tool);
        const qint64 n = pop3 ? inboxMessages : o.messages;
        const double toolMb = pop3 ? double(inboxBytes) / 1e6 : mb;
        const double wall = median(s.wall);
        const double maxRss = *std::max_element(s.rss.cbegin(), s.rss.cend());
        out() << "| " << s.tool << " | " << s.wall.size() << '/' << o.rounds << " | " << n << " | "
              << QString::number(toolMb, 'f', 1) << " | " << QString::number(wall, 'f', 2) << " | "
              << QString::number(double(n) / wall, 'f', 0) << " | "
              << QString::number(toolMb / wall, 'f', 1) << " | " << QString::number(maxRss, 'f', 1)
              << " | " << QString::number(median(s.cpu), 'f', 2) << " | "
              << ratio(peerOf(s.tool), wall) << " | " << peerOf(s.tool) << " | "
              << QString::number(median(s.load), 'f', 1) << " | " << s.stored.last() << " |\n";
    }
    for (const ToolStats &s : std::as_const(stats)) {
        if (!s.tool.startsWith(QStringLiteral("tributary-engine")) || s.wall.isEmpty())
            continue;
        const double wall = median(s.wall);
        const double maxRss = *std::max_element(s.rss.cbegin(), s.rss.cend());
        out() << "\nGoals (issue 4), " << s.tool << " (load average "
              << QString::number(median(s.load), 'f', 1) << "):\n";
        if (isPop3Tool(s.tool))
            out() << "- POP3 >= 3x fetchmail: " << ratio(QStringLiteral("fetchmail-pop3"), wall)
                  << " (vs getmail6: " << ratio(QStringLiteral("getmail-pop3"), wall) << ")\n";
        else
            out() << "- IMAP >= 1.5x mbsync, every message durable: "
                  << ratio(QStringLiteral("mbsync"), wall) << "\n";
        out() << "- peak RSS <= 50 MB: " << QString::number(maxRss, 'f', 1) << " MB\n"
              << "- second run with no new mail"
              << (isPop3Tool(s.tool) ? QString() : QStringLiteral(" < 0.5 s")) << ": "
              << (s.secondRun.isEmpty() ? QStringLiteral("-")
                                        : QString::number(median(s.secondRun), 'f', 3)
                          + QStringLiteral(" s (median)"))
              << "\n";
    }
    out().flush();

    if (server.startedHere && !o.keepServer)
        runQuiet(QStringLiteral("bash"),
                 {o.sourceDir + QStringLiteral("/tests/env/dovecot.sh"), QStringLiteral("stop"),
                  server.dir});
    return allOk ? 0 : 1;
}
