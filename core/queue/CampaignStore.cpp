#include "queue/CampaignStore.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "queue/NumberPool.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("CampaignStore", text);
}

const QString kColumns =
    u"c.id, c.name, c.template_name, c.template_language, c.phone_number_id, c.status, c.status_reason, "
    "c.total_contacts, c.total_sent, c.total_failed, c.settings, c.created_at, c.scheduled_at, c.start_time, "
    "c.end_time, c.updated_at, "
    "(SELECT count(*) FROM send_queue q WHERE q.campaign_id = c.id AND q.status IN ('ready', 'processing')), "
    "c.total_delivered, c.total_read, c.total_failed_after_send"_s;

Campaign readCampaign(const QSqlQuery &q)
{
    Campaign c;
    c.id = q.value(0).toString();
    c.name = q.value(1).toString();
    c.templateName = q.value(2).toString();
    c.templateLanguage = q.value(3).toString();
    c.phoneNumberId = q.value(4).toString();
    c.status = CampaignStatusMachine::fromString(q.value(5).toString()).value_or(CampaignStatus::Draft);
    c.statusReason = q.value(6).toString();
    c.totalContacts = q.value(7).toLongLong();
    c.totalSent = q.value(8).toLongLong();
    c.totalFailed = q.value(9).toLongLong();
    c.settings = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
    c.createdAt = Database::readTime(q.value(11));
    c.scheduledAt = Database::readTime(q.value(12));
    c.startTime = Database::readTime(q.value(13));
    c.endTime = Database::readTime(q.value(14));
    c.updatedAt = Database::readTime(q.value(15));
    c.pending = q.value(16).toLongLong();
    c.totalDelivered = q.value(17).toLongLong();
    c.totalRead = q.value(18).toLongLong();
    c.totalFailedAfterSend = q.value(19).toLongLong();
    return c;
}
} // namespace

CampaignStore::CampaignStore(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString CampaignStore::nameProblem(const QString &name)
{
    if (name.isEmpty()) {
        return tr("A campaign needs a name.");
    }
    qsizetype characters = 0;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        ++characters;
        if (c.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate()) {
            return tr("A campaign name must be valid Unicode text; this one contains a broken character "
                      "(an unpaired UTF-16 surrogate).");
        }
        if (c.unicode() == 0) {
            return tr("A campaign name cannot contain a NUL character (U+0000).");
        }
        if (c.category() == QChar::Other_Control) {
            const QString code = u"U+"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0').toUpper();
            return tr("A campaign name cannot contain control characters such as line breaks or tabs "
                      "(found %1).")
                .arg(code);
        }
        if (c == QChar::ReplacementCharacter) {
            return tr("A campaign name cannot contain U+FFFD (\uFFFD): it stands for bytes that were not "
                      "valid UTF-8, so the name was not what was typed. Type it again in UTF-8.");
        }
    }
    if (characters > kMaxNameLength) {
        const QString limit = QString::number(kMaxNameLength);
        const QString have = QString::number(characters);
        return tr("A campaign name can have at most %1 characters; this one has %2.").arg(limit, have);
    }
    return {};
}

