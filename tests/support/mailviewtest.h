#pragma once

// What the GUI tests of retrieval read back from the real window: how many messages the Mail
// view lists for a folder after a run. Header only, for GUI tests that link tributary_ui.
#include "app/services/appcontext.h"
#include "models/foldertreemodel.h"
#include "models/messagelistmodel.h"
#include "ui/mailpage.h"
#include "ui/mainwindow.h"

#include <QModelIndex>
#include <QTreeView>

namespace TestEnv {

// Shows the Mail page of `window`, selects `folderId` in its folder tree as a user would, and
// returns the number of messages the message list shows; -1 when the tree has no such folder.
inline int mailViewCount(Tributary::Ui::MainWindow &window, Tributary::AppContext &context,
                         qint64 folderId)
{
    window.showPage(Tributary::Ui::PageInfo::Id::Mail);
    QTreeView *folders = window.mailPage()->folderView();
    const QModelIndex index = context.folderModel()->indexForFolder(folderId);
    if (!index.isValid())
        return -1;
    folders->setCurrentIndex(index);
    return context.messageModel()->rowCount();
}

} // namespace TestEnv
