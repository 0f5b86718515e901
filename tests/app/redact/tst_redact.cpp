#include "connectors/common/redact.h"

#include <QTest>

using Tributary::Net::redact;

class tst_Redact : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secrets_data();
    void secrets();
    void unchanged_data();
    void unchanged();
    void bytesSurvive();
    void imapLiteralsInOneBuffer();
    void multiLine();
    void idempotent_data();
    void idempotent();
    void traceSmtpAuthLogin();
    void traceImapAuthenticate();
    void tracePop3Sasl();
    void traceImapLoginLiterals();
    void traceLeavesOtherLinesAlone();
};

void tst_Redact::secrets_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("secret");

    // IMAP
    QTest::newRow("imap login atoms") << "a1 LOGIN alice hunter2"
                                      << "a1 LOGIN alice [redacted]"
                                      << "hunter2";
    QTest::newRow("imap login lowercase") << "a001 login alice hunter2"
                                          << "a001 login alice [redacted]"
                                          << "hunter2";
    QTest::newRow("imap login quoted") << R"(A2 LOGIN "alice@example.org" "pa ss\"word")"
                                       << R"(A2 LOGIN "alice@example.org" [redacted])"
                                       << "pa ss";
    QTest::newRow("imap login quoted user, atom pass") << R"(A3 LOGIN "al ice" s3cr3t)"
                                                       << R"(A3 LOGIN "al ice" [redacted])"
                                                       << "s3cr3t";
    QTest::newRow("imap login literal marker only") << "A4 LOGIN alice {7}"
                                                    << "A4 LOGIN alice [redacted]"
                                                    << "{7}";
    QTest::newRow("imap login with trace prefix") << "C: a1 LOGIN bob topsecret"
                                                  << "C: a1 LOGIN bob [redacted]"
                                                  << "topsecret";
    QTest::newRow("imap login after timestamp and arrow")
        << "12:01:02.345 imap#3 >> a1 LOGIN bob topsecret"
        << "12:01:02.345 imap#3 >> a1 LOGIN bob [redacted]"
        << "topsecret";
    QTest::newRow("imap authenticate plain ir") << "a2 AUTHENTICATE PLAIN AGFsaWNlAGh1bnRlcjI="
                                                << "a2 AUTHENTICATE PLAIN [redacted]"
                                                << "AGFsaWNlAGh1bnRlcjI=";
    QTest::newRow("imap authenticate xoauth2 ir")
        << "a3 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB5YTI5LnRva2VuAQE="
        << "a3 AUTHENTICATE XOAUTH2 [redacted]"
        << "dXNlcj1hbGljZQ";
    QTest::newRow("imap authenticate oauthbearer ir")
        << "a4 authenticate OAUTHBEARER bixhPWFsaWNlLAFhdXRoPUJlYXJlciB0b2sBAQ=="
        << "a4 authenticate OAUTHBEARER [redacted]"
        << "bixhPWFsaWNl";
    QTest::newRow("sasl continuation answer") << "AGFsaWNlAGh1bnRlcjI="
                                              << "[redacted]"
                                              << "AGFsaWNlAGh1bnRlcjI=";
    QTest::newRow("sasl continuation answer with prefix")
        << "C: dXNlcj1hbGljZQFhdXRoPUJlYXJlciB5YTI5AQE="
        << "C: [redacted]"
        << "dXNlcj1hbGljZQ";
    QTest::newRow("sasl login username answer") << "YWxpY2U="
                                                << "[redacted]"
                                                << "YWxpY2U=";
    QTest::newRow("sasl short password answer") << "cHc="
                                                << "[redacted]"
                                                << "cHc=";

    // POP3
    QTest::newRow("pop3 pass") << "PASS hunter2"
                               << "PASS [redacted]"
                               << "hunter2";
    QTest::newRow("pop3 pass with spaces") << "PASS correct horse battery"
                                           << "PASS [redacted]"
                                           << "horse";
    QTest::newRow("pop3 pass lowercase with prefix") << "> pass hunter2"
                                                     << "> pass [redacted]"
                                                     << "hunter2";
    QTest::newRow("pop3 apop") << "APOP mrose c4c9334bac560ecc979e58001b3e22fb"
                               << "APOP mrose [redacted]"
                               << "c4c9334bac";
    QTest::newRow("pop3 auth plain ir") << "AUTH PLAIN AGFsaWNlAGh1bnRlcjI="
                                        << "AUTH PLAIN [redacted]"
                                        << "AGFsaWNl";

    // SMTP
    QTest::newRow("smtp auth login ir") << "AUTH LOGIN YWxpY2U="
                                        << "AUTH LOGIN [redacted]"
                                        << "YWxpY2U=";
    QTest::newRow("smtp auth xoauth2") << "-> AUTH XOAUTH2 dXNlcj1hAWF1dGg9QmVhcmVyIHRvawEB"
                                       << "-> AUTH XOAUTH2 [redacted]"
                                       << "dXNlcj1h";

    // HTTP
    QTest::newRow("authorization bearer") << "Authorization: Bearer ya29.a0AfH6SMB-x_y"
                                          << "Authorization: Bearer [redacted]"
                                          << "ya29";
    QTest::newRow("authorization basic") << "authorization: Basic YWxpY2U6aHVudGVyMg=="
                                         << "authorization: Basic [redacted]"
                                         << "YWxpY2U6";
    QTest::newRow("authorization without scheme") << "Authorization: abc123def"
                                                  << "Authorization: [redacted]"
                                                  << "abc123def";
    QTest::newRow("proxy authorization") << "Proxy-Authorization: Basic Zm9vOmJhcg=="
                                         << "Proxy-Authorization: Basic [redacted]"
                                         << "Zm9v";
    QTest::newRow("authorization in json")
        << R"({"Authorization": "Basic Zm9vOmJhcg==", "Accept": "*/*"})"
        << R"({"Authorization": "Basic [redacted]", "Accept": "*/*"})"
        << "Zm9v";
    QTest::newRow("bearer anywhere") << "sending token Bearer xyz to server"
                                     << "sending token Bearer [redacted] to server"
                                     << "xyz";
    QTest::newRow("xoauth2 decoded") << "user=alice@example.org\x01"
                                        "auth=Bearer tok-123\x01\x01"
                                     << "user=alice@example.org\x01"
                                        "auth=Bearer [redacted]\x01\x01"
                                     << "tok-123";

    // URLs, forms, JSON
    QTest::newRow("redirect with code")
        << "http://127.0.0.1:5000/cb?code=4/0AX4XfW&state=abc&scope=mail"
        << "http://127.0.0.1:5000/cb?code=[redacted]&state=abc&scope=mail"
        << "4/0AX4XfW";
    QTest::newRow("token request body")
        << "grant_type=refresh_token&refresh_token=1//0gabc&client_id=app&client_secret=shh"
        << "grant_type=refresh_token&refresh_token=[redacted]&client_id=app&client_secret=["
           "redacted]"
        << "1//0gabc";
    QTest::newRow("access token in fragment")
        << "https://x.test/#access_token=EwB0A&expires_in=3600"
        << "https://x.test/#access_token=[redacted]&expires_in=3600"
        << "EwB0A";
    QTest::newRow("password parameter") << "POST /login user=alice&password=hunter2"
                                        << "POST /login user=alice&password=[redacted]"
                                        << "hunter2";
    QTest::newRow("password option") << "tributary-cli --password=hunter2 retrieval add"
                                     << "tributary-cli --password=[redacted] retrieval add"
                                     << "hunter2";
    QTest::newRow("code verifier") << "code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
                                   << "code_verifier=[redacted]"
                                   << "dBjftJeZ4CVP";
    QTest::newRow("token json")
        << R"({"token_type":"Bearer","access_token":"EwB0A.b-c","expires_in":3600,"refresh_token":"M.R3_BAY"})"
        << R"({"token_type":"Bearer","access_token":"[redacted]","expires_in":3600,"refresh_token":"[redacted]"})"
        << "EwB0A";
    QTest::newRow("json with escaped quote") << R"({"password" : "a\"b c"})"
                                             << R"({"password" : "[redacted]"})"
                                             << "b c";
    QTest::newRow("json client secret") << R"({"client_secret":"shh-123"})"
                                        << R"({"client_secret":"[redacted]"})"
                                        << "shh-123";
    QTest::newRow("url user info") << "imaps://alice:hunter2@imap.example.org:993/INBOX"
                                   << "imaps://alice:[redacted]@imap.example.org:993/INBOX"
                                   << "hunter2";
}

