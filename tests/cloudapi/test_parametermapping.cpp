#include "cloudapi/MessageBuilder.h"
#include "cloudapi/ParameterMapping.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

// JSON fixtures are written with single quotes: moc (6.4) does not understand raw string
// literals and loses its place in a file that contains them.
inline QByteArray jsonText(const char *singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

namespace {
QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

TemplateSlots orderUpdateSlots()
{
    TemplateSlots s;
    s.header = TemplateSlots::HeaderFormat::Image;
    s.bodyVariables = {u"1"_s, u"2"_s};
    s.buttons = {TemplateSlots::Button{0, ButtonSubType::Url}};
    return s;
}
} // namespace

class TestParameterMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysListEveryValueACampaignMustProvideInTemplateOrder()
    {
        QCOMPARE(orderUpdateSlots().keys(),
                 (QStringList{u"header.1"_s, u"body.1"_s, u"body.2"_s, u"button.0"_s}));
        TemplateSlots named;
        named.header = TemplateSlots::HeaderFormat::Text;
        named.headerVariable = u"shop"_s;
        named.bodyVariables = {u"first_name"_s};
        QCOMPARE(named.keys(), (QStringList{u"header.shop"_s, u"body.first_name"_s}));
        TemplateSlots staticHeader;
        staticHeader.header = TemplateSlots::HeaderFormat::Text; // text header without a variable
        QVERIFY(staticHeader.keys().isEmpty());
    }

    void positionalValuesFillTheComponentsInOrder()
    {
        TemplateMessage m;
        const QString problem = ParameterMapping::fill(
            orderUpdateSlots(),
            json(jsonText("{'header.1':'https://example.com/"
                          "a.jpg','body.2':'A12345','body.1':'Alex','button.0':'A12345','email':'x@y'}")),
            m);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(m.header, (QList{TemplateParameter::mediaByLink(ParameterType::Image,
                                                                 u"https://example.com/a.jpg"_s)}));
        QCOMPARE(m.body,
                 (QList{TemplateParameter::textValue(u"Alex"_s), TemplateParameter::textValue(u"A12345"_s)}));
        QCOMPARE(m.buttons, (QList{TemplateButton{ButtonSubType::Url, 0, u"A12345"_s}}));
        m.to = u"4915123456789"_s;
        m.name = u"order_update"_s;
        m.languageCode = u"en_US"_s;
        QVERIFY(MessageBuilder::build(m).ok());
    }

    void namedVariablesBecomeParameterNames()
    {
        TemplateSlots s;
        s.header = TemplateSlots::HeaderFormat::Text;
        s.headerVariable = u"shop"_s;
        s.bodyVariables = {u"first_name"_s, u"order_id"_s};
        TemplateMessage m;
        QVERIFY(ParameterMapping::fill(
                    s, json(jsonText("{'header.shop':'Café','body.first_name':'Ana','body.order_id':7}")), m)
                    .isEmpty());
        QCOMPARE(m.header, (QList{TemplateParameter::textValue(u"Café"_s, u"shop"_s)}));
        QCOMPARE(m.body, (QList{TemplateParameter::textValue(u"Ana"_s, u"first_name"_s),
                                TemplateParameter::textValue(u"7"_s, u"order_id"_s)}));
    }

    void numbersAreWrittenAsPeopleWriteThem()
    {
        TemplateSlots s;
        s.bodyVariables = {u"1"_s, u"2"_s, u"3"_s, u"4"_s};
        TemplateMessage m;
        QVERIFY(ParameterMapping::fill(
                    s, json(jsonText("{'body.1':12,'body.2':12.5,'body.3':-3,'body.4':true}")), m)
                    .isEmpty());
        QCOMPARE(m.body[0].text, u"12"_s);
        QCOMPARE(m.body[1].text, u"12.5"_s);
        QCOMPARE(m.body[2].text, u"-3"_s);
        QCOMPARE(m.body[3].text, u"true"_s);
    }

    void typedObjectsGiveCurrencyAndDateTime()
    {
        TemplateSlots s;
        s.bodyVariables = {u"1"_s, u"2"_s};
        TemplateMessage m;
        const QString problem = ParameterMapping::fill(
            s,
            json(jsonText(
                "{'body.1':{'type':'currency','fallback_value':'€12.50','code':'EUR','amount_1000':12500},"
                "'body.2':{'type':'date_time','fallback_value':'1 May 2026'}}")),
            m);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(m.body[0], TemplateParameter::currency(u"€12.50"_s, u"EUR"_s, 12500));
        QCOMPARE(m.body[1], TemplateParameter::dateTime(u"1 May 2026"_s));
    }

    void mediaValuesAreLinksOrIds()
    {
        TemplateSlots s;
        s.header = TemplateSlots::HeaderFormat::Document;
        TemplateMessage m;
        QVERIFY(ParameterMapping::fill(s, json(jsonText("{'header.1':'1234567890'}")), m).isEmpty());
        QCOMPARE(m.header[0], TemplateParameter::mediaById(ParameterType::Document, u"1234567890"_s));
        QVERIFY(
            ParameterMapping::fill(s, json(jsonText("{'header.1':{'link':'https://x.example/a.pdf'}}")), m)
                .isEmpty());
        QCOMPARE(m.header[0],
                 TemplateParameter::mediaByLink(ParameterType::Document, u"https://x.example/a.pdf"_s));
        s.header = TemplateSlots::HeaderFormat::Video;
        QVERIFY(ParameterMapping::fill(s, json(jsonText("{'header.1':{'id':'55'}}")), m).isEmpty());
        QCOMPARE(m.header[0], TemplateParameter::mediaById(ParameterType::Video, u"55"_s));
    }

    void contactValuesWinOverCampaignDefaults()
    {
        TemplateMessage m;
        const QJsonObject defaults = json(
            jsonText("{'header.1':'https://cdn.example/default.jpg','body.2':'default','button.0':'X'}"));
        QVERIFY(ParameterMapping::fill(orderUpdateSlots(),
                                       json(jsonText("{'body.1':'Alex','body.2':'mine'}")), m, defaults)
                    .isEmpty());
        QCOMPARE(m.header[0].mediaLink, u"https://cdn.example/default.jpg"_s);
        QCOMPARE(m.body[1].text, u"mine"_s);
        QCOMPARE(m.buttons[0].value, u"X"_s);
    }

    void aMissingValueIsReportedByItsKey_data()
    {
        QTest::addColumn<QString>("values");
        QTest::addColumn<QString>("key");
        QTest::newRow("header") << QString::fromUtf8(jsonText("{'body.1':'a','body.2':'b','button.0':'c'}"))
                                << u"header.1"_s;
        QTest::newRow("body") << QString::fromUtf8(jsonText("{'header.1':'1','body.1':'a','button.0':'c'}"))
                              << u"body.2"_s;
        QTest::newRow("null body") << QString::fromUtf8(jsonText(
                                          "{'header.1':'1','body.1':null,'body.2':'b','button.0':'c'}"))
                                   << u"body.1"_s;
        QTest::newRow("button") << QString::fromUtf8(jsonText("{'header.1':'1','body.1':'a','body.2':'b'}"))
                                << u"button.0"_s;
    }

    void aMissingValueIsReportedByItsKey()
    {
        QFETCH(QString, values);
        QFETCH(QString, key);
        TemplateMessage m;
        const QString problem = ParameterMapping::fill(orderUpdateSlots(), json(values.toUtf8()), m);
        QVERIFY2(problem.contains(key), qPrintable(problem));
    }

    void malformedValuesAreRefused()
    {
        TemplateSlots s;
        s.bodyVariables = {u"1"_s};
        TemplateMessage m;
        QVERIFY(
            ParameterMapping::fill(s, json(jsonText("{'body.1':{'type':'currency','amount_1000':1.5}}")), m)
                .contains(u"amount_1000"_s));
        QVERIFY(
            ParameterMapping::fill(s, json(jsonText("{'body.1':{'type':'emoji'}}")), m).contains(u"emoji"_s));
        QVERIFY(ParameterMapping::fill(s, json(jsonText("{'body.1':[1,2]}")), m).contains(u"body.1"_s));
        s.bodyVariables.clear();
        s.buttons = {TemplateSlots::Button{1, ButtonSubType::QuickReply}};
        QVERIFY(ParameterMapping::fill(s, json(jsonText("{'button.1':{'a':1}}")), m).contains(u"button.1"_s));
    }

    void catalogButtonsNeedNoValue()
    {
        TemplateSlots s;
        s.buttons = {TemplateSlots::Button{0, ButtonSubType::Catalog}};
        TemplateMessage m;
        QVERIFY(ParameterMapping::fill(s, {}, m).isEmpty());
        QCOMPARE(m.buttons, (QList{TemplateButton{ButtonSubType::Catalog, 0, {}}}));
    }

    void fillingReplacesWhatTheMessageHeldBefore()
    {
        TemplateMessage m;
        m.body = {TemplateParameter::textValue(u"stale"_s)};
        m.buttons = {TemplateButton{ButtonSubType::Url, 3, u"stale"_s}};
        TemplateSlots s;
        s.bodyVariables = {u"1"_s};
        QVERIFY(ParameterMapping::fill(s, json(jsonText("{'body.1':'fresh'}")), m).isEmpty());
        QCOMPARE(m.body.size(), 1);
        QCOMPARE(m.body[0].text, u"fresh"_s);
        QVERIFY(m.buttons.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestParameterMapping)
#include "test_parametermapping.moc"
