#include "db/SchemaDoctor.h"

#include "db/Database.h"
#include "db/DbError.h"
#include "db/Migrator.h"

#include <QCoreApplication>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SchemaDoctor", text);
}

struct ExpectedTable
{
    QString name;
    QStringList columns;
};

const QList<ExpectedTable> &expectedTables()
{
    static const QList<ExpectedTable> tables = {
        {u"herald_schema"_s, {u"version"_s, u"name"_s, u"applied_at"_s}},
        {u"campaigns"_s,
         {u"id"_s, u"name"_s, u"template_name"_s, u"template_language"_s, u"phone_number_id"_s, u"status"_s,
          u"status_reason"_s, u"total_contacts"_s, u"total_sent"_s, u"total_failed"_s, u"settings"_s,
          u"created_at"_s, u"scheduled_at"_s, u"start_time"_s, u"end_time"_s, u"updated_at"_s,
          u"total_delivered"_s, u"total_read"_s, u"total_failed_after_send"_s}},
        {u"send_queue"_s,
         {u"id"_s,
          u"campaign_id"_s,
          u"phone"_s,
          u"contact_name"_s,
          u"params"_s,
          u"source_line"_s,
          u"status"_s,
          u"attempts"_s,
          u"next_attempt_at"_s,
          u"claimed_by"_s,
          u"claimed_at"_s,
          u"wamid"_s,
          u"error_code"_s,
          u"error_reason"_s,
          u"error_details"_s,
          u"fbtrace_id"_s,
          u"sent_at"_s,
          u"updated_at"_s,
          u"claim_count"_s,
          u"failed_at"_s,
          u"region"_s,
          u"delivered_at"_s,
          u"read_at"_s,
          u"late_failed_at"_s,
          u"late_error_code"_s,
          u"late_error_reason"_s,
          u"late_error_details"_s,
          u"phone_number_id"_s}},
        {u"campaign_minutes"_s, {u"campaign_id"_s, u"minute"_s, u"sent"_s, u"failed"_s}},
        {u"senders"_s,
         {u"id"_s, u"kind"_s, u"host"_s, u"pid"_s, u"started_at"_s, u"heartbeat_at"_s, u"name"_s, u"scope"_s,
          u"rate"_s}},
        {u"campaign_holds"_s, {u"campaign_id"_s, u"sender_id"_s, u"since"_s}},
        {u"templates"_s,
         {u"id"_s, u"name"_s, u"language"_s, u"status"_s, u"category"_s, u"previous_category"_s,
          u"category_changed_at"_s, u"components"_s, u"parameter_format"_s, u"updated_at"_s}},
        {u"daily_summary"_s, {u"day"_s, u"campaign_id"_s, u"sent"_s, u"failed"_s, u"delivered"_s, u"read"_s}},
        {u"opt_outs"_s, {u"phone"_s, u"source"_s, u"reason"_s, u"created_at"_s}},
        {u"app_settings"_s, {u"key"_s, u"value"_s}},
        {u"rate_cards"_s,
         {u"id"_s, u"name"_s, u"effective_date"_s, u"currency"_s, u"is_example"_s, u"source"_s,
          u"imported_at"_s}},
        {u"rate_card_markets"_s, {u"card_id"_s, u"market"_s, u"rest_of_world"_s, u"position"_s}},
        {u"rate_card_countries"_s, {u"card_id"_s, u"region"_s, u"market"_s}},
        {u"rate_card_prices"_s, {u"card_id"_s, u"market"_s, u"category"_s, u"price_micros"_s}},
        {u"cost_estimates"_s,
         {u"campaign_id"_s, u"card_id"_s, u"category"_s, u"made_at"_s, u"currency"_s, u"recipients"_s,
          u"total_micros"_s, u"details"_s}},
        {u"webhook_events"_s,
         {u"id"_s, u"kind"_s, u"wamid"_s, u"status"_s, u"biz_opaque"_s, u"campaign_id"_s, u"queue_row_id"_s,
          u"claim_count"_s, u"recipient"_s, u"event_at"_s, u"payload"_s, u"reason"_s, u"received_at"_s,
          u"resolved_at"_s}},
        {u"webhook_sources"_s,
         {u"phone_number_id"_s, u"waba_id"_s, u"first_callback_at"_s, u"last_callback_at"_s, u"statuses"_s,
          u"applied"_s, u"parked"_s}},
        {u"phone_numbers"_s, {u"id"_s, u"label"_s, u"rate_ceiling"_s, u"added_at"_s}},
        {u"number_health"_s,
         {u"phone_number_id"_s, u"verified_name"_s, u"display_phone_number"_s, u"quality_rating"_s,
          u"messaging_limit_tier"_s, u"status"_s, u"throughput_level"_s, u"error"_s, u"checked_at"_s}},
        {u"number_pacing"_s, {u"phone_number_id"_s, u"next_slot_us"_s}},
        {u"campaign_numbers"_s,
         {u"campaign_id"_s, u"phone_number_id"_s, u"position"_s, u"state"_s, u"out_reason"_s, u"out_at"_s}},
        {u"number_reassignments"_s,
         {u"id"_s, u"campaign_id"_s, u"from_number"_s, u"to_numbers"_s, u"moved"_s, u"reassigned_at"_s,
          u"reassigned_by"_s}},
    };
    return tables;
}

