#include "connectors/ews/ewsclient.h"
#include "connectors/ews/ewsjobs.h"
#include "fakes/ewsfakeserver.h"
#include "fakes/scriptedserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace Tributary;
using Tributary::Testing::FakeEwsServer;
using Tributary::Testing::ScriptedServer;

namespace {

QByteArray mime(int n)
{
    return QByteArrayLiteral("From: Alice <alice@example.test>\r\nTo: bob@example.test\r\n")
        + "Subject: message " + QByteArray::number(n) + "\r\nMessage-ID: <m" + QByteArray::number(n)
        + "@example.test>\r\nDate: Thu, 26 Nov 2026 10:00:00 +0000\r\n\r\nBody \xc3\xa4 "
        + QByteArray::number(n) + "\r\n";
}

bool runJob(Net::Job *job)
{
    QSignalSpy spy(job, &Net::Job::finished);
    job->start();
    return spy.wait(20000) && spy.size() == 1;
}

} // namespace

class TestEwsClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeEwsServer>();
        m_server->setBasicCredentials(QStringLiteral("CONTOSO\\alice"), QStringLiteral("s3cret"));
        QVERIFY(m_server->listen());
        m_client = std::make_unique<Ews::Client>();
        m_client->setUrl(m_server->url());
        m_client->setExtraCaCertificates(ScriptedServer::caCertificates());
        m_client->setCredentials(QStringLiteral("CONTOSO\\alice"), QStringLiteral("s3cret"));
        m_client->setTimeout(20000);
    }
    void cleanup()
    {
        if (m_server)
            QVERIFY2(m_server->failures().isEmpty(), qPrintable(m_server->failures().join(u'\n')));
        m_client.reset();
        m_server.reset();
    }

    void urlForServer()
    {
        QCOMPARE(Ews::Client::urlForServer(QStringLiteral("mail.example.com")),
                 QUrl(QStringLiteral("https://mail.example.com/EWS/Exchange.asmx")));
        QCOMPARE(Ews::Client::urlForServer(QStringLiteral("mail.example.com"), 8443),
                 QUrl(QStringLiteral("https://mail.example.com:8443/EWS/Exchange.asmx")));
        QCOMPARE(Ews::Client::urlForServer(QStringLiteral("https://x.test/ews/exchange.asmx")),
                 QUrl(QStringLiteral("https://x.test/ews/exchange.asmx")));
    }

    void listFoldersWithBasicAfter401()
    {
        const QString projects = m_server->addFolder(m_server->folderId(QStringLiteral("inbox")),
                                                     QStringLiteral("Projects"));
        m_server->addFolder(projects, QStringLiteral("2026"));
        m_server->addFolder(m_server->folderId(QStringLiteral("msgfolderroot")),
                            QStringLiteral("Contacts"), QStringLiteral("IPF.Contact"));
        auto *job = new Ews::ListFoldersJob(m_client.get());
        job->setPageSize(3); // forces FindFolder paging
        QVERIFY(runJob(job));
        QCOMPARE(job->error(), Net::Error::Kind::None);
        // The first request goes without credentials; the server's 401 names Basic.
        QVERIFY(m_server->unauthorizedCount() >= 1);
        QVERIFY(m_server->authorizationHeaders().constLast().startsWith("Basic "));
        QCOMPARE(job->rootFolderId(), m_server->folderId(QStringLiteral("msgfolderroot")));
        QStringList names;
        QHash<QString, QString> distinguished;
        for (const Ews::Folder &f : job->folders()) {
            names.append(f.displayName);
            if (!f.distinguishedId.isEmpty())
                distinguished.insert(f.distinguishedId, f.displayName);
        }
        // Mail folders only (no Calendar, no Contacts), parents before children.
        QCOMPARE(names.size(), 7);
        QVERIFY(!names.contains(QStringLiteral("Calendar")));
        QVERIFY(!names.contains(QStringLiteral("Contacts")));
        QVERIFY(names.indexOf(QStringLiteral("Inbox")) < names.indexOf(QStringLiteral("Projects")));
        QVERIFY(names.indexOf(QStringLiteral("Projects")) < names.indexOf(QStringLiteral("2026")));
        QCOMPARE(distinguished.value(QStringLiteral("inbox")), QStringLiteral("Inbox"));
        QCOMPARE(distinguished.value(QStringLiteral("sentitems")), QStringLiteral("Sent Items"));
        QCOMPARE(distinguished.value(QStringLiteral("junkemail")), QStringLiteral("Junk Email"));
        const QStringList ops = m_server->operations();
        QCOMPARE(ops.first(), QStringLiteral("GetFolder"));
        QVERIFY(ops.count(QStringLiteral("FindFolder")) >= 3); // 9 folders in pages of 3
    }

    void wrongPasswordIsAuthenticationError()
    {
        m_client->setCredentials(QStringLiteral("CONTOSO\\alice"), QStringLiteral("wrong"));
        auto *job = new Ews::ListFoldersJob(m_client.get());
        QVERIFY(runJob(job));
        QCOMPARE(job->error(), Net::Error::Kind::Authentication);
        QVERIFY(job->errorString().contains(QStringLiteral("user name or password")));
        QVERIFY(!job->details().contains(QStringLiteral("wrong")));
        QVERIFY(m_server->operations().isEmpty());
        QVERIFY(m_server->unauthorizedCount() >= 2); // asked once more with the password, no loop
        QVERIFY(m_server->unauthorizedCount() <= 3);
    }

    void bearerToken()
    {
        m_server->setBearerToken("access-token-1");
        m_client->setBearerToken("access-token-1");
        auto *job = new Ews::ListFoldersJob(m_client.get());
        QVERIFY(runJob(job));
        QCOMPARE(job->error(), Net::Error::Kind::None);
        QCOMPARE(m_server->unauthorizedCount(), 0);
        QCOMPARE(m_server->authorizationHeaders().first(), QByteArray("Bearer access-token-1"));

        m_client->setBearerToken("expired-token");
        auto *again = new Ews::ListFoldersJob(m_client.get());
        QVERIFY(runJob(again));
        QCOMPARE(again->error(), Net::Error::Kind::Authentication);
        QVERIFY(again->errorString().contains(QStringLiteral("Sign in again")));
        QCOMPARE(m_server->unauthorizedCount(), 1); // no other scheme tried with the token
    }

    void plainHttpRefusedWithoutSending()
    {
        QUrl url = m_server->url();
        url.setScheme(QStringLiteral("http"));
        m_client->setUrl(url);
        auto *job = new Ews::ListFoldersJob(m_client.get());
        QVERIFY(runJob(job));
        QCOMPARE(job->error(), Net::Error::Kind::TlsNotOffered);
        QVERIFY(m_server->authorizationHeaders().isEmpty());
    }

    void untrustedCertificateThenPinned()
    {
        m_client->setExtraCaCertificates({});
        auto *job = new Ews::ListFoldersJob(m_client.get());
        QVERIFY(runJob(job));
        QCOMPARE(job->error(), Net::Error::Kind::Tls);
        QVERIFY(!job->errorValue().peerFingerprint.isEmpty());
        QVERIFY(m_server->operations().isEmpty());

        m_client->setPinnedSha256(job->errorValue().peerFingerprint);
        auto *pinned = new Ews::ListFoldersJob(m_client.get());
        QVERIFY(runJob(pinned));
        QCOMPARE(pinned->error(), Net::Error::Kind::None);
    }

    void syncFolderItemsIncrementalAndGetItemMime()
    {
        const QString inbox = m_server->folderId(QStringLiteral("inbox"));
        QStringList ids;
        for (int i = 1; i <= 5; ++i)
            ids.append(m_server->addMessage(
                inbox, mime(i), QDateTime(QDate(2026, 11, i), QTime(8, 0), Qt::UTC), i == 2));
        auto *sync = new Ews::SyncFolderItemsJob(m_client.get());
        sync->setFolderId(inbox);
        sync->setMaxChanges(3);
        QVERIFY(runJob(sync));
        QCOMPARE(sync->error(), Net::Error::Kind::None);
        QCOMPARE(sync->result().created, ids.mid(0, 3));
        QVERIFY(!sync->result().includesLastItemInRange);
        QVERIFY(!m_server->requestBodies().constLast().contains("SyncState>")); // first sync

        auto *next = new Ews::SyncFolderItemsJob(m_client.get());
        next->setFolderId(inbox);
        next->setSyncState(sync->result().syncState);
        next->setMaxChanges(3);
        QVERIFY(runJob(next));
        QCOMPARE(next->result().created, ids.mid(3));
        QVERIFY(next->result().includesLastItemInRange);
        QVERIFY(m_server->requestBodies().constLast().contains(sync->result().syncState.toUtf8()));

        // Nothing new: no changes; a removed item comes back as a Delete.
        m_server->removeItem(ids.at(0));
        auto *third = new Ews::SyncFolderItemsJob(m_client.get());
        third->setFolderId(inbox);
        third->setSyncState(next->result().syncState);
        QVERIFY(runJob(third));
        QVERIFY(third->result().created.isEmpty());
        QCOMPARE(third->result().deleted, QStringList {ids.at(0)});

        auto *get = new Ews::GetItemJob(m_client.get());
        get->setItemIds({ids.at(1), ids.at(0), ids.at(4)});
        QVERIFY(runJob(get));
        QCOMPARE(get->error(), Net::Error::Kind::None);
        const QList<Ews::Item> items = get->items();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).id, ids.at(1));
        QCOMPARE(items.at(0).mimeContent, mime(2));
        QVERIFY(items.at(0).isRead);
        QCOMPARE(items.at(0).dateTimeReceived, QDateTime(QDate(2026, 11, 2), QTime(8, 0), Qt::UTC));
        QCOMPARE(items.at(1).status.responseCode, QStringLiteral("ErrorItemNotFound"));
        QVERIFY(items.at(1).mimeContent.isEmpty());
        QCOMPARE(items.at(2).mimeContent, mime(5));
        QVERIFY(!items.at(2).isRead);
    }

    void invalidSyncState()
    {
        const QString inbox = m_server->folderId(QStringLiteral("inbox"));
        m_server->addMessage(inbox, mime(1));
        auto *sync = new Ews::SyncFolderItemsJob(m_client.get());
        sync->setFolderId(inbox);
        sync->setSyncState(QStringLiteral("H4sIAAAAAAAEAO29B2AcSZYlJi9tynt-stale"));
        QVERIFY(runJob(sync));
        QCOMPARE(sync->error(), Net::Error::Kind::Command);
        QCOMPARE(sync->status().responseCode, QStringLiteral("ErrorInvalidSyncStateData"));
        QVERIFY(sync->errorString().contains(QStringLiteral("synchronization state")));
    }

    void serverBusyFault()
    {
        m_server->failNext(QStringLiteral("SyncFolderItems"), FakeEwsServer::Fault::ServerBusy);
        auto *sync = new Ews::SyncFolderItemsJob(m_client.get());
        sync->setFolderId(m_server->folderId(QStringLiteral("inbox")));
        QVERIFY(runJob(sync));
        QCOMPARE(sync->error(), Net::Error::Kind::Command);
        QCOMPARE(sync->status().responseCode, QStringLiteral("ErrorServerBusy"));
        QCOMPARE(sync->backOffMilliseconds(), 30000);
        QVERIFY(sync->errorString().contains(QStringLiteral("busy")));
    }

    void malformedReply()
    {
        m_server->failNext(QStringLiteral("GetItem"), FakeEwsServer::Fault::Malformed);
        auto *get = new Ews::GetItemJob(m_client.get());
        get->setItemIds({QStringLiteral("AAMkItemAAA0001=")});
        QVERIFY(runJob(get));
        QCOMPARE(get->error(), Net::Error::Kind::ProtocolViolation);
        QVERIFY(get->details().contains(QStringLiteral("malformed XML")));
    }

    void http503()
    {
        m_server->failNext(QStringLiteral("GetFolder"), FakeEwsServer::Fault::Http503);
        auto *job = new Ews::ListFoldersJob(m_client.get());
        QVERIFY(runJob(job));
        QCOMPARE(job->error(), Net::Error::Kind::Command);
        QVERIFY(job->errorString().contains(QStringLiteral("503")));
    }

    void connectionRefused()
    {
        QUrl url = m_server->url();
        m_server.reset(); // nothing listens there any more
        m_client->setUrl(url);
        auto *job = new Ews::ListFoldersJob(m_client.get());
        QVERIFY(runJob(job));
        QCOMPARE(job->error(), Net::Error::Kind::ConnectionRefused);
    }

    void cancelEndsOnce()
    {
        auto *job = new Ews::ListFoldersJob(m_client.get());
        QSignalSpy spy(job, &Net::Job::finished);
        job->start();
        job->cancel();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(job->error(), Net::Error::Kind::Cancelled);
        QTest::qWait(50); // a late reply must not finish it again
        QCOMPARE(spy.size(), 1);
    }

private:
    std::unique_ptr<FakeEwsServer> m_server;
    std::unique_ptr<Ews::Client> m_client;
};

QTEST_MAIN(TestEwsClient)
#include "tst_ewsclient.moc"
