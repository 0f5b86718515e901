#include "connectors/common/endpoint.h"
#include "connectors/common/error.h"
#include "connectors/common/linebuffer.h"
#include "connectors/common/sasl.h"

#include <QTest>

using namespace Tributary::Net;

class TestNetCommon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linesAndBytes()
    {
        LineBuffer b;
        QVERIFY(!b.canReadLine());
        QVERIFY(b.takeLine().isNull());
        b.append(QByteArray("first\r\nsec"));
        QVERIFY(b.canReadLine());
        QCOMPARE(b.takeLine(), QByteArray("first"));
        QVERIFY(b.takeLine().isNull());
        b.append(QByteArray("ond\n\r\n{5}\r\nABCDEtail"));
        QCOMPARE(b.takeLine(), QByteArray("second")); // bare LF accepted
        const QByteArray empty = b.takeLine();
        QVERIFY(!empty.isNull());
        QVERIFY(empty.isEmpty());
        QCOMPARE(b.takeLine(), QByteArray("{5}"));
        QCOMPARE(b.takeBytes(5), QByteArray("ABCDE"));
        QCOMPARE(b.size(), qsizetype(4));
        QCOMPARE(QByteArray(b.peekData(), b.size()), QByteArray("tail"));
        b.skip(2);
        QCOMPARE(b.takeBytes(100), QByteArray("il"));
        QVERIFY(b.isEmpty());
    }
    void manySmallPieces()
    {
        // Appending and consuming a long stream piece by piece keeps every byte in order.
        LineBuffer b;
        QByteArray expected, got;
        for (int i = 0; i < 20000; ++i) {
            const QByteArray line = "line " + QByteArray::number(i);
            expected += line;
            b.append(line + "\r\n");
            if (i % 3 == 0) {
                while (b.canReadLine())
                    got += b.takeLine();
            }
        }
        while (b.canReadLine())
            got += b.takeLine();
        QCOMPARE(got, expected);
    }
    void lineTooLong()
    {
        LineBuffer b;
        b.setMaxLineLength(10);
        b.append(QByteArray("0123456789"));
        QVERIFY(!b.lineTooLong());
        b.append(QByteArray("X"));
        QVERIFY(b.lineTooLong());
        b.append(QByteArray("\n"));
        QVERIFY(!b.lineTooLong());
    }

    void saslMessages()
    {
        QCOMPARE(Sasl::plainMessage(QString(), QStringLiteral("tim"),
                                    QStringLiteral("tanstaaftanstaaf")),
                 QByteArray("\0tim\0tanstaaftanstaaf", 21));
        QCOMPARE(
            Sasl::xoauth2Message(QStringLiteral("someuser@example.com"),
                                 QStringLiteral("ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg")),
            QByteArray("user=someuser@example.com\x01"
                       "auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01"));
        // RFC 7628 §4.1 example.
        QCOMPARE(Sasl::oauthBearerMessage(
                     QStringLiteral("user@example.com"), QStringLiteral("server.example.com"), 143,
                     QStringLiteral("vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==")),
                 QByteArray("n,a=user@example.com,\x01host=server.example.com\x01port=143\x01"
                            "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01"));
        QCOMPARE(
            Sasl::oauthBearerMessage(QStringLiteral("a,b=c"), QString(), 0, QStringLiteral("t")),
            QByteArray("n,a=a=2Cb=3Dc,\x01"
                       "auth=Bearer t\x01\x01"));
    }
    void saslChoose()
    {
        Sasl::Credentials password;
        password.user = QStringLiteral("u");
        password.password = QStringLiteral("p");
        Sasl::Credentials token;
        token.user = QStringLiteral("u");
        token.accessToken = QStringLiteral("t");
        const QList<QByteArray> all {"LOGIN", "PLAIN", "XOAUTH2", "OAUTHBEARER", "CRAM-MD5"};
        QCOMPARE(Sasl::choose(all, password), Sasl::Mechanism::Plain);
        QCOMPARE(Sasl::choose(all, token), Sasl::Mechanism::OAuthBearer);
        QCOMPARE(Sasl::choose({"XOAUTH2", "PLAIN"}, token), Sasl::Mechanism::XOAuth2);
        QCOMPARE(Sasl::choose({"login"}, password), Sasl::Mechanism::Login);
        QCOMPARE(Sasl::choose(all, password, Sasl::Mechanism::Login), Sasl::Mechanism::Login);
        QCOMPARE(Sasl::choose(all, password, Sasl::Mechanism::XOAuth2),
                 Sasl::Mechanism::Plain); // no token
        QCOMPARE(Sasl::choose({"CRAM-MD5"}, password), Sasl::Mechanism::None);
        QCOMPARE(Sasl::choose({"PLAIN"}, token), Sasl::Mechanism::None);
    }
    void saslExchanges()
    {
        Sasl::Credentials c;
        c.user = QStringLiteral("user");
        c.password = QStringLiteral("pass");
        c.accessToken = QStringLiteral("tok");

        Sasl::Client login(Sasl::Mechanism::Login, c);
        QVERIFY(!login.hasInitialResponse());
        QCOMPARE(login.respond(QByteArray("VXNlcm5hbWU6")), QByteArray("user").toBase64());
        QCOMPARE(login.respond(QByteArray("UGFzc3dvcmQ6")), QByteArray("pass").toBase64());

        // PLAIN without SASL-IR: the message answers the empty challenge.
        Sasl::Client plain(Sasl::Mechanism::Plain, c);
        QCOMPARE(plain.respond(QByteArray()), QByteArray("\0user\0pass", 10).toBase64());

        // XOAUTH2 error challenge: the JSON is kept, the answer is an empty line.
        Sasl::Client x(Sasl::Mechanism::XOAuth2, c);
        QCOMPARE(QByteArray::fromBase64(x.takeInitialResponse()),
                 Sasl::xoauth2Message(c.user, c.accessToken));
        const QByteArray json = R"({"status":"401","schemes":"bearer","scope":"mail"})";
        QCOMPARE(x.respond(json.toBase64()), QByteArray());
        QCOMPARE(x.errorJson(), json);

        // OAUTHBEARER error challenge: answered with base64 of 0x01.
        Sasl::Client o(Sasl::Mechanism::OAuthBearer, c, QStringLiteral("imap.example.com"), 993);
        QVERIFY(QByteArray::fromBase64(o.takeInitialResponse())
                    .contains("host=imap.example.com\x01port=993\x01"));
        QCOMPARE(o.respond(QByteArray(R"({"status":"invalid_token"})").toBase64()),
                 QByteArray("AQ=="));
        QCOMPARE(o.errorJson(), QByteArray(R"({"status":"invalid_token"})"));
    }

    void fingerprints()
    {
        const QByteArray raw = QByteArray::fromHex(
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        QCOMPARE(normalizeFingerprint(raw), raw);
        QCOMPARE(normalizeFingerprint(raw.toHex()), raw);
        QCOMPARE(normalizeFingerprint(raw.toHex(':').toUpper()), raw);
        QCOMPARE(formatFingerprint(raw), QString::fromLatin1(raw.toHex(':').toUpper()));
        QVERIFY(normalizeFingerprint("zz").isEmpty());
        QVERIFY(normalizeFingerprint(raw.toHex().left(60)).isEmpty());
    }

    void userMessages()
    {
        Error dns(Error::Kind::HostNotFound, QStringLiteral("DNS"));
        dns.host = QStringLiteral("imap.example.com");
        QCOMPARE(dns.userMessage(),
                 QStringLiteral("Could not find the server imap.example.com (DNS)."));
        Error auth(Error::Kind::Authentication, QStringLiteral("AUTH PLAIN"),
                   QStringLiteral("535 5.7.8 Authentication credentials invalid"));
        QCOMPARE(auth.userMessage(),
                 QStringLiteral("The server rejected the user name or password: 535 5.7.8 "
                                "Authentication credentials invalid"));
        Error hint(Error::Kind::Command, QStringLiteral("8BITMIME"));
        hint.hint = QStringLiteral("special words");
        QCOMPARE(hint.userMessage(), QStringLiteral("special words"));
        // Every kind has words.
        for (int k = int(Error::Kind::HostNotFound); k <= int(Error::Kind::SizeExceeded); ++k) {
            const Error e(Error::Kind(k), QStringLiteral("step"));
            QVERIFY2(!e.userMessage().isEmpty(), qPrintable(QString::number(k)));
            QVERIFY(e.isError());
        }
        QVERIFY(!Error().isError());
    }
};

QTEST_GUILESS_MAIN(TestNetCommon)
#include "tst_netcommon.moc"
