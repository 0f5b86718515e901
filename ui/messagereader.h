#pragma once

#include "app/services/mail/mailjobs.h"

#include <QHash>
#include <QImage>
#include <QPointer>
#include <QTextBrowser>
#include <QUrl>
#include <QWidget>

class QLabel;
class QListWidget;
class QNetworkAccessManager;
class QNetworkReply;
class QPushButton;

namespace Tributary {
class MailService;
}

namespace Tributary::Ui {

// The text view of the reader. Resources come only from the reader: cid: images of the
// message's own parts, and http/https images the user allowed and the reader fetched. It
// never loads anything else (no files, no relative paths, no network of its own) and it has
// no script engine. Links are never followed by the view (openLinks is off).
class MessageBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit MessageBrowser(QWidget *parent = nullptr);

    void setInlineImages(const QHash<QString, QByteArray> &images);
    void setRemoteImages(const QHash<QUrl, QImage> &images);
    // Remote images the document asked for that were not served (blocked or not fetched).
    int blockedRequests() const { return m_blocked; }

    QVariant loadResource(int type, const QUrl &name) override;

private:
    QHash<QString, QByteArray> m_inline;
    QHash<QUrl, QImage> m_remote;
    int m_blocked = 0;
};

// Shows one stored message: From/To/Cc/Date/Subject, the body (text/plain as text with
// links; text/html through HtmlSanitizer), a bar saying remote content was blocked with a
// "Load remote content" button (for this message only), and the attachments with "Save…" and
// "Save All…". Loading, saving and fetching never block the GUI thread: the message is read
// by a LoadMessageJob, attachments are written by a SaveAttachmentsJob, and remote images
// are fetched with a QNetworkAccessManager only after the user's click.
//
// Links open in the system browser (QDesktopServices) when the user clicks them, and only
// http, https and mailto.
class MessageReader : public QWidget
{
    Q_OBJECT
public:
    explicit MessageReader(QWidget *parent = nullptr);
    ~MessageReader() override;

    // Not owned; must outlive the reader. Without a service the reader only shows what
    // showSummary() gives it.
    void setMailService(MailService *service);

    // Loads and shows the message (asynchronously; messageShown() follows).
    void showMessage(qint64 messageId);
    // Shows header lines without a body (no service, or a model without stored messages).
    void showSummary(const QList<QPair<QString, QString>> &lines);
    void clear();
    qint64 messageId() const { return m_content.messageId; }
    const MailContent &content() const { return m_content; }

    MessageBrowser *browser() const { return m_browser; }
    QWidget *remoteContentBar() const { return m_remoteBar; }
    QPushButton *loadRemoteButton() const { return m_loadRemote; }
    QListWidget *attachmentList() const { return m_attachments; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *saveAllButton() const { return m_saveAll; }
    QLabel *statusLabel() const { return m_status; }
    // The sanitized HTML of the body as last rendered (empty for text/plain).
    QString sanitizedHtml() const { return m_sanitized; }
    bool remoteContentAllowed() const { return m_remoteAllowed; }

public Q_SLOTS:
    // Fetches the blocked remote images of the current message and shows them.
    void loadRemoteContent();
    // Ask for a file name (or folder) and save the selected / every attachment.
    void saveSelectedAttachment();
    void saveAllAttachments();

Q_SIGNALS:
    void messageShown(qint64 messageId);
    void loadFailed(qint64 messageId, const QString &message);
    void remoteContentLoaded(qint64 messageId);
    // After a save job: the files written, or the error in words.
    void attachmentsSaved(const QStringList &files);
    void attachmentsSaveFailed(const QString &message);

private:
    void render();
    void onLoaded(LoadMessageJob *job);
    void onRemoteReply(QNetworkReply *reply);
    void startSave(const QList<QPair<int, QString>> &targets);
    void setStatus(const QString &text, bool error);
    QList<int> listedAttachments() const;

    QPointer<MailService> m_service;
    QPointer<LoadMessageJob> m_loading;
    QWidget *m_remoteBar;
    QLabel *m_remoteLabel;
    QPushButton *m_loadRemote;
    MessageBrowser *m_browser;
    QWidget *m_attachmentBox;
    QListWidget *m_attachments;
    QPushButton *m_save;
    QPushButton *m_saveAll;
    QLabel *m_status;
    QNetworkAccessManager *m_network = nullptr;

    MailContent m_content;
    QString m_sanitized;
    QList<QUrl> m_remoteUrls;
    QStringList m_referencedIds;
    bool m_remoteAllowed = false;
    int m_pendingFetches = 0;
    QHash<QUrl, QImage> m_fetched;
    QList<QNetworkReply *> m_replies;
};

} // namespace Tributary::Ui
