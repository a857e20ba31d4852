#include "data/NumberHealthRunner.h"

#include "data/DatabaseTask.h"
#include "db/DbError.h"
#include "queue/CampaignStore.h"
#include "sender/SendPlanner.h"
#include "settings/NumberHealthStore.h"

using namespace Qt::StringLiterals;

namespace herald::ui {

int NumberHealthRun::unread() const
{
    return int(
        std::count_if(results.cbegin(), results.cend(), [](const NumberHealth &h) { return !h.ok(); }));
}

namespace {

// What lives on the check's thread: its connection and the check.
class NumberHealthTask : public DatabaseTask<NumberHealthRunner, NumberHealthRunner::Request>
{
public:
    using DatabaseTask::DatabaseTask;

    ~NumberHealthTask() override
    {
        delete m_check; // before the connection
    }

    void run() override
    {
        ApiSettings api;
        QStringList ids;
        try {
            api = openAndReadApi(u"number-health"_s);
            if (!request().campaignId.isEmpty()) {
                ids << SendPlanner::phoneNumberOf(CampaignStore(db(), clock()).byId(request().campaignId),
                                                  api);
                ids.removeAll(QString());
            } else {
                ids = request().phoneNumberIds.isEmpty()
                          ? NumberHealthStore(db(), clock()).configuredNumbers()
                          : request().phoneNumberIds;
            }
        } catch (const DbError &e) {
            fail(NumberHealthRunner::tr("The phone numbers cannot be read from the database: %1")
                     .arg(e.message()));
            return;
        }
        if (ids.isEmpty()) {
            fail(NumberHealthRunner::tr("No phone number is set. Add one under Settings ▸ Phone numbers, or "
                                        "enter the phone number ID on its Cloud API tab."));
            return;
        }
        if (!api.hasAccessToken()) {
            fail(NumberHealthRunner::tr("No access token is set. Enter it in Settings (File ▸ Settings…) and "
                                        "check again."));
            return;
        }
        if (request().timeout.count() > 0) {
            api.setRequestTimeout(std::min(api.requestTimeout(), request().timeout));
        }
        m_check = new NumberHealthCheck(api);
        QObject::connect(m_check, &NumberHealthCheck::finished, this,
                         [this](const QList<NumberHealth> &results) { store(results); });
        m_check->start(ids);
    }

    void cancel() override
    {
        if (m_check && m_check->isRunning()) {
            delete std::exchange(m_check, nullptr); // aborts the request in flight
            fail(NumberHealthRunner::tr("The health check was cancelled; nothing was stored."));
        }
    }

private:
    void store(const QList<NumberHealth> &results)
    {
        NumberHealthRun run;
        run.results = results;
        try {
            NumberHealthStore(db(), clock()).save(results);
        } catch (const DbError &e) {
            run.error = NumberHealthRunner::tr("Meta answered, but the answers cannot be stored: %1")
                            .arg(e.message());
        }
        finish(run);
    }

    void fail(const QString &message)
    {
        NumberHealthRun run;
        run.error = message;
        finish(run);
    }

    void finish(const NumberHealthRun &run)
    {
        report([run](NumberHealthRunner *r) { Q_EMIT r->finished(run); });
    }

    NumberHealthCheck *m_check = nullptr;
};

} // namespace

NumberHealthRunner::NumberHealthRunner(const DatabaseConfig &config, const Clock &clock, QObject *parent)
    : ThreadTaskRunner(u"herald-number-health"_s, parent)
    , m_config(config)
    , m_clock(clock)
{
    qRegisterMetaType<herald::ui::NumberHealthRun>();
    // Connected before any user of the signal: the thread is joined before they hear of it.
    connect(this, &NumberHealthRunner::finished, this, [this] { stopThread(); });
}

bool NumberHealthRunner::start(const Request &request)
{
    return startTask(new NumberHealthTask(m_config, m_clock, request, this));
}

} // namespace herald::ui
