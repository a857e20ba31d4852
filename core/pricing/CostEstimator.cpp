#include "pricing/CostEstimator.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "pricing/Money.h"
#include "pricing/RateCardStore.h"
#include "pricing/RecipientCountries.h"
#include "queue/CampaignStore.h"
#include "templates/TemplateStore.h"

#include <QJsonDocument>
#include <QLocale>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QString countryName(const QString &region)
{
    if (region == "001"_L1) {
        return CostEstimator::tr("non-geographic numbers");
    }
    const QLocale::Territory t = QLocale::codeToTerritory(region);
    return t == QLocale::AnyTerritory ? CostEstimator::tr("unknown country") : QLocale::territoryToString(t);
}

} // namespace

CostEstimator::CostEstimator(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

CostEstimate CostEstimator::price(const QMap<QString, qint64> &recipientsByRegion, const RateCard &card,
                                  const QString &category)
{
    CostEstimate e;
    e.category = category;
    e.cardId = card.id;
    e.cardName = card.name;
    e.cardEffectiveDate = card.effectiveDate;
    e.cardIsExample = card.isExample;
    e.currency = card.currency;
    const QHash<QString, qsizetype> index = card.regionIndex();
    const qsizetype rest = card.restOfWorld();
    QMap<QString, CostEstimate::Market> markets;
    for (auto it = recipientsByRegion.cbegin(); it != recipientsByRegion.cend(); ++it) {
        CostEstimate::Country c;
        c.region = it.key();
        c.name = countryName(c.region);
        c.recipients = it.value();
        e.recipients += c.recipients;
        const qsizetype m = index.value(c.region, rest);
        if (m < 0) {
            c.unpricedReason =
                tr("the card has no market for %1 and no market for the rest of the world").arg(c.region);
        } else {
            const RateCardMarket &market = card.markets.at(m);
            c.market = market.name;
            if (const auto p = market.priceMicros.constFind(category); p != market.priceMicros.cend()) {
                c.priceMicros = *p;
                c.totalMicros = *p * c.recipients;
                e.pricedRecipients += c.recipients;
                e.totalMicros += c.totalMicros;
                CostEstimate::Market &line = markets[market.name];
                line.name = market.name;
                line.priceMicros = *p;
                line.recipients += c.recipients;
                line.totalMicros += c.totalMicros;
            } else {
                c.unpricedReason = tr("market \"%1\" has no %2 price").arg(market.name, category);
            }
        }
        e.countries.append(c);
    }
    e.markets = markets.values();
    std::stable_sort(e.markets.begin(), e.markets.end(), [](const auto &a, const auto &b) {
        return a.totalMicros != b.totalMicros ? a.totalMicros > b.totalMicros : a.recipients > b.recipients;
    });
    std::stable_sort(e.countries.begin(), e.countries.end(),
                     [](const auto &a, const auto &b) { return a.recipients > b.recipients; });
    return e;
}

CostEstimate CostEstimator::estimate(const QString &campaignId, const Options &options)
{
    const Campaign campaign = CampaignStore(m_db, m_clock).byId(campaignId);
    QString category = options.category.trimmed().toUpper();
    const bool fromTemplate = category.isEmpty();
    if (fromTemplate) {
        const auto tpl = TemplateStore(m_db, m_clock).find(campaign.templateName, campaign.templateLanguage);
        if (!tpl || tpl->category.isEmpty()) {
            throw DbError(DbError::Kind::Refused,
                          tr("The category of template %1 (%2) is not known: sync the templates first, or "
                             "give the category.")
                              .arg(campaign.templateName, campaign.templateLanguage));
        }
        category = tpl->category.toUpper();
    }
    RateCardStore cards(m_db, m_clock);
    RateCard card;
    if (options.cardId) {
        const std::optional<RateCard> c = cards.load(*options.cardId);
        if (!c) {
            throw DbError(DbError::Kind::NotFound, tr("There is no rate card %1.").arg(*options.cardId));
        }
        card = *c;
    } else {
        card = cards.current();
    }
    const QMap<QString, qint64> counts = RecipientCountries::count(
        m_db, campaign.id,
        options.remainingOnly ? RecipientCountries::Scope::Remaining : RecipientCountries::Scope::All);
    CostEstimate e = price(counts, card, category);
    e.campaignId = campaign.id;
    e.templateName = campaign.templateName;
    e.templateLanguage = campaign.templateLanguage;
    e.categoryFromTemplate = fromTemplate;
    e.remainingOnly = options.remainingOnly;
    e.madeAt = m_clock.now().toUTC();
    return e;
}

CostEstimate CostEstimator::estimateAndStore(const QString &campaignId, const Options &options)
{
    CostEstimate e = estimate(campaignId, options);
    store(e);
    return e;
}

void CostEstimator::store(const CostEstimate &e)
{
    const bool pg = m_db.isPostgres();
    const QString details = QString::fromUtf8(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact));
    m_db.run(u"INSERT INTO cost_estimates (campaign_id, card_id, category, made_at, currency, recipients, "
             "total_micros, details) VALUES ("_s +
                 (pg ? u"CAST(? AS uuid)"_s : u"?"_s) + u", ?, ?, ?, ?, ?, ?, "_s +
                 (pg ? u"CAST(? AS jsonb)"_s : u"?"_s) +
                 u") ON CONFLICT (campaign_id) DO UPDATE SET card_id = excluded.card_id, category = "
                 "excluded.category, made_at = excluded.made_at, currency = excluded.currency, recipients = "
                 "excluded.recipients, total_micros = excluded.total_micros, details = excluded.details"_s,
             {e.campaignId, e.cardId > 0 ? QVariant(e.cardId) : Database::nullInt(), e.category,
              m_db.timeValue(e.madeAt), e.currency, e.recipients, e.totalMicros, details});
}

