// The IMAP client against the real Dovecot fixture (tests/env/dovecot.sh).
#include "imaptesthelpers.h"

#include "connectors/common/endpoint.h"
#include "connectors/imap/imapauthjobs.h"
#include "connectors/imap/imapidlejob.h"
#include "connectors/imap/imapmailboxjobs.h"
#include "connectors/imap/imapmessagejobs.h"
#include "connectors/imap/imapsession.h"

#include <QTest>

using namespace Tributary;
using namespace Tributary::Imap;
using namespace ImapTest;
using Kind = Net::Error::Kind;

class TstImapSession : public QObject
{
    Q_OBJECT

    // A logged-in session for user uN with an empty mailbox.
    bool login(Session &s, int n, Net::Security security = Net::Security::StartTls,
               bool reset = true)
    {
        const QString user = QStringLiteral("u%1").arg(n);
        if (reset && !resetUser(user))
            return false;
        s.setEndpoint(endpoint(security));
        LoginJob login(&s);
        login.setUser(user);
        login.setPassword(QStringLiteral("pw-u%1").arg(n));
        if (!run(&login))
            return false;
        if (login.error() != Kind::None)
            qWarning() << login.details();
        return login.error() == Kind::None && s.state() == Session::State::Authenticated;
    }

    QString m_scratch;

private Q_SLOTS:
    void initTestCase()
    {
        QString port;
        TRIBUTARY_REQUIRE_ENV(port, "dovecot", "IMAP_PORT");
        m_scratch = TestEnv::scratchDir(QStringLiteral("imapsession"));
    }

    void plainLogin()
    {
        QVERIFY(resetUser(QStringLiteral("u1")));
        Session s;
        s.setEndpoint(endpoint(Net::Security::None));
        QSignalSpy states(&s, &Session::stateChanged);
        LoginJob login(&s);
        login.setUser(QStringLiteral("u1"));
        login.setPassword(QStringLiteral("pw-u1"));
        QVERIFY(run(&login));
        QCOMPARE(login.error(), Kind::None);
        QVERIFY(!s.isEncrypted());
        QCOMPARE(s.state(), Session::State::Authenticated);
        QVERIFY(s.greetingText().contains(QStringLiteral("Dovecot")));
        QVERIFY(s.hasCapability("IMAP4REV1"));
        QVERIFY(s.hasCapability("IDLE"));
        QVERIFY(s.hasCapability("CONDSTORE")); // post-login capabilities
        QVERIFY(states.count() >= 3); // Connecting, NotAuthenticated, Authenticated

        LogoutJob logout(&s);
        QVERIFY(run(&logout));
        QCOMPARE(logout.error(), Kind::None);
        QCOMPARE(s.state(), Session::State::Disconnected);
    }

    void startTlsLogin()
    {
        Session s;
        QVERIFY(login(s, 2, Net::Security::StartTls));
        QVERIFY(s.isEncrypted());
        QVERIFY(!s.hasCapability("STARTTLS")); // capabilities were refreshed after TLS
    }

    void implicitTlsAuthenticatePlain()
    {
        QVERIFY(resetUser(QStringLiteral("u3")));
        Session s;
        s.setEndpoint(endpoint(Net::Security::ImplicitTls));
        AuthenticateJob auth(&s);
        Net::Sasl::Credentials c;
        c.user = QStringLiteral("u3");
        c.password = QStringLiteral("pw-u3");
        auth.setCredentials(c);
        auth.setMechanism(Net::Sasl::Mechanism::Plain);
        QVERIFY(run(&auth));
        QVERIFY2(auth.error() == Kind::None, qPrintable(auth.details()));
        QVERIFY(s.isEncrypted());
        QCOMPARE(s.state(), Session::State::Authenticated);
    }

    void authenticateLoginMechanism()
    {
        Session s;
        s.setEndpoint(endpoint(Net::Security::StartTls));
        AuthenticateJob auth(&s);
        Net::Sasl::Credentials c;
        c.user = QStringLiteral("u4");
        c.password = QStringLiteral("pw-u4");
        auth.setCredentials(c);
        auth.setMechanism(Net::Sasl::Mechanism::Login); // challenge/response, no SASL-IR
        QVERIFY(run(&auth));
        QVERIFY2(auth.error() == Kind::None, qPrintable(auth.details()));
        QCOMPARE(s.state(), Session::State::Authenticated);
    }

