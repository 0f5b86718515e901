#pragma once

#include "storelistmodel.h"

namespace Tributary {

// The SMTP Accounts page's accounts, ordered by display name.
class SmtpAccountListModel : public StoreListModel
{
    Q_OBJECT
public:
    enum class Column { DisplayName, Email, Server, Port, Encryption, Username, Count };
    Q_ENUM(Column)
    enum Role { UuidRole = Qt::UserRole + 1, EmailRole, EncryptionRole, AuthEnabledRole };
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
