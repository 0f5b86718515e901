#include "activitylogger.h"

#include "connectors/common/redact.h"
#include "models/store.h"

#include <QMutex>
#include <QMutexLocker>

#include <atomic>
#include <cstring>

Q_LOGGING_CATEGORY(lcActivityRetrieval, "tributary.activity.retrieval", QtInfoMsg)
Q_LOGGING_CATEGORY(lcActivitySmtp, "tributary.activity.smtp", QtInfoMsg)
Q_LOGGING_CATEGORY(lcActivityCloud, "tributary.activity.cloud", QtInfoMsg)
Q_LOGGING_CATEGORY(lcActivityMigration, "tributary.activity.migration", QtInfoMsg)
Q_LOGGING_CATEGORY(lcActivitySync, "tributary.activity.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcActivityDevices, "tributary.activity.devices", QtInfoMsg)
Q_LOGGING_CATEGORY(lcActivityApp, "tributary.activity.app", QtInfoMsg)

namespace Tributary {

namespace {

struct AreaInfo
{
    ActivityLogger::Area area;
    const char *name;
    const QLoggingCategory &(*category)();
};

const AreaInfo kAreas[] = {
    {ActivityLogger::Area::Retrieval, "retrieval", &lcActivityRetrieval},
    {ActivityLogger::Area::Smtp, "smtp", &lcActivitySmtp},
    {ActivityLogger::Area::Cloud, "cloud", &lcActivityCloud},
    {ActivityLogger::Area::Migration, "migration", &lcActivityMigration},
    {ActivityLogger::Area::Sync, "sync", &lcActivitySync},
    {ActivityLogger::Area::Devices, "devices", &lcActivityDevices},
    {ActivityLogger::Area::App, "app", &lcActivityApp},
};

const AreaInfo &areaInfo(ActivityLogger::Area area)
{
    for (const AreaInfo &info : kAreas) {
        if (info.area == area)
            return info;
    }
    return kAreas[std::size(kAreas) - 1];
}

// The message handler's state. The handler may run on any thread.
QMutex s_handlerMutex;
QtMessageHandler s_previousHandler = nullptr;
bool s_handlerInstalled = false;
std::atomic<ActivityLogger *> s_target {nullptr};
thread_local bool t_inHandler = false;

void captureHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QtMessageHandler previous;
    {
        QMutexLocker lock(&s_handlerMutex);
        previous = s_previousHandler;
    }
    if (previous)
        previous(type, context, message);
    else
        qt_message_output(type, context, message);

    if (t_inHandler || (type != QtWarningMsg && type != QtCriticalMsg))
        return;
    const char *category = context.category ? context.category : "";
    if (std::strncmp(category, "tributary.", 10) != 0
        || std::strncmp(category, "tributary.activity.", 19) == 0)
        return;
    ActivityLogger *target = s_target.load();
    if (!target)
        return;
    t_inHandler = true;
    target->log(ActivityLogger::areaForCategory(category),
                type == QtCriticalMsg ? ActivityLogger::Level::Error
                                      : ActivityLogger::Level::Warning,
                QString::fromLatin1(category), message);
    t_inHandler = false;
}

} // namespace

ActivityLogger::ActivityLogger(Store *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

ActivityLogger::~ActivityLogger()
{
    if (s_target.load() == this)
        removeMessageHandler();
}

QString ActivityLogger::areaName(Area area)
{
    return QString::fromLatin1(areaInfo(area).name);
}

std::optional<ActivityLogger::Area> ActivityLogger::areaFromName(const QString &name)
{
    for (const AreaInfo &info : kAreas) {
        if (name.compare(QLatin1String(info.name), Qt::CaseInsensitive) == 0)
            return info.area;
    }
    return std::nullopt;
}

QString ActivityLogger::levelName(Level level)
{
    switch (level) {
    case Level::Debug:
        return QStringLiteral("debug");
    case Level::Info:
        return QStringLiteral("info");
    case Level::Warning:
        return QStringLiteral("warning");
    case Level::Error:
        return QStringLiteral("error");
    }
    return QString();
}

qint64 ActivityLogger::log(Area area, Level level, const QString &source, const QString &message)
{
    ActivityEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.area = areaName(area);
    entry.level = levelName(level);
    entry.source = Net::redact(QStringView(source));
    entry.message = Net::redact(QStringView(message));

    const auto category = areaInfo(area).category;
    // The activity categories are not captured back by the message handler (see
    // captureHandler), so writing to them here cannot loop.
    switch (level) {
    case Level::Debug:
        qCDebug(category).noquote() << entry.source << entry.message;
        break;
    case Level::Info:
        qCInfo(category).noquote() << entry.source << entry.message;
        break;
    case Level::Warning:
        qCWarning(category).noquote() << entry.source << entry.message;
        break;
    case Level::Error:
        qCCritical(category).noquote() << entry.source << entry.message;
        break;
    }

    qint64 id = 0;
    if (m_store && (level != Level::Debug || m_storeDebug)) {
        // The store may log a warning of its own if the insert fails; that must not come
        // back here through the message handler.
        const bool wasInHandler = t_inHandler;
        t_inHandler = true;
        id = m_store->appendActivity(entry);
        t_inHandler = wasInHandler;
        if (id < 0)
            return id;
        entry.id = id;
    }
    Q_EMIT entryLogged(entry);
    return id;
}

void ActivityLogger::installMessageHandler(ActivityLogger *logger)
{
    QMutexLocker lock(&s_handlerMutex);
    s_target.store(logger);
    if (!s_handlerInstalled) {
        s_previousHandler = qInstallMessageHandler(captureHandler);
        s_handlerInstalled = true;
    }
}

void ActivityLogger::removeMessageHandler()
{
    QMutexLocker lock(&s_handlerMutex);
    s_target.store(nullptr);
    if (s_handlerInstalled) {
        qInstallMessageHandler(s_previousHandler);
        s_previousHandler = nullptr;
        s_handlerInstalled = false;
    }
}

ActivityLogger *ActivityLogger::messageHandlerTarget()
{
    return s_target.load();
}

ActivityLogger::Area ActivityLogger::areaForCategory(const char *category)
{
    const QLatin1String name(category ? category : "");
    const QLatin1String prefix("tributary.");
    if (!name.startsWith(prefix))
        return Area::App;
    QLatin1String rest = name.mid(prefix.size());
    if (rest.startsWith(QLatin1String("activity.")))
        rest = rest.mid(9);
    const qsizetype dot = rest.indexOf(QLatin1Char('.'));
    const QLatin1String module = dot < 0 ? rest : rest.left(dot);
    struct Map
    {
        const char *module;
        Area area;
    };
    static const Map map[] = {
        {"retrieval", Area::Retrieval}, {"imap", Area::Retrieval},      {"pop3", Area::Retrieval},
        {"mime", Area::Retrieval},      {"smtp", Area::Smtp},           {"outbox", Area::Smtp},
        {"cloud", Area::Cloud},         {"oauth", Area::Cloud},         {"graph", Area::Cloud},
        {"dav", Area::Cloud},           {"migration", Area::Migration}, {"ews", Area::Migration},
        {"sync", Area::Sync},           {"syncserver", Area::Sync},     {"devices", Area::Devices},
    };
    for (const Map &m : map) {
        if (module == QLatin1String(m.module))
            return m.area;
    }
    return Area::App;
}

} // namespace Tributary
