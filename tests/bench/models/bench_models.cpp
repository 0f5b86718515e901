// Measures the message list at scale: fills a folder with N index rows (100,000 by
// default), then times opening the list, fetching pages, changing the sort, scrolling to
// the end, and storing real message files (single and batched). Prints a table and the
// peak resident memory.

#include "models/messagefilestore.h"
#include "models/messagelistmodel.h"
#include "models/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <sys/resource.h>

using namespace Tributary;

namespace {

struct Line
{
    QString what;
    double ms;
    QString note;
};

QList<Line> g_lines;

void report(const QString &what, double ms, const QString &note = QString())
{
    g_lines.append({what, ms, note});
    std::printf("  %-44s %12.2f ms  %s\n", what.toUtf8().constData(), ms,
                note.toUtf8().constData());
    std::fflush(stdout);
}

double elapsedMs(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

long peakRssKiB()
{
    struct rusage usage
    {
    };
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

bool fillIndex(Store &store, qint64 folderId, int count)
{
    QSqlDatabase db = store.database();
    if (!db.transaction())
        return false;
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral(
            "INSERT INTO messages (folder_id, flags, internal_date, size, sender, subject,"
            " sha256) VALUES (?, ?, ?, ?, ?, ?, ?)")))
        return false;
    const qint64 base = 1600000000000;
    const QString sha(64, QLatin1Char('0'));
    for (int i = 0; i < count; ++i) {
        q.bindValue(0, folderId);
        q.bindValue(1, i % 4 == 0 ? 0 : int(MessageRecord::Seen));
        q.bindValue(2, base + qint64(i) * 37000);
        q.bindValue(3, qint64(1000 + (i * 7919) % 200000));
        q.bindValue(4, QStringLiteral("Sender %1 <s%1@example.org>").arg(i % 997));
        q.bindValue(5, QStringLiteral("Subject line number %1").arg((i * 131) % 50000));
        q.bindValue(6, sha);
        if (!q.exec()) {
            std::fprintf(stderr, "insert failed: %s\n", q.lastError().text().toUtf8().constData());
            return false;
        }
    }
    return db.commit();
}

QByteArray sampleMessage(int i, int size)
{
    QByteArray m
        = "From: bench@example.org\r\nSubject: bench " + QByteArray::number(i) + "\r\n\r\n";
    while (m.size() < size)
        m += "The quick brown fox jumps over the lazy dog " + QByteArray::number(i) + "\r\n";
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Tributary store and message list benchmark"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("messages"), QStringLiteral("Index rows in the folder."),
                      QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("files"), QStringLiteral("Real message files to store."),
                      QStringLiteral("N"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("dir"),
                      QStringLiteral("Profile folder (default: a temporary one)."),
                      QStringLiteral("DIR")});
    parser.process(app);
    const int messages = parser.value(QStringLiteral("messages")).toInt();
    const int files = parser.value(QStringLiteral("files")).toInt();

    QTemporaryDir temp;
    const QString dir
        = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();
    QDir(dir).removeRecursively();

    std::printf("Tributary models benchmark: %d messages in one folder, %d message files\n",
                messages, files);
    std::printf("  %-44s %15s  %s\n", "step", "time", "notes");

    Store store(dir);
    QString error;
    QElapsedTimer t;
    t.start();
    if (!store.open(&error)) {
        std::fprintf(stderr, "%s\n", error.toUtf8().constData());
        return 1;
    }
    report(QStringLiteral("create store (schema, default folders)"), elapsedMs(t));

    const qint64 folder = store.createFolder(0, QStringLiteral("Bench"));
    t.restart();
    if (!fillIndex(store, folder, messages))
        return 1;
    const double fillMs = elapsedMs(t);
    report(QStringLiteral("fill index rows (one transaction)"), fillMs,
           QStringLiteral("%1 rows/s").arg(qint64(messages / (fillMs / 1000.0))));

