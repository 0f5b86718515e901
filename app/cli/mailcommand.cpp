#include "command.h"

#include "app/services/appcontext.h"
#include "app/services/mail/mailservice.h"
#include "connectors/mime/mimemessage.h"
#include "models/messagelistmodel.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaEnum>
#include <QRegularExpression>

namespace Tributary::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tributary-cli", text);
}

const QString kFolder = QStringLiteral("folder");
const QString kLimit = QStringLiteral("limit");
const QString kRaw = QStringLiteral("raw");
const QString kTo = QStringLiteral("to");

QStringList flagNames(int flags)
{
    QStringList names;
    if (flags & MessageRecord::Seen)
        names << QStringLiteral("seen");
    if (flags & MessageRecord::Answered)
        names << QStringLiteral("answered");
    if (flags & MessageRecord::Flagged)
        names << QStringLiteral("flagged");
    if (flags & MessageRecord::Deleted)
        names << QStringLiteral("deleted");
    if (flags & MessageRecord::Draft)
        names << QStringLiteral("draft");
    return names;
}

// "Inbox", "Rechnungen/März 2024": folder names from the top, separated by '/'. The special
// folders go by their stored (English) names. 0 when there is no such folder.
qint64 resolveFolder(const Store &store, const QString &path)
{
    qint64 parent = 0;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        parent = store.findFolder(parent, part);
        if (parent <= 0)
            return 0;
    }
    return parent;
}

QString folderPath(const Store &store, qint64 id)
{
    QStringList parts;
    for (int depth = 0; id > 0 && depth < 64; ++depth) {
        const std::optional<Folder> f = store.folder(id);
        if (!f)
            break;
        parts.prepend(f->name);
        id = f->parentId;
    }
    return parts.join(QLatin1Char('/'));
}

