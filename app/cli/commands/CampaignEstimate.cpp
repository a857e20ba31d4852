#include "commands/CampaignEstimate.h"

#include "CliContext.h"
#include "Format.h"
#include "TextTable.h"
#include "pricing/CostEstimator.h"
#include "pricing/Money.h"
#include "queue/Campaign.h"

#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {
// The estimate's country names follow the user's language (and are stored with it); the table
// shows them in English from the code, as every table does.
QString tableCountryName(const QString &region)
{
    if (region == "001"_L1) {
        return u"non-geographic numbers"_s;
    }
    const QLocale::Territory t = QLocale::codeToTerritory(region);
    return t == QLocale::AnyTerritory ? u"unknown country"_s : QLocale::territoryToString(t);
}
} // namespace

ExitCode CampaignEstimate::run(CliContext &context, const Campaign &campaign, const QString &category,
                               bool remainingOnly)
{
    CostEstimator::Options options;
    options.category = category;
    options.remainingOnly = remainingOnly;
    const CostEstimator::Checked checked =
        CostEstimator(context.db(), context.clock()).refresh(campaign.id, options);
    const CostEstimate &e = checked.estimate;
    if (context.json()) {
        QJsonObject o = e.toJson();
        o.insert(u"campaign"_s, campaign.name);
        o.insert(u"warning"_s, Format::jsonText(checked.warning));
        if (checked.previous) {
            o.insert(u"previous"_s, checked.previous->toJson());
        }
        context.printJson(o);
        return ExitCode::Success;
    }
    QTextStream &out = context.out();
    out << tr("Cost estimate for \"%1\": %2 %3 (template %4, %5), made %6 UTC.")
               .arg(campaign.name, Format::number(e.recipients),
                    remainingOnly ? tr("recipients still to send") : tr("recipients"), e.templateName,
                    e.category, Format::tableTime(e.madeAt))
        << u'\n';
    out << tr("Rate card %1: %2.").arg(e.cardId).arg(e.cardLabel()) << u'\n';
    if (e.cardIsExample) {
        out << tr("This is Herald's example card: import Meta's current card for a real estimate "
                  "(herald-cli ratecard import FILE --effective DATE).")
            << u'\n';
    }
    if (!checked.warning.isEmpty()) {
        out << tr("Warning: %1").arg(checked.warning) << u'\n';
    }
    using A = TextTable::Align;
    TextTable markets({{u"Market"_s, A::Left},
                       {u"Recipients"_s, A::Right},
                       {u"Price"_s, A::Right},
                       {u"Total (%1)"_s.arg(e.currency), A::Right}});
    for (const CostEstimate::Market &m : e.markets) {
        markets.addRow({m.name, Format::number(m.recipients), Money::format(m.priceMicros),
                        Money::format(m.totalMicros)});
    }
    out << markets.render();
    TextTable countries({{u"Country"_s, A::Left},
                         {u"Market"_s, A::Left},
                         {u"Recipients"_s, A::Right},
                         {u"Total (%1)"_s.arg(e.currency), A::Right}});
    for (const CostEstimate::Country &c : e.countries) {
        countries.addRow({u"%1 %2"_s.arg(c.region, tableCountryName(c.region)), c.market,
                          Format::number(c.recipients),
                          c.unpricedReason.isEmpty() ? Money::format(c.totalMicros) : u"not priced"_s});
    }
    out << u'\n' << countries.render();
    out << u'\n' << tr("Total: %1 for %2 recipients.").arg(e.totalText(), Format::number(e.pricedRecipients))
        << u'\n';
    for (const CostEstimate::Country &c : e.countries) {
        if (!c.unpricedReason.isEmpty()) {
            out << tr("Not priced: %1 recipients in %2: %3.")
                       .arg(Format::number(c.recipients), c.region, c.unpricedReason)
                << u'\n';
        }
    }
    out << tr("Meta charges delivered messages only: this is the most these recipients cost at these prices.")
        << u'\n';
    return ExitCode::Success;
}

} // namespace herald::cli
