#pragma once

#include "activityentry.h"
#include "cloudconnection.h"
#include "device.h"
#include "filterrule.h"
#include "folder.h"
#include "messagerecord.h"
#include "outboxentry.h"
#include "pimitems.h"
#include "retrievaltask.h"
#include "smtpaccount.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace Tributary {

class MessageFileStore;
class MessageWriter;

// The local mailbox: an SQL index (SQLite, <profileDir>/store.sqlite, WAL) plus message
// bodies as files under <profileDir>/messages/ (see MessageFileStore).
//
// Threads: every method may be called from any thread once open() succeeded; each thread
// gets its own connection (database()). changed() is emitted from the thread that
// committed, after the commit, so receivers in other threads get it queued.
// Secrets are never stored here.
// Methods taking `QString *errorMessage` fill it (when given) with user-readable text on
// failure; the SQL details go to the tributary.store log.
class Store : public QObject
{
    Q_OBJECT
public:
    enum class Table {
        RetrievalTasks,
        SmtpAccounts,
        CloudConnections,
        MigrationJobs,
        Folders,
        Messages,
        Contacts,
        Events,
        Tasks,
        Notes,
        Devices,
        LoginRecords,
        Activity,
    };
    Q_ENUM(Table)

    explicit Store(const QString &profileDir, QObject *parent = nullptr);
    ~Store() override;

    // Creates or migrates the database (ordered forward migrations) and the message folder,
    // removes orphan temp files and ensures the default special folders exist. A database
    // written by a newer version is refused (false, message says so) and left untouched.
    bool open(QString *errorMessage);
    bool isOpen() const { return m_open; }

    // This thread's connection (opened lazily with the same pragmas). Invalid before open().
    QSqlDatabase database() const;
    // Closes and forgets the calling thread's connection; worker threads call this before
    // they end (the destructor releases the remaining ones).
    void releaseThreadConnection();
    static int currentSchemaVersion();
    int schemaVersion() const;
    QString databasePath() const;
    QString profileDir() const { return m_profileDir; }
    // Rows per user-facing table, keyed by SQL table name (retrieval_tasks, messages, ...).
    QMap<QString, qint64> counts() const;
    static QString tableName(Table table);

    MessageFileStore &messageFiles() const { return *m_files; }

    // --- Retrieval tasks (storeretrievaltasks.cpp) ---
    // insert assigns uuid (if null) and created (if invalid) in `task`.
    bool insertRetrievalTask(RetrievalTask &task, QString *errorMessage = nullptr);
    bool updateRetrievalTask(const RetrievalTask &task, QString *errorMessage = nullptr);
    bool removeRetrievalTask(const QUuid &uuid, QString *errorMessage = nullptr);
    QList<RetrievalTask> retrievalTasks() const; // ordered by name
    std::optional<RetrievalTask> retrievalTask(const QUuid &uuid) const;
    // Records the outcome of a run without touching the settings columns.
    bool recordRetrievalRun(const QUuid &uuid, const QDateTime &time, const QString &result,
                            int count, const QDateTime &nextRun, QString *errorMessage = nullptr);

    // --- SMTP accounts (storesmtpaccounts.cpp) ---
    bool insertSmtpAccount(SmtpAccount &account, QString *errorMessage = nullptr);
    bool updateSmtpAccount(const SmtpAccount &account, QString *errorMessage = nullptr);
    bool removeSmtpAccount(const QUuid &uuid, QString *errorMessage = nullptr);
    QList<SmtpAccount> smtpAccounts() const; // ordered by display name
    std::optional<SmtpAccount> smtpAccount(const QUuid &uuid) const;

    // --- Cloud connections and migration jobs (storecloudmigration.cpp) ---
    bool insertCloudConnection(CloudConnection &connection, QString *errorMessage = nullptr);
    bool updateCloudConnection(const CloudConnection &connection, QString *errorMessage = nullptr);
    bool removeCloudConnection(const QUuid &uuid, QString *errorMessage = nullptr);
    QList<CloudConnection> cloudConnections() const;
    std::optional<CloudConnection> cloudConnection(const QUuid &uuid) const;
    bool insertMigrationJob(MigrationJob &job, QString *errorMessage = nullptr);
    bool updateMigrationJob(const MigrationJob &job, QString *errorMessage = nullptr);
    bool removeMigrationJob(const QUuid &uuid, QString *errorMessage = nullptr);
    QList<MigrationJob> migrationJobs() const; // newest first
    std::optional<MigrationJob> migrationJob(const QUuid &uuid) const;

