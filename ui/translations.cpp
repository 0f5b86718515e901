#include "translations.h"

#include "logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Tributary::Ui {

QList<QTranslator *> installTranslations(const QLocale &locale, QObject *owner)
{
    QList<QTranslator *> installed;
    const auto tryLoad = [&](const QLocale &language, const QString &name, const QString &dir) {
        auto *translator = new QTranslator(owner);
        if (translator->load(language, name, QStringLiteral("_"), dir)
            && QCoreApplication::installTranslator(translator)) {
            qCDebug(lcUi) << "installed translation" << translator->filePath();
            installed.append(translator);
            return true;
        }
        delete translator;
        return false;
    };
    tryLoad(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    // The English catalogue holds the plural forms of the source text ("1 device",
    // "2 devices"); it is the fallback for every language Tributary has not been translated to.
    if (!tryLoad(locale, QStringLiteral("tributary"), QStringLiteral(":/i18n")))
        tryLoad(QLocale(QLocale::English), QStringLiteral("tributary"), QStringLiteral(":/i18n"));
    return installed;
}

} // namespace Tributary::Ui
