#include "sender/SendPlanner.h"

#include "db/AppSettings.h"
#include "db/Database.h"
#include "queue/Campaign.h"
#include "queue/NumberPool.h"
#include "settings/NumberHealthStore.h"
#include "settings/PhoneNumberStore.h"
#include "settings/SettingKeys.h"
#include "templates/CampaignReadiness.h"

using namespace Qt::StringLiterals;

namespace herald {

SendPlanner::SendPlanner(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

void SendPlanner::planPool(const Campaign &campaign, const QList<PoolNumber> &pool, double rate,
                           SendPlan &plan) const
{
    const PhoneNumberStore numbers(m_db, m_clock);
    const NumberHealthStore health(m_db, m_clock);
    double total = 0;
    for (const PoolNumber &n : pool) {
        if (!n.active) {
            plan.config.poolOut << n.id;
            continue;
        }
        QString problem;
        const PhoneNumberStore::Ceiling ceiling = numbers.ceilingFor(n.id, &problem);
        if (rate > ceiling.perSecond) {
            plan.refusals << aboveCeiling(rate, n.id, ceiling);
        }
        const double r = rate > 0 ? std::min(rate, ceiling.perSecond) : ceiling.perSecond;
        plan.config.pool << SenderConfig::PoolNumber{n.id, r};
        total += r;
        plan.warnings << health.warnings(campaign, n.id);
    }
    if (plan.config.pool.isEmpty()) {
        plan.refusals
            << tr("Every phone number of the campaign's pool was taken out: %1. Nothing can be sent "
                  "until a number is back in it.")
                   .arg(NumberPool::describeOut(pool));
        return;
    }
    if (!plan.config.poolOut.isEmpty()) {
        plan.warnings
            << tr("Taken out of the campaign's pool: %1. Their recipients wait until you move them to "
                  "the other numbers (herald-cli campaign reassign).")
                   .arg(NumberPool::describeOut(pool));
    }
    // The campaign's own rate is over all its numbers.
    const double campaignRate = campaign.settings.value(u"rate"_s).toDouble();
    plan.config.campaignRate = campaignRate > 0 && campaignRate < total ? campaignRate : 0;
    plan.config.api.setPhoneNumberId(plan.config.pool.first().id);
    plan.config.rate = plan.config.pool.first().rate;
    plan.warnings.removeDuplicates(); // the portfolio's messaging limit is the same for every number
}

QString SendPlanner::phoneNumberOf(const Campaign &campaign, const ApiSettings &api)
{
    return campaign.phoneNumberId.isEmpty() ? api.phoneNumberId() : campaign.phoneNumberId;
}

QString SendPlanner::aboveCeiling(double rate, const QString &phoneNumberId,
                                  const PhoneNumberStore::Ceiling &ceiling)
{
    return tr("%1 messages per second is above the ceiling of %2 for phone number %3 (%4); a run may only "
              "lower it.")
        .arg(rate)
        .arg(ceiling.perSecond)
        .arg(phoneNumberId)
        .arg(ceiling.source);
}

SendPlan SendPlanner::plan(const Campaign &campaign, ApiSettings api, double rate) const
{
    SendPlan plan;
    const AppSettings stored(m_db);
    // A pool's numbers are planned each on its own (planPool), the ones out of it not at all:
    // the campaign's first number may be one of those.
    const QList<PoolNumber> pool = NumberPool(m_db, m_clock).of(campaign.id);
    api.setPhoneNumberId(phoneNumberOf(campaign, api));
    QString problem;
    const PhoneNumberStore::Ceiling ceilingOf =
        PhoneNumberStore(m_db, m_clock).ceilingFor(api.phoneNumberId(), &problem);
    const double ceiling = ceilingOf.perSecond;
    const int concurrency = SettingKeys::concurrency(stored, &problem);
    if (!problem.isEmpty()) {
        plan.warnings << problem;
    }
    if (pool.isEmpty() && rate > ceiling) {
        plan.refusals << aboveCeiling(rate, api.phoneNumberId(), ceilingOf);
    }
    const double campaignRate = campaign.settings.value(u"rate"_s).toDouble();
    if (const QString why = api.validate(); !why.isEmpty()) {
        plan.refusals << why;
    }

    if (pool.isEmpty()) {
        plan.warnings << NumberHealthStore(m_db, m_clock).warnings(campaign, api.phoneNumberId());
    }
    const ReadinessReport readiness = CampaignReadiness(m_db, m_clock).check(campaign);
    plan.warnings << readiness.warnings;
    plan.refusals << readiness.refusals;

    SenderConfig &cfg = plan.config;
    cfg.database = m_db.config();
    cfg.campaignId = campaign.id;
    cfg.api = api;
    cfg.templateName = campaign.templateName;
    cfg.templateLanguage = campaign.templateLanguage;
    cfg.templateSlots = readiness.templateSlots;
    cfg.defaultParameters = readiness.defaults;
    cfg.rate = rate > 0 ? std::min(rate, ceiling) : ceiling;
    cfg.campaignRate = campaignRate > 0 && campaignRate < cfg.rate ? campaignRate : 0;
    if (!pool.isEmpty()) {
        planPool(campaign, pool, rate, plan);
    }
    cfg.concurrency = concurrency;
    cfg.retryNoResponse =
        SettingKeys::retryNoResponse(stored) || campaign.settings.value(u"retry_no_response"_s).toBool();
    return plan;
}

} // namespace herald