Campaign CampaignStore::create(const NewCampaign &spec, const QStringList &numbers)
{
    const QString name = spec.name.trimmed();
    if (const QString problem = nameProblem(name); !problem.isEmpty()) {
        throw DbError(DbError::Kind::Refused, problem);
    }
    if (spec.templateName.trimmed().isEmpty() || spec.templateLanguage.trimmed().isEmpty()) {
        throw DbError(DbError::Kind::Refused,
                      tr("A campaign needs a template name and a language code (for example en_US)."));
    }
    if (!numbers.isEmpty()) {
        if (!spec.phoneNumberId.isEmpty()) {
            throw DbError(DbError::Kind::Refused,
                          tr("A campaign sends from one phone number or from a pool, not both."));
        }
        if (const QString why = NumberPool::idsProblem(numbers); !why.isEmpty()) {
            throw DbError(DbError::Kind::Refused, why);
        }
    }
    Transaction tx(m_db);
    if (findByName(name)) {
        throw DbError(DbError::Kind::Refused, tr("A campaign named \"%1\" already exists.").arg(name));
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QVariant now = m_db.timeValue(m_clock.now());
    m_db.run(u"INSERT INTO campaigns (id, name, template_name, template_language, phone_number_id, status, "
             "settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?)"_s,
             {id, name, spec.templateName.trimmed(), spec.templateLanguage.trimmed(),
              Database::textOrNull(spec.phoneNumberId),
              QString::fromUtf8(QJsonDocument(spec.settings).toJson(QJsonDocument::Compact)), now, now});
    if (!numbers.isEmpty()) {
        NumberPool(m_db, m_clock).setWithin(id, numbers); // with the campaign, or not at all
    }
    tx.commit();
    return byId(id);
}

QList<Campaign> CampaignStore::select(const QString &where, const QVariantList &values) const
{
    QSqlQuery q = m_db.run(u"SELECT "_s + kColumns + u" FROM campaigns c "_s + where, values);
    QList<Campaign> out;
    while (q.next()) {
        out << readCampaign(q);
    }
    return out;
}

std::optional<Campaign> CampaignStore::findByName(const QString &name) const
{
    const auto list = select(u"WHERE c.name = ?"_s, {name});
    return list.isEmpty() ? std::nullopt : std::optional<Campaign>(list.first());
}

std::optional<Campaign> CampaignStore::findById(const QString &id) const
{
    if (QUuid::fromString(id).isNull()) {
        return std::nullopt;
    }
    const auto list = select(u"WHERE c.id = ?"_s, {id});
    return list.isEmpty() ? std::nullopt : std::optional<Campaign>(list.first());
}

Campaign CampaignStore::byName(const QString &name) const
{
    if (auto c = findByName(name)) {
        return *c;
    }
    throw DbError(DbError::Kind::NotFound, tr("There is no campaign named \"%1\".").arg(name));
}

void CampaignStore::lockForAdding(const QString &id)
{
    if (m_db.isPostgres()) {
        m_db.run(u"SELECT id FROM campaigns WHERE id = ? FOR UPDATE"_s, {id});
    }
}

Campaign CampaignStore::byId(const QString &id) const
{
    if (auto c = findById(id)) {
        return *c;
    }
    throw DbError(DbError::Kind::NotFound, tr("There is no campaign with id %1.").arg(id));
}

QList<Campaign> CampaignStore::list() const
{
    return select(u"ORDER BY c.created_at, c.name"_s, {});
}

QList<Campaign> CampaignStore::runningOrScheduled() const
{
    return select(u"WHERE c.status IN ('running', 'scheduled') ORDER BY c.created_at, c.id"_s, {});
}

Campaign CampaignStore::transition(const QString &id, CampaignStatus to, const QString &reason)
{
    Transaction tx(m_db);
    transitionInTransaction(id, to, reason);
    tx.commit();
    return byId(id);
}

void CampaignStore::transitionInTransaction(const QString &id, CampaignStatus to, const QString &reason)
{
    if (m_db.isPostgres()) {
        // Serialises with a sender that is claiming or completing this campaign.
        m_db.run(u"SELECT 1 FROM campaigns WHERE id = ? FOR UPDATE"_s, {id});
    }
    const Campaign current = byId(id);
    const QString refusal = CampaignStatusMachine::refusal(current.status, to);
    if (!refusal.isEmpty()) {
        throw DbError(DbError::Kind::Refused, tr("Campaign \"%1\": %2.").arg(current.name, refusal));
    }
    const bool needsWork = to == CampaignStatus::Running || current.status == CampaignStatus::Completed;
    if (needsWork && current.pending == 0) {
        throw DbError(DbError::Kind::Refused,
                      current.totalContacts == 0
                          ? tr("Campaign \"%1\" has no recipients: import contacts first.").arg(current.name)
                          : tr("Campaign \"%1\" has nothing left to send.").arg(current.name));
    }
    const QVariant now = m_db.timeValue(m_clock.now());
    const bool keepsReason =
        to == CampaignStatus::Paused || to == CampaignStatus::Stopped || to == CampaignStatus::Cancelled;
    QString sql = u"UPDATE campaigns SET status = ?, status_reason = ?, updated_at = ?"_s;
    QVariantList values{CampaignStatusMachine::toString(to),
                        keepsReason ? Database::textOrNull(reason) : Database::nullString(), now};
    if (to == CampaignStatus::Running && !current.startTime.isValid()) {
        sql += u", start_time = ?"_s;
        values << now;
    }
    if (to == CampaignStatus::Completed || to == CampaignStatus::Cancelled) {
        sql += u", end_time = ?"_s;
        values << now;
    } else {
        sql += u", end_time = NULL"_s;
    }
    sql += u" WHERE id = ?"_s;
    values << id;
    m_db.run(sql, values);
}

void CampaignStore::updateSettings(const QString &id, const QJsonObject &settings)
{
    m_db.run(u"UPDATE campaigns SET settings = ?, updated_at = ? WHERE id = ?"_s,
             {QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact)),
              m_db.timeValue(m_clock.now()), id});
}

