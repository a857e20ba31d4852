#include "webhook/InboundWriter.h"

#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/Transaction.h"
#include "optout/OptOutStore.h"
#include "settings/SettingKeys.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace herald {

InboundResult &InboundResult::operator+=(const InboundResult &o)
{
    optedOut += o.optedOut;
    templatesChanged += o.templatesChanged;
    stored += o.stored;
    return *this;
}

InboundWriter::InboundWriter(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

bool InboundWriter::isOptOut(const InboundMessage &m, const QStringList &foldedKeywords)
{
    for (const QString &text : {m.text, m.buttonPayload}) {
        const QString folded = text.simplified().toCaseFolded();
        if (!folded.isEmpty() && foldedKeywords.contains(folded)) {
            return true;
        }
    }
    return false;
}

void InboundWriter::storeRaw(const QString &kind, const QString &reason, const QByteArray &raw)
{
    const QVariant now = m_db.timeValue(m_clock.now());
    const QString payload = m_db.isPostgres() ? u"CAST(? AS jsonb)"_s : u"?"_s;
    // A raw item that is not JSON (an unreadable one) is kept as a JSON string.
    const bool json = raw.startsWith('{') || raw.startsWith('[');
    const QByteArray value = raw.isEmpty() ? QByteArray("null")
                             : json        ? raw
                                           : QByteArray("\"") + raw.toBase64() + "\"";
    m_db.run(u"INSERT INTO webhook_events (kind, payload, reason, received_at, resolved_at) VALUES (?, "_s +
                 payload + u", ?, ?, ?)"_s,
             {kind, QString::fromUtf8(value), reason, now, now});
}

bool InboundWriter::applyTemplateEvent(const TemplateEvent &e)
{
    const QVariant now = m_db.timeValue(m_clock.now());
    if (e.field == "message_template_status_update"_L1) {
        const QString event = e.event.toUpper();
        if (event.isEmpty() || event == "FLAGGED"_L1) {
            return false; // a quality warning: the template still sends
        }
        const QString status = event == "REINSTATED"_L1 ? u"APPROVED"_s : event;
        return m_db.run(u"UPDATE templates SET status = ?, updated_at = ? WHERE name = ? AND language = ? "
                        "AND status <> ?"_s,
                        {status, now, e.name, e.language, status})
                   .numRowsAffected() > 0;
    }
    if (e.field == "template_category_update"_L1 && !e.newCategory.isEmpty()) {
        return m_db.run(u"UPDATE templates SET previous_category = category, category = ?, "
                        "category_changed_at = ?, updated_at = ? WHERE name = ? AND language = ? "
                        "AND (category IS NULL OR category <> ?)"_s,
                        {e.newCategory.toUpper(), now, now, e.name, e.language, e.newCategory.toUpper()})
                   .numRowsAffected() > 0;
    }
    return false; // a notice of a change to come (correct_category): kept raw only
}

InboundResult InboundWriter::write(const QList<InboundMessage> &messages, const QList<TemplateEvent> &events,
                                   const QList<UnknownItem> &unknown)
{
    InboundResult r;
    if (messages.isEmpty() && events.isEmpty() && unknown.isEmpty()) {
        return r;
    }
    Transaction tx(m_db);
    if (!messages.isEmpty()) {
        const QStringList keywords = SettingKeys::optOutKeywords(AppSettings(m_db));
        OptOutStore optOuts(m_db, m_clock);
        for (const InboundMessage &m : messages) {
            static const QRegularExpression waId(u"^[1-9][0-9]{6,14}$"_s);
            if (!isOptOut(m, keywords) || !waId.match(m.from).hasMatch()) {
                continue; // a reply that is not an opt-out is none of Herald's business
            }
            const QString reply = (m.text.isEmpty() ? m.buttonPayload : m.text).simplified().left(40);
            const QString reason =
                QCoreApplication::translate("InboundWriter", "replied \"%1\" (delivery tracking)").arg(reply);
            r.optedOut += optOuts.add(u"+"_s + m.from, OptOutStore::Source::Api, reason) ? 1 : 0;
        }
    }
    for (const TemplateEvent &e : events) {
        r.templatesChanged += applyTemplateEvent(e) ? 1 : 0;
        storeRaw(e.field, u"template event"_s, e.raw);
        ++r.stored;
    }
    for (const UnknownItem &u : unknown) {
        // A customer's message Herald could not read is personal data it has no use for: only
        // that it came, and why it was not read, are kept.
        const bool personal = u.kind == "message"_L1;
        storeRaw(u.kind, u.reason.isEmpty() ? u"not handled by Herald"_s : u.reason,
                 personal ? QByteArray() : u.raw);
        ++r.stored;
    }
    tx.commit();
    return r;
}

} // namespace herald