    void wrongPassword()
    {
        Session s;
        s.setEndpoint(endpoint(Net::Security::StartTls));
        LoginJob login(&s);
        login.setUser(QStringLiteral("u5"));
        login.setPassword(QStringLiteral("not-the-password"));
        QVERIFY(run(&login));
        QCOMPARE(login.error(), Kind::Authentication);
        QVERIFY2(login.errorValue().serverReply.contains(QStringLiteral("AUTHENTICATIONFAILED")),
                 qPrintable(login.errorValue().serverReply));
        QVERIFY(!login.errorString().isEmpty());
        QCOMPARE(s.state(), Session::State::NotAuthenticated);

        AuthenticateJob auth(&s);
        Net::Sasl::Credentials c;
        c.user = QStringLiteral("u5");
        c.password = QStringLiteral("wrong");
        auth.setCredentials(c);
        QVERIFY(run(&auth));
        QCOMPARE(auth.error(), Kind::Authentication);
        QVERIFY(auth.errorValue().serverReply.contains(QStringLiteral("Authentication failed")));
    }

    void loginDisabledBeforeStartTls()
    {
        QString host, port;
        TRIBUTARY_REQUIRE_ENV(host, "dovecot", "IMAP_STRICT_HOST");
        TRIBUTARY_REQUIRE_ENV(port, "dovecot", "IMAP_STRICT_PORT");
        Net::Endpoint e = endpoint(Net::Security::None);
        e.host = host;
        e.port = quint16(port.toUInt());
        {
            Session s;
            s.setEndpoint(e);
            LoginJob login(&s);
            login.setUser(QStringLiteral("u6"));
            login.setPassword(QStringLiteral("pw-u6"));
            QVERIFY(run(&login));
            QCOMPARE(login.error(), Kind::Authentication);
            QVERIFY(s.hasCapability("LOGINDISABLED"));
            QCOMPARE(s.state(), Session::State::NotAuthenticated);
        }
        {
            e.security = Net::Security::StartTls;
            Session s;
            s.setEndpoint(e);
            LoginJob login(&s);
            login.setUser(QStringLiteral("u6"));
            login.setPassword(QStringLiteral("pw-u6"));
            QVERIFY(run(&login));
            QVERIFY2(login.error() == Kind::None, qPrintable(login.details()));
            QVERIFY(s.isEncrypted());
        }
    }

    void untrustedCertificateThenPinned()
    {
        Net::Endpoint e = endpoint(Net::Security::ImplicitTls, false);
        QByteArray fingerprint;
        {
            Session s;
            s.setEndpoint(e);
            CapabilityJob cap(&s);
            QVERIFY(run(&cap));
            QCOMPARE(cap.error(), Kind::Tls);
            fingerprint = cap.errorValue().peerFingerprint;
            QCOMPARE(fingerprint.size(), 32);
            const QSslCertificate ca = QSslCertificate::fromPath(env("CA")).value(0);
            QCOMPARE(fingerprint, Net::fingerprintSha256(ca));
        }
        {
            e.pinnedSha256 = fingerprint;
            Session s;
            s.setEndpoint(e);
            CapabilityJob cap(&s);
            QVERIFY(run(&cap));
            QVERIFY2(cap.error() == Kind::None, qPrintable(cap.details()));
            QVERIFY(cap.capabilities().contains("IMAP4REV1"));
        }
        {
            e.pinnedSha256 = QByteArray(32, 'x'); // another certificate's pin
            Session s;
            s.setEndpoint(e);
            CapabilityJob cap(&s);
            QVERIFY(run(&cap));
            QCOMPARE(cap.error(), Kind::Tls);
        }
    }

