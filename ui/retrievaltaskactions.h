#pragma once

class QAbstractItemModel;

namespace Tributary {
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
//   - the scheduler's runs show in `tasks` (RetrievalTaskListModel::setRunning /
//     setRunProgress), and a run that stored new mail tells the user with
//     MainWindow::notify ("N new messages from <task>": toast, and the tray when there is one).
// `folders` is the folder tree offered by the dialog (may be null). Nothing blocks: the dialogs
// and the question are opened with open(). The service, scheduler and models must outlive the
// window.
void installRetrievalTaskActions(MainWindow &window, RetrievalTaskService &service,
                                 RetrievalScheduler &scheduler, RetrievalTaskListModel *tasks,
                                 QAbstractItemModel *folders);

} // namespace Tributary::Ui
