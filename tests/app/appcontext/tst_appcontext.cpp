#include "app/services/activitylogger.h"
#include "app/services/appcontext.h"
#include "app/services/profile.h"
#include "app/services/secretstore.h"
#include "app/services/settingsnames.h"
#include "connectors/common/logging.h"
#include "models/activitylogmodel.h"
#include "models/cloudconnectionlistmodel.h"
#include "models/devicelistmodel.h"
#include "models/foldertreemodel.h"
#include "models/loginrecordlistmodel.h"
#include "models/messagelistmodel.h"
#include "models/migrationjoblistmodel.h"
#include "models/retrievaltasklistmodel.h"
#include "models/smtpaccountlistmodel.h"
#include "models/store.h"
#include "support/testenv.h"

#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Tributary;

class tst_AppContext : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensProfile();
    void modelsAreCreatedOnce();
    void logReachesStoreAndModel();
    void secretsStayInKeychain();
    void captureWarnings();
    void profilesDoNotCollide();
    void failsWhenProfileUnusable();
};

namespace {

// Every byte of every file below `dir`.
QByteArray allFileContents(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

std::unique_ptr<SecretJob> finish(SecretJob *job)
{
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    QSignalSpy spy(job, &SecretJob::finished);
    if (!job->isFinished())
        spy.wait(20000);
    return owned;
}

} // namespace

void tst_AppContext::opensProfile()
{
    const Profile profile(TestEnv::scratchDir(QStringLiteral("appcontext-open"))
                          + QStringLiteral("/p"));
    QString error;
    std::unique_ptr<AppContext> context = AppContext::open(profile, &error);
    QVERIFY2(context, qPrintable(error));
    QCOMPARE(context->profile(), profile);
    QVERIFY(context->store().isOpen());
    QCOMPARE(context->store().schemaVersion(), Store::currentSchemaVersion());
    QVERIFY(context->store().databasePath().startsWith(profile.storeDir() + QLatin1Char('/')));
    QCOMPARE(context->settings().fileName(), profile.settingsFile());
    QCOMPARE(context->settings().format(), QSettings::IniFormat);
    QCOMPARE(context->secrets().jobTimeout(), SecretStore::defaultTimeout());
    QVERIFY(QFile::exists(context->store().databasePath()));
}

void tst_AppContext::modelsAreCreatedOnce()
{
    const Profile profile(TestEnv::scratchDir(QStringLiteral("appcontext-models")));
    QString error;
    auto context = AppContext::open(profile, &error);
    QVERIFY2(context, qPrintable(error));

    QVERIFY(context->folderModel());
    QCOMPARE(context->folderModel(), context->folderModel());
    QVERIFY(context->messageModel());
    QCOMPARE(context->messageModel(), context->messageModel());
    QVERIFY(context->retrievalTasks());
    QCOMPARE(context->retrievalTasks(), context->retrievalTasks());
    QVERIFY(context->smtpAccounts());
    QCOMPARE(context->smtpAccounts(), context->smtpAccounts());
    QVERIFY(context->cloudConnections());
    QCOMPARE(context->cloudConnections(), context->cloudConnections());
    QVERIFY(context->devices());
    QCOMPARE(context->devices(), context->devices());
    QVERIFY(context->loginRecords());
    QCOMPARE(context->loginRecords(), context->loginRecords());
    QVERIFY(context->migrationJobs());
    QCOMPARE(context->migrationJobs(), context->migrationJobs());
    QVERIFY(context->activityModel());
    QCOMPARE(context->activityModel(), context->activityModel());
    QCOMPARE(static_cast<QObject *>(context->folderModel())->parent(), context.get());

    // A fresh store has its default folders, and the folder model shows them.
    QVERIFY(context->folderModel()->rowCount() > 0);

    // Destroying the context with models alive is clean (models go before the store).
    QPointer<QObject> model(context->messageModel());
    context.reset();
    QVERIFY(model.isNull());
}

void tst_AppContext::logReachesStoreAndModel()
{
    const Profile profile(TestEnv::scratchDir(QStringLiteral("appcontext-log")));
    QString error;
    auto context = AppContext::open(profile, &error);
    QVERIFY2(context, qPrintable(error));

    ActivityLogModel *model = context->activityModel();
    const int before = model->rowCount();
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("PASS \\[redacted\\]")));
    QVERIFY(context->log().info(ActivityLogger::Area::Retrieval, QStringLiteral("Work"),
                                QStringLiteral("PASS hunter2"))
            > 0);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), before + 1, 30000);
    const ActivityEntry top = model->itemAt(0);
    QCOMPARE(top.message, QStringLiteral("PASS [redacted]"));
    QCOMPARE(top.area, QStringLiteral("retrieval"));
}

