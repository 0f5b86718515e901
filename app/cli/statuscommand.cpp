#include "command.h"

#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "models/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>

namespace Tributary::Cli {

namespace {

// tributary-cli status: where the profile is and what the mailbox holds.
class StatusCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("status"); }

    QString summary() const override
    {
        return QCoreApplication::translate(
            "tributary-cli", "Show the profile folder, the mailbox and its row counts.");
    }

    void setUpParser(QCommandLineParser &) const override { }

    int run(CommandContext &context) override
    {
        if (!context.parser().positionalArguments().isEmpty())
            return context.usageError(
                QCoreApplication::translate("tributary-cli", "status takes no arguments."));
        AppContext *app = context.context();
        if (!app)
            return RuntimeError;
        Store &store = app->store();
        const QMap<QString, qint64> counts = store.counts();

        if (context.json()) {
            QJsonObject countsObject;
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                countsObject.insert(it.key(), it.value());
            QJsonObject root;
            root.insert(QStringLiteral("profile"), app->profile().dir());
            root.insert(QStringLiteral("settings"), app->profile().settingsFile());
            root.insert(QStringLiteral("store"), store.databasePath());
            root.insert(QStringLiteral("schemaVersion"), store.schemaVersion());
            root.insert(QStringLiteral("currentSchemaVersion"), Store::currentSchemaVersion());
            root.insert(QStringLiteral("counts"), countsObject);
            context.printJson(QJsonDocument(root));
            return Ok;
        }

        QTextStream &out = context.out();
        auto tr = [](const char *text) {
            return QCoreApplication::translate("tributary-cli", text);
        };
        const int labelWidth = 16;
        out << tr("Profile:").leftJustified(labelWidth)
            << QDir::toNativeSeparators(app->profile().dir()) << '\n'
            << tr("Settings:").leftJustified(labelWidth)
            << QDir::toNativeSeparators(app->profile().settingsFile()) << '\n'
            << tr("Store:").leftJustified(labelWidth)
            << QDir::toNativeSeparators(store.databasePath()) << '\n'
            << tr("Schema version:").leftJustified(labelWidth) << store.schemaVersion() << '\n'
            << '\n';
        int width = int(tr("Table").size());
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            width = qMax(width, int(it.key().size()));
        out << tr("Table").leftJustified(width + 2) << tr("Rows") << '\n';
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            out << it.key().leftJustified(width + 2) << it.value() << '\n';
        out.flush();
        return Ok;
    }
};

} // namespace

std::unique_ptr<Command> makeStatusCommand()
{
    return std::make_unique<StatusCommand>();
}

} // namespace Tributary::Cli
