#pragma once

#include "queue/QueueTypes.h"

#include <QJsonObject>
#include <QList>

namespace herald {

// The sample campaign both demos send to the built-in simulator (`herald-cli demo` and the
// console's "Try the demo"): recipients on the simulator's fictional +1 555 numbers, a handful
// of which end in the simulator's outcome endings (see NumberEndings.h), so that the demo shows
// what a real campaign meets — an undeliverable number, an opt-out, a retry — and the values
// the simulator's order_update template needs beyond each contact's own.
class DemoCampaign
{
public:
    static QString templateName() { return QStringLiteral("order_update"); }
    static QString templateLanguage() { return QStringLiteral("en_US"); }
    static QList<Recipient> recipients(int count);
    static QJsonObject settings();
};

} // namespace herald
