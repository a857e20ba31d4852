#include "simulator/TemplateEndpoint.h"

#include "simulator/SimulatorState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace herald {

using namespace Qt::StringLiterals;

namespace {

constexpr int kDefaultLimit = 25;
constexpr int kMaxLimit = 1000;

QJsonObject templateJson(const SimTemplate &t, const QSet<QString> &fields)
{
    auto want = [&fields](QLatin1StringView f) {
        return fields.isEmpty() || fields.contains(f);
    };
    QJsonObject o;
    if (want("name"_L1))
        o.insert("name"_L1, t.name);
    if (want("parameter_format"_L1) && !t.parameterFormat.isEmpty())
        o.insert("parameter_format"_L1, t.parameterFormat);
    if (want("components"_L1))
        o.insert("components"_L1, t.components);
    if (want("language"_L1))
        o.insert("language"_L1, t.language);
    if (want("status"_L1))
        o.insert("status"_L1, t.status);
    if (want("category"_L1))
        o.insert("category"_L1, t.category);
    if (want("previous_category"_L1) && !t.previousCategory.isEmpty())
        o.insert("previous_category"_L1, t.previousCategory);
    o.insert("id"_L1, t.id);
    return o;
}

QString pageUrl(const SimulatorState &state, const SimRequest &request, const QString &cursorName,
                const QString &cursor)
{
    QUrlQuery query = request.query;
    query.removeAllQueryItems(u"after"_s);
    query.removeAllQueryItems(u"before"_s);
    query.addQueryItem(cursorName, cursor);
    return state.baseUrl() + request.path + u'?' + query.toString(QUrl::FullyEncoded);
}

} // namespace

QString TemplateEndpoint::encodeCursor(int index)
{
    // Graph's cursors are base64 with 'Z' escaped as "ZA" and '=' as "ZD" ("MAZDZD" is 0).
    QString b64 = QString::fromLatin1(QByteArray::number(index).toBase64());
    b64.replace(u'Z', u"ZA"_s);
    b64.replace(u'=', u"ZD"_s);
    return b64;
}

int TemplateEndpoint::decodeCursor(const QString &cursor)
{
    QString b64 = cursor;
    b64.replace(u"ZD"_s, u"="_s);
    b64.replace(u"ZA"_s, u"Z"_s);
    const auto decoded =
        QByteArray::fromBase64Encoding(b64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return -1;
    bool ok = false;
    const int index = decoded.decoded.toInt(&ok);
    return ok && index >= 0 ? index : -1;
}

SimAnswer TemplateEndpoint::handle(SimulatorState &state, const SimulatorConfig &, const SimRequest &request)
{
    const QUrlQuery &q = request.query;
    int limit = kDefaultLimit;
    if (q.hasQueryItem(u"limit"_s)) {
        bool ok = false;
        limit = q.queryItemValue(u"limit"_s).toInt(&ok);
        if (!ok || limit <= 0)
            return SimAnswer::error(SimGraphError::invalidParameter(u"limit must be a positive integer"_s));
        limit = qMin(limit, kMaxLimit);
    }
    QSet<QString> fields;
    const auto fieldList = q.queryItemValue(u"fields"_s, QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts);
    for (const QString &f : fieldList)
        fields.insert(f.trimmed());
    const QString nameFilter = q.queryItemValue(u"name"_s, QUrl::FullyDecoded);

    TemplateCatalogue::Page page;
    const QString after = q.queryItemValue(u"after"_s, QUrl::FullyDecoded);
    const QString before = q.queryItemValue(u"before"_s, QUrl::FullyDecoded);
    if (!after.isEmpty()) {
        const int index = decodeCursor(after);
        if (index < 0)
            return SimAnswer::error(SimGraphError::invalidParameter(u"Invalid cursor in 'after'."_s));
        page = state.catalogue().page(index + 1, limit, false, nameFilter);
    } else if (!before.isEmpty()) {
        const int index = decodeCursor(before);
        if (index < 0)
            return SimAnswer::error(SimGraphError::invalidParameter(u"Invalid cursor in 'before'."_s));
        page = state.catalogue().pageBefore(index, limit, nameFilter);
    } else {
        page = state.catalogue().page(0, limit, true, nameFilter);
    }
    state.log().countTemplateListing();

    QJsonArray data;
    for (const SimTemplate &t : std::as_const(page.items))
        data.append(templateJson(t, fields));
    QJsonObject result{{"data"_L1, data}};
    if (!page.items.isEmpty()) {
        const QString first = encodeCursor(page.firstIndex);
        const QString last = encodeCursor(page.firstIndex + int(page.items.size()) - 1);
        QJsonObject paging{{"cursors"_L1, QJsonObject{{"before"_L1, first}, {"after"_L1, last}}}};
        if (page.firstIndex > 0)
            paging.insert("previous"_L1, pageUrl(state, request, u"before"_s, first));
        if (page.hasMore)
            paging.insert("next"_L1, pageUrl(state, request, u"after"_s, last));
        result.insert("paging"_L1, paging);
    }
    return SimAnswer::json(200, QJsonDocument(result).toJson(QJsonDocument::Compact));
}

} // namespace herald
