// The IMAP response parser alone: bytes in, typed responses out.
#include "connectors/imap/imapparser.h"

#include <QTest>

using namespace Tributary::Imap;

namespace {

// Records everything the parser reports, as typed values and as one text line per event.
class Recorder : public ResponseParserClient
{
public:
    bool stream = false;
    QList<Response> responses;
    QList<LiteralInfo> literals;
    QByteArray streamed;
    qsizetype chunks = 0;
    qsizetype largestChunk = 0;
    int ends = 0;
    QStringList events;

    void responseReceived(Response &response) override
    {
        events.append(describe(response));
        responses.append(response);
    }
    bool literalBegin(const LiteralInfo &info) override
    {
        literals.append(info);
        events.append(QStringLiteral("literal seq=%1 uid=%2 %3 %4")
                          .arg(info.sequence)
                          .arg(info.uid)
                          .arg(QString::fromLatin1(info.section))
                          .arg(info.size));
        return stream;
    }
    void literalData(const char *data, qsizetype size) override
    {
        streamed.append(data, size);
        ++chunks;
        largestChunk = qMax(largestChunk, size);
    }
    void literalEnd() override
    {
        ++ends;
        events.append(QStringLiteral("end %1").arg(QString::fromLatin1(streamed.toHex())));
    }

    static QString describe(const Response &r)
    {
        QString s
            = QStringLiteral("k%1 t%2 tag=%3 name=%4 st%5 code=%6[%7] text=%8 n=%9")
                  .arg(int(r.kind))
                  .arg(int(r.type))
                  .arg(QString::fromLatin1(r.tag), QString::fromLatin1(r.name))
                  .arg(int(r.status))
                  .arg(QString::fromLatin1(r.code.name), QString::fromLatin1(r.code.args), r.text)
                  .arg(r.number);
        s += QStringLiteral(" list=") + QString::fromLatin1(r.list.join(','));
        const FetchData &f = r.fetch;
        s += QStringLiteral(" fetch=%1/%2/%3/%4/%5/%6/%7/%8")
                 .arg(f.uid)
                 .arg(f.modSeq)
                 .arg(QString::fromLatin1(f.flags.join(',')))
                 .arg(f.internalDate.toString(Qt::ISODate))
                 .arg(f.size)
                 .arg(QString::fromLatin1(f.bodySection))
                 .arg(QString::fromLatin1(f.body.toHex()))
                 .arg(f.bodySize);
        s += QStringLiteral(" listentry=%1/%2/%3")
                 .arg(QString::fromLatin1(r.listEntry.attributes.join(',')))
                 .arg(QLatin1Char(r.listEntry.delimiter ? r.listEntry.delimiter : '0'))
                 .arg(r.listEntry.name);
        s += QStringLiteral(" numbers=%1 vanished=%2")
                 .arg(r.numbers.size())
                 .arg(QString::fromLatin1(r.uidSet.toWire()));
        return s;
    }
};

QList<Response> parseAll(const QByteArray &bytes, QString *error = nullptr)
{
    Recorder rec;
    ResponseParser parser(&rec);
    const bool ok = parser.feed(bytes);
    if (error)
        *error = ok ? QString() : parser.errorString();
    return rec.responses;
}

// A session's worth of server output touching every response type the parser knows.
QByteArray transcript()
{
    return QByteArrayLiteral(
        "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR STARTTLS AUTH=PLAIN] Dovecot ready.\r\n"
        "+ \r\n"
        "+ eyJzdGF0dXMiOiI0MDEifQ==\r\n"
        "a1 OK [CAPABILITY IMAP4rev1 IDLE CONDSTORE QRESYNC] Logged in\r\n"
        "* CAPABILITY IMAP4rev1 ENABLE idle\r\n"
        "* ENABLED QRESYNC CONDSTORE\r\n"
        "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"
        "* LIST (\\HasNoChildren) \"/\" \"Rechnungen/M&AOQ-rz 2024\"\r\n"
        "* LIST (\\Noselect \\HasChildren) \"/\" {10}\r\n&ZeVnLIqe-\r\n"
        "* LIST () NIL inbox\r\n"
        "* LIST (\\Subscribed) \"/\" Archive (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
        "* LSUB () \".\" Lists.Qt\r\n"
        "* STATUS \"Sent\" (MESSAGES 3 UIDNEXT 44 UIDVALIDITY 1700000000 UNSEEN 1 HIGHESTMODSEQ "
        "9)\r\n"
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n"
        "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded \\*)] "
        "Flags permitted.\r\n"
        "* 172 EXISTS\r\n"
        "* 1 RECENT\r\n"
        "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
        "* OK [UIDNEXT 4392] Predicted next UID\r\n"
        "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n"
        "a2 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n"
        "* 12 FETCH (UID 4827 FLAGS (\\Seen $Label1) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
        "RFC822.SIZE 42 MODSEQ (12121231000) BODY[] {42}\r\n"
        "From: a@example.org\r\nSubject: hi\r\n\r\nbody\r\n)\r\n"
        "* 13 FETCH (FLAGS () UID 4828 BODY[HEADER] \"X: \\\"y\\\"\" RFC822.SIZE 0)\r\n"
        "* 14 FETCH (BODY[] NIL UID 4829 ENVELOPE (NIL \"s\" ((NIL NIL \"a\" \"b\")) NIL NIL NIL "
        "NIL NIL NIL NIL))\r\n"
        "* 15 FETCH (UID 4830 BODY[] {0}\r\n)\r\n"
        "* 3 EXPUNGE\r\n"
        "* VANISHED (EARLIER) 41,43:116,118\r\n"
        "* VANISHED 405\r\n"
        "* SEARCH 2 84 882 (MODSEQ 917162500)\r\n"
        "* SEARCH\r\n"
        "* ESEARCH (TAG \"a5\") UID COUNT 3 ALL 4:6\r\n"
        "* NAMESPACE ((\"\" \"/\")) NIL ((\"Public/\" \"/\" \"X-EXT\" (\"a\")))\r\n"
        "* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n"
        "* ID NIL\r\n"
        "* XUNKNOWN (a b {3}\r\nxyz) \"quoted ) (\"\r\n"
        "* 7 XSOMETHING else\r\n"
        "a3 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"
        "a4 BAD Error in IMAP command: {5}\r\n"
        "* BYE Logging out\r\n");
}

} // namespace

class TstImapParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typedResponses()
    {
        QString error;
        const QList<Response> r = parseAll(transcript(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(r.size(), 39);

        QCOMPARE(r[0].type, Response::Type::Status);
        QCOMPARE(r[0].status, Status::Ok);
        QCOMPARE(r[0].code.name, QByteArray("CAPABILITY"));
        QVERIFY(r[0].code.arguments().contains("AUTH=PLAIN"));
        QCOMPARE(r[0].text, QStringLiteral("Dovecot ready."));

        QCOMPARE(r[1].kind, Response::Kind::Continuation);
        QCOMPARE(r[1].continuationData, QByteArray());
        QCOMPARE(r[2].continuationData, QByteArray("eyJzdGF0dXMiOiI0MDEifQ=="));

        QCOMPARE(r[3].kind, Response::Kind::Tagged);
        QCOMPARE(r[3].tag, QByteArray("a1"));
        QCOMPARE(r[3].code.arguments(),
                 (QByteArrayList {"IMAP4rev1", "IDLE", "CONDSTORE", "QRESYNC"}));

        QCOMPARE(r[4].type, Response::Type::Capability);
        QCOMPARE(r[4].list, (QByteArrayList {"IMAP4REV1", "ENABLE", "IDLE"}));
        QCOMPARE(r[5].type, Response::Type::Enabled);
        QCOMPARE(r[5].list, (QByteArrayList {"QRESYNC", "CONDSTORE"}));

        QCOMPARE(r[6].type, Response::Type::List);
        QCOMPARE(r[6].listEntry.specialUse(), QByteArray("\\Sent"));
        QCOMPARE(r[6].listEntry.delimiter, '/');
        QCOMPARE(r[6].listEntry.name, QStringLiteral("Sent"));
        QCOMPARE(r[7].listEntry.name, QStringLiteral("Rechnungen/März 2024"));
        QCOMPARE(r[7].listEntry.wireName, QByteArray("Rechnungen/M&AOQ-rz 2024"));
        QCOMPARE(r[8].listEntry.name, QStringLiteral("日本語"));
        QVERIFY(!r[8].listEntry.isSelectable());
        QCOMPARE(r[9].listEntry.delimiter, '\0');
        QCOMPARE(r[9].listEntry.name, QStringLiteral("INBOX"));
        QCOMPARE(r[10].listEntry.childInfo, QByteArrayList {"SUBSCRIBED"});
        QVERIFY(r[11].isLsub);
        QCOMPARE(r[11].listEntry.delimiter, '.');

        QCOMPARE(r[12].type, Response::Type::StatusInfo);
        QCOMPARE(r[12].statusData.mailbox, QStringLiteral("Sent"));
        QCOMPARE(r[12].statusData.messages, 3);
        QCOMPARE(r[12].statusData.uidNext, 44);
        QCOMPARE(r[12].statusData.uidValidity, 1700000000);
        QCOMPARE(r[12].statusData.unseen, 1);
        QCOMPARE(r[12].statusData.highestModSeq, 9);
        QCOMPARE(r[12].statusData.recent, -1);

        QCOMPARE(r[13].type, Response::Type::Flags);
        QCOMPARE(r[13].list.size(), 6);
        QCOMPARE(r[14].code.name, QByteArray("PERMANENTFLAGS"));
        QVERIFY(r[14].code.list().contains("\\*"));
        QCOMPARE(r[15].type, Response::Type::Exists);
        QCOMPARE(r[15].number, 172u);
        QCOMPARE(r[16].type, Response::Type::Recent);
        QCOMPARE(r[17].code.number(), 3857529045ULL);
        QCOMPARE(r[18].code.number(), 4392ULL);
        QCOMPARE(r[19].code.number(), 715194045007ULL);
        QCOMPARE(r[20].code.name, QByteArray("READ-WRITE"));
        QCOMPARE(r[20].text, QStringLiteral("Select completed (0.001 + 0.000 secs)."));

        const FetchData &f = r[21].fetch;
        QCOMPARE(r[21].type, Response::Type::Fetch);
        QCOMPARE(f.sequence, 12u);
        QCOMPARE(f.uid, 4827u);
        QCOMPARE(f.flags, (QByteArrayList {"\\Seen", "$Label1"}));
        QCOMPARE(f.internalDate, QDateTime(QDate(1996, 7, 17), QTime(9, 44, 25), Qt::UTC));
        QCOMPARE(f.internalDate.offsetFromUtc(), -7 * 3600);
        QCOMPARE(f.size, 42);
        QCOMPARE(f.modSeq, 12121231000ULL);
        QCOMPARE(f.bodySection, QByteArray("BODY[]"));
        QCOMPARE(f.body, QByteArray("From: a@example.org\r\nSubject: hi\r\n\r\nbody\r\n"));
        QVERIFY(!f.bodyStreamed);
        QCOMPARE(r[22].fetch.body, QByteArray("X: \"y\""));
        QCOMPARE(r[22].fetch.bodySection, QByteArray("BODY[HEADER]"));
        QVERIFY(r[22].fetch.hasFlags);
        QVERIFY(r[22].fetch.flags.isEmpty());
        QCOMPARE(r[23].fetch.bodySize, -1);
        QCOMPARE(r[23].fetch.uid, 4829u);
        QCOMPARE(r[24].fetch.bodySize, 0);
        QVERIFY(r[24].fetch.hasBody);

        QCOMPARE(r[25].type, Response::Type::Expunge);
        QCOMPARE(r[25].number, 3u);
        QCOMPARE(r[26].type, Response::Type::Vanished);
        QVERIFY(r[26].earlier);
        QCOMPARE(r[26].uidSet.count(), 1ULL + 74 + 1);
        QVERIFY(r[26].uidSet.contains(100));
        QVERIFY(!r[26].uidSet.contains(117));
        QVERIFY(!r[27].earlier);
        QCOMPARE(r[27].uidSet.toList(), QList<quint32> {405});
        QCOMPARE(r[28].numbers, (QList<quint32> {2, 84, 882}));
        QCOMPARE(r[28].modSeq, 917162500ULL);
        QVERIFY(r[29].numbers.isEmpty());
        QCOMPARE(r[29].type, Response::Type::Search);
        QCOMPARE(r[30].type, Response::Type::ESearch);
        QCOMPARE(r[30].count, 3);
        QCOMPARE(r[30].numbers, (QList<quint32> {4, 5, 6}));
        QCOMPARE(r[31].type, Response::Type::Namespace);
        QCOMPARE(r[31].namespaces.personal.size(), 1);
        QCOMPARE(r[31].namespaces.personal.first().delimiter, '/');
        QVERIFY(r[31].namespaces.otherUsers.isEmpty());
        QCOMPARE(r[31].namespaces.shared.first().prefix, QStringLiteral("Public/"));
        QCOMPARE(r[32].type, Response::Type::Id);
        QCOMPARE(r[32].id.value(QStringLiteral("name")), QStringLiteral("Dovecot"));
        QVERIFY(r[32].id.contains(QStringLiteral("version")));
        QVERIFY(r[33].id.isEmpty());
        QCOMPARE(r[34].type, Response::Type::Unknown);
        QCOMPARE(r[34].name, QByteArray("XUNKNOWN"));
        QCOMPARE(r[35].type, Response::Type::Unknown);
        QCOMPARE(r[36].status, Status::No);
        QCOMPARE(r[36].code.name, QByteArray("AUTHENTICATIONFAILED"));
        // text of a status response is text, even when it ends like a literal
        QCOMPARE(r[37].status, Status::Bad);
        QCOMPARE(r[37].text, QStringLiteral("Error in IMAP command: {5}"));
        QCOMPARE(r[38].status, Status::Bye);
        QCOMPARE(r[38].kind, Response::Kind::Untagged);
    }

    void splitAtEveryByteBoundary()
    {
        const QByteArray all = transcript();
        for (bool stream : {false, true}) {
            Recorder whole;
            whole.stream = stream;
            ResponseParser p(&whole);
            QVERIFY(p.feed(all));
            QVERIFY(p.isAtResponseBoundary());
            for (qsizetype cut = 1; cut < all.size(); ++cut) {
                Recorder rec;
                rec.stream = stream;
                ResponseParser parser(&rec);
                QVERIFY(parser.feed(all.left(cut)));
                QVERIFY(parser.feed(all.mid(cut)));
                QCOMPARE(rec.events, whole.events);
            }
            Recorder bytewise;
            bytewise.stream = stream;
            ResponseParser parser(&bytewise);
            for (char c : all)
                QVERIFY(parser.feed(&c, 1));
            QCOMPARE(bytewise.events, whole.events);
        }
    }

    void streamsBodyLiterals()
    {
        Recorder rec;
        rec.stream = true;
        ResponseParser parser(&rec);
        const QByteArray body(100000, 'x');
        const QByteArray head = "* 7 FETCH (UID 42 RFC822.SIZE 100000 BODY[] {100000}\r\n";
        QVERIFY(parser.feed(head));
        for (qsizetype i = 0; i < body.size(); i += 16384)
            QVERIFY(parser.feed(body.mid(i, 16384)));
        QVERIFY(parser.feed(" FLAGS (\\Seen))\r\n"));
        QCOMPARE(rec.literals.size(), 1);
        QCOMPARE(rec.literals.first().uid, 42u);
        QCOMPARE(rec.literals.first().sequence, 7u);
        QCOMPARE(rec.literals.first().size, 100000);
        QCOMPARE(rec.streamed, body);
        QVERIFY(rec.chunks >= 7);
        QVERIFY(rec.largestChunk <= 16384);
        QCOMPARE(rec.ends, 1);
        QCOMPARE(rec.responses.size(), 1);
        const FetchData &f = rec.responses.first().fetch;
        QVERIFY(f.bodyStreamed);
        QVERIFY(f.body.isEmpty());
        QCOMPARE(f.bodySize, 100000);
        QCOMPARE(f.flags, QByteArrayList {"\\Seen"});
    }

    void uidAfterBodyIsReportedWithTheResponse()
    {
        Recorder rec;
        rec.stream = true;
        ResponseParser parser(&rec);
        QVERIFY(parser.feed("* 1 FETCH (BODY[] {3}\r\nabc UID 9)\r\n"));
        QCOMPARE(rec.literals.first().uid, 0u);
        QCOMPARE(rec.responses.first().fetch.uid, 9u);
        QCOMPARE(rec.streamed, QByteArray("abc"));
    }

    void nonBodyLiteralsAreNotStreamed()
    {
        Recorder rec;
        rec.stream = true;
        ResponseParser parser(&rec);
        QVERIFY(
            parser.feed("* LIST () \"/\" {3}\r\nabc\r\n* 1 FETCH (X-THING {2}\r\nzz UID 3)\r\n"));
        QVERIFY(rec.literals.isEmpty());
        QCOMPARE(rec.responses.size(), 2);
        QCOMPARE(rec.responses.first().listEntry.name, QStringLiteral("abc"));
    }

    void hugeLiteralIsNotAllocated()
    {
        // 2 GiB announced, never sent: without streaming it is refused at once...
        {
            Recorder rec;
            ResponseParser parser(&rec);
            QVERIFY(!parser.feed("* 1 FETCH (UID 1 BODY[] {2147483648}\r\nabc"));
            QVERIFY(parser.errorString().contains(QStringLiteral("2147483648")));
            QVERIFY(!parser.feed("more"));
        }
        // ...and with streaming only what arrives is passed on.
        {
            Recorder rec;
            rec.stream = true;
            ResponseParser parser(&rec);
            QVERIFY(parser.feed("* 1 FETCH (UID 1 BODY[] {2147483648}\r\nabc"));
            QCOMPARE(rec.literals.first().size, 2147483648LL);
            QCOMPARE(rec.streamed, QByteArray("abc"));
            QCOMPARE(parser.literalRemaining(), 2147483648LL - 3);
            QVERIFY(!parser.isAtResponseBoundary());
        }
        // a non-body literal that large is a violation, too
        {
            Recorder rec;
            rec.stream = true;
            ResponseParser parser(&rec);
            QVERIFY(!parser.feed("* LIST () \"/\" {99999999999}\r\n"));
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("no tag") << QByteArray(" OK hi\r\n");
        QTest::newRow("tagged non-status") << QByteArray("a1 CAPABILITY IMAP4rev1\r\n");
        QTest::newRow("tagged bye") << QByteArray("a1 BYE x\r\n");
        QTest::newRow("no space after star") << QByteArray("*OK\r\n");
        QTest::newRow("fetch without paren") << QByteArray("* 1 FETCH UID 3\r\n");
        QTest::newRow("fetch unclosed") << QByteArray("* 1 FETCH (UID 3\r\n");
        QTest::newRow("fetch uid not number") << QByteArray("* 1 FETCH (UID x)\r\n");
        QTest::newRow("fetch item without value") << QByteArray("* 1 FETCH (UID)\r\n");
        QTest::newRow("bad internaldate")
            << QByteArray("* 1 FETCH (INTERNALDATE \"yesterday\")\r\n");
        QTest::newRow("number too big") << QByteArray("* 99999999999 EXISTS\r\n");
        QTest::newRow("list without delimiter") << QByteArray("* LIST ()\r\n");
        QTest::newRow("status unclosed") << QByteArray("* STATUS INBOX (MESSAGES 1\r\n");
        QTest::newRow("search junk") << QByteArray("* SEARCH 1 two\r\n");
        QTest::newRow("vanished junk") << QByteArray("* VANISHED 1:*\r\n");
        QTest::newRow("unterminated quote") << QByteArray("* LIST () \"/ x\r\n");
        QTest::newRow("deep nesting")
            << (QByteArray("* 1 FETCH (X ") + QByteArray(5000, '(') + "\r\n");
        QTest::newRow("empty line") << QByteArray("\r\n");
    }
    void malformed()
    {
        QFETCH(QByteArray, bytes);
        Recorder rec;
        ResponseParser parser(&rec);
        QVERIFY(!parser.feed(bytes));
        QVERIFY(parser.hasError());
        QVERIFY(!parser.errorString().isEmpty());
        QVERIFY(rec.responses.isEmpty());
        parser.reset();
        QVERIFY(parser.feed("* 3 EXISTS\r\n"));
        QCOMPARE(rec.responses.size(), 1);
    }

    void overlongLineFails()
    {
        Recorder rec;
        ResponseParser parser(&rec);
        parser.setMaxLineLength(1000);
        QVERIFY(parser.feed(QByteArray(1000, 'a')));
        QVERIFY(!parser.feed("a"));
    }

    void bareLineFeedAccepted()
    {
        const QList<Response> r = parseAll("* 4 EXISTS\n* 1 RECENT\r\n");
        QCOMPARE(r.size(), 2);
        QCOMPARE(r[0].number, 4u);
    }

    void uidSets()
    {
        UidSet set;
        QVERIFY(UidSet::parse("1:3,7,10:12", &set));
        QCOMPARE(set.count(), 7ULL);
        QCOMPARE(set.toWire(), QByteArray("1:3,7,10:12"));
        QCOMPARE(UidSet::fromValues({5, 1, 2, 3, 9, 2}).toWire(), QByteArray("1:3,5,9"));
        QVERIFY(!UidSet::parse("", &set));
        QVERIFY(!UidSet::parse("0", &set));
        QVERIFY(!UidSet::parse("1,,2", &set));
        QVERIFY(!UidSet::parse("4294967296", &set));
        QCOMPARE(UidSet::fromValues({}).toWire(), QByteArray());
    }

    void internalDates()
    {
        QCOMPARE(parseInternalDate(" 7-Feb-2024 23:59:01 +0100"),
                 QDateTime(QDate(2024, 2, 7), QTime(22, 59, 1), Qt::UTC));
        QVERIFY(!parseInternalDate("31-Feb-2024 00:00:00 +0000").isValid());
        QVERIFY(!parseInternalDate("01-Foo-2024 00:00:00 +0000").isValid());
        const QDateTime dt(QDate(2023, 12, 24), QTime(18, 30, 0), Qt::OffsetFromUTC, -5 * 3600);
        QCOMPARE(formatInternalDate(dt), QByteArray("24-Dec-2023 18:30:00 -0500"));
        QCOMPARE(parseInternalDate(formatInternalDate(dt)), dt);
    }
};

QTEST_GUILESS_MAIN(TstImapParser)
#include "tst_imapparser.moc"
