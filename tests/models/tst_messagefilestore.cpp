#include "models/messagefilestore.h"
#include "models/store.h"

#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <vector>

using namespace Tributary;

namespace {

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QByteArray readAll(std::unique_ptr<QIODevice> device)
{
    return device ? device->readAll() : QByteArray();
}

QByteArray sampleMessage(int n, int bodyBytes = 2000)
{
    QByteArray m = "From: sender" + QByteArray::number(n) + "@example.org\r\nSubject: Message "
        + QByteArray::number(n) + "\r\nMessage-ID: <" + QByteArray::number(n)
        + "@example.org>\r\n\r\n";
    for (int i = 0; m.size() < bodyBytes; ++i)
        m += "line " + QByteArray::number(i) + " of message " + QByteArray::number(n) + "\r\n";
    return m;
}

} // namespace

class TestMessageFileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contentHashKnownDigests();
    void contentHashChunkedMatchesQt();
    void writersOpenTheirOwnTempFiles();
    void streamsIntoShardedFile();
    void abortAndDestructionRemoveTempFile();
    void openRemovesOrphanTempFiles();
    void identicalContentSharesOneFile();
    void addMessageNeedsTheFile();
    void deduplicatesBySourceKeys();
    void batchCommitsTogether();
    void removeMessageKeepsSharedFile();
    void removeUnreferencedFiles();
    void setFlagsAndMove();
};

