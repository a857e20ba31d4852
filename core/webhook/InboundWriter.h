#pragma once

#include "webhook/WebhookTypes.h"

#include <QList>
#include <QStringList>

namespace herald {

class Clock;
class Database;

struct InboundResult
{
    qint64 optedOut = 0;         // senders newly put on the opt-out list by their reply
    qint64 templatesChanged = 0; // stored templates whose status or category changed
    qint64 stored = 0;           // template events and unknown items kept raw in webhook_events

    InboundResult &operator+=(const InboundResult &o);
};

// What a webhook brings besides status callbacks, applied in one transaction:
// - a customer's reply that is an opt-out keyword (SettingKeys::OptOutKeywords: the whole
//   text, or a button's text or payload, in any case) puts the sender on the opt-out list
//   (source "api": Meta reported it), as a late 131050 does; other replies are not stored;
// - message_template_status_update sets the stored template's status (REINSTATED: APPROVED;
//   FLAGGED leaves it, a quality warning), template_category_update its category (the old one
//   kept as previous_category), so a campaign checks the new state before it starts; both are
//   also kept raw;
// - anything else (an unknown field, an item that could not be read) is kept raw with why —
//   except a customer's message that could not be read, kept without its content.
// Raw items are stored resolved: kept for the record, never waiting for anything.
class InboundWriter
{
public:
    InboundWriter(Database &db, const Clock &clock);

    InboundResult write(const QList<InboundMessage> &messages, const QList<TemplateEvent> &events,
                        const QList<UnknownItem> &unknown);

    // Whether a reply opts out: its text, simplified and case-folded, equals a keyword.
    static bool isOptOut(const InboundMessage &message, const QStringList &foldedKeywords);

private:
    bool applyTemplateEvent(const TemplateEvent &e);
    void storeRaw(const QString &kind, const QString &reason, const QByteArray &raw);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
