#include "imapmailboxjobs.h"

#include "imapsession.h"
#include "mutf7.h"

namespace Tributary::Imap {

namespace {

Net::Error noMailbox(const QString &step)
{
    return Net::Error(Net::Error::Kind::Command, step,
                      QCoreApplication::translate("Tributary::Imap", "No folder given."));
}

} // namespace

void ListJob::run()
{
    Session *s = session();
    const bool extended = s->hasCapability("LIST-EXTENDED");
    const bool listStatus = !m_statusItems.isEmpty() && s->hasCapability("LIST-STATUS");
    QByteArray cmd;
    if (m_subscribed && !extended) {
        cmd = "LSUB ";
    } else {
        cmd = "LIST ";
        if (m_subscribed)
            cmd += "(SUBSCRIBED) ";
    }
    cmd += quoted(encodeMailboxName(m_reference)) + ' ' + quoted(encodeMailboxName(m_pattern));
    QByteArrayList returns;
    if (extended && s->hasCapability("SPECIAL-USE"))
        returns.append("SPECIAL-USE");
    if (listStatus)
        returns.append("STATUS (" + m_statusItems.join(' ') + ')');
    if (extended && !returns.isEmpty())
        cmd += " RETURN (" + returns.join(' ') + ')';
    m_listTag = s->sendCommand(this, cmd);
}

bool ListJob::handleUntagged(Response &response)
{
    if (response.type == Response::Type::List) {
        // A LIST (SUBSCRIBED) also reports \NonExistent parents; keep them (attributes say so).
        m_entries.append(response.listEntry);
        return true;
    }
    if (response.type == Response::Type::StatusInfo && !m_statusItems.isEmpty()) {
        m_statuses.insert(response.statusData.mailbox, response.statusData);
        return true;
    }
    return false;
}

void ListJob::handleTagged(Response &response)
{
    if (response.tag == m_listTag) {
        if (response.status != Status::Ok)
            return finishWithReply(response, QStringLiteral("LIST"));
        if (!m_statusItems.isEmpty() && !session()->hasCapability("LIST-STATUS")) {
            // Pipeline one STATUS per selectable mailbox.
            for (const ListEntry &e : std::as_const(m_entries)) {
                if (!e.isSelectable())
                    continue;
                ++m_pendingStatus;
                session()->sendCommand(this,
                                       "STATUS " + mailboxArgument(e.name) + " ("
                                           + m_statusItems.join(' ') + ')');
            }
        }
        if (m_pendingStatus == 0)
            finishSuccess();
        return;
    }
    // A failing STATUS (e.g. a mailbox deleted meanwhile) leaves that mailbox without status.
    if (--m_pendingStatus == 0)
        finishSuccess();
}

Net::Error SelectJob::validate() const
{
    return m_mailbox.isEmpty() ? noMailbox(QStringLiteral("SELECT")) : Net::Error();
}

void SelectJob::run()
{
    Session *s = session();
    QByteArray cmd = m_readOnly ? "EXAMINE " : "SELECT ";
    cmd += mailboxArgument(m_mailbox);
    if (m_qrUidValidity != 0 && s->isEnabled("QRESYNC")) {
        cmd += " (QRESYNC (" + QByteArray::number(m_qrUidValidity) + ' '
            + QByteArray::number(m_qrModSeq);
        if (!m_qrKnown.isEmpty())
            cmd += ' ' + m_qrKnown.toWire();
        cmd += "))";
    } else if ((m_condStore || m_qrUidValidity != 0) && s->hasCapability("CONDSTORE")) {
        cmd += " (CONDSTORE)";
    }
    s->sendCommand(this, cmd);
}

bool SelectJob::handleUntagged(Response &response)
{
    switch (response.type) {
    case Response::Type::Exists:
        m_exists = response.number;
        return true;
    case Response::Type::Recent:
        m_recent = response.number;
        return true;
    case Response::Type::Flags:
        m_flags = response.list;
        return true;
    case Response::Type::Vanished:
        m_vanished.ranges.append(response.uidSet.ranges);
        return true;
    case Response::Type::Fetch:
        m_changes.append(response.fetch);
        return true;
    case Response::Type::Status: {
        const QByteArray &code = response.code.name;
        if (code == "UIDVALIDITY")
            m_uidValidity = quint32(response.code.number());
        else if (code == "UIDNEXT")
            m_uidNext = quint32(response.code.number());
        else if (code == "HIGHESTMODSEQ")
            m_highestModSeq = response.code.number();
        else if (code == "NOMODSEQ")
            m_highestModSeq = 0;
        else if (code == "PERMANENTFLAGS")
            m_permanentFlags = response.code.list();
        else
            return false;
        return true;
    }
    default:
        return false;
    }
}

void SelectJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok) {
        session()->setState(Session::State::Authenticated); // RFC 3501: a failed SELECT deselects
        return finishWithReply(response,
                               m_readOnly ? QStringLiteral("EXAMINE") : QStringLiteral("SELECT"));
    }
    m_resultReadOnly = response.code.name == "READ-ONLY";
    session()->setSelectedMailbox(m_mailbox, m_resultReadOnly);
    finishSuccess();
}

Net::Error StatusJob::validate() const
{
    return m_mailbox.isEmpty() ? noMailbox(QStringLiteral("STATUS")) : Net::Error();
}

void StatusJob::run()
{
    QByteArrayList items = m_items;
    if (items.isEmpty()) {
        items = {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN"};
        if (session()->hasCapability("CONDSTORE"))
            items.append("HIGHESTMODSEQ");
    }
    session()->sendCommand(this,
                           "STATUS " + mailboxArgument(m_mailbox) + " (" + items.join(' ') + ')');
}

bool StatusJob::handleUntagged(Response &response)
{
    if (response.type != Response::Type::StatusInfo)
        return false;
    m_status = response.statusData;
    return true;
}

void StatusJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("STATUS"));
    finishSuccess();
}

Net::Error CreateJob::validate() const
{
    return m_mailbox.isEmpty() ? noMailbox(QStringLiteral("CREATE")) : Net::Error();
}

void CreateJob::run()
{
    session()->sendCommand(this, "CREATE " + mailboxArgument(m_mailbox));
}

void CreateJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("CREATE"));
    finishSuccess();
}

void ExpungeJob::run()
{
    if (!m_uids.isEmpty()) {
        if (!session()->hasCapability("UIDPLUS")) {
            finishWithError(
                session()->makeError(Net::Error::Kind::Command, QStringLiteral("UID EXPUNGE"),
                                     tr("The server does not support UID EXPUNGE (UIDPLUS).")));
            return;
        }
        session()->sendCommand(this, "UID EXPUNGE " + m_uids.toWire());
    } else {
        session()->sendCommand(this, "EXPUNGE");
    }
}

bool ExpungeJob::handleUntagged(Response &response)
{
    if (response.type == Response::Type::Expunge) {
        m_expunged.append(response.number);
        return true;
    }
    if (response.type == Response::Type::Vanished) {
        m_vanished.ranges.append(response.uidSet.ranges);
        return true;
    }
    return false;
}

void ExpungeJob::handleTagged(Response &response)
{
    if (response.status != Status::Ok)
        return finishWithReply(response, QStringLiteral("EXPUNGE"));
    finishSuccess();
}

} // namespace Tributary::Imap