    void idAndNamespace()
    {
        Session s;
        QVERIFY(login(s, 7));
        IdJob id(&s);
        id.setClientId({{QStringLiteral("name"), QStringLiteral("Tributary")},
                        {QStringLiteral("version"), QStringLiteral("1")}});
        QVERIFY(run(&id));
        QCOMPARE(id.error(), Kind::None);
        QCOMPARE(id.serverId().value(QStringLiteral("name")), QStringLiteral("Dovecot"));

        NamespaceJob ns(&s);
        QVERIFY(run(&ns));
        QCOMPARE(ns.error(), Kind::None);
        QCOMPARE(ns.namespaces().personal.size(), 1);
        QCOMPARE(ns.namespaces().personal.first().delimiter, '/');
        QCOMPARE(ns.namespaces().personal.first().prefix, QString());
    }

    void listSpecialUseAndNonAsciiNames()
    {
        Session s;
        QVERIFY(login(s, 8));
        const QStringList names {QStringLiteral("Rechnungen/März 2024"),
                                 QStringLiteral("日本語/メール"), QStringLiteral("Tom & Jerry")};
        for (const QString &name : names) {
            CreateJob create(&s);
            create.setMailbox(name);
            QVERIFY(run(&create));
            QVERIFY2(create.error() == Kind::None, qPrintable(create.details()));
        }
        QVERIFY(deliver(QStringLiteral("u8"), QStringLiteral("Rechnungen/März 2024"),
                        {message(1), message(2)},
                        TestEnv::scratchDir(QStringLiteral("imap-list"))));

        ListJob list(&s);
        list.setStatusItems({"MESSAGES", "UIDNEXT", "UIDVALIDITY"});
        QVERIFY(run(&list));
        QCOMPARE(list.error(), Kind::None);
        QHash<QString, ListEntry> byName;
        for (const ListEntry &e : list.entries())
            byName.insert(e.name, e);
        for (const QString &name : names)
            QVERIFY2(byName.contains(name), qPrintable(name));
        QVERIFY(byName.contains(QStringLiteral("日本語")));
        QVERIFY(byName.contains(QStringLiteral("INBOX")));
        QCOMPARE(byName.value(QStringLiteral("Sent")).specialUse(), QByteArray("\\Sent"));
        QCOMPARE(byName.value(QStringLiteral("Drafts")).specialUse(), QByteArray("\\Drafts"));
        QCOMPARE(byName.value(QStringLiteral("Trash")).specialUse(), QByteArray("\\Trash"));
        QCOMPARE(byName.value(QStringLiteral("Junk")).specialUse(), QByteArray("\\Junk"));
        QCOMPARE(byName.value(QStringLiteral("Rechnungen/März 2024")).wireName,
                 QByteArray("Rechnungen/M&AOQ-rz 2024"));
        QCOMPARE(byName.value(QStringLiteral("Rechnungen/März 2024")).delimiter, '/');
        const StatusData st = list.statuses().value(QStringLiteral("Rechnungen/März 2024"));
        QCOMPARE(st.messages, 2);
        QCOMPARE(st.uidNext, 3);
        QVERIFY(st.uidValidity > 0);

        SelectJob select(&s);
        select.setMailbox(QStringLiteral("日本語/メール"));
        QVERIFY(run(&select));
        QCOMPARE(select.error(), Kind::None);
        QCOMPARE(s.selectedMailbox(), QStringLiteral("日本語/メール"));
    }

