#include "simulator/StatusCallbacks.h"

#include "simulator/SimRandom.h"
#include "simulator/SimulatorState.h"
#include "webhook/WebhookSignature.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

constexpr int kMaxTries = 8;
constexpr int kMaxInFlight = 4;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Meta's wording of the two late failures a marketing message meets most.
QJsonObject errorObject(int code)
{
    const bool ecosystem = code == 131049;
    const QString title = ecosystem
                              ? u"This message was not delivered to maintain healthy ecosystem engagement."_s
                              : u"Re-engagement message"_s;
    const QString details =
        ecosystem
            ? u"In order to maintain a healthy ecosystem engagement, the message failed to be delivered."_s
            : u"Message failed to send because more than 24 hours have passed since the customer last "
              "replied to this number."_s;
    return {{u"code"_s, code},
            {u"title"_s, title},
            {u"message"_s, title},
            {u"error_data"_s, QJsonObject{{u"details"_s, details}}}};
}

} // namespace

// The callback thread has stopped by now (CloudApiSimulator::stop waits for it), but that order
// is kept inside QtCore, which ThreadSanitizer cannot see into: its last take() looked like a
// race with this destructor. Taking the lock that take() released makes the order explicit.
StatusInbox::~StatusInbox()
{
    QMutexLocker lock(&m_mutex);
}

void StatusInbox::push(const AcceptedSend &send)
{
    QMutexLocker lock(&m_mutex);
    m_inbox.append(send);
}

QList<AcceptedSend> StatusInbox::take()
{
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_inbox, {});
}

qint64 StatusInbox::pending() const
{
    QMutexLocker lock(&m_mutex);
    return m_pending.load() + m_inbox.size();
}

StatusInbox::Counts StatusInbox::counts() const
{
    QMutexLocker lock(&m_mutex);
    return m_counts;
}

void StatusInbox::add(qint64 Counts::*field, qint64 n)
{
    QMutexLocker lock(&m_mutex);
    m_counts.*field += n;
}

StatusCallbackSender::StatusCallbackSender(SimulatorState &state, QObject *parent)
    : QObject(parent)
    , m_state(state)
{}

StatusCallbackSender::~StatusCallbackSender() = default;

void StatusCallbackSender::start()
{
    m_network = new QNetworkAccessManager(this);
    m_timer = new QTimer(this);
    m_timer->setInterval(20);
    connect(m_timer, &QTimer::timeout, this, &StatusCallbackSender::tick);
    m_timer->start();
}

void StatusCallbackSender::stop()
{
    if (m_timer) {
        m_timer->stop();
    }
    qint64 unsent = qint64(m_due.size());
    for (const auto &[due, post] : m_retries) {
        unsent += post.statuses.size();
    }
    m_due.clear();
    m_retries.clear();
    m_state.statusInbox().m_pending.fetch_sub(unsent);
    if (m_network) {
        for (QNetworkReply *reply : m_network->findChildren<QNetworkReply *>()) {
            reply->abort();
        }
    }
}

void StatusCallbackSender::schedule(qint64 dueMs, const Status &s)
{
    m_due.emplace(dueMs, s);
    m_state.statusInbox().m_pending.fetch_add(1);
    m_state.statusInbox().add(&StatusInbox::Counts::scheduled, 1);
}

void StatusCallbackSender::plan(const SimulatorConfig &c, const AcceptedSend &a)
{
    const quint64 key = SimRandom::hash(a.recipient);
    const quint64 id = SimRandom::hash(a.wamid);
    const auto draw = [&](quint64 salt) {
        return SimRandom::unit(c.seed, key, id, salt);
    };
    const auto add = [&](const QString &status, qint64 afterMs, int errorCode, quint64 salt) {
        Status s{a.recipient, a.wamid, a.bizOpaqueCallbackData, status, errorCode, a.acceptedMs + afterMs};
        const qint64 moved = c.reorderMs > 0 ? qint64(draw(salt ^ SimRandom::Reorder) * c.reorderMs) : 0;
        schedule(s.atMs + moved, s);
        if (draw(salt ^ SimRandom::Duplicate) < c.duplicateShare) {
            schedule(s.atMs + moved + 200 + qint64(draw(salt) * 1000), s); // Meta sends some twice
        }
    };
    add(u"sent"_s, 50, 0, 1);
    auto &inbox = m_state.statusInbox();
    const double fate = draw(SimRandom::LateFailure);
    if (fate < c.lateFailureShare) {
        // Half of the late failures are the per-user marketing limit, half the closed window.
        add(u"failed"_s, c.deliveredAfterMs, fate < c.lateFailureShare / 2 ? 131049 : 131047, 2);
        inbox.add(&StatusInbox::Counts::failed, 1);
        return;
    }
    add(u"delivered"_s, c.deliveredAfterMs, 0, 3);
    inbox.add(&StatusInbox::Counts::delivered, 1);
    if (draw(SimRandom::Read) < c.readShare) {
        add(u"read"_s, qMax(c.readAfterMs, c.deliveredAfterMs), 0, 4);
        inbox.add(&StatusInbox::Counts::read, 1);
    }
}