struct ExpectedIndex
{
    QString name; // the name Herald creates; constraint indexes are matched by columns
    QString table;
    QStringList columns;
    bool unique;
};

const QList<ExpectedIndex> &expectedIndexes()
{
    static const QList<ExpectedIndex> indexes = {
        {u"send_queue_pending_idx"_s, u"send_queue"_s, {u"campaign_id"_s, u"id"_s}, false},
        {u"send_queue_failed_idx"_s, u"send_queue"_s, {u"campaign_id"_s, u"error_reason"_s}, false},
        {u"send_queue_done_idx"_s, u"send_queue"_s, {u"campaign_id"_s, u"id"_s}, false},
        {u"send_queue_region_idx"_s, u"send_queue"_s, {u"campaign_id"_s, u"region"_s, u"id"_s}, false},
        {u"send_queue_wamid_idx"_s, u"send_queue"_s, {u"wamid"_s}, false},
        {u"send_queue_delivered_idx"_s, u"send_queue"_s, {u"campaign_id"_s}, false},
        {u"send_queue_read_idx"_s, u"send_queue"_s, {u"campaign_id"_s}, false},
        {u"send_queue_late_failed_idx"_s, u"send_queue"_s, {u"campaign_id"_s, u"late_error_reason"_s}, false},
        {u"webhook_events_wamid_idx"_s, u"webhook_events"_s, {u"wamid"_s}, false},
        {u"webhook_events_row_idx"_s, u"webhook_events"_s, {u"queue_row_id"_s}, false},
        {u"webhook_sources primary key (phone_number_id)"_s,
         u"webhook_sources"_s,
         {u"phone_number_id"_s},
         true},
        {u"send_queue unique (campaign_id, phone)"_s, u"send_queue"_s, {u"campaign_id"_s, u"phone"_s}, true},
        {u"templates unique (name, language)"_s, u"templates"_s, {u"name"_s, u"language"_s}, true},
        {u"campaign_minutes primary key (campaign_id, minute)"_s,
         u"campaign_minutes"_s,
         {u"campaign_id"_s, u"minute"_s},
         true},
        {u"campaign_holds primary key (campaign_id, sender_id)"_s,
         u"campaign_holds"_s,
         {u"campaign_id"_s, u"sender_id"_s},
         true},
        {u"daily_summary primary key (day, campaign_id)"_s,
         u"daily_summary"_s,
         {u"day"_s, u"campaign_id"_s},
         true},
    };
    return indexes;
}

