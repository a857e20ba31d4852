#pragma once

#include "pricing/CostEstimate.h"
#include "pricing/RateCard.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace herald {

class Clock;
class Database;

struct CostEstimateOptions
{
    QString category;             // empty: the template's category from the catalogue
    bool remainingOnly = false;   // count only rows still to send (ready, processing)
    std::optional<qint64> cardId; // unset: RateCardStore::current()
};

// Makes, stores and checks a campaign's cost estimate. Every call reads or writes the
// database: run it on a data thread, never the GUI's.
class CostEstimator
{
    Q_DECLARE_TR_FUNCTIONS(CostEstimator)

public:
    using Options = CostEstimateOptions;

    // The stored estimate as it stands, or redone.
    struct Checked
    {
        CostEstimate estimate;
        bool reestimated = false; // made now: there was none, or the category changed
        // Set when the template's category changed since the stored estimate: what changed,
        // when, and the total before and after. Empty otherwise.
        QString warning;
        std::optional<CostEstimate> previous; // the stored estimate that was replaced
    };

    CostEstimator(Database &db, const Clock &clock);

    // Counts and prices now; stores nothing. Throws DbError NotFound for an unknown campaign
    // or card, Refused when the category is unknown (template not synced and none given).
    CostEstimate estimate(const QString &campaignId, const Options &options = {});
    // Prices given counts (region → recipients) with a card: the pure part, for tests and
    // previews before anything is imported.
    static CostEstimate price(const QMap<QString, qint64> &recipientsByRegion, const RateCard &card,
                              const QString &category);

    // estimate() and stores it as the campaign's estimate (replacing the previous one).
    CostEstimate estimateAndStore(const QString &campaignId, const Options &options = {});
    std::optional<CostEstimate> stored(const QString &campaignId) const;
    // A new estimate, stored; with the warning when the template's category is no longer the
    // one of the estimate it replaces.
    Checked refresh(const QString &campaignId, const Options &options = {});
    // The stored estimate; when there is none, or its category is no longer the template's
    // (Meta re-categorised it), a new one is made and stored, with a warning in the second case.
    Checked checked(const QString &campaignId);

private:
    void store(const CostEstimate &estimate);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