    void selectExamineStatus()
    {
        Session s;
        QVERIFY(login(s, 9));
        const QString dir = TestEnv::scratchDir(QStringLiteral("imap-select"));
        QVERIFY(
            deliver(QStringLiteral("u9"), QStringLiteral("INBOX"), {message(1), message(2)}, dir));
        QVERIFY(deliver(QStringLiteral("u9"), QStringLiteral("INBOX"), {message(3)}, dir, "S"));

        StatusJob status(&s);
        status.setMailbox(QStringLiteral("INBOX"));
        QVERIFY(run(&status));
        QCOMPARE(status.error(), Kind::None);
        QCOMPARE(status.status().messages, 3);
        QCOMPARE(status.status().unseen, 2);
        QCOMPARE(status.status().uidNext, 4);
        QVERIFY(status.status().highestModSeq > 0);

        SelectJob select(&s);
        select.setMailbox(QStringLiteral("INBOX"));
        select.setCondStore(true);
        QVERIFY(run(&select));
        QCOMPARE(select.error(), Kind::None);
        QCOMPARE(select.exists(), 3u);
        QCOMPARE(select.uidNext(), 4u);
        QCOMPARE(qint64(select.uidValidity()), status.status().uidValidity);
        QCOMPARE(select.highestModSeq(), quint64(status.status().highestModSeq));
        QVERIFY(select.flags().contains("\\Seen"));
        QVERIFY(select.permanentFlags().contains("\\*"));
        QVERIFY(!select.isReadOnly());
        QCOMPARE(s.state(), Session::State::Selected);

        SelectJob examine(&s);
        examine.setMailbox(QStringLiteral("INBOX"));
        examine.setReadOnly(true);
        QVERIFY(run(&examine));
        QCOMPARE(examine.error(), Kind::None);
        QVERIFY(examine.isReadOnly());
        QVERIFY(s.isSelectedReadOnly());
        QCOMPARE(examine.exists(), 3u);

        SelectJob missing(&s);
        missing.setMailbox(QStringLiteral("Does not exist"));
        QVERIFY(run(&missing));
        QCOMPARE(missing.error(), Kind::Command);
        QVERIFY(!missing.errorValue().serverReply.isEmpty());
        QCOMPARE(s.state(), Session::State::Authenticated);
    }

    void uidSearch()
    {
        Session s;
        QVERIFY(login(s, 10));
        const QString dir = TestEnv::scratchDir(QStringLiteral("imap-search"));
        QVERIFY(deliver(QStringLiteral("u10"), QStringLiteral("INBOX"), {message(1), message(2)},
                        dir, "S"));
        QVERIFY(
            deliver(QStringLiteral("u10"), QStringLiteral("INBOX"), {message(3), message(4)}, dir));
        SelectJob select(&s);
        select.setMailbox(QStringLiteral("INBOX"));
        QVERIFY(run(&select));
        UidSearchJob all(&s);
        QVERIFY(run(&all));
        QCOMPARE(all.uids().size(), 4);
        UidSearchJob unseen(&s);
        unseen.setCriteria("UNSEEN");
        QVERIFY(run(&unseen));
        QCOMPARE(unseen.error(), Kind::None);
        QCOMPARE(unseen.uids().size(), 2);
        for (quint32 uid : unseen.uids())
            QVERIFY(all.uids().contains(uid));
        UidSearchJob bySubject(&s);
        bySubject.setCriteria("SUBJECT \"Test message 4\"");
        QVERIFY(run(&bySubject));
        QCOMPARE(bySubject.uids().size(), 1);
    }

    void fetchByteForByte()
    {
        Session s;
        QVERIFY(login(s, 11));
        QList<QByteArray> msgs;
        for (int i = 0; i < 5; ++i)
            msgs.append(message(i, 300 + i * 7000));
        msgs.append(QByteArray("Subject: binary-ish\r\n\r\n")
                    + QByteArray("\x01\x02 {5}\r\n)(\"", 11) + "\r\n");
        QVERIFY(deliver(QStringLiteral("u11"), QStringLiteral("INBOX"), msgs,
                        TestEnv::scratchDir(QStringLiteral("imap-fetch"))));
        SelectJob select(&s);
        select.setMailbox(QStringLiteral("INBOX"));
        QVERIFY(run(&select));

        CollectingSink sink;
        UidFetchJob fetch(&s);
        fetch.setUids(UidSet::fromValues({1, 2, 3, 4, 5, 6}));
        fetch.setSink(&sink);
        fetch.setBatchSize(2);
        fetch.setPipelineDepth(2);
        QSignalSpy progress(&fetch, &Net::Job::progress);
        QVERIFY(run(&fetch));
        QVERIFY2(fetch.error() == Kind::None, qPrintable(fetch.details()));
        QCOMPARE(fetch.fetchedCount(), 6);
        QCOMPARE(progress.count(), 6);
        QCOMPARE(sink.begins, 6);
        QCOMPARE(sink.ends, 6);
        for (int i = 0; i < msgs.size(); ++i)
            QCOMPARE(sink.bodies.value(quint32(i + 1)), msgs.at(i));
        for (const FetchData &f : fetch.messages()) {
            QVERIFY(f.bodyStreamed);
            QVERIFY(f.body.isEmpty());
            QCOMPARE(f.size, qint64(msgs.at(int(f.uid) - 1).size()));
            QVERIFY(f.internalDate.isValid());
            QVERIFY(f.hasFlags);
            QVERIFY(!f.flags.contains("\\Seen")); // BODY.PEEK leaves \Seen alone
        }

        // without a sink the bodies come back in the results
        UidFetchJob plain(&s);
        plain.setUids(UidSet::fromValues({2}));
        QVERIFY(run(&plain));
        QCOMPARE(plain.messages().size(), 1);
        QCOMPARE(plain.messages().first().body, msgs.at(1));
    }

