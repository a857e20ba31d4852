#include "sender/SendPlanner.h"

#include "db/AppSettings.h"
#include "db/Database.h"
#include "queue/Campaign.h"
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

QString SendPlanner::phoneNumberOf(const Campaign &campaign, const ApiSettings &api)
{
    return campaign.phoneNumberId.isEmpty() ? api.phoneNumberId() : campaign.phoneNumberId;
}

SendPlan SendPlanner::plan(const Campaign &campaign, ApiSettings api, double rate) const
{
    SendPlan plan;
    const AppSettings stored(m_db);
    api.setPhoneNumberId(phoneNumberOf(campaign, api));
    QString problem;
    const PhoneNumberStore::Ceiling ceilingOf =
        PhoneNumberStore(m_db, m_clock).ceilingFor(api.phoneNumberId(), &problem);
    const double ceiling = ceilingOf.perSecond;
    const int concurrency = SettingKeys::concurrency(stored, &problem);
    if (!problem.isEmpty()) {
        plan.warnings << problem;
    }
    if (rate > ceiling) {
        plan.refusals << tr("%1 messages per second is above the phone number's ceiling of %2 (%3); a "
                            "run may only lower it.")
                             .arg(rate)
                             .arg(ceiling)
                             .arg(ceilingOf.source);
    }
    const double campaignRate = campaign.settings.value(u"rate"_s).toDouble();
    if (const QString why = api.validate(); !why.isEmpty()) {
        plan.refusals << why;
    }

    plan.warnings << NumberHealthStore(m_db, m_clock).warnings(campaign, api.phoneNumberId());
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
    cfg.concurrency = concurrency;
    cfg.retryNoResponse =
        SettingKeys::retryNoResponse(stored) || campaign.settings.value(u"retry_no_response"_s).toBool();
    return plan;
}

} // namespace herald