std::optional<CostEstimate> CostEstimator::stored(const QString &campaignId) const
{
    const QString where = m_db.isPostgres() ? u"campaign_id = CAST(? AS uuid)"_s : u"campaign_id = ?"_s;
    QSqlQuery q = m_db.run(u"SELECT details, made_at FROM cost_estimates WHERE "_s + where, {campaignId});
    if (!q.next()) {
        return std::nullopt;
    }
    CostEstimate e = CostEstimate::fromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    e.madeAt = Database::readTime(q.value(1));
    return e;
}

CostEstimator::Checked CostEstimator::refresh(const QString &campaignId, const Options &options)
{
    Checked out;
    std::optional<CostEstimate> before = stored(campaignId);
    out.estimate = estimateAndStore(campaignId, options);
    out.reestimated = true;
    if (!before || !before->categoryFromTemplate || !out.estimate.categoryFromTemplate ||
        before->category == out.estimate.category) {
        return out;
    }
    const auto tpl =
        TemplateStore(m_db, m_clock).find(out.estimate.templateName, out.estimate.templateLanguage);
    const QString when = tpl && tpl->categoryChangedAt.isValid()
                             ? tpl->categoryChangedAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s)
                             : tr("a date Meta did not give");
    out.warning =
        tr("Meta changed the category of template %1 (%2) from %3 to %4 on %5, after the estimate of "
           "%6: re-estimated, %7 → %8.")
            .arg(out.estimate.templateName, out.estimate.templateLanguage, before->category,
                 out.estimate.category, when, before->madeAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s),
                 before->totalText(), out.estimate.totalText());
    out.previous = std::move(before);
    return out;
}

CostEstimator::Checked CostEstimator::checked(const QString &campaignId)
{
    const std::optional<CostEstimate> before = stored(campaignId);
    if (!before) {
        return refresh(campaignId);
    }
    if (before->categoryFromTemplate) {
        const Campaign campaign = CampaignStore(m_db, m_clock).byId(campaignId);
        const auto tpl = TemplateStore(m_db, m_clock).find(campaign.templateName, campaign.templateLanguage);
        const QString now = tpl ? tpl->category.toUpper() : QString();
        if (!now.isEmpty() && now != before->category) {
            Options options;
            options.remainingOnly = before->remainingOnly;
            return refresh(campaignId, options);
        }
    }
    Checked out;
    out.estimate = *before;
    return out;
}

} // namespace herald
