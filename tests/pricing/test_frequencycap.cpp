#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "import/ContactImporter.h"
#include "import/FrequencyCap.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

const QDateTime kNow(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

// Numbers of an earlier campaign and what happened to them.
const QString kSent2DaysAgo = u"+4915112345671"_s;
const QString kSent6Days23HoursAgo = u"+4915112345672"_s;
const QString kSent8DaysAgo = u"+4915112345673"_s;
const QString kFailedYesterday = u"+4915112345674"_s;
const QString kStillReady = u"+4915112345675"_s;
const QString kNeverMessaged = u"+4915112345676"_s;

QString createCampaign(Database &db, const Clock &clock, const QString &name)
{
    return CampaignStore(db, clock).create({name, u"t"_s, u"en"_s, {}, {}}).id;
}

void enqueue(Database &db, const Clock &clock, const QString &campaign, const QStringList &phones)
{
    QList<Recipient> list;
    for (const QString &p : phones) {
        Recipient r;
        r.phone = p;
        list << r;
    }
    QueueEngine(db, clock).enqueue(campaign, list);
}

void mark(Database &db, const QString &campaign, const QString &phone, const QString &status,
          const QDateTime &at)
{
    const QString column = status == "sent"_L1 ? u"sent_at"_s : u"failed_at"_s;
    const QString where = db.isPostgres() ? u"campaign_id = CAST(? AS uuid) AND phone = ?"_s
                                          : u"campaign_id = ? AND phone = ?"_s;
    db.run(u"UPDATE send_queue SET status = ?, "_s + column + u" = ? WHERE "_s + where,
           {status, db.timeValue(at), campaign, phone});
}

// An earlier campaign that messaged some of the numbers; returns its id.
QString history(Database &db, const Clock &clock)
{
    const QString earlier = createCampaign(db, clock, u"Earlier"_s);
    enqueue(db, clock, earlier,
            {kSent2DaysAgo, kSent6Days23HoursAgo, kSent8DaysAgo, kFailedYesterday, kStillReady});
    mark(db, earlier, kSent2DaysAgo, u"sent"_s, kNow.addDays(-2));
    mark(db, earlier, kSent6Days23HoursAgo, u"sent"_s, kNow.addDays(-7).addSecs(3600));
    mark(db, earlier, kSent8DaysAgo, u"sent"_s, kNow.addDays(-8));
    mark(db, earlier, kFailedYesterday, u"failed"_s, kNow.addDays(-1));
    return earlier;
}

QString writeContacts(const QTemporaryDir &dir, const QStringList &phones)
{
    const QString path = dir.filePath(u"contacts.csv"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return {};
    }
    f.write("phone,name\n");
    int i = 0;
    for (const QString &p : phones) {
        f.write(p.toUtf8() + ",Contact " + QByteArray::number(++i) + '\n');
    }
    return path;
}

QStringList queued(Database &db, const QString &campaign)
{
    const QString where = db.isPostgres() ? u"campaign_id = CAST(? AS uuid)"_s : u"campaign_id = ?"_s;
    QSqlQuery q = db.run(u"SELECT phone FROM send_queue WHERE "_s + where + u" ORDER BY phone"_s, {campaign});
    QStringList out;
    while (q.next()) {
        out << q.value(0).toString();
    }
    return out;
}

} // namespace

