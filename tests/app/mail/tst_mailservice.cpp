// MailService on a scratch store: flags and moves (with the Store's change signals), loading
// a message for the reader, saving attachments byte for byte, and the Maildir export.
#include "app/services/mail/mailservice.h"
#include "models/store.h"
#include "support/testenv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Tributary;

namespace {

const QByteArray kAttachment = QByteArray("\x00\x01\x02binary\xff\xfe attachment bytes\r\n", 30);

QByteArray multipartMessage()
{
    return QByteArrayLiteral("From: Alice Example <alice@example.test>\r\n"
                             "To: Bob <bob@example.test>\r\n"
                             "Cc: carol@example.test\r\n"
                             "Subject: =?UTF-8?Q?R=C3=A9sum=C3=A9?= and pictures\r\n"
                             "Date: Fri, 27 Nov 2026 07:00:00 +0100\r\n"
                             "Message-ID: <m1@example.test>\r\n"
                             "MIME-Version: 1.0\r\n"
                             "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
                             "\r\n"
                             "--outer\r\n"
                             "Content-Type: multipart/related; boundary=\"rel\"\r\n"
                             "\r\n"
                             "--rel\r\n"
                             "Content-Type: text/html; charset=utf-8\r\n"
                             "\r\n"
                             "<p>Hello <img src=\"cid:logo@example.test\"></p>\r\n"
                             "--rel\r\n"
                             "Content-Type: image/png\r\n"
                             "Content-ID: <logo@example.test>\r\n"
                             "Content-Disposition: inline\r\n"
                             "Content-Transfer-Encoding: base64\r\n"
                             "\r\n"
                             "iVBORw0KGgo=\r\n"
                             "--rel--\r\n"
                             "--outer\r\n"
                             "Content-Type: application/octet-stream\r\n"
                             "Content-Disposition: attachment; filename=\"data.bin\"\r\n"
                             "Content-Transfer-Encoding: base64\r\n"
                             "\r\n")
        + kAttachment.toBase64() + QByteArrayLiteral("\r\n--outer--\r\n");
}

QByteArray plainMessage(const QByteArray &subject)
{
    return QByteArrayLiteral("From: a@example.test\r\nSubject: ") + subject
        + QByteArrayLiteral("\r\n\r\nBody of ") + subject + QByteArrayLiteral("\r\n");
}

} // namespace

class tst_MailService : public QObject
{
    Q_OBJECT

    std::unique_ptr<Store> m_store;
    std::unique_ptr<MailService> m_service;
    QString m_dir;
    qint64 m_inbox = 0;

    qint64 add(qint64 folder, const QByteArray &content, int flags, qint64 secs)
    {
        MessageRecord r;
        r.folderId = folder;
        r.flags = flags;
        r.internalDate = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
        r.subject = QString::fromUtf8(content.left(20));
        QString error;
        const qint64 id = m_store->storeMessage(r, content, &error);
        if (id <= 0)
            qWarning() << error;
        return id;
    }

    template<typename Job> static bool waitFor(Job *job)
    {
        job->setAutoDelete(false);
        if (job->isFinished())
            return true;
        QSignalSpy spy(job, &MailJob::finished);
        return spy.wait(20000);
    }

private Q_SLOTS:
    void init()
    {
        m_service.reset();
        m_store.reset();
        m_dir = TestEnv::scratchDir(QStringLiteral("tst_mailservice"));
        m_store = std::make_unique<Store>(m_dir + QStringLiteral("/profile"));
        QString error;
        QVERIFY2(m_store->open(&error), qPrintable(error));
        m_service = std::make_unique<MailService>(*m_store);
        m_inbox = m_store->specialFolder(Folder::SpecialUse::Inbox);
        QVERIFY(m_inbox > 0);
    }

    void cleanup()
    {
        m_service.reset();
        m_store.reset();
    }

