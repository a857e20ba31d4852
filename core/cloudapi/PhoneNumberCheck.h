#pragma once

#include "cloudapi/ApiSettings.h"
#include "cloudapi/ErrorPolicy.h"

#include <QCoreApplication>
#include <QObject>
#include <QStringList>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace herald {

// What Meta says about the sending phone number: its name, quality, messaging limit and
// status (GET /{phone-number-id}).
struct PhoneNumberHealth
{
    QString verifiedName;
    QString displayPhoneNumber;
    QString qualityRating;      // GREEN | YELLOW | RED | NA
    QString messagingLimitTier; // TIER_50 … TIER_100K, TIER_UNLIMITED
    QString status;             // CONNECTED, FLAGGED, RESTRICTED, …
    QString throughputLevel;    // STANDARD | HIGH

    // Unique customers reachable with business-initiated templates per moving 24 hours;
    // nullopt for TIER_UNLIMITED or an unknown tier.
    std::optional<qint64> dailyLimit() const;
    // In words, what the user should know before sending `recipients` messages.
    QStringList warnings(qint64 recipients) const;
};

struct PhoneNumberCheckResult
{
    bool ok = false;
    PhoneNumberHealth health;
    ErrorDecision decision; // when not ok: what went wrong, in ErrorPolicy's words
    QString details;        // one line for the user: the API's own message or the network error
};

// Asks the Graph API about the phone number with the access token: the check before a campaign
// starts that the token is accepted and the number is this account's. Asynchronous, on the
// thread that owns it — the console runs it on a thread of its own.
class PhoneNumberCheck : public QObject
{
    Q_OBJECT

public:
    explicit PhoneNumberCheck(const ApiSettings &settings, QObject *parent = nullptr);
    ~PhoneNumberCheck() override;

    void start();

    static PhoneNumberCheckResult interpret(int httpStatus, const QByteArray &body,
                                            const TransportInfo &transport, const Redactor &redactor);

Q_SIGNALS:
    void finished(const herald::PhoneNumberCheckResult &result);

private:
    ApiSettings m_settings;
    QNetworkAccessManager *m_network;
};

} // namespace herald

Q_DECLARE_METATYPE(herald::PhoneNumberCheckResult)
