#include "messagereader.h"
#include "messagestyle.h"

#include "app/services/mail/htmlsanitizer.h"
#include "app/services/mail/mailservice.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QTextDocument>
#include <QVBoxLayout>

namespace Tributary::Ui {

namespace {

// Remote images larger than this are not shown (the download is aborted).
constexpr qint64 MaxRemoteImage = qint64(8) * 1024 * 1024;

QString humanSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// A file name from a message is a suggestion only: no folders, no hidden files.
QString safeFileName(const QString &name, int index)
{
    QString base = QFileInfo(name).fileName();
    base.replace(QLatin1Char('\\'), QLatin1Char('_'));
    while (base.startsWith(QLatin1Char('.')))
        base.remove(0, 1);
    if (base.trimmed().isEmpty())
        base = QStringLiteral("attachment-%1").arg(index + 1);
    return base;
}

} // namespace

// ---- MessageBrowser ----

MessageBrowser::MessageBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setUndoRedoEnabled(false);
}

void MessageBrowser::setInlineImages(const QHash<QString, QByteArray> &images)
{
    m_inline = images;
}

void MessageBrowser::setRemoteImages(const QHash<QUrl, QImage> &images)
{
    m_remote = images;
}

QVariant MessageBrowser::loadResource(int type, const QUrl &name)
{
    // Never the base class: it would read local files for relative and file: URLs.
    const QString scheme = name.scheme().toLower();
    if (type != QTextDocument::ImageResource)
        return QVariant();
    if (scheme == QLatin1String("cid")) {
        const QString id = QUrl::fromPercentEncoding(name.path().toUtf8());
        const auto it = m_inline.constFind(id);
        if (it == m_inline.constEnd())
            return QVariant();
        const QImage image = QImage::fromData(it.value());
        return image.isNull() ? QVariant() : QVariant(image);
    }
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        const auto it = m_remote.constFind(name);
        if (it != m_remote.constEnd())
            return it.value();
        ++m_blocked;
    }
    return QVariant();
}

// ---- MessageReader ----

MessageReader::MessageReader(QWidget *parent)
    : QWidget(parent)
    , m_remoteBar(new QWidget(this))
    , m_remoteLabel(new QLabel(m_remoteBar))
    , m_loadRemote(new QPushButton(m_remoteBar))
    , m_browser(new MessageBrowser(this))
    , m_attachmentBox(new QWidget(this))
    , m_attachments(new QListWidget(m_attachmentBox))
    , m_save(new QPushButton(m_attachmentBox))
    , m_saveAll(new QPushButton(m_attachmentBox))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("messageReader"));
    m_remoteBar->setObjectName(QStringLiteral("remoteContentBar"));
    m_remoteLabel->setObjectName(QStringLiteral("remoteContentLabel"));
    m_loadRemote->setObjectName(QStringLiteral("loadRemoteContentButton"));
    m_browser->setObjectName(QStringLiteral("reader"));
    m_attachmentBox->setObjectName(QStringLiteral("attachmentBox"));
    m_attachments->setObjectName(QStringLiteral("attachmentList"));
    m_save->setObjectName(QStringLiteral("saveAttachmentButton"));
    m_saveAll->setObjectName(QStringLiteral("saveAllAttachmentsButton"));
    m_status->setObjectName(QStringLiteral("readerStatus"));

    m_remoteBar->setAttribute(Qt::WA_StyledBackground);
    m_remoteBar->setStyleSheet(QStringLiteral("#remoteContentBar { background: #fff4ce; border: "
                                              "1px solid #e8d48a; border-radius: 4px; }"));
    m_remoteLabel->setText(
        tr("Remote content in this message was blocked to protect your privacy."));
    m_remoteLabel->setWordWrap(true);
    m_loadRemote->setText(tr("Load remote content"));
    m_loadRemote->setAccessibleName(tr("Load remote content"));
    m_remoteLabel->setAccessibleName(tr("Remote content blocked"));
    auto *bar = new QHBoxLayout(m_remoteBar);
    bar->setContentsMargins(10, 6, 6, 6);
    bar->addWidget(m_remoteLabel, 1);
    bar->addWidget(m_loadRemote);
    m_remoteBar->hide();

    m_browser->setAccessibleName(tr("Message"));
    m_browser->setPlaceholderText(tr("Choose a message to read it here."));

    auto *attachmentLabel = new QLabel(tr("Attachments"), m_attachmentBox);
    attachmentLabel->setObjectName(QStringLiteral("attachmentLabel"));
    attachmentLabel->setAccessibleName(tr("Attachments"));
    m_attachments->setAccessibleName(tr("Attachments"));
    m_attachments->setMaximumHeight(96);
    m_attachments->setSelectionMode(QAbstractItemView::SingleSelection);
    m_save->setText(tr("Save…"));
    m_save->setAccessibleName(tr("Save attachment"));
    m_saveAll->setText(tr("Save All…"));
    m_saveAll->setAccessibleName(tr("Save all attachments"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(attachmentLabel);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    buttons->addWidget(m_saveAll);
    auto *box = new QVBoxLayout(m_attachmentBox);
    box->setContentsMargins(0, 0, 0, 0);
    box->addLayout(buttons);
    box->addWidget(m_attachments);
    m_attachmentBox->hide();

    m_status->setAccessibleName(tr("Status"));
    m_status->setWordWrap(true);
    m_status->hide();

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(6);
    column->addWidget(m_remoteBar);
    column->addWidget(m_browser, 1);
    column->addWidget(m_attachmentBox);
    column->addWidget(m_status);

    connect(m_loadRemote, &QPushButton::clicked, this, &MessageReader::loadRemoteContent);
    connect(m_save, &QPushButton::clicked, this, &MessageReader::saveSelectedAttachment);
    connect(m_saveAll, &QPushButton::clicked, this, &MessageReader::saveAllAttachments);
    connect(m_attachments, &QListWidget::itemActivated, this,
            &MessageReader::saveSelectedAttachment);
    // Links open only when the user clicks one, in the system's browser or mail program.
    connect(m_browser, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        if (HtmlSanitizer::isSafeLink(url))
            QDesktopServices::openUrl(url);
    });
}

