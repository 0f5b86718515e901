#include "store.h"

#include "storequery_p.h"

namespace Tributary {

using namespace StoreSql;

namespace {

const char kColumns[] = "uuid, display_name, server, port, encryption, email, auth_enabled, "
                        "username, auth_kind, created, pinned_sha256";

SmtpAccount readAccount(const QSqlQuery &q)
{
    SmtpAccount a;
    a.uuid = toUuid(q.value(0));
    a.displayName = q.value(1).toString();
    a.server = q.value(2).toString();
    a.port = quint16(q.value(3).toUInt());
    a.encryption = SmtpAccount::encryptionFromName(q.value(4).toString());
    a.email = q.value(5).toString();
    a.authEnabled = q.value(6).toInt() != 0;
    a.username = q.value(7).toString();
    a.authKind = SmtpAccount::authKindFromName(q.value(8).toString());
    a.created = toDateTime(q.value(9));
    a.pinnedSha256 = QByteArray::fromHex(q.value(10).toString().toLatin1());
    return a;
}

// The values of every column except uuid, in kColumns order.
QVariantList settingsValues(const SmtpAccount &a)
{
    return {a.displayName,
            a.server,
            int(a.port),
            SmtpAccount::encryptionName(a.encryption),
            a.email,
            int(a.authEnabled),
            a.username,
            SmtpAccount::authKindName(a.authKind),
            fromDateTime(a.created.isValid() ? a.created : QDateTime::currentDateTimeUtc()),
            QString::fromLatin1(a.pinnedSha256.toHex())};
}

} // namespace

bool Store::insertSmtpAccount(SmtpAccount &account, QString *errorMessage)
{
    if (account.uuid.isNull())
        account.uuid = QUuid::createUuid();
    if (!account.created.isValid())
        account.created = QDateTime::currentDateTimeUtc();
    account.created = msPrecision(account.created);
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!execBound(q,
                   QStringLiteral("INSERT INTO smtp_accounts (") + QLatin1String(kColumns)
                       + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   QVariantList {fromUuid(account.uuid)} + settingsValues(account), errorMessage))
        return false;
    notify(Table::SmtpAccounts);
    return true;
}

bool Store::updateSmtpAccount(const SmtpAccount &account, QString *errorMessage)
{
    QSqlDatabase db = database();
    if (!changeExistingRow(
            db,
            QStringLiteral(
                "UPDATE smtp_accounts SET display_name = ?, server = ?, port = ?,"
                " encryption = ?, email = ?, auth_enabled = ?, username = ?, auth_kind = ?,"
                " created = ?, pinned_sha256 = ? WHERE uuid = ?"),
            settingsValues(account) << fromUuid(account.uuid),
            tr("The SMTP account no longer exists."), errorMessage))
        return false;
    notify(Table::SmtpAccounts);
    return true;
}

bool Store::removeSmtpAccount(const QUuid &uuid, QString *errorMessage)
{
    QSqlDatabase db = database();
    if (!changeExistingRow(db, QStringLiteral("DELETE FROM smtp_accounts WHERE uuid = ?"),
                           {fromUuid(uuid)}, tr("The SMTP account no longer exists."),
                           errorMessage))
        return false;
    notify(Table::SmtpAccounts);
    return true;
}

QList<SmtpAccount> Store::smtpAccounts() const
{
    QSqlDatabase db = database();
    return selectRows<SmtpAccount>(db,
                                   QStringLiteral("SELECT ") + QLatin1String(kColumns)
                                       + QStringLiteral(" FROM smtp_accounts ORDER BY display_name,"
                                                        " created"),
                                   readAccount);
}

std::optional<SmtpAccount> Store::smtpAccount(const QUuid &uuid) const
{
    QSqlDatabase db = database();
    return selectRow<SmtpAccount>(db,
                                  QStringLiteral("SELECT ") + QLatin1String(kColumns)
                                      + QStringLiteral(" FROM smtp_accounts WHERE uuid = ?"),
                                  fromUuid(uuid), readAccount);
}

} // namespace Tributary
