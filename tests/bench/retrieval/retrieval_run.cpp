// bench_retrieval_run: one retrieval with the app's engine (durable batches into a Store),
// then a second run with no new mail. IMAP (ImapRetrievalRun, every folder, root-level
// mapping) by default; --pop3: RetrievalRun (the Inbox over POP3, leave on server, UIDL
// records).
//
//   bench_retrieval_run --host H --port P --user U --out DIR [--tls --ca FILE]
//                       [--batch N] [--pop3]
// The password comes from BENCH_IMAP_PASSWORD. The last output line is
//   messages=N bytes=B content=H first_s=X second_s=Y second_downloaded=D
// (N, B: messages and body bytes in the store after the first run; H: hex SHA-256 over the
// sorted hex SHA-256 of every stored message, one per line, so the driver can compare the
// multiset of contents with the server's files). Exit 0 when both runs succeeded.
#include "app/services/retrieval/imapretrievalrun.h"
#include "app/services/retrieval/retrievalrun.h"
#include "app/services/secretstore.h"
#include "models/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSettings>
#include <QSqlQuery>
#include <QSslCertificate>

#include <cstdio>
#include <memory>

using namespace Tributary;

namespace {

struct Outcome
{
    bool ok = false;
    int downloaded = 0;
    double seconds = 0;
    QString details;
};

// Runs one ImapRetrievalRun or RetrievalRun (the same job shape) to its end.
template<typename Run>
Outcome runOnce(Store &store, SecretStore &secrets, const RetrievalTask &task,
                const QString &password, const QList<QSslCertificate> &ca, int batch)
{
    Outcome outcome;
    Run run(store, secrets, nullptr);
    run.setTask(task);
    run.setPassword(password);
    run.setExtraCaCertificates(ca);
    if (batch > 0)
        run.setBatchSize(batch);
    QElapsedTimer timer;
    QObject::connect(&run, &Run::finished, &run, [&](Run *r) {
        outcome.seconds = double(timer.nsecsElapsed()) / 1e9;
        outcome.ok = r->error() == Run::Error::None;
        outcome.downloaded = r->downloadedCount();
        outcome.details = r->details();
        QCoreApplication::quit();
    });
    timer.start();
    run.start();
    QCoreApplication::exec();
    return outcome;
}

Outcome runOnce(bool pop3, Store &store, SecretStore &secrets, const RetrievalTask &task,
                const QString &password, const QList<QSslCertificate> &ca, int batch)
{
    return pop3 ? runOnce<RetrievalRun>(store, secrets, task, password, ca, batch)
                : runOnce<ImapRetrievalRun>(store, secrets, task, password, ca, batch);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("server"),
                                  QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("port"),
                                  QStringLiteral("port"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("user"),
                                  QStringLiteral("user"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("profile folder"),
                                 QStringLiteral("dir"));
    const QCommandLineOption tls(QStringLiteral("tls"), QStringLiteral("implicit TLS"));
    const QCommandLineOption ca(QStringLiteral("ca"), QStringLiteral("CA file"),
                                QStringLiteral("file"));
    const QCommandLineOption batch(QStringLiteral("batch"), QStringLiteral("messages per batch"),
                                   QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption pop3(QStringLiteral("pop3"), QStringLiteral("POP3 (the Inbox)"));
    parser.addOptions({host, port, user, out, tls, ca, batch, pop3});
    parser.process(app);

    Store store(parser.value(out));
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "store: %s\n", qPrintable(error));
        return 2;
    }
    RetrievalTask task;
    task.name = QStringLiteral("bench");
    const bool usePop3 = parser.isSet(pop3);
    task.kind = usePop3 ? RetrievalTask::Kind::Pop3 : RetrievalTask::Kind::Imap;
    task.leaveOnServer = true;
    task.server = parser.value(host);
    task.port = quint16(parser.value(port).toUInt());
    task.security
        = parser.isSet(tls) ? RetrievalTask::Security::SslTls : RetrievalTask::Security::None;
    task.username = parser.value(user);
    task.folderTransfer = RetrievalTask::FolderTransfer::Mirror;
    if (!store.insertRetrievalTask(task, &error)) {
        std::fprintf(stderr, "task: %s\n", qPrintable(error));
        return 2;
    }
    QSettings settings(parser.value(out) + QStringLiteral("/bench.ini"), QSettings::IniFormat);
    SecretStore secrets(settings); // not used: the password is given
    const QString password = qEnvironmentVariable("BENCH_IMAP_PASSWORD");
    const QList<QSslCertificate> cas
        = parser.isSet(ca) ? QSslCertificate::fromPath(parser.value(ca)) : QList<QSslCertificate>();
    const int batchSize = parser.value(batch).toInt();

    const Outcome first = runOnce(usePop3, store, secrets, task, password, cas, batchSize);
    if (!first.ok) {
        std::fprintf(stderr, "first run failed: %s\n", qPrintable(first.details));
        return 1;
    }
    qint64 messages = -1, bytes = -1;
    {
        QSqlQuery q(store.database());
        if (q.exec(QStringLiteral("SELECT COUNT(*), SUM(size) FROM messages")) && q.next()) {
            messages = q.value(0).toLongLong();
            bytes = q.value(1).toLongLong();
        }
    }
    QCryptographicHash content(QCryptographicHash::Sha256);
    {
        QSqlQuery q(store.database());
        q.setForwardOnly(true);
        if (q.exec(QStringLiteral("SELECT sha256 FROM messages ORDER BY sha256"))) {
            while (q.next())
                content.addData(QByteArray(q.value(0).toString().toLatin1() + '\n'));
        }
    }
    const Outcome second = runOnce(usePop3, store, secrets, task, password, cas, batchSize);
    if (!second.ok) {
        std::fprintf(stderr, "second run failed: %s\n", qPrintable(second.details));
        return 1;
    }
    std::printf("messages=%lld bytes=%lld content=%s first_s=%.3f second_s=%.3f "
                "second_downloaded=%d\n",
                static_cast<long long>(messages), static_cast<long long>(bytes),
                content.result().toHex().constData(), first.seconds, second.seconds,
                second.downloaded);
    return 0;
}
