#include "WebhookTestUtil.h"
#include "webhook/CallbackData.h"
#include "webhook/WebhookPayload.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestWebhookPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRealBatchOfStatusesIsRead()
    {
        const QByteArray body = readWebhookData(u"statuses_batch.json"_s);
        QVERIFY(!body.isEmpty());
        const WebhookPayload p = WebhookPayload::parse(body);
        QVERIFY2(p.ok(), qPrintable(p.refusal));
        QCOMPARE(p.statuses.size(), 4);
        QVERIFY(p.unknown.isEmpty());
        const StatusUpdate &sent = p.statuses[0];
        QCOMPARE(sent.wamid, u"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA"_s);
        QCOMPARE(sent.status, DeliveryStatus::Sent);
        QCOMPARE(sent.timestamp, QDateTime::fromSecsSinceEpoch(1750263773, Qt::UTC));
        QCOMPARE(sent.recipientId, u"16505551234"_s);
        QCOMPARE(sent.bizOpaqueCallbackData, u"h1:0b7c3a52-4a8e-4d4c-9f0e-2f5c1d7e9a10:42:3"_s);
        QCOMPARE(sent.pricingCategory, u"marketing"_s);
        QCOMPARE(sent.phoneNumberId, u"106540352242922"_s);
        QCOMPARE(sent.wabaId, u"102290129340398"_s);
        QCOMPARE(QJsonDocument::fromJson(sent.raw).object().value("status"_L1).toString(), u"sent"_s);
        QCOMPARE(p.statuses[1].status, DeliveryStatus::Delivered);
        QCOMPARE(p.statuses[2].status, DeliveryStatus::Read);
        QVERIFY(p.statuses[2].bizOpaqueCallbackData.isEmpty());
        const StatusUpdate &failed = p.statuses[3];
        QCOMPARE(failed.status, DeliveryStatus::Failed);
        QCOMPARE(failed.errors.size(), 1);
        QCOMPARE(failed.errors[0].code, 131049);
        QVERIFY(failed.errors[0].title.startsWith(u"This message was not delivered"_s));
        QVERIFY(failed.errors[0].details.startsWith(u"In order to maintain"_s));

        const auto data = CallbackData::parse(sent.bizOpaqueCallbackData);
        QVERIFY(data);
        QCOMPARE(data->campaignId, u"0b7c3a52-4a8e-4d4c-9f0e-2f5c1d7e9a10"_s);
        QCOMPARE(data->rowId, 42);
        QCOMPARE(data->claim, 3);
    }

    void templateEventsAreRead()
    {
        const WebhookPayload p = WebhookPayload::parse(readWebhookData(u"template_events.json"_s));
        QVERIFY2(p.ok(), qPrintable(p.refusal));
        QCOMPARE(p.templateEvents.size(), 2);
        const TemplateEvent &paused = p.templateEvents[0];
        QCOMPARE(paused.field, u"message_template_status_update"_s);
        QCOMPARE(paused.event, u"PAUSED"_s);
        QCOMPARE(paused.templateId, u"594425479261596"_s);
        QCOMPARE(paused.name, u"order_update"_s);
        QCOMPARE(paused.language, u"en_US"_s);
        QVERIFY(paused.reason.contains(u"low quality"_s));
        const TemplateEvent &category = p.templateEvents[1];
        QCOMPARE(category.field, u"template_category_update"_s);
        QCOMPARE(category.previousCategory, u"UTILITY"_s);
        QCOMPARE(category.newCategory, u"MARKETING"_s);
        QCOMPARE(category.correctCategory, u"MARKETING"_s);
        QVERIFY(p.statuses.isEmpty() && p.messages.isEmpty() && p.unknown.isEmpty());

        // A template id no integer holds (found by fuzz_webhookpayload) is no id.
        const WebhookPayload huge = WebhookPayload::parse(
            R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"template_category_update",)"
            R"("value":{"message_template_id":5.94425e+123,"new_category":"MARKETING"}}]}]})"_ba);
        QVERIFY2(huge.ok(), qPrintable(huge.refusal));
        QCOMPARE(huge.templateEvents.size(), 1);
        QVERIFY(huge.templateEvents[0].templateId.isEmpty());
        QCOMPARE(huge.templateEvents[0].newCategory, u"MARKETING"_s);
    }

    void inboundMessagesAreRead()
    {
        const WebhookPayload p = WebhookPayload::parse(readWebhookData(u"inbound_messages.json"_s));
        QVERIFY2(p.ok(), qPrintable(p.refusal));
        QCOMPARE(p.messages.size(), 2);
        QCOMPARE(p.messages[0].from, u"16505551234"_s);
        QCOMPARE(p.messages[0].type, u"text"_s);
        QCOMPARE(p.messages[0].text, u"STOP"_s);
        QCOMPARE(p.messages[0].phoneNumberId, u"106540352242922"_s);
        QCOMPARE(p.messages[0].timestamp, QDateTime::fromSecsSinceEpoch(1750264000, Qt::UTC));
        QCOMPARE(p.messages[1].type, u"button"_s);
        QCOMPARE(p.messages[1].buttonPayload, u"UNSUBSCRIBE"_s);
        QVERIFY(p.statuses.isEmpty());
    }

    // Unknown kinds and unreadable items are kept raw with why, beside the readable ones.
    void unknownKindsAndUnreadableItemsAreKeptRaw()
    {
        const WebhookPayload p = WebhookPayload::parse(readWebhookData(u"unknown_kinds.json"_s));
        QVERIFY2(p.ok(), qPrintable(p.refusal));
        QCOMPARE(p.statuses.size(), 1);
        QCOMPARE(p.statuses[0].wamid, u"wamid.ok"_s);
        // Unknown fields of a known item travel in its raw JSON.
        QVERIFY(p.statuses[0].raw.contains("future_field"));
        QStringList kinds;
        QStringList reasons;
        for (const UnknownItem &u : p.unknown) {
            kinds << u.kind;
            reasons << u.reason;
            QVERIFY(!u.raw.isEmpty());
        }
        QCOMPARE(kinds, (QStringList{u"account_update"_s, u"status"_s, u"status"_s, u"status"_s, u"status"_s,
                                     u"status"_s}));
        QVERIFY(reasons[0].isEmpty()); // a kind Herald does not handle: no fault
        QVERIFY2(reasons[1].contains(u"id"_s), qPrintable(reasons[1]));
        QVERIFY2(reasons[2].contains(u"deleted"_s), qPrintable(reasons[2]));
        QVERIFY2(reasons[3].contains(u"timestamp"_s), qPrintable(reasons[3]));
        QVERIFY2(reasons[4].contains(u"\"id\""_s), qPrintable(reasons[4]));
        QVERIFY2(reasons[5].contains(u"not an object"_s), qPrintable(reasons[5]));
    }

    void hostileValuesAreNeitherTrustedNorFatal()
    {
        const WebhookPayload p = WebhookPayload::parse(readWebhookData(u"hostile.json"_s));
        QVERIFY2(p.ok(), qPrintable(p.refusal));
        QCOMPARE(p.statuses.size(), 2);
        QCOMPARE(p.unknown.size(), 4);
        // Strings stay strings, whatever they hold; SQL never sees them but as bound values.
        QVERIFY(p.statuses[0].wamid.contains(u"DROP TABLE"_s));
        // Not Herald's callback data, so nothing is read from it.
        QVERIFY(!CallbackData::parse(p.statuses[0].bizOpaqueCallbackData));
        QVERIFY(p.statuses[0].wabaId.isEmpty());        // an object, not an id
        QVERIFY(p.statuses[0].phoneNumberId.isEmpty()); // a list, not an id
        // A failure whose errors are not a list is still a failure, with no code.
        QCOMPARE(p.statuses[1].wamid, u"wamid.z"_s);
        QVERIFY(p.statuses[1].errors.isEmpty());
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(p.unknown[i].reason.contains(u"timestamp"_s), qPrintable(p.unknown[i].reason));
        }
        // A NUL anywhere in a status, even in a field Herald does not read, could not be stored
        // on PostgreSQL: the status is unreadable, not the batch.
        QVERIFY2(p.unknown[3].reason.contains(u"NUL"_s), qPrintable(p.unknown[3].reason));
        QVERIFY(p.unknown[3].raw.contains("wamid.nul"));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << u"not JSON"_s;
        QTest::newRow("truncated") << readWebhookData(u"truncated.json"_s) << u"not JSON"_s;
        QTest::newRow("html error page") << "<html><body>502 Bad Gateway</body></html>"_ba << u"not JSON"_s;
        QTest::newRow("array") << "[1,2,3]"_ba << u"not a JSON object"_s;
        QTest::newRow("another object kind") << R"({"object":"page","entry":[]})"_ba << u"\"page\""_s;
        QTest::newRow("no entry list")
            << R"({"object":"whatsapp_business_account","entry":{}})"_ba << u"entry"_s;
        QTest::newRow("deep nesting") << QByteArray(100000, '[') << u"not JSON"_s;
        QTest::newRow("trailing garbage")
            << R"({"object":"whatsapp_business_account","entry":[]} {"x":1})"_ba << u"not JSON"_s;
    }
    void refusals()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const WebhookPayload p = WebhookPayload::parse(body);
        QVERIFY(!p.ok());
        QVERIFY2(p.refusal.contains(expected), qPrintable(p.refusal));
        QCOMPARE(p.itemCount(), 0);
    }

    void aHugeBodyIsRefusedBeforeParsing()
    {
        WebhookPayload::Limits limits;
        limits.maxBodyBytes = 1000;
        QJsonArray statuses;
        for (int i = 0; i < 40; ++i) {
            statuses.append(statusObject(u"wamid.%1"_s.arg(i), DeliveryStatus::Delivered, 1750263775));
        }
        const QByteArray body = statusBody(statuses);
        QVERIFY(body.size() > 1000);
        const WebhookPayload p = WebhookPayload::parse(body, limits);
        QVERIFY(!p.ok());
        QVERIFY2(p.refusal.contains(QString::number(body.size())), qPrintable(p.refusal));
        QVERIFY(WebhookPayload::parse(body).ok()); // under the default limit
    }

    void tooManyItemsRefuseTheWholeBody()
    {
        WebhookPayload::Limits limits;
        limits.maxItems = 25;
        QJsonArray statuses;
        for (int i = 0; i < 26; ++i) {
            statuses.append(statusObject(u"wamid.%1"_s.arg(i), DeliveryStatus::Read, 1750263775));
        }
        const WebhookPayload over = WebhookPayload::parse(statusBody(statuses), limits);
        QVERIFY(!over.ok());
        QVERIFY2(over.refusal.contains(u"25"_s), qPrintable(over.refusal));
        QCOMPARE(over.itemCount(), 0); // nothing half-read
        statuses.removeLast();
        const WebhookPayload exact = WebhookPayload::parse(statusBody(statuses), limits);
        QVERIFY2(exact.ok(), qPrintable(exact.refusal));
        QCOMPARE(exact.statuses.size(), 25);
    }

    void overLongStringsMakeTheirItemUnreadable()
    {
        QJsonArray statuses{statusObject(QString(300, u'w'), DeliveryStatus::Sent, 1750263775),
                            statusObject(u"wamid.fine"_s, DeliveryStatus::Sent, 1750263775)};
        const WebhookPayload p = WebhookPayload::parse(statusBody(statuses));
        QVERIFY(p.ok());
        QCOMPARE(p.statuses.size(), 1);
        QCOMPARE(p.unknown.size(), 1);
        QVERIFY2(p.unknown[0].reason.contains(u"256"_s), qPrintable(p.unknown[0].reason));
    }

    void aStoredStatusReadsBackTheSame()
    {
        const WebhookPayload p = WebhookPayload::parse(readWebhookData(u"statuses_batch.json"_s));
        for (const StatusUpdate &s : p.statuses) {
            const auto again = WebhookPayload::parseStatus(s.raw);
            QVERIFY(again);
            QCOMPARE(again->wamid, s.wamid);
            QCOMPARE(again->status, s.status);
            QCOMPARE(again->timestamp, s.timestamp);
            QCOMPARE(again->errors.size(), s.errors.size());
            QCOMPARE(again->bizOpaqueCallbackData, s.bizOpaqueCallbackData);
        }
        QVERIFY(!WebhookPayload::parseStatus("not json"_ba));
        QVERIFY(!WebhookPayload::parseStatus(R"({"id":"x","status":"gone","timestamp":"1750263775"})"_ba));
    }

    void callbackDataIsOnlyHeraldsOwnShape_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString id = u"0b7c3a52-4a8e-4d4c-9f0e-2f5c1d7e9a10"_s;
        QTest::newRow("own") << u"h1:%1:42:3"_s.arg(id) << true;
        QTest::newRow("capitals in the uuid") << u"h1:%1:42:3"_s.arg(id.toUpper()) << true;
        QTest::newRow("other program's") << u"order-42"_s << false;
        QTest::newRow("no claim") << u"h1:%1:42"_s.arg(id) << false;
        QTest::newRow("extra part") << u"h1:%1:42:3:9"_s.arg(id) << false;
        QTest::newRow("zero row") << u"h1:%1:0:3"_s.arg(id) << false;
        QTest::newRow("negative claim") << u"h1:%1:42:-3"_s.arg(id) << false;
        QTest::newRow("leading zero") << u"h1:%1:042:3"_s.arg(id) << false;
        QTest::newRow("not a uuid") << u"h1:'; DROP TABLE x:42:3"_s << false;
        QTest::newRow("huge row") << u"h1:%1:99999999999999999999:3"_s.arg(id) << false;
        QTest::newRow("other version") << u"h2:%1:42:3"_s.arg(id) << false;
    }
    void callbackDataIsOnlyHeraldsOwnShape()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto data = CallbackData::parse(text);
        QCOMPARE(bool(data), valid);
        if (data) {
            QCOMPARE(data->format(), text.toLower());
            QVERIFY(data->format().size() <= CallbackData::MaxLength);
        }
    }

    // Whatever the bytes, parse() answers: a refusal or items, never a crash (the fuzz target
    // goes much further; this keeps a seeded sample in every test run).
    void randomDamageIsSurvived()
    {
        const QByteArray base = readWebhookData(u"statuses_batch.json"_s);
        QRandomGenerator rng(20261202);
        int refused = 0;
        for (int round = 0; round < 2000; ++round) {
            QByteArray body = base;
            const int edits = 1 + int(rng.bounded(8));
            for (int e = 0; e < edits; ++e) {
                const qsizetype at = rng.bounded(qsizetype(body.size()));
                switch (rng.bounded(3)) {
                case 0:
                    body[at] = char(rng.bounded(256));
                    break;
                case 1:
                    body.remove(at, 1 + rng.bounded(20));
                    break;
                default:
                    body.insert(at, body.mid(rng.bounded(body.size()), 1 + rng.bounded(40)));
                    break;
                }
            }
            const WebhookPayload p = WebhookPayload::parse(body);
            QVERIFY(p.ok() || p.itemCount() == 0);
            refused += p.ok() ? 0 : 1;
            for (const StatusUpdate &s : p.statuses) {
                QVERIFY(!s.wamid.isEmpty());
                QVERIFY(s.timestamp.isValid());
            }
        }
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(TestWebhookPayload)
#include "test_webhookpayload.moc"
