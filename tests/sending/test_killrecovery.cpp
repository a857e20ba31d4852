// Kill test: `herald-cli run` as a real child process, killed with SIGKILL mid-campaign, then
// run again to the end. No recipient may be accepted twice, the rows that were in flight
// must end failed "interrupted" (never silently re-sent), and the counters must equal a
// recount — on SQLite and PostgreSQL.
#include "SenderTestUtil.h"
#include "db/AppSettings.h"
#include "settings/SettingKeys.h"

#include <QProcess>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
QProcess *startCli(const TestDatabase &tdb, const CloudApiSimulator &sim, const QStringList &args)
{
    auto *p = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HERALD_ACCESS_TOKEN"_s, sim.config().accessToken);
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::MergedChannels);
    QStringList all{u"--db"_s, tdb.url()};
    all += args;
    all += {u"--api-base"_s, sim.baseUrl().toString(), u"--phone-number-id"_s, sim.config().phoneNumberId,
            u"--waba-id"_s,  sim.config().wabaId};
    p->start(QString::fromUtf8(HERALD_CLI_PATH), all);
    return p;
}

int runCli(const TestDatabase &tdb, const CloudApiSimulator &sim, const QStringList &args, QByteArray *output)
{
    std::unique_ptr<QProcess> p(startCli(tdb, sim, args));
    if (!p->waitForFinished(120'000)) {
        p->kill();
        p->waitForFinished();
        return -1;
    }
    *output = p->readAll();
    return p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -2;
}
} // namespace

class TestKillRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aSenderKilledMidCampaignLosesNothingAndMessagesNobodyTwice()
    {
        HERALD_TEST_DB(tdb);
        SimulatorConfig sc;
        sc.latencyMs = 80;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        QByteArray output;
        QCOMPARE(runCli(*tdb, sim, {u"templates"_s, u"sync"_s}, &output), 0);
        // A ceiling of 300/s for the number: `run --rate` may only lower the stored one.
        AppSettings(tdb->db()).set(SettingKeys::RateCeiling, u"300"_s);

        Database &db = tdb->db();
        CampaignStore store(db, Clock::system());
        const QJsonObject settings{
            {u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s},
                                        {u"body.2"_s, u"A1"_s},
                                        {u"button.0"_s, u"A1"_s}}}};
        const Campaign c = store.create({u"Kill"_s, u"order_update"_s, u"en_US"_s, {}, settings});
        QueueEngine(db, Clock::system()).enqueue(c.id, makeRecipients(2500));

        std::unique_ptr<QProcess> child(
            startCli(*tdb, sim, {u"run"_s, u"--campaign"_s, u"Kill"_s, u"--rate"_s, u"300"_s}));
        QVERIFY(child->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sim.log().totals().accepted >= 600, 60'000);
        child->kill(); // SIGKILL: no chance to record what is in flight
        QVERIFY(child->waitForFinished(10'000));
        QCOMPARE(child->exitStatus(), QProcess::CrashExit);

        const qint64 inFlightAtKill = countWhere(db, u"status = 'processing'"_s);
        QVERIFY2(inFlightAtKill > 0, "the kill found nothing in flight: the test proved nothing");
        QSet<QString> heldPhones;
        {
            QSqlQuery q = db.run(u"SELECT phone FROM send_queue WHERE status = 'processing'"_s);
            while (q.next()) {
                heldPhones.insert(q.value(0).toString());
            }
        }

        const int code =
            runCli(*tdb, sim, {u"run"_s, u"--campaign"_s, u"Kill"_s, u"--rate"_s, u"300"_s}, &output);
        QVERIFY2(code == 0, output.constData());

        const Campaign after = store.byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Completed);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        QCOMPARE(countWhere(db, u"status = 'failed' AND error_reason = 'interrupted'"_s), inFlightAtKill);
        QCOMPARE(after.totalSent + after.totalFailed, 2500);
        QCOMPARE(after.totalFailed, inFlightAtKill);

        // Nobody accepted twice; every accepted phone is either sent or one of the rows that
        // were in flight at the kill (Meta may have them: that is why they are "interrupted").
        const auto recipients = sim.log().recipients();
        qint64 acceptedInterrupted = 0;
        for (auto it = recipients.cbegin(); it != recipients.cend(); ++it) {
            QVERIFY2(it->accepted <= 1,
                     qPrintable(u"%1 accepted %2 times"_s.arg(it.key()).arg(it->accepted)));
            if (it->accepted == 1 && heldPhones.contains(u"+"_s + it.key())) {
                ++acceptedInterrupted;
            }
        }
        QCOMPARE(sim.log().totals().accepted, after.totalSent + acceptedInterrupted);
    }

    void ctrlCOrSigtermPausesGracefullyAndRecordsWhatWasInFlight()
    {
        HERALD_TEST_DB(tdb);
        SimulatorConfig sc;
        sc.latencyMs = 80;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        QByteArray output;
        QCOMPARE(runCli(*tdb, sim, {u"templates"_s, u"sync"_s}, &output), 0);
        // A ceiling of 300/s for the number: `run --rate` may only lower the stored one.
        AppSettings(tdb->db()).set(SettingKeys::RateCeiling, u"300"_s);
        Database &db = tdb->db();
        const QJsonObject settings{
            {u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s},
                                        {u"body.2"_s, u"A1"_s},
                                        {u"button.0"_s, u"A1"_s}}}};
        const Campaign c = CampaignStore(db, Clock::system())
                               .create({u"Interrupt"_s, u"order_update"_s, u"en_US"_s, {}, settings});
        QueueEngine(db, Clock::system()).enqueue(c.id, makeRecipients(2500));

        std::unique_ptr<QProcess> child(
            startCli(*tdb, sim, {u"run"_s, u"--campaign"_s, u"Interrupt"_s, u"--rate"_s, u"300"_s}));
        QVERIFY(child->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sim.log().totals().accepted >= 300, 60'000);
        child->terminate(); // SIGTERM, handled like Ctrl+C
        QVERIFY(child->waitForFinished(30'000));
        QCOMPARE(child->exitStatus(), QProcess::NormalExit);
        QCOMPARE(child->exitCode(), 10); // paused
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Paused);
        QCOMPARE(countWhere(db, u"status = 'processing'"_s), 0);
        QCOMPARE(countWhere(db, u"error_reason = 'interrupted'"_s), 0);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        QCOMPARE(sim.log().totals().accepted, after.totalSent); // every answer was recorded
    }
};

QTEST_GUILESS_MAIN(TestKillRecovery)
#include "test_killrecovery.moc"
