#include "sender/SendWorker.h"

#include "cloudapi/ApiRequests.h"
#include "cloudapi/ApiResponse.h"
#include "cloudapi/CampaignMessage.h"
#include "cloudapi/ReplyBodyLimit.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/SchemaDoctor.h"
#include "log/LogCategories.h"
#include "queue/CampaignStore.h"
#include "queue/NumberPool.h"
#include "queue/QueueEngine.h"
#include "queue/QuietHours.h"
#include "queue/RecipientRegions.h"
#include "sender/SendOnceBody.h"
#include "sender/SenderPresence.h"
#include "sender/SharedPacer.h"
#include "sender/WorkerIdentity.h"
#include "settings/NumberHealthStore.h"
#include "webhook/CallbackData.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace herald {

namespace {
// Plain HTTP/1.1 gets at most six connections per host from one access manager and Qt does
// not pipeline POSTs, so more requests than that queue inside it. Over TLS Qt negotiates
// HTTP/2, whose streams are capped at ~100 per connection until the server says otherwise:
// stay at three quarters of it (QT64_NOTES.md, pitfalls 1 and 9).
constexpr int kHttp1PerManager = 6;
constexpr int kHttp2PerManager = 75;

SendResult::End endForStatus(CampaignStatus s)
{
    switch (s) {
    case CampaignStatus::Completed:
        return SendResult::End::Completed;
    case CampaignStatus::Cancelled:
        return SendResult::End::Cancelled;
    case CampaignStatus::Stopped:
        return SendResult::End::Stopped;
    default:
        return SendResult::End::Paused;
    }
}
} // namespace

QString SendResult::endName(End end)
{
    switch (end) {
    case End::Completed:
        return u"completed"_s;
    case End::Paused:
        return u"paused"_s;
    case End::Stopped:
        return u"stopped"_s;
    case End::Cancelled:
        return u"cancelled"_s;
    case End::SenderStopped:
        return u"sender stopped"_s;
    case End::Refused:
        return u"refused"_s;
    case End::Detached:
        return u"detached"_s;
    }
    return {};
}

SendWorker::SendWorker(const SenderConfig &config, RateLimiter &limiter, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_workerId(config.senderId.isEmpty() ? WorkerIdentity::makeId() : config.senderId)
    , m_lanes(config, limiter)
    , m_retry(config.retry)
    , m_pumpTimer(this)
    , m_recordTimer(this)
    , m_progressTimer(this)
    , m_leaseTimer(this)
    , m_retryWaitTimer(this)
    , m_outageTimer(this)
{
    connect(&m_outageTimer, &QTimer::timeout, this, &SendWorker::retryDatabase);
    m_retryWaitTimer.setSingleShot(true);
    connect(&m_retryWaitTimer, &QTimer::timeout, this, [this] {
        m_queueEmpty = false; // retries whose time has come are claimable again
        pump();
    });
    WorkerIdentity::registerLive(m_workerId);
    m_pumpTimer.setSingleShot(true);
    connect(&m_pumpTimer, &QTimer::timeout, this, &SendWorker::pump);
    connect(&m_recordTimer, &QTimer::timeout, this, [this] {
        flush();
        maybeFinish();
    });
    connect(&m_progressTimer, &QTimer::timeout, this, &SendWorker::emitProgress);
    connect(&m_leaseTimer, &QTimer::timeout, this, [this] {
        if (inOutage()) {
            return; // the outage's retries renew them once the database is back
        }
        try {
            m_engine->renewLeases(m_config.campaignId, m_workerId);
        } catch (const DbError &e) {
            qCWarning(lcSender, "could not renew leases: %s", qPrintable(e.message()));
            if (e.cause() != DbError::Cause::None) {
                databaseFailed(e);
            }
        }
    });
}

SendWorker::~SendWorker()
{
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
    }
    qDeleteAll(m_managers);
    m_engine.reset();
    m_db.reset();
    WorkerIdentity::unregisterLive(m_workerId);
}

void SendWorker::start()
{
    if (m_state != State::Idle) {
        return;
    }
    m_clock.start();
    QString why;
    if (!prepare(&why)) {
        finish(SendResult::End::Refused, why);
        return;
    }
    m_state = State::Running;
    for (const QString &number : m_lanes.active()) {
        qCInfo(lcSender).noquote() << "campaign" << m_config.campaignId << "sending to"
                                   << m_lanes.urlOf(number).toString();
    }
    m_recordTimer.start(m_config.recordInterval);
    m_progressTimer.start(m_config.progressInterval);
    m_leaseTimer.start(std::max<std::chrono::milliseconds>(m_config.lease / 3, 1s));
    emitProgress();
    pump();
}