    // --- Folders (storefolders.cpp) ---
    QList<Folder> folders() const; // parents before children
    std::optional<Folder> folder(qint64 id) const;
    // New folder below parentId (0 = top level); returns its id, or the id of the existing
    // sibling with that name; -1 on error.
    qint64 createFolder(qint64 parentId, const QString &name, QString *errorMessage = nullptr,
                        Folder::SpecialUse specialUse = Folder::SpecialUse::None);
    qint64 findFolder(qint64 parentId, const QString &name) const; // 0 = none
    qint64 specialFolder(Folder::SpecialUse use) const; // 0 = none
    bool renameFolder(qint64 id, const QString &name, QString *errorMessage = nullptr);
    // Removes an empty folder without children; false otherwise.
    bool removeFolder(qint64 id, QString *errorMessage = nullptr);
    QHash<qint64, int> unreadCounts() const; // folder id -> unseen messages
    QHash<qint64, int> messageCounts() const; // folder id -> messages

    // --- Messages (storemessages.cpp) ---
    // Indexes a message whose body is already in messageFiles() under `sha256` (as written
    // by a committed MessageWriter). Returns the new id; 0 when the source keys show it is
    // already stored (nothing inserted); -1 on error (missing file, SQL error).
    qint64 addMessage(const MessageRecord &record, const QString &sha256,
                      QString *errorMessage = nullptr);
    // Writes the body and indexes it (one call); same return values as addMessage.
    qint64 storeMessage(const MessageRecord &record, const QByteArray &content,
                        QString *errorMessage = nullptr);
    std::optional<MessageRecord> message(qint64 id) const;
    std::unique_ptr<QIODevice> openMessage(qint64 id) const; // nullptr if missing
    bool setMessageFlags(qint64 id, int flags, QString *errorMessage = nullptr);
    bool moveMessage(qint64 id, qint64 folderId, QString *errorMessage = nullptr);
    // Removes the row, and the file when no other row refers to the same content.
    bool removeMessage(qint64 id, QString *errorMessage = nullptr);
    // De-duplication lookups for retrieval.
    bool containsImapMessage(const QUuid &account, const QString &folder, qint64 uidValidity,
                             qint64 uid) const;
    bool containsPop3Message(const QUuid &account, const QString &uidl) const;
    QSet<QString> knownUidls(const QUuid &account) const;
    // The same UIDLs one at a time in byte order (the order of QByteArray's operator<),
    // read along the (account, UIDL) index: a caller can match a server's listing sorted the
    // same way without holding a set of them. False (with the reason) when the query fails.
    bool forEachKnownUidl(const QUuid &account,
                          const std::function<void(const QByteArray &)> &visit,
                          QString *errorMessage = nullptr) const;
    QSet<qint64> knownUids(const QUuid &account, const QString &folder, qint64 uidValidity) const;
    qint64 messageCount(qint64 folderId) const;
    qint64 unreadCount(qint64 folderId) const; // messages without Seen
    // Removes message files no row refers to (left by a crash between file and row).
    // Walks every file: maintenance only. Returns how many were removed.
    int removeUnreferencedFiles();

    // --- Mail view and export (storemailview.cpp) ---
    // Ids of the messages of one folder in ascending id order, after `afterId`, at most
    // `limit` (keyset paging for walking big folders).
    QList<qint64> messageIdsInFolder(qint64 folderId, qint64 afterId = 0, int limit = 1000) const;

    // --- Outbox (storeoutbox.cpp) ---
    // The message file (entry.sha256) must already be committed to messageFiles(). Assigns
    // entry.id (and created when invalid); returns the id, -1 on error.
    qint64 insertOutboxEntry(OutboxEntry &entry, QString *errorMessage = nullptr);
    // Writes state, attempts, nextAttempt, lastError and sent of the row entry.id.
    bool updateOutboxState(const OutboxEntry &entry, QString *errorMessage = nullptr);
    // Removes the row, and its file when no stored message or other row has that content.
    bool removeOutboxEntry(qint64 id, QString *errorMessage = nullptr);
    std::optional<OutboxEntry> outboxEntry(qint64 id) const;
    QList<OutboxEntry> outboxEntries() const; // newest first
    // Queued entries whose nextAttempt is at or before `now`, oldest due first.
    QList<OutboxEntry> dueOutboxEntries(const QDateTime &now) const;

