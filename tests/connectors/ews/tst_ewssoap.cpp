#include "connectors/ews/ewssoap.h"
#include "connectors/ews/ewsxml.h"

#include <QTest>

using namespace Tributary::Ews;

namespace {

const QByteArray kOpen = QByteArrayLiteral(
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>");
const QByteArray kClose = QByteArrayLiteral("</s:Body></s:Envelope>");

QByteArray response(const QByteArray &operation, const QByteArray &messages)
{
    return kOpen + "<m:" + operation
        + "Response xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\" "
          "xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\">"
          "<m:ResponseMessages>"
        + messages + "</m:ResponseMessages></m:" + operation + "Response>" + kClose;
}

} // namespace

class TestEwsSoap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncRequestShape()
    {
        const QByteArray first
            = Soap::syncFolderItemsRequest(QStringLiteral("AQMk&1"), QString(), 9999);
        XmlNode root;
        QString error;
        QVERIFY2(parseXml(first, &root, &error), qPrintable(error));
        const QString m = QString::fromUtf16(messagesNamespace);
        const QString t = QString::fromUtf16(typesNamespace);
        const QString soap = QString::fromUtf16(soapNamespace);
        QVERIFY(root.is(soap, u"Envelope"));
        QCOMPARE(
            root.path(soap, {u"Header"})->child(t, u"RequestServerVersion")->attribute(u"Version"),
            QStringLiteral("Exchange2010_SP2"));
        const XmlNode *op = root.path(soap, {u"Body"})->child(m, u"SyncFolderItems");
        QVERIFY(op);
        QStringList names;
        for (const XmlNode &c : op->children)
            names.append(c.name);
        // No SyncState on the first sync; MaxChangesReturned clamped to the schema's 512.
        QCOMPARE(names,
                 (QStringList {QStringLiteral("ItemShape"), QStringLiteral("SyncFolderId"),
                               QStringLiteral("MaxChangesReturned")}));
        QCOMPARE(op->childText(m, u"MaxChangesReturned"), QStringLiteral("512"));
        QCOMPARE(op->path(m, {u"SyncFolderId"})->child(t, u"FolderId")->attribute(u"Id"),
                 QStringLiteral("AQMk&1")); // escaped on the wire, intact after parsing

        const QByteArray next
            = Soap::syncFolderItemsRequest(QStringLiteral("F"), QStringLiteral("H4sI<x>"), 10);
        QVERIFY(next.contains("<m:SyncState>H4sI&lt;x&gt;</m:SyncState><m:MaxChangesReturned>10<"));
    }

    void getItemRequestShape()
    {
        const QByteArray body = Soap::getItemRequest({QStringLiteral("A"), QStringLiteral("B")});
        QVERIFY(body.contains("<t:IncludeMimeContent>true</t:IncludeMimeContent>"));
        QVERIFY(body.contains("<t:ItemId Id=\"A\"/><t:ItemId Id=\"B\"/>"));
        QVERIFY(body.contains("FieldURI=\"item:DateTimeReceived\""));
    }

    void syncResponseChanges()
    {
        const QByteArray body = response(
            "SyncFolderItems",
            "<m:SyncFolderItemsResponseMessage ResponseClass=\"Success\">"
            "<m:ResponseCode>NoError</m:ResponseCode><m:SyncState>H4sIAAA=</m:SyncState>"
            "<m:IncludesLastItemInRange>false</m:IncludesLastItemInRange><m:Changes>"
            "<t:Create><t:Message><t:ItemId Id=\"c1\" ChangeKey=\"k\"/></t:Message></t:Create>"
            "<t:Create><t:MeetingRequest><t:ItemId Id=\"c2\" "
            "ChangeKey=\"k\"/></t:MeetingRequest></t:Create>"
            "<t:Update><t:Message><t:ItemId Id=\"u1\" ChangeKey=\"k\"/></t:Message></t:Update>"
            "<t:Delete><t:ItemId Id=\"d1\" ChangeKey=\"k\"/></t:Delete>"
            "<t:ReadFlagChange><t:ItemId Id=\"r1\" "
            "ChangeKey=\"k\"/><t:IsRead>true</t:IsRead></t:ReadFlagChange>"
            "</m:Changes></m:SyncFolderItemsResponseMessage>");
        SyncResult r;
        QString error;
        QVERIFY2(Soap::parseSyncFolderItemsResponse(body, &r, &error), qPrintable(error));
        QVERIFY(r.status.isSuccess());
        QCOMPARE(r.syncState, QStringLiteral("H4sIAAA="));
        QVERIFY(!r.includesLastItemInRange);
        QCOMPARE(r.created, (QStringList {QStringLiteral("c1"), QStringLiteral("c2")}));
        QCOMPARE(r.updated, QStringList {QStringLiteral("u1")});
        QCOMPARE(r.deleted, QStringList {QStringLiteral("d1")});
        QCOMPARE(r.readFlagSet, QStringList {QStringLiteral("r1")});
    }

