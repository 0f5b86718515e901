#pragma once

#include <QList>
#include <QLocale>

class QObject;
class QTranslator;

namespace Tributary::Ui {

// Loads and installs the translations for `locale`: Tributary's own (:/i18n/tributary_<lang>.qm,
// embedded) and Qt's (qtbase_<lang>.qm from QLibraryInfo::TranslationsPath, used for the
// standard dialogs and context menus). For a language without a Tributary catalogue the
// English one is installed (it carries the English plural forms), so the user reads English.
// Returns the translators that were installed, parented to `owner`; remove them with
// QCoreApplication::removeTranslator to switch back.
QList<QTranslator *> installTranslations(const QLocale &locale, QObject *owner);

} // namespace Tributary::Ui