    // --- Content filtering rules and spamd settings (storefilters.cpp) ---
    // Rules in evaluation order (position, then id). A row whose JSON cannot be read comes
    // back with FilterRule::loadError set (it never matches) instead of being dropped.
    QList<FilterRule> filterRules() const;
    std::optional<FilterRule> filterRule(qint64 id) const;
    // Appends the rule after the last one; assigns id, position and created in `rule`.
    bool insertFilterRule(FilterRule &rule, QString *errorMessage = nullptr);
    // Saves everything but position and created.
    bool updateFilterRule(const FilterRule &rule, QString *errorMessage = nullptr);
    bool removeFilterRule(qint64 id, QString *errorMessage = nullptr);
    // `ids` is every rule's id in the new order; anything else is refused, nothing changes.
    bool reorderFilterRules(const QList<qint64> &ids, QString *errorMessage = nullptr);
    SpamdSettings spamdSettings() const; // defaults when never saved
    bool setSpamdSettings(const SpamdSettings &settings, QString *errorMessage = nullptr);

    // --- Per-folder sync state of retrieval tasks (storesyncstate.cpp) ---
    // What the last complete pass of a task over one source folder saw, so a later run can
    // tell from one STATUS/LIST-STATUS that nothing changed. highestModSeq is 0 when the
    // server has no CONDSTORE.
    struct FolderSyncState
    {
        QString folder; // source folder name (decoded)
        qint64 uidValidity = 0;
        qint64 uidNext = 0;
        qint64 highestModSeq = 0;
        qint64 messageCount = 0;
    };
    // Source folder name -> state.
    QHash<QString, FolderSyncState> folderSyncStates(const QUuid &task) const;
    // Insert or replace the state of (task, state.folder).
    bool saveFolderSyncState(const QUuid &task, const FolderSyncState &state,
                             QString *errorMessage = nullptr);
    bool removeFolderSyncState(const QUuid &task, const QString &folder,
                               QString *errorMessage = nullptr);
    // Whether a stored message has this content (hex SHA-256), optionally in one folder
    // (folderId 0 = any folder).
    bool containsContent(const QString &sha256, qint64 folderId = 0) const;

    // --- Source flags and content of retrieved messages (storesyncflags.cpp) ---
    // Sets the bits in `mask` of the flags of the messages retrieved from (account, folder,
    // uidValidity), found by source UID, to those in `flagsByUid` (MessageRecord flags);
    // other bits stay. One transaction; messageFlagsChanged() for each message whose flags
    // changed. Returns how many changed, -1 on error (nothing changed then).
    int updateSourceFlags(const QUuid &account, const QString &folder, qint64 uidValidity,
                          const QHash<qint64, int> &flagsByUid, int mask,
                          QString *errorMessage = nullptr);
    // Hex SHA-256 of every message in localFolderId and of every message retrieved from
    // (account, sourceFolder) under any UIDVALIDITY, wherever it is now (a filter rule or
    // spam filtering may have put it into another folder).
    QSet<QString> retrievedContent(const QUuid &account, const QString &sourceFolder,
                                   qint64 localFolderId) const;

    // --- Contacts, events, tasks, notes (storepim.cpp) ---
    // Insert or, when (sourceAccount, sourceId) exists, update; returns the id or -1.
    qint64 saveContact(const Contact &contact, QString *errorMessage = nullptr);
    qint64 saveEvent(const CalendarEvent &event, QString *errorMessage = nullptr);
    qint64 saveTask(const TaskItem &task, QString *errorMessage = nullptr);
    qint64 saveNote(const Note &note, QString *errorMessage = nullptr);
    QList<Contact> contacts() const;
    QList<CalendarEvent> events() const;
    QList<TaskItem> tasks() const;
    QList<Note> notes() const;

    // --- Devices and sign-ins (storedevices.cpp) ---
    // Insert (uuid null: assigned) or update the device with that uuid.
    bool upsertDevice(Device &device, QString *errorMessage = nullptr);
    bool removeDevice(const QUuid &uuid, QString *errorMessage = nullptr);
    QList<Device> devices() const; // last seen first
    qint64 insertLoginRecord(const LoginRecord &record, QString *errorMessage = nullptr);
    // Sign-ins at or after `since` (invalid = all), newest first.
    QList<LoginRecord> loginRecords(const QDateTime &since = QDateTime()) const;