void tst_AppContext::secretsStayInKeychain()
{
    const Profile profile(TestEnv::scratchDir(QStringLiteral("appcontext-secrets")));
    const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray secret("Kq9-unique-secret-7Xz");
    {
        QString error;
        auto context = AppContext::open(profile, &error);
        QVERIFY2(context, qPrintable(error));
        QCOMPARE(finish(context->secrets().write(SecretKind::Password, account, secret))->error(),
                 SecretJob::Error::NoError);
        QCOMPARE(finish(context->secrets().read(SecretKind::Password, account))->secret(), secret);
        // Protocol traces that carry it are logged, redacted.
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("LOGIN")));
        context->log().info(ActivityLogger::Area::Retrieval, QStringLiteral("Work"),
                            QStringLiteral("C: a1 LOGIN alice ") + QString::fromLatin1(secret));
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("PASS")));
        context->log().info(ActivityLogger::Area::Retrieval, QStringLiteral("Work"),
                            QStringLiteral("PASS ") + QString::fromLatin1(secret));
        QCOMPARE(context->secrets().indexedKinds(account),
                 QList<SecretKind> {SecretKind::Password});
        QCOMPARE(context->store().counts().value(QStringLiteral("activity")), qint64(2));
    }
    // Closed: the store, its WAL, the settings and the logs folder are all on disk now.
    const QByteArray everything = allFileContents(profile.dir());
    QVERIFY(everything.contains(account.toLatin1())); // the key index is there
    QVERIFY(!everything.contains(secret));
    QVERIFY(!everything.contains(secret.toBase64()));
    QVERIFY(!everything.contains(QString::fromLatin1(secret).toUtf8()));
    QVERIFY(!everything.contains(QByteArray::fromRawData(
        reinterpret_cast<const char *>(QString::fromLatin1(secret).utf16()), secret.size() * 2)));

    // Still in the keychain for the next start.
    QString error;
    auto reopened = AppContext::open(profile, &error);
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(finish(reopened->secrets().read(SecretKind::Password, account))->secret(), secret);
    QCOMPARE(finish(reopened->secrets().removeAll(account))->error(), SecretJob::Error::NoError);
}

void tst_AppContext::captureWarnings()
{
    const Profile profile(TestEnv::scratchDir(QStringLiteral("appcontext-capture")));
    QString error;
    auto context = AppContext::open(profile, &error);
    QVERIFY2(context, qPrintable(error));

    QTest::ignoreMessage(QtWarningMsg, "before capture");
    qCWarning(lcSmtp).noquote() << "before capture";
    context->setCaptureWarnings(true);
    QTest::ignoreMessage(QtWarningMsg, "AUTH PLAIN AGFsaWNlAGh1bnRlcjI=");
    qCWarning(lcSmtp).noquote() << "AUTH PLAIN AGFsaWNlAGh1bnRlcjI=";
    ActivityQuery query;
    query.area = QStringLiteral("smtp");
    QList<ActivityEntry> entries = context->store().activity(query);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().message, QStringLiteral("AUTH PLAIN [redacted]"));
    QCOMPARE(entries.first().level, QStringLiteral("warning"));

    context->setCaptureWarnings(false);
    QCOMPARE(ActivityLogger::messageHandlerTarget(), nullptr);
    context->setCaptureWarnings(true);
    context.reset();
    QCOMPARE(ActivityLogger::messageHandlerTarget(), nullptr);
    QTest::ignoreMessage(QtWarningMsg, "after close");
    qCWarning(lcSmtp).noquote() << "after close";
}

void tst_AppContext::profilesDoNotCollide()
{
    const QString root = TestEnv::scratchDir(QStringLiteral("appcontext-two"));
    QString error;
    auto a = AppContext::open(Profile(root + QStringLiteral("/a")), &error);
    QVERIFY2(a, qPrintable(error));
    auto b = AppContext::open(Profile(root + QStringLiteral("/b")), &error);
    QVERIFY2(b, qPrintable(error));
    QVERIFY(a->store().databasePath() != b->store().databasePath());
    QVERIFY(a->settings().fileName() != b->settings().fileName());

    a->settings().setValue(SettingsNames::lastPage, QStringLiteral("smtp"));
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("only in a")));
    a->log().info(ActivityLogger::Area::App, QString(), QStringLiteral("only in a"));
    QCOMPARE(a->store().counts().value(QStringLiteral("activity")), qint64(1));
    QCOMPARE(b->store().counts().value(QStringLiteral("activity")), qint64(0));
    QVERIFY(!b->settings().contains(SettingsNames::lastPage));
}

void tst_AppContext::failsWhenProfileUnusable()
{
    const QString path
        = TestEnv::scratchDir(QStringLiteral("appcontext-bad")) + QStringLiteral("/file");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    auto context = AppContext::open(Profile(path), &error);
    QVERIFY(!context);
    QVERIFY(!error.isEmpty());

    QString error2;
    QVERIFY(!AppContext::open(Profile(), &error2));
    QVERIFY(!error2.isEmpty());
}

QTEST_GUILESS_MAIN(tst_AppContext)
#include "tst_appcontext.moc"