void tst_Redact::secrets()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(QString, secret);

    const QString out = redact(QStringView(input));
    QCOMPARE(out, expected);
    QVERIFY2(!out.contains(secret), qPrintable(out));

    // The byte version for protocol lines agrees, with and without CRLF.
    const QByteArray bytes = input.toLatin1() + "\r\n";
    QCOMPARE(redact(bytes), expected.toLatin1() + "\r\n");
}

void tst_Redact::unchanged_data()
{
    QTest::addColumn<QString>("input");

    QTest::newRow("empty") << QString();
    QTest::newRow("plain sentence") << "Retrieved 12 messages from alice@example.org in 3 s.";
    QTest::newRow("imap greeting")
        << "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=XOAUTH2] ready";
    QTest::newRow("imap capability") << "* CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN LOGINDISABLED";
    QTest::newRow("imap login ok") << "a1 OK LOGIN completed";
    QTest::newRow("imap authenticate no ir") << "a2 AUTHENTICATE PLAIN";
    QTest::newRow("imap server continuation") << "+ ";
    QTest::newRow("imap fetch") << "a5 UID FETCH 1:* (FLAGS RFC822.SIZE)";
    QTest::newRow("imap select") << "a6 SELECT \"INBOX\"";
    QTest::newRow("imap done") << "DONE";
    QTest::newRow("pop3 user") << "USER alice";
    QTest::newRow("pop3 ok") << "+OK Logged in.";
    QTest::newRow("pop3 stat") << "STAT";
    QTest::newRow("pop3 quit") << "QUIT";
    QTest::newRow("pop3 capa") << "CAPA";
    QTest::newRow("pop3 sasl capability") << "SASL PLAIN LOGIN XOAUTH2";
    QTest::newRow("smtp ehlo") << "EHLO tributary.local";
    QTest::newRow("smtp auth capability") << "250-AUTH PLAIN LOGIN XOAUTH2";
    QTest::newRow("smtp auth no ir") << "AUTH LOGIN";
    QTest::newRow("smtp challenge") << "334 VXNlcm5hbWU6";
    QTest::newRow("smtp starttls") << "STARTTLS";
    QTest::newRow("smtp success") << "235 2.7.0 Authentication successful";
    QTest::newRow("smtp mail from") << "MAIL FROM:<alice@example.org> SIZE=1234";
    QTest::newRow("single word") << "Done";
    QTest::newRow("number") << "2024";
    QTest::newRow("http status") << "HTTP/1.1 200 OK";
    QTest::newRow("http header") << "Content-Type: application/json; charset=utf-8";
    QTest::newRow("json error code")
        << R"({"error":{"code":"InvalidAuthenticationToken","message":"expired"}})";
    QTest::newRow("json token type") << R"({"token_type":"Bearer","expires_in":3600})";
    QTest::newRow("xoauth2 error json") << R"({"status":"401","schemes":"bearer","scope":"mail"})";
    QTest::newRow("url without secrets")
        << "https://graph.microsoft.com/v1.0/me/messages?$top=10&state=xyz";
    QTest::newRow("error code word") << "statuscode=500 error_code=42";
    QTest::newRow("non-latin text") << QString::fromUtf8("Grüße aus Köln – 東京");
    QTest::newRow("already redacted") << "PASS [redacted]";
}

