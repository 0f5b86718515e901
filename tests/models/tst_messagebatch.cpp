// MessageBatch's deferred durability: files are written and moved into place without waiting
// for the disk, made durable together at commit() before any row refers to them, and a file
// that a crash cut short before its sync is replaced when the same content comes again.
// Queued messages (queueMessage) are written only by commit().
#include "models/messagefilestore.h"
#include "models/store.h"

#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace Tributary;

namespace {

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QByteArray body(int n)
{
    QByteArray m = "From: a" + QByteArray::number(n) + "@example.org\r\nSubject: Batch "
        + QByteArray::number(n) + "\r\n\r\n";
    for (int i = 0; m.size() < 5000 + n * 37; ++i)
        m += "line " + QByteArray::number(i) + " of message " + QByteArray::number(n) + "\r\n";
    return m;
}

QByteArray readAll(std::unique_ptr<QIODevice> device)
{
    return device ? device->readAll() : QByteArray();
}

// What a power loss between a deferred write and its batch's sync can leave: the file at its
// content address, cut short (ext4 with delayed allocation typically leaves it empty).
void plantShortFile(const Store &store, const QByteArray &content, qsizetype keep)
{
    const QString path = store.messageFiles().pathFor(sha256Hex(content));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(content.left(keep)), keep);
}

} // namespace

class TestMessageBatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filesInPlaceBeforeCommitRowsAfter();
    void batchReplacesFileCutShortByCrash();
    void singleStoreReplacesFileCutShortByCrash();
    void identicalContentInOneBatch();
    void rowsOfOneBatchKeepTheirOwnValues();
    void missingFileFailsTheBatch_data();
    void missingFileFailsTheBatch();
    void queuedMessagesWrittenAtCommit();
    void droppedQueuedBatchLeavesNothing();
    void queuedWriteFailureFailsTheCommit();
};

