#pragma once

#include "webhook/WebhookTypes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace herald::test {

// Fixtures live in tests/data/webhook. CTest passes HERALD_TEST_DATA; when that does not hold
// the file (a test started by hand), the source path compiled in is used.
inline QByteArray readWebhookData(const QString &name)
{
    const QString relative = QStringLiteral("/webhook/") + name;
    QString path = qEnvironmentVariable("HERALD_TEST_DATA") + relative;
    if (!QFile::exists(path)) {
        path = QStringLiteral(HERALD_SOURCE_TEST_DATA) + relative;
    }
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One status object as Meta sends it.
inline QJsonObject statusObject(const QString &wamid, DeliveryStatus status, qint64 unixSeconds,
                                const QString &callbackData = {}, int errorCode = 131049)
{
    QJsonObject o{{QStringLiteral("id"), wamid},
                  {QStringLiteral("status"), deliveryStatusName(status)},
                  {QStringLiteral("timestamp"), QString::number(unixSeconds)},
                  {QStringLiteral("recipient_id"), QStringLiteral("4915100000000")}};
    if (!callbackData.isEmpty()) {
        o.insert(QStringLiteral("biz_opaque_callback_data"), callbackData);
    }
    if (status == DeliveryStatus::Failed) {
        const QJsonObject errorData{{QStringLiteral("details"), QStringLiteral("late")}};
        const QJsonObject error{{QStringLiteral("code"), errorCode},
                                {QStringLiteral("title"), QStringLiteral("Not delivered")},
                                {QStringLiteral("error_data"), errorData}};
        o.insert(QStringLiteral("errors"), QJsonArray{error});
    }
    return o;
}

// A whole webhook body holding these statuses, for one business number.
inline QByteArray statusBody(const QJsonArray &statuses,
                             const QString &phoneNumberId = QStringLiteral("1065"))
{
    const QJsonObject value{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("phone_number_id"), phoneNumberId}}},
        {QStringLiteral("statuses"), statuses}};
    const QJsonObject change{{QStringLiteral("field"), QStringLiteral("messages")},
                             {QStringLiteral("value"), value}};
    const QJsonObject entry{{QStringLiteral("id"), QStringLiteral("1022")},
                            {QStringLiteral("changes"), QJsonArray{change}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
                                     {QStringLiteral("entry"), QJsonArray{entry}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace herald::test
