#include "pageinfo.h"

namespace Tributary::Ui {

const QList<PageInfo::Id> &PageInfo::connectivityAreas()
{
    static const QList<Id> areas = {Id::CloudStorage, Id::Retrieval,        Id::SmtpAccounts,
                                    Id::Devices,      Id::AuthenticatedIps, Id::Migration};
    return areas;
}

bool PageInfo::isConnectivityArea(Id id)
{
    return connectivityAreas().contains(id);
}

QString PageInfo::key(Id id)
{
    switch (id) {
    case Id::Mail:
        return QStringLiteral("mail");
    case Id::Overview:
        return QStringLiteral("overview");
    case Id::CloudStorage:
        return QStringLiteral("cloud");
    case Id::Retrieval:
        return QStringLiteral("retrieval");
    case Id::SmtpAccounts:
        return QStringLiteral("smtp");
    case Id::Devices:
        return QStringLiteral("devices");
    case Id::AuthenticatedIps:
        return QStringLiteral("ips");
    case Id::Migration:
        return QStringLiteral("migration");
    case Id::Activity:
        return QStringLiteral("activity");
    case Id::Count:
        break;
    }
    return QString();
}

PageInfo::Id PageInfo::fromKey(const QString &key)
{
    for (int i = 0; i < count; ++i) {
        if (PageInfo::key(fromIndex(i)) == key)
            return fromIndex(i);
    }
    return Id::Count;
}

QString PageInfo::title(Id id)
{
    switch (id) {
    case Id::Mail:
        return tr("Mail");
    case Id::Overview:
        return tr("Connectivity");
    case Id::CloudStorage:
        return tr("Cloud Storage");
    case Id::Retrieval:
        return tr("Email Retrieval");
    case Id::SmtpAccounts:
        return tr("SMTP Accounts");
    case Id::Devices:
        return tr("Synchronized Devices");
    case Id::AuthenticatedIps:
        return tr("Authenticated IPs");
    case Id::Migration:
        return tr("Mailbox Migration");
    case Id::Activity:
        return tr("Activity");
    case Id::Count:
        break;
    }
    return QString();
}

QString PageInfo::description(Id id)
{
    switch (id) {
    case Id::Mail:
        return tr("Your local mailbox: folders, messages and the reader.");
    case Id::Overview:
        return tr("Every connection your mailbox has with the outside, at a glance.");
    case Id::CloudStorage:
        return tr("Link files from your cloud storage into the messages you write.");
    case Id::Retrieval:
        return tr("Collect mail from your other accounts into this mailbox.");
    case Id::SmtpAccounts:
        return tr("Send mail as your other addresses through their own servers.");
    case Id::Devices:
        return tr("Phones, tablets and mail programs that keep in sync with this mailbox.");
    case Id::AuthenticatedIps:
        return tr("Public addresses that signed in to this mailbox in the last three days.");
    case Id::Migration:
        return tr("Import a whole account from another provider, in the background.");
    case Id::Activity:
        return tr("What Tributary did, and what went wrong, area by area.");
    case Id::Count:
        break;
    }
    return QString();
}

QString PageInfo::actionText(Id id)
{
    switch (id) {
    case Id::CloudStorage:
        return tr("&Connect Cloud Storage");
    case Id::Retrieval:
        return tr("&New Retrieval Task");
    case Id::SmtpAccounts:
        return tr("New &SMTP Account");
    case Id::Devices:
        return tr("&Resync All Devices");
    case Id::AuthenticatedIps:
        return tr("R&efresh");
    case Id::Migration:
        return tr("New &Migration");
    case Id::Mail:
    case Id::Overview:
    case Id::Activity:
    case Id::Count:
        break;
    }
    return QString();
}

QString PageInfo::emptyTitle(Id id)
{
    switch (id) {
    case Id::CloudStorage:
        return tr("No cloud storage connected");
    case Id::Retrieval:
        return tr("No retrieval tasks yet");
    case Id::SmtpAccounts:
        return tr("No SMTP accounts yet");
    case Id::Devices:
        return tr("No devices have synchronized yet");
    case Id::AuthenticatedIps:
        return tr("No sign-ins in the last three days");
    case Id::Migration:
        return tr("No migrations yet");
    case Id::Activity:
        return tr("Nothing has happened yet");
    case Id::Mail:
        return tr("No messages");
    case Id::Overview:
    case Id::Count:
        break;
    }
    return QString();
}

QString PageInfo::emptyText(Id id)
{
    switch (id) {
    case Id::CloudStorage:
        return tr("Connect Dropbox, OneDrive, Google Drive, ownCloud and others, then insert "
                  "links to your files while you write a message.");
    case Id::Retrieval:
        return tr("A retrieval task collects mail from another account over POP3, IMAP or "
                  "Microsoft 365, by hand or every ten minutes.");
    case Id::SmtpAccounts:
        return tr("Add the outgoing server of another address to send mail as that address, "
                  "through its own provider.");
    case Id::Devices:
        return tr("Phones, tablets and mail programs appear here after they sign in to this "
                  "mailbox to keep in sync.");
    case Id::AuthenticatedIps:
        return tr("Every public address that signs in to this mailbox is listed here with its "
                  "protocol, so you can spot a sign-in you do not recognize.");
    case Id::Migration:
        return tr("Bring email, contacts, calendars, tasks and notes over from another "
                  "provider. The import runs in the background and keeps a log.");
    case Id::Activity:
        return tr("Retrievals, sent mail, migrations and sign-ins are logged here as they "
                  "happen.");
    case Id::Mail:
    case Id::Overview:
    case Id::Count:
        break;
    }
    return QString();
}

QString PageInfo::countText(Id id, int n)
{
    switch (id) {
    case Id::CloudStorage:
        return tr("%n connection(s)", nullptr, n);
    case Id::Retrieval:
        return tr("%n retrieval task(s)", nullptr, n);
    case Id::SmtpAccounts:
        return tr("%n SMTP account(s)", nullptr, n);
    case Id::Devices:
        return tr("%n device(s)", nullptr, n);
    case Id::AuthenticatedIps:
        return tr("%n address(es)", nullptr, n);
    case Id::Migration:
        return tr("%n migration(s)", nullptr, n);
    case Id::Mail:
    case Id::Overview:
    case Id::Activity:
    case Id::Count:
        break;
    }
    return QString();
}

QString PageInfo::iconPath(Id id)
{
    return QStringLiteral(":/icons/") + key(id) + QStringLiteral(".svg");
}

QString PageInfo::activityArea(Id id)
{
    switch (id) {
    case Id::CloudStorage:
        return QStringLiteral("cloud");
    case Id::Retrieval:
        return QStringLiteral("retrieval");
    case Id::SmtpAccounts:
        return QStringLiteral("smtp");
    case Id::Devices:
        return QStringLiteral("devices");
    case Id::AuthenticatedIps:
        return QStringLiteral("sync");
    case Id::Migration:
        return QStringLiteral("migration");
    case Id::Mail:
    case Id::Overview:
    case Id::Activity:
    case Id::Count:
        break;
    }
    return QString();
}

QString withoutMnemonic(const QString &text)
{
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&')) {
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('&'))
                result.append(QLatin1Char('&'));
            ++i;
            if (i < text.size() && text.at(i) != QLatin1Char('&'))
                result.append(text.at(i));
            continue;
        }
        result.append(text.at(i));
    }
    return result;
}

} // namespace Tributary::Ui