// A readable rendering of an HTML body for the terminal (no markup engine in the CLI).
QString htmlToText(QString html)
{
    static const QRegularExpression dropped(
        QStringLiteral("<(script|style|head|title)\\b.*?</\\1\\s*>"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression breaks(QStringLiteral("<(br|/p|/div|/tr|/h[1-6]|/li)\\b[^>]*>"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    html.remove(dropped);
    html.replace(breaks, QStringLiteral("\n"));
    html.remove(tags);
    html.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    html.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
    html.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    html.replace(QStringLiteral("&quot;"), QStringLiteral("\""));
    html.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return html.trimmed();
}

QString joined(const QList<Mime::Address> &list)
{
    QStringList parts;
    for (const Mime::Address &a : list)
        parts << a.toDisplayString();
    return parts.join(QStringLiteral(", "));
}

// tributary-cli mail list|show|export: the Mail view on the command line.
class MailCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("mail"); }

    QString summary() const override
    {
        return tr("List, show or export the messages of the local mailbox.");
    }

    void setUpParser(QCommandLineParser &parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("action"), tr("list, show ID or export."),
                                     QStringLiteral("list|show|export"));
        parser.addOption(QCommandLineOption(
            kFolder,
            tr("list: the folder (default Inbox); export: only this folder and its subfolders. "
               "Names from the top, separated by '/', e.g. \"Archive/2024\"."),
            QStringLiteral("PATH")));
        parser.addOption(QCommandLineOption(kLimit,
                                            tr("list: at most N messages, newest first "
                                               "(default 100)."),
                                            QStringLiteral("N"), QStringLiteral("100")));
        parser.addOption(
            QCommandLineOption(kRaw, tr("show: print the message exactly as it was received.")));
        parser.addOption(QCommandLineOption(
            kTo,
            tr("export: the folder to write the Maildir tree to (one folder per mail folder, "
               "each with cur, new and tmp)."),
            QStringLiteral("DIR")));
    }

    int run(CommandContext &context) override
    {
        const QStringList positional = context.parser().positionalArguments();
        if (positional.isEmpty())
            return context.usageError(tr("mail needs an action: list, show or export."));
        const QString &action = positional.first();
        if (action == QLatin1String("list") && positional.size() == 1)
            return list(context);
        if (action == QLatin1String("show") && positional.size() == 2)
            return show(context, positional.at(1));
        if (action == QLatin1String("export") && positional.size() == 1)
            return exportMaildir(context);
        if (action == QLatin1String("show"))
            return context.usageError(tr("mail show needs one message ID."));
        return context.usageError(
            tr("Unknown mail action '%1'.").arg(positional.join(QLatin1Char(' '))));
    }

private:
    int list(CommandContext &context)
    {
        bool ok = false;
        const int limit = context.parser().value(kLimit).toInt(&ok);
        if (!ok || limit <= 0)
            return context.usageError(tr("--limit must be a positive number."));
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        Store &store = app->store();
        qint64 folder = store.specialFolder(Folder::SpecialUse::Inbox);
        if (context.parser().isSet(kFolder)) {
            folder = resolveFolder(store, context.parser().value(kFolder));
            if (folder <= 0)
                return context.runtimeError(
                    tr("There is no folder \"%1\".").arg(context.parser().value(kFolder)));
        }
        // The Mail view's own model: newest first, one page of `limit` rows.
        MessageListModel model(store);
        model.setPageSize(limit);
        model.setFolder(folder);
        const int rows = qMin(limit, model.rowCount());
        if (context.json()) {
            QJsonArray array;
            for (int row = 0; row < rows; ++row) {
                const QModelIndex index = model.index(row, 0);
                QJsonObject o;
                o.insert(QStringLiteral("id"),
                         index.data(MessageListModel::MessageIdRole).toLongLong());
                o.insert(QStringLiteral("folder"), folderPath(store, folder));
                o.insert(QStringLiteral("date"),
                         index.data(MessageListModel::DateRole)
                             .toDateTime()
                             .toUTC()
                             .toString(Qt::ISODate));
                o.insert(QStringLiteral("from"),
                         index.data(MessageListModel::SenderRole).toString());
                o.insert(QStringLiteral("subject"),
                         index.data(MessageListModel::SubjectRole).toString());
                o.insert(QStringLiteral("size"),
                         index.data(MessageListModel::SizeRole).toLongLong());
                o.insert(QStringLiteral("flags"),
                         QJsonArray::fromStringList(
                             flagNames(index.data(MessageListModel::FlagsRole).toInt())));
                array.append(o);
            }
            context.printJson(QJsonDocument(array));
            return Ok;
        }
        QTextStream &out = context.out();
        for (int row = 0; row < rows; ++row) {
            const QModelIndex index = model.index(row, 0);
            const int flags = index.data(MessageListModel::FlagsRole).toInt();
            out << QString::number(index.data(MessageListModel::MessageIdRole).toLongLong())
                       .rightJustified(7)
                << "  " << ((flags & MessageRecord::Seen) ? ' ' : 'N')
                << ((flags & MessageRecord::Flagged) ? 'F' : ' ') << "  "
                << index.data(MessageListModel::DateRole)
                       .toDateTime()
                       .toLocalTime()
                       .toString(QStringLiteral("yyyy-MM-dd hh:mm"))
                << "  "
                << index.data(MessageListModel::SenderRole).toString().left(30).leftJustified(30)
                << "  " << index.data(MessageListModel::SubjectRole).toString() << '\n';
        }
        if (rows == 0)
            out << tr("No messages.") << '\n';
        out.flush();
        return Ok;
    }

    int show(CommandContext &context, const QString &idText)
    {
        bool ok = false;
        const qint64 id = idText.toLongLong(&ok);
        if (!ok || id <= 0)
            return context.usageError(tr("'%1' is not a message ID.").arg(idText));
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        std::unique_ptr<QIODevice> device = app->store().openMessage(id);
        if (!device)
            return context.runtimeError(tr("There is no message %1.").arg(id));
        if (context.parser().isSet(kRaw)) {
            // The stored bytes, untouched (no text codec in between).
            context.out().flush();
            QFile stdoutFile;
            if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
                return context.runtimeError(tr("Cannot write to standard output."));
            while (true) {
                const QByteArray chunk = device->read(qint64(64) * 1024);
                if (chunk.isEmpty())
                    break;
                if (stdoutFile.write(chunk) != chunk.size())
                    return context.runtimeError(tr("Cannot write to standard output."));
            }
            stdoutFile.flush();
            return Ok;
        }
        const Mime::Message message = Mime::Message::fromDevice(device.get());
        const Mime::MessageHeaders h = message.headers();
        QString body = message.textBody();
        if (body.trimmed().isEmpty() && !message.htmlBody().isEmpty())
            body = htmlToText(message.htmlBody());
        const QList<Mime::AttachmentInfo> attachments = message.attachments();
        if (context.json()) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), id);
            o.insert(QStringLiteral("from"), joined(h.from));
            o.insert(QStringLiteral("to"), joined(h.to));
            o.insert(QStringLiteral("cc"), joined(h.cc));
            o.insert(QStringLiteral("date"),
                     h.date.isValid() ? h.date.toString(Qt::ISODate) : QString());
            o.insert(QStringLiteral("subject"), h.subject);
            o.insert(QStringLiteral("body"), body);
            QJsonArray files;
            for (const Mime::AttachmentInfo &a : attachments) {
                QJsonObject f;
                f.insert(QStringLiteral("name"), a.fileName);
                f.insert(QStringLiteral("type"), a.contentType);
                f.insert(QStringLiteral("size"), a.size);
                files.append(f);
            }
            o.insert(QStringLiteral("attachments"), files);
            context.printJson(QJsonDocument(o));
            return Ok;
        }
        QTextStream &out = context.out();
        auto line = [&out](const QString &label, const QString &value) {
            if (!value.isEmpty())
                out << label << ' ' << value << '\n';
        };
        line(tr("From:"), joined(h.from));
        line(tr("To:"), joined(h.to));
        line(tr("Cc:"), joined(h.cc));
        line(tr("Date:"),
             h.date.isValid() ? QString::fromLatin1(Mime::formatDate(h.date)) : QString());
        line(tr("Subject:"), h.subject);
        for (const Mime::AttachmentInfo &a : attachments)
            line(tr("Attachment:"),
                 QStringLiteral("%1 (%2, %3 bytes)").arg(a.fileName, a.contentType).arg(a.size));
        out << '\n' << body;
        if (!body.endsWith(QLatin1Char('\n')))
            out << '\n';
        out.flush();
        return Ok;
    }

    int exportMaildir(CommandContext &context)
    {
        const QString target = context.parser().value(kTo);
        if (target.isEmpty())
            return context.usageError(tr("mail export needs --to DIR."));
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        Store &store = app->store();
        qint64 folder = 0;
        if (context.parser().isSet(kFolder)) {
            folder = resolveFolder(store, context.parser().value(kFolder));
            if (folder <= 0)
                return context.runtimeError(
                    tr("There is no folder \"%1\".").arg(context.parser().value(kFolder)));
        }
        MailService service(store);
        MaildirExportJob *job = service.exportMaildir(QDir(target).absolutePath(), folder);
        job->setAutoDelete(false);
        std::unique_ptr<MaildirExportJob> owned(job);
        if (!job->isFinished()) {
            QEventLoop loop; // the process's main loop while the export runs
            QObject::connect(job, &MailJob::finished, &loop, &QEventLoop::quit);
            loop.exec();
        }
        const bool ok = job->error() == MailJob::Error::NoError;
        if (context.json()) {
            QJsonObject o;
            o.insert(QStringLiteral("ok"), ok);
            o.insert(QStringLiteral("exported"), job->exportedCount());
            o.insert(QStringLiteral("directory"), QDir(target).absolutePath());
            if (!ok)
                o.insert(QStringLiteral("message"), job->errorString());
            context.printJson(QJsonDocument(o));
        } else if (ok) {
            context.out() << tr("Exported %1 messages to %2.")
                                 .arg(job->exportedCount())
                                 .arg(QDir::toNativeSeparators(QDir(target).absolutePath()))
                          << '\n';
            context.out().flush();
        }
        return ok ? int(Ok) : context.runtimeError(job->errorString());
    }
};

} // namespace

std::unique_ptr<Command> makeMailCommand()
{
    return std::make_unique<MailCommand>();
}

} // namespace Tributary::Cli
