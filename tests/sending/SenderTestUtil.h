#pragma once

#include "../queue/QueueTestUtil.h"
#include "sender/Sender.h"
#include "simulator/CloudApiSimulator.h"

#include <QSignalSpy>
#include <QTest>

namespace herald::test {

// A sender configuration for the simulator's order_update (en_US) template: body {{1}} from
// each contact, body {{2}} and the URL button from the campaign's defaults.
inline SenderConfig senderConfigFor(const TestDatabase &tdb, const CloudApiSimulator &sim,
                                    const QString &campaignId)
{
    SenderConfig cfg;
    cfg.database = tdb.config();
    cfg.campaignId = campaignId;
    cfg.api.setBaseUrl(sim.baseUrl().toString());
    cfg.api.setApiVersion(sim.config().apiVersion);
    cfg.api.setPhoneNumberId(sim.config().phoneNumberId);
    cfg.api.setAccessToken(sim.config().accessToken);
    cfg.api.setRequestTimeout(std::chrono::milliseconds(2000));
    cfg.templateName = QStringLiteral("order_update");
    cfg.templateLanguage = QStringLiteral("en_US");
    cfg.templateSlots.bodyVariables = {QStringLiteral("1"), QStringLiteral("2")};
    cfg.templateSlots.buttons = {TemplateSlots::Button{0, ButtonSubType::Url}};
    cfg.defaultParameters = QJsonObject{{QStringLiteral("body.2"), QStringLiteral("A12345")},
                                        {QStringLiteral("button.0"), QStringLiteral("A12345")}};
    cfg.rate = 1000;
    cfg.retry.base = std::chrono::milliseconds(20);
    cfg.retry.cap = std::chrono::milliseconds(200);
    cfg.retry.maxAttempts = 5;
    return cfg;
}

// Runs the sender to its end; fails the test when it takes longer than `timeoutMs`.
inline SendResult runToEnd(Sender &sender, const SenderConfig &cfg, int timeoutMs,
                           const std::function<void(const SendProgress &)> &onProgress = {})
{
    QSignalSpy done(&sender, &Sender::finished);
    QMetaObject::Connection c;
    if (onProgress) {
        c = QObject::connect(&sender, &Sender::progress, &sender, onProgress);
    }
    if (!sender.start(cfg)) {
        qWarning("sender refused to start");
        return {};
    }
    if (!done.wait(timeoutMs) && done.isEmpty()) {
        qWarning("sender did not finish in time");
        return SendResult{cfg.campaignId, SendResult::End::Refused, QStringLiteral("timed out"), 0, 0, 0};
    }
    QObject::disconnect(c);
    return done.first().first().value<SendResult>();
}

inline qint64 countWhere(Database &db, const QString &condition)
{
    return db.scalar(QStringLiteral("SELECT count(*) FROM send_queue WHERE ") + condition).toLongLong();
}

} // namespace herald::test