bool CampaignStore::removeDraft(const QString &id)
{
    QSqlQuery q = m_db.run(u"DELETE FROM campaigns WHERE id = ? AND status = ?"_s,
                           {id, CampaignStatusMachine::toString(CampaignStatus::Draft)});
    return q.numRowsAffected() > 0;
}

Campaign CampaignStore::updateDraft(const QString &id, const QString &name, std::optional<double> rate)
{
    const QString trimmed = name.trimmed();
    if (const QString problem = nameProblem(trimmed); !problem.isEmpty()) {
        throw DbError(DbError::Kind::Refused, problem);
    }
    if (rate && !(*rate > 0)) {
        throw DbError(DbError::Kind::Refused,
                      tr("The rate ceiling must be more than 0 messages per second; leave it empty for the "
                         "phone number's own limit."));
    }
    Transaction tx(m_db);
    const Campaign current = byId(id);
    if (current.status != CampaignStatus::Draft) {
        throw DbError(DbError::Kind::Refused,
                      tr("Campaign \"%1\" is %2: only a draft can be edited.")
                          .arg(current.name, CampaignStatusMachine::inSentence(current.status)));
    }
    if (const auto other = findByName(trimmed); other && other->id != id) {
        throw DbError(DbError::Kind::Refused, tr("A campaign named \"%1\" already exists.").arg(trimmed));
    }
    QJsonObject settings = current.settings;
    if (rate) {
        settings.insert(u"rate"_s, *rate);
    } else {
        settings.remove(u"rate"_s);
    }
    m_db.run(u"UPDATE campaigns SET name = ?, settings = ?, updated_at = ? WHERE id = ?"_s,
             {trimmed, QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact)),
              m_db.timeValue(m_clock.now()), id});
    tx.commit();
    return byId(id);
}

Campaign CampaignStore::replaceDraft(const QString &oldId, const QString &newId)
{
    Transaction tx(m_db);
    const Campaign old = byId(oldId);
    const Campaign fresh = byId(newId);
    for (const Campaign &c : {old, fresh}) {
        if (c.status != CampaignStatus::Draft) {
            throw DbError(DbError::Kind::Refused,
                          tr("Campaign \"%1\" is %2: only a draft can be replaced.")
                              .arg(c.name, CampaignStatusMachine::inSentence(c.status)));
        }
    }
    QJsonObject settings = fresh.settings;
    if (!settings.contains(u"rate"_s) && old.settings.contains(u"rate"_s)) {
        settings.insert(u"rate"_s, old.settings.value(u"rate"_s));
    }
    removeDraft(oldId);
    m_db.run(u"UPDATE campaigns SET name = ?, settings = ?, updated_at = ? WHERE id = ?"_s,
             {old.name, QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact)),
              m_db.timeValue(m_clock.now()), newId});
    tx.commit();
    return byId(newId);
}

} // namespace herald
