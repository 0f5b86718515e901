#include "app/services/activitylogger.h"
#include "connectors/common/logging.h"
#include "models/store.h"
#include "support/testenv.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Tributary;

Q_LOGGING_CATEGORY(lcOutside, "someone.else", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTestCloud, "tributary.oauth.test", QtInfoMsg)

class tst_ActivityLogger : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void names();
    void logRedactsAndStores();
    void levels();
    void debugOnlyWhenAsked();
    void writesToCategory();
    void withoutStore();
    void capturesAppWarnings();
    void handlerRemovedWithLogger();
    void fromWorkerThread();
    void categoryAreas();

private:
    QList<ActivityEntry> all(const QString &area = QString());

    std::unique_ptr<Store> m_store;
    std::unique_ptr<ActivityLogger> m_log;
};

void tst_ActivityLogger::init()
{
    m_store = std::make_unique<Store>(TestEnv::scratchDir(QStringLiteral("activitylogger")));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    m_log = std::make_unique<ActivityLogger>(m_store.get());
}

void tst_ActivityLogger::cleanup()
{
    ActivityLogger::removeMessageHandler();
    m_log.reset();
    m_store.reset();
}

QList<ActivityEntry> tst_ActivityLogger::all(const QString &area)
{
    ActivityQuery query;
    query.area = area;
    query.limit = 0;
    return m_store->activity(query);
}

void tst_ActivityLogger::names()
{
    const QStringList expected {QStringLiteral("retrieval"), QStringLiteral("smtp"),
                                QStringLiteral("cloud"),     QStringLiteral("migration"),
                                QStringLiteral("sync"),      QStringLiteral("devices"),
                                QStringLiteral("app")};
    const QList<ActivityLogger::Area> areas {
        ActivityLogger::Area::Retrieval, ActivityLogger::Area::Smtp, ActivityLogger::Area::Cloud,
        ActivityLogger::Area::Migration, ActivityLogger::Area::Sync, ActivityLogger::Area::Devices,
        ActivityLogger::Area::App};
    for (int i = 0; i < areas.size(); ++i) {
        QCOMPARE(ActivityLogger::areaName(areas.at(i)), expected.at(i));
        QCOMPARE(ActivityLogger::areaFromName(expected.at(i)), areas.at(i));
    }
    QCOMPARE(ActivityLogger::areaFromName(QStringLiteral("SMTP")), ActivityLogger::Area::Smtp);
    QVERIFY(!ActivityLogger::areaFromName(QStringLiteral("mail")).has_value());
    QCOMPARE(ActivityLogger::levelName(ActivityLogger::Level::Warning), QStringLiteral("warning"));
}

void tst_ActivityLogger::logRedactsAndStores()
{
    QSignalSpy logged(m_log.get(), &ActivityLogger::entryLogged);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("PASS \\[redacted\\]")));
    const qint64 id = m_log->info(ActivityLogger::Area::Retrieval, QStringLiteral("Work POP3"),
                                  QStringLiteral("C: PASS hunter2"));
    QVERIFY(id > 0);

    const QList<ActivityEntry> entries = all();
    QCOMPARE(entries.size(), 1);
    const ActivityEntry &e = entries.first();
    QCOMPARE(e.id, id);
    QCOMPARE(e.area, QStringLiteral("retrieval"));
    QCOMPARE(e.level, QStringLiteral("info"));
    QCOMPARE(e.source, QStringLiteral("Work POP3"));
    QCOMPARE(e.message, QStringLiteral("C: PASS [redacted]"));
    QVERIFY(e.time.isValid());

    QCOMPARE(logged.count(), 1);
    const ActivityEntry signalled = logged.first().at(0).value<ActivityEntry>();
    QCOMPARE(signalled.id, id);
    QCOMPARE(signalled.message, QStringLiteral("C: PASS [redacted]"));

    // The source is redacted too (e.g. a URL with a token in it).
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("access_token=\\[redacted\\]")));
    m_log->warning(ActivityLogger::Area::Cloud,
                   QStringLiteral("https://x.test/cb?access_token=abc123"),
                   QStringLiteral("Authorization: Bearer eyJhbGciOi.x.y refused"));
    const QList<ActivityEntry> cloud = all(QStringLiteral("cloud"));
    QCOMPARE(cloud.size(), 1);
    QCOMPARE(cloud.first().source, QStringLiteral("https://x.test/cb?access_token=[redacted]"));
    QCOMPARE(cloud.first().message, QStringLiteral("Authorization: Bearer [redacted]"));
    QCOMPARE(cloud.first().level, QStringLiteral("warning"));
}

