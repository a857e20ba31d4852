#pragma once

#include "cloudapi/NumberHealth.h"

#include <QCoreApplication>
#include <QString>

namespace herald::ui {

// A phone number's last health check in words, the same in Settings ▸ Phone numbers and in the
// campaign's header. `h` is null for a number never checked.
class HealthText
{
    Q_DECLARE_TR_FUNCTIONS(HealthText)

public:
    // "GREEN, 10,000 people/24 h, CONNECTED", "Not checked" or "Not read".
    static QString brief(const NumberHealth *h);
    // Who Meta says the number is and when it was checked, or why it could not be read.
    static QString details(const NumberHealth *h);
    // Not read, quality not GREEN, or status not CONNECTED: the warnings a start gives.
    static bool needsAttention(const NumberHealth &h);
};

} // namespace herald::ui
