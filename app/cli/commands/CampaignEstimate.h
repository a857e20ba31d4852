#pragma once

#include "ExitCodes.h"

#include <QCoreApplication>
#include <QString>

namespace herald {
struct Campaign;
}

namespace herald::cli {

class CliContext;

// `campaign estimate`: a new cost estimate of the campaign, stored with it, printed per market
// and per country, with a warning when the template's category changed since the last one.
class CampaignEstimate
{
    Q_DECLARE_TR_FUNCTIONS(CampaignEstimate)

public:
    // `category` empty: the template's. `remainingOnly`: rows still to send only.
    static ExitCode run(CliContext &context, const Campaign &campaign, const QString &category,
                        bool remainingOnly);
};

} // namespace herald::cli
