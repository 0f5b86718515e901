// Net::Connection against the scripted fake server: TLS verification and pinning, line
// reading, timeouts, remote close, oversized lines.
#include "connectors/common/connection.h"
#include "fakes/scriptedserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Tributary::Net;
using Tributary::Testing::ScriptedServer;

namespace {

Endpoint endpointFor(const ScriptedServer &server, Security security, bool trustCa = true,
                     int timeoutMs = 20000)
{
    Endpoint e;
    e.host = QStringLiteral("127.0.0.1");
    e.port = server.port();
    e.security = security;
    if (trustCa)
        e.extraCaCertificates = ScriptedServer::caCertificates();
    e.timeoutMs = timeoutMs;
    return e;
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void implicitTlsTrustedCa()
    {
        ScriptedServer server;
        server.setImplicitTls(true);
        server.sendLine("* hello").expectLine("PING").sendLine("PONG").hang();
        QVERIFY(server.listen());
        Connection c;
        c.setEndpoint(endpointFor(server, Security::ImplicitTls));
        QSignalSpy ready(&c, &Connection::ready);
        QSignalSpy failed(&c, &Connection::failed);
        c.connectToServer();
        QVERIFY(ready.wait(30000));
        QVERIFY(c.isEncrypted());
        QTRY_VERIFY_WITH_TIMEOUT(c.buffer().canReadLine(), 30000);
        QCOMPARE(c.readLine(), QByteArray("* hello"));
        c.writeLine("PING");
        c.armTimeout(QStringLiteral("ping"));
        QTRY_VERIFY_WITH_TIMEOUT(c.buffer().canReadLine(), 30000);
        QCOMPARE(c.readLine(), QByteArray("PONG"));
        c.disarmTimeout();
        QCOMPARE(failed.size(), 0);
        QVERIFY(server.failures().isEmpty());
    }

    void untrustedCertificateCarriesFingerprint()
    {
        ScriptedServer server;
        server.setImplicitTls(true, ScriptedServer::Certificate::Wrong);
        server.hang();
        QVERIFY(server.listen());
        Connection c;
        c.setEndpoint(endpointFor(server, Security::ImplicitTls));
        QSignalSpy ready(&c, &Connection::ready);
        QSignalSpy failed(&c, &Connection::failed);
        c.connectToServer();
        QVERIFY(failed.wait(30000));
        QCOMPARE(ready.size(), 0);
        const Error e = failed.first().first().value<Error>();
        QCOMPARE(e.kind, Error::Kind::Tls);
        QCOMPARE(e.peerFingerprint,
                 fingerprintSha256(
                     ScriptedServer::serverCertificate(ScriptedServer::Certificate::Wrong)));
        QVERIFY(!e.sslErrors.isEmpty());
        QVERIFY(e.userMessage().contains(e.sslErrors.first().errorString()));
        QCOMPARE(e.peerCertificate,
                 ScriptedServer::serverCertificate(ScriptedServer::Certificate::Wrong));
        QCOMPARE(c.state(), Connection::State::Failed);
    }

    void pinnedCertificate_data()
    {
        QTest::addColumn<bool>("pinPresented");
        QTest::newRow("pin of the presented certificate") << true;
        QTest::newRow("pin of another certificate") << false;
    }
    void pinnedCertificate()
    {
        QFETCH(bool, pinPresented);
        ScriptedServer server;
        server.setImplicitTls(true, ScriptedServer::Certificate::Wrong);
        server.sendLine("* hello").hang();
        QVERIFY(server.listen());
        Endpoint e = endpointFor(server, Security::ImplicitTls);
        e.pinnedSha256 = fingerprintSha256(ScriptedServer::serverCertificate(
            pinPresented ? ScriptedServer::Certificate::Wrong : ScriptedServer::Certificate::Good));
        Connection c;
        c.setEndpoint(e);
        QSignalSpy ready(&c, &Connection::ready);
        QSignalSpy failed(&c, &Connection::failed);
        c.connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(ready.size() + failed.size() > 0, 30000);
        if (pinPresented) {
            QCOMPARE(ready.size(), 1);
            QVERIFY(c.isEncrypted());
        } else {
            QCOMPARE(failed.size(), 1);
            QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Tls);
        }
    }

