// What the herald-cli worker tests share: a simulator with its settings stored and the
// templates synced, workers started as real child processes, and readers of their --json output.
#pragma once

#include "../kill/KillHarness.h"
#include "../secrets/SecretSearch.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace herald::test {

using namespace Qt::StringLiterals;
constexpr std::chrono::seconds Lease{300};

inline qint64 count(Database &db, const QString &sql, const QVariantList &values = {})
{
    return db.scalar(sql, values).toLongLong();
}

inline CampaignStatus statusOf(Database &db, const QString &id)
{
    return CampaignStore(db, Clock::system()).byId(id).status;
}

inline Campaign runningCampaign(Database &db, const QString &name, int recipients, int firstNumber)
{
    const Campaign c = readyCampaign(db, name, recipients, firstNumber);
    return CampaignStore(db, Clock::system()).transition(c.id, CampaignStatus::Running);
}

// Messages the simulator accepted for the campaign's recipients.
inline int acceptedFor(Database &db, const CloudApiSimulator &sim, const QString &campaignId)
{
    const auto recipients = sim.log().recipients();
    int accepted = 0;
    for (const QString &key : recipientKeys(db, campaignId)) {
        accepted += recipients.value(key).accepted;
    }
    return accepted;
}

// The worker's --json lines of one event.
inline QList<QJsonObject> events(const QString &output, const QString &event)
{
    QList<QJsonObject> out;
    for (const QString &line : output.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(u"event"_s).toString() == event) {
            out << o;
        }
    }
    return out;
}

// A simulator, its settings stored, the templates synced: what every case starts from.
struct Setup
{
    QTemporaryDir home;
    QString token = uniqueToken();
    std::unique_ptr<CloudApiSimulator> sim;
    QString cli = QString::fromUtf8(HERALD_CLI_PATH);

    // `moreNumbers`: phone numbers of the account beside the simulator's default one.
    bool start(TestDatabase &tdb, int ceiling, int latencyMs, const QStringList &moreNumbers = {})
    {
        SimulatorConfig sc;
        sc.latencyMs = latencyMs;
        sc.extraPhoneNumberIds = moreNumbers;
        sc.accessToken = token;
        sim = std::make_unique<CloudApiSimulator>(sc);
        if (!home.isValid() || !sim->start()) {
            return false;
        }
        storeSimulatorSettings(tdb.db(), *sim, ceiling);
        Child sync(cli, {u"--db"_s, tdb.url(), u"templates"_s, u"sync"_s}, home.path(), token,
                   u"templates-sync.out"_s);
        return sync.start() && sync.finish(60'000) == 0;
    }

#ifdef HERALD_GUI_PATH
    // The herald program (offscreen): a console, which sends the running campaigns nobody holds.
    std::unique_ptr<Child> console(TestDatabase &tdb)
    {
        return std::make_unique<Child>(QString::fromUtf8(HERALD_GUI_PATH), QStringList{u"--db"_s, tdb.url()},
                                       home.path(), token, u"console.out"_s);
    }
#endif

    std::unique_ptr<Child> worker(TestDatabase &tdb, const QString &name, const QStringList &more = {})
    {
        QStringList args{u"--db"_s, tdb.url(), u"worker"_s, u"--json"_s, u"--name"_s, name};
        args += more;
        return std::make_unique<Child>(cli, args, home.path(), token, name + u".out"_s);
    }
};
} // namespace herald::test