MessageReader::~MessageReader() = default;

void MessageReader::setMailService(MailService *service)
{
    m_service = service;
}

void MessageReader::clear()
{
    if (m_loading)
        m_loading->cancel();
    m_loading = nullptr;
    for (QNetworkReply *reply : std::as_const(m_replies))
        reply->abort();
    m_replies.clear();
    m_pendingFetches = 0;
    m_content = MailContent();
    m_sanitized.clear();
    m_remoteUrls.clear();
    m_referencedIds.clear();
    m_remoteAllowed = false;
    m_fetched.clear();
    m_browser->setInlineImages({});
    m_browser->setRemoteImages({});
    m_browser->clear();
    m_remoteBar->hide();
    m_attachments->clear();
    m_attachmentBox->hide();
    m_status->hide();
}

void MessageReader::showSummary(const QList<QPair<QString, QString>> &lines)
{
    clear();
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    for (const auto &line : lines) {
        if (line.second.isEmpty())
            continue;
        html += QStringLiteral("<tr><td><b>") + line.first.toHtmlEscaped()
            + QStringLiteral("</b></td><td>") + line.second.toHtmlEscaped()
            + QStringLiteral("</td></tr>");
    }
    html += QStringLiteral("</table>");
    m_browser->setHtml(html);
}

void MessageReader::showMessage(qint64 messageId)
{
    clear();
    if (!m_service)
        return;
    LoadMessageJob *job = m_service->loadMessage(messageId, this);
    m_loading = job;
    connect(job, &MailJob::finished, this, [this, job] { onLoaded(job); });
}

void MessageReader::onLoaded(LoadMessageJob *job)
{
    if (job != m_loading)
        return; // another message was chosen meanwhile
    m_loading = nullptr;
    if (job->error() != MailJob::Error::NoError) {
        if (job->error() != MailJob::Error::Cancelled) {
            setStatus(job->errorString(), true);
            Q_EMIT loadFailed(job->messageId(), job->errorString());
        }
        return;
    }
    m_content = job->content();
    m_browser->setInlineImages(m_content.inlineImages);
    render();

    // Attachments: everything but the inline images the HTML shows.
    const QList<int> listed = listedAttachments();
    for (int i : listed) {
        const Mime::AttachmentInfo &a = m_content.attachments.at(i);
        auto *item = new QListWidgetItem(
            tr("%1 (%2)").arg(safeFileName(a.fileName, i), humanSize(a.size)), m_attachments);
        item->setData(Qt::UserRole, i);
        item->setToolTip(a.contentType);
    }
    if (!listed.isEmpty())
        m_attachments->setCurrentRow(0);
    m_attachmentBox->setVisible(!listed.isEmpty());
    Q_EMIT messageShown(m_content.messageId);
}

QList<int> MessageReader::listedAttachments() const
{
    QList<int> out;
    for (int i = 0; i < m_content.attachments.size(); ++i) {
        const Mime::AttachmentInfo &a = m_content.attachments.at(i);
        if (!a.contentId.isEmpty() && m_referencedIds.contains(a.contentId))
            continue;
        out.append(i);
    }
    return out;
}

