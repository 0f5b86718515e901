#include "imapmessagejobs.h"

#include "imapsession.h"

#include <QIODevice>

namespace Tributary::Imap {

namespace {

constexpr qint64 kChunk = qint64(64) * 1024;
constexpr qint64 kHighWater = qint64(256) * 1024;

// Splits a set into pieces of at most `batch` values, in order.
QList<QByteArray> splitIntoBatches(const UidSet &set, int batch)
{
    QList<QByteArray> out;
    if (set.count() > 50000000ULL) { // absurd spans: let the server walk them
        out.append(set.toWire());
        return out;
    }
    UidSet current;
    quint64 inCurrent = 0;
    for (const UidSet::Range &r : set.ranges) {
        quint64 lo = qMin(r.first, r.last);
        const quint64 hi = qMax(r.first, r.last);
        while (lo <= hi) {
            const quint64 room = quint64(batch) - inCurrent;
            const quint64 end = qMin(hi, lo + room - 1);
            current.ranges.append({quint32(lo), quint32(end)});
            inCurrent += end - lo + 1;
            lo = end + 1;
            if (inCurrent >= quint64(batch)) {
                out.append(current.toWire());
                current = UidSet();
                inCurrent = 0;
            }
        }
    }
    if (!current.isEmpty())
        out.append(current.toWire());
    return out;
}

} // namespace

void UidSearchJob::run()
{
    session()->sendCommand(this, "UID SEARCH " + m_criteria);
}

bool UidSearchJob::handleUntagged(Response &response)
{
    if (response.type == Response::Type::Search) {
        m_uids.append(response.numbers);
        m_modSeq = qMax(m_modSeq, response.modSeq);
        return true;
    }
    if (response.type == Response::Type::ESearch) {
        m_uids.append(response.numbers);
        return true;
    }
    return false;
}

void UidSearchJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("UID SEARCH"));
    finishSuccess();
}

Net::Error UidFetchJob::validate() const
{
    if (!m_all && m_uids.isEmpty())
        return Net::Error(Net::Error::Kind::Command, QStringLiteral("UID FETCH"),
                          tr("No messages given."));
    return {};
}

QByteArray UidFetchJob::itemList() const
{
    QByteArrayList items {"UID"};
    if (m_items & Flags)
        items.append("FLAGS");
    if (m_items & InternalDate)
        items.append("INTERNALDATE");
    if (m_items & Size)
        items.append("RFC822.SIZE");
    if ((m_items & ModSeq) && session()->hasCapability("CONDSTORE"))
        items.append("MODSEQ");
    if (m_items & Body)
        items.append("BODY.PEEK[]");
    return '(' + items.join(' ') + ')';
}

void UidFetchJob::run()
{
    if (m_changedSince && !session()->hasCapability("CONDSTORE")) {
        finishWithError(session()->makeError(Net::Error::Kind::Command, QStringLiteral("UID FETCH"),
                                             tr("The server does not support CONDSTORE.")));
        return;
    }
    if (m_all) {
        m_batches = {QByteArrayLiteral("1:*")};
        m_total = -1;
    } else {
        m_batches = splitIntoBatches(m_uids, m_batchSize);
        m_total = qint64(m_uids.count());
    }
    m_nextBatch = 0;
    sendMore();
}

void UidFetchJob::sendMore()
{
    const QByteArray items = itemList();
    QByteArray modifiers;
    if (m_changedSince) {
        modifiers = " (CHANGEDSINCE " + QByteArray::number(m_changedSince);
        if (session()->isEnabled("QRESYNC"))
            modifiers += " VANISHED";
        modifiers += ')';
    }
    while (m_inFlight < m_depth && m_nextBatch < m_batches.size()) {
        session()->sendCommand(
            this, "UID FETCH " + m_batches.at(m_nextBatch++) + ' ' + items + modifiers);
        ++m_inFlight;
    }
}

bool UidFetchJob::literalBegin(const LiteralInfo &info)
{
    if (!m_sink)
        return false;
    m_sink->bodyBegin(info);
    return true;
}

void UidFetchJob::literalData(const char *data, qsizetype size)
{
    m_bodyBytes += size;
    if (m_sink)
        m_sink->bodyData(data, size);
}

void UidFetchJob::literalEnd()
{
    if (m_sink)
        m_sink->bodyEnd();
}

bool UidFetchJob::handleUntagged(Response &response)
{
    if (response.type == Response::Type::Vanished) {
        m_vanished.ranges.append(response.uidSet.ranges);
        return true;
    }
    if (response.type != Response::Type::Fetch)
        return false;
    FetchData &f = response.fetch;
    if (f.uid == 0)
        return false; // an unsolicited update of a message outside this fetch
    if (f.hasBody && !f.bodyStreamed) {
        m_bodyBytes += f.body.size();
        if (m_sink) {
            LiteralInfo info;
            info.sequence = f.sequence;
            info.uid = f.uid;
            info.section = f.bodySection;
            info.size = f.body.size();
            m_sink->bodyBegin(info);
            m_sink->bodyData(f.body.constData(), f.body.size());
            m_sink->bodyEnd();
            f.body.clear();
        }
    }
    ++m_fetched;
    if (m_sink)
        m_sink->messageFetched(f);
    Q_EMIT messageFetched(f);
    if (m_keep)
        m_messages.append(std::move(f));
    Q_EMIT progress(m_fetched, m_total);
    return true;
}

