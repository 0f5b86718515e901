// Helper of tst_retrievalcrash: runs one retrieval (IMAP or POP3) into a store with the
// engine's own code and reports every committed batch on stdout ("stored N"), pausing
// briefly after each so the test can kill it with SIGKILL in the middle. With HOLD_AT, the
// batch that brings the count to HOLD_AT or more is the last: the committing thread then waits
// for the end of its standard input, so the run is surely unfinished when the test kills it
// (however late the test gets to run on a loaded machine).
//
//   retrievalcrash_helper PROFILE_DIR imap|pop3 PORT USER TASK_UUID [PAUSE_MS [HOLD_AT]]
// The password is read from the environment (HELPER_PASSWORD), never from argv. Exit 0
// when the run succeeded.
#include "app/services/retrieval/imapretrievalrun.h"
#include "app/services/retrieval/retrievalrun.h"
#include "app/services/secretstore.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSqlQuery>
#include <QThread>

#include <cstdio>

using namespace Tributary;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 6)
        return 2;
    const bool imap = args.at(2) == QLatin1String("imap");
    const int pauseMs = args.size() > 6 ? args.at(6).toInt() : 0;
    const qint64 holdAt = args.size() > 7 ? args.at(7).toLongLong() : 0;
    Store store(args.at(1));
    QString error;
    if (!store.open(&error))
        return 3;
    RetrievalTask task;
    task.uuid = QUuid::fromString(args.at(5));
    if (!store.retrievalTask(task.uuid)) {
        task.name = QStringLiteral("crash");
        task.kind = imap ? RetrievalTask::Kind::Imap : RetrievalTask::Kind::Pop3;
        task.server = QStringLiteral("127.0.0.1");
        task.port = quint16(args.at(3).toUInt());
        task.security = RetrievalTask::Security::None;
        task.username = args.at(4);
        task.leaveOnServer = false;
        task.folderTransfer = RetrievalTask::FolderTransfer::Mirror;
        if (!store.insertRetrievalTask(task, &error))
            return 4;
    }
    task = *store.retrievalTask(task.uuid);
    QObject::connect(
        &store, &Store::changed, &store,
        [&store, pauseMs, holdAt](Store::Table table) {
            if (table != Store::Table::Messages)
                return;
            QSqlQuery q(store.database());
            const qint64 n = q.exec(QStringLiteral("SELECT COUNT(*) FROM messages")) && q.next()
                ? q.value(0).toLongLong()
                : -1;
            std::printf("stored %lld\n", static_cast<long long>(n));
            std::fflush(stdout);
            if (holdAt > 0 && n >= holdAt) {
                // Until the test kills us (or, should it have died, closed our input).
                while (std::getchar() != EOF) { }
            }
            if (pauseMs > 0)
                QThread::msleep(static_cast<unsigned long>(pauseMs));
        },
        Qt::DirectConnection);
    QSettings settings(args.at(1) + QStringLiteral("/helper.ini"), QSettings::IniFormat);
    SecretStore secrets(settings); // not used: the password is given
    const QString password = qEnvironmentVariable("HELPER_PASSWORD");
    int rc = 1;
    if (imap) {
        auto *run = new ImapRetrievalRun(store, secrets, nullptr, &app);
        run->setTask(task);
        run->setPassword(password);
        run->setBatchSize(100);
        QObject::connect(run, &ImapRetrievalRun::finished, &app, [&rc](ImapRetrievalRun *r) {
            rc = r->error() == ImapRetrievalRun::Error::None ? 0 : 1;
            if (rc)
                std::fprintf(stderr, "%s\n", qPrintable(r->details()));
            QCoreApplication::quit();
        });
        run->start();
    } else {
        auto *run = new RetrievalRun(store, secrets, nullptr, &app);
        run->setTask(task);
        run->setPassword(password);
        run->setBatchSize(100);
        QObject::connect(run, &RetrievalRun::finished, &app, [&rc](RetrievalRun *r) {
            rc = r->error() == RetrievalRun::Error::None ? 0 : 1;
            if (rc)
                std::fprintf(stderr, "%s\n", qPrintable(r->details()));
            QCoreApplication::quit();
        });
        run->start();
    }
    app.exec();
    std::printf("done %d\n", rc);
    return rc;
}
