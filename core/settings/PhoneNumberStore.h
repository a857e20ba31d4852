#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace herald {

class Clock;
class Database;

// One of the account's phone numbers, as `numbers add` stored it.
struct PhoneNumber
{
    QString id;         // Meta's phone number ID (digits), not the number itself
    QString label;      // the user's name for it; may be empty
    double ceiling = 0; // messages per second at most, for each process sending from it
    QDateTime addedAt;
};

// The account's phone numbers and their ceilings, stored with the data (table phone_numbers)
// so that every console, `herald-cli run` and worker on the database uses the same ones. The
// one place that answers "how fast may Herald send from this number": its own ceiling when it
// is listed, api.rate_ceiling otherwise (the single-number default). Each sending process keeps
// to it on its own: several processes sending from one number at once do not share it yet.
class PhoneNumberStore
{
    Q_DECLARE_TR_FUNCTIONS(PhoneNumberStore)

public:
    PhoneNumberStore(Database &db, const Clock &clock);

    // Why `id` cannot be a phone number ID, or empty when it can.
    static QString idProblem(const QString &id);
    // Why `ceiling` cannot be a number's ceiling (the range api.rate_ceiling allows), or empty.
    static QString ceilingProblem(double ceiling);

    // Adds the number, or changes its ceiling and label when listed; true when it was new. An
    // unset ceiling keeps a listed number's own, and gives a new one api.rate_ceiling; an
    // unset label keeps the listed one. Throws DbError (Refused) for a bad ID or ceiling.
    bool add(const QString &id, std::optional<double> ceiling = std::nullopt,
             std::optional<QString> label = std::nullopt);
    // Removes the number; false when it was not listed. Refused while a campaign that is not
    // finished sends from it (the message names the campaigns).
    bool remove(const QString &id);

    std::optional<PhoneNumber> find(const QString &id) const;
    QList<PhoneNumber> list() const; // by ID

    // The ceiling for sending from `id`, and where it comes from (for messages): the number's
    // own, or api.rate_ceiling. `problem` receives a stored value's problem, if any.
    struct Ceiling
    {
        double perSecond = 0;
        QString source; // "numbers add --ceiling" or "api.rate_ceiling"
    };
    Ceiling ceilingFor(const QString &id, QString *problem = nullptr) const;

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