void tst_Redact::unchanged()
{
    QFETCH(QString, input);
    QCOMPARE(redact(QStringView(input)), input);
}

void tst_Redact::bytesSurvive()
{
    // Protocol bytes that are not valid UTF-8 pass through unchanged, apart from the secret.
    QByteArray line("* 1 FETCH (BODY[] {3}\r\n\xff\xfe\x80)\r\n");
    QCOMPARE(redact(line), line);
    QByteArray pass("PASS h\xe9llo\xff\r\n");
    QCOMPARE(redact(pass), QByteArray("PASS [redacted]\r\n"));
}

void tst_Redact::imapLiteralsInOneBuffer()
{
    // A whole command logged at once, with synchronizing literals for both arguments.
    const QByteArray cmd("a1 LOGIN {5}\r\nalice {10}\r\nhunt er2!!\r\n");
    const QByteArray out = redact(cmd);
    QCOMPARE(out, QByteArray("a1 LOGIN {5}\r\nalice [redacted]\r\n"));

    // Non-synchronizing literal (LITERAL+) for the password only.
    const QByteArray plus("a2 LOGIN \"alice\" {7+}\r\nhunter2\r\na3 SELECT INBOX\r\n");
    QCOMPARE(redact(plus), QByteArray("a2 LOGIN \"alice\" [redacted]\r\na3 SELECT INBOX\r\n"));
}