void MessageReader::render()
{
    const MailContent &c = m_content;
    QString html = QStringLiteral("<table cellspacing=\"2\" style=\"margin-bottom: 8px\">");
    auto line = [&html](const QString &label, const QString &value) {
        if (value.isEmpty())
            return;
        html += QStringLiteral("<tr><td style=\"color: #555555; padding-right: 8px\">")
            + label.toHtmlEscaped() + QStringLiteral("</td><td>") + value.toHtmlEscaped()
            + QStringLiteral("</td></tr>");
    };
    line(tr("From:"), c.from);
    line(tr("To:"), c.to);
    line(tr("Cc:"), c.cc);
    line(tr("Date:"),
         c.date.isValid() ? QLocale().toString(c.date.toLocalTime(), QLocale::LongFormat)
                          : QString());
    html += QStringLiteral("</table><h3>")
        + (c.subject.isEmpty() ? tr("(no subject)") : c.subject).toHtmlEscaped()
        + QStringLiteral("</h3><hr>");

    if (!c.htmlBody.isEmpty()) {
        const HtmlSanitizer::Result safe
            = HtmlSanitizer::sanitize(c.htmlBody,
                                      m_remoteAllowed ? HtmlSanitizer::RemoteContent::Allow
                                                      : HtmlSanitizer::RemoteContent::Block);
        m_sanitized = safe.html;
        m_remoteUrls = safe.remoteUrls;
        m_referencedIds = safe.contentIds;
        html += safe.html;
    } else {
        m_sanitized.clear();
        m_remoteUrls.clear();
        m_referencedIds.clear();
        html += HtmlSanitizer::textToHtml(c.textBody);
    }
    m_remoteBar->setVisible(!m_remoteUrls.isEmpty() && !m_remoteAllowed);
    m_browser->setRemoteImages(m_fetched);
    m_browser->setHtml(html);
}

void MessageReader::loadRemoteContent()
{
    if (m_content.messageId == 0 || m_remoteAllowed)
        return;
    m_remoteAllowed = true;
    m_remoteBar->hide();
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    const QList<QUrl> urls = m_remoteUrls;
    m_pendingFetches = int(urls.size());
    for (const QUrl &url : urls) {
        QNetworkRequest request(url);
        request.setTransferTimeout(20000);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        QNetworkReply *reply = m_network->get(request);
        m_replies.append(reply);
        connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
            if (received > MaxRemoteImage)
                reply->abort();
        });
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onRemoteReply(reply); });
    }
    if (urls.isEmpty())
        Q_EMIT remoteContentLoaded(m_content.messageId);
}

void MessageReader::onRemoteReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (!m_replies.removeOne(reply))
        return; // from a message no longer shown
    if (reply->error() == QNetworkReply::NoError) {
        const QImage image = QImage::fromData(reply->readAll());
        if (!image.isNull())
            m_fetched.insert(reply->request().url(), image);
    }
    if (--m_pendingFetches > 0)
        return;
    // All answered: show them (the scroll position goes back to the top, as on a reload).
    render();
    Q_EMIT remoteContentLoaded(m_content.messageId);
}

void MessageReader::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? Ui::errorTextStyle(m_status) : QString());
    m_status->setVisible(!text.isEmpty());
}

void MessageReader::saveSelectedAttachment()
{
    QListWidgetItem *item = m_attachments->currentItem();
    if (!item || !m_service)
        return;
    const int index = item->data(Qt::UserRole).toInt();
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)
        + QLatin1Char('/') + safeFileName(m_content.attachments.value(index).fileName, index);
    auto *dialog = new QFileDialog(this, tr("Save Attachment"), suggested);
    dialog->setObjectName(QStringLiteral("saveAttachmentDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->selectFile(suggested);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, index](const QString &file) {
        if (!file.isEmpty())
            startSave({{index, file}});
    });
    dialog->open();
}

void MessageReader::saveAllAttachments()
{
    if (!m_service || m_attachments->count() == 0)
        return;
    auto *dialog
        = new QFileDialog(this, tr("Save All Attachments to Folder"),
                          QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    dialog->setObjectName(QStringLiteral("saveAllAttachmentsDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &dir) {
        if (dir.isEmpty())
            return;
        QList<QPair<int, QString>> targets;
        QSet<QString> used;
        for (int row = 0; row < m_attachments->count(); ++row) {
            const int index = m_attachments->item(row)->data(Qt::UserRole).toInt();
            const QString name = safeFileName(m_content.attachments.value(index).fileName, index);
            QString unique = name;
            for (int n = 2;
                 used.contains(unique) || QFileInfo::exists(dir + QLatin1Char('/') + unique); ++n) {
                const QFileInfo info(name);
                unique = info.completeBaseName() + QStringLiteral(" (%1)").arg(n)
                    + (info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix());
            }
            used.insert(unique);
            targets.append({index, dir + QLatin1Char('/') + unique});
        }
        startSave(targets);
    });
    dialog->open();
}

void MessageReader::startSave(const QList<QPair<int, QString>> &targets)
{
    if (!m_service)
        return;
    setStatus(tr("Saving…"), false);
    SaveAttachmentsJob *job = m_service->saveAttachments(m_content.messageId, targets, this);
    connect(job, &MailJob::finished, this, [this, job] {
        if (job->error() == MailJob::Error::NoError) {
            const QStringList files = job->savedFiles();
            setStatus(files.size() == 1
                          ? tr("Saved %1.").arg(QDir::toNativeSeparators(files.first()))
                          : tr("Saved %n attachments.", nullptr, int(files.size())),
                      false);
            Q_EMIT attachmentsSaved(files);
        } else {
            setStatus(job->errorString(), true);
            Q_EMIT attachmentsSaveFailed(job->errorString());
        }
    });
}

} // namespace Tributary::Ui
