#include "store.h"

#include "logging.h"
#include "messagefilestore.h"
#include "storequery_p.h"

#include <QFileInfo>
#include <QIODevice>

#include <iterator>
#include <utility>

namespace Tributary {

using namespace StoreSql;

namespace {

const char kMessageColumns[] = "id, folder_id, flags, internal_date, sent_date, size, sender, "
                               "recipients, subject, message_id,"
                               " in_reply_to, sha256, source_account, source_folder, "
                               "source_uidvalidity, source_uid, source_uidl";

MessageRecord readMessage(const QSqlQuery &q)
{
    MessageRecord m;
    m.id = q.value(0).toLongLong();
    m.folderId = q.value(1).toLongLong();
    m.flags = q.value(2).toInt();
    m.internalDate = toDateTime(q.value(3));
    m.sentDate = toDateTime(q.value(4));
    m.size = q.value(5).toLongLong();
    m.sender = q.value(6).toString();
    m.recipients = q.value(7).toString();
    m.subject = q.value(8).toString();
    m.messageId = q.value(9).toString();
    m.inReplyTo = q.value(10).toString();
    m.sha256 = q.value(11).toString();
    m.sourceAccount = toUuid(q.value(12));
    m.sourceFolder = q.value(13).toString();
    m.sourceUidValidity = q.value(14).toLongLong();
    m.sourceUid = q.value(15).toLongLong();
    m.sourceUidl = q.value(16).toString();
    return m;
}

bool hasImapKey(const MessageRecord &r)
{
    return !r.sourceAccount.isNull() && r.sourceUid > 0;
}

bool hasPop3Key(const MessageRecord &r)
{
    return !r.sourceAccount.isNull() && !r.sourceUidl.isEmpty();
}

// The statements that index one message, each prepared on first use and then bound and run
// once per row: a batch commit prepares them once, not once per message.
class MessageRowStatements
{
public:
    explicit MessageRowStatements(QSqlDatabase &db)
        : m_imapKey(db)
        , m_pop3Key(db)
        , m_insert(db)
    {
    }

