// The GUI executable: wiring only. Everything it starts lives in tributary_ui and tributary_app.
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "app/services/retrieval/retrievalscheduler.h"
#include "ui/mainwindow.h"
#include "ui/signinwindow.h"
#include "ui/startup.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QLocale>

int main(int argc, char **argv)
{
    Tributary::Ui::prepareProcessBeforeApplication();
    // The embedded sign-in window catches redirects to the app's own scheme with a scheme
    // handler; QtWebEngine takes schemes only before QApplication exists.
    Tributary::Ui::SignInWindow::registerRedirectSchemes({QStringLiteral("org.tributary.app")});
    QApplication app(argc, argv);
    Tributary::Ui::setUpApplication();
    Tributary::Ui::installTranslations(QLocale::system(), &app);

    QCommandLineParser parser;
    parser.setApplicationDescription(Tributary::Ui::commandLineDescription());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(Tributary::Profile::commandLineOption());
    parser.process(app);

    QString error;
    std::unique_ptr<Tributary::AppContext> context
        = Tributary::AppContext::open(Tributary::Profile::fromParser(parser), &error);
    if (!context) {
        Tributary::Ui::reportStartupError(error);
        return 1;
    }
    context->setCaptureWarnings(true);
    // "Use my browser instead" sign-ins open the provider's page in the user's own browser.
    context->setBrowserOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
    // Automatic Email Retrieval tasks: every 10 minutes, and at once when overdue.
    context->retrievalScheduler().start();

    Tributary::Ui::MainWindow window(*context);
    window.show();
    return app.exec();
}
