#include "templates/CampaignReadiness.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "queue/Campaign.h"
#include "templates/TemplateParser.h"
#include "templates/TemplateStore.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

bool hasValue(const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull()) {
        return false;
    }
    return !v.isString() || !v.toString().trimmed().isEmpty();
}

} // namespace

CampaignReadiness::CampaignReadiness(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

ReadinessReport CampaignReadiness::check(const Campaign &campaign) const
{
    ReadinessReport report;
    report.defaults = campaign.settings.value("defaults"_L1).toObject();
    const QString shown = campaign.templateName + u" ("_s + campaign.templateLanguage + u')';

    report.templ = TemplateStore(m_db, m_clock).find(campaign.templateName, campaign.templateLanguage);
    if (!report.templ) {
        report.refusals << tr("template %1 is not in the synced list; run templates sync").arg(shown);
        return report;
    }
    const TemplateRecord &t = *report.templ;
    if (!t.isApproved()) {
        report.refusals << tr("template %1 is %2: only APPROVED templates can be sent").arg(shown, t.status);
    }
    if (!t.previousCategory.isEmpty() && t.categoryChangedAt.isValid() &&
        t.categoryChangedAt.daysTo(m_clock.now()) <= CategoryWarningDays) {
        report.warnings
            << tr("Meta changed the category of template %1 from %2 to %3 on %4 (UTC); messages are "
                  "charged as %3%5")
                   .arg(shown, t.previousCategory, t.category, t.categoryChangedAt.toString(u"yyyy-MM-dd"_s),
                        t.category == "MARKETING"_L1 ? tr(" and count towards the marketing limits")
                                                     : QString());
    }

    const ParsedTemplate parsed = TemplateParser::parse(t.components, t.parameterFormat);
    for (const QString &problem : parsed.problems) {
        report.refusals << tr("template %1: %2").arg(shown, problem);
    }
    report.templateSlots = parsed.templateSlots;

    const QStringList keys = parsed.templateSlots.keys();
    const QList<qint64> missing = countMissing(campaign.id, keys, &report.contacts);
    if (report.contacts == 0) {
        report.refusals << tr("campaign \"%1\" has no messages queued to send").arg(campaign.name);
    }
    for (qsizetype i = 0; i < keys.size(); ++i) {
        ReadinessReport::KeyCoverage c;
        c.key = keys.at(i);
        c.missing = missing.value(i);
        c.hasDefault = hasValue(report.defaults.value(c.key));
        report.coverage << c;
        if (c.missing > 0 && !c.hasDefault) {
            const int missingCount = int(c.missing);
            report.refusals << tr("%1 has no value for %Ln contact(s) and no campaign default", nullptr,
                                  missingCount)
                                   .arg(c.key);
        }
    }
    return report;
}

QList<qint64> CampaignReadiness::countMissing(const QString &campaignId, const QStringList &keys,
                                              qint64 *total) const
{
    // Only rows still to be sent matter: sent and failed ones will not be filled again (a
    // resend puts them back to ready, and the check runs again before the campaign resumes).
    // An empty text counts as missing: Meta refuses an empty parameter.
    QString sql = u"SELECT count(*)"_s;
    QVariantList values;
    for (const QString &key : keys) {
        if (m_db.isPostgres()) {
            // ->> rather than the jsonb ? operator, which Qt would take for a placeholder.
            sql += u", count(*) FILTER (WHERE COALESCE(params ->> CAST(? AS text), '') = '')"_s;
            values << key;
        } else {
            sql += u", sum(CASE WHEN COALESCE(json_extract(params, ?), '') = '' THEN 1 ELSE 0 END)"_s;
            // Quoted: the keys contain a dot, which a JSON path would read as nesting.
            values << QString(u"$.\""_s + key + u'"');
        }
    }
    sql += u" FROM send_queue WHERE campaign_id = ? AND status = 'ready'"_s;
    values << campaignId;
    QSqlQuery q = m_db.run(sql, values);
    QList<qint64> out;
    if (q.next()) {
        *total = q.value(0).toLongLong();
        for (qsizetype i = 0; i < keys.size(); ++i) {
            out << q.value(int(i) + 1).toLongLong(); // sum() of no rows is NULL: 0
        }
    }
    return out;
}

} // namespace herald