void TestMessageFileStore::contentHashKnownDigests()
{
    // FIPS 180-2 test vectors.
    QCOMPARE(ContentHash::hash(QByteArray()).toHex(),
             QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(ContentHash::hash("abc").toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(ContentHash::hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").toHex(),
             QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    // One million 'a'.
    ContentHash h;
    const QByteArray thousand(1000, 'a');
    for (int i = 0; i < 1000; ++i)
        h.addData(thousand);
    QCOMPARE(h.result().toHex(),
             QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    // reset() starts a new digest on the same object.
    h.reset();
    h.addData("abc", 3);
    QCOMPARE(h.result().toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestMessageFileStore::contentHashChunkedMatchesQt()
{
    // 1 MB of varied bytes fed in odd-sized chunks (including empty ones) gives the same
    // digest as Qt's SHA-256 over the whole buffer.
    QByteArray data(1024 * 1024, Qt::Uninitialized);
    quint32 x = 2463534242u;
    for (char &c : data) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = char(x & 0xff);
    }
    const int chunkSizes[] = {1, 0, 7, 63, 64, 65, 1000, 4093, 65537};
    ContentHash h;
    qsizetype offset = 0;
    for (int i = 0; offset < data.size(); ++i) {
        const qsizetype n = qMin<qsizetype>(chunkSizes[i % 9], data.size() - offset);
        h.addData(data.constData() + offset, n);
        offset += n;
    }
    QCOMPARE(h.result(), QCryptographicHash::hash(data, QCryptographicHash::Sha256));
}

void TestMessageFileStore::writersOpenTheirOwnTempFiles()
{
    const QString root = TestEnv::scratchDir(QStringLiteral("files-temp"));
    MessageFileStore files(root);
    QVERIFY(files.open());
    // Many writers open at once each have a new file of their own in tmp/, readable by the
    // owner only; each ends up under its own content.
    std::vector<std::unique_ptr<MessageWriter>> writers;
    for (int i = 0; i < 50; ++i) {
        writers.push_back(std::make_unique<MessageWriter>(files));
        QVERIFY2(writers.back()->begin(), qPrintable(writers.back()->errorString()));
        QVERIFY(writers.back()->append(sampleMessage(100 + i)));
    }
    QCOMPARE(files.tempFileCount(), 50);
    const QFileInfoList temps = QDir(files.tempDir()).entryInfoList(QDir::Files);
    for (const QFileInfo &temp : temps)
        QCOMPARE(
            temp.permissions()
                & (QFile::ReadOther | QFile::WriteOther | QFile::ReadGroup | QFile::WriteGroup),
            QFile::Permissions());
    for (int i = 0; i < 50; ++i) {
        QVERIFY2(writers.at(size_t(i))->commit(i == 49),
                 qPrintable(writers.at(size_t(i))->errorString()));
        QCOMPARE(readAll(files.open(sha256Hex(sampleMessage(100 + i)))), sampleMessage(100 + i));
    }
    QCOMPARE(files.tempFileCount(), 0);
    QCOMPARE(files.allHashes().size(), 50);
}

void TestMessageFileStore::streamsIntoShardedFile()
{
    const QString root = TestEnv::scratchDir(QStringLiteral("files-stream"));
    MessageFileStore files(root);
    QVERIFY(files.open());
    const QByteArray content = sampleMessage(1, 300000);

    MessageWriter writer(files);
    QVERIFY(writer.begin());
    QVERIFY(writer.isOpen());
    QCOMPARE(files.tempFileCount(), 1);
    for (qsizetype pos = 0; pos < content.size(); pos += 4096)
        QVERIFY(writer.append(content.mid(pos, 4096)));
    QVERIFY(writer.commit());
    QVERIFY(writer.isCommitted());
    QCOMPARE(files.tempFileCount(), 0);

    const QString sha = sha256Hex(content);
    QCOMPARE(writer.sha256(), sha);
    QCOMPARE(writer.size(), content.size());
    const QString path = files.pathFor(sha);
    QCOMPARE(path, root + QLatin1Char('/') + sha.left(2) + QLatin1Char('/') + sha.mid(2));
    QCOMPARE(writer.directory(), root + QLatin1Char('/') + sha.left(2));
    QVERIFY(files.contains(sha));
    QCOMPARE(readAll(files.open(sha)), content);
    QCOMPARE(files.allHashes(), QSet<QString> {sha});

    QVERIFY(files.pathFor(QStringLiteral("../etc/passwd")).isEmpty());
    QVERIFY(files.pathFor(sha.toUpper()).isEmpty());
    QVERIFY(!files.open(QStringLiteral("nothex")));
    QVERIFY(!MessageFileStore::isValidSha256(sha.left(63)));

    // The same writer begun again hashes the next content from scratch.
    const QByteArray next = sampleMessage(2);
    QVERIFY(writer.begin());
    QVERIFY(writer.append(next));
    QVERIFY(writer.commit());
    QCOMPARE(writer.sha256(), sha256Hex(next));
}

void TestMessageFileStore::abortAndDestructionRemoveTempFile()
{
    MessageFileStore files(TestEnv::scratchDir(QStringLiteral("files-abort")));
    QVERIFY(files.open());
    {
        MessageWriter writer(files);
        QVERIFY(writer.begin());
        QVERIFY(writer.append("partial"));
        QCOMPARE(files.tempFileCount(), 1);
        writer.abort();
        QCOMPARE(files.tempFileCount(), 0);
        QVERIFY(!writer.isOpen());
        QVERIFY(!writer.append("more"));
        QVERIFY(!writer.commit());
        QVERIFY(writer.begin());
        QVERIFY(writer.append("again"));
        QCOMPARE(files.tempFileCount(), 1);
    } // destroyed uncommitted
    QCOMPARE(files.tempFileCount(), 0);
    QVERIFY(files.allHashes().isEmpty());
}

void TestMessageFileStore::openRemovesOrphanTempFiles()
{
    const QString root = TestEnv::scratchDir(QStringLiteral("files-orphans"));
    {
        MessageFileStore files(root);
        QVERIFY(files.open());
    }
    for (int i = 0; i < 3; ++i) {
        QFile orphan(root + QStringLiteral("/tmp/msg-orphan%1.tmp").arg(i));
        QVERIFY(orphan.open(QIODevice::WriteOnly));
        orphan.write("half a message");
    }
    MessageFileStore files(root);
    QCOMPARE(files.tempFileCount(), 3);
    QVERIFY(files.open());
    QCOMPARE(files.tempFileCount(), 0);

    // Through the Store as well.
    const QString profile = TestEnv::scratchDir(QStringLiteral("files-orphans-store"));
    {
        Store store(profile);
        QVERIFY(store.open(nullptr));
    }
    QFile orphan(profile + QStringLiteral("/messages/tmp/msg-x.tmp"));
    QVERIFY(orphan.open(QIODevice::WriteOnly));
    orphan.close();
    Store store(profile);
    QVERIFY(store.open(nullptr));
    QVERIFY(!QFile::exists(orphan.fileName()));
}

void TestMessageFileStore::identicalContentSharesOneFile()
{
    MessageFileStore files(TestEnv::scratchDir(QStringLiteral("files-same")));
    QVERIFY(files.open());
    const QByteArray content = sampleMessage(2);
    for (int i = 0; i < 2; ++i) {
        MessageWriter writer(files);
        QVERIFY(writer.begin());
        QVERIFY(writer.append(content));
        QVERIFY(writer.commit());
    }
    QCOMPARE(files.allHashes().size(), 1);
    QCOMPARE(files.tempFileCount(), 0);
}

void TestMessageFileStore::addMessageNeedsTheFile()
{
    Store store(TestEnv::scratchDir(QStringLiteral("files-addmessage")));
    QString error;
    QVERIFY(store.open(&error));
    MessageRecord r;
    r.folderId = store.specialFolder(Folder::SpecialUse::Inbox);
    r.subject = QStringLiteral("no file");
    QCOMPARE(store.addMessage(r, sha256Hex("never written"), &error), -1);
    QVERIFY(!error.isEmpty());
    QCOMPARE(store.messageCount(r.folderId), 0);

    // Streamed, then indexed.
    const QByteArray content = sampleMessage(3, 50000);
    MessageWriter writer(store.messageFiles());
    QVERIFY(writer.begin());
    QVERIFY(writer.append(content.left(1000)));
    QVERIFY(writer.append(content.mid(1000)));
    QVERIFY(writer.commit());
    r.subject = QStringLiteral("Message 3");
    r.size = writer.size();
    r.sender = QStringLiteral("sender3@example.org");
    r.internalDate = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    QSignalSpy changed(&store, &Store::changed);
    const qint64 id = store.addMessage(r, writer.sha256(), &error);
    QVERIFY2(id > 0, qPrintable(error));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<Store::Table>(), Store::Table::Messages);
    const auto m = store.message(id);
    QVERIFY(m.has_value());
    QCOMPARE(m->sha256, sha256Hex(content));
    QCOMPARE(m->size, content.size());
    QCOMPARE(m->internalDate, r.internalDate);
    QCOMPARE(m->subject, r.subject);
    QCOMPARE(readAll(store.openMessage(id)), content);
    QVERIFY(!store.openMessage(id + 1000));
}

void TestMessageFileStore::deduplicatesBySourceKeys()
{
    Store store(TestEnv::scratchDir(QStringLiteral("files-dedup")));
    QString error;
    QVERIFY(store.open(&error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    const QUuid account = QUuid::createUuid();
    const QUuid other = QUuid::createUuid();

    MessageRecord pop;
    pop.folderId = inbox;
    pop.sourceAccount = account;
    pop.sourceUidl = QStringLiteral("UIDL-1");
    QVERIFY(store.storeMessage(pop, sampleMessage(10), &error) > 0);
    QVERIFY(store.containsPop3Message(account, QStringLiteral("UIDL-1")));
    QVERIFY(!store.containsPop3Message(other, QStringLiteral("UIDL-1")));
    // The same UIDL from the same account again (e.g. after an interrupted run): skipped.
    QCOMPARE(store.storeMessage(pop, sampleMessage(11), &error), 0);
    // From another account: stored.
    pop.sourceAccount = other;
    QVERIFY(store.storeMessage(pop, sampleMessage(10), &error) > 0);
    QCOMPARE(store.knownUidls(account), QSet<QString> {QStringLiteral("UIDL-1")});

    MessageRecord imap;
    imap.folderId = inbox;
    imap.sourceAccount = account;
    imap.sourceFolder = QStringLiteral("INBOX");
    imap.sourceUidValidity = 1234;
    imap.sourceUid = 7;
    QVERIFY(store.storeMessage(imap, sampleMessage(20), &error) > 0);
    QCOMPARE(store.storeMessage(imap, sampleMessage(20), &error), 0);
    QVERIFY(store.containsImapMessage(account, QStringLiteral("INBOX"), 1234, 7));
    // A new UIDVALIDITY means a new message identity.
    imap.sourceUidValidity = 1235;
    QVERIFY(store.storeMessage(imap, sampleMessage(20), &error) > 0);
    imap.sourceFolder = QStringLiteral("Archive");
    QVERIFY(store.storeMessage(imap, sampleMessage(20), &error) > 0);
    QCOMPARE(store.knownUids(account, QStringLiteral("INBOX"), 1234), QSet<qint64> {7});

    // Local messages (no source) never collide.
    MessageRecord local;
    local.folderId = store.specialFolder(Folder::SpecialUse::Drafts);
    QVERIFY(store.storeMessage(local, sampleMessage(30), &error) > 0);
    QVERIFY(store.storeMessage(local, sampleMessage(30), &error) > 0);
    QCOMPARE(store.messageCount(local.folderId), 2);

    // The unique indexes hold in the database itself.
    QSqlQuery q(store.database());
    QVERIFY(
        !q.exec(QStringLiteral(
                    "INSERT INTO messages (folder_id, internal_date, size, sha256, source_account,"
                    " source_uidl) VALUES (%1, 0, 0, 'x', '%2', 'UIDL-1')")
                    .arg(inbox)
                    .arg(account.toString(QUuid::WithoutBraces))));
    QVERIFY(
        !q.exec(QStringLiteral(
                    "INSERT INTO messages (folder_id, internal_date, size, sha256, source_account,"
                    " source_folder, source_uidvalidity, source_uid) VALUES (%1, 0, 0, 'x', '%2',"
                    " 'INBOX', 1234, 7)")
                    .arg(inbox)
                    .arg(account.toString(QUuid::WithoutBraces))));
    QCOMPARE(store.counts().value(QStringLiteral("messages")), 7);
}

void TestMessageFileStore::batchCommitsTogether()
{
    Store store(TestEnv::scratchDir(QStringLiteral("files-batch")));
    QString error;
    QVERIFY(store.open(&error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    const QUuid account = QUuid::createUuid();
    QSignalSpy changed(&store, &Store::changed);
    QList<QByteArray> contents;
    {
        MessageBatch batch(store);
        for (int i = 0; i < 50; ++i) {
            MessageRecord r;
            r.folderId = inbox;
            r.sourceAccount = account;
            r.sourceUidl = QStringLiteral("b-%1").arg(i % 45); // five duplicates inside the batch
            r.subject = QStringLiteral("Batch %1").arg(i);
            const QByteArray content = sampleMessage(100 + i, 3000 + i * 100);
            contents.append(content);
            if (i % 2 == 0) {
                QVERIFY(batch.addMessage(r, content));
            } else {
                MessageWriter &w = batch.beginMessage();
                QVERIFY(w.isOpen());
                for (qsizetype pos = 0; pos < content.size(); pos += 1000)
                    QVERIFY(w.append(content.mid(pos, 1000)));
                QVERIFY(batch.finishMessage(r));
            }
        }
        QCOMPARE(batch.pendingCount(), 50);
        // Nothing is indexed before commit.
        QCOMPARE(store.messageCount(inbox), 0);
        QCOMPARE(changed.size(), 0);
        QVERIFY2(batch.commit(&error), qPrintable(error));
        QCOMPARE(batch.insertedIds().size(), 45);
        QCOMPARE(batch.duplicateCount(), 5);
        QCOMPARE(batch.pendingCount(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(store.messageCount(inbox), 45);
        for (int i = 0; i < 45; ++i) {
            const qint64 id = batch.insertedIds().at(i);
            QCOMPARE(readAll(store.openMessage(id)), contents.at(i));
            QCOMPARE(store.message(id)->size, contents.at(i).size());
        }
    }
    QCOMPARE(store.messageFiles().tempFileCount(), 0);

    // An uncommitted batch indexes nothing.
    {
        MessageBatch batch(store);
        MessageRecord r;
        r.folderId = inbox;
        QVERIFY(batch.addMessage(r, sampleMessage(999)));
        MessageWriter &w = batch.beginMessage();
        QVERIFY(w.append("unfinished"));
        batch.abortMessage();
    }
    QCOMPARE(store.messageCount(inbox), 45);
    QCOMPARE(store.messageFiles().tempFileCount(), 0);

    // A batch whose row cannot be inserted (unknown folder) indexes none of its messages.
    {
        MessageBatch batch(store);
        MessageRecord good;
        good.folderId = inbox;
        MessageRecord bad;
        bad.folderId = 999999;
        QVERIFY(batch.addMessage(good, sampleMessage(1000)));
        QVERIFY(batch.addMessage(bad, sampleMessage(1001)));
        QVERIFY(!batch.commit(&error));
        QVERIFY(!error.isEmpty());
    }
    QCOMPARE(store.messageCount(inbox), 45);
}

void TestMessageFileStore::removeMessageKeepsSharedFile()
{
    Store store(TestEnv::scratchDir(QStringLiteral("files-remove")));
    QString error;
    QVERIFY(store.open(&error));
    MessageRecord r;
    r.folderId = store.specialFolder(Folder::SpecialUse::Inbox);
    const QByteArray content = sampleMessage(50);
    const qint64 a = store.storeMessage(r, content, &error);
    const qint64 b = store.storeMessage(r, content, &error);
    QVERIFY(a > 0 && b > 0);
    const QString sha = sha256Hex(content);
    QVERIFY(store.removeMessage(a, &error));
    QVERIFY(store.messageFiles().contains(sha)); // still used by b
    QCOMPARE(readAll(store.openMessage(b)), content);
    QVERIFY(store.removeMessage(b, &error));
    QVERIFY(!store.messageFiles().contains(sha));
    QVERIFY(!store.removeMessage(b, &error));
}

void TestMessageFileStore::removeUnreferencedFiles()
{
    Store store(TestEnv::scratchDir(QStringLiteral("files-unreferenced")));
    QString error;
    QVERIFY(store.open(&error));
    MessageRecord r;
    r.folderId = store.specialFolder(Folder::SpecialUse::Inbox);
    const qint64 kept = store.storeMessage(r, sampleMessage(60), &error);
    QVERIFY(kept > 0);
    // A file without a row: what a crash between rename and insert leaves.
    MessageWriter writer(store.messageFiles());
    QVERIFY(writer.begin());
    QVERIFY(writer.append(sampleMessage(61)));
    QVERIFY(writer.commit());
    QCOMPARE(store.messageFiles().allHashes().size(), 2);
    QCOMPARE(store.removeUnreferencedFiles(), 1);
    QCOMPARE(store.messageFiles().allHashes(), QSet<QString> {store.message(kept)->sha256});
}

void TestMessageFileStore::setFlagsAndMove()
{
    Store store(TestEnv::scratchDir(QStringLiteral("files-flags")));
    QString error;
    QVERIFY(store.open(&error));
    const qint64 inbox = store.specialFolder(Folder::SpecialUse::Inbox);
    const qint64 archive = store.specialFolder(Folder::SpecialUse::Archive);
    MessageRecord r;
    r.folderId = inbox;
    const qint64 id = store.storeMessage(r, sampleMessage(70), &error);
    QCOMPARE(store.unreadCounts().value(inbox), 1);
    QVERIFY(store.setMessageFlags(id, MessageRecord::Seen | MessageRecord::Flagged, &error));
    QCOMPARE(store.message(id)->flags, int(MessageRecord::Seen | MessageRecord::Flagged));
    QCOMPARE(store.unreadCounts().value(inbox), 0);
    QVERIFY(store.moveMessage(id, archive, &error));
    QCOMPARE(store.message(id)->folderId, archive);
    QVERIFY(!store.moveMessage(id, 999999, &error)); // foreign key
    QCOMPARE(store.message(id)->folderId, archive);
}

QTEST_GUILESS_MAIN(TestMessageFileStore)
#include "tst_messagefilestore.moc"
