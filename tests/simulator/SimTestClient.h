#pragma once

// Test-side HTTP client for the simulator tests: real QNetworkAccessManager requests against
// 127.0.0.1, spread over several managers (Qt 6.4 opens at most six connections per manager).

#include "simulator/CloudApiSimulator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>

#include <memory>
#include <vector>

namespace herald::test {

struct HttpResult
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray contentType;
    QJsonObject json;
    qint64 elapsedMs = 0;

    int graphCode() const
    {
        return json.value(QLatin1StringView("error")).toObject().value(QLatin1StringView("code")).toInt();
    }
    QString wamid() const
    {
        return json.value(QLatin1StringView("messages"))
            .toArray()
            .at(0)
            .toObject()
            .value(QLatin1StringView("id"))
            .toString();
    }
};

inline QJsonObject templateMessage(const QString &to, const QString &name = QStringLiteral("order_update"),
                                   const QString &language = QStringLiteral("en_US"),
                                   const QStringList &bodyParams = {QStringLiteral("Alex"),
                                                                    QStringLiteral("A12345")})
{
    QJsonArray params;
    for (const QString &p : bodyParams)
        params.append(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), p}});
    QJsonArray components;
    if (!bodyParams.isEmpty())
        components.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("body")},
                                      {QStringLiteral("parameters"), params}});
    return QJsonObject{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                       {QStringLiteral("recipient_type"), QStringLiteral("individual")},
                       {QStringLiteral("to"), to},
                       {QStringLiteral("type"), QStringLiteral("template")},
                       {QStringLiteral("template"),
                        QJsonObject{{QStringLiteral("name"), name},
                                    {QStringLiteral("language"),
                                     QJsonObject{{QStringLiteral("policy"), QStringLiteral("deterministic")},
                                                 {QStringLiteral("code"), language}}},
                                    {QStringLiteral("components"), components}}}};
}

class SimTestClient
{
public:
    explicit SimTestClient(int managers = 4)
    {
        for (int i = 0; i < managers; ++i)
            m_managers.push_back(std::make_unique<QNetworkAccessManager>());
    }

    QNetworkReply *post(const QUrl &url, const QByteArray &body, const QString &token, int timeoutMs = 0)
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!token.isEmpty())
            request.setRawHeader(QByteArrayLiteral("Authorization"),
                                 QByteArrayLiteral("Bearer ") + token.toUtf8());
        if (timeoutMs > 0)
            request.setTransferTimeout(timeoutMs);
        return next().post(request, body);
    }

    QNetworkReply *get(const QUrl &url, const QString &token, int timeoutMs = 0)
    {
        QNetworkRequest request(url);
        if (!token.isEmpty())
            request.setRawHeader(QByteArrayLiteral("Authorization"),
                                 QByteArrayLiteral("Bearer ") + token.toUtf8());
        if (timeoutMs > 0)
            request.setTransferTimeout(timeoutMs);
        return next().get(request);
    }

    // Waits (bounded) for every reply, then collects and deletes them.
    static std::vector<HttpResult> collect(const std::vector<QNetworkReply *> &replies, int timeoutMs = 20000)
    {
        QElapsedTimer clock;
        clock.start();
        std::vector<qint64> doneAt(replies.size(), -1);
        [[maybe_unused]] const bool allFinished = QTest::qWaitFor(
            [&] {
                bool all = true;
                for (std::size_t i = 0; i < replies.size(); ++i) {
                    if (doneAt[i] < 0 && replies[i]->isFinished())
                        doneAt[i] = clock.elapsed();
                    all = all && doneAt[i] >= 0;
                }
                return all;
            },
            timeoutMs);
        std::vector<HttpResult> results;
        for (std::size_t i = 0; i < replies.size(); ++i) {
            QNetworkReply *reply = replies[i];
            HttpResult r;
            r.finished = reply->isFinished();
            if (!r.finished)
                reply->abort();
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.error = reply->error();
            if (reply->isOpen())
                r.body = reply->readAll();
            r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
            r.json = QJsonDocument::fromJson(r.body).object();
            r.elapsedMs = doneAt[i];
            reply->deleteLater();
            results.push_back(r);
        }
        return results;
    }

    HttpResult send(const CloudApiSimulator &sim, const QJsonObject &message, int timeoutMs = 0)
    {
        return sendRaw(sim, QJsonDocument(message).toJson(QJsonDocument::Compact), sim.config().accessToken,
                       timeoutMs);
    }

    HttpResult sendRaw(const CloudApiSimulator &sim, const QByteArray &body, const QString &token,
                       int timeoutMs = 0)
    {
        QElapsedTimer clock;
        clock.start();
        auto results = collect({post(sim.messagesUrl(), body, token, timeoutMs)});
        results.front().elapsedMs = clock.elapsed();
        return results.front();
    }

    HttpResult fetch(const QUrl &url, const QString &token) { return collect({get(url, token)}).front(); }

private:
    QNetworkAccessManager &next()
    {
        QNetworkAccessManager &m = *m_managers[m_next];
        m_next = (m_next + 1) % m_managers.size();
        return m;
    }

    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::size_t m_next = 0;
};

} // namespace herald::test
