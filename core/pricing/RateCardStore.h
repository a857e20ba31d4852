#pragma once

#include "pricing/RateCard.h"
#include "pricing/RateCardCsv.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace herald {

class Clock;
class Database;

// Rate cards in the database. Cards are kept when a newer one is imported: a stored estimate
// names the card it used, and a card announced for a later date can be imported ahead.
class RateCardStore
{
    Q_DECLARE_TR_FUNCTIONS(RateCardStore)

public:
    RateCardStore(Database &db, const Clock &clock);

    // Reads a CSV card (RateCardCsv) and stores it; a file with any problem stores nothing
    // and the result names file, line and reason. `card` is set, with its id, when stored.
    RateCardCsv::Result importFile(const QString &path, const QString &name, const QDate &effectiveDate);

    // Stores a card (markets, countries, prices) in one transaction of its own; returns its id.
    qint64 save(RateCard card);
    // With markets; nullopt when there is no such card.
    std::optional<RateCard> load(qint64 id) const;
    // Every card without its markets, newest import first.
    QList<RateCard> list() const;
    // Removes a card (its estimates keep their figures and lose the link). False when absent.
    bool remove(qint64 id);

    // The card estimates use: of the imported cards the one in effect today (the latest
    // effective date not after today; one announced for later only when none is in effect
    // yet), else Herald's example card, which this installs on first use.
    RateCard current();
    // Installs the example card (resources/ratecards/example_rate_card.csv) unless it is
    // stored; returns its id.
    qint64 ensureExample();

    static QString exampleResourcePath();
    static QString exampleName();
    static QDate exampleEffectiveDate();

private:
    QVariant dateValue(const QDate &date) const;

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
