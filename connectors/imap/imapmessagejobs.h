#pragma once

#include "imapjob.h"

#include <QDateTime>
#include <QIODevice>
#include <QPointer>

namespace Tributary::Imap {

// UID SEARCH (RFC 3501 6.4.4) with raw criteria ("ALL", "UNSEEN", "MODSEQ 1234",
// "UID 100:*"); the caller quotes any strings inside. uids() in the server's order.
class UidSearchJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setCriteria(const QByteArray &criteria) { m_criteria = criteria; }
    QList<quint32> uids() const { return m_uids; }
    // With a MODSEQ criterion (CONDSTORE): the highest mod-sequence of the matches.
    quint64 highestModSeq() const { return m_modSeq; }

protected:
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    QByteArray m_criteria = QByteArrayLiteral("ALL");
    QList<quint32> m_uids;
    quint64 m_modSeq = 0;
};

// Receives fetched message bodies as they arrive (UidFetchJob::setSink). Called in the
// session's thread, in order: for each message with a body bodyBegin, bodyData..., bodyEnd,
// then messageFetched with the metadata of the whole FETCH response (UID, flags, dates; its
// body member is empty). A message without a body item only gets messageFetched.
// bodyBegin's info.uid is 0 when the server sends the UID after the body.
class FetchSink
{
public:
    virtual ~FetchSink() = default;
    virtual void bodyBegin(const LiteralInfo &info) = 0;
    virtual void bodyData(const char *data, qsizetype size) = 0;
    virtual void bodyEnd() = 0;
    virtual void messageFetched(const FetchData &message) = 0;
};

// UID FETCH (RFC 3501 6.4.8) of FLAGS / INTERNALDATE / RFC822.SIZE / BODY.PEEK[] / MODSEQ.
//
// The UID set is split into batches of batchSize() UIDs and up to pipelineDepth() UID FETCH
// commands are in flight at once, so the connection never idles between batches. Bodies
// are streamed to the sink chunk by chunk as the network delivers them; without a sink they
// are kept in messages() (fine for a few small messages only). With setChangedSince()
// (CONDSTORE) only messages whose flags changed after that modseq are returned, and with
// QRESYNC enabled the expunged UIDs are reported in vanished() (VANISHED, RFC 7162).
// progress(done, total) counts messages (total: UIDs asked for, or -1 for setAllUids()).
class UidFetchJob : public Job
{
    Q_OBJECT
public:
    enum Item {
        Flags = 0x1,
        InternalDate = 0x2,
        Size = 0x4,
        Body = 0x8,
        ModSeq = 0x10,
    };
    Q_DECLARE_FLAGS(Items, Item)

    using Job::Job;
    void setUids(const UidSet &uids)
    {
        m_uids = uids;
        m_all = false;
    }
    void setAllUids() { m_all = true; } // "1:*"
    void setItems(Items items) { m_items = items; }
    void setChangedSince(quint64 modSeq) { m_changedSince = modSeq; }
    void setBatchSize(int uids) { m_batchSize = qMax(1, uids); }
    void setPipelineDepth(int commands) { m_depth = qMax(1, commands); }
    // Not owned; must outlive the job.
    void setSink(FetchSink *sink) { m_sink = sink; }
    // Keep metadata of every message in messages() (default true).
    void setKeepResults(bool keep) { m_keep = keep; }

    QList<FetchData> messages() const { return m_messages; }
    UidSet vanished() const { return m_vanished; }
    qint64 fetchedCount() const { return m_fetched; }
    qint64 bodyBytes() const { return m_bodyBytes; }

Q_SIGNALS:
    // Every fetched message's metadata, as it completes.
    void messageFetched(const Tributary::Imap::FetchData &message);

protected:
    Net::Error validate() const override;
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;
    bool literalBegin(const LiteralInfo &info) override;
    void literalData(const char *data, qsizetype size) override;
    void literalEnd() override;

private:
    void sendMore();
    QByteArray itemList() const;

    UidSet m_uids;
    bool m_all = false;
    Items m_items = Items(Flags | InternalDate | Size | Body);
    quint64 m_changedSince = 0;
    int m_batchSize = 500;
    int m_depth = 4;
    FetchSink *m_sink = nullptr;
    bool m_keep = true;
    QList<QByteArray> m_batches;
    qsizetype m_nextBatch = 0;
    int m_inFlight = 0;
    qint64 m_total = -1;
    qint64 m_fetched = 0;
    qint64 m_bodyBytes = 0;
    QList<FetchData> m_messages;
    UidSet m_vanished;
    bool m_failed = false;
};

// APPEND (RFC 3501 6.3.11) with flags and internal date, the message from a QByteArray or
// streamed from a QIODevice (LITERAL+ where offered, else after the server's "+").
// appendUid()/uidValidity() come from APPENDUID (RFC 4315) when the server sends it.
class AppendJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    void setMailbox(const QString &mailbox) { m_mailbox = mailbox; }
    void setFlags(const QByteArrayList &flags) { m_flags = flags; }
    void setInternalDate(const QDateTime &date) { m_date = date; }
    void setMessage(const QByteArray &message)
    {
        m_data = message;
        m_device = nullptr;
        m_size = message.size();
    }
    // The device must stay open and readable for `size` bytes until finished().
    void setDevice(QIODevice *device, qint64 size)
    {
        m_device = device;
        m_size = size;
    }

    quint32 appendUid() const { return m_appendUid; }
    quint32 uidValidity() const { return m_uidValidity; }

protected:
    Net::Error validate() const override;
    void run() override;
    void handleTagged(Response &response) override;
    void handleContinuation(Response &response) override;
    void bytesWritten() override;

private:
    void pump();

    QString m_mailbox;
    QByteArrayList m_flags;
    QDateTime m_date;
    QByteArray m_data;
    QPointer<QIODevice> m_device;
    qint64 m_size = 0;
    qint64 m_sent = 0;
    bool m_sending = false;
    bool m_literalDone = false;
    quint32 m_appendUid = 0;
    quint32 m_uidValidity = 0;
};

// UID STORE (RFC 3501 6.4.6) of flags, optionally UNCHANGEDSINCE (RFC 7162): UIDs whose
// modseq is newer are not changed and listed in modified().
class UidStoreJob : public Job
{
    Q_OBJECT
public:
    enum class Mode { Add, Remove, Replace };
    Q_ENUM(Mode)

    using Job::Job;
    void setUids(const UidSet &uids) { m_uids = uids; }
    void setFlags(const QByteArrayList &flags) { m_flags = flags; }
    void setMode(Mode mode) { m_mode = mode; }
    void setSilent(bool silent) { m_silent = silent; }
    void setUnchangedSince(quint64 modSeq) { m_unchangedSince = modSeq; }

    QList<FetchData> updates() const { return m_updates; }
    UidSet modified() const { return m_modified; }

protected:
    Net::Error validate() const override;
    void run() override;
    void handleTagged(Response &response) override;
    bool handleUntagged(Response &response) override;

private:
    UidSet m_uids;
    QByteArrayList m_flags;
    Mode m_mode = Mode::Add;
    bool m_silent = false;
    quint64 m_unchangedSince = 0;
    QList<FetchData> m_updates;
    UidSet m_modified;
};

} // namespace Tributary::Imap

Q_DECLARE_OPERATORS_FOR_FLAGS(Tributary::Imap::UidFetchJob::Items)
