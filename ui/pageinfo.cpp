#include "pageinfo.h"

namespace Tributary::Ui {

// What PageInfo says about one page. The texts are marked for translation here and translated
// (PageInfo::tr) when asked for; a null text is an empty string.
struct PageInfo::Row
{
    const char *key;
    const char *title;
    const char *description;
    const char *actionText;
    const char *emptyTitle;
    const char *emptyText;
    const char *countText; // with %n
    const char *activityArea;
};

const PageInfo::Row &PageInfo::row(Id id)
{
    // In Id order: key, title, description, action, empty title, empty text, count, area.
    static const Row rows[count] = {
        {"mail", QT_TR_NOOP("Mail"),
         QT_TR_NOOP("Your local mailbox: folders, messages and the reader."), nullptr,
         QT_TR_NOOP("No messages"), nullptr, nullptr, nullptr},
        {"overview", QT_TR_NOOP("Connectivity"),
         QT_TR_NOOP("Every connection your mailbox has with the outside, at a glance."), nullptr,
         nullptr, nullptr, nullptr, nullptr},
        {"cloud", QT_TR_NOOP("Cloud Storage"),
         QT_TR_NOOP("Link files from your cloud storage into the messages you write."),
         QT_TR_NOOP("&Connect Cloud Storage"), QT_TR_NOOP("No cloud storage connected"),
         QT_TR_NOOP("Connect Dropbox, OneDrive, Google Drive, ownCloud and others, then insert "
                    "links to your files while you write a message."),
         QT_TR_N_NOOP("%n connection(s)"), "cloud"},
        {"retrieval", QT_TR_NOOP("Email Retrieval"),
         QT_TR_NOOP("Collect mail from your other accounts into this mailbox."),
         QT_TR_NOOP("&New Retrieval Task"), QT_TR_NOOP("No retrieval tasks yet"),
         QT_TR_NOOP("A retrieval task collects mail from another account over POP3, IMAP or "
                    "Microsoft 365, by hand or every ten minutes."),
         QT_TR_N_NOOP("%n retrieval task(s)"), "retrieval"},
        {"smtp", QT_TR_NOOP("SMTP Accounts"),
         QT_TR_NOOP("Send mail as your other addresses through their own servers."),
         QT_TR_NOOP("New &SMTP Account"), QT_TR_NOOP("No SMTP accounts yet"),
         QT_TR_NOOP("Add the outgoing server of another address to send mail as that address, "
                    "through its own provider."),
         QT_TR_N_NOOP("%n SMTP account(s)"), "smtp"},
        {"devices", QT_TR_NOOP("Synchronized Devices"),
         QT_TR_NOOP("Phones, tablets and mail programs that keep in sync with this mailbox."),
         QT_TR_NOOP("&Resync All Devices"), QT_TR_NOOP("No devices have synchronized yet"),
         QT_TR_NOOP("Phones, tablets and mail programs appear here after they sign in to this "
                    "mailbox to keep in sync."),
         QT_TR_N_NOOP("%n device(s)"), "devices"},
        {"ips", QT_TR_NOOP("Authenticated IPs"),
         QT_TR_NOOP("Public addresses that signed in to this mailbox in the last three days."),
         QT_TR_NOOP("R&efresh"), QT_TR_NOOP("No sign-ins in the last three days"),
         QT_TR_NOOP("Every public address that signs in to this mailbox is listed here with its "
                    "protocol, so you can spot a sign-in you do not recognize."),
         QT_TR_N_NOOP("%n address(es)"), "sync"},
        {"migration", QT_TR_NOOP("Mailbox Migration"),
         QT_TR_NOOP("Import a whole account from another provider, in the background."),
         QT_TR_NOOP("New &Migration"), QT_TR_NOOP("No migrations yet"),
         QT_TR_NOOP("Bring email, contacts, calendars, tasks and notes over from another "
                    "provider. The import runs in the background and keeps a log."),
         QT_TR_N_NOOP("%n migration(s)"), "migration"},
        {"activity", QT_TR_NOOP("Activity"),
         QT_TR_NOOP("What Tributary did, and what went wrong, area by area."), nullptr,
         QT_TR_NOOP("Nothing has happened yet"),
         QT_TR_NOOP("Retrievals, sent mail, migrations and sign-ins are logged here as they "
                    "happen."),
         nullptr, nullptr},
    };
    static const Row none = {};
    const int i = index(id);
    return i >= 0 && i < count ? rows[i] : none;
}

namespace {

QString translated(const char *text)
{
    return text ? PageInfo::tr(text) : QString();
}

} // namespace

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
    return QLatin1String(row(id).key);
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
    return translated(row(id).title);
}

QString PageInfo::description(Id id)
{
    return translated(row(id).description);
}

QString PageInfo::actionText(Id id)
{
    return translated(row(id).actionText);
}

QString PageInfo::emptyTitle(Id id)
{
    return translated(row(id).emptyTitle);
}

QString PageInfo::emptyText(Id id)
{
    return translated(row(id).emptyText);
}

QString PageInfo::countText(Id id, int n)
{
    const char *text = row(id).countText;
    return text ? tr(text, nullptr, n) : QString();
}

QString PageInfo::iconPath(Id id)
{
    return QStringLiteral(":/icons/") + key(id) + QStringLiteral(".svg");
}

QString PageInfo::activityArea(Id id)
{
    return QLatin1String(row(id).activityArea);
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
