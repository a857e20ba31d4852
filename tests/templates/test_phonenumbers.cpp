// The account's phone numbers and their ceilings (PhoneNumberStore, `herald-cli numbers`), on
// SQLite and PostgreSQL: stored for every process, checked on the way in, refused removal while a
// campaign still sends from a number, and the ceiling SendPlanner gives a campaign — the number's
// own when listed, api.rate_ceiling otherwise — which a run may only lower.
#include "../cli/CliTestUtil.h"
#include "../queue/QueueTestUtil.h"
#include "TestDatabase.h"
#include "db/AppSettings.h"
#include "db/DbError.h"
#include "sender/SendPlanner.h"
#include "settings/PhoneNumberStore.h"
#include "settings/SettingKeys.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

ApiSettings api(const QString &phoneNumberId)
{
    ApiSettings a;
    a.setPhoneNumberId(phoneNumberId);
    a.setAccessToken(u"token"_s);
    return a;
}

DbError::Kind refusal(const std::function<void()> &f, QString *message)
{
    try {
        f();
    } catch (const DbError &e) {
        *message = e.message();
        return e.kind();
    }
    return DbError::Kind::Other;
}

} // namespace

class TestPhoneNumbers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void numbersAreStoredCheckedAndChanged()
    {
        HERALD_TEST_DB(tdb);
        PhoneNumberStore store(tdb->db(), Clock::system());
        AppSettings(tdb->db()).set(SettingKeys::RateCeiling, u"60"_s);
        QVERIFY(store.add(u"1065"_s)); // no ceiling: api.rate_ceiling's
        QVERIFY(store.add(u"2077"_s, 250, u"Support"_s));
        QCOMPARE(store.find(u"1065"_s)->ceiling, 60.0);
        QVERIFY(!store.add(u"2077"_s, 400)); // changed, label kept
        QCOMPARE(store.find(u"2077"_s)->ceiling, 400.0);
        QCOMPARE(store.find(u"2077"_s)->label, u"Support"_s);
        QVERIFY(!store.add(u"2077"_s, std::nullopt, u"Sales"_s)); // label changed, ceiling kept
        QCOMPARE(store.find(u"2077"_s)->ceiling, 400.0);
        const QList<PhoneNumber> all = store.list();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(1).label, u"Sales"_s);
        QVERIFY(all.at(0).addedAt.isValid());

        QString why;
        QCOMPARE(refusal([&] { store.add(u"+49 151 2345678"_s); }, &why), DbError::Kind::Refused);
        QVERIFY2(why.contains(u"not the phone number itself"_s), qPrintable(why));
        for (double bad : {0.0, -5.0, 1000.5, 1001.0, 2.5, std::nan("")}) {
            QCOMPARE(refusal([&] { store.add(u"3088"_s, bad); }, &why), DbError::Kind::Refused);
            QVERIFY2(why.contains(u"from 1 to 1000"_s), qPrintable(why));
        }
        QVERIFY(!store.find(u"3088"_s));
        QVERIFY(store.remove(u"1065"_s));
        QVERIFY(!store.remove(u"1065"_s));
        QCOMPARE(store.list().size(), 1);
    }

    void aNumberACampaignStillSendsFromCannotBeRemoved()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        PhoneNumberStore store(tdb->db(), clock);
        store.add(u"1065"_s, 80);
        store.add(u"2077"_s, 80);
        AppSettings(tdb->db()).set(SettingKeys::PhoneNumberId, u"1065"_s);
        // "Spring" has no number of its own: it sends from the default one, 1065.
        const Campaign spring = makeCampaign(tdb->db(), clock, u"Spring"_s, 3);
        CampaignStore(tdb->db(), clock).transition(spring.id, CampaignStatus::Running);
        QString why;
        QCOMPARE(refusal([&] { store.remove(u"1065"_s); }, &why), DbError::Kind::Refused);
        QVERIFY2(why.contains(u"Spring"_s), qPrintable(why));
        QVERIFY(store.find(u"1065"_s));
        QVERIFY(store.remove(u"2077"_s)); // nobody sends from it
        CampaignStore(tdb->db(), clock).transition(spring.id, CampaignStatus::Cancelled);
        QVERIFY(store.remove(u"1065"_s));
    }

    void aCampaignSendsAtItsNumbersCeilingWhichARunMayOnlyLower()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        AppSettings(tdb->db()).set(SettingKeys::RateCeiling, u"80"_s);
        PhoneNumberStore(tdb->db(), clock).add(u"2077"_s, 500);
        const Campaign c = makeCampaign(tdb->db(), clock, u"Ceilings"_s, 1);
        const SendPlanner planner(tdb->db(), clock);

        QCOMPARE(planner.plan(c, api(u"2077"_s)).config.rate, 500.0); // listed: its own
        QCOMPARE(planner.plan(c, api(u"1065"_s)).config.rate, 80.0);  // not listed: api.rate_ceiling
        QCOMPARE(planner.plan(c, api(u"2077"_s), 200).config.rate, 200.0);
        const SendPlan above = planner.plan(c, api(u"2077"_s), 600);
        QVERIFY(std::any_of(above.refusals.cbegin(), above.refusals.cend(), [](const QString &r) {
            return r.contains(u"ceiling of 500"_s) && r.contains(u"numbers add --ceiling"_s);
        }));
        const SendPlan unlisted = planner.plan(c, api(u"1065"_s), 100);
        QVERIFY(std::any_of(unlisted.refusals.cbegin(), unlisted.refusals.cend(), [](const QString &r) {
            return r.contains(u"ceiling of 80"_s) && r.contains(u"api.rate_ceiling"_s);
        }));
    }

    void theCommandLineAddsListsAndRemoves()
    {
        HERALD_TEST_DB(tdb);
        QTemporaryDir home;
        const auto cli = [&](const QStringList &args) {
            return runCli(home.path(), QStringList{u"--db"_s, tdb->url(), u"numbers"_s} + args);
        };
        CliRun r = cli({u"add"_s, u"1065"_s, u"--ceiling"_s, u"250"_s, u"--label"_s, u"Main line"_s});
        QVERIFY2(r.exitCode == 0 && r.out.contains(u"Added 1065: at most 250"_s), qPrintable(r.describe()));
        r = cli({u"add"_s, u"2077"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"ceiling"_s).toDouble(), 80.0); // api.rate_ceiling's default
        QCOMPARE(r.json().value(u"added"_s).toBool(), true);
        r = cli({u"list"_s, u"--json"_s});
        const QJsonArray numbers = r.json().value(u"numbers"_s).toArray();
        QCOMPARE(numbers.size(), 2);
        QCOMPARE(numbers.at(0).toObject().value(u"label"_s).toString(), u"Main line"_s);
        QCOMPARE(numbers.at(0).toObject().value(u"ceiling"_s).toDouble(), 250.0);
        r = cli({u"list"_s});
        QVERIFY2(r.out.contains(u"2 phone numbers listed."_s), qPrintable(r.describe()));

        QCOMPARE(cli({u"add"_s, u"1065"_s, u"--ceiling"_s, u"fast"_s}).exitCode, 2);
        QCOMPARE(cli({u"add"_s, u"+4915123"_s}).exitCode, 2);
        QCOMPARE(cli({u"add"_s}).exitCode, 2);
        QCOMPARE(cli({u"frobnicate"_s}).exitCode, 2);
        QCOMPARE(cli({u"remove"_s, u"2077"_s}).exitCode, 0);
        r = cli({u"remove"_s, u"2077"_s});
        QVERIFY2(r.exitCode == 5 && r.out.contains(u"was not listed"_s), qPrintable(r.describe()));
    }
};

QTEST_GUILESS_MAIN(TestPhoneNumbers)
#include "test_phonenumbers.moc"
