#include "store.h"

#include "storesql_p.h"

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

void bindSettings(QSqlQuery &q, const SmtpAccount &a)
{
    q.addBindValue(a.displayName);
    q.addBindValue(a.server);
    q.addBindValue(int(a.port));
    q.addBindValue(SmtpAccount::encryptionName(a.encryption));
    q.addBindValue(a.email);
    q.addBindValue(int(a.authEnabled));
    q.addBindValue(a.username);
    q.addBindValue(SmtpAccount::authKindName(a.authKind));
    q.addBindValue(fromDateTime(a.created.isValid() ? a.created : QDateTime::currentDateTimeUtc()));
    q.addBindValue(QString::fromLatin1(a.pinnedSha256.toHex()));
}

} // namespace

bool Store::insertSmtpAccount(SmtpAccount &account, QString *errorMessage)
{
    if (account.uuid.isNull())
        account.uuid = QUuid::createUuid();
    if (!account.created.isValid())
        account.created = QDateTime::currentDateTimeUtc();
    account.created = QDateTime::fromMSecsSinceEpoch(account.created.toMSecsSinceEpoch(), Qt::UTC);
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q,
                 QStringLiteral("INSERT INTO smtp_accounts (") + QLatin1String(kColumns)
                     + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 errorMessage))
        return false;
    q.addBindValue(fromUuid(account.uuid));
    bindSettings(q, account);
    if (!exec(q, errorMessage))
        return false;
    notify(Table::SmtpAccounts);
    return true;
}

bool Store::updateSmtpAccount(const SmtpAccount &account, QString *errorMessage)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q,
                 QStringLiteral(
                     "UPDATE smtp_accounts SET display_name = ?, server = ?, port = ?,"
                     " encryption = ?, email = ?, auth_enabled = ?, username = ?, auth_kind = ?,"
                     " created = ?, pinned_sha256 = ? WHERE uuid = ?"),
                 errorMessage))
        return false;
    bindSettings(q, account);
    q.addBindValue(fromUuid(account.uuid));
    if (!exec(q, errorMessage))
        return false;
    if (q.numRowsAffected() == 0) {
        setError(errorMessage, tr("The SMTP account no longer exists."));
        return false;
    }
    notify(Table::SmtpAccounts);
    return true;
}

bool Store::removeSmtpAccount(const QUuid &uuid, QString *errorMessage)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q, QStringLiteral("DELETE FROM smtp_accounts WHERE uuid = ?"), errorMessage))
        return false;
    q.addBindValue(fromUuid(uuid));
    if (!exec(q, errorMessage))
        return false;
    if (q.numRowsAffected() == 0) {
        setError(errorMessage, tr("The SMTP account no longer exists."));
        return false;
    }
    notify(Table::SmtpAccounts);
    return true;
}

QList<SmtpAccount> Store::smtpAccounts() const
{
    QList<SmtpAccount> result;
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT ") + QLatin1String(kColumns)
                + QStringLiteral(" FROM smtp_accounts ORDER BY display_name, created")))
        return result;
    while (q.next())
        result.append(readAccount(q));
    return result;
}

std::optional<SmtpAccount> Store::smtpAccount(const QUuid &uuid) const
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!prepare(q,
                 QStringLiteral("SELECT ") + QLatin1String(kColumns)
                     + QStringLiteral(" FROM smtp_accounts WHERE uuid = ?"),
                 nullptr))
        return std::nullopt;
    q.addBindValue(fromUuid(uuid));
    if (!exec(q, nullptr) || !q.next())
        return std::nullopt;
    return readAccount(q);
}

} // namespace Tributary
