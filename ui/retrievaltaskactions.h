#pragma once

#include "oauthtaskform.h"

#include <QObject>

#include <memory>

class QAbstractItemModel;

namespace Tributary {
class ProviderCatalogue;
class RetrievalScheduler;
class RetrievalTaskListModel;
class RetrievalTaskService;
} // namespace Tributary

namespace Tributary::Ui {

class MainWindow;

// Wires the Email Retrieval page of `window`:
//   - the area's primary action (page button and Overview card: "New Retrieval Task") opens the
//     provider chooser (ui/providerchooser.h), then a RetrievalTaskDialog pre-filled from the
//     chosen catalogue entry;
//   - row actions, as buttons below the table and in its context menu: "Edit…" (also a
//     double-click or Return on a row), "Delete…" (also the Delete key; asks first and says that
//     retrieved messages stay) and "Retrieve Messages Now" (RetrievalScheduler::runNow);
//   - OAuth tasks (Microsoft 365, Outlook.com, Exchange with a Microsoft sign-in): a task whose
//     sign-in the provider no longer accepts (TokenService::isSignInRequired) shows "Sign in
//     again" in its Status column; the row action "Sign In Again…" opens the task's dialog and
//     signs in at once (settings, folders and run record kept); "Sign-in Health…" opens the
//     task's TokenHealthDialog (its Sign In Again does the same). Both are enabled for OAuth
//     tasks only;
//   - the scheduler's runs show in `tasks` (RetrievalTaskListModel::setRunning /
//     setRunProgress), and a run that stored new mail tells the user with
//     MainWindow::notify ("N new messages from <task>": toast, and the tray when there is one).
// `folders` is the folder tree offered by the dialog (may be null). Nothing blocks: the dialogs
// and the question are opened with open(). The service, scheduler and models must outlive the
// window. `oauth` says what OAuth tasks need (without a token service they cannot be saved);
// its pointers must outlive the window too.
//
// Returns the actions object (a child of the window, objectName "retrievalTaskActions"), whose
// OAuth support (catalogue, agents) tests may replace.
class RetrievalTaskActions : public QObject
{
    Q_OBJECT
public:
    RetrievalTaskActions(MainWindow &window, const OAuthTaskSupport &oauth);
    ~RetrievalTaskActions() override;

    // The catalogue of the provider chooser and the OAuth configurations, and the agents of
    // the sign-ins (for tests: a catalogue whose endpoints are local servers).
    void setOAuthSupport(const OAuthTaskSupport &support);
    const OAuthTaskSupport &oauthSupport() const { return m_support; }
    const ProviderCatalogue &catalogue() const { return *m_catalogue; }

private:
    OAuthTaskSupport m_support;
    std::unique_ptr<ProviderCatalogue> m_catalogue;
};

RetrievalTaskActions *installRetrievalTaskActions(MainWindow &window, RetrievalTaskService &service,
                                                  RetrievalScheduler &scheduler,
                                                  RetrievalTaskListModel *tasks,
                                                  QAbstractItemModel *folders,
                                                  const OAuthTaskSupport &oauth = {});

} // namespace Tributary::Ui
