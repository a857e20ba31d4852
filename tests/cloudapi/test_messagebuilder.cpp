#include "CloudApiTestUtil.h"
#include "cloudapi/MessageBuilder.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {

// Required fields per object of the send-message request, copied by hand from Meta's
// OpenAPI description business-messaging-api_v23.0.yaml, components/schemas (the test must
// not read files outside the repository):
//   BaseMessageProperties (allOf of TextMessage and TemplateMessage), TemplateMessage,
//   TextMessage, TextMessage_1 (its `text` object), TemplateObject, LanguageObject,
//   TemplateComponent, ButtonComponent, ParameterObject, TextParameter, CurrencyParameter,
//   CurrencyObject, DateTimeParameter, DateTimeObject, ImageParameter, DocumentParameter,
//   VideoParameter, ButtonParameterObject, ButtonPayloadParameter, ButtonTextParameter.
// MediaObject is oneOf {required: id} | {required: link}; HeaderComponent and
// ButtonComponent have parameters.minItems 1.
const QHash<QString, QStringList> kRequired = {
    {u"BaseMessageProperties"_s, {u"messaging_product"_s, u"recipient_type"_s, u"to"_s, u"type"_s}},
    {u"TemplateMessage"_s, {u"template"_s}},
    {u"TextMessage"_s, {u"text"_s}},
    {u"TextMessage_1"_s, {u"body"_s}},
    {u"TemplateObject"_s, {u"name"_s, u"language"_s}},
    {u"LanguageObject"_s, {u"policy"_s, u"code"_s}},
    {u"TemplateComponent"_s, {u"type"_s}},
    {u"ButtonComponent"_s, {u"sub_type"_s, u"index"_s, u"parameters"_s}},
    {u"ParameterObject"_s, {u"type"_s}},
    {u"TextParameter"_s, {u"text"_s}},
    {u"CurrencyParameter"_s, {u"currency"_s}},
    {u"CurrencyObject"_s, {u"fallback_value"_s, u"code"_s, u"amount_1000"_s}},
    {u"DateTimeParameter"_s, {u"date_time"_s}},
    {u"DateTimeObject"_s, {u"fallback_value"_s}},
    {u"ImageParameter"_s, {u"image"_s}},
    {u"DocumentParameter"_s, {u"document"_s}},
    {u"VideoParameter"_s, {u"video"_s}},
    {u"ButtonParameterObject"_s, {u"type"_s}},
    {u"ButtonPayloadParameter"_s, {u"payload"_s}},
    {u"ButtonTextParameter"_s, {u"text"_s}},
};
// Enums from the same file. "action" is not in ButtonParameterObject's enum, but the file's
// own "Send Catalog Template Message" example uses it for catalog buttons.
const QStringList kComponentTypes = {u"header"_s, u"body"_s, u"button"_s};
const QStringList kSubTypes = {u"quick_reply"_s, u"url"_s, u"catalog"_s};
const QStringList kParameterTypes = {u"currency"_s, u"date_time"_s, u"document"_s,
                                     u"image"_s,    u"text"_s,      u"video"_s};
const QStringList kButtonParameterTypes = {u"payload"_s, u"text"_s, u"action"_s};
// MarketingMessageRequestPayload and TextMessage's `text` have additionalProperties: false.
// biz_opaque_callback_data is not in that schema, but Meta's send-message documentation has it
// (echoed in the message's status webhooks), and Herald's sender sets it on every campaign message.
const QStringList kTemplateRootKeys = {u"messaging_product"_s,
                                       u"recipient_type"_s,
                                       u"to"_s,
                                       u"type"_s,
                                       u"template"_s,
                                       u"product_policy"_s,
                                       u"message_activity_sharing"_s,
                                       u"biz_opaque_callback_data"_s};
const QStringList kTextObjectKeys = {u"body"_s, u"preview_url"_s};

// Collects every schema violation instead of stopping at the first, so a failure lists them all.
class SchemaCheck
{
public:
    QStringList problems;

