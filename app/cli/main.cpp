#include "app/services/version.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream(stdout) << Tributary::applicationName() << ' ' << Tributary::applicationVersion() << '\n';
    return 0;
}
