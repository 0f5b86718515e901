#include "composerdialog.h"
#include "messagestyle.h"

#include "mainwindow.h"

#include "app/services/appcontext.h"
#include "app/services/outbox/addresslist.h"
#include "app/services/outbox/outboxservice.h"
#include "connectors/mime/messagebuilder.h"
#include "connectors/mime/mimemessage.h"
#include "models/store.h"

#include <QAction>
#include <QBuffer>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPushButton>
#include <QSet>
#include <QTextEdit>
#include <QThreadPool>
#include <QVBoxLayout>

namespace Tributary::Ui {

namespace {

enum AttachmentRole { PathRole = Qt::UserRole + 1, SizeRole, ForwardedIndexRole };

QString displayList(const QList<Mime::Address> &addresses)
{
    QStringList parts;
    for (const Mime::Address &a : addresses) {
        if (a.name.isEmpty()) {
            parts.append(a.address);
        } else {
            QString name = a.name;
            // Names with separators are quoted so the field parses back the same.
            if (name.contains(QLatin1Char(',')) || name.contains(QLatin1Char(';'))
                || name.contains(QLatin1Char('"')))
                name = QLatin1Char('"') + name.replace(QLatin1Char('"'), QStringLiteral("\\\""))
                    + QLatin1Char('"');
            parts.append(name + QStringLiteral(" <") + a.address + QLatin1Char('>'));
        }
    }
    return parts.join(QStringLiteral(", "));
}

bool hasPrefix(const QString &subject, const QStringList &prefixes)
{
    const QString s = subject.trimmed();
    for (const QString &p : prefixes) {
        if (s.startsWith(p, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

void markField(QLineEdit *edit, bool invalid)
{
    edit->setProperty("invalid", invalid);
    edit->setStyleSheet(invalid ? QStringLiteral("QLineEdit { border: 2px solid #c62828; }")
                                : QString());
}

} // namespace

ComposerDialog::ComposerDialog(Store &store, OutboxService &outbox, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_outbox(&outbox)
    , m_from(new QComboBox(this))
    , m_noAccount(new QLabel(this))
    , m_to(new QLineEdit(this))
    , m_cc(new QLineEdit(this))
    , m_bcc(new QLineEdit(this))
    , m_subject(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_body(new QTextEdit(this))
    , m_attachments(new QListWidget(this))
    , m_addAttachment(new QPushButton(tr("&Attach…"), this))
    , m_removeAttachment(new QPushButton(tr("&Remove"), this))
    , m_attachmentWarning(new QLabel(this))
    , m_validation(new QLabel(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("composerDialog"));
    setAccessibleName(tr("Compose message"));
    setWindowTitle(tr("New Message"));
    setAcceptDrops(true);

    m_from->setObjectName(QStringLiteral("fromCombo"));
    m_from->setAccessibleName(tr("From"));
    m_noAccount->setObjectName(QStringLiteral("noAccountLabel"));
    m_noAccount->setAccessibleName(tr("No SMTP account"));
    m_noAccount->setWordWrap(true);
    m_noAccount->setText(tr("There is no SMTP account to send from yet. Add one on the SMTP "
                            "Accounts page (New SMTP Account), then write your message again."));
    const struct
    {
        QLineEdit *edit;
        const char *name;
        QString accessible;
    } fields[] = {{m_to, "toEdit", tr("To")},
                  {m_cc, "ccEdit", tr("Cc")},
                  {m_bcc, "bccEdit", tr("Bcc")},
                  {m_subject, "subjectEdit", tr("Subject")}};
    for (const auto &f : fields) {
        f.edit->setObjectName(QString::fromLatin1(f.name));
        f.edit->setAccessibleName(f.accessible);
    }
    const QString hint = tr("Name <address>, separated by commas");
    m_to->setPlaceholderText(hint);
    m_cc->setPlaceholderText(hint);
    m_bcc->setPlaceholderText(hint);

    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_format->setAccessibleName(tr("Text format"));
    m_format->addItem(tr("Rich text"), true);
    m_format->addItem(tr("Plain text"), false);
    m_body->setObjectName(QStringLiteral("bodyEdit"));
    m_body->setAccessibleName(tr("Message text"));
    m_body->setMinimumHeight(200);

    m_attachments->setObjectName(QStringLiteral("attachmentList"));
    m_attachments->setAccessibleName(tr("Attachments"));
    m_attachments->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_attachments->setMaximumHeight(90);
    m_addAttachment->setObjectName(QStringLiteral("addAttachmentButton"));
    m_addAttachment->setAccessibleName(tr("Attach files"));
    m_removeAttachment->setObjectName(QStringLiteral("removeAttachmentButton"));
    m_removeAttachment->setAccessibleName(tr("Remove attachment"));
    m_attachmentWarning->setObjectName(QStringLiteral("attachmentWarningLabel"));
    m_attachmentWarning->setAccessibleName(tr("Attachment size warning"));
    m_attachmentWarning->setWordWrap(true);
    m_attachmentWarning->setStyleSheet(Ui::warningTextStyle(m_attachmentWarning));
    m_attachmentWarning->hide();
    m_validation->setObjectName(QStringLiteral("validationLabel"));
    m_validation->setAccessibleName(tr("Problems"));
    m_validation->setWordWrap(true);
    m_validation->setStyleSheet(Ui::errorTextStyle(m_validation));
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setAccessibleName(tr("Status"));
    m_status->setWordWrap(true);
    m_status->hide();

    m_send = m_buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setAccessibleName(tr("Send"));
    m_send->setToolTip(tr("Send (Ctrl+Return)"));
    QPushButton *cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setAccessibleName(tr("Cancel"));
    m_buttons->setObjectName(QStringLiteral("buttonBox"));

    auto *form = new QFormLayout;
    form->setObjectName(QStringLiteral("composerForm"));
    auto label = [](const QString &text, QWidget *buddy, const char *name) {
        auto *l = new QLabel(text);
        l->setObjectName(QString::fromLatin1(name));
        l->setBuddy(buddy);
        return l;
    };
    form->addRow(label(tr("&From:"), m_from, "fromLabel"), m_from);
    form->addRow(m_noAccount);
    form->addRow(label(tr("&To:"), m_to, "toLabel"), m_to);
    form->addRow(label(tr("&Cc:"), m_cc, "ccLabel"), m_cc);
    form->addRow(label(tr("&Bcc:"), m_bcc, "bccLabel"), m_bcc);
    form->addRow(label(tr("S&ubject:"), m_subject, "subjectLabel"), m_subject);
    form->addRow(label(tr("F&ormat:"), m_format, "formatLabel"), m_format);

    auto *attachmentButtons = new QVBoxLayout;
    attachmentButtons->addWidget(m_addAttachment);
    attachmentButtons->addWidget(m_removeAttachment);
    attachmentButtons->addStretch();
    auto *attachmentRow = new QHBoxLayout;
    attachmentRow->addWidget(m_attachments, 1);
    attachmentRow->addLayout(attachmentButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_body, 1);
    layout->addLayout(attachmentRow);
    layout->addWidget(m_attachmentWarning);
    layout->addWidget(m_validation);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(680, 560);

    for (QWidget *w : std::initializer_list<QWidget *> {m_body, m_to, m_cc, m_bcc, m_subject})
        w->installEventFilter(this);
    connect(m_send, &QPushButton::clicked, this, &ComposerDialog::send);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_addAttachment, &QPushButton::clicked, this, &ComposerDialog::chooseAttachments);
    connect(m_removeAttachment, &QPushButton::clicked, this,
            &ComposerDialog::removeSelectedAttachments);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ComposerDialog::onFormatChanged);
    for (QLineEdit *edit : {m_to, m_cc, m_bcc})
        connect(edit, &QLineEdit::textChanged, this, &ComposerDialog::validate);
    connect(m_from, &QComboBox::currentIndexChanged, this, &ComposerDialog::validate);
    connect(m_attachments, &QListWidget::itemSelectionChanged, this,
            [this] { m_removeAttachment->setEnabled(!m_attachments->selectedItems().isEmpty()); });
    m_removeAttachment->setEnabled(false);

    reloadAccounts();
    validate();
}

ComposerDialog::~ComposerDialog() = default;

bool ComposerDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter && (key->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier) {
            send(); // does nothing while the fields are not valid
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ComposerDialog::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        // Return alone in a field is no Send (QDialog would press the default button).
        if ((event->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier)
            send();
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

void ComposerDialog::reloadAccounts()
{
    m_from->clear();
    const QList<SmtpAccount> accounts = m_store.smtpAccounts();
    for (const SmtpAccount &a : accounts) {
        const QString text = a.displayName.isEmpty()
            ? a.email
            : QString(a.displayName + QStringLiteral(" <") + a.email + QLatin1Char('>'));
        m_from->addItem(text, a.uuid);
    }
    m_from->setEnabled(!accounts.isEmpty());
    m_noAccount->setVisible(accounts.isEmpty());
}

bool ComposerDialog::selectAccount(const QUuid &account)
{
    const int index = m_from->findData(account);
    if (index < 0)
        return false;
    m_from->setCurrentIndex(index);
    return true;
}

QUuid ComposerDialog::selectedAccount() const
{
    return m_from->currentData().toUuid();
}

void ComposerDialog::setRecipients(const QString &to, const QString &cc, const QString &bcc)
{
    m_to->setText(to);
    m_cc->setText(cc);
    m_bcc->setText(bcc);
}

void ComposerDialog::setSubject(const QString &subject)
{
    m_subject->setText(subject);
}

void ComposerDialog::setPlainText(const QString &text)
{
    m_body->setPlainText(text);
}

void ComposerDialog::setRichText(bool rich)
{
    m_format->setCurrentIndex(rich ? 0 : 1);
}

bool ComposerDialog::isRichText() const
{
    return m_format->currentData().toBool();
}

void ComposerDialog::onFormatChanged()
{
    const bool rich = isRichText();
    m_body->setAcceptRichText(rich);
    if (!rich) {
        // Plain text: the formatting goes, the words stay.
        const QString text = m_body->toPlainText();
        m_body->setPlainText(text);
    }
}

void ComposerDialog::setLargeAttachmentLimit(qint64 bytes)
{
    m_largeLimit = bytes;
    updateAttachmentWarning();
}

void ComposerDialog::addAttachment(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return;
    auto *item = new QListWidgetItem(
        tr("%1 (%2)").arg(info.fileName(), QLocale().formattedDataSize(info.size())),
        m_attachments);
    item->setData(PathRole, info.absoluteFilePath());
    item->setData(SizeRole, info.size());
    item->setToolTip(info.absoluteFilePath());
    updateAttachmentWarning();
}

void ComposerDialog::addForwardedPart(const ForwardedPart &part)
{
    m_forwarded.append(part);
    auto *item = new QListWidgetItem(
        tr("%1 (%2)").arg(part.fileName, QLocale().formattedDataSize(part.data.size())),
        m_attachments);
    item->setData(ForwardedIndexRole, int(m_forwarded.size() - 1));
    item->setData(SizeRole, qint64(part.data.size()));
    updateAttachmentWarning();
}

QStringList ComposerDialog::attachmentPaths() const
{
    QStringList paths;
    for (int i = 0; i < m_attachments->count(); ++i) {
        const QString path = m_attachments->item(i)->data(PathRole).toString();
        if (!path.isEmpty())
            paths.append(path);
    }
    return paths;
}

void ComposerDialog::chooseAttachments()
{
    auto *dialog = new QFileDialog(this, tr("Attach Files"));
    dialog->setObjectName(QStringLiteral("attachFileDialog"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList &files) {
        for (const QString &file : files)
            addAttachment(file);
    });
    dialog->open();
}

void ComposerDialog::removeSelectedAttachments()
{
    const QList<QListWidgetItem *> selected = m_attachments->selectedItems();
    for (QListWidgetItem *item : selected)
        delete item; // forwarded parts stay in m_forwarded but are no longer listed
    updateAttachmentWarning();
}

void ComposerDialog::updateAttachmentWarning()
{
    qint64 total = 0;
    for (int i = 0; i < m_attachments->count(); ++i)
        total += m_attachments->item(i)->data(SizeRole).toLongLong();
    const bool large = total > m_largeLimit;
    m_attachmentWarning->setVisible(large);
    if (large)
        m_attachmentWarning->setText(
            tr("The attachments add up to %1. Many mail servers refuse messages larger than "
               "%2; consider sharing big files as a cloud link instead.")
                .arg(QLocale().formattedDataSize(total),
                     QLocale().formattedDataSize(m_largeLimit)));
}

void ComposerDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void ComposerDialog::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            addAttachment(url.toLocalFile());
    }
    event->acceptProposedAction();
}

QString ComposerDialog::validationMessage() const
{
    if (m_from->count() == 0)
        return tr("Add an SMTP account to send from.");
    QStringList problems;
    const struct
    {
        const QLineEdit *edit;
        QString field;
    } fields[] = {{m_to, tr("To")}, {m_cc, tr("Cc")}, {m_bcc, tr("Bcc")}};
    bool anyRecipient = false;
    for (const auto &f : fields) {
        const AddressList list = AddressList::parse(f.edit->text());
        anyRecipient = anyRecipient || !list.addresses.isEmpty();
        for (const QString &bad : list.invalid)
            problems.append(tr("%1: “%2” is not an email address.").arg(f.field, bad));
    }
    if (!problems.isEmpty())
        return problems.join(QLatin1Char('\n'));
    if (!anyRecipient)
        return tr("Add at least one recipient.");
    return QString();
}

bool ComposerDialog::canSend() const
{
    return !m_building && validationMessage().isEmpty();
}

void ComposerDialog::validate()
{
    for (QLineEdit *edit : {m_to, m_cc, m_bcc})
        markField(edit, !AddressList::parse(edit->text()).isValid());
    const QString problem = validationMessage();
    // "Add a recipient" is no error while the fields are still empty.
    const bool untouched = m_to->text().trimmed().isEmpty() && m_cc->text().trimmed().isEmpty()
        && m_bcc->text().trimmed().isEmpty() && m_from->count() > 0;
    m_validation->setText(untouched ? QString() : problem);
    m_validation->setVisible(!untouched && !problem.isEmpty());
    m_send->setEnabled(!m_building && problem.isEmpty());
}

void ComposerDialog::send()
{
    if (!canSend() || !m_outbox)
        return;
    const QUuid accountId = selectedAccount();
    const std::optional<SmtpAccount> account = m_store.smtpAccount(accountId);
    if (!account) {
        reloadAccounts();
        validate();
        return;
    }
    Mime::MessageBuilder builder;
    builder.setFrom({account->displayName, account->email});
    builder.setTo(AddressList::parse(m_to->text()).addresses);
    builder.setCc(AddressList::parse(m_cc->text()).addresses);
    builder.setBcc(AddressList::parse(m_bcc->text()).addresses);
    builder.setSubject(m_subject->text());
    builder.setMessageIdDomain(
        account->email.mid(account->email.lastIndexOf(QLatin1Char('@')) + 1));
    builder.addHeader("X-Mailer", QStringLiteral("Tributary"));
    builder.setTextBody(m_body->toPlainText());
    if (isRichText())
        builder.setHtmlBody(m_body->toHtml());
    if (m_isReply)
        builder.setReplyHeaders(m_original);
    QMimeDatabase types;
    for (int i = 0; i < m_attachments->count(); ++i) {
        const QListWidgetItem *item = m_attachments->item(i);
        const QString path = item->data(PathRole).toString();
        if (!path.isEmpty()) {
            builder.addAttachmentFile(path, types.mimeTypeForFile(path).name());
            continue;
        }
        const QVariant forwarded = item->data(ForwardedIndexRole);
        if (forwarded.isValid()) {
            const ForwardedPart &part = m_forwarded.at(forwarded.toInt());
            builder.addAttachmentData(part.data, part.fileName, part.contentType);
        }
    }

    m_building = true;
    m_send->setEnabled(false);
    m_status->setText(tr("Preparing the message…"));
    m_status->show();
    // Attachments are read and encoded off the GUI thread.
    QPointer<ComposerDialog> self(this);
    QThreadPool::globalInstance()->start([builder, self] {
        QString error;
        const QByteArray message = builder.toByteArray(&error);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, message, error] {
                if (self)
                    self->onBuilt(message, error);
            },
            Qt::QueuedConnection);
    });
}

void ComposerDialog::onBuilt(const QByteArray &message, const QString &error)
{
    m_building = false;
    if (message.isEmpty() || !m_outbox) {
        m_status->setText(tr("The message could not be prepared: %1").arg(error));
        validate();
        return;
    }
    OutboxService::Envelope envelope;
    envelope.recipients = AddressList::parse(m_to->text()).addrSpecs()
        + AddressList::parse(m_cc->text()).addrSpecs()
        + AddressList::parse(m_bcc->text()).addrSpecs();
    envelope.subject = m_subject->text();
    QString enqueueError;
    const qint64 id = m_outbox->enqueue(selectedAccount(), message, envelope, &enqueueError);
    if (id <= 0) {
        m_status->setText(enqueueError);
        validate();
        return;
    }
    Q_EMIT queued(id, envelope.subject);
    accept();
}

QString ComposerDialog::replySubject(const QString &subject)
{
    if (hasPrefix(subject, {QStringLiteral("Re:"), QStringLiteral("Aw:")}))
        return subject.trimmed();
    return QStringLiteral("Re: ") + subject.trimmed();
}

QString ComposerDialog::forwardSubject(const QString &subject)
{
    if (hasPrefix(subject, {QStringLiteral("Fwd:"), QStringLiteral("Fw:")}))
        return subject.trimmed();
    return QStringLiteral("Fwd: ") + subject.trimmed();
}

bool ComposerDialog::prefill(ComposeMode mode, qint64 messageId)
{
    if (mode == ComposeMode::New)
        return true;
    std::unique_ptr<QIODevice> file = m_store.openMessage(messageId);
    if (!file) {
        m_status->setText(tr("The original message could not be read."));
        m_status->show();
        return false;
    }
    const Mime::Message original = Mime::Message::fromDevice(file.get());
    const Mime::MessageHeaders h = original.headers();

    // The user's own addresses: every SMTP account's.
    QSet<QString> own;
    const QList<SmtpAccount> accounts = m_store.smtpAccounts();
    for (const SmtpAccount &a : accounts)
        own.insert(a.email.toLower());
    // From: the account the original was sent to.
    for (const Mime::Address &a : h.to + h.cc + h.bcc) {
        bool found = false;
        for (const SmtpAccount &account : accounts) {
            if (account.email.compare(a.address, Qt::CaseInsensitive) == 0) {
                selectAccount(account.uuid);
                found = true;
                break;
            }
        }
        if (found)
            break;
    }

    const QString fromText = displayList(h.from);
    const QString date
        = h.date.isValid() ? QLocale().toString(h.date, QLocale::LongFormat) : QString();
    const QString text = original.textBody();

    if (mode == ComposeMode::Forward) {
        setWindowTitle(tr("Forward"));
        m_subject->setText(forwardSubject(h.subject));
        QString body = QStringLiteral("\n\n") + tr("---------- Forwarded message ----------")
            + QLatin1Char('\n') + tr("From: %1").arg(fromText) + QLatin1Char('\n')
            + tr("Date: %1").arg(date) + QLatin1Char('\n') + tr("Subject: %1").arg(h.subject)
            + QLatin1Char('\n') + tr("To: %1").arg(displayList(h.to)) + QStringLiteral("\n\n")
            + text;
        m_body->setPlainText(body);
        const QList<Mime::AttachmentInfo> parts = original.attachments();
        for (int i = 0; i < parts.size(); ++i) {
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            if (!original.saveAttachment(i, &buffer))
                continue;
            addForwardedPart({parts.at(i).fileName.isEmpty() ? tr("attachment-%1").arg(i + 1)
                                                             : parts.at(i).fileName,
                              parts.at(i).contentType, buffer.data()});
        }
        m_body->moveCursor(QTextCursor::Start);
        validate();
        return true;
    }

    setWindowTitle(mode == ComposeMode::ReplyAll ? tr("Reply All") : tr("Reply"));
    m_isReply = true;
    m_original = h;
    m_subject->setText(replySubject(h.subject));
    QList<Mime::Address> to = h.replyTo.isEmpty() ? h.from : h.replyTo;
    QList<Mime::Address> cc;
    if (mode == ComposeMode::ReplyAll) {
        QSet<QString> seen;
        auto keep = [&own, &seen](const Mime::Address &a) {
            const QString key = a.address.toLower();
            if (key.isEmpty() || own.contains(key) || seen.contains(key))
                return false;
            seen.insert(key);
            return true;
        };
        QList<Mime::Address> allTo;
        for (const Mime::Address &a : to + h.to) {
            if (keep(a))
                allTo.append(a);
        }
        for (const Mime::Address &a : h.cc) {
            if (keep(a))
                cc.append(a);
        }
        // Replying to one's own message: keep its recipients rather than nobody.
        to = allTo;
    }
    m_to->setText(displayList(to));
    m_cc->setText(displayList(cc));

    QStringList quoted;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines)
        quoted.append(line.startsWith(QLatin1Char('>')) ? QString(QLatin1Char('>') + line)
                                                        : QString(QStringLiteral("> ") + line));
    const QString intro = date.isEmpty() ? tr("%1 wrote:").arg(fromText)
                                         : tr("On %1, %2 wrote:").arg(date, fromText);
    setRichText(false);
    m_body->setPlainText(QStringLiteral("\n\n") + intro + QLatin1Char('\n')
                         + quoted.join(QLatin1Char('\n')));
    m_body->moveCursor(QTextCursor::Start);
    validate();
    return true;
}

ComposerDialog *openComposer(MainWindow &window, AppContext &context, ComposeMode mode,
                             qint64 messageId)
{
    auto *dialog = new ComposerDialog(context.store(), context.outbox(), &window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->prefill(mode, messageId);
    QPointer<MainWindow> w(&window);
    QObject::connect(dialog, &ComposerDialog::queued, &window, [w](qint64, const QString &subject) {
        if (w)
            w->notify(ComposerDialog::tr("Sending…"),
                      subject.isEmpty() ? ComposerDialog::tr("(no subject)") : subject);
    });
    dialog->show();
    return dialog;
}

void installComposerActions(MainWindow &window, AppContext &context)
{
    auto *action = new QAction(ComposerDialog::tr("&New Message"), &window);
    action->setObjectName(QStringLiteral("newMessageAction"));
    action->setShortcut(QKeySequence::New);
    window.addAction(action);
    QObject::connect(action, &QAction::triggered, &window,
                     [&window, &context] { openComposer(window, context, ComposeMode::New); });
    OutboxService &outbox = context.outbox();
    Store *store = &context.store();
    QObject::connect(&outbox, &OutboxService::sent, &window,
                     [&window, store](qint64 id, const QStringList &refused) {
                         const std::optional<OutboxEntry> e = store->outboxEntry(id);
                         const QString subject = e ? e->subject : QString();
                         if (refused.isEmpty())
                             window.notify(ComposerDialog::tr("Sent"), subject, Severity::Success);
                         else
                             window.notify(
                                 ComposerDialog::tr("Sent, but some recipients were refused"),
                                 refused.join(QLatin1Char('\n')), Severity::Warning);
                     });
    QObject::connect(&outbox, &OutboxService::deferred, &window,
                     [&window](qint64, const QString &message, const QDateTime &next) {
                         window.notify(ComposerDialog::tr("Not sent yet"),
                                       ComposerDialog::tr("%1 It is tried again at %2.")
                                           .arg(message,
                                                QLocale().toString(next.toLocalTime().time(),
                                                                   QLocale::ShortFormat)),
                                       Severity::Warning);
                     });
    outbox.start();
}

} // namespace Tributary::Ui