bool SendWorker::prepare(QString *why)
{
    try {
        m_db = std::make_unique<Database>(m_config.database, u"sender"_s);
        // A contact import writes its whole file in one transaction and holds SQLite's only
        // write lock meanwhile (about 15 s per million rows on two cores). Starting, the sender
        // waits for it up to its patience; once running, each statement waits only briefly
        // (databaseBusyWait) and the outage's retries wait the rest (see databaseFailed()).
        m_db->setBusyTimeout(m_config.databasePatience);
        const SchemaReport report = SchemaDoctor(*m_db).check();
        if (!report.ok()) {
            *why = tr("The database schema is incomplete; Herald will not send until it is repaired:\n%1")
                       .arg(report.lines().join(u'\n'));
            return false;
        }
        const QString settingsProblem = m_config.api.validate();
        if (!settingsProblem.isEmpty()) {
            *why = settingsProblem;
            return false;
        }
        m_engine = std::make_unique<QueueEngine>(*m_db, Clock::system());
        CampaignStore store(*m_db, Clock::system());
        if (!takeHold(why)) {
            return false;
        }
        recoverDeadSenders();
        m_engine->recoverExpiredLeases(m_config.lease);
        failForgottenClaims(); // nothing is in flight yet: any row held under this id is an earlier run's
        Campaign campaign = store.byId(m_config.campaignId);
        if (campaign.status == CampaignStatus::Completed) {
            *why = tr("Campaign \"%1\" is already completed.").arg(campaign.name);
            return false;
        }
        if (campaign.status != CampaignStatus::Running) {
            if (m_config.onlyIfRunning) {
                // A worker sends what someone set running; it never starts or resumes a campaign.
                *why = tr("Campaign \"%1\" is %2, not running.")
                           .arg(campaign.name, CampaignStatusMachine::toString(campaign.status));
                return false;
            }
            campaign = store.transition(campaign.id, CampaignStatus::Running);
        }
        if (QuietHours::fromSettings(campaign.settings).enabled) {
            // Quiet hours need each recipient's country; the bulk import leaves it to here.
            RecipientRegions::fill(*m_db, campaign.id);
        }
        if (m_lanes.isPool()) {
            leaveOutUnhealthyNumbers();
        }
        m_total = campaign.totalContacts;
        m_baseSent = campaign.totalSent;
        m_baseFailed = campaign.totalFailed;
    } catch (const DbError &e) {
        *why = e.message();
        return false;
    }

    m_lanes.configure();
    const double rate = m_lanes.ceiling();
    if (m_config.concurrency <= 0) {
        // Enough requests in flight for the rate at 250 ms of latency, with a margin.
        m_config.concurrency = std::clamp(int(std::ceil(rate * 0.3)), 8, 600);
    }
    if (m_config.claimBatch <= 0) {
        m_config.claimBatch = std::clamp(m_config.concurrency, 50, 500);
    }
    try {
        m_db->setBusyTimeout(m_config.databaseBusyWait);
    } catch (const DbError &e) {
        *why = e.message();
        return false;
    }
    m_requests.emplace(m_config.api);
    const bool tls = m_lanes.urlOf(m_lanes.active().value(0)).scheme() == "https"_L1;
    m_perManager = tls ? kHttp2PerManager : kHttp1PerManager;
    const int managers = (m_config.concurrency + m_perManager - 1) / m_perManager;
    for (int i = 0; i < managers; ++i) {
        m_managers << new QNetworkAccessManager(this);
        m_managerLoad << 0;
    }
    return true;
}

void SendWorker::recoverDeadSenders()
{
    // Rows a dead sender left in flight have an unknown outcome: they become failed
    // "interrupted" now, not when their lease runs out. Dead: a process of this machine that is
    // gone, or a sender not heard for a while; a live one (a worker sharing the campaign) keeps
    // its rows.
    const SenderPresence presence(*m_db, Clock::system(), m_config.senderStaleness);
    for (const QString &worker : m_engine->workersHolding(m_config.campaignId)) {
        if (worker != m_workerId && (WorkerIdentity::isDeadLocalWorker(worker) || !presence.isLive(worker))) {
            m_engine->recoverWorker(worker);
        }
    }
}

bool SendWorker::takeHold(QString *why)
{
    SenderPresence presence(*m_db, Clock::system(), m_config.senderStaleness);
    const SenderInfo holder = presence.acquire(m_config.campaignId, m_workerId);
    if (holder.id == m_workerId) {
        m_holding = true;
        return true;
    }
    const Campaign campaign = CampaignStore(*m_db, Clock::system()).byId(m_config.campaignId);
    *why = tr("Campaign \"%1\" is being sent by %2. Herald sends a campaign from one place at a time; it "
              "takes over once that sender has been silent for %3 s.")
               .arg(campaign.name, holder.describe(QDateTime::currentDateTimeUtc()))
               .arg(m_config.senderStaleness.count() / 1000);
    return false;
}

std::deque<SendWorker::Held>::iterator SendWorker::takeSendable(QStringList &waiting)
{
    // With one number only the front message is looked at, as its token decides; in a pool a
    // number without a token leaves its messages held while the others' go.
    QList<ClaimedMessage> stray; // held for a number that left the pool: they wait with it
    auto found = m_held.end();
    for (auto it = m_held.begin(); it != m_held.end();) {
        if (m_deferrals.isDeferred(it->message.phone)) {
            m_deferred << std::move(*it);
            it = m_held.erase(it);
            continue;
        }
        const QString number = m_lanes.numberOf(it->message);
        if (!m_lanes.isActive(number)) {
            stray << it->message;
            it = m_held.erase(it);
            continue;
        }
        if (!waiting.contains(number)) {
            try {
                if (m_lanes.takeToken(number)) {
                    found = it;
                    break;
                }
            } catch (const DbError &e) {
                databaseFailed(e);
                break;
            }
            waiting << number;
            if (waiting.size() >= m_lanes.active().size()) {
                break;
            }
        }
        ++it;
    }
    releaseNow(stray); // `found` stays valid: nothing is erased after it was taken
    return found;
}

