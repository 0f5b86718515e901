#pragma once

#include <QCoreApplication>
#include <QObject>
#include <QString>

namespace Tributary::Ui {

// The pages of the main window and everything the widgets say about them: titles, the one-line
// description, the primary action, the empty-state text, the icon and the Activity area key.
// One table so the navigation, the overview cards and the pages always agree.
class PageInfo
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(Tributary::Ui::PageInfo)

public:
    // In navigation order; Ctrl+1 selects the first. Count is not a page.
    enum class Id {
        Mail,
        Overview,
        CloudStorage,
        Retrieval,
        SmtpAccounts,
        Devices,
        AuthenticatedIps,
        Migration,
        Activity,
        Count
    };
    Q_ENUM(Id)

    static constexpr int count = static_cast<int>(Id::Count);
    static Id fromIndex(int index) { return static_cast<Id>(index); }
    static int index(Id id) { return static_cast<int>(id); }

    // The six areas that have a ConnectivityPage and an overview card, in display order.
    static const QList<Id> &connectivityAreas();
    static bool isConnectivityArea(Id id);

    // Stable, untranslated key: settings values and objectNames ("retrieval" -> "retrievalPage").
    static QString key(Id id);
    // Id for a key; Id::Count when unknown.
    static Id fromKey(const QString &key);

    static QString title(Id id);
    static QString description(Id id);
    // Button text with a mnemonic ("&New Retrieval Task"); empty for pages without one.
    static QString actionText(Id id);
    static QString emptyTitle(Id id);
    static QString emptyText(Id id);
    // One line for the overview card: how many items the area has, in words.
    static QString countText(Id id, int count);
    // Resource path of the page icon (":/icons/retrieval.svg").
    static QString iconPath(Id id);
    // The ActivityLogger area whose entries belong to this page; empty for none.
    static QString activityArea(Id id);

private:
    struct Row;
    // The table row of a page (an empty row for Id::Count).
    static const Row &row(Id id);
};

// Text without the mnemonic marker, for toasts and accessible names.
QString withoutMnemonic(const QString &text);

} // namespace Tributary::Ui