    void require(const QJsonObject &o, const QString &schema, const QString &path)
    {
        for (const QString &field : kRequired.value(schema)) {
            if (!o.contains(field)) {
                problems << u"%1: missing %2 (required by %3)"_s.arg(path, field, schema);
            }
        }
    }
    void oneOf(const QString &value, const QStringList &allowed, const QString &path)
    {
        if (!allowed.contains(value)) {
            problems << u"%1: \"%2\" not in %3"_s.arg(path, value, allowed.join(u'|'));
        }
    }
    void onlyKeys(const QJsonObject &o, const QStringList &allowed, const QString &path)
    {
        for (const QString &k : o.keys()) {
            if (!allowed.contains(k)) {
                problems << u"%1: unexpected key %2"_s.arg(path, k);
            }
        }
    }

    void message(const QJsonObject &root)
    {
        require(root, u"BaseMessageProperties"_s, u"$"_s);
        oneOf(root.value("messaging_product"_L1).toString(), {u"whatsapp"_s}, u"$.messaging_product"_s);
        oneOf(root.value("recipient_type"_L1).toString(), {u"individual"_s}, u"$.recipient_type"_s);
        const QString type = root.value("type"_L1).toString();
        if (type == "template"_L1) {
            require(root, u"TemplateMessage"_s, u"$"_s);
            onlyKeys(root, kTemplateRootKeys, u"$"_s);
            templateObject(root.value("template"_L1).toObject());
        } else if (type == "text"_L1) {
            require(root, u"TextMessage"_s, u"$"_s);
            const QJsonObject text = root.value("text"_L1).toObject();
            require(text, u"TextMessage_1"_s, u"$.text"_s);
            onlyKeys(text, kTextObjectKeys, u"$.text"_s);
        } else {
            problems << u"$.type: unexpected %1"_s.arg(type);
        }
    }

    void templateObject(const QJsonObject &t)
    {
        require(t, u"TemplateObject"_s, u"$.template"_s);
        const QJsonObject language = t.value("language"_L1).toObject();
        require(language, u"LanguageObject"_s, u"$.template.language"_s);
        oneOf(language.value("policy"_L1).toString(), {u"deterministic"_s}, u"$.template.language.policy"_s);
        const QJsonArray components = t.value("components"_L1).toArray();
        for (qsizetype i = 0; i < components.size(); ++i) {
            component(components.at(i).toObject(), u"$.template.components[%1]"_s.arg(i));
        }
    }

    void component(const QJsonObject &c, const QString &path)
    {
        require(c, u"TemplateComponent"_s, path);
        const QString type = c.value("type"_L1).toString();
        oneOf(type, kComponentTypes, path + u".type"_s);
        const QJsonArray params = c.value("parameters"_L1).toArray();
        if (type == "button"_L1) {
            require(c, u"ButtonComponent"_s, path);
            oneOf(c.value("sub_type"_L1).toString(), kSubTypes, path + u".sub_type"_s);
            const QJsonValue index = c.value("index"_L1);
            if (!index.isString() || index.toString().size() != 1 || index.toString()[0] < u'0' ||
                index.toString()[0] > u'9') {
                problems << path + u".index: must be a string \"0\"..\"9\""_s;
            }
            for (qsizetype i = 0; i < params.size(); ++i) {
                buttonParameter(params.at(i).toObject(), path + u".parameters[%1]"_s.arg(i));
            }
        } else {
            for (qsizetype i = 0; i < params.size(); ++i) {
                parameter(params.at(i).toObject(), path + u".parameters[%1]"_s.arg(i));
            }
        }
        if ((type == "button"_L1 || type == "header"_L1) && params.isEmpty()) {
            problems << path + u".parameters: minItems 1"_s;
        }
    }