std::chrono::milliseconds SendWorker::msUntilToken(const QStringList &numbers)
{
    std::optional<std::chrono::milliseconds> soonest;
    for (const QString &number : numbers) {
        const auto wait = m_lanes.msUntilToken(number);
        soonest = soonest ? std::min(*soonest, wait) : wait;
    }
    return soonest.value_or(std::chrono::milliseconds(1));
}

QByteArray SendWorker::buildBody(const ClaimedMessage &message, QString *error) const
{
    const CampaignMessage campaign{m_config.templateName, m_config.templateLanguage, m_config.templateSlots,
                                   m_config.defaultParameters};
    // Meta echoes the callback data in the message's status webhooks: it names this row and this
    // claim, so a callback can find the row even when the send's answer (the wamid) was lost.
    const MessageBuilder::Result built = campaign.build(
        message.phone, message.params, CallbackData::format(message.campaignId, message.id, message.claim));
    *error = built.error;
    return built.json;
}

bool SendWorker::refill()
{
    if (m_queueEmpty || m_state != State::Running) {
        return false;
    }
    QList<ClaimedMessage> batch;
    try {
        batch = m_engine->claim(m_config.campaignId, m_workerId, m_config.claimBatch, m_lanes.out(),
                                m_lanes.isPool() ? m_lanes.active() : QStringList());
        if (m_lanes.isPool()) {
            // A number another sender took out of the pool meanwhile: its rows wait with it.
            QList<ClaimedMessage> notHere;
            for (qsizetype i = batch.size() - 1; i >= 0; --i) {
                const QString number = m_lanes.numberOf(batch.at(i));
                if (!m_lanes.isActive(number)) {
                    m_lanes.takeOut(number); // and the next claims leave its rows alone
                    notHere << batch.takeAt(i);
                }
            }
            releaseNow(notHere);
        }
    } catch (const DbError &e) {
        databaseFailed(e);
        return false;
    }
    if (batch.isEmpty()) {
        m_queueEmpty = true;
        return false;
    }
    m_windowWait = {};
    for (const ClaimedMessage &m : std::as_const(batch)) {
        QString error;
        Held held{m, buildBody(m, &error)};
        if (!error.isEmpty()) {
            finalFailure(held, ErrorPolicy::invalidMessage(error));
            continue;
        }
        m_held.push_back(std::move(held));
    }
    return true;
}