    void syncResponseError()
    {
        const QByteArray body
            = response("SyncFolderItems",
                       "<m:SyncFolderItemsResponseMessage "
                       "ResponseClass=\"Error\"><m:MessageText>Synchronization "
                       "state data is corrupt or otherwise invalid.</m:MessageText><m:ResponseCode>"
                       "ErrorInvalidSyncStateData</m:ResponseCode><m:DescriptiveLinkKey>0</"
                       "m:DescriptiveLinkKey>"
                       "</m:SyncFolderItemsResponseMessage>");
        SyncResult r;
        QString error;
        QVERIFY(Soap::parseSyncFolderItemsResponse(body, &r, &error));
        QVERIFY(!r.status.isSuccess());
        QCOMPARE(r.status.responseCode, QStringLiteral("ErrorInvalidSyncStateData"));
    }

    void serverBusyFault()
    {
        const QByteArray body = kOpen
            + "<s:Fault><faultcode "
              "xmlns:a=\"http://schemas.microsoft.com/exchange/services/2006/types\">"
              "a:ErrorServerBusy</faultcode><faultstring xml:lang=\"en-US\">The server cannot "
              "service "
              "this request right now. Try again later.</faultstring><detail><e:ResponseCode "
              "xmlns:e=\"http://schemas.microsoft.com/exchange/services/2006/"
              "errors\">ErrorServerBusy"
              "</e:ResponseCode><e:Message "
              "xmlns:e=\"http://schemas.microsoft.com/exchange/services/"
              "2006/errors\">The server cannot service this request right now. Try again later."
              "</e:Message><t:MessageXml xmlns:t=\"http://schemas.microsoft.com/exchange/services/"
              "2006/types\"><t:Value Name=\"BackOffMilliseconds\">297749</t:Value></t:MessageXml>"
              "</detail></s:Fault>"
            + kClose;
        Status fault;
        QVERIFY(Soap::parseFault(body, &fault));
        QCOMPARE(fault.responseCode, QStringLiteral("ErrorServerBusy"));
        QCOMPARE(fault.backOffMilliseconds, 297749);
        SyncResult r;
        QString error;
        QVERIFY(!Soap::parseSyncFolderItemsResponse(body, &r, &error));
        QVERIFY(error.contains(QStringLiteral("ErrorServerBusy")));
    }

    void getItemMimeWithLineBreaks()
    {
        const QByteArray mime = "Subject: hi\r\n\r\nbody\r\n";
        QByteArray b64 = mime.toBase64();
        b64.insert(8, "\r\n"); // base64 folded over lines must still decode
        const QByteArray body = response(
            "GetItem",
            "<m:GetItemResponseMessage "
            "ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode>"
            "<m:Items><t:Message><t:MimeContent CharacterSet=\"UTF-8\">"
                + b64
                + "</t:MimeContent><t:ItemId Id=\"i1\" ChangeKey=\"k\"/><t:DateTimeReceived>"
                  "2026-11-20T10:00:00Z</t:DateTimeReceived><t:IsRead>true</t:IsRead></t:Message>"
                  "</m:Items></m:GetItemResponseMessage>");
        QList<Item> items;
        QString error;
        QVERIFY2(Soap::parseGetItemResponse(body, &items, &error), qPrintable(error));
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().mimeContent, mime);
        QCOMPARE(items.first().id, QStringLiteral("i1"));
        QVERIFY(items.first().isRead);
        QCOMPARE(items.first().dateTimeReceived.toString(Qt::ISODate),
                 QStringLiteral("2026-11-20T10:00:00Z"));
    }

    void malformedAndWrongShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("truncated") << QByteArray(kOpen + "<m:GetItemResponse");
        QTest::newRow("not soap") << QByteArray("<html><body>Service unavailable</body></html>");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("other operation") << response("FindItem", QByteArray());
        QTest::newRow("bad base64") << response(
            "GetItem",
            "<m:GetItemResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError"
            "</m:ResponseCode><m:Items><t:Message><t:MimeContent>@@@</t:MimeContent>"
            "<t:ItemId Id=\"i\"/></t:Message></m:Items></m:GetItemResponseMessage>");
        QTest::newRow("doctype") << QByteArray(
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>");
    }
    void malformedAndWrongShapes()
    {
        QFETCH(QByteArray, body);
        QList<Item> items;
        QString error;
        QVERIFY(!Soap::parseGetItemResponse(body, &items, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEwsSoap)
#include "tst_ewssoap.moc"