// name → identity argument list as PostgreSQL prints it.
const QList<QPair<QString, QString>> &expectedFunctions()
{
    static const QList<QPair<QString, QString>> functions = {
        {u"increment_campaign_sent"_s, u"_campaign_id uuid"_s},
        {u"increment_campaign_failed"_s, u"_campaign_id uuid"_s},
        {u"upsert_template"_s,
         u"_name text, _language text, _status text, _category text, _components jsonb, "
         "_parameter_format text"_s},
        {u"detect_template_category_change"_s, QString()},
        {u"refresh_daily_summary"_s, u"_since date"_s},
        {u"herald_sync_campaign"_s, u"_campaign_id uuid"_s},
    };
    return functions;
}
} // namespace

QStringList SchemaReport::lines() const
{
    QStringList out;
    for (const SchemaProblem &p : problems) {
        out << SchemaDoctor::kindName(p.kind) + u' ' + p.object + ": "_L1 + p.message;
    }
    return out;
}

QString SchemaDoctor::kindName(SchemaProblem::Kind kind)
{
    switch (kind) {
    case SchemaProblem::Kind::Version:
        return tr("version");
    case SchemaProblem::Kind::Table:
        return tr("table");
    case SchemaProblem::Kind::Column:
        return tr("column");
    case SchemaProblem::Kind::Index:
        return tr("index");
    case SchemaProblem::Kind::Trigger:
        return tr("trigger");
    case SchemaProblem::Kind::Function:
        return tr("function");
    case SchemaProblem::Kind::Privilege:
        return tr("privilege");
    }
    return {};
}

SchemaDoctor::SchemaDoctor(Database &db)
    : m_db(db)
{}

SchemaReport SchemaDoctor::check() const
{
    SchemaReport report;
    Migrator migrator(m_db);
    report.expectedVersion = migrator.latestVersion();
    report.version = migrator.currentVersion();
    if (report.version == 0) {
        report.problems << SchemaProblem{SchemaProblem::Kind::Version, u"herald_schema"_s,
                                         tr("the database has no Herald schema; run herald-cli init")};
        return report;
    }
    if (report.version != report.expectedVersion) {
        report.problems << SchemaProblem{
            SchemaProblem::Kind::Version, u"herald_schema"_s,
            report.version < report.expectedVersion
                ? tr("schema version %1 is older than this Herald's %2; run herald-cli init to upgrade")
                      .arg(report.version)
                      .arg(report.expectedVersion)
                : tr("schema version %1 is newer than this Herald's %2; install a newer Herald")
                      .arg(report.version)
                      .arg(report.expectedVersion)};
    }
    checkTables(report);
    checkIndexes(report);
    checkTriggers(report);
    if (m_db.isPostgres()) {
        checkFunctions(report);
    }
    return report;
}

QStringList SchemaDoctor::columnsOf(const QString &table) const
{
    QStringList cols;
    QSqlQuery q = m_db.isPostgres() ? m_db.run(u"SELECT column_name FROM information_schema.columns "
                                               "WHERE table_schema = current_schema() AND table_name = ?"_s,
                                               {table})
                                    : m_db.run(u"SELECT name FROM pragma_table_info(?)"_s, {table});
    while (q.next()) {
        cols << q.value(0).toString();
    }
    return cols;
}

void SchemaDoctor::checkTables(SchemaReport &report) const
{
    for (const ExpectedTable &t : expectedTables()) {
        const QStringList cols = columnsOf(t.name);
        if (cols.isEmpty()) {
            report.problems << SchemaProblem{SchemaProblem::Kind::Table, t.name, tr("missing")};
            continue;
        }
        for (const QString &c : t.columns) {
            if (!cols.contains(c)) {
                report.problems << SchemaProblem{SchemaProblem::Kind::Column, t.name + u'.' + c,
                                                 tr("missing")};
            }
        }
    }
}

