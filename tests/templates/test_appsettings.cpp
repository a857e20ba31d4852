#include "TestDatabase.h"
#include "db/AppSettings.h"
#include "db/DbError.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestAppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aSettingRoundTripsAndCanBeOverwrittenAndRemoved()
    {
        HERALD_TEST_DB(tdb);
        AppSettings settings(tdb->db());
        QVERIFY(!settings.value(u"api.base"_s));
        QCOMPARE(settings.value(u"api.base"_s, u"fallback"_s), u"fallback"_s);

        settings.set(u"api.base"_s, u"http://127.0.0.1:8080"_s);
        settings.set(u"api.waba_id"_s, u"102290129340398"_s);
        QCOMPARE(settings.value(u"api.base"_s).value_or(QString()), u"http://127.0.0.1:8080"_s);
        settings.set(u"api.base"_s, u"https://graph.facebook.com"_s);
        QCOMPARE(settings.value(u"api.base"_s).value_or(QString()), u"https://graph.facebook.com"_s);

        const QMap<QString, QString> all = settings.all();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.value(u"api.waba_id"_s), u"102290129340398"_s);

        QVERIFY(settings.remove(u"api.base"_s));
        QVERIFY(!settings.remove(u"api.base"_s));
        QVERIFY(!settings.value(u"api.base"_s));
        QCOMPARE(settings.all().size(), 1);
    }

    void tokenAndSecretKeysAreRefusedAndNothingIsStored_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("token") << u"api.access_token"_s;
        QTest::newRow("upper case") << u"API.TOKEN"_s;
        QTest::newRow("secret") << u"app_secret"_s;
        QTest::newRow("password") << u"db.password"_s;
    }

    void tokenAndSecretKeysAreRefusedAndNothingIsStored()
    {
        HERALD_TEST_DB(tdb);
        QFETCH(QString, key);
        AppSettings settings(tdb->db());
        try {
            settings.set(key, u"EAAGm0PX4ZCpsBAExampleToken123"_s);
            QFAIL("a credential key was accepted");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Refused);
            QVERIFY2(e.message().contains(u"HERALD_ACCESS_TOKEN"_s), qPrintable(e.message()));
            QVERIFY(!e.message().contains(u"EAAGm0PX4ZCpsBAExampleToken123"_s));
        }
        QVERIFY(settings.all().isEmpty());
    }

    void anEmptyKeyIsRefused()
    {
        QVERIFY(!AppSettings::checkKey(QString()).isEmpty());
        QVERIFY(!AppSettings::checkKey(u" api.base"_s).isEmpty());
        QVERIFY(AppSettings::checkKey(u"api.base"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "test_appsettings.moc"
