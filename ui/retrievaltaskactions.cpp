#include "retrievaltaskactions.h"

#include "connectivitypage.h"
#include "mainwindow.h"
#include "providerchooser.h"
#include "retrievaltaskdialog.h"
#include "signinstatusmodel.h"
#include "tokenhealthdialog.h"
#include "tokenhealthview.h"

#include "app/services/oauth/tokenservice.h"
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
                 RetrievalTaskActions *actions)
{
    auto *chooser = new ProviderChooser(actions->catalogue(), &window);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<MainWindow> win(&window);
    QPointer<QAbstractItemModel> folderModel(folders);
    QPointer<RetrievalTaskActions> owner(actions);
    QObject::connect(
        chooser, &QDialog::accepted, &service, [chooser, win, &service, folderModel, owner] {
            if (!win || !owner)
                return;
            const Provider *provider = owner->catalogue().provider(chooser->selectedProviderId());
            auto *dialog
                = new RetrievalTaskDialog(service, folderModel.data(), provider, win.data());
            dialog->setOAuthSupport(owner->oauthSupport());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
    chooser->open();
}

RetrievalTaskDialog *openEditor(MainWindow &window, RetrievalTaskService &service,
                                QAbstractItemModel *folders, RetrievalTaskActions *actions,
                                const QUuid &uuid)
{
    if (uuid.isNull())
        return nullptr;
    const auto task = service.store().retrievalTask(uuid);
    if (!task)
        return nullptr;
    auto *dialog = new RetrievalTaskDialog(
        service, folders, *task, actions->catalogue().provider(task->providerId), &window);
    dialog->setOAuthSupport(actions->oauthSupport());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

// "Sign-in Health…": the task's TokenHealthDialog; its "Sign In Again" opens the task's dialog
// signing in, and the health view follows when that dialog saved.
void showHealth(MainWindow &window, RetrievalTaskService &service, QAbstractItemModel *folders,
                RetrievalTaskActions *actions, const QUuid &uuid)
{
    TokenService *tokens
        = actions->oauthSupport().tokens ? actions->oauthSupport().tokens : service.tokenService();
    const auto task = uuid.isNull() ? std::nullopt : service.store().retrievalTask(uuid);
    if (!tokens || !task)
        return;
    auto *dialog = new TokenHealthDialog(*tokens, uuid.toString(QUuid::WithoutBraces), &window);
    dialog->setAccountName(taskTitle(*task));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<TokenHealthDialog> health(dialog);
    QObject::connect(dialog, &TokenHealthDialog::signInAgainRequested, dialog,
                     [&window, &service, folders, actions, uuid, health] {
                         RetrievalTaskDialog *editor
                             = openEditor(window, service, folders, actions, uuid);
                         if (!editor)
                             return;
                         QObject::connect(editor, &QDialog::accepted, health.data(),
                                          &TokenHealthDialog::refresh);
                         editor->signInAgain();
                     });
    dialog->open();
}

bool isOAuthTask(Store &store, const QUuid &uuid)
{
    if (uuid.isNull())
        return false;
    const auto task = store.retrievalTask(uuid);
    return task && task->authKind == RetrievalTask::AuthKind::OAuth;
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

RetrievalTaskActions::RetrievalTaskActions(MainWindow &window, const OAuthTaskSupport &oauth)
    : QObject(&window)
{
    setObjectName(QStringLiteral("retrievalTaskActions"));
    setOAuthSupport(oauth);
}

RetrievalTaskActions::~RetrievalTaskActions() = default;

void RetrievalTaskActions::setOAuthSupport(const OAuthTaskSupport &support)
{
    m_support = support;
    m_catalogue = std::make_unique<ProviderCatalogue>(
        support.catalogueJson.isEmpty() ? ProviderCatalogue::builtIn()
                                        : ProviderCatalogue::fromJson(support.catalogueJson));
}

RetrievalTaskActions *installRetrievalTaskActions(MainWindow &window, RetrievalTaskService &service,
                                                  RetrievalScheduler &scheduler,
                                                  RetrievalTaskListModel *tasks,
                                                  QAbstractItemModel *folders,
                                                  const OAuthTaskSupport &oauth)
{
    ConnectivityPage *page = window.connectivityPage(PageInfo::Id::Retrieval);
    if (!page)
        return nullptr;
    auto *actions = new RetrievalTaskActions(window, oauth);

    window.setPrimaryActionHandler(PageInfo::Id::Retrieval, [&window, &service, folders, actions] {
        openNewTask(window, service, folders, actions);
    });

    QTableView *table = page->table();
    QObject::connect(table, &QTableView::activated, actions,
                     [&window, &service, folders, actions, table](const QModelIndex &) {
                         openEditor(window, service, folders, actions, currentUuid(table));
                     });

    auto *edit = new QAction(RetrievalTaskDialog::tr("&Edit…"), table);
    edit->setObjectName(QStringLiteral("editRetrievalTaskAction"));
    QObject::connect(edit, &QAction::triggered, actions,
                     [&window, &service, folders, actions, table] {
                         openEditor(window, service, folders, actions, currentUuid(table));
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
    auto *signInAgain = new QAction(RetrievalTaskDialog::tr("&Sign In Again…"), table);
    signInAgain->setObjectName(QStringLiteral("signInAgainAction"));
    signInAgain->setToolTip(RetrievalTaskDialog::tr(
        "Sign in to this task's account again; its settings and retrieved mail stay."));
    QObject::connect(signInAgain, &QAction::triggered, actions,
                     [&window, &service, folders, actions, table] {
                         if (RetrievalTaskDialog *dialog
                             = openEditor(window, service, folders, actions, currentUuid(table)))
                             dialog->signInAgain();
                     });
    auto *health = new QAction(RetrievalTaskDialog::tr("Sign-in &Health…"), table);
    health->setObjectName(QStringLiteral("signInHealthAction"));
    health->setToolTip(RetrievalTaskDialog::tr(
        "When this task's sign-in was renewed and how long it lasts before you sign in again."));
    QObject::connect(health, &QAction::triggered, actions,
                     [&window, &service, folders, actions, table] {
                         showHealth(window, service, folders, actions, currentUuid(table));
                     });
    page->addRowAction(edit);
    page->addRowAction(remove);
    page->addRowAction(runNow);
    page->addRowAction(signInAgain);
    page->addRowAction(health);
    auto updateSignInAction = [signInAgain, health, store, table] {
        const bool oauth = isOAuthTask(*store, currentUuid(table));
        signInAgain->setEnabled(oauth);
        health->setEnabled(oauth);
    };
    updateSignInAction();

    if (!tasks)
        return actions;
    // A task whose sign-in is no longer accepted says so in its Status column (unless it is
    // running).
    auto *shown = new SignInStatusModel(
        service, SignInStatusModel::Subject::Task, int(RetrievalTaskListModel::Column::Status),
        RetrievalTaskListModel::UuidRole,
        [](const QModelIndex &status) {
            return !status.data(RetrievalTaskListModel::RunningRole).toBool();
        },
        actions);
    shown->setSourceModel(tasks);
    page->setModel(shown);
    QObject::connect(table->selectionModel(), &QItemSelectionModel::currentChanged, actions,
                     updateSignInAction);
    QObject::connect(tasks, &QAbstractItemModel::modelReset, actions, updateSignInAction);
    QObject::connect(&service, &RetrievalTaskService::tasksChanged, shown,
                     &SignInStatusModel::refreshStatus);
    // Once per lost sign-in (the token service says so once): the tray and a toast tell the
    // user, besides the row's status, that the task waits for them.
    QObject::connect(
        &service, &RetrievalTaskService::signInRequired, &window,
        [&window, store](const QUuid &task, const QString &message) {
            const auto stored = store->retrievalTask(task);
            const QString name = stored ? taskTitle(*stored) : QString();
            window.notify(
                RetrievalTaskDialog::tr("Sign in again"),
                RetrievalTaskDialog::tr("%1 needs you to sign in again. %2").arg(name, message),
                Severity::Warning);
        });
    if (TokenService *tokens = service.tokenService())
        QObject::connect(tokens, &TokenService::signInRequired, shown,
                         &SignInStatusModel::refreshStatus);
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
    return actions;
}

} // namespace Tributary::Ui
