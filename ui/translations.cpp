#include "translations.h"

#include "logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Tributary::Ui {

QList<QTranslator *> installTranslations(const QLocale &locale, QObject *owner)
{
    QList<QTranslator *> installed;
    const auto tryLoad = [&](const QString &name, const QString &dir) {
        auto *translator = new QTranslator(owner);
        if (translator->load(locale, name, QStringLiteral("_"), dir)
            && QCoreApplication::installTranslator(translator)) {
            qCDebug(lcUi) << "installed translation" << translator->filePath();
            installed.append(translator);
        } else {
            delete translator;
        }
    };
    tryLoad(QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    tryLoad(QStringLiteral("tributary"), QStringLiteral(":/i18n"));
    return installed;
}

} // namespace Tributary::Ui
