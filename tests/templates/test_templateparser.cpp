#include "simulator/SimulatorConfig.h"
#include "templates/TemplateParser.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {

QJsonArray components(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).array();
}

SimTemplate simTemplate(const QString &name, const QString &language = u"en_US"_s)
{
    for (const SimTemplate &t : SimulatorConfig::defaultTemplates()) {
        if (t.name == name && t.language == language) {
            return t;
        }
    }
    return {};
}

ParsedTemplate parseSim(const QString &name, const QString &language = u"en_US"_s)
{
    const SimTemplate t = simTemplate(name, language);
    return TemplateParser::parse(t.components, t.parameterFormat);
}

} // namespace

class TestTemplateParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyDefaultSimulatorTemplateParsesToTheExpectedKeys_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("hello_world") << u"hello_world"_s << u"en_US"_s << QStringList{};
        QTest::newRow("order_update en_US")
            << u"order_update"_s << u"en_US"_s
            << QStringList{u"header.1"_s, u"body.1"_s, u"body.2"_s, u"button.0"_s};
        QTest::newRow("order_update de")
            << u"order_update"_s << u"de"_s
            << QStringList{u"header.1"_s, u"body.1"_s, u"body.2"_s, u"button.0"_s};
        QTest::newRow("spring_sale") << u"spring_sale"_s << u"en_US"_s
                                     << QStringList{u"body.1"_s, u"body.2"_s, u"body.3"_s};
        QTest::newRow("appointment_reminder")
            << u"appointment_reminder"_s << u"en_US"_s << QStringList{u"body.first_name"_s, u"body.date"_s};
        QTest::newRow("login_code") << u"login_code"_s << u"en_US"_s
                                    << QStringList{u"body.1"_s, u"button.0"_s};
        QTest::newRow("winter_promo") << u"winter_promo"_s << u"en_US"_s << QStringList{u"body.1"_s};
        QTest::newRow("legacy_notice") << u"legacy_notice"_s << u"en_US"_s << QStringList{};
        QTest::newRow("new_feature") << u"new_feature"_s << u"en_US"_s << QStringList{u"body.1"_s};
    }

    void everyDefaultSimulatorTemplateParsesToTheExpectedKeys()
    {
        QFETCH(QString, name);
        QFETCH(QString, language);
        QFETCH(QStringList, keys);
        QVERIFY2(!simTemplate(name, language).name.isEmpty(), "the simulator's catalogue changed");
        const ParsedTemplate p = parseSim(name, language);
        QCOMPARE(p.templateSlots.keys(), keys);
        QVERIFY2(p.isSendable(), qPrintable(p.problems.join(u'\n')));
    }

    void theDefaultCatalogueHasNineTemplatesAndAllAreCovered()
    {
        QCOMPARE(SimulatorConfig::defaultTemplates().size(), 9);
    }

    void anImageHeaderNeedsItsMediaAndUrlButtonsTakeTheirSuffix()
    {
        const ParsedTemplate p = parseSim(u"order_update"_s);
        QCOMPARE(p.templateSlots.header, TemplateSlots::HeaderFormat::Image);
        QCOMPARE(p.headerFormat, u"IMAGE"_s);
        QCOMPARE(p.templateSlots.buttons.size(), 1);
        QCOMPARE(p.templateSlots.buttons.at(0).subType, ButtonSubType::Url);
        QCOMPARE(p.buttons.at(0).text, u"Track"_s);
    }

    void aStaticTextHeaderAndAQuickReplyNeedNothing()
    {
        const ParsedTemplate p = parseSim(u"spring_sale"_s);
        QCOMPARE(p.templateSlots.header, TemplateSlots::HeaderFormat::Text);
        QVERIFY(p.templateSlots.headerVariable.isEmpty());
        QCOMPARE(p.buttons.size(), 1);
        QCOMPARE(p.buttons.at(0).type, u"QUICK_REPLY"_s);
        QVERIFY(!p.buttons.at(0).takesParameter);
        QVERIFY(p.templateSlots.buttons.isEmpty());
        QCOMPARE(p.footerText, u"Not interested? Tap Stop promotions"_s);
    }

    void mediaHeadersOfEachKindAreRecognised_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("expected");
        QTest::newRow("image") << u"IMAGE"_s << int(TemplateSlots::HeaderFormat::Image);
        QTest::newRow("document") << u"DOCUMENT"_s << int(TemplateSlots::HeaderFormat::Document);
        QTest::newRow("video") << u"VIDEO"_s << int(TemplateSlots::HeaderFormat::Video);
    }

    void mediaHeadersOfEachKindAreRecognised()
    {
        QFETCH(QString, format);
        QFETCH(int, expected);
        const QJsonArray c{QJsonObject{{u"type"_s, u"HEADER"_s}, {u"format"_s, format}},
                           QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, u"Your file, {{1}}."_s}}};
        const ParsedTemplate p = TemplateParser::parse(c, u"POSITIONAL"_s);
        QCOMPARE(int(p.templateSlots.header), expected);
        QCOMPARE(p.templateSlots.keys(), (QStringList{u"header.1"_s, u"body.1"_s}));
        QVERIFY(p.isSendable());
    }

    void aLocationHeaderIsReportedAsNotSendable()
    {
        const ParsedTemplate p = TemplateParser::parse(components(R"([
            {"type":"HEADER","format":"LOCATION"},
            {"type":"BODY","text":"Find us here, {{1}}."}])"));
        QVERIFY(!p.isSendable());
        QVERIFY(p.problems.constFirst().contains(u"location"_s));
        QCOMPARE(p.templateSlots.keys(), QStringList{u"body.1"_s});
    }

    void aTextHeaderVariableIsNumberedSeparatelyFromTheBody()
    {
        const ParsedTemplate p = TemplateParser::parse(components(R"([
            {"type":"HEADER","format":"TEXT","text":"Order {{1}}"},
            {"type":"BODY","text":"Hi {{1}}, order {{2}} is late."}])"),
                                                       u"POSITIONAL"_s);
        QCOMPARE(p.templateSlots.keys(), (QStringList{u"header.1"_s, u"body.1"_s, u"body.2"_s}));
    }

    void namedParametersKeepTheirNamesInTemplateOrder()
    {
        const ParsedTemplate p = TemplateParser::parse(components(R"([
            {"type":"HEADER","format":"TEXT","text":"Hello {{first_name}}"},
            {"type":"BODY","text":"{{first_name}}, your {{ product }} ships on {{ship_date}}."}])"),
                                                       u"NAMED"_s);
        QCOMPARE(p.parameterFormat, u"NAMED"_s);
        QCOMPARE(p.templateSlots.keys(), (QStringList{u"header.first_name"_s, u"body.first_name"_s,
                                                      u"body.product"_s, u"body.ship_date"_s}));
        QVERIFY(p.isSendable());
    }

    void theParameterFormatIsInferredWhenMetaDoesNotSendIt()
    {
        QCOMPARE(
            TemplateParser::parse(components(R"([{"type":"BODY","text":"Hi {{name}}"}])")).parameterFormat,
            u"NAMED"_s);
        QCOMPARE(TemplateParser::parse(components(R"([{"type":"BODY","text":"Hi {{1}}"}])")).parameterFormat,
                 u"POSITIONAL"_s);
    }

    void positionalVariablesAreSentInNumberOrderWhateverTheTextOrder()
    {
        const ParsedTemplate p =
            TemplateParser::parse(components(R"([{"type":"BODY","text":"{{2}} for {{1}}, again {{2}}"}])"));
        QCOMPARE(p.templateSlots.bodyVariables, (QStringList{u"1"_s, u"2"_s}));
    }

    void mixingNamedAndNumberedVariablesIsAProblem()
    {
        const ParsedTemplate p = TemplateParser::parse(
            components(R"([{"type":"BODY","text":"{{1}} and {{name}}"}])"), u"POSITIONAL"_s);
        QVERIFY(!p.isSendable());
    }

    void copyCodeAndOtpButtons()
    {
        const ParsedTemplate otp = TemplateParser::parse(components(R"([
            {"type":"BODY","text":"{{1}} is your code."},
            {"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE","text":"Copy code"}]}])"));
        QCOMPARE(otp.templateSlots.keys(), (QStringList{u"body.1"_s, u"button.0"_s}));
        QCOMPARE(otp.templateSlots.buttons.at(0).subType, ButtonSubType::Url);
        QVERIFY(otp.isSendable());

        // A marketing coupon button needs sub_type copy_code, which cannot be sent yet.
        const ParsedTemplate coupon = TemplateParser::parse(components(R"([
            {"type":"BODY","text":"Save with this code."},
            {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Stop"},
                                         {"type":"COPY_CODE","example":"SAVE25"}]}])"));
        QVERIFY(!coupon.isSendable());
        QVERIFY(coupon.problems.constFirst().contains(u"Button 1"_s));
        QVERIFY(coupon.buttons.at(1).takesParameter);
    }

    void buttonIndexesFollowTheirPositionAndStaticButtonsAreSkipped()
    {
        // Built in C++: moc 6.4 mis-reads this raw string literal and skips the whole file.
        auto button = [](const QString &type, const QString &text, const QString &url = {}) {
            QJsonObject b{{u"type"_s, type}, {u"text"_s, text}};
            if (!url.isEmpty()) {
                b.insert(u"url"_s, url);
            }
            return b;
        };
        const QJsonArray buttons{button(u"PHONE_NUMBER"_s, u"Call"_s),
                                 button(u"URL"_s, u"Site"_s, u"https://example.com/about"_s),
                                 button(u"URL"_s, u"Track"_s, u"https://example.com/t/{{1}}"_s),
                                 button(u"CATALOG"_s, u"View catalog"_s)};
        const ParsedTemplate p = TemplateParser::parse(
            QJsonArray{QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, u"Hello"_s}},
                       QJsonObject{{u"type"_s, u"BUTTONS"_s}, {u"buttons"_s, buttons}}});
        QCOMPARE(p.buttons.size(), 4);
        QCOMPARE(p.templateSlots.keys(), (QStringList{u"button.2"_s, u"button.3"_s}));
        QCOMPARE(p.templateSlots.buttons.at(1).subType, ButtonSubType::Catalog);
    }

    void thePreviewFillsValuesAndLeavesMissingOnesVisible()
    {
        const ParsedTemplate p = parseSim(u"spring_sale"_s);
        const TemplatePreview preview =
            TemplateParser::preview(p, QJsonObject{{u"body.1"_s, u"Mark"_s}, {u"body.3"_s, 25}},
                                    QJsonObject{{u"body.3"_s, u"10%"_s}});
        QCOMPARE(preview.header, u"Spring Sale"_s);
        QCOMPARE(preview.body, u"Hi Mark, our Spring Sale is on! Use promo code {{2}} to get 25 off."_s);
        QCOMPARE(preview.footer, u"Not interested? Tap Stop promotions"_s);
        QCOMPARE(preview.buttons, QStringList{u"Stop promotions"_s});
    }

    void thePreviewUsesDefaultsNamedValuesAndFallbackTexts()
    {
        const ParsedTemplate p = parseSim(u"appointment_reminder"_s);
        const TemplatePreview preview = TemplateParser::preview(
            p, QJsonObject{{u"body.first_name"_s, u"Jess"_s}},
            QJsonObject{{u"body.date"_s,
                         QJsonObject{{u"type"_s, u"date_time"_s}, {u"fallback_value"_s, u"May 4"_s}}}});
        QCOMPARE(preview.body, u"Hello Jess, this is a reminder of your appointment on May 4."_s);
        QVERIFY(preview.header.isEmpty());
    }

    void aMediaHeaderPreviewsAsItsKind()
    {
        const TemplatePreview preview = TemplateParser::preview(parseSim(u"order_update"_s), {});
        QCOMPARE(preview.header, u"[IMAGE]"_s);
        QCOMPARE(preview.body, u"Hi {{1}}, your order {{2}} has shipped."_s);
    }

    void aTemplateOverTheSizeBoundsIsReadUpToThemAndCannotStartACampaign()
    {
        // From the network: a listing must not be able to make parsing large or slow.
        QString body = u"Hi {{1}}, "_s;
        while (body.size() <= TemplateParser::kMaxTextLength) {
            body += u"{{2}} and more text "_s;
        }
        QJsonArray buttons;
        for (int i = 0; i < 12; ++i) {
            buttons.append(QJsonObject{{u"type"_s, u"QUICK_REPLY"_s}, {u"text"_s, u"Reply %1"_s.arg(i)}});
        }
        const ParsedTemplate p = TemplateParser::parse(
            QJsonArray{QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, body}},
                       QJsonObject{{u"type"_s, u"BUTTONS"_s}, {u"buttons"_s, buttons}}});
        QVERIFY(!p.isSendable());
        QCOMPARE(p.bodyText.size(), TemplateParser::kMaxTextLength);
        QCOMPARE(p.templateSlots.bodyVariables, (QStringList{u"1"_s, u"2"_s}));
        QCOMPARE(p.buttons.size(), TemplateParser::kMaxButtons);
        const QString bodyProblem = u"The template's body is %1 characters long; Herald reads templates with "
                                    u"texts of at most 4096 characters."_s.arg(body.size());
        QCOMPARE(p.problems,
                 (QStringList{bodyProblem, u"The template has 12 buttons; Meta allows at most 10."_s}));

        QJsonArray many;
        for (int i = 0; i < 1000; ++i) {
            many.append(QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, u"Body %1 {{1}}"_s.arg(i)}});
        }
        const ParsedTemplate crowded = TemplateParser::parse(many);
        QVERIFY(!crowded.isSendable());
        QCOMPARE(crowded.problems,
                 QStringList{u"The template has 1000 components; Herald reads at most 10."_s});
        QCOMPARE(crowded.bodyText, u"Body 9 {{1}}"_s); // the tenth, the last one read

        const QString longUrl = u"https://example.com/"_s + QString(5000, u'u') + u"{{1}}"_s;
        const ParsedTemplate url = TemplateParser::parse(QJsonArray{QJsonObject{
            {u"type"_s, u"BUTTONS"_s},
            {u"buttons"_s,
             QJsonArray{QJsonObject{{u"type"_s, u"URL"_s}, {u"text"_s, u"Go"_s}, {u"url"_s, longUrl}}}}}});
        QCOMPARE(url.buttons.at(0).url.size(), TemplateParser::kMaxTextLength);
        QVERIFY(url.problems.constFirst().startsWith(u"The URL of button 0 is 5025 characters long"_s));
        QVERIFY(!url.buttons.at(0).takesParameter); // its placeholder was past the bound
    }
};

QTEST_GUILESS_MAIN(TestTemplateParser)
#include "test_templateparser.moc"