    void appendWithFlagsAndDate()
    {
        Session s;
        QVERIFY(login(s, 12));
        const QByteArray msg = message(42, 5000);
        const QDateTime date(QDate(2021, 3, 4), QTime(5, 6, 7), Qt::OffsetFromUTC, 2 * 3600);
        AppendJob append(&s);
        append.setMailbox(QStringLiteral("Sent"));
        append.setFlags({"\\Seen", "\\Flagged"});
        append.setInternalDate(date);
        append.setMessage(msg);
        QVERIFY(run(&append));
        QVERIFY2(append.error() == Kind::None, qPrintable(append.details()));
        QCOMPARE(append.appendUid(), 1u);
        QVERIFY(append.uidValidity() > 0);

        // and once streamed from a device, into a non-ASCII folder
        CreateJob create(&s);
        create.setMailbox(QStringLiteral("Entwürfe"));
        QVERIFY(run(&create));
        QFile file(TestEnv::scratchDir(QStringLiteral("imap-append")) + QStringLiteral("/big.eml"));
        const QByteArray big = message(43, 700000);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.write(big);
        file.seek(0);
        AppendJob streamed(&s);
        streamed.setMailbox(QStringLiteral("Entwürfe"));
        streamed.setDevice(&file, big.size());
        QVERIFY(run(&streamed));
        QVERIFY2(streamed.error() == Kind::None, qPrintable(streamed.details()));

        SelectJob select(&s);
        select.setMailbox(QStringLiteral("Sent"));
        QVERIFY(run(&select));
        UidFetchJob fetch(&s);
        fetch.setUids(UidSet::fromValues({append.appendUid()}));
        QVERIFY(run(&fetch));
        QCOMPARE(fetch.messages().size(), 1);
        const FetchData f = fetch.messages().first();
        QCOMPARE(f.body, msg);
        QVERIFY(f.flags.contains("\\Seen"));
        QVERIFY(f.flags.contains("\\Flagged"));
        QCOMPARE(f.internalDate, date);

        SelectJob select2(&s);
        select2.setMailbox(QStringLiteral("Entwürfe"));
        QVERIFY(run(&select2));
        QCOMPARE(select2.exists(), 1u);
        CollectingSink sink;
        UidFetchJob fetch2(&s);
        fetch2.setAllUids();
        fetch2.setSink(&sink);
        QVERIFY(run(&fetch2));
        QCOMPARE(sink.bodies.value(streamed.appendUid()), big);
    }

    void storeAndExpunge()
    {
        Session s;
        QVERIFY(login(s, 13));
        QVERIFY(deliver(QStringLiteral("u13"), QStringLiteral("INBOX"),
                        {message(1), message(2), message(3)},
                        TestEnv::scratchDir(QStringLiteral("imap-store"))));
        SelectJob select(&s);
        select.setMailbox(QStringLiteral("INBOX"));
        QVERIFY(run(&select));

        UidStoreJob store(&s);
        store.setUids(UidSet::fromValues({2}));
        store.setFlags({"\\Deleted", "\\Seen"});
        QVERIFY(run(&store));
        QCOMPARE(store.error(), Kind::None);
        QCOMPARE(store.updates().size(), 1);
        QVERIFY(store.updates().first().flags.contains("\\Deleted"));

        UidStoreJob remove(&s);
        remove.setUids(UidSet::fromValues({2}));
        remove.setMode(UidStoreJob::Mode::Remove);
        remove.setFlags({"\\Seen"});
        remove.setSilent(true);
        QVERIFY(run(&remove));
        QCOMPARE(remove.error(), Kind::None);

        ExpungeJob expunge(&s);
        QVERIFY(run(&expunge));
        QCOMPARE(expunge.error(), Kind::None);
        QCOMPARE(expunge.expungedSequenceNumbers(), QList<quint32> {2});

        UidSearchJob all(&s);
        QVERIFY(run(&all));
        QCOMPARE(all.uids(), (QList<quint32> {1, 3}));

        // UID EXPUNGE removes only the given \Deleted message
        UidStoreJob del(&s);
        del.setUids(UidSet::fromValues({1, 3}));
        del.setFlags({"\\Deleted"});
        QVERIFY(run(&del));
        ExpungeJob uidExpunge(&s);
        uidExpunge.setUids(UidSet::fromValues({3}));
        QVERIFY(run(&uidExpunge));
        QCOMPARE(uidExpunge.error(), Kind::None);
        UidSearchJob rest(&s);
        QVERIFY(run(&rest));
        QCOMPARE(rest.uids(), QList<quint32> {1});
    }