void tst_ActivityLogger::levels()
{
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("send failed")));
    m_log->error(ActivityLogger::Area::Smtp, QStringLiteral("Relay"),
                 QStringLiteral("send failed"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("slow")));
    m_log->warning(ActivityLogger::Area::Sync, QStringLiteral("Phone"), QStringLiteral("slow"));
    const QList<ActivityEntry> entries = all();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).level, QStringLiteral("warning")); // newest first
    QCOMPARE(entries.at(0).area, QStringLiteral("sync"));
    QCOMPARE(entries.at(1).level, QStringLiteral("error"));
    QCOMPARE(entries.at(1).area, QStringLiteral("smtp"));
}

void tst_ActivityLogger::debugOnlyWhenAsked()
{
    QCOMPARE(m_log->log(ActivityLogger::Area::App, ActivityLogger::Level::Debug, QString(),
                        QStringLiteral("detail")),
             qint64(0));
    QVERIFY(all().isEmpty());
    m_log->setStoreDebug(true);
    QVERIFY(m_log->log(ActivityLogger::Area::App, ActivityLogger::Level::Debug, QString(),
                       QStringLiteral("detail"))
            > 0);
    QCOMPARE(all().size(), 1);
    QCOMPARE(all().first().level, QStringLiteral("debug"));
}

void tst_ActivityLogger::writesToCategory()
{
    // Each area has its own category; the text in it is redacted as well.
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^Relay AUTH PLAIN \\[redacted\\]$")));
    m_log->warning(ActivityLogger::Area::Smtp, QStringLiteral("Relay"),
                   QStringLiteral("AUTH PLAIN AGFsaWNlAGh1bnRlcjI="));
    QCOMPARE(QString::fromLatin1(lcActivitySmtp().categoryName()),
             QStringLiteral("tributary.activity.smtp"));
    QCOMPARE(QString::fromLatin1(lcActivityRetrieval().categoryName()),
             QStringLiteral("tributary.activity.retrieval"));
}

void tst_ActivityLogger::withoutStore()
{
    ActivityLogger logger(nullptr);
    QSignalSpy logged(&logger, &ActivityLogger::entryLogged);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("hello")));
    QCOMPARE(logger.info(ActivityLogger::Area::App, QString(), QStringLiteral("hello")), qint64(0));
    QCOMPARE(logged.count(), 1);
    QVERIFY(all().isEmpty());
}

