// The account's phone numbers and their ceilings (PhoneNumberStore, `herald-cli numbers`), on
// SQLite and PostgreSQL: stored for every process, checked on the way in, refused removal while a
// campaign still sends from a number, and the ceiling SendPlanner gives a campaign — the number's
// own when listed, api.rate_ceiling otherwise — which a run may only lower. Their health read from
// the simulator's Graph API (`numbers health`), a refused or unknown number a stored reason, and
// the warnings before a campaign starts: quality, status, and the portfolio's messaging limit
// against the people reached in the last 24 hours.
#include "../cli/CliTestUtil.h"
#include "../queue/QueueTestUtil.h"
#include "TestDatabase.h"
#include "cloudapi/NumberHealth.h"
#include "db/AppSettings.h"
#include "db/DbError.h"
#include "sender/SendPlanner.h"
#include "settings/NumberHealthStore.h"
#include "settings/PhoneNumberStore.h"
#include "settings/SettingKeys.h"
#include "simulator/CloudApiSimulator.h"

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

    void tiersAreReadAsMetaNamesThem()
    {
        QCOMPARE(NumberHealth::tierLimit(u"TIER_50"_s), 50);
        QCOMPARE(NumberHealth::tierLimit(u"TIER_250"_s), 250);
        QCOMPARE(NumberHealth::tierLimit(u"TIER_1K"_s), 1000);
        QCOMPARE(NumberHealth::tierLimit(u"tier_2k"_s), 2000);
        QCOMPARE(NumberHealth::tierLimit(u"TIER_100K"_s), 100000);
        QVERIFY(!NumberHealth::tierLimit(u"TIER_UNLIMITED"_s));
        QVERIFY(!NumberHealth::tierLimit(u"TIER_"_s));
        QVERIFY(!NumberHealth::tierLimit(u"LIMIT_250"_s));
        QVERIFY(!NumberHealth::tierLimit(QString()));
    }

    void healthIsReadFromGraphAndAFailureKeepsItsReason()
    {
        HERALD_TEST_DB(tdb);
        QTemporaryDir home;
        SimulatorConfig config;
        config.qualityRating = u"YELLOW"_s;
        config.messagingLimitTier = u"TIER_2K"_s;
        CloudApiSimulator sim(config);
        QVERIFY(sim.start());
        const QString simNumber = sim.config().phoneNumberId;
        {
            PhoneNumberStore numbers(tdb->db(), Clock::system());
            numbers.add(simNumber, 80);
            numbers.add(u"999000111"_s, 80); // not the account's: Graph does not know it
        }
        const auto health = [&] {
            return runCli(home.path(),
                          {u"--db"_s, tdb->url(), u"numbers"_s, u"health"_s, u"--json"_s, u"--api-base"_s,
                           sim.baseUrl().toString()},
                          sim.config().accessToken);
        };
        CliRun r = health();
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray list = r.json().value(u"numbers"_s).toArray();
        QCOMPARE(list.size(), 2);
        QJsonObject ours, unknown;
        for (const QJsonValue &v : list) {
            (v.toObject().value(u"id"_s).toString() == simNumber ? ours : unknown) = v.toObject();
        }
        QCOMPARE(ours.value(u"quality_rating"_s).toString(), u"YELLOW"_s);
        QCOMPARE(ours.value(u"messaging_limit"_s).toInteger(), 2000);
        QCOMPARE(ours.value(u"status"_s).toString(), u"CONNECTED"_s);
        QCOMPARE(unknown.value(u"ok"_s).toBool(), false);
        QVERIFY2(unknown.value(u"error"_s).toString().contains(u"999000111"_s), qPrintable(r.out));
        NumberHealthStore store(tdb->db(), Clock::system());
        QCOMPARE(store.find(simNumber)->messagingLimitTier, u"TIER_2K"_s);
        QVERIFY(!store.find(u"999000111"_s)->ok());
        QVERIFY(!r.out.contains(sim.config().accessToken));

        // A token without the permission: a stored reason, and a warning before sending, never a refusal.
        config.healthRefused = true;
        CloudApiSimulator refusing(config);
        QVERIFY(refusing.start());
        r = runCli(home.path(),
                   {u"--db"_s, tdb->url(), u"numbers"_s, u"health"_s, u"--api-base"_s,
                    refusing.baseUrl().toString()},
                   refusing.config().accessToken);
        QVERIFY2(r.exitCode == 0 && r.out.contains(u"permission"_s), qPrintable(r.describe()));
        QVERIFY(!store.find(simNumber)->ok());
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Unchecked"_s, 1);
        const SendPlan plan = SendPlanner(tdb->db(), Clock::system()).plan(c, api(simNumber));
        QVERIFY(std::any_of(plan.warnings.cbegin(), plan.warnings.cend(), [](const QString &w) {
            return w.contains(u"could not be read from Meta"_s) && w.contains(u"permission"_s);
        }));
        QVERIFY(std::none_of(plan.refusals.cbegin(), plan.refusals.cend(),
                             [](const QString &w) { return w.contains(u"Meta"_s); }));
    }

    void aCampaignIsWarnedOfQualityStatusAndTheMessagingLimit()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        NumberHealthStore store(tdb->db(), clock);
        NumberHealth h;
        h.id = u"1065"_s;
        h.qualityRating = u"GREEN"_s;
        h.messagingLimitTier = u"TIER_250"_s;
        h.status = u"CONNECTED"_s;
        h.checkedAt = QDateTime::currentDateTimeUtc();
        store.save({h});

        // 200 people reached in the last 24 hours (the limit leaves 50) …
        const Campaign earlier = makeCampaign(tdb->db(), clock, u"Earlier"_s, 200);
        CampaignStore(tdb->db(), clock).transition(earlier.id, CampaignStatus::Running);
        QueueEngine engine(tdb->db(), clock);
        QList<Outcome> sent;
        for (const ClaimedMessage &m : engine.claim(earlier.id, u"w"_s, 200)) {
            sent << Outcome::sent(m, u"wamid.%1"_s.arg(m.id));
        }
        engine.record(sent);
        // … and a campaign for 30 of them again plus 40 new: 40 fit.
        CampaignStore campaigns(tdb->db(), clock);
        const Campaign fits = campaigns.create({u"Fits"_s, u"order_update"_s, u"en_US"_s, {}, {}});
        engine.enqueue(fits.id, makeRecipients(30, 170) + makeRecipients(40, 5000));
        QVERIFY(store.warnings(campaigns.byId(fits.id), u"1065"_s).isEmpty());
        // 60 new do not.
        const Campaign tooMany = campaigns.create({u"Too many"_s, u"order_update"_s, u"en_US"_s, {}, {}});
        engine.enqueue(tooMany.id, makeRecipients(30, 170) + makeRecipients(60, 6000));
        const QStringList w = store.warnings(campaigns.byId(tooMany.id), u"1065"_s);
        QCOMPARE(w.size(), 1);
        QVERIFY2(w.first().contains(u"60 people not messaged"_s) && w.first().contains(u"TIER_250"_s) &&
                     w.first().contains(u"about 50 today"_s) && w.first().contains(u"200 already"_s),
                 qPrintable(w.first()));
        // SendPlanner gives the same warning to the console and to run.
        const SendPlan plan = SendPlanner(tdb->db(), clock).plan(campaigns.byId(tooMany.id), api(u"1065"_s));
        QVERIFY(plan.warnings.contains(w.first()));
        // A portfolio with an unlimited number has no limit to warn of.
        NumberHealth unlimited = h;
        unlimited.id = u"2077"_s;
        unlimited.messagingLimitTier = u"TIER_UNLIMITED"_s;
        store.save({unlimited});
        QVERIFY(store.warnings(campaigns.byId(tooMany.id), u"1065"_s).isEmpty());

        // Quality and status are told whatever the limit.
        h.qualityRating = u"RED"_s;
        h.status = u"FLAGGED"_s;
        store.save({h});
        const QStringList bad = store.warnings(campaigns.byId(fits.id), u"1065"_s);
        QCOMPARE(bad.size(), 2);
        QVERIFY2(bad.at(0).contains(u"low (RED)"_s), qPrintable(bad.at(0)));
        QVERIFY2(bad.at(1).contains(u"FLAGGED"_s), qPrintable(bad.at(1)));
        // A number never checked: nothing to say.
        QVERIFY(store.warnings(campaigns.byId(fits.id), u"3088"_s).isEmpty());
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
