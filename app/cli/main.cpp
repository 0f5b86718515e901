#include "cli.h"

#include "app/services/version.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tributary"));
    QCoreApplication::setOrganizationName(QStringLiteral("Tributary"));
    QCoreApplication::setApplicationVersion(Tributary::applicationVersion());
    // Progress chatter of the libraries stays out of the terminal; warnings still show.
    // QT_LOGGING_RULES in the environment overrides this.
    QLoggingCategory::setFilterRules(
        QStringLiteral("tributary.*.info=false\ntributary.*.debug=false"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return Tributary::Cli::run(QCoreApplication::arguments(), out, err);
}