    void parameter(const QJsonObject &p, const QString &path)
    {
        require(p, u"ParameterObject"_s, path);
        const QString type = p.value("type"_L1).toString();
        oneOf(type, kParameterTypes, path + u".type"_s);
        if (type == "text"_L1) {
            require(p, u"TextParameter"_s, path);
        } else if (type == "currency"_L1) {
            require(p, u"CurrencyParameter"_s, path);
            const QJsonObject c = p.value("currency"_L1).toObject();
            require(c, u"CurrencyObject"_s, path + u".currency"_s);
            if (!c.value("amount_1000"_L1).isDouble()) {
                problems << path + u".currency.amount_1000: must be an integer"_s;
            }
        } else if (type == "date_time"_L1) {
            require(p, u"DateTimeParameter"_s, path);
            require(p.value("date_time"_L1).toObject(), u"DateTimeObject"_s, path + u".date_time"_s);
        } else {
            const QString schema = type == "image"_L1      ? u"ImageParameter"_s
                                   : type == "document"_L1 ? u"DocumentParameter"_s
                                                           : u"VideoParameter"_s;
            require(p, schema, path);
            const QJsonObject media = p.value(type).toObject();
            if (media.contains("id"_L1) == media.contains("link"_L1)) {
                problems << path + u": MediaObject needs exactly one of id and link"_s;
            }
        }
    }

    void buttonParameter(const QJsonObject &p, const QString &path)
    {
        require(p, u"ButtonParameterObject"_s, path);
        const QString type = p.value("type"_L1).toString();
        oneOf(type, kButtonParameterTypes, path + u".type"_s);
        if (type == "payload"_L1) {
            require(p, u"ButtonPayloadParameter"_s, path);
        } else if (type == "text"_L1) {
            require(p, u"ButtonTextParameter"_s, path);
        }
    }
};

TemplateMessage orderUpdate()
{
    TemplateMessage m;
    m.to = u"+4915123456789"_s;
    m.name = u"order_update"_s;
    m.languageCode = u"en_US"_s;
    m.header = {TemplateParameter::mediaByLink(ParameterType::Image, u"https://example.com/a.jpg"_s)};
    m.body = {TemplateParameter::textValue(u"Alex"_s), TemplateParameter::textValue(u"A12345"_s)};
    m.buttons = {TemplateButton{ButtonSubType::Url, 0, u"A12345"_s}};
    return m;
}

TemplateMessage simpleBody(const QList<TemplateParameter> &body)
{
    TemplateMessage m;
    m.to = u"4915123456789"_s;
    m.name = u"t"_s;
    m.languageCode = u"en"_s;
    m.body = body;
    return m;
}

} // namespace

class TestMessageBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void payloadsMatchTheGoldenFilesByteForByte_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("json");

        QTest::newRow("image header, body texts, url button")
            << u"template_image_header_url_button.json"_s << MessageBuilder::build(orderUpdate()).json;

        TemplateMessage named;
        named.to = u"+16505551234"_s;
        named.name = u"welcome_named"_s;
        named.languageCode = u"de"_s;
        named.header = {TemplateParameter::textValue(u"Café Müller"_s, u"shop"_s)};
        named.body = {TemplateParameter::textValue(u"Jürgen \"JJ\" 😀"_s, u"first_name"_s),
                      TemplateParameter::textValue(u"B\\77"_s, u"order_id"_s)};
        QTest::newRow("named parameters")
            << u"template_named_parameters.json"_s << MessageBuilder::build(named).json;

        TemplateMessage money;
        money.to = u"447700900123"_s;
        money.name = u"payment_due"_s;
        money.languageCode = u"en_GB"_s;
        money.body = {TemplateParameter::textValue(u"Sam"_s),
                      TemplateParameter::currency(u"£12.50"_s, u"GBP"_s, 12500),
                      TemplateParameter::dateTime(u"1 May 2026"_s)};
        QTest::newRow("currency and date_time")
            << u"template_currency_date_time.json"_s << MessageBuilder::build(money).json;

        TemplateMessage document;
        document.to = u"5511987654321"_s;
        document.name = u"invoice_ready"_s;
        document.languageCode = u"pt_BR"_s;
        document.header = {TemplateParameter::mediaById(ParameterType::Document, u"1234567890123456"_s)};
        document.body = {TemplateParameter::textValue(u"NF-2026-001"_s)};
        QTest::newRow("document header by id")
            << u"template_document_header_id.json"_s << MessageBuilder::build(document).json;

        TemplateMessage video;
        video.to = u"919876543210"_s;
        video.name = u"product_launch"_s;
        video.languageCode = u"hi"_s;
        video.header = {TemplateParameter::mediaById(ParameterType::Video, u"987654321098765"_s)};
        QTest::newRow("video header by id")
            << u"template_video_header_id.json"_s << MessageBuilder::build(video).json;

        TemplateMessage quick;
        quick.to = u"33612345678"_s;
        quick.name = u"appointment_reminder"_s;
        quick.languageCode = u"fr"_s;
        quick.body = {TemplateParameter::textValue(u"Dr Martin"_s)};
        quick.buttons = {TemplateButton{ButtonSubType::QuickReply, 0, u"CONFIRM_A1"_s},
                         TemplateButton{ButtonSubType::QuickReply, 1, u"CANCEL_A1"_s}};
        QTest::newRow("quick_reply buttons")
            << u"template_quick_reply_buttons.json"_s << MessageBuilder::build(quick).json;

        TemplateMessage catalog;
        catalog.to = u"16505551234"_s;
        catalog.name = u"intro_catalog_offer"_s;
        catalog.languageCode = u"en_US"_s;
        catalog.body = {TemplateParameter::textValue(u"100"_s)};
        catalog.buttons = {TemplateButton{ButtonSubType::Catalog, 0, u"2lc20305pt"_s}};
        QTest::newRow("catalog button")
            << u"template_catalog_button.json"_s << MessageBuilder::build(catalog).json;

        TemplateMessage hello;
        hello.to = u"4915123456789"_s;
        hello.name = u"hello_world"_s;
        hello.languageCode = u"en_US"_s;
        QTest::newRow("template without parameters")
            << u"template_without_parameters.json"_s << MessageBuilder::build(hello).json;

        TemplateMessage tracked;
        tracked.to = u"+4915123456789"_s;
        tracked.name = u"order_update"_s;
        tracked.languageCode = u"en_US"_s;
        tracked.body = {TemplateParameter::textValue(u"A-17"_s)};
        tracked.bizOpaqueCallbackData = u"h1:0b7c3a52-4a8e-4d4c-9f0e-2f5c1d7e9a10:42:3"_s;
        QTest::newRow("biz_opaque_callback_data after the template")
            << u"template_biz_opaque_callback_data.json"_s << MessageBuilder::build(tracked).json;

        TextMessage text{u"+4915123456789"_s, u"Line one\nLine two: https://example.com\t\u0001"_s, true};
        QTest::newRow("text message") << u"text_message.json"_s << MessageBuilder::build(text).json;
    }

    void payloadsMatchTheGoldenFilesByteForByte()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, json);
        const QByteArray golden = test::readCloudApiData(file);
        QVERIFY2(!golden.isEmpty(), qPrintable(test::cloudApiDataFile(file)));
        QCOMPARE(json, golden);
        // Equal as parsed JSON too: a golden file edited by hand must still be the same document.
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc, QJsonDocument::fromJson(golden));
    }

    void payloadsCarryEveryFieldTheOpenApiSchemaRequires_data()
    {
        payloadsMatchTheGoldenFilesByteForByte_data();
    }

    void payloadsCarryEveryFieldTheOpenApiSchemaRequires()
    {
        QFETCH(QByteArray, json);
        SchemaCheck check;
        check.message(QJsonDocument::fromJson(json).object());
        QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(u'\n')));
    }

    void theSchemaCheckCatchesAMissingRequiredField()
    {
        QJsonObject root = QJsonDocument::fromJson(MessageBuilder::build(orderUpdate()).json).object();
        QJsonObject tmpl = root.value("template"_L1).toObject();
        tmpl.insert("language"_L1, QJsonObject{{"code"_L1, u"en_US"_s}});
        root.insert("template"_L1, tmpl);
        root.remove("recipient_type"_L1);
        SchemaCheck check;
        check.message(root);
        // recipient_type and language.policy are each missing and not the required constant.
        QCOMPARE(check.problems.size(), 4);
    }

    void recipientIsWrittenAsDigitsWithoutPlus()
    {
        QCOMPARE(MessageBuilder::recipientDigits(u"+4915123456789"_s), u"4915123456789"_s);
        QCOMPARE(MessageBuilder::recipientDigits(u"4915123456789"_s), u"4915123456789"_s);
        QVERIFY(MessageBuilder::recipientDigits(u"015123456789"_s).isEmpty());     // national
        QVERIFY(MessageBuilder::recipientDigits(u"+49 151 2345"_s).isEmpty());     // not normalised
        QVERIFY(MessageBuilder::recipientDigits(u"1234567890123456"_s).isEmpty()); // 16 digits
        QVERIFY(MessageBuilder::recipientDigits(u"123456"_s).isEmpty());
        QVERIFY(MessageBuilder::recipientDigits(u"++4915123456789"_s).isEmpty());
    }

    void invalidMessagesAreRefusedWithAMessageNamingTheProblem_data()
    {
        QTest::addColumn<TemplateMessage>("message");
        QTest::addColumn<QString>("expected"); // a fragment of the error

        auto m = orderUpdate();
        m.to = u"0151 234"_s;
        QTest::newRow("national number") << m << u"0151 234"_s;
        m = orderUpdate();
        m.name = u"Order Update"_s;
        QTest::newRow("template name") << m << u"Order Update"_s;
        m = orderUpdate();
        m.languageCode = u"e"_s;
        QTest::newRow("language code") << m << u"language code"_s;
        m = orderUpdate();
        m.header = {TemplateParameter::textValue(QString(61, u'x'))};
        QTest::newRow("header text over 60") << m << u"61 characters"_s;
        m = orderUpdate();
        m.header = {TemplateParameter::textValue(u"a"_s), TemplateParameter::textValue(u"b"_s)};
        QTest::newRow("two header parameters") << m << u"2 were given"_s;
        m = orderUpdate();
        m.header = {TemplateParameter::currency(u"€1"_s, u"EUR"_s, 1000)};
        QTest::newRow("currency in header") << m << u"header {{1}}"_s;
        m = simpleBody({TemplateParameter::textValue(QString(32769, u'x'))});
        QTest::newRow("body text over 32768") << m << u"32769 characters"_s;
        m = simpleBody({TemplateParameter::textValue(u"x"_s), TemplateParameter::textValue(u"  "_s)});
        QTest::newRow("blank body text") << m << u"body {{2}}"_s;
        m = simpleBody({TemplateParameter::textValue(u"two\nlines"_s)});
        QTest::newRow("line break in parameter") << m << u"line break"_s;
        m = simpleBody({TemplateParameter::textValue(u"a     b"_s)});
        QTest::newRow("five spaces in parameter") << m << u"4 spaces"_s;
        m = simpleBody({TemplateParameter::currency(u"$1"_s, u"usd"_s, 1000)});
        QTest::newRow("currency code") << m << u"ISO 4217"_s;
        m = simpleBody({TemplateParameter::currency(u""_s, u"USD"_s, 1000)});
        QTest::newRow("currency fallback") << m << u"fallback"_s;
        m = simpleBody({TemplateParameter::dateTime(u""_s)});
        QTest::newRow("date_time fallback") << m << u"fallback"_s;
        m = simpleBody({TemplateParameter::mediaById(ParameterType::Image, u"1"_s)});
        QTest::newRow("media in body") << m << u"only be sent in the header"_s;
        m = orderUpdate();
        m.header[0].mediaId = u"123"_s;
        QTest::newRow("media with id and link") << m << u"not both"_s;
        m = orderUpdate();
        m.header[0].mediaLink = u"ftp://example.com/a.jpg"_s;
        QTest::newRow("media link scheme") << m << u"https://"_s;
        m = simpleBody(
            {TemplateParameter::textValue(u"a"_s, u"first_name"_s), TemplateParameter::textValue(u"b"_s)});
        QTest::newRow("named and positional mixed") << m << u"mixed"_s;
        m = simpleBody({TemplateParameter::textValue(u"a"_s, u"First Name"_s)});
        QTest::newRow("parameter name") << m << u"lowercase"_s;
        m = orderUpdate();
        m.buttons[0].index = 10;
        QTest::newRow("button index 10") << m << u"0..9"_s;
        m = orderUpdate();
        m.buttons[0].index = -1;
        QTest::newRow("button index -1") << m << u"0..9"_s;
        m = orderUpdate();
        m.buttons = {TemplateButton{ButtonSubType::QuickReply, 0, u"A"_s},
                     TemplateButton{ButtonSubType::QuickReply, 0, u"B"_s}};
        QTest::newRow("duplicate button index") << m << u"same index"_s;
        m = orderUpdate();
        m.buttons[0].value.clear();
        QTest::newRow("url button without text") << m << u"url button"_s;
        m = orderUpdate();
        m.buttons = {TemplateButton{ButtonSubType::QuickReply, 0, {}}};
        QTest::newRow("quick_reply without payload") << m << u"payload"_s;
    }

    void invalidMessagesAreRefusedWithAMessageNamingTheProblem()
    {
        QFETCH(TemplateMessage, message);
        QFETCH(QString, expected);
        const MessageBuilder::Result r = MessageBuilder::build(message);
        QVERIFY(!r.ok());
        QVERIFY(r.json.isEmpty());
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
    }

    void limitsCountCharactersNotUtf16Units()
    {
        // 60 emoji are 120 UTF-16 units but 60 characters: allowed in a header.
        QString sixtyEmoji;
        for (int i = 0; i < 60; ++i) {
            sixtyEmoji += u"😀"_s;
        }
        auto m = orderUpdate();
        m.header = {TemplateParameter::textValue(sixtyEmoji)};
        QVERIFY2(MessageBuilder::build(m).ok(), qPrintable(MessageBuilder::build(m).error));
        m.header = {TemplateParameter::textValue(sixtyEmoji + u"x"_s)};
        QVERIFY(!MessageBuilder::build(m).ok());
    }

    void exactLimitsAreAccepted()
    {
        auto m = orderUpdate();
        m.header = {TemplateParameter::textValue(QString(60, u'x'))};
        QVERIFY(MessageBuilder::build(m).ok());
        QVERIFY(MessageBuilder::build(simpleBody({TemplateParameter::textValue(QString(32768, u'x'))})).ok());
        m.buttons[0].index = 9;
        QVERIFY(MessageBuilder::build(m).ok());
    }

    // Meta echoes biz_opaque_callback_data in the message's status webhooks: a top-level field of
    // the request, at most 512 characters, and absent when there is none (previews, test sends).
    void callbackDataIsSentAtTheTopLevelOnlyWhenSet()
    {
        auto m = orderUpdate();
        const auto without = MessageBuilder::build(m);
        QVERIFY2(without.ok(), qPrintable(without.error));
        QVERIFY(!without.json.contains("biz_opaque_callback_data"));

        m.bizOpaqueCallbackData = u"h1:\"},\"to\":\"999\""_s;
        const auto with = MessageBuilder::build(m);
        QVERIFY2(with.ok(), qPrintable(with.error));
        const QJsonObject root = QJsonDocument::fromJson(with.json).object();
        QCOMPARE(root.value("biz_opaque_callback_data"_L1).toString(), m.bizOpaqueCallbackData);
        QCOMPARE(root.value("to"_L1).toString(), u"4915123456789"_s);
        QVERIFY(!root.value("template"_L1).toObject().contains("biz_opaque_callback_data"_L1));
    }

    void callbackDataIsLimitedTo512Characters()
    {
        auto m = orderUpdate();
        m.bizOpaqueCallbackData = QString(512, u'x');
        QVERIFY(MessageBuilder::build(m).ok());
        m.bizOpaqueCallbackData += u'x';
        const auto r = MessageBuilder::build(m);
        QVERIFY(!r.ok());
        QVERIFY(r.json.isEmpty());
        QVERIFY2(r.error.contains(u"513"_s), qPrintable(r.error));
    }

    void textMessagesAreLimitedTo4096Characters()
    {
        TextMessage t{u"4915123456789"_s, QString(4096, u'x'), false};
        QVERIFY(MessageBuilder::build(t).ok());
        t.body += u'x';
        const auto r = MessageBuilder::build(t);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(u"4097"_s), qPrintable(r.error));
        t.body = u"   "_s;
        QVERIFY(!MessageBuilder::build(t).ok());
        t.body = u"hi"_s;
        t.to = u"12"_s;
        QVERIFY(!MessageBuilder::build(t).ok());
    }

    void textMessagesMayContainLineBreaks()
    {
        const auto r = MessageBuilder::build(TextMessage{u"4915123456789"_s, u"a\n\n     b"_s, false});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.json.contains(R"("preview_url":false)"));
    }

    void hostileTextCannotBreakOutOfItsString()
    {
        auto m = simpleBody({TemplateParameter::textValue(u"\"},\"to\":\"999\",\"x\":{\"a\":\"\\"_s)});
        const auto r = MessageBuilder::build(m);
        QVERIFY(r.ok());
        const QJsonObject root = QJsonDocument::fromJson(r.json).object();
        QCOMPARE(root.value("to"_L1).toString(), u"4915123456789"_s);
        const QJsonObject body = root.value("template"_L1)["components"_L1][0].toObject();
        QCOMPARE(body["parameters"_L1][0]["text"_L1].toString(), u"\"},\"to\":\"999\",\"x\":{\"a\":\"\\"_s);
    }

    // Not a pass/fail test of speed (machines differ); it prints the cost of the hand-rolled
    // writer next to building the same document through QJsonObject, for the record.
    void buildingATypicalPayloadIsCheap()
    {
        const TemplateMessage m = orderUpdate();
        constexpr int rounds = 5000;
        qsizetype sink = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < rounds; ++i) {
            sink += MessageBuilder::build(m).json.size();
        }
        const double handRolledUs = double(timer.nsecsElapsed()) / rounds / 1000.0;

        timer.restart();
        for (int i = 0; i < rounds; ++i) {
            QJsonObject image{{"link"_L1, m.header[0].mediaLink}};
            QJsonArray body;
            for (const auto &p : m.body) {
                body.append(QJsonObject{{"type"_L1, u"text"_s}, {"text"_L1, p.text}});
            }
            const QJsonArray components{
                QJsonObject{
                    {"type"_L1, u"header"_s},
                    {"parameters"_L1, QJsonArray{QJsonObject{{"type"_L1, u"image"_s}, {"image"_L1, image}}}}},
                QJsonObject{{"type"_L1, u"body"_s}, {"parameters"_L1, body}},
                QJsonObject{{"type"_L1, u"button"_s},
                            {"sub_type"_L1, u"url"_s},
                            {"index"_L1, u"0"_s},
                            {"parameters"_L1, QJsonArray{QJsonObject{{"type"_L1, u"text"_s},
                                                                     {"text"_L1, m.buttons[0].value}}}}}};
            const QJsonObject root{
                {"messaging_product"_L1, u"whatsapp"_s},
                {"recipient_type"_L1, u"individual"_s},
                {"to"_L1, u"4915123456789"_s},
                {"type"_L1, u"template"_s},
                {"template"_L1, QJsonObject{{"name"_L1, m.name},
                                            {"language"_L1, QJsonObject{{"policy"_L1, u"deterministic"_s},
                                                                        {"code"_L1, m.languageCode}}},
                                            {"components"_L1, components}}}};
            sink += QJsonDocument(root).toJson(QJsonDocument::Compact).size();
        }
        const double qjsonUs = double(timer.nsecsElapsed()) / rounds / 1000.0;
        QVERIFY(sink > 0);
        qInfo(
            "one typical template payload: %.2f µs hand-rolled (with validation), %.2f µs via QJsonDocument",
            handRolledUs, qjsonUs);
        // Only a gross regression fails (sanitizer builds run ~25x slower): 1,000 messages/s must
        // stay a small fraction of one core.
        QVERIFY2(handRolledUs < 250.0, qPrintable(QString::number(handRolledUs)));
    }
};

QTEST_GUILESS_MAIN(TestMessageBuilder)
#include "test_messagebuilder.moc"
