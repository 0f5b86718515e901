#pragma once

#include "app/services/providers/providercatalogue.h"

#include <QDialog>

class QDialogButtonBox;
class QListWidget;

namespace Tributary::Ui {

// First step of "New Retrieval Task": which provider the mail comes from.
// Lists Gmail, Yahoo Mail, Outlook.com, Microsoft 365, Microsoft Exchange (on premises),
// iCloud Mail, AOL Mail, Zoho Mail, "Other POP server" and "Other IMAP server", in that order,
// from the catalogue (entries missing from the catalogue are left out). Every entry can be
// chosen, with the mouse (double-click accepts) or the keyboard (arrows, Return); providers
// that sign in with OAuth say so in their tooltip.
// After accept(), selectedProviderId() is the chosen catalogue id. Non-modal use: open()
// and listen to accepted(); never exec() from library code.
class ProviderChooser : public QDialog
{
    Q_OBJECT
public:
    explicit ProviderChooser(const ProviderCatalogue &catalogue, QWidget *parent = nullptr);

    // The ids offered, in order.
    static QStringList offeredIds();
    // The selected id; empty when nothing (enabled) is selected.
    QString selectedProviderId() const;
    // Selects an entry by id; false when it is not offered.
    bool selectProvider(const QString &id);

private:
    void updateButtons();

    QListWidget *m_list = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Tributary::Ui
