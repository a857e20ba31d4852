#pragma once

// Shared by the database fault tests: a sender configuration for any database, and the checks
// every fault must pass — counters equal a recount, no row half-written, nobody messaged twice.
#include "../sending/SenderTestUtil.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>

namespace herald::test {

inline SenderConfig senderConfigOn(const DatabaseConfig &database, const CloudApiSimulator &sim,
                                   const QString &campaignId)
{
    SenderConfig cfg;
    cfg.database = database;
    cfg.campaignId = campaignId;
    cfg.api.setBaseUrl(sim.baseUrl().toString());
    cfg.api.setApiVersion(sim.config().apiVersion);
    cfg.api.setPhoneNumberId(sim.config().phoneNumberId);
    cfg.api.setAccessToken(sim.config().accessToken);
    cfg.api.setRequestTimeout(std::chrono::milliseconds(5000));
    cfg.templateName = QStringLiteral("order_update");
    cfg.templateLanguage = QStringLiteral("en_US");
    cfg.templateSlots.bodyVariables = {QStringLiteral("1"), QStringLiteral("2")};
    cfg.templateSlots.buttons = {TemplateSlots::Button{0, ButtonSubType::Url}};
    cfg.defaultParameters = QJsonObject{{QStringLiteral("body.2"), QStringLiteral("A12345")},
                                        {QStringLiteral("button.0"), QStringLiteral("A12345")}};
    cfg.rate = 300;
    cfg.retry.base = std::chrono::milliseconds(20);
    cfg.retry.cap = std::chrono::milliseconds(200);
    return cfg;
}

// Nobody accepted twice by the simulator; returns how many were accepted in all.
inline qint64 acceptedOnceEach(const CloudApiSimulator &sim, QString *twice)
{
    qint64 accepted = 0;
    const auto recipients = sim.log().recipients();
    for (auto it = recipients.cbegin(); it != recipients.cend(); ++it) {
        if (it->accepted > 1 && twice->isEmpty()) {
            *twice = QStringLiteral("%1 was accepted %2 times").arg(it.key()).arg(it->accepted);
        }
        accepted += it->accepted;
    }
    return accepted;
}

// What is stored is consistent: counters equal a recount, every sent row has its wamid, every
// failed row its reason. Empty when it is; otherwise what is wrong.
inline QString inconsistency(Database &db, const QString &campaignId)
{
    QString why;
    if (!countersMatch(db, Clock::system(), campaignId, &why)) {
        return QStringLiteral("counters differ from a recount: ") + why;
    }
    if (const qint64 n =
            countWhere(db, QStringLiteral("status = 'sent' AND (wamid IS NULL OR wamid = '')"))) {
        return QStringLiteral("%1 sent rows without a wamid").arg(n);
    }
    if (const qint64 n = countWhere(
            db, QStringLiteral("status = 'failed' AND (error_reason IS NULL OR error_reason = '')"))) {
        return QStringLiteral("%1 failed rows without a reason").arg(n);
    }
    return {};
}

// Runs a command to its end (bounded); returns its exit code, -1 when it timed out.
inline int runCommand(const QString &program, const QStringList &args, QByteArray *output = nullptr,
                      int timeoutMs = 120'000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (output) {
        *output = p.readAll();
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

} // namespace herald::test
