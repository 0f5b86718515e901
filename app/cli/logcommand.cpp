#include "command.h"

#include "app/services/activitylogger.h"
#include "app/services/appcontext.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace Tributary::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tributary-cli", text);
}

const QString kArea = QStringLiteral("area");
const QString kSearch = QStringLiteral("search");
const QString kLimit = QStringLiteral("limit");
constexpr int kDefaultLimit = 50;

// tributary-cli log: the activity log. Human output is oldest first (like a log file);
// JSON output is an array, newest first, as the store returns it.
class LogCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("log"); }

    QString summary() const override { return tr("Show the activity log (newest entries)."); }

    void setUpParser(QCommandLineParser &parser) const override
    {
        parser.addOption(QCommandLineOption(
            kArea,
            tr("Only entries of area A: retrieval, smtp, cloud, migration, sync, devices or app."),
            QStringLiteral("A")));
        parser.addOption(QCommandLineOption(
            kSearch, tr("Only entries whose message or source contains TEXT (any case)."),
            QStringLiteral("TEXT")));
        parser.addOption(QCommandLineOption(
            kLimit, tr("Show at most N entries (default %1).").arg(kDefaultLimit),
            QStringLiteral("N"), QString::number(kDefaultLimit)));
    }

    int run(CommandContext &context) override
    {
        QCommandLineParser &parser = context.parser();
        if (!parser.positionalArguments().isEmpty())
            return context.usageError(tr("log takes no arguments, only options."));

        ActivityQuery query;
        if (parser.isSet(kArea)) {
            const auto area = ActivityLogger::areaFromName(parser.value(kArea));
            if (!area)
                return context.usageError(tr("Unknown area '%1'.").arg(parser.value(kArea)));
            query.area = ActivityLogger::areaName(*area);
        }
        query.search = parser.value(kSearch);
        bool ok = false;
        query.limit = parser.value(kLimit).toInt(&ok);
        if (!ok || query.limit <= 0)
            return context.usageError(tr("--limit needs a positive number."));

        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        const QList<ActivityEntry> entries = app->store().activity(query);

        if (context.json()) {
            QJsonArray array;
            for (const ActivityEntry &entry : entries) {
                QJsonObject object;
                object.insert(QStringLiteral("id"), entry.id);
                object.insert(QStringLiteral("time"),
                              entry.time.toUTC().toString(Qt::ISODateWithMs));
                object.insert(QStringLiteral("area"), entry.area);
                object.insert(QStringLiteral("level"), entry.level);
                object.insert(QStringLiteral("source"), entry.source);
                object.insert(QStringLiteral("message"), entry.message);
                array.append(object);
            }
            context.printJson(QJsonDocument(array));
            return Ok;
        }

        QTextStream &out = context.out();
        for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
            out << it->time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
                << it->area.leftJustified(9) << ' ' << it->level.leftJustified(7) << ' ';
            if (!it->source.isEmpty())
                out << it->source << ": ";
            out << it->message << '\n';
        }
        out.flush();
        return Ok;
    }
};

} // namespace

std::unique_ptr<Command> makeLogCommand()
{
    return std::make_unique<LogCommand>();
}

} // namespace Tributary::Cli