    // --- Activity (storeactivity.cpp) ---
    // Returns the new id, -1 on error. time invalid = now.
    qint64 appendActivity(const ActivityEntry &entry);
    QList<ActivityEntry> activity(const ActivityQuery &query = ActivityQuery()) const;
    QStringList activityAreas() const;

Q_SIGNALS:
    void changed(Tributary::Store::Table table);
    // Emitted just before changed(Messages), naming the folders whose messages were added,
    // removed, moved or had their flags changed, so a view of another folder can ignore it.
    void messagesChanged(const QList<qint64> &folderIds);
    // Emitted by setMessageFlags() (instead of messagesChanged, before changed(Messages)):
    // only the flags of one message changed.
    void messageFlagsChanged(qint64 messageId, qint64 folderId, int flags);

private:
    friend class MessageBatch;
    bool migrate(QSqlDatabase &db, int fromVersion, QString *errorMessage);
    bool ensureDefaultFolders(QString *errorMessage);
    QSqlDatabase openConnection(const QString &name) const;
    qint64 insertMessageRow(QSqlDatabase &db, const MessageRecord &record, QString *error) const;
    void notify(Table table);
    void notifyMessages(const QList<qint64> &folderIds);

    QString m_profileDir;
    QString m_connectionPrefix;
    std::unique_ptr<MessageFileStore> m_files;
    mutable QMutex m_connectionsMutex;
    mutable QStringList m_connections;
    bool m_open = false;
};

// Stores many messages with one transaction and one durable point (one disk sync) per batch.
//
//   MessageBatch batch(store);
//   for (...) {
//       MessageWriter &w = batch.beginMessage();
//       w.append(chunk)...;
//       batch.finishMessage(record);         // or batch.addMessage(record, bytes)
//   }
//   batch.commit();                          // files durable first, then the rows
//
// queueMessage(record, bytes) instead keeps the body (shared, not copied) and writes and
// hashes its file in commit(), on the thread that commits: a run that fills batches on its
// network thread and commits them on a writer thread (BatchCommitter) then only hands
// bodies over. Until commit() nothing of a queued message is on disk, so a batch dropped
// before its commit leaves nothing behind. Rows are inserted in the order the messages
// were added, queued or not.
//
// Until commit() returns true none of the batch's messages is indexed. A batch is used by
// one thread at a time; between messages (no writer open) it may be handed to another
// thread, e.g. filled on a run's thread and committed on a writer thread, which then uses
// its own connection. Destroying an uncommitted batch discards its pending rows (files it
// wrote stay as unreferenced content; Store::removeUnreferencedFiles cleans them).
//
// Durability at commit(): a batch of 8 files or more is made durable with one syncfs() of
// the message folder's file system (MessageFileStore::syncFileSystem), after which every
// file is checked to be there, whole; smaller batches, and any batch where syncfs() fails,
// fdatasync() each file and fsync() each touched folder and the root. syncfs() also writes
// out other dirty data of that file system, which costs more on a disk busy with other
// writers, but it replaces one journal commit per file with one per batch. The rows are
// then committed with synchronous=FULL (the WAL is synced), so they are durable when
// commit() returns.
class MessageBatch
{
public:
    explicit MessageBatch(Store &store);
    ~MessageBatch();
    MessageBatch(const MessageBatch &) = delete;
    MessageBatch &operator=(const MessageBatch &) = delete;

    // A writer already begun for the next message's body.
    MessageWriter &beginMessage();
    // Commits the current writer's file and queues `record` (sha256 and size filled in).
    bool finishMessage(const MessageRecord &record);
    void abortMessage();
    bool addMessage(const MessageRecord &record, const QByteArray &content);
    // Keeps `content` with `record` until commit() writes it (see above). Cannot fail: a
    // write error is commit()'s.
    void queueMessage(const MessageRecord &record, const QByteArray &content);

    int pendingCount() const { return int(m_pending.size()); }
    // Body bytes held by queued messages whose files commit() has not written yet.
    qint64 queuedBytes() const { return m_queuedBytes; }
    // Writes the files of queued messages, makes the files durable (see above), then
    // inserts every pending row in one transaction. Rows whose source keys already exist
    // are skipped (duplicateCount()). On failure no row of the batch is inserted; commit()
    // may be called again (files already written are not written twice).
    bool commit(QString *errorMessage = nullptr);
    QList<qint64> insertedIds() const { return m_insertedIds; }
    int duplicateCount() const { return m_duplicates; }
    QString errorString() const { return m_error; }

private:
    struct Pending
    {
        MessageRecord record; // sha256 and size filled in once its file is written
        QByteArray body; // a queued message's content until commit() writes it
        bool written = false;
    };
    bool writeQueued();
    bool makeDurable();

    Store &m_store;
    std::unique_ptr<MessageWriter> m_writer;
    QList<Pending> m_pending;
    qint64 m_queuedBytes = 0;
    QSet<QString> m_dirs;
    QList<qint64> m_insertedIds;
    int m_duplicates = 0;
    QString m_error;
};

} // namespace Tributary
