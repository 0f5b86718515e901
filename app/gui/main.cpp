#include "app/services/version.h"

#include <QApplication>
#include <QLabel>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLabel label(Tributary::applicationName());
    label.show();
    return app.exec();
}
