// SimulatorOptions: every knob has a command-line option with help text, values are range
// checked, and the result is a valid SimulatorConfig.

#include "simulator/SimulatorOptions.h"

#include <QCommandLineParser>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

class TestSimulatorOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noOptions_keepTheDefaults()
    {
        SimulatorConfig config;
        quint16 port = 1;
        QString error;
        QVERIFY2(SimulatorOptions::fromArguments({u"sim"_s}, &config, &port, &error), qPrintable(error));
        QCOMPARE(port, quint16(0));
        QCOMPARE(config.threads, 2);
        QCOMPARE(config.accessToken, u"herald-demo-token"_s);
        QVERIFY(config.numberEndingsEnabled);
        QVERIFY(!config.pairLimitEnabled);
    }

    void everyKnob_isSetFromItsOption()
    {
        SimulatorConfig config;
        quint16 port = 0;
        QString error;
        const QStringList args{u"sim"_s,
                               u"--port=8089"_s,
                               u"--threads=3"_s,
                               u"--token=t0k"_s,
                               u"--api-version=v25.0"_s,
                               u"--phone-number-id=111"_s,
                               u"--waba-id=222"_s,
                               u"--latency-ms=200"_s,
                               u"--latency-p99-ms=900"_s,
                               u"--throughput=80"_s,
                               u"--pair-limit"_s,
                               u"--pair-limit-ms=5000"_s,
                               u"--close-after-accept-every=50"_s,
                               u"--no-number-endings"_s,
                               u"--check-templates"_s,
                               u"--reset-rate=0.01"_s,
                               u"--timeout-rate=0.02"_s,
                               u"--error-500-rate=0.03"_s,
                               u"--error-503-rate=0.04"_s,
                               u"--html-error-rate=0.05"_s,
                               u"--error-131000-rate=0.06"_s,
                               u"--seed=99"_s,
                               u"--category-change=order_update@en_US:2:MARKETING"_s,
                               u"--category-change=spring_sale:0:utility"_s};
        QVERIFY2(SimulatorOptions::fromArguments(args, &config, &port, &error), qPrintable(error));
        QCOMPARE(port, quint16(8089));
        QCOMPARE(config.threads, 3);
        QCOMPARE(config.accessToken, u"t0k"_s);
        QCOMPARE(config.apiVersion, u"v25.0"_s);
        QCOMPARE(config.phoneNumberId, u"111"_s);
        QCOMPARE(config.wabaId, u"222"_s);
        QCOMPARE(config.latencyMs, 200);
        QCOMPARE(config.latencyP99Ms, 900);
        QCOMPARE(config.throughputPerSecond, 80);
        QVERIFY(config.pairLimitEnabled);
        QCOMPARE(config.pairLimitMs, 5000);
        QCOMPARE(config.closeAfterAcceptEvery, 50);
        QVERIFY(!config.numberEndingsEnabled);
        QVERIFY(config.checkTemplates);
        QCOMPARE(config.resetRate, 0.01);
        QCOMPARE(config.timeoutRate, 0.02);
        QCOMPARE(config.error500Rate, 0.03);
        QCOMPARE(config.error503Rate, 0.04);
        QCOMPARE(config.htmlErrorRate, 0.05);
        QCOMPARE(config.error131000Rate, 0.06);
        QCOMPARE(config.seed, quint64(99));
        QCOMPARE(config.categoryChanges.size(), 2);
        QCOMPARE(config.categoryChanges.at(0),
                 (CategoryChange{2, u"order_update"_s, u"en_US"_s, u"MARKETING"_s}));
        QCOMPARE(config.categoryChanges.at(1),
                 (CategoryChange{0, u"spring_sale"_s, QString(), u"UTILITY"_s}));
    }

    void badValues_areRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::newRow("threads 0") << u"--threads=0"_s;
        QTest::newRow("negative latency") << u"--latency-ms=-1"_s;
        QTest::newRow("rate above 1") << u"--error-500-rate=1.5"_s;
        QTest::newRow("rate not a number") << u"--timeout-rate=often"_s;
        QTest::newRow("rates sum above 1") << u"--reset-rate=1"_s; // combined below with another
        QTest::newRow("bad port") << u"--port=70000"_s;
        QTest::newRow("bad version") << u"--api-version=23"_s;
        QTest::newRow("bad change") << u"--category-change=order_update"_s;
        QTest::newRow("missing file") << u"--templates=/nonexistent/templates.json"_s;
    }

    void badValues_areRefusedWithAReason()
    {
        QFETCH(QString, argument);
        SimulatorConfig config;
        quint16 port = 0;
        QString error;
        QStringList args{u"sim"_s, argument};
        if (argument.startsWith("--reset-rate"_L1))
            args.append(u"--timeout-rate=0.5"_s);
        QVERIFY(!SimulatorOptions::fromArguments(args, &config, &port, &error));
        QVERIFY(!error.isEmpty());
    }

    void everyOption_hasHelpText()
    {
        QCommandLineParser parser;
        SimulatorOptions::addTo(parser);
        const QString help = parser.helpText();
        for (const char *name : {"port",
                                 "threads",
                                 "token",
                                 "api-version",
                                 "phone-number-id",
                                 "waba-id",
                                 "latency-ms",
                                 "latency-p99-ms",
                                 "throughput",
                                 "pair-limit",
                                 "pair-limit-ms",
                                 "no-number-endings",
                                 "check-templates",
                                 "reset-rate",
                                 "timeout-rate",
                                 "error-500-rate",
                                 "error-503-rate",
                                 "html-error-rate",
                                 "error-131000-rate",
                                 "seed",
                                 "templates",
                                 "category-change"})
            QVERIFY2(help.contains(u"--"_s + QLatin1StringView(name)), name);
    }

    void templatesFile_inGraphsListingFormatIsLoaded()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"templates.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"data":[{"name":"promo","language":"de","status":"APPROVED","category":"MARKETING",
                      "components":[{"type":"BODY","text":"Hallo {{1}}"}]}]})");
        file.close();
        SimulatorConfig config;
        quint16 port = 0;
        QString error;
        QVERIFY2(SimulatorOptions::fromArguments({u"sim"_s, u"--templates"_s, path}, &config, &port, &error),
                 qPrintable(error));
        QCOMPARE(config.templates.size(), 1);
        QCOMPARE(config.templates.at(0).name, u"promo"_s);
        QCOMPARE(config.templates.at(0).language, u"de"_s);
        QVERIFY(!config.templates.at(0).id.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSimulatorOptions)
#include "test_simulatoroptions.moc"
