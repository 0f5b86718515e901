#include "fakes/scriptedserver.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

using Tributary::Testing::ScriptedServer;

namespace {

// A minimal client that keeps everything it reads.
class Client : public QObject
{
    Q_OBJECT
public:
    explicit Client(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&socket, &QSslSocket::readyRead, this, [this] {
            ++reads;
            data += socket.readAll();
        });
    }
    void connectTo(const ScriptedServer &server)
    {
        socket.connectToHost(server.address(), server.port());
    }
    bool waitForData(const QByteArray &needle)
    {
        return QTest::qWaitFor([&] { return data.contains(needle); }, 10000);
    }
    QSslSocket socket;
    QByteArray data;
    int reads = 0;
};

QString joined(const QStringList &failures)
{
    return failures.join(u'\n');
}

} // namespace

class TestScriptedServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void certificatesLoad();
    void plainExchangeWithVariables();
    void mismatchIsRecorded();
    void splitSendArrivesInPieces();
    void startTlsRecordsWhatCrossedInTheClear();
    void implicitTlsWithWrongCertificateIsRejected();
    void implicitTlsWithGoodCertificateIsAccepted();
    void closeThenNextConnection();
    void hangKeepsConnectionSilent();
    void hugeLiteralThenCut();
    void dataBlockUntilDot();
    void unexpectedDisconnectIsAFailure();
    void startTlsWithWrongCertificateIsRejected();
    void plaintextPipelinedAfterStartTlsIsAFailure();
    void queuedConnectionKeepsItsEarlyData();
};

void TestScriptedServer::certificatesLoad()
{
    const auto cas = ScriptedServer::caCertificates();
    QCOMPARE(cas.size(), 1);
    QVERIFY(cas.first()
                .subjectInfo(QSslCertificate::CommonName)
                .contains(QStringLiteral("Tributary Test CA")));
    const QSslCertificate good = ScriptedServer::serverCertificate();
    QVERIFY(!good.isNull());
    QCOMPARE(good.issuerInfo(QSslCertificate::CommonName),
             cas.first().subjectInfo(QSslCertificate::CommonName));
    const auto chainErrors = QSslCertificate::verify({good}, QStringLiteral("127.0.0.1"));
    // The system store does not know our CA: the chain alone must not verify.
    QVERIFY(!chainErrors.isEmpty());
    const QSslCertificate wrong
        = ScriptedServer::serverCertificate(ScriptedServer::Certificate::Wrong);
    QVERIFY(!wrong.isNull());
    QVERIFY(wrong.isSelfSigned());
    QVERIFY(wrong != good);
    QVERIFY(good.expiryDate() > QDateTime::currentDateTimeUtc().addYears(5));
}

void TestScriptedServer::plainExchangeWithVariables()
{
    ScriptedServer server;
    QSignalSpy finished(&server, &ScriptedServer::scriptFinished);
    server.sendLine("* OK ready")
        .expectMatch(QStringLiteral("^(?<tag>\\w+) LOGIN (?<user>\\S+) \\S+$"))
        .sendLine("${tag} OK welcome ${user}")
        .expectLine("a2 LOGOUT")
        .sendLine("* BYE")
        .close();
    QVERIFY(server.listen());
    QVERIFY(server.port() != 0);
    QCOMPARE(server.address(), QHostAddress(QHostAddress::LocalHost));

    Client client;
    client.connectTo(server);
    QVERIFY(client.waitForData("* OK ready\r\n"));
    client.socket.write("a1 LOGIN alice secret\r\n");
    QVERIFY(client.waitForData("a1 OK welcome alice\r\n"));
    client.socket.write("a2 LOGOUT\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::UnconnectedState, 30000);
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
    QVERIFY(server.isFinished());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(server.variable(QStringLiteral("tag")), QStringLiteral("a1"));
    QCOMPARE(server.received(), QByteArray("a1 LOGIN alice secret\r\na2 LOGOUT\r\n"));
    const auto lines = server.receivedLines();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).line, QByteArray("a1 LOGIN alice secret"));
    QCOMPARE(lines.at(0).encrypted, false);
    QCOMPARE(lines.at(1).connection, 1);
    QVERIFY(client.data.endsWith("* BYE\r\n"));
}