void TestMessageBatch::filesInPlaceBeforeCommitRowsAfter()
{
    Store store(TestEnv::scratchDir(QStringLiteral("batch-order")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    MessageBatch batch(store);
    QList<QByteArray> contents;
    for (int i = 0; i < 20; ++i) {
        MessageRecord r;
        r.folderId = inbox;
        r.sourceUidl = QStringLiteral("u%1").arg(i);
        contents << body(i);
        QVERIFY(batch.addMessage(r, contents.last()));
    }
    // The files are already at their names (so a kill here leaves unreferenced content, no
    // temp files), but nothing is indexed yet.
    QCOMPARE(store.messageFiles().tempFileCount(), 0);
    for (const QByteArray &c : std::as_const(contents))
        QVERIFY(store.messageFiles().contains(sha256Hex(c)));
    QCOMPARE(store.messageCount(inbox), 0);
    QVERIFY2(batch.commit(&error), qPrintable(error));
    QCOMPARE(batch.insertedIds().size(), 20);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(readAll(store.openMessage(batch.insertedIds().at(i))), contents.at(i));
}

void TestMessageBatch::batchReplacesFileCutShortByCrash()
{
    Store store(TestEnv::scratchDir(QStringLiteral("batch-short")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    const QByteArray empty = body(1);
    const QByteArray half = body(2);
    plantShortFile(store, empty, 0);
    plantShortFile(store, half, half.size() / 2);

    MessageBatch batch(store);
    MessageRecord r;
    r.folderId = inbox;
    r.sourceUidl = QStringLiteral("empty");
    QVERIFY(batch.addMessage(r, empty));
    r.sourceUidl = QStringLiteral("half");
    MessageWriter &w = batch.beginMessage();
    for (qsizetype pos = 0; pos < half.size(); pos += 700)
        QVERIFY(w.append(half.mid(pos, 700)));
    QVERIFY(batch.finishMessage(r));
    QVERIFY2(batch.commit(&error), qPrintable(error));
    QCOMPARE(batch.insertedIds().size(), 2);
    QCOMPARE(readAll(store.openMessage(batch.insertedIds().at(0))), empty);
    QCOMPARE(readAll(store.openMessage(batch.insertedIds().at(1))), half);
    QCOMPARE(store.messageFiles().tempFileCount(), 0);
}

void TestMessageBatch::singleStoreReplacesFileCutShortByCrash()
{
    Store store(TestEnv::scratchDir(QStringLiteral("single-short")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const QByteArray content = body(3);
    plantShortFile(store, content, 10);
    MessageRecord r;
    r.folderId = store.specialFolder(Folder::SpecialUse::Inbox);
    r.sourceUidl = QStringLiteral("single");
    const qint64 id = store.storeMessage(r, content, &error);
    QVERIFY2(id > 0, qPrintable(error));
    QCOMPARE(readAll(store.openMessage(id)), content);
}

void TestMessageBatch::identicalContentInOneBatch()
{
    Store store(TestEnv::scratchDir(QStringLiteral("batch-same")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    const QByteArray content = body(4);
    MessageBatch batch(store);
    for (int i = 0; i < 3; ++i) {
        MessageRecord r;
        r.folderId = inbox;
        r.sourceUidl = QStringLiteral("same-%1").arg(i);
        QVERIFY(batch.addMessage(r, content));
    }
    QVERIFY2(batch.commit(&error), qPrintable(error));
    QCOMPARE(batch.insertedIds().size(), 3);
    QCOMPARE(store.messageFiles().allHashes(), QSet<QString> {sha256Hex(content)});
    for (qint64 id : batch.insertedIds())
        QCOMPARE(readAll(store.openMessage(id)), content);
}

void TestMessageBatch::rowsOfOneBatchKeepTheirOwnValues()
{
    // One commit runs the same statements for every row: IMAP, POP3 and local rows in turn,
    // source keys repeated inside the batch and from an earlier commit are duplicates, and
    // every inserted row holds its own values (none left over from the row before).
    Store store(TestEnv::scratchDir(QStringLiteral("batch-rows")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    const QUuid account = QUuid::createUuid();
    const auto imapRecord = [&](qint64 uid) {
        MessageRecord r;
        r.folderId = inbox;
        r.sourceAccount = account;
        r.sourceFolder = QStringLiteral("INBOX");
        r.sourceUidValidity = 7;
        r.sourceUid = uid;
        r.subject = QStringLiteral("imap %1").arg(uid);
        r.flags = MessageRecord::Seen;
        return r;
    };
    const auto pop3Record = [&](int n) {
        MessageRecord r;
        r.folderId = inbox;
        r.sourceAccount = account;
        r.sourceUidl = QStringLiteral("uidl-%1").arg(n);
        r.subject = QStringLiteral("pop3 %1").arg(n);
        r.sender = QStringLiteral("sender %1").arg(n);
        return r;
    };
    {
        MessageBatch first(store);
        QVERIFY(first.addMessage(imapRecord(1), body(10)));
        QVERIFY(first.addMessage(pop3Record(1), body(11)));
        QVERIFY2(first.commit(&error), qPrintable(error));
        QCOMPARE(first.insertedIds().size(), 2);
    }
    MessageBatch batch(store);
    QList<MessageRecord> expected;
    for (int i = 2; i <= 6; ++i) {
        QVERIFY(batch.addMessage(imapRecord(i), body(20 + i)));
        expected << imapRecord(i);
        QVERIFY(batch.addMessage(pop3Record(i), body(30 + i)));
        expected << pop3Record(i);
        MessageRecord local;
        local.folderId = inbox;
        local.subject = QStringLiteral("local %1").arg(i);
        QVERIFY(batch.addMessage(local, body(40 + i)));
        expected << local;
    }
    QVERIFY(batch.addMessage(imapRecord(1), body(50))); // committed before
    QVERIFY(batch.addMessage(pop3Record(1), body(51))); // committed before
    QVERIFY(batch.addMessage(imapRecord(3), body(52))); // earlier in this batch
    QVERIFY(batch.addMessage(pop3Record(4), body(53))); // earlier in this batch
    QVERIFY2(batch.commit(&error), qPrintable(error));
    QCOMPARE(batch.duplicateCount(), 4);
    QCOMPARE(batch.insertedIds().size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const std::optional<MessageRecord> row = store.message(batch.insertedIds().at(i));
        QVERIFY(row);
        const MessageRecord &want = expected.at(i);
        QCOMPARE(row->subject, want.subject);
        QCOMPARE(row->sender, want.sender);
        QCOMPARE(row->flags, want.flags);
        QCOMPARE(row->sourceAccount, want.sourceAccount);
        QCOMPARE(row->sourceUid, want.sourceUid);
        QCOMPARE(row->sourceUidl, want.sourceUidl);
    }
    QCOMPARE(store.messageCount(inbox), qint64(2 + expected.size()));
    QVERIFY(store.containsImapMessage(account, QStringLiteral("INBOX"), 7, 6));
    QVERIFY(store.containsPop3Message(account, QStringLiteral("uidl-6")));
    QVERIFY(!store.containsPop3Message(account, QStringLiteral("uidl-7")));
}

void TestMessageBatch::missingFileFailsTheBatch_data()
{
    QTest::addColumn<int>("messages");
    // 20 files: one syncfs() for the batch, then every file is checked; 2 files: one
    // fdatasync() per file.
    QTest::newRow("file system sync") << 20;
    QTest::newRow("file by file") << 2;
}

// A file that is gone by the time the batch is made durable (removed by someone else) must
// not get a row: the batch fails with words and indexes nothing; with the file back, the
// same batch commits.
void TestMessageBatch::missingFileFailsTheBatch()
{
    QFETCH(int, messages);
    Store store(TestEnv::scratchDir(QStringLiteral("batch-missing-%1").arg(messages)));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    MessageBatch batch(store);
    QByteArray removed;
    for (int i = 0; i < messages; ++i) {
        MessageRecord r;
        r.folderId = inbox;
        r.sourceUidl = QStringLiteral("m%1").arg(i);
        const QByteArray content = body(100 + i);
        QVERIFY(batch.addMessage(r, content));
        if (i == messages / 2)
            removed = content;
    }
    QVERIFY(store.messageFiles().remove(sha256Hex(removed)));
    QVERIFY(!batch.commit(&error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(batch.errorString(), error);
    QCOMPARE(store.messageCount(inbox), 0);
    QVERIFY(batch.insertedIds().isEmpty());

    MessageWriter writer(store.messageFiles());
    QVERIFY(writer.begin() && writer.append(removed) && writer.commit());
    QVERIFY2(batch.commit(&error), qPrintable(error));
    QCOMPARE(batch.insertedIds().size(), messages);
    QCOMPARE(store.messageCount(inbox), qint64(messages));
}

// queueMessage() keeps the bodies until commit(), which writes and hashes them there: no file
// exists before, rows keep the order of adding (queued and written messages mixed), and the
// bodies are released once written.
void TestMessageBatch::queuedMessagesWrittenAtCommit()
{
    Store store(TestEnv::scratchDir(QStringLiteral("batch-queued")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    MessageBatch batch(store);
    QList<QByteArray> contents;
    qint64 queued = 0;
    for (int i = 0; i < 12; ++i) {
        MessageRecord r;
        r.folderId = inbox;
        r.sourceUidl = QStringLiteral("q%1").arg(i);
        // Every fourth is written at once; two queued ones share their content.
        contents << (i == 9 ? contents.at(5) : body(200 + i));
        if (i % 4 == 0) {
            QVERIFY(batch.addMessage(r, contents.last()));
        } else {
            batch.queueMessage(r, contents.last());
            queued += contents.last().size();
        }
    }
    QCOMPARE(batch.pendingCount(), 12);
    QCOMPARE(batch.queuedBytes(), queued);
    QCOMPARE(store.messageFiles().allHashes().size(), 3); // the three added with addMessage
    for (int i = 1; i < 12; ++i) {
        if (i % 4 != 0)
            QVERIFY(!store.messageFiles().contains(sha256Hex(contents.at(i))));
    }
    QVERIFY2(batch.commit(&error), qPrintable(error));
    QCOMPARE(batch.queuedBytes(), 0);
    QCOMPARE(batch.pendingCount(), 0);
    QCOMPARE(store.messageFiles().tempFileCount(), 0);
    QCOMPARE(store.messageFiles().allHashes().size(), 11);
    QCOMPARE(batch.insertedIds().size(), 12);
    for (int i = 0; i < 12; ++i) {
        const std::optional<MessageRecord> row = store.message(batch.insertedIds().at(i));
        QVERIFY(row);
        QCOMPARE(row->sourceUidl, QStringLiteral("q%1").arg(i));
        QCOMPARE(row->sha256, sha256Hex(contents.at(i)));
        QCOMPARE(row->size, qint64(contents.at(i).size()));
        QCOMPARE(readAll(store.openMessage(batch.insertedIds().at(i))), contents.at(i));
    }
}

// A queued batch that never commits (a cancelled run drops it) leaves no file and no row.
void TestMessageBatch::droppedQueuedBatchLeavesNothing()
{
    Store store(TestEnv::scratchDir(QStringLiteral("batch-queued-dropped")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    {
        MessageBatch batch(store);
        for (int i = 0; i < 10; ++i) {
            MessageRecord r;
            r.folderId = inbox;
            r.sourceUidl = QStringLiteral("d%1").arg(i);
            batch.queueMessage(r, body(300 + i));
        }
        QCOMPARE(batch.pendingCount(), 10);
    }
    QVERIFY(store.messageFiles().allHashes().isEmpty());
    QCOMPARE(store.messageFiles().tempFileCount(), 0);
    QCOMPARE(store.messageCount(inbox), 0);
}

// A queued body whose file cannot be written fails commit() with words and indexes nothing;
// once the disk is usable again the same batch commits every message.
void TestMessageBatch::queuedWriteFailureFailsTheCommit()
{
    Store store(TestEnv::scratchDir(QStringLiteral("batch-queued-fail")));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    MessageBatch batch(store);
    QList<QByteArray> contents;
    for (int i = 0; i < 10; ++i) {
        MessageRecord r;
        r.folderId = inbox;
        r.sourceUidl = QStringLiteral("f%1").arg(i);
        contents << body(400 + i);
        batch.queueMessage(r, contents.last());
    }
    // No temp file can be created while tmp/ is a plain file (root ignores permissions).
    const QString temp = store.messageFiles().tempDir();
    QVERIFY(QDir(temp).removeRecursively());
    {
        QFile blocker(temp);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
    }
    QVERIFY(!batch.commit(&error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(batch.errorString(), error);
    QCOMPARE(store.messageCount(inbox), 0);
    QVERIFY(batch.insertedIds().isEmpty());
    QCOMPARE(batch.pendingCount(), 10);

    QVERIFY(QFile::remove(temp));
    QVERIFY(QDir().mkpath(temp));
    QVERIFY2(batch.commit(&error), qPrintable(error));
    QCOMPARE(batch.insertedIds().size(), 10);
    QCOMPARE(batch.queuedBytes(), 0);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(readAll(store.openMessage(batch.insertedIds().at(i))), contents.at(i));
}

QTEST_GUILESS_MAIN(TestMessageBatch)
#include "tst_messagebatch.moc"
