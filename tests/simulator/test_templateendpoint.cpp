// GET /{version}/{waba-id}/message_templates over real HTTP: cursor paging, fields, name
// filter and scripted category changes.

#include "SimTestClient.h"
#include "simulator/CloudApiSimulator.h"
#include "simulator/TemplateCatalogue.h"
#include "simulator/TemplateEndpoint.h"

#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestTemplateEndpoint : public QObject
{
    Q_OBJECT

private:
    static std::unique_ptr<CloudApiSimulator> startSimulator(const SimulatorConfig &config = {})
    {
        auto sim = std::make_unique<CloudApiSimulator>(config);
        QString error;
        if (!sim->start(0, &error))
            qWarning("start failed: %s", qPrintable(error));
        return sim;
    }

    static QUrl listingUrl(const CloudApiSimulator &sim, int limit, const QString &fields = {})
    {
        QUrl url = sim.templatesUrl();
        QUrlQuery query;
        query.addQueryItem(u"limit"_s, QString::number(limit));
        if (!fields.isEmpty())
            query.addQueryItem(u"fields"_s, fields);
        url.setQuery(query);
        return url;
    }

    // Follows paging.next to the end; returns every template seen and the number of pages.
    static QList<QJsonObject> walk(SimTestClient &client, const CloudApiSimulator &sim, QUrl url, int *pages)
    {
        QList<QJsonObject> all;
        *pages = 0;
        while (url.isValid() && *pages < 50) {
            const HttpResult r = client.fetch(url, sim.config().accessToken);
            if (r.status != 200)
                break;
            ++*pages;
            const QJsonArray data = r.json.value("data"_L1).toArray();
            for (const QJsonValue &v : data)
                all.append(v.toObject());
            const QString next = r.json.value("paging"_L1).toObject().value("next"_L1).toString();
            url = next.isEmpty() ? QUrl() : QUrl(next);
        }
        return all;
    }

private Q_SLOTS:
    void cursors_roundTripAndLookLikeGraphs()
    {
        QCOMPARE(TemplateEndpoint::encodeCursor(0), u"MAZDZD"_s); // Graph's own first cursor
        QCOMPARE(TemplateEndpoint::encodeCursor(24), u"MjQZD"_s);
        for (int i : {0, 1, 9, 10, 99, 123456})
            QCOMPARE(TemplateEndpoint::decodeCursor(TemplateEndpoint::encodeCursor(i)), i);
        QCOMPARE(TemplateEndpoint::decodeCursor(u"not a cursor!"_s), -1);
    }

    void listing_pagingWalksEveryTemplateOnce()
    {
        auto sim = startSimulator();
        SimTestClient client;
        int pages = 0;
        const QList<QJsonObject> all = walk(client, *sim, listingUrl(*sim, 2), &pages);
        const int expected = int(SimulatorConfig::defaultTemplates().size());
        QCOMPARE(all.size(), expected);
        QCOMPARE(pages, (expected + 1) / 2);
        QSet<QString> ids;
        for (const QJsonObject &t : all) {
            ids.insert(t.value("id"_L1).toString());
            QVERIFY(!t.value("name"_L1).toString().isEmpty());
            QVERIFY(t.value("components"_L1).isArray());
        }
        QCOMPARE(ids.size(), expected);
        QCOMPARE(sim->log().totals().templateListings, pages);
    }

    void listing_pageCarriesCursorsAndAbsoluteNextUrl()
    {
        auto sim = startSimulator();
        SimTestClient client;
        const HttpResult first =
            client.fetch(listingUrl(*sim, 3, u"name,status"_s), sim->config().accessToken);
        QCOMPARE(first.status, 200);
        const QJsonObject paging = first.json.value("paging"_L1).toObject();
        QCOMPARE(paging.value("cursors"_L1).toObject().value("before"_L1).toString(), u"MAZDZD"_s);
        QVERIFY(!paging.value("cursors"_L1).toObject().value("after"_L1).toString().isEmpty());
        QVERIFY(!paging.contains("previous"_L1));
        const QUrl next(paging.value("next"_L1).toString());
        QCOMPARE(next.scheme(), u"http"_s);
        QCOMPARE(next.port(), int(sim->port()));
        QCOMPARE(next.path(), sim->templatesUrl().path());
        QCOMPARE(QUrlQuery(next).queryItemValue(u"limit"_s), u"3"_s);
        QCOMPARE(QUrlQuery(next).queryItemValue(u"fields"_s), u"name,status"_s);

        const HttpResult second = client.fetch(next, sim->config().accessToken);
        QCOMPARE(second.status, 200);
        QVERIFY(second.json.value("paging"_L1).toObject().contains("previous"_L1));
        const QJsonObject firstOfSecond = second.json.value("data"_L1).toArray().at(0).toObject();
        // fields= limits the members; id always comes along.
        QCOMPARE(firstOfSecond.keys(), (QStringList{u"id"_s, u"name"_s, u"status"_s}));

        const QUrl previous(second.json.value("paging"_L1).toObject().value("previous"_L1).toString());
        const HttpResult back = client.fetch(previous, sim->config().accessToken);
        QCOMPARE(back.json.value("data"_L1).toArray(), first.json.value("data"_L1).toArray());
    }

    void listing_lastPageHasNoNext()
    {
        auto sim = startSimulator();
        SimTestClient client;
        const HttpResult all = client.fetch(listingUrl(*sim, 100), sim->config().accessToken);
        QCOMPARE(all.json.value("data"_L1).toArray().size(), SimulatorConfig::defaultTemplates().size());
        QVERIFY(!all.json.value("paging"_L1).toObject().contains("next"_L1));
    }

    void listing_filtersByName()
    {
        auto sim = startSimulator();
        SimTestClient client;
        QUrl url = sim->templatesUrl();
        url.setQuery(u"name=order_update"_s);
        const HttpResult r = client.fetch(url, sim->config().accessToken);
        const QJsonArray data = r.json.value("data"_L1).toArray();
        QCOMPARE(data.size(), 2);
        for (const QJsonValue &v : data)
            QCOMPARE(v.toObject().value("name"_L1).toString(), u"order_update"_s);
    }

    void listing_rejectsBadTokensCursorsAndWabaIds()
    {
        auto sim = startSimulator();
        SimTestClient client;
        QCOMPARE(client.fetch(sim->templatesUrl(), u"nope"_s).graphCode(), 190);
        QUrl badCursor = sim->templatesUrl();
        badCursor.setQuery(u"after=%%%"_s);
        QCOMPARE(client.fetch(badCursor, sim->config().accessToken).graphCode(), 100);
        const QUrl otherWaba(sim->baseUrl().toString() + u"/v23.0/1/message_templates"_s);
        QCOMPARE(client.fetch(otherWaba, sim->config().accessToken).graphCode(), 100);
        // Graph also takes the token as a query item.
        QUrl withToken = sim->templatesUrl();
        withToken.setQuery(u"access_token="_s + sim->config().accessToken);
        QCOMPARE(client.fetch(withToken, QString()).status, 200);
    }

    void categoryChange_appearsFromTheListingAfterTheScriptedOne()
    {
        SimulatorConfig config;
        config.categoryChanges.append(CategoryChange{1, u"order_update"_s, u"en_US"_s, u"MARKETING"_s});
        auto sim = startSimulator(config);
        SimTestClient client;
        auto find = [](const QList<QJsonObject> &all, const QString &language) {
            for (const QJsonObject &t : all) {
                if (t.value("name"_L1).toString() == "order_update"_L1 &&
                    t.value("language"_L1).toString() == language)
                    return t;
            }
            return QJsonObject();
        };
        const QString fields = u"name,language,status,category,previous_category,components"_s;
        int pages = 0;
        const QList<QJsonObject> firstListing = walk(client, *sim, listingUrl(*sim, 2, fields), &pages);
        QCOMPARE(find(firstListing, u"en_US"_s).value("category"_L1).toString(), u"UTILITY"_s);
        QVERIFY(!find(firstListing, u"en_US"_s).contains("previous_category"_L1));

        const QList<QJsonObject> secondListing = walk(client, *sim, listingUrl(*sim, 2, fields), &pages);
        const QJsonObject changed = find(secondListing, u"en_US"_s);
        QCOMPARE(changed.value("category"_L1).toString(), u"MARKETING"_s);
        QCOMPARE(changed.value("previous_category"_L1).toString(), u"UTILITY"_s);
        // Only the scripted language changed.
        QCOMPARE(find(secondListing, u"de"_s).value("category"_L1).toString(), u"UTILITY"_s);
        QCOMPARE(sim->catalogue().listingCount(), 2);
    }

    void catalogue_countsDistinctPlaceholders()
    {
        QCOMPARE(TemplateCatalogue::countPlaceholders(u"Hi {{1}}, order {{2}}, again {{1}}"_s), 2);
        QCOMPARE(TemplateCatalogue::countPlaceholders(u"Hello {{first_name}} on {{ date }}"_s), 2);
        QCOMPARE(TemplateCatalogue::countPlaceholders(u"No placeholders"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestTemplateEndpoint)
#include "test_templateendpoint.moc"