void tst_Redact::multiLine()
{
    const QString log = QStringLiteral("connected\nC: a1 LOGIN alice hunter2\nS: a1 OK\n"
                                       "Authorization: Bearer abc.def\nPASS x y\n");
    const QString out = redact(QStringView(log));
    QCOMPARE(out,
             QStringLiteral("connected\nC: a1 LOGIN alice [redacted]\nS: a1 OK\n"
                            "Authorization: Bearer [redacted]\nPASS [redacted]\n"));
}

void tst_Redact::idempotent_data()
{
    secrets_data();
}

void tst_Redact::idempotent()
{
    QFETCH(QString, input);
    const QString once = redact(QStringView(input));
    QCOMPARE(redact(QStringView(once)), once);
}

void tst_Redact::traceSmtpAuthLogin()
{
    Tributary::Net::TraceRedactor t;
    QCOMPARE(t.client("EHLO client\r\n"), QByteArray("EHLO client\r\n"));
    QCOMPARE(t.server("250-AUTH PLAIN LOGIN XOAUTH2\r\n"),
             QByteArray("250-AUTH PLAIN LOGIN XOAUTH2\r\n"));
    QCOMPARE(t.client("AUTH LOGIN\r\n"), QByteArray("AUTH LOGIN\r\n"));
    QCOMPARE(t.server("334 VXNlcm5hbWU6\r\n"), QByteArray("334 VXNlcm5hbWU6\r\n"));
    QCOMPARE(t.client("alice\r\n"),
             QByteArray("[redacted]\r\n")); // not base64-shaped, still hidden
    QCOMPARE(t.server("334 UGFzc3dvcmQ6\r\n"), QByteArray("334 UGFzc3dvcmQ6\r\n"));
    QCOMPARE(t.client("aHVudGVy\r\n"), QByteArray("[redacted]\r\n"));
    QCOMPARE(t.server("235 2.7.0 Authentication successful\r\n"),
             QByteArray("235 2.7.0 Authentication successful\r\n"));
    // The exchange is over: ordinary commands show again.
    QCOMPARE(t.client("MAIL FROM:<alice@example.org>\r\n"),
             QByteArray("MAIL FROM:<alice@example.org>\r\n"));

    // XOAUTH2 failure: the error challenge is kept, the empty answer too.
    QCOMPARE(t.client("AUTH XOAUTH2 dXNlcj1hAWF1dGg9QmVhcmVyIHRvawEB\r\n"),
             QByteArray("AUTH XOAUTH2 [redacted]\r\n"));
    QCOMPARE(t.server("334 eyJzdGF0dXMiOiI0MDEifQ==\r\n"),
             QByteArray("334 eyJzdGF0dXMiOiI0MDEifQ==\r\n"));
    QCOMPARE(t.client("\r\n"), QByteArray("\r\n"));
    QCOMPARE(t.server("535 5.7.8 rejected\r\n"), QByteArray("535 5.7.8 rejected\r\n"));
    QCOMPARE(t.client("QUIT\r\n"), QByteArray("QUIT\r\n"));
}

void tst_Redact::traceImapAuthenticate()
{
    Tributary::Net::TraceRedactor t;
    QCOMPARE(t.client("a1 AUTHENTICATE PLAIN\r\n"), QByteArray("a1 AUTHENTICATE PLAIN\r\n"));
    QCOMPARE(t.server("+ \r\n"), QByteArray("+ \r\n"));
    QCOMPARE(t.client("AGFsaWNlAGh1bnRlcjI=\r\n"), QByteArray("[redacted]\r\n"));
    QCOMPARE(t.server("a1 OK AUTHENTICATE completed\r\n"),
             QByteArray("a1 OK AUTHENTICATE completed\r\n"));
    QCOMPARE(t.client("a2 SELECT INBOX\r\n"), QByteArray("a2 SELECT INBOX\r\n"));

    // A cancelled exchange keeps the "*".
    QCOMPARE(t.client("a3 AUTHENTICATE XOAUTH2\r\n"), QByteArray("a3 AUTHENTICATE XOAUTH2\r\n"));
    QCOMPARE(t.server("+\r\n"), QByteArray("+\r\n"));
    QCOMPARE(t.client("*\r\n"), QByteArray("*\r\n"));
    QCOMPARE(t.server("a3 BAD cancelled\r\n"), QByteArray("a3 BAD cancelled\r\n"));
    QCOMPARE(t.client("a4 LOGOUT\r\n"), QByteArray("a4 LOGOUT\r\n"));
}

