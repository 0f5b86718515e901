#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The SMTP Accounts page's accounts, ordered by display name. The Status column is empty here;
// the page fills it (an OAuth account whose sign-in is no longer accepted says so).
class SmtpAccountListModel : public StoreListModel
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

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void reload() override;

    SmtpAccount itemAt(int row) const;

private:
    QList<SmtpAccount> m_items;
};

} // namespace Tributary
