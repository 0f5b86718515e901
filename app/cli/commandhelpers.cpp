#include "commandhelpers.h"

#include <QCoreApplication>

namespace Tributary::Cli {

int printJobResult(CommandContext &context, const JobResult &result, const QString &success)
{
    if (context.json()) {
        QJsonObject object;
        object.insert(QStringLiteral("ok"), result.ok);
        object.insert(QStringLiteral("error"), result.error);
        if (!result.ok)
            object.insert(QStringLiteral("message"), result.message);
        if (!result.item.isEmpty())
            object.insert(result.itemKey, result.item);
        context.printJson(QJsonDocument(object));
    } else if (result.ok) {
        context.out() << success << '\n';
        context.out().flush();
    }
    if (result.ok)
        return Ok;
    return result.usage ? context.usageError(result.message) : context.runtimeError(result.message);
}

int readCaOption(CommandContext &context, const QString &option, QList<QSslCertificate> *cas)
{
    QCommandLineParser &parser = context.parser();
    if (!parser.isSet(option))
        return Ok;
    *cas = QSslCertificate::fromPath(parser.value(option));
    if (cas->isEmpty())
        return context.usageError(
            QCoreApplication::translate("tributary-cli", "No certificate could be read from %1.")
                .arg(parser.value(option)));
    return Ok;
}

} // namespace Tributary::Cli
