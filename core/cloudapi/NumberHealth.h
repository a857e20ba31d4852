#pragma once

#include "cloudapi/ApiSettings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace herald {

// What Graph API says about one business phone number (GET /{phone-number-id}), or why it could
// not be asked. Values are Meta's words: quality GREEN | YELLOW | RED | NA, tier TIER_250 …
// TIER_UNLIMITED, status CONNECTED | FLAGGED | RESTRICTED | …, throughput STANDARD | HIGH.
struct NumberHealth
{
    Q_DECLARE_TR_FUNCTIONS(NumberHealth)

public:
    QString id;
    QString verifiedName;
    QString displayPhoneNumber;
    QString qualityRating;
    QString messagingLimitTier;
    QString status;
    QString throughputLevel;
    QString error; // why it could not be read, in words a user can act on; then the rest is empty
    QDateTime checkedAt;

    bool ok() const { return error.isEmpty(); }

    // Unique people reachable with business-initiated messages per moving 24 hours: TIER_250 →
    // 250, TIER_2K → 2,000, TIER_100K → 100,000. nullopt for TIER_UNLIMITED and for a tier this
    // program does not know (no limit is assumed it cannot tell).
    static std::optional<qint64> tierLimit(const QString &tier);
    // The body of a 2xx answer; `problem` says what is wrong with one Graph does not send.
    static NumberHealth fromJson(const QString &id, const QByteArray &body, QString *problem);
};

// Asks Graph API for the health of each number, one request after another; never stores.
// finished() reports one NumberHealth per id, in order, each either read or with its error.
// Asynchronous like TemplateSync: the CLI waits in a local event loop, the console's network
// thread connects to it.
class NumberHealthCheck : public QObject
{
    Q_OBJECT

public:
    explicit NumberHealthCheck(const ApiSettings &settings, QObject *parent = nullptr);
    ~NumberHealthCheck() override;

    void start(const QStringList &phoneNumberIds);
    // Checks and waits in a local event loop, for the command line (never the GUI thread).
    static QList<NumberHealth> checkAndWait(const ApiSettings &settings, const QStringList &phoneNumberIds);
    bool isRunning() const { return m_reply != nullptr; }

Q_SIGNALS:
    void finished(const QList<herald::NumberHealth> &results);

private:
    void next();
    void onReply();

    ApiSettings m_settings;
    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QStringList m_pending;
    QList<NumberHealth> m_results;
};

} // namespace herald

Q_DECLARE_METATYPE(herald::NumberHealth)