    void condstoreAndQresync()
    {
        QVERIFY(resetUser(QStringLiteral("u14")));
        QVERIFY(deliver(QStringLiteral("u14"), QStringLiteral("INBOX"),
                        {message(1), message(2), message(3), message(4)},
                        TestEnv::scratchDir(QStringLiteral("imap-condstore"))));
        quint32 uidValidity = 0;
        quint64 modSeq = 0;
        {
            Session s;
            QVERIFY(login(s, 14, Net::Security::StartTls, false));
            SelectJob select(&s);
            select.setMailbox(QStringLiteral("INBOX"));
            select.setCondStore(true);
            QVERIFY(run(&select));
            uidValidity = select.uidValidity();
            modSeq = select.highestModSeq();
            QVERIFY(modSeq > 0);

            UidStoreJob store(&s);
            store.setUids(UidSet::fromValues({3}));
            store.setFlags({"\\Flagged"});
            QVERIFY(run(&store));

            UidFetchJob changed(&s);
            changed.setAllUids();
            changed.setItems(UidFetchJob::Flags | UidFetchJob::ModSeq);
            changed.setChangedSince(modSeq);
            QVERIFY(run(&changed));
            QCOMPARE(changed.error(), Kind::None);
            QCOMPARE(changed.messages().size(), 1);
            QCOMPARE(changed.messages().first().uid, 3u);
            QVERIFY(changed.messages().first().modSeq > modSeq);
            QVERIFY(changed.messages().first().flags.contains("\\Flagged"));

            // UNCHANGEDSINCE older than the last change: the server refuses that UID
            UidStoreJob conditional(&s);
            conditional.setUids(UidSet::fromValues({3, 4}));
            conditional.setFlags({"\\Answered"});
            conditional.setUnchangedSince(modSeq);
            QVERIFY(run(&conditional));
            QCOMPARE(conditional.error(), Kind::None);
            QVERIFY(conditional.modified().contains(3));
            QVERIFY(!conditional.modified().contains(4));

            UidStoreJob del(&s);
            del.setUids(UidSet::fromValues({1}));
            del.setFlags({"\\Deleted"});
            QVERIFY(run(&del));
            ExpungeJob expunge(&s);
            QVERIFY(run(&expunge));
        }
        // a fresh connection resynchronises quickly with QRESYNC
        Session s;
        QVERIFY(login(s, 14, Net::Security::StartTls, false));
        EnableJob enable(&s);
        enable.setExtensions({"QRESYNC"});
        QVERIFY(run(&enable));
        QCOMPARE(enable.error(), Kind::None);
        QVERIFY(enable.enabled().contains("QRESYNC"));
        QVERIFY(s.isEnabled("QRESYNC"));
        SelectJob select(&s);
        select.setMailbox(QStringLiteral("INBOX"));
        select.setQResync(uidValidity, modSeq, UidSet::fromValues({1, 2, 3, 4}));
        QVERIFY(run(&select));
        QCOMPARE(select.error(), Kind::None);
        QVERIFY2(select.vanished().contains(1), select.vanished().toWire().constData());
        QVERIFY(!select.vanished().contains(2));
        QList<quint32> changedUids;
        for (const FetchData &f : select.changes())
            changedUids.append(f.uid);
        std::sort(changedUids.begin(), changedUids.end());
        QCOMPARE(changedUids, (QList<quint32> {3, 4}));

        UidFetchJob since(&s);
        since.setAllUids();
        since.setItems(UidFetchJob::Flags);
        since.setChangedSince(modSeq);
        QVERIFY(run(&since));
        QCOMPARE(since.error(), Kind::None);
        QVERIFY(since.vanished().contains(1));
    }

