// Stores messages into a Store in a loop, for tst_storecrash, which kills this process
// with SIGKILL at chosen or arbitrary moments and then checks what it left behind.
//
//   storecrash_helper PROFILE_DIR single|batch [PHASE:N]
//
// Message i has POP3 UIDL "m-<i>"; messages already in the store are skipped, so a run
// resumes where the killed one stopped. After each commit it prints "OK <uidl>" for every
// message the commit indexed. With PHASE:N it stops at message N in that phase, prints
// "PAUSED <phase>" and waits to be killed:
//   partial      half of the body appended to the temp file
//   renamed      file committed into place, row not yet inserted (single mode)
//   batch-files  every file of the batch committed, rows not yet inserted (batch mode)

#include "models/messagefilestore.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

using namespace Tributary;

namespace {

QByteArray messageBody(int i)
{
    const int size = 500 + int((qint64(i) * 7919) % 150000);
    QByteArray m = "From: crash" + QByteArray::number(i) + "@example.org\r\nSubject: crash test "
        + QByteArray::number(i) + "\r\nMessage-ID: <crash-" + QByteArray::number(i)
        + "@example.org>\r\n\r\n";
    while (m.size() < size)
        m += "body line of message " + QByteArray::number(i) + " at " + QByteArray::number(m.size())
            + "\r\n";
    return m;
}

[[noreturn]] void pause(const char *phase)
{
    std::printf("PAUSED %s\n", phase);
    std::fflush(stdout);
    for (;;)
        QThread::sleep(1);
}

void acknowledge(const QString &uidl)
{
    std::printf("OK %s\n", uidl.toUtf8().constData());
    std::fflush(stdout);
}

// Appends the body in 8 KiB chunks; pauses halfway when asked.
bool writeBody(MessageWriter &writer, const QByteArray &body, bool pauseHalfway)
{
    const qsizetype half = body.size() / 2;
    for (qsizetype pos = 0; pos < body.size(); pos += 8192) {
        if (!writer.append(body.mid(pos, 8192)))
            return false;
        if (pauseHalfway && pos + 8192 >= half)
            pause("partial");
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: storecrash_helper PROFILE_DIR single|batch [PHASE:N]\n");
        return 2;
    }
    const bool batchMode = args.at(2) == QLatin1String("batch");
    QString pausePhase;
    int pauseAt = -1;
    if (args.size() > 3) {
        const QStringList parts = args.at(3).split(QLatin1Char(':'));
        pausePhase = parts.value(0);
        pauseAt = parts.value(1).toInt();
    }

    Store store(args.at(1));
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "open failed: %s\n", error.toUtf8().constData());
        return 1;
    }
    const QUuid account(QStringLiteral("{5b0c3f1e-8d1c-4a57-9d1e-2a3b4c5d6e7f}"));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    const QSet<QString> known = store.knownUidls(account);

    auto recordFor = [&](int i) {
        MessageRecord r;
        r.folderId = inbox;
        r.sender = QStringLiteral("crash%1@example.org").arg(i);
        r.subject = QStringLiteral("crash test %1").arg(i);
        r.sourceAccount = account;
        r.sourceUidl = QStringLiteral("m-%1").arg(i);
        return r;
    };

    int processed = 0; // messages handled in this run (the PHASE:N counter)
    for (int i = 0; i < 100000; ++i) {
        if (known.contains(QStringLiteral("m-%1").arg(i)))
            continue;
        if (!batchMode) {
            const QByteArray body = messageBody(i);
            MessageWriter writer(store.messageFiles());
            if (!writer.begin()
                || !writeBody(writer, body,
                              pausePhase == QLatin1String("partial") && processed == pauseAt)
                || !writer.commit()) {
                std::fprintf(stderr, "write failed: %s\n",
                             writer.errorString().toUtf8().constData());
                return 1;
            }
            if (pausePhase == QLatin1String("renamed") && processed == pauseAt)
                pause("renamed");
            MessageRecord r = recordFor(i);
            r.size = writer.size();
            if (store.addMessage(r, writer.sha256(), &error) <= 0) {
                std::fprintf(stderr, "index failed: %s\n", error.toUtf8().constData());
                return 1;
            }
            acknowledge(r.sourceUidl);
            ++processed;
            continue;
        }
        // Batch mode: ten messages per commit.
        MessageBatch batch(store);
        QStringList uidls;
        int j = i;
        for (; j < 100000 && batch.pendingCount() < 10; ++j) {
            const QString uidl = QStringLiteral("m-%1").arg(j);
            if (known.contains(uidl))
                continue;
            MessageWriter &writer = batch.beginMessage();
            if (!writer.isOpen()
                || !writeBody(writer, messageBody(j),
                              pausePhase == QLatin1String("partial") && processed == pauseAt)
                || !batch.finishMessage(recordFor(j))) {
                std::fprintf(stderr, "batch write failed\n");
                return 1;
            }
            uidls << uidl;
        }
        if (pausePhase == QLatin1String("batch-files") && processed == pauseAt)
            pause("batch-files");
        if (!batch.commit(&error)) {
            std::fprintf(stderr, "batch commit failed: %s\n", error.toUtf8().constData());
            return 1;
        }
        for (const QString &uidl : std::as_const(uidls))
            acknowledge(uidl);
        ++processed;
        i = j - 1;
    }
    return 0;
}
