#pragma once

#include "composemode.h"

#include "connectors/mime/mimeheaders.h"

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUuid>

class QComboBox;
class QDialogButtonBox;
class QKeyEvent;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTextEdit;

namespace Tributary {
class AppContext;
class OutboxService;
class Store;
} // namespace Tributary

namespace Tributary::Ui {

class MainWindow;

// The composer: From (one of the SMTP accounts, "Display Name <address>"), To, Cc, Bcc,
// Subject, a rich or plain text body, attachments (Add…, drag and drop, Remove). Send (the
// button, or Ctrl+Return in the body and the text fields) builds the message (MIME: text/plain, or
// multipart/alternative with a plain part for rich text; multipart/mixed with attachments) off the
// GUI thread, hands it to the OutboxService and closes; queued(id) tells the owner, which shows
// "Sending…" and later the outcome. Send is enabled only while every address field is valid and
// there is a recipient and an account; invalid entries are highlighted and named under the fields.
//
// prefill() starts from a stored message: Reply / Reply All (In-Reply-To and References,
// "Re: " not doubled, the quoted text, reply-all recipients without the user's own addresses),
// Forward ("Fwd: ", the original's attachments kept). The From account is the one whose
// address the original was sent to.
//
// Store and outbox must outlive the dialog. Every widget has an objectName.
class ComposerDialog : public QDialog
{
    Q_OBJECT
public:
    ComposerDialog(Store &store, OutboxService &outbox, QWidget *parent = nullptr);
    ~ComposerDialog() override;

    // Fills the composer from the stored message `messageId`; false (and a message in the
    // dialog) when the message cannot be read. New ignores the id.
    bool prefill(ComposeMode mode, qint64 messageId);

    void setRecipients(const QString &to, const QString &cc = QString(),
                       const QString &bcc = QString());
    void setSubject(const QString &subject);
    void setPlainText(const QString &text);
    void setRichText(bool rich);
    bool isRichText() const;
    void addAttachment(const QString &path);
    QStringList attachmentPaths() const;
    // Selects the account by uuid; false when it is not in the list.
    bool selectAccount(const QUuid &account);
    QUuid selectedAccount() const;

    bool canSend() const;
    // What is wrong with the fields now (empty when Send is possible).
    QString validationMessage() const;

    // Attachments above this size (bytes, all together) show a warning (default 10 MB).
    void setLargeAttachmentLimit(qint64 bytes);

    // "Re: subject" / "Fwd: subject", without doubling an existing prefix.
    static QString replySubject(const QString &subject);
    static QString forwardSubject(const QString &subject);

public Q_SLOTS:
    void send();

Q_SIGNALS:
    // The message is in the Outbox (row id); the dialog closes right after.
    void queued(qint64 id, const QString &subject);

protected:
    // Ctrl+Return / Ctrl+Enter in the text fields sends: the body (a QTextEdit would take the
    // key as a new paragraph) and the address and subject lines.
    bool eventFilter(QObject *watched, QEvent *event) override;
    // Return / Enter alone does not send (no default button); with Ctrl it does.
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct ForwardedPart
    {
        QString fileName;
        QString contentType;
        QByteArray data;
    };
    void reloadAccounts();
    void validate();
    void updateAttachmentWarning();
    void chooseAttachments();
    void removeSelectedAttachments();
    void onFormatChanged();
    void onBuilt(const QByteArray &message, const QString &error);
    void addForwardedPart(const ForwardedPart &part);

    Store &m_store;
    QPointer<OutboxService> m_outbox;
    QComboBox *m_from;
    QLabel *m_noAccount;
    QLineEdit *m_to;
    QLineEdit *m_cc;
    QLineEdit *m_bcc;
    QLineEdit *m_subject;
    QComboBox *m_format;
    QTextEdit *m_body;
    QListWidget *m_attachments;
    QPushButton *m_addAttachment;
    QPushButton *m_removeAttachment;
    QLabel *m_attachmentWarning;
    QLabel *m_validation;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_send;
    qint64 m_largeLimit = qint64(10) * 1024 * 1024;
    bool m_building = false;
    Mime::MessageHeaders m_original; // reply threading
    bool m_isReply = false;
    QList<ForwardedPart> m_forwarded;
};

// Wires the composer into the main window: a "New Message" action (Ctrl+N) on the window,
// the outcome of every Outbox message as a toast ("Sending…", "Sent", not
// sent yet; permanent failures arrive through the activity log's error notifications), and
// the Outbox started so messages left queued by an earlier run are sent.
void installComposerActions(MainWindow &window, AppContext &context);

// Opens a composer (deleted on close) over the context, prefilled for `mode`.
ComposerDialog *openComposer(MainWindow &window, AppContext &context, ComposeMode mode,
                             qint64 messageId = 0);

} // namespace Tributary::Ui