    void idleSeesNewMessage()
    {
        Session s;
        QVERIFY(login(s, 15));
        SelectJob select(&s);
        select.setMailbox(QStringLiteral("INBOX"));
        QVERIFY(run(&select));
        QCOMPARE(select.exists(), 0u);

        IdleJob idle(&s);
        QSignalSpy idling(&idle, &IdleJob::idling);
        QSignalSpy exists(&idle, &IdleJob::exists);
        QSignalSpy finished(&idle, &Net::Job::finished);
        idle.start();
        QVERIFY(idling.wait(30000));
        QVERIFY(deliver(QStringLiteral("u15"), QStringLiteral("INBOX"), {message(1)},
                        TestEnv::scratchDir(QStringLiteral("imap-idle"))));
        QVERIFY(exists.wait(60000));
        QCOMPARE(exists.last().at(0).toUInt(), 1u);
        idle.done();
        QVERIFY(finished.wait(30000));
        QCOMPARE(idle.error(), Kind::None);

        // the session is usable again after IDLE
        UidFetchJob fetch(&s);
        fetch.setAllUids();
        QVERIFY(run(&fetch));
        QCOMPARE(fetch.messages().size(), 1);
        QCOMPARE(fetch.messages().first().body, message(1));
    }

    void idleSeesChangesFromAnotherSession()
    {
        Session watcher;
        QVERIFY(login(watcher, 19));
        QVERIFY(deliver(QStringLiteral("u19"), QStringLiteral("INBOX"), {message(1), message(2)},
                        TestEnv::scratchDir(QStringLiteral("imap-idle2"))));
        SelectJob select(&watcher);
        select.setMailbox(QStringLiteral("INBOX"));
        QVERIFY(run(&select));
        QCOMPARE(select.exists(), 2u);
        IdleJob idle(&watcher);
        QSignalSpy idling(&idle, &IdleJob::idling);
        QSignalSpy flags(&idle, &IdleJob::flagsChanged);
        QSignalSpy expunged(&idle, &IdleJob::expunged);
        idle.start();
        QVERIFY(idling.wait(30000));

        Session other;
        QVERIFY(login(other, 19, Net::Security::StartTls, false));
        SelectJob select2(&other);
        select2.setMailbox(QStringLiteral("INBOX"));
        QVERIFY(run(&select2));
        UidStoreJob flag(&other);
        flag.setUids(UidSet::fromValues({1}));
        flag.setFlags({"\\Flagged"});
        QVERIFY(run(&flag));
        UidStoreJob del(&other);
        del.setUids(UidSet::fromValues({2}));
        del.setFlags({"\\Deleted"});
        QVERIFY(run(&del));
        ExpungeJob expunge(&other);
        QVERIFY(run(&expunge));
        QCOMPARE(expunge.error(), Kind::None);

        QTRY_VERIFY_WITH_TIMEOUT(expunged.count() == 1, 60000);
        QCOMPARE(expunged.first().at(0).toUInt(), 2u);
        QTRY_VERIFY_WITH_TIMEOUT(!flags.isEmpty(), 60000);
        bool sawFlagged = false;
        for (const QList<QVariant> &args : std::as_const(flags))
            sawFlagged = sawFlagged || args.at(0).value<FetchData>().flags.contains("\\Flagged");
        QVERIFY(sawFlagged);
        QSignalSpy finished(&idle, &Net::Job::finished);
        idle.done();
        QVERIFY(finished.wait(30000));
        QCOMPARE(idle.error(), Kind::None);
    }

