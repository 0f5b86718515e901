#include "storeschema_p.h"

namespace Tributary {
namespace StoreSchema {

namespace {

// Version 1: folders, messages, retrieval tasks, SMTP accounts, activity.
const char *const kVersion1[] = {
    "CREATE TABLE schema_info (name VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE folders ("
    " id %ID%,"
    " parent_id BIGINT REFERENCES folders(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL,"
    " special_use VARCHAR(16) NOT NULL DEFAULT 'none',"
    " created BIGINT NOT NULL)",
    "CREATE UNIQUE INDEX folders_parent_name ON folders (COALESCE(parent_id, 0), name)",
    "CREATE TABLE messages ("
    " id %ID%,"
    " folder_id BIGINT NOT NULL REFERENCES folders(id) ON DELETE RESTRICT,"
    " flags INTEGER NOT NULL DEFAULT 0,"
    " internal_date BIGINT NOT NULL,"
    " sent_date BIGINT,"
    " size BIGINT NOT NULL,"
    " sender TEXT NOT NULL DEFAULT '',"
    " recipients TEXT NOT NULL DEFAULT '',"
    " subject TEXT NOT NULL DEFAULT '',"
    " message_id TEXT NOT NULL DEFAULT '',"
    " sha256 VARCHAR(64) NOT NULL,"
    " source_account VARCHAR(40),"
    " source_folder TEXT,"
    " source_uidvalidity BIGINT,"
    " source_uid BIGINT,"
    " source_uidl TEXT)",
    "CREATE INDEX messages_folder_date ON messages (folder_id, internal_date, id)",
    "CREATE INDEX messages_sha256 ON messages (sha256)",
    "CREATE UNIQUE INDEX messages_source_uid"
    " ON messages (source_account, source_folder, source_uidvalidity, source_uid)",
    "CREATE UNIQUE INDEX messages_source_uidl ON messages (source_account, source_uidl)",
    "CREATE TABLE retrieval_tasks ("
    " uuid VARCHAR(40) PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " kind VARCHAR(16) NOT NULL,"
    " server TEXT NOT NULL,"
    " port INTEGER NOT NULL,"
    " security VARCHAR(16) NOT NULL,"
    " username TEXT NOT NULL,"
    " method VARCHAR(16) NOT NULL,"
    " destination_folder_id BIGINT REFERENCES folders(id) ON DELETE SET NULL,"
    " apop INTEGER NOT NULL DEFAULT 0,"
    " leave_on_server INTEGER NOT NULL DEFAULT 1,"
    " filtering INTEGER NOT NULL DEFAULT 0,"
    " folder_transfer VARCHAR(16) NOT NULL DEFAULT 'off',"
    " transfer_parent_folder_id BIGINT REFERENCES folders(id) ON DELETE SET NULL,"
    " provider_id TEXT,"
    " auth_kind VARCHAR(16) NOT NULL DEFAULT 'password',"
    " last_run BIGINT,"
    " last_result TEXT,"
    " last_count INTEGER NOT NULL DEFAULT 0,"
    " next_run BIGINT,"
    " created BIGINT NOT NULL)",
    "CREATE TABLE smtp_accounts ("
    " uuid VARCHAR(40) PRIMARY KEY,"
    " display_name TEXT NOT NULL,"
    " server TEXT NOT NULL,"
    " port INTEGER NOT NULL,"
    " encryption VARCHAR(16) NOT NULL,"
    " email TEXT NOT NULL,"
    " auth_enabled INTEGER NOT NULL DEFAULT 1,"
    " username TEXT NOT NULL,"
    " auth_kind VARCHAR(16) NOT NULL DEFAULT 'password',"
    " created BIGINT NOT NULL)",
    "CREATE TABLE activity ("
    " id %ID%,"
    " time BIGINT NOT NULL,"
    " area VARCHAR(32) NOT NULL,"
    " level VARCHAR(16) NOT NULL,"
    " source TEXT NOT NULL DEFAULT '',"
    " message TEXT NOT NULL)",
    "CREATE INDEX activity_area ON activity (area, id)",
};

// Version 2: the other areas: cloud, migration, imported PIM items, devices, sign-ins.
const char *const kVersion2[] = {
    "CREATE TABLE cloud_connections ("
    " uuid VARCHAR(40) PRIMARY KEY,"
    " provider VARCHAR(32) NOT NULL,"
    " display_name TEXT NOT NULL,"
    " account TEXT NOT NULL DEFAULT '',"
    " status VARCHAR(32) NOT NULL DEFAULT '',"
    " created BIGINT NOT NULL,"
    " settings TEXT NOT NULL DEFAULT '{}')",
    "CREATE TABLE migration_jobs ("
    " uuid VARCHAR(40) PRIMARY KEY,"
    " provider VARCHAR(32) NOT NULL,"
    " source_settings TEXT NOT NULL DEFAULT '{}',"
    " status VARCHAR(32) NOT NULL DEFAULT 'queued',"
    " items_done BIGINT NOT NULL DEFAULT 0,"
    " items_total BIGINT NOT NULL DEFAULT 0,"
    " items_failed BIGINT NOT NULL DEFAULT 0,"
    " bytes_done BIGINT NOT NULL DEFAULT 0,"
    " started BIGINT,"
    " finished BIGINT,"
    " created BIGINT NOT NULL)",
    "CREATE TABLE contacts ("
    " id %ID%,"
    " uid TEXT NOT NULL DEFAULT '',"
    " display_name TEXT NOT NULL DEFAULT '',"
    " email TEXT NOT NULL DEFAULT '',"
    " phone TEXT NOT NULL DEFAULT '',"
    " organization TEXT NOT NULL DEFAULT '',"
    " vcard TEXT NOT NULL DEFAULT '',"
    " source_account VARCHAR(40),"
    " source_id TEXT)",
    "CREATE UNIQUE INDEX contacts_source ON contacts (source_account, source_id)",
    "CREATE TABLE events ("
    " id %ID%,"
    " uid TEXT NOT NULL DEFAULT '',"
    " summary TEXT NOT NULL DEFAULT '',"
    " location TEXT NOT NULL DEFAULT '',"
    " start_time BIGINT,"
    " end_time BIGINT,"
    " all_day INTEGER NOT NULL DEFAULT 0,"
    " icalendar TEXT NOT NULL DEFAULT '',"
    " source_account VARCHAR(40),"
    " source_id TEXT)",
    "CREATE UNIQUE INDEX events_source ON events (source_account, source_id)",
    "CREATE TABLE tasks ("
    " id %ID%,"
    " uid TEXT NOT NULL DEFAULT '',"
    " summary TEXT NOT NULL DEFAULT '',"
    " due BIGINT,"
    " completed INTEGER NOT NULL DEFAULT 0,"
    " priority INTEGER NOT NULL DEFAULT 0,"
    " icalendar TEXT NOT NULL DEFAULT '',"
    " source_account VARCHAR(40),"
    " source_id TEXT)",
    "CREATE UNIQUE INDEX tasks_source ON tasks (source_account, source_id)",
    "CREATE TABLE notes ("
    " id %ID%,"
    " uid TEXT NOT NULL DEFAULT '',"
    " title TEXT NOT NULL DEFAULT '',"
    " body TEXT NOT NULL DEFAULT '',"
    " modified BIGINT,"
    " source_account VARCHAR(40),"
    " source_id TEXT)",
    "CREATE UNIQUE INDEX notes_source ON notes (source_account, source_id)",
    "CREATE TABLE devices ("
    " uuid VARCHAR(40) PRIMARY KEY,"
    " name TEXT NOT NULL DEFAULT '',"
    " type TEXT NOT NULL DEFAULT '',"
    " protocol VARCHAR(32) NOT NULL DEFAULT '',"
    " first_seen BIGINT,"
    " last_seen BIGINT,"
    " last_ip VARCHAR(64) NOT NULL DEFAULT '')",
    "CREATE TABLE login_records ("
    " id %ID%,"
    " time BIGINT NOT NULL,"
    " ip VARCHAR(64) NOT NULL,"
    " protocol VARCHAR(32) NOT NULL DEFAULT '',"
    " client TEXT NOT NULL DEFAULT '',"
    " device_uuid VARCHAR(40) REFERENCES devices(uuid) ON DELETE SET NULL,"
    " success INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX login_records_time ON login_records (time)",
};

// Version 3: threading data and indexes for sorting the message list by other columns.
const char *const kVersion3[] = {
    "ALTER TABLE messages ADD COLUMN in_reply_to TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX messages_folder_sender ON messages (folder_id, sender, id)",
    "CREATE INDEX messages_folder_subject ON messages (folder_id, subject, id)",
    "CREATE INDEX messages_folder_size ON messages (folder_id, size, id)",
    "CREATE INDEX messages_folder_flags ON messages (folder_id, flags)",
};

// Version 4: what retrieval, filtering and sending keep between runs.
// - pinned_sha256: the SHA-256 fingerprint of a certificate the user chose to trust for that
//   account (hex, empty when none); verification stays on for every other certificate.
// - folder_sync_state: per retrieval task and source folder, what the last complete pass saw
//   (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, message count), so a run with no new mail can stop
//   after one STATUS/SELECT per folder.
// - filter_rules: the user's content filtering rules, in order; conditions and actions are
//   JSON arrays (see models/filterrule.h when present).
// - outbox: messages waiting to be sent through an SMTP account; the message itself is a file
//   of the message store (sha256), the row carries the envelope and the retry state.
const char *const kVersion4[] = {
    "ALTER TABLE retrieval_tasks ADD COLUMN pinned_sha256 VARCHAR(64) NOT NULL DEFAULT ''",
    "ALTER TABLE smtp_accounts ADD COLUMN pinned_sha256 VARCHAR(64) NOT NULL DEFAULT ''",
    "CREATE TABLE folder_sync_state ("
    " task_uuid VARCHAR(40) NOT NULL REFERENCES retrieval_tasks(uuid) ON DELETE CASCADE,"
    " source_folder TEXT NOT NULL,"
    " uidvalidity BIGINT NOT NULL DEFAULT 0,"
    " uidnext BIGINT NOT NULL DEFAULT 0,"
    " highest_modseq BIGINT NOT NULL DEFAULT 0,"
    " message_count BIGINT NOT NULL DEFAULT 0,"
    " updated BIGINT NOT NULL,"
    " PRIMARY KEY (task_uuid, source_folder))",
    "CREATE TABLE filter_rules ("
    " id %ID%,"
    " position INTEGER NOT NULL DEFAULT 0,"
    " name TEXT NOT NULL DEFAULT '',"
    " enabled INTEGER NOT NULL DEFAULT 1,"
    " match_all INTEGER NOT NULL DEFAULT 1,"
    " conditions TEXT NOT NULL DEFAULT '[]',"
    " actions TEXT NOT NULL DEFAULT '[]',"
    " stop_processing INTEGER NOT NULL DEFAULT 0,"
    " created BIGINT NOT NULL)",
    "CREATE TABLE outbox ("
    " id %ID%,"
    " account_uuid VARCHAR(40) NOT NULL,"
    " sha256 VARCHAR(64) NOT NULL,"
    " size BIGINT NOT NULL DEFAULT 0,"
    " envelope_from TEXT NOT NULL,"
    " recipients TEXT NOT NULL,"
    " subject TEXT NOT NULL DEFAULT '',"
    " state VARCHAR(16) NOT NULL DEFAULT 'queued',"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_attempt BIGINT NOT NULL DEFAULT 0,"
    " last_error TEXT NOT NULL DEFAULT '',"
    " created BIGINT NOT NULL,"
    " sent BIGINT)",
    "CREATE INDEX outbox_state_next ON outbox (state, next_attempt)",
};

// Version 5: content filtering settings that retrieval runs read (spamd host, port, size
// limit, on/off), as name/value rows, so a run on any thread reads them with its own store
// connection (see Store::spamdSettings).
const char *const kVersion5[] = {
    "CREATE TABLE filter_settings (name VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)",
};

// Version 6: opaque per-folder synchronization tokens of retrieval sources that hand one out
// (Exchange Web Services SyncState), stored after the changes they cover are stored
// (see models/foldersynctokens.h).
const char *const kVersion6[] = {
    "CREATE TABLE folder_sync_tokens ("
    " task_uuid VARCHAR(40) NOT NULL REFERENCES retrieval_tasks(uuid) ON DELETE CASCADE,"
    " source_folder TEXT NOT NULL,"
    " sync_state TEXT NOT NULL,"
    " updated BIGINT NOT NULL,"
    " PRIMARY KEY (task_uuid, source_folder))",
};

template<std::size_t N> QStringList statements(const char *const (&list)[N], const QString &idType)
{
    QStringList out;
    for (const char *sql : list)
        out.append(QString::fromLatin1(sql).replace(QLatin1String("%ID%"), idType));
    return out;
}

} // namespace

QList<QStringList> migrations(const QString &driver)
{
    const QString idType = driver == QLatin1String("QPSQL")
        ? QStringLiteral("BIGSERIAL PRIMARY KEY")
        : QStringLiteral("INTEGER PRIMARY KEY");
    return {statements(kVersion1, idType), statements(kVersion2, idType),
            statements(kVersion3, idType), statements(kVersion4, idType),
            statements(kVersion5, idType), statements(kVersion6, idType)};
}

} // namespace StoreSchema
} // namespace Tributary