void TestScriptedServer::mismatchIsRecorded()
{
    ScriptedServer server;
    QSignalSpy failed(&server, &ScriptedServer::failed);
    server.sendLine("220 hi").expectLine("EHLO client").sendLine("250 ok");
    QVERIFY(server.listen());
    Client client;
    client.connectTo(server);
    QVERIFY(client.waitForData("220 hi\r\n"));
    client.socket.write("HELO client\r\n");
    QVERIFY(failed.wait(10000));
    QCOMPARE(server.failures().size(), 1);
    QVERIFY(server.failures().first().contains(QStringLiteral("EHLO client")));
    QVERIFY(server.failures().first().contains(QStringLiteral("HELO client")));
    QVERIFY(!server.isFinished());
    // The script stopped: the answer after the mismatched step is never sent.
    QVERIFY(!client.data.contains("250"));
    QVERIFY(server.isClientConnected());
}

void TestScriptedServer::splitSendArrivesInPieces()
{
    const QByteArray reply = "+OK 2 messages (320 octets) and some more text to split\r\n";
    ScriptedServer server;
    QSignalSpy finished(&server, &ScriptedServer::scriptFinished);
    server.sendSplit(reply, 6, 20).expectLine("QUIT");
    QVERIFY(server.listen());
    Client client;
    client.connectTo(server);
    QVERIFY(client.waitForData("\r\n"));
    QCOMPARE(client.data, reply);
    // Six flushed segments with pauses between them reach the client as separate reads.
    QVERIFY2(client.reads >= 2, qPrintable(QString::number(client.reads)));
    client.socket.write("QUIT\r\n");
    QVERIFY(finished.wait(10000));
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
}