    MessageListModel model(store);
    t.restart();
    model.setFolder(folder);
    report(QStringLiteral("open message list (first page)"), elapsedMs(t),
           QStringLiteral("%1 rows shown of %2").arg(model.rowCount()).arg(model.totalCount()));

    const int pages = 50;
    t.restart();
    for (int i = 0; i < pages; ++i)
        model.fetchMore(QModelIndex());
    report(QStringLiteral("fetchMore, mean of first 50 pages"), elapsedMs(t) / pages,
           QStringLiteral("%1 rows per page").arg(model.pageSize()));

    const struct
    {
        MessageListModel::Column column;
        Qt::SortOrder order;
        const char *name;
    } sorts[] = {
        {MessageListModel::Column::Sender, Qt::AscendingOrder, "sort by sender (asc)"},
        {MessageListModel::Column::Subject, Qt::DescendingOrder, "sort by subject (desc)"},
        {MessageListModel::Column::Size, Qt::DescendingOrder, "sort by size (desc)"},
        {MessageListModel::Column::Date, Qt::AscendingOrder, "sort by date (asc)"},
        {MessageListModel::Column::Date, Qt::DescendingOrder, "sort by date (desc, the default)"},
    };
    for (const auto &s : sorts) {
        t.restart();
        model.sort(int(s.column), s.order);
        report(QString::fromLatin1(s.name), elapsedMs(t), QStringLiteral("reloads one page"));
    }

    t.restart();
    int fetches = 0;
    while (model.canFetchMore(QModelIndex())) {
        model.fetchMore(QModelIndex());
        ++fetches;
    }
    const double scrollMs = elapsedMs(t);
    report(QStringLiteral("scroll to the end (fetchMore until done)"), scrollMs,
           QStringLiteral("%1 pages, %2 rows").arg(fetches).arg(model.rowCount()));
    report(QStringLiteral("fetchMore, mean over the whole list"),
           fetches ? scrollMs / fetches : 0.0);

    t.restart();
    model.fetchMore(QModelIndex());
    model.sort(int(MessageListModel::Column::Sender), Qt::AscendingOrder);
    report(QStringLiteral("sort change with the whole list loaded"), elapsedMs(t));

    // A flag change refreshes the loaded rows in place.
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    t.restart();
    store.setMessageFlags(model.messageId(0), MessageRecord::Seen | MessageRecord::Flagged);
    report(QStringLiteral("flag change, list refresh (all rows loaded)"), elapsedMs(t),
           QStringLiteral("%1 rows").arg(model.rowCount()));

    // Real message files: durable single stores and batches (into the Inbox, so the list
    // of the benchmark folder is not refreshed).
    if (files > 0) {
        const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
        const int single = qMax(1, files / 10);
        t.restart();
        for (int i = 0; i < single; ++i) {
            MessageRecord r;
            r.folderId = inbox;
            store.storeMessage(r, sampleMessage(i, 8000));
        }
        const double singleMs = elapsedMs(t);
        report(QStringLiteral("store 8 KB messages one by one"), singleMs / single,
               QStringLiteral("per message; %1 msg/s").arg(qint64(single / (singleMs / 1000.0))));

        t.restart();
        for (int done = 0; done < files;) {
            MessageBatch batch(store);
            for (int k = 0; k < 100 && done < files; ++k, ++done) {
                MessageRecord r;
                r.folderId = inbox;
                batch.addMessage(r, sampleMessage(100000 + done, 8000));
            }
            if (!batch.commit(&error)) {
                std::fprintf(stderr, "%s\n", error.toUtf8().constData());
                return 1;
            }
        }
        const double batchMs = elapsedMs(t);
        report(QStringLiteral("store 8 KB messages in batches of 100"), batchMs / files,
               QStringLiteral("per message; %1 msg/s").arg(qint64(files / (batchMs / 1000.0))));
    }

    std::printf("  %-44s %12ld KiB\n", "peak resident memory", peakRssKiB());
    std::printf("  %-44s %12.1f MiB\n", "database size",
                double(QFileInfo(store.databasePath()).size()) / (1024.0 * 1024.0));
    return 0;
}
