#include "retrievaltaskactions.h"

#include "connectivitypage.h"
#include "mainwindow.h"
#include "providerchooser.h"
#include "retrievaltaskdialog.h"

#include "app/services/providers/providercatalogue.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "app/services/retrievaltasks/retrievaltaskservice.h"
#include "models/retrievaltasklistmodel.h"
#include "models/store.h"

#include <QAction>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTableView>

#include <memory>

namespace Tributary::Ui {

namespace {

using Catalogue = std::shared_ptr<const ProviderCatalogue>;

QUuid currentUuid(QTableView *table)
{
    const QModelIndex index = table->currentIndex();
    if (!index.isValid())
        return QUuid();
    return index.siblingAtColumn(0).data(RetrievalTaskListModel::UuidRole).toUuid();
}

QString taskTitle(const RetrievalTask &task)
{
    return task.name.isEmpty() ? task.username : task.name;
}

void openNewTask(MainWindow &window, RetrievalTaskService &service, QAbstractItemModel *folders,
                 const Catalogue &catalogue)
{
    auto *chooser = new ProviderChooser(*catalogue, &window);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<MainWindow> win(&window);
    QPointer<QAbstractItemModel> folderModel(folders);
    QObject::connect(
        chooser, &QDialog::accepted, &service, [chooser, win, &service, folderModel, catalogue] {
            if (!win)
                return;
            const Provider *provider = catalogue->provider(chooser->selectedProviderId());
            auto *dialog
                = new RetrievalTaskDialog(service, folderModel.data(), provider, win.data());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
    chooser->open();
}

void openEditor(MainWindow &window, RetrievalTaskService &service, QAbstractItemModel *folders,
                const Catalogue &catalogue, const QUuid &uuid)
{
    if (uuid.isNull())
        return;
    const auto task = service.store().retrievalTask(uuid);
    if (!task)
        return;
    auto *dialog = new RetrievalTaskDialog(service, folders, *task,
                                           catalogue->provider(task->providerId), &window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void confirmDelete(MainWindow &window, RetrievalTaskService &service, const QUuid &uuid)
{
    if (uuid.isNull())
        return;
    const auto task = service.store().retrievalTask(uuid);
    if (!task)
        return;
    auto *box = new QMessageBox(
        QMessageBox::Question, RetrievalTaskDialog::tr("Delete Retrieval Task"),
        RetrievalTaskDialog::tr("Delete the retrieval task “%1” (%2)? Messages already "
                                "retrieved stay in your mailbox; the saved password is removed "
                                "from the keychain.")
            .arg(taskTitle(*task), task->server),
        QMessageBox::Yes | QMessageBox::No, &window);
    box->setObjectName(QStringLiteral("deleteRetrievalTaskQuestion"));
    box->setAccessibleName(RetrievalTaskDialog::tr("Delete Retrieval Task"));
    box->setDefaultButton(QMessageBox::No);
    box->button(QMessageBox::Yes)->setObjectName(QStringLiteral("confirmDeleteButton"));
    box->button(QMessageBox::Yes)->setText(RetrievalTaskDialog::tr("&Delete"));
    box->button(QMessageBox::No)->setObjectName(QStringLiteral("keepButton"));
    box->button(QMessageBox::No)->setText(RetrievalTaskDialog::tr("&Keep"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<MainWindow> win(&window);
    QObject::connect(box, &QMessageBox::finished, &service, [&service, uuid, win](int result) {
        if (result != QMessageBox::Yes)
            return;
        RetrievalTaskJob *job = service.remove(uuid);
        QObject::connect(job, &RetrievalTaskJob::finished, &service, [win](RetrievalTaskJob *done) {
            if (win && done->error() != RetrievalTaskJob::Error::NoError)
                win->notify(RetrievalTaskDialog::tr("The retrieval task could not be deleted"),
                            done->errorString(), Severity::Error);
        });
    });
    box->open();
}

void retrieveNow(MainWindow &window, RetrievalScheduler &scheduler, Store &store, const QUuid &uuid)
{
    if (uuid.isNull())
        return;
    const auto task = store.retrievalTask(uuid);
    if (!task)
        return;
    if (scheduler.isRunning(uuid)) {
        window.notify(RetrievalTaskDialog::tr("Already retrieving"),
                      RetrievalTaskDialog::tr("“%1” is retrieving messages right now.")
                          .arg(taskTitle(*task)));
        return;
    }
    if (!scheduler.runNow(uuid))
        window.notify(RetrievalTaskDialog::tr("Retrieval could not start"),
                      RetrievalTaskDialog::tr("“%1” could not start now; other tasks are "
                                              "retrieving. Try again when they are done.")
                          .arg(taskTitle(*task)),
                      Severity::Warning);
}

} // namespace

void installRetrievalTaskActions(MainWindow &window, RetrievalTaskService &service,
                                 RetrievalScheduler &scheduler, RetrievalTaskListModel *tasks,
                                 QAbstractItemModel *folders)
{
    ConnectivityPage *page = window.connectivityPage(PageInfo::Id::Retrieval);
    if (!page)
        return;
    const Catalogue catalogue
        = std::make_shared<const ProviderCatalogue>(ProviderCatalogue::builtIn());

    window.setPrimaryActionHandler(PageInfo::Id::Retrieval,
                                   [&window, &service, folders, catalogue] {
                                       openNewTask(window, service, folders, catalogue);
                                   });

    QTableView *table = page->table();
    QObject::connect(table, &QTableView::activated, &window,
                     [&window, &service, folders, catalogue, table](const QModelIndex &) {
                         openEditor(window, service, folders, catalogue, currentUuid(table));
                     });

    auto *edit = new QAction(RetrievalTaskDialog::tr("&Edit…"), table);
    edit->setObjectName(QStringLiteral("editRetrievalTaskAction"));
    QObject::connect(edit, &QAction::triggered, &window,
                     [&window, &service, folders, catalogue, table] {
                         openEditor(window, service, folders, catalogue, currentUuid(table));
                     });
    auto *remove = new QAction(RetrievalTaskDialog::tr("&Delete…"), table);
    remove->setObjectName(QStringLiteral("deleteRetrievalTaskAction"));
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    QObject::connect(remove, &QAction::triggered, &window, [&window, &service, table] {
        confirmDelete(window, service, currentUuid(table));
    });
    auto *runNow = new QAction(RetrievalTaskDialog::tr("&Retrieve Messages Now"), table);
    runNow->setObjectName(QStringLiteral("retrieveNowAction"));
    Store *store = &service.store();
    QObject::connect(runNow, &QAction::triggered, &window, [&window, &scheduler, store, table] {
        retrieveNow(window, scheduler, *store, currentUuid(table));
    });
    page->addRowAction(edit);
    page->addRowAction(remove);
    page->addRowAction(runNow);

    if (!tasks)
        return;
    QPointer<RetrievalTaskListModel> model(tasks);
    QObject::connect(&scheduler, &RetrievalScheduler::runStarted, tasks,
                     [model](const QUuid &task) { model->setRunning(task, true); });
    QObject::connect(&scheduler, &RetrievalScheduler::runProgress, tasks,
                     [model](const QUuid &task, qint64 done, qint64 total) {
                         model->setRunProgress(task, done, total);
                     });
    QObject::connect(&scheduler, &RetrievalScheduler::runEnded, tasks,
                     [model](const QUuid &task) { model->setRunning(task, false); });
    QObject::connect(
        &scheduler, &RetrievalScheduler::runFinished, &window,
        [&window, store](const QUuid &task, bool ok, int newMessages, const QString &) {
            if (!ok || newMessages <= 0)
                return;
            const auto stored = store->retrievalTask(task);
            const QString name = stored ? taskTitle(*stored) : QString();
            const QString text = newMessages == 1
                ? RetrievalTaskDialog::tr("1 new message from %1").arg(name)
                : RetrievalTaskDialog::tr("%1 new messages from %2").arg(newMessages).arg(name);
            window.notify(RetrievalTaskDialog::tr("New mail"), text);
        });
}

} // namespace Tributary::Ui