void tst_ActivityLogger::capturesAppWarnings()
{
    ActivityLogger::installMessageHandler(m_log.get());
    QCOMPARE(ActivityLogger::messageHandlerTarget(), m_log.get());

    QTest::ignoreMessage(QtWarningMsg, "S: a1 LOGIN bob s3cret");
    qCWarning(lcImap) << "S: a1 LOGIN bob s3cret"; // the previous handler still sees the original
    QTest::ignoreMessage(QtCriticalMsg, "token=abc refused");
    qCCritical(lcTestCloud).noquote() << "token=abc refused";
    // Not captured: info messages, and categories that are not the application's.
    qCInfo(lcImap) << "just info";
    QTest::ignoreMessage(QtWarningMsg, "outside warning");
    qCWarning(lcOutside).noquote() << "outside warning";
    // Not captured: the logger's own categories (that would loop).
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("direct")));
    m_log->warning(ActivityLogger::Area::App, QString(), QStringLiteral("direct"));

    const QList<ActivityEntry> entries = all();
    QCOMPARE(entries.size(), 3);
    const ActivityEntry &direct = entries.at(0);
    QCOMPARE(direct.message, QStringLiteral("direct"));
    const ActivityEntry &cloud = entries.at(1);
    QCOMPARE(cloud.area, QStringLiteral("cloud"));
    QCOMPARE(cloud.level, QStringLiteral("error"));
    QCOMPARE(cloud.source, QStringLiteral("tributary.oauth.test"));
    QCOMPARE(cloud.message, QStringLiteral("token=[redacted] refused"));
    const ActivityEntry &imap = entries.at(2);
    QCOMPARE(imap.area, QStringLiteral("retrieval"));
    QCOMPARE(imap.level, QStringLiteral("warning"));
    QCOMPARE(imap.source, QStringLiteral("tributary.imap"));
    QVERIFY2(!imap.message.contains(QLatin1String("s3cret")), qPrintable(imap.message));
    QVERIFY(imap.message.contains(QLatin1String("[redacted]")));

    ActivityLogger::removeMessageHandler();
    QCOMPARE(ActivityLogger::messageHandlerTarget(), nullptr);
    QTest::ignoreMessage(QtWarningMsg, "after removal");
    qCWarning(lcImap).noquote() << "after removal";
    QCOMPARE(all().size(), 3);
}

void tst_ActivityLogger::handlerRemovedWithLogger()
{
    auto logger = std::make_unique<ActivityLogger>(m_store.get());
    ActivityLogger::installMessageHandler(logger.get());
    logger.reset();
    QCOMPARE(ActivityLogger::messageHandlerTarget(), nullptr);
    QTest::ignoreMessage(QtWarningMsg, "nobody listens");
    qCWarning(lcSmtp).noquote() << "nobody listens";
    QVERIFY(all().isEmpty());
}

void tst_ActivityLogger::fromWorkerThread()
{
    qint64 id = 0;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        id = m_log->log(ActivityLogger::Area::Migration, ActivityLogger::Level::Info,
                        QStringLiteral("Import"), QStringLiteral("password=hunter2 imported"));
        m_store->releaseThreadConnection();
    }));
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("password=\\[redacted\\]")));
    thread->start();
    QVERIFY(thread->wait(30000));
    QVERIFY(id > 0);
    const QList<ActivityEntry> entries = all(QStringLiteral("migration"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().message, QStringLiteral("password=[redacted] imported"));
}

void tst_ActivityLogger::categoryAreas()
{
    using A = ActivityLogger::Area;
    QCOMPARE(ActivityLogger::areaForCategory("tributary.pop3"), A::Retrieval);
    QCOMPARE(ActivityLogger::areaForCategory("tributary.imap"), A::Retrieval);
    QCOMPARE(ActivityLogger::areaForCategory("tributary.smtp"), A::Smtp);
    QCOMPARE(ActivityLogger::areaForCategory("tributary.oauth"), A::Cloud);
    QCOMPARE(ActivityLogger::areaForCategory("tributary.migration.engine"), A::Migration);
    QCOMPARE(ActivityLogger::areaForCategory("tributary.syncserver"), A::Sync);
    QCOMPARE(ActivityLogger::areaForCategory("tributary.devices"), A::Devices);
    QCOMPARE(ActivityLogger::areaForCategory("tributary.store"), A::App);
    QCOMPARE(ActivityLogger::areaForCategory("tributary.activity.smtp"), A::Smtp);
    QCOMPARE(ActivityLogger::areaForCategory("qt.network"), A::App);
    QCOMPARE(ActivityLogger::areaForCategory(nullptr), A::App);
}

QTEST_GUILESS_MAIN(tst_ActivityLogger)
#include "tst_activitylogger.moc"