    void flagsAndMoves()
    {
        const qint64 a = add(m_inbox, plainMessage("one"), 0, 1000);
        const qint64 b = add(m_inbox, plainMessage("two"), MessageRecord::Answered, 2000);
        QVERIFY(a > 0 && b > 0);
        QCOMPARE(m_store->unreadCount(m_inbox), 2);
        QSignalSpy flagsChanged(m_store.get(), &Store::messageFlagsChanged);
        QString error;
        QVERIFY2(m_service->setSeen({a, b}, true, &error), qPrintable(error));
        QCOMPARE(flagsChanged.count(), 2);
        QCOMPARE(m_store->unreadCount(m_inbox), 0);
        QCOMPARE(m_store->message(b)->flags, int(MessageRecord::Answered | MessageRecord::Seen));
        // Setting what is already set changes nothing (no signal).
        QVERIFY(m_service->setSeen({a}, true));
        QCOMPARE(flagsChanged.count(), 2);
        QVERIFY(m_service->setSeen({a}, false));
        QCOMPARE(m_store->unreadCount(m_inbox), 1);
        QVERIFY(m_service->setFlagged({b}, true));
        QVERIFY(m_store->message(b)->flags & MessageRecord::Flagged);
        QVERIFY(m_service->setFlagged({b}, false));
        QVERIFY(!(m_store->message(b)->flags & MessageRecord::Flagged));

        QSignalSpy moved(m_store.get(), &Store::messagesChanged);
        QVERIFY2(m_service->moveToDeletedItems({a}, &error), qPrintable(error));
        QCOMPARE(m_store->message(a)->folderId, m_service->deletedItemsFolder());
        QCOMPARE(m_store->unreadCount(m_service->deletedItemsFolder()), 1);
        QCOMPARE(m_store->unreadCount(m_inbox), 0);
        QVERIFY(moved.count() >= 1);
        const qint64 archive = m_store->specialFolder(Folder::SpecialUse::Archive);
        QVERIFY(m_service->move({a, b}, archive, &error));
        QCOMPARE(m_store->messageCount(archive), 2);
        QVERIFY(!m_service->move({a}, 987654, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!m_service->setSeen({987654}, true, &error));
    }

    void loadMessage()
    {
        const qint64 id = add(m_inbox, multipartMessage(), 0, 1000);
        QVERIFY(id > 0);
        LoadMessageJob *job = m_service->loadMessage(id);
        QVERIFY(waitFor(job));
        std::unique_ptr<LoadMessageJob> owned(job);
        QCOMPARE(job->error(), MailJob::Error::NoError);
        const MailContent &c = job->content();
        QCOMPARE(c.messageId, id);
        QCOMPARE(c.from, QStringLiteral("Alice Example <alice@example.test>"));
        QCOMPARE(c.to, QStringLiteral("Bob <bob@example.test>"));
        QCOMPARE(c.cc, QStringLiteral("carol@example.test"));
        QCOMPARE(c.subject, QStringLiteral("Résumé and pictures"));
        QCOMPARE(c.date.toUTC(), QDateTime(QDate(2026, 11, 27), QTime(6, 0), Qt::UTC));
        QVERIFY(c.htmlBody.contains(QStringLiteral("cid:logo@example.test")));
        QCOMPARE(c.attachments.size(), 2);
        QCOMPARE(c.attachments.at(1).fileName, QStringLiteral("data.bin"));
        QCOMPARE(c.inlineImages.value(QStringLiteral("logo@example.test")),
                 QByteArray::fromBase64("iVBORw0KGgo="));

        LoadMessageJob *missing = m_service->loadMessage(424242);
        QVERIFY(waitFor(missing));
        std::unique_ptr<LoadMessageJob> owned2(missing);
        QCOMPARE(missing->error(), MailJob::Error::NotFound);
        QVERIFY(!missing->errorString().isEmpty());
    }

    void saveAttachments()
    {
        const qint64 id = add(m_inbox, multipartMessage(), 0, 1000);
        const QString target = m_dir + QStringLiteral("/saved/data.bin");
        QVERIFY(QDir().mkpath(m_dir + QStringLiteral("/saved")));
        SaveAttachmentsJob *job = m_service->saveAttachments(id, {{1, target}});
        QVERIFY(waitFor(job));
        std::unique_ptr<SaveAttachmentsJob> owned(job);
        QCOMPARE(job->error(), MailJob::Error::NoError);
        QCOMPARE(job->savedFiles(), QStringList {target});
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), kAttachment);

        // A folder that cannot be written: the error names the file, in words.
        const QString bad = m_dir + QStringLiteral("/no/such/folder/data.bin");
        SaveAttachmentsJob *failing = m_service->saveAttachments(id, {{1, bad}});
        QVERIFY(waitFor(failing));
        std::unique_ptr<SaveAttachmentsJob> owned2(failing);
        QCOMPARE(failing->error(), MailJob::Error::WriteFailed);
        QVERIFY2(failing->errorString().contains(QStringLiteral("data.bin")),
                 qPrintable(failing->errorString()));
        QVERIFY(!QFile::exists(bad));

