#include "settings/PhoneNumberStore.h"

#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "settings/SettingKeys.h"

#include <QSqlQuery>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

constexpr double kMaxCeiling = 1000; // the range api.rate_ceiling allows

// Labels are NOT NULL: an empty one is stored as '' (a null QString would bind NULL).
QVariant labelValue(const QString &label)
{
    return label.isNull() ? QVariant(u""_s) : QVariant(label);
}

PhoneNumber fromRow(const QSqlQuery &q)
{
    PhoneNumber n;
    n.id = q.value(0).toString();
    n.label = q.value(1).toString();
    n.ceiling = q.value(2).toDouble();
    n.addedAt = Database::readTime(q.value(3));
    return n;
}

} // namespace

PhoneNumberStore::PhoneNumberStore(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString PhoneNumberStore::idProblem(const QString &id)
{
    const bool digits = !id.isEmpty() && id.size() <= 32 &&
                        std::all_of(id.cbegin(), id.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    return digits
               ? QString()
               : tr("\"%1\" is not a phone number ID: use the numeric ID shown in Meta's WhatsApp Manager, "
                    "not the phone number itself.")
                     .arg(id.left(40));
}

QString PhoneNumberStore::ceilingProblem(double ceiling)
{
    if (std::isfinite(ceiling) && ceiling >= 1 && ceiling <= kMaxCeiling && std::floor(ceiling) == ceiling) {
        return {};
    }
    return tr("A number's ceiling must be a whole number of messages per second from 1 to %1 (Meta: 80, up "
              "to 1,000 for upgraded numbers).")
        .arg(kMaxCeiling);
}

bool PhoneNumberStore::add(const QString &id, std::optional<double> ceiling, std::optional<QString> label)
{
    if (const QString why = idProblem(id); !why.isEmpty()) {
        throw DbError(DbError::Kind::Refused, why);
    }
    if (ceiling) {
        if (const QString why = ceilingProblem(*ceiling); !why.isEmpty()) {
            throw DbError(DbError::Kind::Refused, why);
        }
    }
    if (label && label->size() > 200) {
        throw DbError(DbError::Kind::Refused, tr("A number's label may have 200 characters at most."));
    }
    Transaction tx(m_db);
    const std::optional<PhoneNumber> old = find(id);
    if (old) {
        m_db.run(u"UPDATE phone_numbers SET rate_ceiling = ?, label = ? WHERE id = ?"_s,
                 {ceiling.value_or(old->ceiling), labelValue(label.value_or(old->label)), id});
    } else {
        const double fallback = SettingKeys::rateCeiling(AppSettings(m_db));
        m_db.run(u"INSERT INTO phone_numbers (id, label, rate_ceiling, added_at) VALUES (?, ?, ?, ?)"_s,
                 {id, labelValue(label.value_or(QString())), ceiling.value_or(fallback),
                  m_db.timeValue(m_clock.now())});
    }
    tx.commit();
    return !old;
}

bool PhoneNumberStore::remove(const QString &id)
{
    Transaction tx(m_db);
    // The campaigns that send from it: their own number, or none when it is the default one.
    const QString defaultId = AppSettings(m_db).value(SettingKeys::PhoneNumberId, QString());
    QStringList users;
    {
        QSqlQuery q =
            m_db.run(u"SELECT name FROM campaigns WHERE status IN ('scheduled', 'running', 'paused', "
                     "'stopped') AND (phone_number_id = ? OR (phone_number_id IS NULL AND ? = ?)) "
                     "ORDER BY name"_s,
                     {id, defaultId, id});
        while (q.next()) {
            users << q.value(0).toString();
        }
    }
    if (!users.isEmpty()) {
        throw DbError(DbError::Kind::Refused,
                      tr("%1 sends campaigns that are not finished: %2. Finish or cancel them first.")
                          .arg(id, users.join(u", "_s)));
    }
    QSqlQuery q = m_db.run(u"DELETE FROM phone_numbers WHERE id = ?"_s, {id});
    const bool removed = q.numRowsAffected() > 0;
    tx.commit();
    return removed;
}

std::optional<PhoneNumber> PhoneNumberStore::find(const QString &id) const
{
    QSqlQuery q =
        m_db.run(u"SELECT id, label, rate_ceiling, added_at FROM phone_numbers WHERE id = ?"_s, {id});
    if (!q.next()) {
        return std::nullopt;
    }
    return fromRow(q);
}

QList<PhoneNumber> PhoneNumberStore::list() const
{
    QList<PhoneNumber> out;
    QSqlQuery q = m_db.run(u"SELECT id, label, rate_ceiling, added_at FROM phone_numbers ORDER BY id"_s);
    while (q.next()) {
        out << fromRow(q);
    }
    return out;
}

PhoneNumberStore::Ceiling PhoneNumberStore::ceilingFor(const QString &id, QString *problem) const
{
    if (const std::optional<PhoneNumber> n = id.isEmpty() ? std::nullopt : find(id)) {
        return {n->ceiling, u"numbers add --ceiling"_s};
    }
    return {SettingKeys::rateCeiling(AppSettings(m_db), problem), SettingKeys::RateCeiling};
}

} // namespace herald
