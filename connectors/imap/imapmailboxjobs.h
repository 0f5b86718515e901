#pragma once

#include "imapjob.h"

#include <QHash>

namespace Tributary::Imap {

// LIST (RFC 3501 6.3.8) with RFC 6154 special-use attributes and, when asked for status
// items, LIST-STATUS (RFC 5819) where offered or one pipelined STATUS per selectable
// mailbox otherwise. Names are decoded from modified UTF-7.
class ListJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setReference(const QString &reference) { m_reference = reference; }
    void setPattern(const QString &pattern) { m_pattern = pattern; } // default "*"
    void setSubscribedOnly(bool on) { m_subscribed = on; }
    // e.g. {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN"}; empty: no status.
    void setStatusItems(const QByteArrayList &items) { m_statusItems = items; }

    QList<ListEntry> entries() const { return m_entries; }
    // Status per decoded mailbox name (only when status items were asked for).
    QHash<QString, StatusData> statuses() const { return m_statuses; }

protected:
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    QString m_reference;
    QString m_pattern = QStringLiteral("*");
    bool m_subscribed = false;
    QByteArrayList m_statusItems;
    QList<ListEntry> m_entries;
    QHash<QString, StatusData> m_statuses;
    QByteArray m_listTag;
    int m_pendingStatus = 0;
};

// SELECT or EXAMINE (RFC 3501 6.3.1/6.3.2), optionally with CONDSTORE (RFC 7162) or
// QRESYNC (needs EnableJob {"QRESYNC"} first): then vanished() and changes() report what
// changed since the given modseq. On failure the session has no mailbox selected.
class SelectJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setMailbox(const QString &mailbox) { m_mailbox = mailbox; }
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; } // EXAMINE
    void setCondStore(bool on) { m_condStore = on; }
    void setQResync(quint32 uidValidity, quint64 modSeq, const UidSet &knownUids = {})
    {
        m_qrUidValidity = uidValidity;
        m_qrModSeq = modSeq;
        m_qrKnown = knownUids;
    }

    quint32 exists() const { return m_exists; }
    quint32 recent() const { return m_recent; }
    quint32 uidValidity() const { return m_uidValidity; }
    quint32 uidNext() const { return m_uidNext; }
    quint64 highestModSeq() const { return m_highestModSeq; } // 0: NOMODSEQ / not offered
    QByteArrayList flags() const { return m_flags; }
    QByteArrayList permanentFlags() const { return m_permanentFlags; }
    bool isReadOnly() const { return m_resultReadOnly; }
    UidSet vanished() const { return m_vanished; }
    QList<FetchData> changes() const { return m_changes; }

protected:
    Net::Error validate() const override;
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    QString m_mailbox;
    bool m_readOnly = false;
    bool m_condStore = false;
    quint32 m_qrUidValidity = 0;
    quint64 m_qrModSeq = 0;
    UidSet m_qrKnown;
    quint32 m_exists = 0;
    quint32 m_recent = 0;
    quint32 m_uidValidity = 0;
    quint32 m_uidNext = 0;
    quint64 m_highestModSeq = 0;
    QByteArrayList m_flags;
    QByteArrayList m_permanentFlags;
    bool m_resultReadOnly = false;
    UidSet m_vanished;
    QList<FetchData> m_changes;
};

// STATUS (RFC 3501 6.3.10). Default items: MESSAGES UIDNEXT UIDVALIDITY UNSEEN, plus
// HIGHESTMODSEQ when the server offers CONDSTORE.
class StatusJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setMailbox(const QString &mailbox) { m_mailbox = mailbox; }
    void setItems(const QByteArrayList &items) { m_items = items; }
    StatusData status() const { return m_status; }

protected:
    Net::Error validate() const override;
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    QString m_mailbox;
    QByteArrayList m_items;
    StatusData m_status;
};

// CREATE (RFC 3501 6.3.3); the name is sent in modified UTF-7. Intermediate levels are
// created by the server as needed.
class CreateJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setMailbox(const QString &mailbox) { m_mailbox = mailbox; }

protected:
    Net::Error validate() const override;
    void run() override;
    void handleTagged(Response &response) override;

private:
    QString m_mailbox;
};

// EXPUNGE (RFC 3501 6.4.3), or UID EXPUNGE of the given UIDs (RFC 4315, UIDPLUS) so that
// only those \Deleted messages go. Reports what the server removed.
class ExpungeJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setUids(const UidSet &uids) { m_uids = uids; }
    QList<quint32> expungedSequenceNumbers() const { return m_expunged; }
    UidSet vanished() const { return m_vanished; }

protected:
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    UidSet m_uids;
    QList<quint32> m_expunged;
    UidSet m_vanished;
};

} // namespace Tributary::Imap
