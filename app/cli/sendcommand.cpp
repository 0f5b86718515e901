#include "command.h"

#include "app/services/appcontext.h"
#include "app/services/outbox/addresslist.h"
#include "app/services/outbox/outboxservice.h"
#include "connectors/mime/messagebuilder.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMimeDatabase>

namespace Tributary::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tributary-cli", text);
}

const QString kFrom = QStringLiteral("from");
const QString kTo = QStringLiteral("to");
const QString kCc = QStringLiteral("cc");
const QString kBcc = QStringLiteral("bcc");
const QString kSubject = QStringLiteral("subject");
const QString kBody = QStringLiteral("body");
const QString kBodyFile = QStringLiteral("body-file");
const QString kAttach = QStringLiteral("attach");
const QString kWait = QStringLiteral("wait");

// Exit code beyond the common ones: sent, but the server refused some recipients.
constexpr int kPartlyRefused = 3;

// tributary-cli send: compose a message on the command line and send it through the Outbox,
// exactly as the composer does (same address rules, same OutboxService).
//
// Exit codes: 0 sent (without --wait also: queued after a temporary failure, retried by the
// next run of Tributary or of `send`); 1 refused for good or not stored (the server's words on
// stderr); 2 bad command line; 3 sent, but some recipients were refused (listed on stderr).
class SendCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("send"); }
    QString summary() const override
    {
        return tr("Send a message through one of the SMTP accounts (via the Outbox).");
    }
    void setUpParser(QCommandLineParser &parser) const override
    {
        parser.addOption(QCommandLineOption(
            kFrom, tr("The SMTP account: its UUID, email address or display name."),
            QStringLiteral("ACCOUNT")));
        parser.addOption(QCommandLineOption(
            kTo, tr("A recipient (repeat, or separate with commas)."), QStringLiteral("ADDR")));
        parser.addOption(QCommandLineOption(kCc, tr("A copy recipient."), QStringLiteral("ADDR")));
        parser.addOption(
            QCommandLineOption(kBcc, tr("A blind copy recipient."), QStringLiteral("ADDR")));
        parser.addOption(QCommandLineOption(kSubject, tr("The subject."), QStringLiteral("TEXT")));
        parser.addOption(
            QCommandLineOption(kBody, tr("The text of the message."), QStringLiteral("TEXT")));
        parser.addOption(QCommandLineOption(
            kBodyFile, tr("Read the text of the message from a UTF-8 file ('-': standard input)."),
            QStringLiteral("FILE")));
        parser.addOption(QCommandLineOption(kAttach, tr("Attach a file (repeat for more)."),
                                            QStringLiteral("FILE")));
        parser.addOption(QCommandLineOption(
            kWait,
            tr("Wait until the message is sent or refused for good, retrying after "
               "temporary failures.")));
    }

    int run(CommandContext &context) override
    {
        QCommandLineParser &parser = context.parser();
        if (!parser.positionalArguments().isEmpty())
            return context.usageError(tr("send takes no positional arguments."));
        if (!parser.isSet(kFrom))
            return context.usageError(tr("--from ACCOUNT is required."));

        AddressList to, cc, bcc;
        QString problem;
        if (!collect(parser.values(kTo), &to, &problem)
            || !collect(parser.values(kCc), &cc, &problem)
            || !collect(parser.values(kBcc), &bcc, &problem))
            return context.usageError(problem);
        if (to.addresses.isEmpty() && cc.addresses.isEmpty() && bcc.addresses.isEmpty())
            return context.usageError(tr("Add at least one recipient with --to."));
        if (!parser.isSet(kSubject))
            return context.usageError(tr("--subject is required (it may be empty)."));
        if (parser.isSet(kBody) == parser.isSet(kBodyFile))
            return context.usageError(tr("Give the text with either --body or --body-file."));

        QString body = parser.value(kBody);
        if (parser.isSet(kBodyFile)) {
            QFile file;
            const QString path = parser.value(kBodyFile);
            const bool opened = path == QLatin1String("-")
                ? file.open(stdin, QIODevice::ReadOnly)
                : (file.setFileName(path), file.open(QIODevice::ReadOnly));
            if (!opened)
                return context.usageError(tr("Cannot read %1: %2").arg(path, file.errorString()));
            body = QString::fromUtf8(file.readAll());
        }
        const QStringList attachments = parser.values(kAttach);
        for (const QString &path : attachments) {
            QFileInfo info(path);
            if (!info.isFile() || !info.isReadable())
                return context.usageError(tr("Cannot read the attachment %1.").arg(path));
        }

        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        const std::optional<SmtpAccount> account = findAccount(app->store(), parser.value(kFrom));
        if (!account)
            return context.usageError(
                tr("There is no SMTP account '%1' (see: tributary-cli smtp list).")
                    .arg(parser.value(kFrom)));

        Mime::MessageBuilder builder;
        builder.setFrom({account->displayName, account->email});
        builder.setTo(to.addresses);
        builder.setCc(cc.addresses);
        builder.setBcc(bcc.addresses);
        builder.setSubject(parser.value(kSubject));
        builder.setTextBody(body);
        const qsizetype at = account->email.lastIndexOf(QLatin1Char('@'));
        builder.setMessageIdDomain(account->email.mid(at + 1));
        builder.addHeader("X-Mailer", QStringLiteral("Tributary"));
        QMimeDatabase mimeTypes;
        for (const QString &path : attachments)
            builder.addAttachmentFile(path, mimeTypes.mimeTypeForFile(path).name());
        QString buildError;
        const QByteArray message = builder.toByteArray(&buildError);
        if (message.isEmpty())
            return context.runtimeError(tr("The message could not be built: %1").arg(buildError));

        OutboxService::Envelope envelope;
        envelope.from = account->email;
        envelope.recipients = to.addrSpecs() + cc.addrSpecs() + bcc.addrSpecs();
        envelope.subject = parser.value(kSubject);

        OutboxService &outbox = app->outbox();
        const bool wait = parser.isSet(kWait);
        QEventLoop loop;
        enum class Result { None, Sent, Deferred, Failed } result = Result::None;
        QString message_;
        QStringList refused;
        qint64 id = 0;
        QObject::connect(&outbox, &OutboxService::sent, &loop,
                         [&](qint64 sentId, const QStringList &refusedList) {
                             if (sentId != id)
                                 return;
                             result = Result::Sent;
                             refused = refusedList;
                             loop.quit();
                         });
        QObject::connect(&outbox, &OutboxService::failed, &loop,
                         [&](qint64 failedId, const QString &text) {
                             if (failedId != id)
                                 return;
                             result = Result::Failed;
                             message_ = text;
                             loop.quit();
                         });
        QObject::connect(&outbox, &OutboxService::deferred, &loop,
                         [&](qint64 deferredId, const QString &text, const QDateTime &next) {
                             if (deferredId != id)
                                 return;
                             message_ = text;
                             if (wait) {
                                 context.err()
                                     << tr("Not sent yet: %1 Next attempt at %2.")
                                            .arg(text, next.toLocalTime().toString(Qt::ISODate))
                                     << '\n';
                                 context.err().flush();
                                 return;
                             }
                             result = Result::Deferred;
                             loop.quit();
                         });
        QString error;
        id = outbox.enqueue(account->uuid, message, envelope, &error);
        if (id <= 0)
            return context.runtimeError(error);
        if (wait) {
            outbox.setCheckInterval(1000);
            outbox.start();
        }
        // This loop is the process's main loop while the message is on its way.
        loop.exec();

        const std::optional<OutboxEntry> entry = app->store().outboxEntry(id);
        if (context.json()) {
            QJsonObject object;
            object.insert(QStringLiteral("id"), id);
            object.insert(QStringLiteral("state"),
                          entry ? OutboxEntry::stateName(entry->state) : QString());
            object.insert(QStringLiteral("refused"), QJsonArray::fromStringList(refused));
            if (!message_.isEmpty())
                object.insert(QStringLiteral("message"), message_);
            context.printJson(QJsonDocument(object));
        }
        switch (result) {
        case Result::Sent:
            if (!context.json()) {
                context.out() << tr("Sent \"%1\".").arg(envelope.subject) << '\n';
                context.out().flush();
            }
            if (!refused.isEmpty()) {
                context.err() << tr("The server refused these recipients:") << '\n';
                for (const QString &line : std::as_const(refused))
                    context.err() << "  " << line << '\n';
                context.err().flush();
                return kPartlyRefused;
            }
            return Ok;
        case Result::Deferred:
            if (!context.json()) {
                context.out() << tr("Queued: %1 It is sent on the next attempt.").arg(message_)
                              << '\n';
                context.out().flush();
            }
            return Ok;
        case Result::Failed:
        case Result::None:
            break;
        }
        if (context.json())
            return RuntimeError;
        return context.runtimeError(tr("Not sent: %1").arg(message_));
    }

private:
    static bool collect(const QStringList &values, AddressList *into, QString *problem)
    {
        for (const QString &value : values) {
            const AddressList list = AddressList::parse(value);
            if (!list.isValid()) {
                *problem = tr("\"%1\" is not an email address.").arg(list.invalid.first());
                return false;
            }
            into->addresses += list.addresses;
        }
        return true;
    }

    static std::optional<SmtpAccount> findAccount(Store &store, const QString &key)
    {
        const QUuid uuid = QUuid::fromString(key);
        if (!uuid.isNull())
            return store.smtpAccount(uuid);
        const QList<SmtpAccount> accounts = store.smtpAccounts();
        for (const SmtpAccount &a : accounts) {
            if (a.email.compare(key, Qt::CaseInsensitive) == 0)
                return a;
        }
        for (const SmtpAccount &a : accounts) {
            if (a.displayName == key)
                return a;
        }
        return std::nullopt;
    }
};

} // namespace

std::unique_ptr<Command> makeSendCommand()
{
    return std::make_unique<SendCommand>();
}

} // namespace Tributary::Cli