void StatusCallbackSender::tick()
{
    const auto config = m_state.config();
    const QList<AcceptedSend> accepted = m_state.statusInbox().take();
    if (config->statusWebhookUrl.isEmpty()) {
        return;
    }
    for (const AcceptedSend &a : accepted) {
        plan(*config, a);
    }
    const qint64 now = nowMs();
    while (m_inFlight < kMaxInFlight && !m_retries.empty() && m_retries.begin()->first <= now) {
        Post post = std::move(m_retries.begin()->second);
        m_retries.erase(m_retries.begin());
        send(*config, std::move(post));
    }
    while (m_inFlight < kMaxInFlight && !m_due.empty() && m_due.begin()->first <= now) {
        Post post;
        while (!m_due.empty() && m_due.begin()->first <= now && post.statuses.size() < config->webhookBatch) {
            post.statuses.append(m_due.begin()->second);
            m_due.erase(m_due.begin());
        }
        send(*config, std::move(post));
    }
}

QByteArray StatusCallbackSender::body(const SimulatorConfig &c, const QList<Status> &statuses) const
{
    QJsonArray items;
    for (const Status &s : statuses) {
        QJsonObject o{{u"id"_s, s.wamid},
                      {u"status"_s, s.status},
                      {u"timestamp"_s, QString::number(s.atMs / 1000)},
                      {u"recipient_id"_s, s.recipient}};
        if (!s.bizOpaque.isEmpty()) {
            o.insert(u"biz_opaque_callback_data"_s, s.bizOpaque);
        }
        if (s.status == "failed"_L1) {
            o.insert(u"errors"_s, QJsonArray{errorObject(s.errorCode)});
        } else {
            o.insert(u"conversation"_s, QJsonObject{{u"id"_s, QString(u"sim-conversation-"_s + s.recipient)},
                                                    {u"origin"_s, QJsonObject{{u"type"_s, u"marketing"_s}}}});
            o.insert(u"pricing"_s, QJsonObject{{u"billable"_s, true},
                                               {u"pricing_model"_s, u"PMP"_s},
                                               {u"category"_s, u"marketing"_s}});
        }
        items.append(o);
    }
    QString display = c.displayPhoneNumber;
    static const QRegularExpression notDigit(u"[^0-9]"_s);
    display.remove(notDigit);
    const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                            {u"metadata"_s, QJsonObject{{u"display_phone_number"_s, display},
                                                        {u"phone_number_id"_s, c.phoneNumberId}}},
                            {u"statuses"_s, items}};
    const QJsonObject root{
        {u"object"_s, u"whatsapp_business_account"_s},
        {u"entry"_s,
         QJsonArray{QJsonObject{
             {u"id"_s, c.wabaId},
             {u"changes"_s, QJsonArray{QJsonObject{{u"value"_s, value}, {u"field"_s, u"messages"_s}}}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

void StatusCallbackSender::send(const SimulatorConfig &c, Post post)
{
    post.tries += 1;
    const QByteArray payload = body(c, post.statuses);
    const QByteArray secret = c.webhookWrongSecret ? c.webhookAppSecret + "-wrong" : c.webhookAppSecret;
    QNetworkRequest request{QUrl(c.statusWebhookUrl)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setRawHeader("X-Hub-Signature-256", WebhookSignature::sign(payload, secret));
    request.setTransferTimeout(20'000);
    QNetworkReply *reply = m_network->post(request, payload);
    ++m_inFlight;
    connect(reply, &QNetworkReply::finished, this, [this, reply, post = std::move(post)] {
        --m_inFlight;
        answered(reply, post);
    });
}

void StatusCallbackSender::answered(QNetworkReply *reply, Post post)
{
    reply->deleteLater();
    auto &inbox = m_state.statusInbox();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status == 200) {
        inbox.add(&StatusInbox::Counts::posts, 1);
        inbox.add(&StatusInbox::Counts::posted, post.statuses.size());
        inbox.m_pending.fetch_sub(post.statuses.size());
        return;
    }
    if (reply->error() == QNetworkReply::OperationCanceledError && !m_timer->isActive()) {
        inbox.m_pending.fetch_sub(post.statuses.size()); // stopped: never to be sent
        return;
    }
    inbox.add(&StatusInbox::Counts::refused, 1);
    if (post.tries >= kMaxTries) {
        inbox.add(&StatusInbox::Counts::dropped, post.statuses.size());
        inbox.m_pending.fetch_sub(post.statuses.size());
        return;
    }
    // 1 s, 2 s, 4 s … (by default) at most 30 s between tries.
    const qint64 pause = qMin<qint64>(30'000, qint64(m_state.config()->webhookRetryMs) << (post.tries - 1));
    m_retries.emplace(nowMs() + pause, std::move(post));
}

} // namespace herald
