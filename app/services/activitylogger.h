#pragma once

#include "models/activityentry.h"

#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcActivityRetrieval)
Q_DECLARE_LOGGING_CATEGORY(lcActivitySmtp)
Q_DECLARE_LOGGING_CATEGORY(lcActivityCloud)
Q_DECLARE_LOGGING_CATEGORY(lcActivityMigration)
Q_DECLARE_LOGGING_CATEGORY(lcActivitySync)
Q_DECLARE_LOGGING_CATEGORY(lcActivityDevices)
Q_DECLARE_LOGGING_CATEGORY(lcActivityApp)

namespace Tributary {

class Store;

// The activity log: what the user sees on the Activity page and in each task's log.
//
// log() redacts the source and the message (Net::redact), appends the entry to the store's
// activity table and writes it to the logging category of its area
// ("tributary.activity.<area>"). Debug entries go to the category only, unless
// setStoreDebug(true).
//
// Optionally (installMessageHandler) qWarning()/qCritical() of the application's own
// categories ("tributary.*") are captured into the activity log too, redacted; the
// previous message handler still gets every message.
//
// Threading: log() may be called from any thread (the Store keeps one connection per
// thread); entryLogged() is emitted from the calling thread.
class ActivityLogger : public QObject
{
    Q_OBJECT

public:
    enum class Area { Retrieval, Smtp, Cloud, Migration, Sync, Devices, App };
    Q_ENUM(Area)
    enum class Level { Debug, Info, Warning, Error };
    Q_ENUM(Level)

    // `store` may be null: entries then go to the logging categories only. The store must
    // outlive the logger.
    explicit ActivityLogger(Store *store, QObject *parent = nullptr);
    ~ActivityLogger() override;

    // "retrieval", "smtp", "cloud", "migration", "sync", "devices", "app".
    static QString areaName(Area area);
    static std::optional<Area> areaFromName(const QString &name);
    // "debug", "info", "warning", "error".
    static QString levelName(Level level);

    // Returns the store id of the entry, 0 when it was not stored (debug, no store), -1 when
    // the store refused it.
    qint64 log(Area area, Level level, const QString &source, const QString &message);
    qint64 info(Area area, const QString &source, const QString &message)
    {
        return log(area, Level::Info, source, message);
    }
    qint64 warning(Area area, const QString &source, const QString &message)
    {
        return log(area, Level::Warning, source, message);
    }
    qint64 error(Area area, const QString &source, const QString &message)
    {
        return log(area, Level::Error, source, message);
    }

    void setStoreDebug(bool on) { m_storeDebug = on; }
    bool storeDebug() const { return m_storeDebug; }

    // Captures warnings and critical messages of "tributary.*" categories (except this
    // logger's own "tributary.activity.*") into `logger`. One logger at a time; installing
    // another replaces it. The handler is removed when that logger is destroyed.
    static void installMessageHandler(ActivityLogger *logger);
    static void removeMessageHandler();
    static ActivityLogger *messageHandlerTarget();

    // The area a message of logging category `category` belongs to
    // ("tributary.pop3" -> Retrieval, "tributary.smtp" -> Smtp, ...; otherwise App).
    static Area areaForCategory(const char *category);

Q_SIGNALS:
    // After an entry was stored (or, without a store, written to its category).
    void entryLogged(const Tributary::ActivityEntry &entry);

private:
    Store *m_store;
    bool m_storeDebug = false;
};

} // namespace Tributary
