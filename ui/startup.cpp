#include "startup.h"

#include "logging.h"

#include "app/services/version.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>

#include <unistd.h>

namespace Tributary::Ui {

void prepareProcessBeforeApplication()
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    if (::geteuid() == 0) {
        QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
        if (!flags.contains("--no-sandbox")) {
            if (!flags.isEmpty())
                flags.append(' ');
            flags.append("--no-sandbox");
            qputenv("QTWEBENGINE_CHROMIUM_FLAGS", flags);
        }
    }
}

void setUpApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("tributary"));
    QCoreApplication::setApplicationVersion(applicationVersion());
    QGuiApplication::setApplicationDisplayName(applicationName());
    QGuiApplication::setDesktopFileName(QStringLiteral("tributary"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tributary.svg")));
}

QString commandLineDescription()
{
    return QCoreApplication::translate(
        "Tributary::Ui::Startup",
        "Gathers your mail from other accounts into one mailbox on your desktop.");
}

void reportStartupError(const QString &message)
{
    qCCritical(lcUi) << "cannot start:" << message;
    QMessageBox box(QMessageBox::Critical,
                    QCoreApplication::translate("Tributary::Ui::Startup", "Tributary cannot start"),
                    message, QMessageBox::Close);
    box.setObjectName(QStringLiteral("startupErrorBox"));
    box.exec();
}

} // namespace Tributary::Ui