void TestScriptedServer::startTlsRecordsWhatCrossedInTheClear()
{
    ScriptedServer server;
    QSignalSpy finished(&server, &ScriptedServer::scriptFinished);
    server.sendLine("220 esmtp")
        .expectLine("EHLO me")
        .sendLine("250-hello")
        .sendLine("250 STARTTLS")
        .expectLine("STARTTLS")
        .sendLine("220 go ahead")
        .startTls()
        .expectLine("EHLO me")
        .sendLine("250 AUTH PLAIN")
        .expectMatch(QStringLiteral("^AUTH PLAIN (?<blob>\\S+)$"))
        .sendLine("235 ok");
    QVERIFY(server.listen());

    Client client;
    client.socket.setSslConfiguration(ScriptedServer::clientSslConfiguration());
    client.socket.setPeerVerifyName(QStringLiteral("127.0.0.1"));
    QSignalSpy encrypted(&client.socket, &QSslSocket::encrypted);
    QSignalSpy sslErrors(&client.socket, &QSslSocket::sslErrors);
    client.connectTo(server);
    QVERIFY(client.waitForData("220 esmtp\r\n"));
    client.socket.write("EHLO me\r\n");
    QVERIFY(client.waitForData("250 STARTTLS\r\n"));
    client.socket.write("STARTTLS\r\n");
    QVERIFY(client.waitForData("220 go ahead\r\n"));
    client.data.clear();
    client.socket.startClientEncryption();
    QVERIFY(encrypted.wait(10000));
    QCOMPARE(sslErrors.size(), 0);
    QCOMPARE(client.socket.peerCertificate(), ScriptedServer::serverCertificate());
    client.socket.write("EHLO me\r\n");
    QVERIFY(client.waitForData("250 AUTH PLAIN\r\n"));
    client.socket.write("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n");
    QVERIFY(client.waitForData("235 ok\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 30000);
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
    QVERIFY(!server.tlsHandshakeFailed());
    QCOMPARE(server.receivedBeforeTls(), QByteArray("EHLO me\r\nSTARTTLS\r\n"));
    QVERIFY(!server.receivedBeforeTls().contains("AUTH"));
    QVERIFY(server.received().endsWith("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"));
    const auto lines = server.receivedLines();
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(1).encrypted, false);
    QCOMPARE(lines.at(2).encrypted, true);
    QCOMPARE(lines.at(3).encrypted, true);
    QCOMPARE(server.variable(QStringLiteral("blob")), QStringLiteral("AGFsaWNlAHNlY3JldA=="));
}

void TestScriptedServer::implicitTlsWithWrongCertificateIsRejected()
{
    ScriptedServer server;
    QSignalSpy finished(&server, &ScriptedServer::scriptFinished);
    server.setImplicitTls(true, ScriptedServer::Certificate::Wrong);
    server.expectDisconnect();
    QVERIFY(server.listen());

    Client client;
    client.socket.setSslConfiguration(ScriptedServer::clientSslConfiguration());
    QSignalSpy sslErrors(&client.socket, &QSslSocket::sslErrors);
    client.socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(sslErrors.wait(10000));
    const auto errors = sslErrors.first().first().value<QList<QSslError>>();
    QVERIFY(!errors.isEmpty());
    QVERIFY(!client.socket.isEncrypted());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(server.tlsHandshakeFailed());
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
    QCOMPARE(server.receivedBeforeTls().size(), server.received().size());
    QVERIFY(server.isFinished());
}

void TestScriptedServer::implicitTlsWithGoodCertificateIsAccepted()
{
    ScriptedServer server;
    server.setImplicitTls(true);
    server.sendLine("+OK pop3s").expectLine("USER bob").sendLine("+OK");
    QVERIFY(server.listen());
    Client client;
    client.socket.setSslConfiguration(ScriptedServer::clientSslConfiguration());
    QSignalSpy sslErrors(&client.socket, &QSslSocket::sslErrors);
    client.socket.connectToHostEncrypted(QStringLiteral("localhost"), server.port());
    QVERIFY(client.waitForData("+OK pop3s\r\n"));
    QVERIFY(client.socket.isEncrypted());
    client.socket.write("USER bob\r\n");
    QVERIFY(client.waitForData("pop3s\r\n+OK\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
    QCOMPARE(sslErrors.size(), 0);
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
    QVERIFY(server.receivedBeforeTls().isEmpty());
    QCOMPARE(server.received(), QByteArray("USER bob\r\n"));
}

void TestScriptedServer::closeThenNextConnection()
{
    ScriptedServer server;
    QSignalSpy connected(&server, &ScriptedServer::clientConnected);
    server.sendLine("-ERR busy, try later")
        .close()
        .sendLine("+OK ready")
        .expectLine("QUIT")
        .sendLine("+OK bye");
    QVERIFY(server.listen());

    Client first;
    first.connectTo(server);
    QVERIFY(first.waitForData("-ERR busy"));
    QTRY_COMPARE_WITH_TIMEOUT(first.socket.state(), QAbstractSocket::UnconnectedState, 30000);

    Client second;
    second.connectTo(server);
    QVERIFY(second.waitForData("+OK ready\r\n"));
    second.socket.write("QUIT\r\n");
    QVERIFY(second.waitForData("+OK bye\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
    QCOMPARE(server.connectionCount(), 2);
    QCOMPARE(connected.size(), 2);
    QCOMPARE(first.data, QByteArray("-ERR busy, try later\r\n"));
    QCOMPARE(server.receivedLines().size(), 1);
    QCOMPARE(server.receivedLines().first().connection, 2);
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
}

void TestScriptedServer::hangKeepsConnectionSilent()
{
    ScriptedServer server;
    QSignalSpy finished(&server, &ScriptedServer::scriptFinished);
    server.sendLine("* OK").expectLine("a1 CAPABILITY").hang().sendLine("never sent");
    QVERIFY(server.listen());
    Client client;
    client.connectTo(server);
    QVERIFY(client.waitForData("* OK\r\n"));
    client.socket.write("a1 CAPABILITY\r\n");
    QVERIFY(finished.wait(10000));
    client.socket.write("a2 NOOP\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedLines().size(), 2, 30000);
    QCOMPARE(server.receivedLines().last().line, QByteArray("a2 NOOP"));
    QCOMPARE(client.data, QByteArray("* OK\r\n"));
    QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
    QVERIFY(server.isClientConnected());
    // The step after hang() never runs.
    QVERIFY(!server.isFinished());
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
    // A client giving up on a hanging server is not a script failure.
    client.socket.disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(!server.isClientConnected(), 30000);
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
}

void TestScriptedServer::hugeLiteralThenCut()
{
    ScriptedServer server;
    server.sendLine("* OK")
        .expectMatch(QStringLiteral("^(?<tag>\\S+) FETCH 1 BODY\\[\\]$"))
        .hugeLiteralThenClose("* 1 FETCH (BODY[] ", 2000000000, 64);
    QVERIFY(server.listen());
    Client client;
    client.connectTo(server);
    QVERIFY(client.waitForData("* OK\r\n"));
    client.socket.write("x7 FETCH 1 BODY[]\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::UnconnectedState, 30000);
    QCOMPARE(client.data,
             QByteArray("* OK\r\n* 1 FETCH (BODY[] {2000000000}\r\n") + QByteArray(64, 'x'));
    QVERIFY(server.isFinished());
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
}

void TestScriptedServer::dataBlockUntilDot()
{
    ScriptedServer server;
    server.sendLine("354 go")
        .expectDataUntil(".")
        .sendLine("250 got ${data}")
        .expectBytes(5)
        .sendLine("[${data}]");
    QVERIFY(server.listen());
    Client client;
    client.connectTo(server);
    QVERIFY(client.waitForData("354 go\r\n"));
    client.socket.write("Subject: x\r\n\r\nbody\r\n.\r\nabcde");
    QVERIFY(client.waitForData("[abcde]\r\n"));
    QCOMPARE(client.data, QByteArray("354 go\r\n250 got Subject: x\r\n\r\nbody\r\n[abcde]\r\n"));
    QVERIFY(server.isFinished());
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
}

void TestScriptedServer::unexpectedDisconnectIsAFailure()
{
    ScriptedServer server;
    QSignalSpy failed(&server, &ScriptedServer::failed);
    server.sendLine("+OK").expectLine("USER a").sendLine("+OK");
    QVERIFY(server.listen());
    Client client;
    client.connectTo(server);
    QVERIFY(client.waitForData("+OK\r\n"));
    client.socket.disconnectFromHost();
    QVERIFY(failed.wait(10000));
    QVERIFY(server.failures().first().contains(QStringLiteral("USER a")));
}

void TestScriptedServer::startTlsWithWrongCertificateIsRejected()
{
    ScriptedServer server;
    QSignalSpy finished(&server, &ScriptedServer::scriptFinished);
    server.sendLine(". OK")
        .expectLine("1 STARTTLS")
        .sendLine("1 OK begin")
        .startTls(ScriptedServer::Certificate::Wrong)
        .expectDisconnect();
    QVERIFY(server.listen());
    Client client;
    client.socket.setSslConfiguration(ScriptedServer::clientSslConfiguration());
    QSignalSpy sslErrors(&client.socket, &QSslSocket::sslErrors);
    client.connectTo(server);
    QVERIFY(client.waitForData(". OK\r\n"));
    client.socket.write("1 STARTTLS\r\n");
    QVERIFY(client.waitForData("1 OK begin\r\n"));
    client.socket.setPeerVerifyName(QStringLiteral("127.0.0.1"));
    client.socket.startClientEncryption();
    QVERIFY(sslErrors.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(server.tlsHandshakeFailed());
    QVERIFY(server.isFinished());
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
}

void TestScriptedServer::plaintextPipelinedAfterStartTlsIsAFailure()
{
    ScriptedServer server;
    QSignalSpy failed(&server, &ScriptedServer::failed);
    server.sendLine("220 x").expectLine("STARTTLS").sendLine("220 go").startTls();
    QVERIFY(server.listen());
    Client client;
    client.connectTo(server);
    QVERIFY(client.waitForData("220 x\r\n"));
    // A client that does not wait for the TLS handshake leaks its next command in the clear.
    client.socket.write("STARTTLS\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n");
    QVERIFY(failed.wait(10000));
    QVERIFY(server.failures().first().contains(QStringLiteral("plaintext")));
    QVERIFY(server.receivedBeforeTls().contains("AUTH PLAIN"));
}

void TestScriptedServer::queuedConnectionKeepsItsEarlyData()
{
    ScriptedServer server;
    server.sendLine("hello A").expectLine("bye").close().expectLine("HELLO B").sendLine("ok B");
    QVERIFY(server.listen());
    Client a;
    a.connectTo(server);
    QVERIFY(a.waitForData("hello A\r\n"));
    Client b;
    QSignalSpy written(&b.socket, &QSslSocket::bytesWritten);
    b.connectTo(server);
    QTRY_COMPARE_WITH_TIMEOUT(b.socket.state(), QAbstractSocket::ConnectedState, 30000);
    b.socket.write("HELLO B\r\n");
    QVERIFY(written.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, 30000); // B waits in the queue
    a.socket.write("bye\r\n");
    QVERIFY(b.waitForData("ok B\r\n"));
    QVERIFY(server.isFinished());
    QCOMPARE(server.connectionCount(), 2);
    QVERIFY2(server.failures().isEmpty(), qPrintable(joined(server.failures())));
}

QTEST_GUILESS_MAIN(TestScriptedServer)
#include "tst_scriptedserver.moc"
