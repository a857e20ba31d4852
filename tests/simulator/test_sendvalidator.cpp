// SendValidator: which request bodies Graph would refuse with error 100, and what it reads
// from the ones it accepts.

#include "SimTestClient.h"
#include "simulator/SendValidator.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject withTemplateMember(QJsonObject message, const QString &key, const QJsonValue &value)
{
    QJsonObject tmpl = message.value("template"_L1).toObject();
    if (value.isUndefined())
        tmpl.remove(key);
    else
        tmpl.insert(key, value);
    message.insert("template"_L1, tmpl);
    return message;
}

} // namespace

class TestSendValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validTemplateMessage_isAcceptedAndRead()
    {
        const auto r = SendValidator::check(toJson(templateMessage(u"+4915123456789"_s)));
        QVERIFY(!r.error);
        QCOMPARE(r.to, u"+4915123456789"_s);
        QCOMPARE(r.recipientKey, u"4915123456789"_s);
        QCOMPARE(r.type, u"template"_s);
        QCOMPARE(r.templateName, u"order_update"_s);
        QCOMPARE(r.languageCode, u"en_US"_s);
        QCOMPARE(r.bodyParameters, 2);
    }

    void invalidMessages_areError100_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mention");
        const QJsonObject good = templateMessage(u"4915123456789"_s);
        auto without = [&good](const char *key) {
            QJsonObject o = good;
            o.remove(QLatin1StringView(key));
            return toJson(o);
        };
        auto with = [&good](const char *key, const QJsonValue &v) {
            QJsonObject o = good;
            o.insert(QLatin1StringView(key), v);
            return toJson(o);
        };
        QTest::newRow("not json") << QByteArray("{") << u"Invalid parameter"_s;
        QTest::newRow("array") << QByteArray("[]") << u"Invalid parameter"_s;
        QTest::newRow("no product") << without("messaging_product") << u"messaging_product"_s;
        QTest::newRow("other product") << with("messaging_product", u"sms"_s) << u"WHATSAPP"_s;
        QTest::newRow("group") << with("recipient_type", u"group"_s) << u"recipient_type"_s;
        QTest::newRow("no to") << without("to") << u"parameter to"_s;
        QTest::newRow("letters in to") << with("to", u"49151abc"_s) << u"Invalid parameter"_s;
        QTest::newRow("short to") << with("to", u"123"_s) << u"Invalid parameter"_s;
        QTest::newRow("numeric to") << with("to", 4915123456789.0) << u"Invalid parameter"_s;
        QTest::newRow("no type") << without("type") << u"parameter type"_s;
        QTest::newRow("unknown type") << with("type", u"fax"_s) << u"Param type"_s;
        QTest::newRow("no template") << without("template") << u"parameter template"_s;
        QTest::newRow("no name") << toJson(withTemplateMember(good, u"name"_s, QJsonValue::Undefined))
                                 << u"template['name']"_s;
        QTest::newRow("no language") << toJson(withTemplateMember(good, u"language"_s, QJsonValue::Undefined))
                                     << u"template['language']"_s;
        QTest::newRow("no language code")
            << toJson(withTemplateMember(good, u"language"_s, QJsonObject{{"policy"_L1, "deterministic"_L1}}))
            << u"template['language']['code']"_s;
        QTest::newRow("components not array")
            << toJson(withTemplateMember(good, u"components"_s, u"body"_s)) << u"components"_s;
        QTest::newRow("bad component type")
            << toJson(withTemplateMember(good, u"components"_s,
                                         QJsonArray{QJsonObject{{"type"_L1, "footer"_L1}}}))
            << u"HEADER, BODY, BUTTON"_s;
        QTest::newRow("button without sub_type")
            << toJson(withTemplateMember(
                   good, u"components"_s,
                   QJsonArray{QJsonObject{{"type"_L1, "button"_L1}, {"index"_L1, "0"_L1}}}))
            << u"sub_type"_s;
        QTest::newRow("button index out of range")
            << toJson(withTemplateMember(
                   good, u"components"_s,
                   QJsonArray{QJsonObject{{"type"_L1, "button"_L1},
                                          {"sub_type"_L1, "url"_L1},
                                          {"index"_L1, "12"_L1},
                                          {"parameters"_L1, QJsonArray{QJsonObject{{"type"_L1, "text"_L1},
                                                                                   {"text"_L1, "x"_L1}}}}}}))
            << u"index"_s;
        QTest::newRow("text parameter without text")
            << toJson(withTemplateMember(
                   good, u"components"_s,
                   QJsonArray{
                       QJsonObject{{"type"_L1, "body"_L1},
                                   {"parameters"_L1, QJsonArray{QJsonObject{{"type"_L1, "text"_L1}}}}}}))
            << u"['text']"_s;
        QTest::newRow("image without link")
            << toJson(withTemplateMember(
                   good, u"components"_s,
                   QJsonArray{QJsonObject{
                       {"type"_L1, "header"_L1},
                       {"parameters"_L1,
                        QJsonArray{QJsonObject{{"type"_L1, "image"_L1}, {"image"_L1, QJsonObject{}}}}}}}))
            << u"['image']['link']"_s;
        const QJsonObject text{{"messaging_product"_L1, "whatsapp"_L1},
                               {"to"_L1, "4915123456789"_L1},
                               {"type"_L1, "text"_L1},
                               {"text"_L1, QJsonObject{{"body"_L1, QString(4097, u'x')}}}};
        QTest::newRow("text too long") << toJson(text) << u"4096"_s;
    }

    void invalidMessages_areError100()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, mention);
        const auto r = SendValidator::check(body);
        QVERIFY(r.error.has_value());
        QCOMPARE(r.error->code, 100);
        QCOMPARE(r.error->httpStatus, 400);
        QVERIFY2(r.error->message.contains(mention) || r.error->details.contains(mention),
                 qPrintable(r.error->message + u" / "_s + r.error->details));
    }

    void malformedMessage_stillNamesItsRecipient()
    {
        QJsonObject o = templateMessage(u"4915123456789"_s);
        o.remove("type"_L1);
        const auto r = SendValidator::check(toJson(o));
        QVERIFY(r.error);
        QCOMPARE(r.recipientKey, u"4915123456789"_s);
    }

    void errorPayload_hasGraphsShape()
    {
        const QJsonObject error = QJsonDocument::fromJson(SimGraphError::throughputReached().toJson())
                                      .object()
                                      .value("error"_L1)
                                      .toObject();
        QCOMPARE(error.value("code"_L1).toInt(), 130429);
        QCOMPARE(error.value("fbtrace_id"_L1).toString().size(), 23);
        QVERIFY(SimGraphError::newTraceId() != SimGraphError::newTraceId());
        const QJsonObject plain = QJsonDocument::fromJson(SimGraphError::invalidToken().toJson())
                                      .object()
                                      .value("error"_L1)
                                      .toObject();
        QVERIFY(!plain.contains("error_data"_L1));
        QVERIFY(!plain.contains("error_subcode"_L1));
    }
};

QTEST_GUILESS_MAIN(TestSendValidator)
#include "test_sendvalidator.moc"
