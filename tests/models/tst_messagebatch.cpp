// MessageBatch's deferred durability: files are written and moved into place without waiting
// for the disk, made durable together at commit() before any row refers to them, and a file
// that a crash cut short before its sync is replaced when the same content comes again.
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
    void missingFileFailsTheBatch_data();
    void missingFileFailsTheBatch();
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

QTEST_GUILESS_MAIN(TestMessageBatch)
#include "tst_messagebatch.moc"