class TestFrequencyCap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void onlyNumbersSentInTheWindowByAnotherCampaignAreRecent()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock(kNow);
        const QString earlier = history(tdb->db(), clock);
        FrequencyCap cap(tdb->db());
        const QDateTime since = FrequencyCap::windowStart(clock, 7);
        QCOMPARE(since, kNow.addDays(-7));
        const QSet<quint64> recent = cap.recentlyMessaged(since, u"00000000-0000-0000-0000-000000000000"_s);
        QCOMPARE(recent,
                 (QSet<quint64>{FrequencyCap::key(kSent2DaysAgo), FrequencyCap::key(kSent6Days23HoursAgo)}));
        QCOMPARE(cap.countRecentlyMessaged(since, {}), 2);
        // The campaign's own messages are not "another campaign's".
        QVERIFY(cap.recentlyMessaged(since, earlier).isEmpty());
        QCOMPARE(cap.recentlyMessaged(FrequencyCap::windowStart(clock, 30), {}).size(), 3);
    }

    void theImportLeavesOutExactlyTheRecentlyMessagedAndCountsThem()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock(kNow);
        history(tdb->db(), clock);
        const QString draft = createCampaign(tdb->db(), clock, u"Draft"_s);
        QTemporaryDir dir;
        const QString path = writeContacts(dir, {kSent2DaysAgo, kSent6Days23HoursAgo, kSent8DaysAgo,
                                                 kFailedYesterday, kStillReady, kNeverMessaged,
                                                 kSent2DaysAgo /* again: a duplicate in the file */});
        ImportOptions options;
        options.campaignId = draft;
        options.skipRecentDays = 7;
        options.rejectsPath = dir.filePath(u"rejects.csv"_s);
        const ImportSummary s = ContactImporter(tdb->db(), clock).run(path, options);
        QCOMPARE(s.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(s.rowsRead, 7);
        QCOMPARE(s.recentlyMessaged, 2);
        QCOMPARE(s.duplicatesInFile, 1);
        QCOMPARE(s.imported, 4);
        QCOMPARE(s.skipRecentDays, 7);
        QCOMPARE(queued(tdb->db(), draft),
                 (QStringList{kSent8DaysAgo, kFailedYesterday, kStillReady, kNeverMessaged}));
        // Shown like the other exclusions: counted in JSON and the summary, listed by line.
        QCOMPARE(s.toJson().value(u"recently_messaged"_s).toInteger(), 2);
        QVERIFY(s.describe().join(u'\n').contains(u"left out: 2"_s));
        QStringList lines;
        for (const ImportRejectedRow &r : s.notImported) {
            if (r.reason == "recently_messaged"_L1) {
                lines << QString::number(r.line);
            }
        }
        QCOMPARE(lines, (QStringList{u"2"_s, u"3"_s}));
        QFile rejects(s.rejectsFile);
        QVERIFY(rejects.open(QIODevice::ReadOnly));
        QCOMPARE(rejects.readAll().count("recently_messaged"), 2);
    }

    void withoutTheCapEveryoneIsImported()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock(kNow);
        history(tdb->db(), clock);
        const QString draft = createCampaign(tdb->db(), clock, u"Draft"_s);
        QTemporaryDir dir;
        const QString path = writeContacts(dir, {kSent2DaysAgo, kSent6Days23HoursAgo, kNeverMessaged});
        ImportOptions options;
        options.campaignId = draft;
        options.writeRejects = false;
        const ImportSummary s = ContactImporter(tdb->db(), clock).run(path, options);
        QCOMPARE(s.imported, 3);
        QCOMPARE(s.recentlyMessaged, 0);
        QVERIFY(!s.describe().join(u'\n').contains(u"left out"_s));
    }

    void numbersAlreadyInTheCampaignStayDuplicatesNotRecent()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock(kNow);
        const QString earlier = history(tdb->db(), clock);
        QTemporaryDir dir;
        const QString path = writeContacts(dir, {kSent2DaysAgo, kNeverMessaged});
        ImportOptions options;
        options.campaignId = earlier;
        options.skipRecentDays = 7;
        options.writeRejects = false;
        const ImportSummary s = ContactImporter(tdb->db(), clock).run(path, options);
        QCOMPARE(s.recentlyMessaged, 0);
        QCOMPARE(s.duplicatesInCampaign, 1);
        QCOMPARE(s.imported, 1);
    }
};

QTEST_GUILESS_MAIN(TestFrequencyCap)
#include "test_frequencycap.moc"