        SaveAttachmentsJob *range = m_service->saveAttachments(id, {{7, target}});
        QVERIFY(waitFor(range));
        std::unique_ptr<SaveAttachmentsJob> owned4(range);
        QCOMPARE(range->error(), MailJob::Error::Invalid);
    }

    void maildirExport()
    {
        // Nested and non-ASCII folders, flags of every kind.
        const qint64 rechnungen = m_store->createFolder(0, QStringLiteral("Rechnungen"));
        const qint64 maerz = m_store->createFolder(rechnungen, QStringLiteral("März 2024"));
        const qint64 greek = m_store->createFolder(0, QStringLiteral("Ελληνικά"));
        QVERIFY(rechnungen > 0 && maerz > 0 && greek > 0);
        struct Expect
        {
            qint64 id;
            QString dir;
            QString flags;
            QByteArray bytes;
        };
        QList<Expect> expected;
        auto put = [&](qint64 folder, const QString &dir, int flags, const QString &letters,
                       const QByteArray &bytes) {
            const qint64 id = add(folder, bytes, flags, 1700000000 + expected.size());
            QVERIFY(id > 0);
            expected.append({id, dir, letters, bytes});
        };
        put(m_inbox, QStringLiteral("Inbox"), 0, QString(), plainMessage("unread"));
        put(m_inbox, QStringLiteral("Inbox"), MessageRecord::Seen | MessageRecord::Flagged,
            QStringLiteral("FS"), multipartMessage());
        put(maerz, QStringLiteral("Rechnungen/März 2024"),
            MessageRecord::Seen | MessageRecord::Answered | MessageRecord::Draft
                | MessageRecord::Deleted,
            QStringLiteral("DRST"), plainMessage("bill"));
        put(greek, QStringLiteral("Ελληνικά"), MessageRecord::Seen, QStringLiteral("S"),
            QByteArray("From: x@example.test\nSubject: bare LF\n\nno CR here\n"));

        const QString out = m_dir + QStringLiteral("/export");
        MaildirExportJob *job = m_service->exportMaildir(out, 0);
        QSignalSpy progress(job, &MailJob::progress);
        QVERIFY(waitFor(job));
        std::unique_ptr<MaildirExportJob> owned(job);
        QCOMPARE(job->error(), MailJob::Error::NoError);
        QCOMPARE(job->exportedCount(), qint64(expected.size()));
        QVERIFY(!progress.isEmpty());

        for (const Expect &e : std::as_const(expected)) {
            const QString name = QStringLiteral("%1/%2/cur/%3.M%4.tributary:2,%5")
                                     .arg(out, e.dir)
                                     .arg(m_store->message(e.id)->internalDate.toSecsSinceEpoch())
                                     .arg(e.id)
                                     .arg(e.flags);
            QFile file(name);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
            QCOMPARE(file.readAll(), e.bytes);
        }
        // Every folder is a Maildir, even an empty one; tmp/ and new/ are left empty.
        for (const QString &dir :
             {QStringLiteral("Inbox"), QStringLiteral("Sent"), QStringLiteral("Deleted Items"),
              QStringLiteral("Rechnungen"), QStringLiteral("Rechnungen/März 2024")}) {
            for (const QString &sub :
                 {QStringLiteral("cur"), QStringLiteral("new"), QStringLiteral("tmp")})
                QVERIFY2(QFileInfo(out + QLatin1Char('/') + dir + QLatin1Char('/') + sub).isDir(),
                         qPrintable(dir + QLatin1Char('/') + sub));
            QVERIFY(QDir(out + QLatin1Char('/') + dir + QStringLiteral("/tmp"))
                        .entryList(QDir::Files)
                        .isEmpty());
        }
        int files = 0;
        QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++files;
        }
        QCOMPARE(files, expected.size());

        // One folder with its subfolders only.
        const QString one = m_dir + QStringLiteral("/export-one");
        MaildirExportJob *partial = m_service->exportMaildir(one, rechnungen);
        QVERIFY(waitFor(partial));
        std::unique_ptr<MaildirExportJob> owned2(partial);
        QCOMPARE(partial->error(), MailJob::Error::NoError);
        QCOMPARE(partial->exportedCount(), 1);
        QVERIFY(QFileInfo(one + QStringLiteral("/Rechnungen/März 2024/cur")).isDir());
        QVERIFY(!QFileInfo::exists(one + QStringLiteral("/Inbox")));

        // A target that cannot be created fails in words.
        MaildirExportJob *bad = m_service->exportMaildir(QStringLiteral("/proc/forbidden"), 0);
        QVERIFY(waitFor(bad));
        std::unique_ptr<MaildirExportJob> owned3(bad);
        QCOMPARE(bad->error(), MailJob::Error::WriteFailed);
        QVERIFY(!bad->errorString().isEmpty());
    }

    void maildirFlagLetters()
    {
        QCOMPARE(MaildirExportJob::maildirFlags(0), QString());
        QCOMPARE(MaildirExportJob::maildirFlags(MessageRecord::Seen | MessageRecord::Flagged
                                                | MessageRecord::Answered | MessageRecord::Draft
                                                | MessageRecord::Deleted),
                 QStringLiteral("DFRST"));
    }
};

QTEST_GUILESS_MAIN(tst_MailService)
#include "tst_mailservice.moc"
