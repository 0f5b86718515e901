#include "outboxdialog.h"

#include "connectivitypage.h"
#include "mailpage.h"
#include "mainwindow.h"
#include "pageheader.h"

#include "app/services/appcontext.h"
#include "app/services/outbox/outboxlistmodel.h"
#include "app/services/outbox/outboxservice.h"

#include <QAction>
#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

#include <memory>

namespace Tributary::Ui {

namespace {

QPushButton *makeButton(const QString &text, const QString &name, const QString &accessible,
                        QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setAccessibleName(accessible);
    return b;
}

} // namespace

OutboxDialog::OutboxDialog(OutboxService &service, OutboxListModel &model, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_model(model)
{
    setObjectName(QStringLiteral("OutboxDialog"));
    setWindowTitle(tr("Outbox"));
    setAccessibleName(tr("Outbox"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("outboxTable"));
    m_table->setAccessibleName(tr("Messages waiting to be sent"));
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setColumnWidth(int(OutboxListModel::Column::Recipients), 170);
    m_table->setColumnWidth(int(OutboxListModel::Column::Subject), 160);
    m_table->setColumnWidth(int(OutboxListModel::Column::Account), 170);
    m_table->setColumnWidth(int(OutboxListModel::Column::State), 110);
    m_table->setColumnWidth(int(OutboxListModel::Column::NextAttempt), 120);

    m_empty = new QLabel(tr("The Outbox is empty: every message has been sent."), this);
    m_empty->setObjectName(QStringLiteral("outboxEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("outboxDetails"));
    m_details->setAccessibleName(tr("The server's reply"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("outboxError"));
    m_error->setAccessibleName(tr("Error"));
    m_error->setWordWrap(true);
    m_error->hide();

    m_resend = makeButton(tr("&Resend"), QStringLiteral("resendButton"), tr("Resend"), this);
    m_resend->setToolTip(tr("Try to send the chosen message again now"));
    m_discard = makeButton(tr("&Discard…"), QStringLiteral("discardButton"), tr("Discard"), this);
    m_discard->setToolTip(tr("Remove the chosen message from the Outbox without sending it"));
    auto *buttons = new QDialogButtonBox(this);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    buttons->addButton(m_resend, QDialogButtonBox::ActionRole);
    buttons->addButton(m_discard, QDialogButtonBox::ActionRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setText(tr("&Close"));
    m_close->setAccessibleName(tr("Close"));
    m_close->setAutoDefault(false);
    m_resend->setAutoDefault(false);
    m_discard->setAutoDefault(false);

    auto *discardKey = new QAction(tr("Discard"), m_table);
    discardKey->setObjectName(QStringLiteral("discardOutboxAction"));
    discardKey->setShortcut(QKeySequence::Delete);
    discardKey->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(discardKey);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(900, 420);

    connect(m_resend, &QPushButton::clicked, this, &OutboxDialog::resendCurrent);
    connect(m_discard, &QPushButton::clicked, this, &OutboxDialog::discardCurrent);
    connect(discardKey, &QAction::triggered, this, &OutboxDialog::discardCurrent);
    connect(m_close, &QPushButton::clicked, this, &OutboxDialog::reject);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &OutboxDialog::updateState);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_model, signal, this, &OutboxDialog::updateState);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &OutboxDialog::updateState);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &OutboxDialog::updateState);
    if (m_model.rowCount() > 0)
        m_table->setCurrentIndex(m_model.index(0, 0));
    m_table->setFocus();
    updateState();
}

QString OutboxDialog::label(int count)
{
    return count > 0 ? tr("Outbox (%1)").arg(count) : tr("Outbox");
}

qint64 OutboxDialog::currentId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(OutboxListModel::IdRole).toLongLong() : 0;
}

void OutboxDialog::updateState()
{
    const bool empty = m_model.rowCount() == 0;
    m_table->setVisible(!empty);
    m_empty->setVisible(empty);
    if (!empty && !m_table->currentIndex().isValid())
        m_table->setCurrentIndex(m_model.index(0, 0));
    const QModelIndex current = m_table->currentIndex();
    using Status = OutboxListModel::Status;
    const auto status = current.isValid() ? Status(current.data(OutboxListModel::StateRole).toInt())
                                          : Status::Sending;
    m_resend->setEnabled(current.isValid()
                         && (status == Status::Failed || status == Status::Retrying));
    m_discard->setEnabled(current.isValid() && status != Status::Sending);
    const QString words
        = current.isValid() ? current.data(OutboxListModel::LastErrorRole).toString() : QString();
    m_details->setText(words.isEmpty() ? QString() : tr("The server said: %1").arg(words));
    m_details->setVisible(!words.isEmpty());
}

void OutboxDialog::resendCurrent()
{
    const qint64 id = currentId();
    if (id <= 0 || !m_resend->isEnabled())
        return;
    m_error->hide();
    if (!m_service.resend(id)) {
        m_error->setText(tr("This message cannot be sent again now: it was sent already or "
                            "is being sent."));
        m_error->show();
    }
}

void OutboxDialog::discardCurrent()
{
    const qint64 id = currentId();
    if (id <= 0 || !m_discard->isEnabled())
        return;
    const QModelIndex current = m_table->currentIndex();
    const QString subject
        = current.siblingAtColumn(int(OutboxListModel::Column::Subject)).data().toString();
    const QString recipients
        = current.siblingAtColumn(int(OutboxListModel::Column::Recipients)).data().toString();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Discard Message"),
                                tr("Discard “%1” to %2? It will not be sent, and it is removed "
                                   "from the Outbox.")
                                    .arg(subject, recipients),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("discardOutboxQuestion"));
    box->setAccessibleName(tr("Discard Message"));
    box->setDefaultButton(QMessageBox::No);
    box->button(QMessageBox::Yes)->setObjectName(QStringLiteral("confirmDiscardButton"));
    box->button(QMessageBox::Yes)->setText(tr("&Discard"));
    box->button(QMessageBox::No)->setText(tr("&Keep"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, id](int result) {
        if (result != QMessageBox::Yes)
            return;
        QString error;
        m_error->hide();
        if (!m_service.discard(id, &error)) {
            m_error->setText(tr("The message could not be discarded: %1").arg(error));
            m_error->show();
        }
    });
    box->open();
}

void installOutboxActions(MainWindow &window, AppContext &context)
{
    auto *model = new OutboxListModel(context.store(), context.outbox(), &window);
    OutboxService *service = &context.outbox();
    auto open = std::make_shared<QPointer<OutboxDialog>>();
    auto show = [&window, model, service, open] {
        if (!*open) {
            *open = new OutboxDialog(*service, *model, &window);
            (*open)->setAttribute(Qt::WA_DeleteOnClose);
        }
        (*open)->show();
        (*open)->raise();
        (*open)->activateWindow();
    };

    MailPage *mail = window.mailPage();
    if (mail) {
        QObject::connect(mail, &MailPage::outboxRequested, &window, show);
        mail->setOutboxCount(model->rowCount());
        QObject::connect(model, &OutboxListModel::countChanged, mail, &MailPage::setOutboxCount);
    }

    ConnectivityPage *page = window.connectivityPage(PageInfo::Id::SmtpAccounts);
    auto *header = page ? page->findChild<PageHeader *>() : nullptr;
    auto *row = header ? qobject_cast<QBoxLayout *>(header->layout()) : nullptr;
    if (!row)
        return;
    auto *button = makeButton(OutboxDialog::label(model->rowCount()),
                              QStringLiteral("outboxButton"), OutboxDialog::tr("Outbox"), header);
    row->insertWidget(row->indexOf(header->actionButton()), button, 0, Qt::AlignVCenter);
    QObject::connect(button, &QPushButton::clicked, &window, show);
    QObject::connect(model, &OutboxListModel::countChanged, button,
                     [button](int count) { button->setText(OutboxDialog::label(count)); });
}

} // namespace Tributary::Ui