void SendWorker::schedulePump(std::chrono::milliseconds wait)
{
    const int ms = int(std::clamp<qint64>(wait.count(), 1, 60'000));
    if (!m_pumpTimer.isActive() || m_pumpTimer.remainingTime() > ms) {
        m_pumpTimer.start(ms);
    }
}

void SendWorker::pump()
{
    if (m_state != State::Running || inOutage()) {
        return;
    }
    const qint64 now = m_clock.elapsed();
    if (now < m_appPausedUntilMs) {
        schedulePump(std::chrono::milliseconds(m_appPausedUntilMs - now));
        return;
    }
    // Recipients whose pair limit has passed go first.
    for (qsizetype i = m_deferred.size() - 1; i >= 0; --i) {
        if (!m_deferrals.isDeferred(m_deferred.at(i).message.phone)) {
            m_held.push_front(m_deferred.takeAt(i));
        }
    }
    while (m_state == State::Running && m_inFlight.size() < m_config.concurrency) {
        if (m_held.empty()) {
            if (m_deferred.size() >= m_config.claimBatch * 2 || !refill() || m_held.empty()) {
                break;
            }
        }
        QStringList waiting;
        auto next = takeSendable(waiting);
        if (next == m_held.end() && m_lanes.isPool() && m_state == State::Running && !inOutage() &&
            waiting.size() < m_lanes.active().size() &&
            qsizetype(m_held.size()) < qsizetype(m_config.claimBatch) * m_lanes.active().size() && refill()) {
            // A number with a token may have nothing held: claim more for it.
            next = takeSendable(waiting);
        }
        if (m_state != State::Running) {
            return;
        }
        if (next == m_held.end()) {
            if (!m_held.empty()) {
                schedulePump(msUntilToken(waiting));
                return;
            }
            continue; // all of them were deferred
        }
        Held held = std::move(*next);
        m_held.erase(next);
        send(std::move(held));
    }
    if (const auto next = m_deferrals.nextRelease(); next && !m_deferred.isEmpty()) {
        schedulePump(*next);
    }
    maybeFinish();
}

int SendWorker::pickManager()
{
    for (int tries = 0; tries < m_managers.size(); ++tries) {
        const int i = m_nextManager;
        m_nextManager = (m_nextManager + 1) % int(m_managers.size());
        if (m_managerLoad.at(i) < m_perManager) {
            return i;
        }
    }
    // Every manager is at its cap (the concurrency was raised or HTTP/2 fell back): add one.
    m_managers << new QNetworkAccessManager(this);
    m_managerLoad << 0;
    return int(m_managers.size()) - 1;
}

void SendWorker::send(Held held)
{
    const int manager = pickManager();
    QNetworkRequest request = m_requests->make(m_lanes.urlOf(m_lanes.numberOf(held.message)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = SendOnceBody::post(*m_managers.at(manager), request, held.body);
    ++m_managerLoad[manager];
    m_inFlight.insert(reply, InFlight{std::move(held), manager});
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
    ReplyBodyLimit::apply(reply, ApiResponse::MaxBodyBytes);
}

void SendWorker::onReply(QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_inFlight.find(reply);
    if (it == m_inFlight.end()) {
        return;
    }
    const InFlight request = std::move(*it);
    m_inFlight.erase(it);
    --m_managerLoad[request.manager];

    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const TransportInfo transport = TransportInfo::of(*reply);
    qCDebug(lcCloudApi).noquote() << "POST" << reply->url().toString() << "->" << statusAttr.toInt()
                                  << (transport.error == QNetworkReply::NoError ? QString()
                                                                                : transport.errorString);
    if (m_perManager == kHttp2PerManager && statusAttr.isValid() &&
        !reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()) {
        m_perManager = kHttp1PerManager; // the server speaks HTTP/1.1 only
    }
    const ApiResponse response =
        ReplyBodyLimit::exceeded(reply) > 0
            ? ApiResponse::oversized(statusAttr.toInt(), ReplyBodyLimit::exceeded(reply), transport,
                                     m_config.api.redactor())
            : ApiResponse::parse(statusAttr.toInt(), reply->isOpen() ? reply->readAll() : QByteArray(),
                                 transport, m_config.api.redactor());
    handle(request, response, ErrorPolicy::classify(response));
    pump();
    maybeFinish();
}

void SendWorker::handle(const InFlight &request, const ApiResponse &response, const ErrorDecision &decision)
{
    const Held &held = request.held;
    const ClaimedMessage &m = held.message;
    const QString number = m_lanes.numberOf(m);
    const qint64 now = m_clock.elapsed();
    const bool draining = m_state != State::Running;
    switch (decision.action) {
    case ErrorAction::Sent:
        m_lanes.reportClean(number);
        addOutcome(Outcome::sent(m, response.wamid));
        notePermanent(false, decision);
        break;
    case ErrorAction::RetryMessage:
    case ErrorAction::UnknownOutcome: {
        const bool mayRetry = decision.action == ErrorAction::RetryMessage || m_config.retryNoResponse;
        if (!mayRetry) {
            finalFailure(held, decision);
        } else if (m.attempts >= m_retry.settings().maxAttempts) {
            finalFailure(held, ErrorPolicy::retriesExhausted(decision));
        } else {
            const auto delay = m_retry.delay(m.attempts);
            addOutcome(Outcome::retry(m, QDateTime::currentDateTimeUtc().addMSecs(delay.count()),
                                      decision.reason, decision.details, decision.code));
        }
        break;
    }
    case ErrorAction::SlowDown:
    case ErrorAction::Maintenance:
        if (decision.throttle == ThrottleScope::PhoneNumber) {
            m_lanes.reportThrottled(number);
        }
        if (decision.throttle == ThrottleScope::App || decision.action == ErrorAction::Maintenance) {
            m_appPausedUntilMs = std::max(m_appPausedUntilMs, now + qint64(decision.pause.count()));
        }
        // Provably not accepted: send the same message again once the pace allows.
        if (draining) {
            m_toRelease << m;
        } else if (!m_lanes.isActive(number)) {
            releaseNow({m}); // its number left the pool meanwhile: it waits with it
        } else {
            m_held.push_front(held);
        }
        break;
    case ErrorAction::DeferRecipient:
        if (decision.pause.count() > 0) {
            m_deferrals.deferFor(m.phone, decision.pause);
        } else {
            m_deferrals.defer(m.phone);
        }
        if (draining) {
            m_toRelease << m;
        } else if (!m_lanes.isActive(number)) {
            releaseNow({m});
        } else {
            m_deferred << held;
        }
        break;
    case ErrorAction::PermanentFailure:
    case ErrorAction::PermanentOptOut:
        m_lanes.reportClean(number);
        finalFailure(held, decision);
        break;
    case ErrorAction::PauseCampaign:
    case ErrorAction::StopCampaign:
    case ErrorAction::StopSender: {
        if (m_lanes.isPool() && !m_lanes.isActive(number)) {
            releaseNow({m}); // an answer in flight when its number left the pool
            break;
        }
        const QString code = decision.code ? u" (%1)"_s.arg(*decision.code) : QString();
        QString reason = decision.meaning() + code + u": "_s + decision.whatToDo();
        // What the network or the server said: which of the causes the meaning lists it was (a
        // certificate for another host name, an unknown authority, …).
        if (!decision.details.isEmpty()) {
            reason += u"\n"_s + decision.details;
        }
        if (m_lanes.isPool() && ErrorPolicy::concernsNumber(decision) &&
            numberOut(number, decision.meaning() + code +
                                  (decision.details.isEmpty() ? QString() : u"\n"_s + decision.details))) {
            releaseNow({m});
            break; // the pool's other numbers go on
        }
        m_toRelease << m;
        beginDrain(decision.action == ErrorAction::StopCampaign    ? SendResult::End::Stopped
                   : decision.action == ErrorAction::PauseCampaign ? SendResult::End::Paused
                                                                   : SendResult::End::SenderStopped,
                   reason);
        break;
    }
    }
}

bool SendWorker::numberOut(const QString &number, const QString &reason)
{
    if (m_lanes.active().size() <= 1) {
        return false; // the last one: the campaign stops as it would with one number
    }
    m_lanes.takeOut(number);
    qCWarning(lcSender).noquote() << "campaign" << m_config.campaignId << ": phone number" << number
                                  << "leaves the pool:" << reason;
    // Its messages held here go back unsent and wait with it.
    QList<ClaimedMessage> back;
    for (auto it = m_held.begin(); it != m_held.end();) {
        if (m_lanes.numberOf(it->message) == number) {
            back << it->message;
            it = m_held.erase(it);
        } else {
            ++it;
        }
    }
    for (qsizetype i = m_deferred.size() - 1; i >= 0; --i) {
        if (m_lanes.numberOf(m_deferred.at(i).message) == number) {
            back << m_deferred.takeAt(i).message;
        }
    }
    try {
        NumberPool(*m_db, Clock::system()).takeOut(m_config.campaignId, number, reason);
    } catch (const DbError &e) {
        m_pendingOut.insert(number, reason); // written once the database answers again
        databaseFailed(e);
    }
    releaseNow(back);
    return true;
}

void SendWorker::leaveOutUnhealthyNumbers()
{
    // Meta reports a number FLAGGED or RESTRICTED (its last health check): it leaves the pool
    // before anything is sent from it, as an error about it would take it out. The last one
    // stays, and the warnings before the start said why.
    const NumberHealthStore health(*m_db, Clock::system());
    for (const QString &number : QStringList(m_lanes.active())) {
        const std::optional<NumberHealth> h = health.find(number);
        if (!h || !h->ok() || (h->status != "FLAGGED"_L1 && h->status != "RESTRICTED"_L1) ||
            m_lanes.active().size() <= 1) {
            continue;
        }
        const QString reason = tr("Meta reports the number as %1 (health checked %2 UTC).")
                                   .arg(h->status, h->checkedAt.toUTC().toString(u"yyyy-MM-dd HH:mm"_s));
        NumberPool(*m_db, Clock::system()).takeOut(m_config.campaignId, number, reason);
        m_lanes.takeOut(number);
        qCWarning(lcSender).noquote() << "campaign" << m_config.campaignId << ": phone number" << number
                                      << "leaves the pool:" << reason;
    }
}

void SendWorker::releaseNow(const QList<ClaimedMessage> &messages)
{
    // Back to ready at once: the rows wait with their number, and the campaign can tell that
    // nothing else is left to send.
    if (messages.isEmpty()) {
        return;
    }
    if (inOutage()) {
        m_releaseLater << messages;
        return;
    }
    try {
        m_engine->release(messages);
    } catch (const DbError &e) {
        m_releaseLater << messages; // once the database answers again (retryDatabase)
        databaseFailed(e);
    }
}

bool SendWorker::onlyOutNumbersLeft()
{
    const NumberPool::Waiting w =
        NumberPool(*m_db, Clock::system()).waiting(m_config.campaignId, m_lanes.out());
    if (w.forOut == 0 || w.others > 0) {
        return false;
    }
    beginDrain(
        SendResult::End::Paused,
        tr("%Ln recipient(s) wait for phone numbers taken out of the campaign's pool: %1. Move them to "
           "the other numbers (herald-cli campaign reassign), then resume.",
           nullptr, int(w.forOut))
            .arg(NumberPool::describeOut(NumberPool(*m_db, Clock::system()).of(m_config.campaignId))));
    return true;
}

void SendWorker::finalFailure(const Held &held, const ErrorDecision &decision)
{
    Outcome o =
        Outcome::failed(held.message, decision.reason, decision.details, decision.code, decision.fbtraceId);
    if (decision.action == ErrorAction::PermanentOptOut) {
        o.optOut = true;
        o.phone = held.message.phone;
    }
    addOutcome(o);
    notePermanent(decision.action == ErrorAction::PermanentFailure ||
                      decision.action == ErrorAction::PermanentOptOut ||
                      decision.action == ErrorAction::RetryMessage,
                  decision);
}

void SendWorker::notePermanent(bool permanent, const ErrorDecision &decision)
{
    m_recentPermanent << permanent;
    if (permanent) {
        ++m_recentPermanentCount;
        ++m_recentReasons[decision.reason];
    }
    if (m_recentPermanent.size() > m_config.errorWindow) {
        if (m_recentPermanent.takeFirst()) {
            --m_recentPermanentCount;
        }
    }
    // Judge only on a meaningful sample, so that the first failures of a run do not pause it.
    const int minimum = std::max(10, m_config.errorWindow / 4);
    if (m_state != State::Running || m_recentPermanent.size() < minimum || m_config.errorThreshold <= 0) {
        return;
    }
    const double share = double(m_recentPermanentCount) / double(m_recentPermanent.size());
    if (share < m_config.errorThreshold) {
        return;
    }
    QString top;
    int topCount = 0;
    for (auto it = m_recentReasons.cbegin(); it != m_recentReasons.cend(); ++it) {
        if (it.value() > topCount) {
            top = it.key();
            topCount = it.value();
        }
    }
    const ErrorPolicyEntry *entry = ErrorPolicy::entryForCode(top.toInt());
    const QString meaning = entry ? entry->meaningText() : top;
    beginDrain(
        SendResult::End::Paused,
        tr("%1 of the last %2 messages failed permanently (most often: %3). Check the template and the "
           "contact list before resuming.")
            .arg(m_recentPermanentCount)
            .arg(m_recentPermanent.size())
            .arg(meaning));
}

void SendWorker::addOutcome(const Outcome &outcome)
{
    m_outcomes << outcome;
    if (m_outcomes.size() >= m_config.recordBatch) {
        flush();
    }
}

bool SendWorker::flush()
{
    if (m_outcomes.isEmpty()) {
        return true;
    }
    if (inOutage() || !m_engine) {
        return false; // only the outage's retries try the database again
    }
    try {
        recordOutcomes();
        return true;
    } catch (const DbError &e) {
        // The outcomes stay for the next attempt; nothing new is sent meanwhile.
        databaseFailed(e);
        return false;
    }
}

void SendWorker::recordOutcomes()
{
    if (m_outcomes.isEmpty()) {
        return;
    }
    const RecordResult r = m_engine->record(m_outcomes);
    m_runSent += r.sent;
    m_runFailed += r.failed;
    m_outcomes.clear();
}

void SendWorker::databaseFailed(const DbError &error)
{
    if (m_gaveUpOnDatabase) {
        return;
    }
    if (error.cause() == DbError::Cause::None && !inOutage()) {
        // Not a fault that passes (a bug, a constraint, a schema changed under the sender):
        // waiting would not help.
        const QString reason = tr("The database failed: %1").arg(error.message());
        if (m_state == State::Running) {
            beginDrain(SendResult::End::SenderStopped, reason);
        } else {
            m_drainReason += (m_drainReason.isEmpty() ? QString() : u"\n"_s) + reason;
        }
        m_gaveUpOnDatabase = true;
        QTimer::singleShot(0, this, &SendWorker::maybeFinish);
        return;
    }
    if (error.cause() != DbError::Cause::None) {
        m_outageCause = error.cause();
    }
    m_outageError = error.message();
    if (!inOutage()) {
        m_outage.start();
        m_pumpTimer.stop();
        m_outageTimer.start(1000);
        qCWarning(lcSender, "campaign %s: %s; sending waits for the database (up to %lld s): %s",
                  qPrintable(m_config.campaignId), qPrintable(Database::describe(m_outageCause)),
                  qlonglong(m_config.databasePatience.count() / 1000), qPrintable(error.message()));
    }
    if (m_outage.elapsed() >= m_config.databasePatience.count()) {
        giveUpOnDatabase();
    }
}

void SendWorker::retryDatabase()
{
    if (!inOutage() || m_gaveUpOnDatabase) {
        m_outageTimer.stop();
        return;
    }
    bool lostHold = false;
    try {
        if (!m_db->answers()) {
            // PostgreSQL restarted or the network broke: the engine's prepared statements die
            // with the old connection, so it goes first and comes back on the new one.
            m_engine.reset();
            try {
                m_db->reconnect();
            } catch (const DbError &) {
                m_engine = std::make_unique<QueueEngine>(*m_db, Clock::system());
                throw;
            }
            m_engine = std::make_unique<QueueEngine>(*m_db, Clock::system());
        }
        // Part of every recovery, not only of a reconnect's: if it fails (the server went away
        // again, a deadlock) the next try runs it again, where a connection that answers by then
        // would have skipped it and left those rows processing under this sender's renewed
        // leases, so that the campaign never completed.
        failForgottenClaims();
        recordOutcomes();
        // A write that must succeed before anything new is sent; it also keeps the rows this
        // sender holds its own after a long wait.
        m_engine->renewLeases(m_config.campaignId, m_workerId);
        returnWaitingRows();
        m_engine->release(m_releaseLater);
        m_releaseLater.clear();
        for (auto it = m_pendingOut.cbegin(); it != m_pendingOut.cend(); ++it) {
            NumberPool(*m_db, Clock::system()).takeOut(m_config.campaignId, it.key(), it.value());
        }
        m_pendingOut.clear();
        m_lanes.restartShared(); // the shared pacing works again
        // While the database was away this sender's heartbeat went unheard, so another sender
        // may have taken the campaign over (and failed this one's rows "interrupted").
        if (!SenderPresence(*m_db, Clock::system(), m_config.senderStaleness)
                 .holds(m_config.campaignId, m_workerId)) {
            lostHold = true;
        }
    } catch (const DbError &e) {
        databaseFailed(e);
        return;
    }
    qCInfo(lcSender, "campaign %s: the database is back after %lld ms; sending goes on",
           qPrintable(m_config.campaignId), qlonglong(m_outage.elapsed()));
    m_outage.invalidate();
    m_outageTimer.stop();
    if (lostHold) {
        beginDrain(SendResult::End::Detached,
                   tr("Another sender took the campaign over while the database was unreachable."));
    }
    if (m_state == State::Running) {
        m_queueEmpty = false;
        pump();
    }
    maybeFinish();
}

void SendWorker::failForgottenClaims()
{
    // Rows of this campaign held under this sender's id that this run does not know: a claim
    // whose COMMIT reached the server just before the connection broke, or rows an earlier run
    // of the same sender (the same id: one console, one id) left when it gave up on the
    // database — and whose requests may have gone out. Their outcome is unknown to this run,
    // so they become failed "interrupted" like a dead sender's, never ready: a message Meta
    // may have accepted is never sent again by itself. Without this they would also stay
    // processing, renewed by this sender's leases, and the campaign would never complete.
    QSet<qint64> known;
    for (const Held &h : m_held) {
        known.insert(h.message.id);
    }
    for (const Held &h : std::as_const(m_deferred)) {
        known.insert(h.message.id);
    }
    for (const InFlight &f : std::as_const(m_inFlight)) {
        known.insert(f.held.message.id);
    }
    for (const Outcome &o : std::as_const(m_outcomes)) {
        known.insert(o.id);
    }
    for (const ClaimedMessage &m : std::as_const(m_toRelease) + std::as_const(m_releaseLater)) {
        known.insert(m.id);
    }
    QList<Outcome> forgotten;
    QSqlQuery q = m_db->run(u"SELECT id, claim_count FROM send_queue WHERE campaign_id = ? AND status IN "
                            "('ready', 'processing') AND status = 'processing' AND claimed_by = ?"_s,
                            {m_config.campaignId, m_workerId});
    while (q.next()) {
        if (!known.contains(q.value(0).toLongLong())) {
            ClaimedMessage m;
            m.id = q.value(0).toLongLong();
            m.campaignId = m_config.campaignId;
            m.claimedBy = m_workerId;
            m.claim = q.value(1).toLongLong();
            forgotten << Outcome::failed(m, FailureReason::Interrupted,
                                         tr("The sender lost track of this message while the database was "
                                            "unreachable; it may have been sent."));
        }
    }
    q.finish();
    if (!forgotten.isEmpty()) {
        qCWarning(lcSender, "campaign %s: %lld claim(s) unknown to this run end failed \"interrupted\"",
                  qPrintable(m_config.campaignId), qlonglong(forgotten.size()));
        m_engine->record(forgotten);
    }
}

void SendWorker::returnWaitingRows()
{
    // Rows waiting here for a token or their recipient's pair limit were never sent. After an
    // outage they go back to the queue (only those still held by this sender's claims: another
    // sender may have taken the campaign over and failed them meanwhile), so that nothing is
    // sent from memory on a claim that may no longer be this sender's.
    QList<ClaimedMessage> waiting;
    for (const Held &h : m_held) {
        waiting << h.message;
    }
    for (const Held &h : std::as_const(m_deferred)) {
        waiting << h.message;
    }
    m_held.clear();
    m_deferred.clear();
    if (!waiting.isEmpty()) {
        m_engine->release(waiting);
    }
}

void SendWorker::giveUpOnDatabase()
{
    m_gaveUpOnDatabase = true;
    m_outageTimer.stop();
    const qint64 waited = m_outage.elapsed() / 1000;
    m_outage.invalidate();
    const QString reason =
        tr("Sending stopped: %1 (for %2 s; the sender waits up to %3 s). Send the campaign again once the "
           "database is usable: recipients already messaged are not messaged again.\nLast error: %4")
            .arg(Database::describe(m_outageCause))
            .arg(waited)
            .arg(m_config.databasePatience.count() / 1000)
            .arg(m_outageError);
    if (m_state == State::Running) {
        beginDrain(SendResult::End::SenderStopped, reason);
    } else {
        // Already stopping for a reason of its own — the user's Cancel, Pause or the console
        // closing (Detach) — which stays the end: a cancel must not end as a pause, nor a
        // detach pause the campaign for the next sender. The database's failure is added.
        m_drainReason += (m_drainReason.isEmpty() ? QString() : u"\n"_s) + reason;
        QTimer::singleShot(0, this, &SendWorker::maybeFinish);
    }
}

void SendWorker::requestPause(const QString &reason)
{
    beginDrain(SendResult::End::Paused, reason.isEmpty() ? tr("paused by the user") : reason);
}

void SendWorker::requestCancel(const QString &reason)
{
    if (m_state == State::Draining) {
        m_drainEnd = SendResult::End::Cancelled; // a cancel overrides a pause in progress
        m_drainReason = reason.isEmpty() ? tr("cancelled by the user") : reason;
        return;
    }
    beginDrain(SendResult::End::Cancelled, reason.isEmpty() ? tr("cancelled by the user") : reason);
}

void SendWorker::requestDetach(const QString &reason)
{
    beginDrain(SendResult::End::Detached, reason);
}

void SendWorker::beginDrain(SendResult::End end, const QString &reason)
{
    if (m_state == State::Idle) {
        finish(end, reason);
        return;
    }
    if (m_state != State::Running) {
        return; // the first reason to stop is the one reported
    }
    m_state = State::Draining;
    m_drainEnd = end;
    m_drainReason = reason;
    m_pumpTimer.stop();
    for (const Held &h : m_held) {
        m_toRelease << h.message;
    }
    for (const Held &h : std::as_const(m_deferred)) {
        m_toRelease << h.message;
    }
    m_held.clear();
    m_deferred.clear();
    QTimer::singleShot(0, this, &SendWorker::maybeFinish);
}

void SendWorker::maybeFinish()
{
    if (m_state == State::Running) {
        if (!m_queueEmpty || !m_held.empty() || !m_deferred.isEmpty() || !m_inFlight.isEmpty()) {
            return;
        }
        if (!flush()) {
            return; // the database is failing: its retries come back here
        }
        if (m_state != State::Running) {
            return maybeFinish();
        }
        try {
            const Campaign c = CampaignStore(*m_db, Clock::system()).byId(m_config.campaignId);
            if (c.status != CampaignStatus::Running) {
                // Completed by our last batch, or paused or cancelled from elsewhere.
                m_state = State::Draining;
                m_drainEnd = endForStatus(c.status);
                m_drainReason = c.statusReason;
                return maybeFinish();
            }
            if (!m_lanes.out().isEmpty() && onlyOutNumbersLeft()) {
                return maybeFinish();
            }
            // Running with nothing claimable: retries are waiting for their time, recipients
            // outside their quiet hours for their window, or rows are in flight at another
            // worker sharing the campaign. The sender holds the campaign meanwhile, and fails
            // the rows of a sharer that died as "interrupted" as soon as it is seen dead, so
            // that the campaign need not wait out their lease.
            if (!m_retryWaitTimer.isActive()) {
                recoverDeadSenders();
                const QDateTime now = QDateTime::currentDateTimeUtc();
                m_windowWait = QuietHoursQueue::wait(*m_db, m_config.campaignId, now);
                QDateTime next = m_engine->nextRetryTime(m_config.campaignId);
                if (m_windowWait.nextOpening.isValid() &&
                    (!next.isValid() || m_windowWait.nextOpening < next)) {
                    next = m_windowWait.nextOpening;
                }
                if (m_windowWait.holding()) {
                    emitProgress();
                }
                const qint64 wait = next.isValid() ? QDateTime::currentDateTimeUtc().msecsTo(next) : 1000;
                m_retryWaitTimer.start(int(std::clamp<qint64>(wait, 10, 60'000)));
            }
        } catch (const DbError &e) {
            databaseFailed(e);
        }
        return;
    }
    if (m_state != State::Draining || !m_inFlight.isEmpty()) {
        return;
    }
    if (m_gaveUpOnDatabase) {
        try {
            recordOutcomes(); // the last try on the way out
        } catch (const DbError &) {
        }
    } else if (!flush()) {
        return; // the outage's retries come back here, or it gives up
    }
    SendResult::End end = m_drainEnd;
    QString reason = m_drainReason;
    try {
        m_toRelease << std::exchange(m_releaseLater, {});
        m_engine->release(m_toRelease);
        m_toRelease.clear();
        CampaignStore store(*m_db, Clock::system());
        const Campaign c = store.byId(m_config.campaignId);
        if (c.status == CampaignStatus::Completed) {
            end = SendResult::End::Completed;
            reason.clear();
        } else if (end == SendResult::End::Detached) {
            // Left running on purpose: the next sender (this console reopened, another one, a
            // worker) continues it.
        } else if (c.status == CampaignStatus::Running ||
                   (end == SendResult::End::Cancelled && c.status != CampaignStatus::Cancelled)) {
            const CampaignStatus to = end == SendResult::End::Cancelled ? CampaignStatus::Cancelled
                                      : end == SendResult::End::Stopped ? CampaignStatus::Stopped
                                                                        : CampaignStatus::Paused;
            store.transition(c.id, to, reason);
        }
    } catch (const DbError &e) {
        if (!m_gaveUpOnDatabase && e.cause() != DbError::Cause::None) {
            databaseFailed(e);
            return; // tried again by the outage's retries, or ended by giving up
        }
        reason += u"\n"_s + tr("The campaign's status could not be saved: %1").arg(e.message());
    }
    if (!m_outcomes.isEmpty()) {
        const int unrecorded = int(m_outcomes.size());
        reason +=
            u"\n"_s +
            tr("%n answer(s) from Meta could not be recorded: those recipients end failed \"interrupted\" "
               "when the campaign is sent again, and are never sent to automatically.",
               nullptr, unrecorded);
    }
    finish(end, reason);
}

void SendWorker::finish(SendResult::End end, const QString &reason)
{
    if (m_state == State::Done) {
        return;
    }
    m_state = State::Done;
    if (m_holding && m_db) {
        try {
            SenderPresence(*m_db, Clock::system(), m_config.senderStaleness)
                .release(m_config.campaignId, m_workerId);
        } catch (const DbError &e) {
            // The hold goes with this sender's heartbeat; another sender may then take over.
            qCWarning(lcSender, "could not give up the campaign: %s", qPrintable(e.message()));
        }
        m_holding = false;
    }
    m_pumpTimer.stop();
    m_recordTimer.stop();
    m_leaseTimer.stop();
    m_retryWaitTimer.stop();
    m_outageTimer.stop();
    m_progressTimer.stop();
    emitProgress();
    SendResult result;
    result.campaignId = m_config.campaignId;
    result.end = end;
    result.reason = reason;
    result.sent = m_runSent;
    result.failed = m_runFailed;
    result.seconds = m_clock.isValid() ? double(m_clock.elapsed()) / 1000.0 : 0;
    qCInfo(lcSender).noquote() << "campaign" << result.campaignId << "stopped after" << result.sent << "sent,"
                               << result.failed << "failed:" << int(end) << reason;
    Q_EMIT finished(result);
}

void SendWorker::emitProgress()
{
    SendProgress p;
    p.campaignId = m_config.campaignId;
    p.total = m_total;
    p.sent = m_baseSent + m_runSent;
    p.failed = m_baseFailed + m_runFailed;
    p.pending = std::max<qint64>(0, p.total - p.sent - p.failed);
    p.inFlight = int(m_inFlight.size());
    p.ceiling = m_lanes.rate();
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    const qint64 done = m_runSent + m_runFailed;
    m_rateSamples.append({now, done});
    while (m_rateSamples.size() > 2 && now - m_rateSamples.first().first > 5000) {
        m_rateSamples.removeFirst();
    }
    const qint64 dt = now - m_rateSamples.first().first;
    p.rate = dt > 0 ? double(done - m_rateSamples.first().second) * 1000.0 / double(dt) : 0;
    p.etaSeconds = p.rate > 0.1 ? qint64(double(p.pending) / p.rate) : -1;
    p.waitingForWindow = m_windowWait.waiting;
    p.windowOpensAt = m_windowWait.nextOpening;
    Q_EMIT progress(p);
}

} // namespace herald