void tst_Redact::tracePop3Sasl()
{
    Tributary::Net::TraceRedactor t;
    QCOMPARE(t.client("AUTH PLAIN\r\n"), QByteArray("AUTH PLAIN\r\n"));
    QCOMPARE(t.server("+ \r\n"), QByteArray("+ \r\n"));
    QCOMPARE(t.client("AGFsaWNlAGh1bnRlcjI=\r\n"), QByteArray("[redacted]\r\n"));
    QCOMPARE(t.server("+OK Logged in.\r\n"), QByteArray("+OK Logged in.\r\n"));
    QCOMPARE(t.client("STAT\r\n"), QByteArray("STAT\r\n"));
    // Stateless rules still apply.
    QCOMPARE(t.client("PASS hunter2\r\n"), QByteArray("PASS [redacted]\r\n"));
}

void tst_Redact::traceImapLoginLiterals()
{
    Tributary::Net::TraceRedactor t;
    QCOMPARE(t.client("a1 LOGIN {5}\r\n"), QByteArray("a1 LOGIN {5}\r\n"));
    QCOMPARE(t.server("+ Ready for literal data\r\n"), QByteArray("+ Ready for literal data\r\n"));
    QCOMPARE(t.client("alice {7}\r\n"), QByteArray("[redacted]\r\n"));
    QCOMPARE(t.server("+ Ready\r\n"), QByteArray("+ Ready\r\n"));
    QCOMPARE(t.client("hunter2\r\n"), QByteArray("[redacted]\r\n"));
    QCOMPARE(t.server("a1 OK Logged in\r\n"), QByteArray("a1 OK Logged in\r\n"));
    QCOMPARE(t.client("a2 LIST \"\" *\r\n"), QByteArray("a2 LIST \"\" *\r\n"));

    // Non-synchronizing literal for the password only.
    QCOMPARE(t.client("a3 LOGIN \"alice\" {7+}\r\n"),
             QByteArray("a3 LOGIN \"alice\" [redacted]\r\n"));
    QCOMPARE(t.client("hunter2\r\n"), QByteArray("[redacted]\r\n"));
    QCOMPARE(t.client("a4 NOOP\r\n"), QByteArray("a4 NOOP\r\n"));

    // The server refuses the literal: no line is taken for its bytes.
    QCOMPARE(t.client("a5 LOGIN {5}\r\n"), QByteArray("a5 LOGIN {5}\r\n"));
    QCOMPARE(t.server("a5 NO too long\r\n"), QByteArray("a5 NO too long\r\n"));
    QCOMPARE(t.client("a6 NOOP\r\n"), QByteArray("a6 NOOP\r\n"));
}

void tst_Redact::traceLeavesOtherLinesAlone()
{
    Tributary::Net::TraceRedactor t;
    const QList<QByteArray> clientLines {"a1 CAPABILITY",
                                         "a2 SELECT INBOX",
                                         "a3 UID FETCH 1:* (FLAGS)",
                                         "DONE",
                                         "USER alice",
                                         "RETR 1",
                                         "EHLO x",
                                         "DATA",
                                         "QUIT"};
    for (const QByteArray &line : clientLines) {
        QCOMPARE(t.client(line + "\r\n"), line + "\r\n");
        QCOMPARE(t.server("+OK\r\n"), QByteArray("+OK\r\n"));
    }
    t.client("AUTH PLAIN\r\n");
    t.reset();
    QCOMPARE(t.client("NOOP\r\n"), QByteArray("NOOP\r\n"));
}

QTEST_GUILESS_MAIN(tst_Redact)
#include "tst_redact.moc"