    // The new row's id, 0 if a row with the same source key exists, -1 on error.
    qint64 insert(const MessageRecord &r, QString *error)
    {
        const int dup = duplicateOf(r, error);
        if (dup != 0)
            return dup > 0 ? 0 : -1;
        if (!ready(m_insert, m_insertPrepared,
                   QStringLiteral(
                       "INSERT INTO messages (folder_id, flags, internal_date, sent_date, size,"
                       " sender, recipients, subject, message_id, in_reply_to, sha256,"
                       " source_account, source_folder, source_uidvalidity, source_uid,"
                       " source_uidl)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   error))
            return -1;
        const bool imap = hasImapKey(r);
        const QVariant values[] = {
            r.folderId,
            r.flags,
            (r.internalDate.isValid() ? r.internalDate : QDateTime::currentDateTimeUtc())
                .toMSecsSinceEpoch(),
            fromDateTime(r.sentDate),
            r.size,
            r.sender,
            r.recipients,
            r.subject,
            r.messageId,
            r.inReplyTo,
            r.sha256,
            fromUuid(r.sourceAccount),
            imap ? QVariant(r.sourceFolder) : QVariant(QMetaType(QMetaType::QString)),
            imap ? QVariant(r.sourceUidValidity) : QVariant(QMetaType(QMetaType::LongLong)),
            imap ? QVariant(r.sourceUid) : QVariant(QMetaType(QMetaType::LongLong)),
            nullableText(r.sourceUidl),
        };
        for (int i = 0; i < int(std::size(values)); ++i)
            m_insert.bindValue(i, values[i]);
        if (!exec(m_insert, error))
            return -1;
        const qint64 id = m_insert.lastInsertId().toLongLong();
        m_insert.finish();
        return id;
    }

    // 1 = a row with the same source key exists, 0 = none, -1 = error.
    int duplicateOf(const MessageRecord &r, QString *error)
    {
        if (hasImapKey(r)) {
            if (!ready(m_imapKey, m_imapKeyPrepared,
                       QStringLiteral(
                           "SELECT 1 FROM messages WHERE source_account = ? AND source_folder = ?"
                           " AND source_uidvalidity = ? AND source_uid = ?"),
                       error))
                return -1;
            m_imapKey.bindValue(0, fromUuid(r.sourceAccount));
            m_imapKey.bindValue(1, r.sourceFolder);
            m_imapKey.bindValue(2, r.sourceUidValidity);
            m_imapKey.bindValue(3, r.sourceUid);
            const int dup = found(m_imapKey, error);
            if (dup != 0)
                return dup;
        }
        if (hasPop3Key(r)) {
            if (!ready(m_pop3Key, m_pop3KeyPrepared,
                       QStringLiteral(
                           "SELECT 1 FROM messages WHERE source_account = ? AND source_uidl = ?"),
                       error))
                return -1;
            m_pop3Key.bindValue(0, fromUuid(r.sourceAccount));
            m_pop3Key.bindValue(1, r.sourceUidl);
            return found(m_pop3Key, error);
        }
        return 0;
    }

private:
    static bool ready(QSqlQuery &q, bool &prepared, const QString &sql, QString *error)
    {
        if (!prepared)
            prepared = prepare(q, sql, error);
        return prepared;
    }

    // Runs a key lookup: 1 = it found a row, 0 = none, -1 = error.
    static int found(QSqlQuery &q, QString *error)
    {
        if (!exec(q, error))
            return -1;
        const bool exists = q.next();
        q.finish();
        return exists ? 1 : 0;
    }

    QSqlQuery m_imapKey;
    QSqlQuery m_pop3Key;
    QSqlQuery m_insert;
    bool m_imapKeyPrepared = false;
    bool m_pop3KeyPrepared = false;
    bool m_insertPrepared = false;
};

} // namespace

qint64 Store::insertMessageRow(QSqlDatabase &db, const MessageRecord &r, QString *error) const
{
    MessageRowStatements statements(db);
    return statements.insert(r, error);
}

qint64 Store::addMessage(const MessageRecord &record, const QString &sha256, QString *errorMessage)
{
    if (!m_files->contains(sha256)) {
        setError(errorMessage,
                 tr("The message file %1 is missing; the message was not added.").arg(sha256));
        return -1;
    }
    QSqlDatabase db = database();
    MessageRecord r = record;
    r.sha256 = sha256;
    Transaction transaction(db);
    const qint64 id = insertMessageRow(db, r, errorMessage);
    if (id < 0 || !transaction.commit(errorMessage))
        return -1;
    if (id > 0)
        notifyMessages({r.folderId});
    return id;
}

qint64 Store::storeMessage(const MessageRecord &record, const QByteArray &content,
                           QString *errorMessage)
{
    MessageWriter writer(*m_files);
    if (!writer.begin() || !writer.append(content) || !writer.commit()) {
        setError(errorMessage, writer.errorString());
        return -1;
    }
    MessageRecord r = record;
    r.size = writer.size();
    return addMessage(r, writer.sha256(), errorMessage);
}

std::optional<MessageRecord> Store::message(qint64 id) const
{
    QSqlDatabase db = database();
    return selectRow<MessageRecord>(db,
                                    QStringLiteral("SELECT ") + QLatin1String(kMessageColumns)
                                        + QStringLiteral(" FROM messages WHERE id = ?"),
                                    id, readMessage);
}

std::unique_ptr<QIODevice> Store::openMessage(qint64 id) const
{
    const auto m = message(id);
    if (!m)
        return nullptr;
    return m_files->open(m->sha256);
}

namespace {

qint64 folderOfMessage(QSqlDatabase &db, qint64 id)
{
    QSqlQuery q(db);
    if (!prepare(q, QStringLiteral("SELECT folder_id FROM messages WHERE id = ?"), nullptr))
        return 0;
    q.addBindValue(id);
    if (!exec(q, nullptr) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

} // namespace

bool Store::setMessageFlags(qint64 id, int flags, QString *errorMessage)
{
    QSqlDatabase db = database();
    const qint64 folderId = folderOfMessage(db, id);
    QSqlQuery q(db);
    if (!prepare(q, QStringLiteral("UPDATE messages SET flags = ? WHERE id = ?"), errorMessage))
        return false;
    q.addBindValue(flags);
    q.addBindValue(id);
    if (!execOnExistingRow(q, tr("The message no longer exists."), errorMessage))
        return false;
    Q_EMIT messageFlagsChanged(id, folderId, flags);
    notify(Table::Messages);
    return true;
}

bool Store::moveMessage(qint64 id, qint64 folderId, QString *errorMessage)
{
    QSqlDatabase db = database();
    const qint64 from = folderOfMessage(db, id);
    QSqlQuery q(db);
    if (!prepare(q, QStringLiteral("UPDATE messages SET folder_id = ? WHERE id = ?"), errorMessage))
        return false;
    q.addBindValue(folderId);
    q.addBindValue(id);
    if (!exec(q, errorMessage))
        return false;
    notifyMessages({from, folderId});
    return true;
}

bool Store::removeMessage(qint64 id, QString *errorMessage)
{
    QSqlDatabase db = database();
    QString sha;
    qint64 folderId = 0;
    bool lastReference = false;
    {
        Transaction transaction(db);
        QSqlQuery q(db);
        if (!prepare(q, QStringLiteral("SELECT sha256, folder_id FROM messages WHERE id = ?"),
                     errorMessage))
            return false;
        q.addBindValue(id);
        if (!exec(q, errorMessage))
            return false;
        if (!q.next()) {
            setError(errorMessage, tr("The message no longer exists."));
            return false;
        }
        sha = q.value(0).toString();
        folderId = q.value(1).toLongLong();
        QSqlQuery del(db);
        if (!prepare(del, QStringLiteral("DELETE FROM messages WHERE id = ?"), errorMessage))
            return false;
        del.addBindValue(id);
        if (!exec(del, errorMessage))
            return false;
        // The outbox keeps its messages in the same file store.
        const qint64 references = contentReferences(db, sha, errorMessage);
        if (references < 0)
            return false;
        lastReference = references == 0;
        if (!transaction.commit(errorMessage))
            return false;
    }
    // The row is gone durably before the file: a crash in between leaves an unreferenced
    // file (removeUnreferencedFiles), never a row without its file.
    if (lastReference)
        m_files->remove(sha);
    notifyMessages({folderId});
    return true;
}

bool Store::containsImapMessage(const QUuid &account, const QString &folder, qint64 uidValidity,
                                qint64 uid) const
{
    QSqlDatabase db = database();
    MessageRecord r;
    r.sourceAccount = account;
    r.sourceFolder = folder;
    r.sourceUidValidity = uidValidity;
    r.sourceUid = uid;
    return MessageRowStatements(db).duplicateOf(r, nullptr) == 1;
}

bool Store::containsPop3Message(const QUuid &account, const QString &uidl) const
{
    QSqlDatabase db = database();
    MessageRecord r;
    r.sourceAccount = account;
    r.sourceUidl = uidl;
    return MessageRowStatements(db).duplicateOf(r, nullptr) == 1;
}

QSet<QString> Store::knownUidls(const QUuid &account) const
{
    QSet<QString> result;
    forEachKnownUidl(
        account, [&result](const QByteArray &uidl) { result.insert(QString::fromLatin1(uidl)); });
    return result;
}

QSet<qint64> Store::knownUids(const QUuid &account, const QString &folder, qint64 uidValidity) const
{
    QSet<qint64> result;
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!prepare(q,
                 QStringLiteral("SELECT source_uid FROM messages WHERE source_account = ?"
                                " AND source_folder = ? AND source_uidvalidity = ?"),
                 nullptr))
        return result;
    q.addBindValue(fromUuid(account));
    q.addBindValue(folder);
    q.addBindValue(uidValidity);
    if (!exec(q, nullptr))
        return result;
    while (q.next())
        result.insert(q.value(0).toLongLong());
    return result;
}

qint64 Store::messageCount(qint64 folderId) const
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q, QStringLiteral("SELECT COUNT(*) FROM messages WHERE folder_id = ?"), nullptr))
        return 0;
    q.addBindValue(folderId);
    if (!exec(q, nullptr) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

qint64 Store::unreadCount(qint64 folderId) const
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(
            q,
            QStringLiteral("SELECT COUNT(*) FROM messages WHERE folder_id = ? AND (flags & %1) = 0")
                .arg(int(MessageRecord::Seen)),
            nullptr))
        return 0;
    q.addBindValue(folderId);
    if (!exec(q, nullptr) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

int Store::removeUnreferencedFiles()
{
    QSet<QString> referenced;
    {
        QSqlDatabase db = database();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT sha256 FROM messages UNION SELECT sha256 FROM outbox")))
            return 0;
        while (q.next())
            referenced.insert(q.value(0).toString());
    }
    int removed = 0;
    const QSet<QString> stored = m_files->allHashes();
    for (const QString &sha : stored) {
        if (!referenced.contains(sha) && m_files->remove(sha))
            ++removed;
    }
    if (removed)
        qCInfo(lcStore) << "removed" << removed << "unreferenced message files";
    return removed;
}

// --- MessageBatch ---

namespace {

// From this many files on, one syncfs() of the store's file system is cheaper than one
// fdatasync() per file plus one fsync() per folder (each of which may commit the journal).
constexpr qsizetype kSyncFileSystemFrom = 8;

// PRAGMA synchronous=FULL on a connection while it lives, then back to the connection's
// NORMAL (Store::openConnection): SQLite then syncs the WAL at each commit.
class SynchronousFull
{
public:
    explicit SynchronousFull(QSqlDatabase &db)
        : m_db(db)
    {
        QSqlQuery(m_db).exec(QStringLiteral("PRAGMA synchronous=FULL"));
    }
    ~SynchronousFull() { QSqlQuery(m_db).exec(QStringLiteral("PRAGMA synchronous=NORMAL")); }
    SynchronousFull(const SynchronousFull &) = delete;
    SynchronousFull &operator=(const SynchronousFull &) = delete;

private:
    QSqlDatabase &m_db;
};

} // namespace

MessageBatch::MessageBatch(Store &store)
    : m_store(store)
{
}

MessageBatch::~MessageBatch() = default;

MessageWriter &MessageBatch::beginMessage()
{
    m_writer = std::make_unique<MessageWriter>(m_store.messageFiles());
    if (!m_writer->begin())
        m_error = m_writer->errorString();
    return *m_writer;
}

bool MessageBatch::finishMessage(const MessageRecord &record)
{
    if (!m_writer) {
        m_error = Store::tr("No message was begun.");
        return false;
    }
    // The file's sync waits for commit(), where one journal commit covers the whole batch.
    if (!m_writer->commitDeferred()) {
        m_error = m_writer->errorString();
        m_writer.reset();
        return false;
    }
    Pending p;
    p.record = record;
    p.record.sha256 = m_writer->sha256();
    p.record.size = m_writer->size();
    p.written = true;
    m_dirs.insert(m_writer->directory());
    m_pending.append(std::move(p));
    m_writer.reset();
    return true;
}

void MessageBatch::abortMessage()
{
    if (m_writer)
        m_writer->abort();
    m_writer.reset();
}

bool MessageBatch::addMessage(const MessageRecord &record, const QByteArray &content)
{
    MessageWriter &w = beginMessage();
    if (!w.isOpen() || !w.append(content)) {
        m_error = w.errorString();
        abortMessage();
        return false;
    }
    return finishMessage(record);
}

void MessageBatch::queueMessage(const MessageRecord &record, const QByteArray &content)
{
    Pending p;
    p.record = record;
    p.body = content;
    m_queuedBytes += content.size();
    m_pending.append(std::move(p));
}

bool MessageBatch::writeQueued()
{
    MessageFileStore &files = m_store.messageFiles();
    for (Pending &p : m_pending) {
        if (p.written)
            continue;
        // Moved into place with its write-back started, like finishMessage(); makeDurable()
        // then syncs it with the rest of the batch.
        MessageWriter writer(files);
        if (!writer.begin() || !writer.append(p.body) || !writer.commitDeferred()) {
            m_error = writer.errorString();
            return false;
        }
        p.record.sha256 = writer.sha256();
        p.record.size = writer.size();
        p.written = true;
        m_dirs.insert(writer.directory());
        m_queuedBytes -= p.body.size();
        p.body = QByteArray(); // the body is on disk now: its memory goes at once
    }
    return true;
}

bool MessageBatch::makeDurable()
{
    MessageFileStore &files = m_store.messageFiles();
    QStringList paths;
    paths.reserve(m_pending.size());
    for (const Pending &p : std::as_const(m_pending))
        paths.append(files.pathFor(p.record.sha256));
    bool synced = false;
    if (paths.size() >= kSyncFileSystemFrom && files.syncFileSystem()) {
        // syncfs() syncs what is there; a file that is gone (or not whole) is not.
        synced = true;
        for (qsizetype i = 0; i < paths.size() && synced; ++i) {
            const QFileInfo file(paths.at(i));
            synced = file.exists() && file.size() == m_pending.at(i).record.size;
        }
        if (!synced) {
            m_error = Store::tr("A retrieved message file is missing from the message folder.");
            return false;
        }
    }
    if (!synced) {
        m_dirs.insert(files.rootDir());
        if (!MessageFileStore::syncFiles(paths) || !MessageFileStore::syncDirectories(m_dirs)) {
            m_error = Store::tr("The message folder could not be saved to disk.");
            return false;
        }
    }
    return true;
}

bool MessageBatch::commit(QString *errorMessage)
{
    m_insertedIds.clear();
    m_duplicates = 0;
    if (m_pending.isEmpty())
        return true;
    // Durable before indexed: every file's content and the directory entries that name it
    // (shard folders and the root, which may have new shard folders), then the rows.
    if (!writeQueued() || !makeDurable()) {
        StoreSql::setError(errorMessage, m_error);
        return false;
    }
    QSqlDatabase db = m_store.database();
    QList<qint64> ids;
    QList<qint64> folders;
    int duplicates = 0;
    {
        // The connection's synchronous=NORMAL would leave the commit in an unsynced WAL;
        // a batch's rows must be durable when commit() returns (a POP3 DELE follows).
        const SynchronousFull fullSync(db);
        StoreSql::Transaction transaction(db);
        MessageRowStatements statements(db);
        for (const Pending &p : std::as_const(m_pending)) {
            const MessageRecord &r = p.record;
            const qint64 id = statements.insert(r, &m_error);
            if (id < 0) {
                StoreSql::setError(errorMessage, m_error);
                return false;
            }
            if (id == 0) {
                ++duplicates;
            } else {
                ids.append(id);
                if (!folders.contains(r.folderId))
                    folders.append(r.folderId);
            }
        }
        if (!transaction.commit(&m_error)) {
            StoreSql::setError(errorMessage, m_error);
            return false;
        }
    }
    m_insertedIds = ids;
    m_duplicates = duplicates;
    m_pending.clear();
    m_dirs.clear();
    if (!ids.isEmpty())
        m_store.notifyMessages(folders);
    return true;
}

} // namespace Tributary