    void fiveMegabyteMessage()
    {
        Session s;
        QVERIFY(login(s, 16, Net::Security::ImplicitTls));
        const QByteArray big = message(5, 5 * 1024 * 1024);
        QVERIFY(deliver(QStringLiteral("u16"), QStringLiteral("INBOX"), {big},
                        TestEnv::scratchDir(QStringLiteral("imap-5mb"))));
        SelectJob select(&s);
        select.setMailbox(QStringLiteral("INBOX"));
        QVERIFY(run(&select));
        CollectingSink sink;
        UidFetchJob fetch(&s);
        fetch.setAllUids();
        fetch.setSink(&sink);
        QVERIFY(run(&fetch));
        QVERIFY2(fetch.error() == Kind::None, qPrintable(fetch.details()));
        QCOMPARE(sink.bodies.value(1).size(), big.size());
        QVERIFY(sink.bodies.value(1) == big);
        QVERIFY(sink.chunks > 1); // arrived in pieces over TLS records, never as one buffer
        QCOMPARE(fetch.messages().first().body.size(), 0);
        QCOMPARE(fetch.bodyBytes(), qint64(big.size()));
    }

    void twoThousandMessagesPipelined()
    {
        Session s;
        QVERIFY(login(s, 17));
        QList<QByteArray> msgs;
        QHash<quint32, QByteArray> expected;
        for (int i = 0; i < 2000; ++i) {
            msgs.append(message(i, 500 + (i % 37) * 300));
            expected.insert(quint32(i + 1),
                            QCryptographicHash::hash(msgs.last(), QCryptographicHash::Sha256));
        }
        QVERIFY(deliver(QStringLiteral("u17"), QStringLiteral("Archive"), msgs,
                        TestEnv::scratchDir(QStringLiteral("imap-2000"))));
        SelectJob select(&s);
        select.setMailbox(QStringLiteral("Archive"));
        QVERIFY(run(&select));
        QCOMPARE(select.exists(), 2000u);

        CollectingSink sink;
        sink.keepBodies = false; // hashes only: nothing the size of the mailbox is kept
        UidFetchJob fetch(&s);
        UidSet all;
        all.add(1, 2000);
        fetch.setUids(all);
        fetch.setSink(&sink);
        fetch.setKeepResults(false);
        fetch.setBatchSize(100);
        fetch.setPipelineDepth(4);
        QSignalSpy perMessage(&fetch, &UidFetchJob::messageFetched);
        QVERIFY(run(&fetch, 120000));
        QVERIFY2(fetch.error() == Kind::None, qPrintable(fetch.details()));
        QCOMPARE(fetch.fetchedCount(), 2000);
        QCOMPARE(perMessage.count(), 2000);
        QVERIFY(fetch.messages().isEmpty());
        QCOMPARE(sink.hashes.size(), 2000);
        // bulk delivery does not fix the UID order: compare the messages as a whole
        QList<QByteArray> want = expected.values();
        QList<QByteArray> got = sink.hashes.values();
        std::sort(want.begin(), want.end());
        std::sort(got.begin(), got.end());
        QVERIFY(got == want);
    }

    void pipelinedJobsAfterLogout()
    {
        // jobs queued back to back run in order on one connection
        QVERIFY(resetUser(QStringLiteral("u18")));
        Session s;
        s.setEndpoint(endpoint(Net::Security::StartTls));
        LoginJob login(&s);
        login.setUser(QStringLiteral("u18"));
        login.setPassword(QStringLiteral("pw-u18"));
        ListJob list(&s);
        SelectJob select(&s);
        select.setMailbox(QStringLiteral("INBOX"));
        LogoutJob logout(&s);
        QSignalSpy done(&logout, &Net::Job::finished);
        login.start();
        list.start();
        select.start();
        logout.start();
        QCOMPARE(s.pendingJobCount(), 4);
        QVERIFY(done.wait(30000));
        QVERIFY(login.isFinished() && list.isFinished() && select.isFinished());
        QCOMPARE(login.error(), Kind::None);
        QCOMPARE(list.error(), Kind::None);
        QVERIFY(!list.entries().isEmpty());
        QCOMPARE(select.error(), Kind::None);
        QCOMPARE(logout.error(), Kind::None);
        QCOMPARE(s.state(), Session::State::Disconnected);
    }
};

QTEST_GUILESS_MAIN(TstImapSession)
#include "tst_imapsession.moc"
