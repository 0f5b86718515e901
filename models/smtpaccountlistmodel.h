#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The SMTP Accounts page's accounts, ordered by display name. The Status column is empty here;
// the page fills it (an OAuth account whose sign-in is no longer accepted says so).
class SmtpAccountListModel : public ItemListModel<SmtpAccount, StoreListModel>
{
    Q_OBJECT
public:
    enum class Column { DisplayName, Email, Server, Port, Encryption, Username, Status, Count };
    Q_ENUM(Column)
    enum Role {
        UuidRole = Qt::UserRole + 1,
        EmailRole,
        EncryptionRole,
        AuthEnabledRole,
        OAuthRole // whether the account signs in with OAuth (bool)
    };
    Q_ENUM(Role)

    explicit SmtpAccountListModel(Store &store, QObject *parent = nullptr);

    void reload() override;

protected:
    QVariant itemData(const SmtpAccount &a, int column, int role) const override;
};

} // namespace Tributary