void UidFetchJob::handleTagged(Response &response)
{
    --m_inFlight;
    if (response.status != Status::Ok && !m_failed) {
        m_failed = true;
        // Commands already in flight still answer; the session drops their replies.
        return finishWithReply(response, QStringLiteral("UID FETCH"));
    }
    if (m_failed)
        return;
    sendMore();
    if (m_inFlight == 0 && m_nextBatch >= m_batches.size())
        finishSuccess();
}

Net::Error AppendJob::validate() const
{
    if (m_mailbox.isEmpty())
        return Net::Error(Net::Error::Kind::Command, QStringLiteral("APPEND"),
                          tr("No folder given."));
    if (m_device && !m_device->isReadable())
        return Net::Error(Net::Error::Kind::Command, QStringLiteral("APPEND"),
                          tr("The message cannot be read."));
    return {};
}

void AppendJob::run()
{
    QByteArray cmd = "APPEND " + mailboxArgument(m_mailbox);
    if (!m_flags.isEmpty())
        cmd += " (" + m_flags.join(' ') + ')';
    if (m_date.isValid())
        cmd += " \"" + formatInternalDate(m_date) + '"';
    const bool literalPlus = session()->hasCapability("LITERAL+");
    cmd += " {" + QByteArray::number(m_size) + (literalPlus ? "+}" : "}");
    session()->sendCommand(this, cmd);
    if (literalPlus) {
        m_sending = true;
        pump();
    }
}

void AppendJob::handleContinuation(Response &response)
{
    Q_UNUSED(response);
    if (m_sending || m_literalDone) {
        Job::handleContinuation(response);
        return;
    }
    m_sending = true;
    pump();
}

void AppendJob::bytesWritten()
{
    if (m_sending)
        pump();
}

void AppendJob::pump()
{
    while (m_sending && session() && session()->bytesToWrite() < kHighWater) {
        const qint64 want = qMin(kChunk, m_size - m_sent);
        if (want <= 0) {
            session()->writeRaw(QByteArrayLiteral("\r\n"));
            m_sending = false;
            m_literalDone = true;
            return;
        }
        QByteArray chunk;
        if (m_device) {
            chunk = m_device->read(want);
            if (chunk.isEmpty()) {
                // The literal cannot be completed: the connection is unusable afterwards.
                m_sending = false;
                session()->failConnection(
                    session()->makeError(Net::Error::Kind::Command, QStringLiteral("APPEND"),
                                         tr("The message could not be read completely.")));
                return;
            }
        } else {
            chunk = m_data.mid(m_sent, want);
        }
        m_sent += chunk.size();
        session()->writeRaw(chunk);
        Q_EMIT progress(m_sent, m_size);
    }
}

void AppendJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("APPEND"));
    if (response.code.name == "APPENDUID") {
        const QByteArrayList a = response.code.arguments();
        if (a.size() >= 2) {
            m_uidValidity = a.at(0).toUInt();
            m_appendUid = a.at(1).toUInt();
        }
    }
    finishSuccess();
}

Net::Error UidStoreJob::validate() const
{
    if (m_uids.isEmpty())
        return Net::Error(Net::Error::Kind::Command, QStringLiteral("UID STORE"),
                          tr("No messages given."));
    return {};
}

void UidStoreJob::run()
{
    QByteArray cmd = "UID STORE " + m_uids.toWire() + ' ';
    if (m_unchangedSince)
        cmd += "(UNCHANGEDSINCE " + QByteArray::number(m_unchangedSince) + ") ";
    switch (m_mode) {
    case Mode::Add:
        cmd += "+FLAGS";
        break;
    case Mode::Remove:
        cmd += "-FLAGS";
        break;
    case Mode::Replace:
        cmd += "FLAGS";
        break;
    }
    if (m_silent)
        cmd += ".SILENT";
    cmd += " (" + m_flags.join(' ') + ')';
    session()->sendCommand(this, cmd);
}

bool UidStoreJob::handleUntagged(Response &response)
{
    if (response.type != Response::Type::Fetch)
        return false;
    m_updates.append(response.fetch);
    return true;
}

void UidStoreJob::handleTagged(Response &response)
{
    if (response.code.name == "MODIFIED")
        UidSet::parse(response.code.args.trimmed(), &m_modified);
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("UID STORE"));
    finishSuccess();
}

} // namespace Tributary::Imap