    void startTlsUpgrade()
    {
        ScriptedServer server;
        server.sendLine("* plain")
            .expectLine("STARTTLS")
            .sendLine("OK go")
            .startTls()
            .expectLine("SECRET")
            .hang();
        QVERIFY(server.listen());
        Connection c;
        c.setEndpoint(endpointFor(server, Security::StartTls));
        QSignalSpy ready(&c, &Connection::ready);
        QSignalSpy encrypted(&c, &Connection::encrypted);
        c.connectToServer();
        QVERIFY(ready.wait(30000));
        QVERIFY(!c.isEncrypted());
        QTRY_VERIFY_WITH_TIMEOUT(c.buffer().canReadLine(), 30000);
        QCOMPARE(c.readLine(), QByteArray("* plain"));
        c.writeLine("STARTTLS");
        QTRY_VERIFY_WITH_TIMEOUT(c.buffer().canReadLine(), 30000);
        QCOMPARE(c.readLine(), QByteArray("OK go"));
        c.startTls();
        QVERIFY(encrypted.wait(30000));
        QVERIFY(c.isEncrypted());
        c.writeLine("SECRET", Connection::LineKind::Sensitive);
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
        QVERIFY(!server.receivedBeforeTls().contains("SECRET"));
        QVERIFY(server.received().contains("SECRET"));
    }

    void handshakeNeverAnswered()
    {
        // The server accepts TCP but never answers the TLS ClientHello: the connect timeout
        // covers the handshake.
        ScriptedServer server;
        server.hang();
        QVERIFY(server.listen());
        Connection c;
        c.setEndpoint(endpointFor(server, Security::ImplicitTls, true, 2000));
        QSignalSpy failed(&c, &Connection::failed);
        c.connectToServer();
        QVERIFY(failed.wait(30000));
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::ConnectTimeout);
    }

    void timeoutWhileWaiting()
    {
        ScriptedServer server;
        server.sendLine("* hi").hang();
        QVERIFY(server.listen());
        Connection c;
        c.setEndpoint(endpointFor(server, Security::None, true, 2000));
        QSignalSpy ready(&c, &Connection::ready);
        QSignalSpy failed(&c, &Connection::failed);
        c.connectToServer();
        QVERIFY(ready.wait(30000));
        c.armTimeout(QStringLiteral("waiting for the answer"));
        QVERIFY(failed.wait(30000));
        const Error e = failed.first().first().value<Error>();
        QCOMPARE(e.kind, Error::Kind::Timeout);
        QCOMPARE(e.step, QStringLiteral("waiting for the answer"));
        QCOMPARE(failed.size(), 1);
    }

    void lastWordsBeforeClose()
    {
        ScriptedServer server;
        server.send("BYE going away\r\n").close();
        QVERIFY(server.listen());
        Connection c;
        c.setEndpoint(endpointFor(server, Security::None));
        QByteArray seen;
        connect(&c, &Connection::readyRead, &c, [&] {
            while (c.buffer().canReadLine())
                seen += c.readLine();
        });
        QSignalSpy failed(&c, &Connection::failed);
        c.connectToServer();
        QVERIFY(failed.wait(30000));
        QCOMPARE(seen, QByteArray("BYE going away"));
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::Disconnected);
    }

    void oversizedLine()
    {
        ScriptedServer server;
        server.send(QByteArray(2 * 1024 * 1024, 'x')).hang();
        QVERIFY(server.listen());
        Connection c;
        c.setEndpoint(endpointFor(server, Security::None));
        QSignalSpy failed(&c, &Connection::failed);
        c.connectToServer();
        QVERIFY(failed.wait(30000));
        QCOMPARE(failed.first().first().value<Error>().kind, Error::Kind::ProtocolViolation);
    }

    void refused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        Endpoint e;
        e.host = QStringLiteral("127.0.0.1");
        e.port = port;
        e.security = Security::None;
        Connection c;
        c.setEndpoint(e);
        QSignalSpy failed(&c, &Connection::failed);
        c.connectToServer();
        QVERIFY(failed.wait(30000));
        const Error err = failed.first().first().value<Error>();
        QCOMPARE(err.kind, Error::Kind::ConnectionRefused);
        QCOMPARE(err.port, port);
    }

    void orderlyClose()
    {
        ScriptedServer server;
        server.sendLine("* hi").expectDisconnect();
        QVERIFY(server.listen());
        Connection c;
        c.setEndpoint(endpointFor(server, Security::None));
        QSignalSpy ready(&c, &Connection::ready);
        QSignalSpy closed(&c, &Connection::closed);
        QSignalSpy failed(&c, &Connection::failed);
        c.connectToServer();
        QVERIFY(ready.wait(30000));
        c.disconnectFromServer(); // closed() may come at once (nothing left to flush)
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 30000);
        QCOMPARE(failed.size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(server.isFinished(), 30000);
    }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