QList<SchemaDoctor::PresentIndex> SchemaDoctor::indexesOf(const QString &table) const
{
    QList<PresentIndex> out;
    if (m_db.isPostgres()) {
        QSqlQuery q =
            m_db.run(u"SELECT i.indisunique, "
                     "       (SELECT string_agg(a.attname, ',' ORDER BY k.ord) "
                     "          FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) "
                     "          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum), "
                     "       ic.relname "
                     "  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                     "  JOIN pg_class ic ON ic.oid = i.indexrelid "
                     " WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace"_s,
                     {table});
        while (q.next()) {
            out.append({q.value(2).toString(), q.value(1).toString().split(u','), q.value(0).toBool()});
        }
        return out;
    }
    QSqlQuery list = m_db.run(u"SELECT name, \"unique\" FROM pragma_index_list(?)"_s, {table});
    QList<QPair<QString, bool>> names;
    while (list.next()) {
        names.append({list.value(0).toString(), list.value(1).toBool()});
    }
    for (const auto &[name, unique] : names) {
        QSqlQuery info = m_db.run(u"SELECT name FROM pragma_index_info(?) ORDER BY seqno"_s, {name});
        QStringList cols;
        while (info.next()) {
            cols << info.value(0).toString();
        }
        out.append({name, cols, unique});
    }
    return out;
}

void SchemaDoctor::checkIndexes(SchemaReport &report) const
{
    for (const ExpectedIndex &e : expectedIndexes()) {
        const auto present = indexesOf(e.table);
        // Constraint indexes have names the database chose: they are known by their columns.
        // Herald's own are known by name too, since two of them (pending and done rows) share
        // their columns and differ only in which rows they hold.
        const bool found = std::any_of(present.cbegin(), present.cend(), [&](const PresentIndex &ix) {
            return ix.columns == e.columns && (e.unique ? ix.unique : ix.name == e.name);
        });
        if (!found) {
            report.problems << SchemaProblem{
                SchemaProblem::Kind::Index, e.name,
                tr("missing: %1(%2) is needed for %3")
                    .arg(e.table, e.columns.join(", "_L1),
                         e.unique ? tr("uniqueness") : tr("claiming and counting"))};
        }
    }
}

void SchemaDoctor::checkTriggers(SchemaReport &report) const
{
    const QString name = u"templates_category_change"_s;
    const int count =
        m_db.isPostgres()
            ? m_db.scalar(u"SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                          "WHERE t.tgname = ? AND c.relname = 'templates' AND NOT t.tgisinternal "
                          "AND t.tgenabled <> 'D'"_s,
                          {name})
                  .toInt()
            : m_db.scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?"_s, {name})
                  .toInt();
    if (count == 0) {
        report.problems << SchemaProblem{SchemaProblem::Kind::Trigger, name,
                                         tr("missing or disabled: template category changes go unrecorded")};
    }
}

void SchemaDoctor::checkFunctions(SchemaReport &report) const
{
    for (const auto &[name, args] : expectedFunctions()) {
        QSqlQuery q = m_db.run(
            u"SELECT pg_get_function_identity_arguments(p.oid), "
            "       EXISTS (SELECT 1 FROM aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) a "
            "                WHERE a.privilege_type = 'EXECUTE' AND (a.grantee = 0 OR a.grantee IN "
            "                      (SELECT oid FROM pg_roles WHERE rolname IN ('anon', 'authenticated')))), "
            "       has_function_privilege(current_user, p.oid, 'EXECUTE') "
            "  FROM pg_proc p WHERE p.proname = ? AND p.pronamespace = current_schema()::regnamespace"_s,
            {name});
        bool found = false;
        QStringList seen;
        while (q.next()) {
            const QString have = q.value(0).toString();
            seen << have;
            if (have != args) {
                continue;
            }
            found = true;
            if (q.value(1).toBool()) {
                report.problems << SchemaProblem{SchemaProblem::Kind::Privilege, name,
                                                 tr("executable by PUBLIC or an anonymous role; revoke it")};
            }
            if (!q.value(2).toBool()) {
                report.problems << SchemaProblem{SchemaProblem::Kind::Privilege, name,
                                                 tr("not executable by the application's role")};
            }
        }
        if (!found) {
            report.problems << SchemaProblem{
                SchemaProblem::Kind::Function, name + u'(' + args + u')',
                seen.isEmpty() ? tr("missing") : tr("wrong signature: found (%1)").arg(seen.join(u"), ("_s))};
        }
    }
}

} // namespace herald
