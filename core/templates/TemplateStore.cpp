#include "templates/TemplateStore.h"

#include "db/Clock.h"
#include "db/Database.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QString componentsText(const QJsonArray &components)
{
    return QString::fromUtf8(QJsonDocument(components).toJson(QJsonDocument::Compact));
}

QJsonArray componentsFrom(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).array();
}

} // namespace

TemplateStore::TemplateStore(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

TemplateStore::UpsertResult TemplateStore::upsert(const TemplateRecord &record)
{
    UpsertResult result;
    result.category = record.category;
    const std::optional<TemplateRecord> before = find(record.name, record.language);
    result.inserted = !before.has_value();
    if (before) {
        // Compared as parsed JSON: PostgreSQL's jsonb reorders keys, so text would differ.
        result.changed = before->status != record.status || before->category != record.category ||
                         before->components != record.components ||
                         before->parameterFormat != record.parameterFormat;
        // The trigger's own rule: a first category (NULL before) is not a change.
        result.categoryChanged = !before->category.isEmpty() && before->category != record.category;
        if (result.categoryChanged) {
            result.previousCategory = before->category;
        }
    }

    const QVariantList values{record.name,
                              record.language,
                              record.status,
                              Database::textOrNull(record.category),
                              componentsText(record.components),
                              Database::textOrNull(record.parameterFormat)};
    if (m_db.isPostgres()) {
        m_db.run(u"SELECT upsert_template(?, ?, ?, ?, CAST(? AS jsonb), ?)"_s, values);
    } else {
        m_db.run(u"INSERT INTO templates (name, language, status, category, components, parameter_format, "
                 "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (name, language) DO UPDATE SET status = excluded.status, "
                 "category = excluded.category, components = excluded.components, "
                 "parameter_format = excluded.parameter_format, updated_at = excluded.updated_at"_s,
                 values + QVariantList{m_db.timeValue(m_clock.now())});
    }
    return result;
}

std::optional<TemplateRecord> TemplateStore::find(const QString &name, const QString &language) const
{
    const QList<TemplateRecord> found = select(u"WHERE name = ? AND language = ?"_s, {name, language});
    if (found.isEmpty()) {
        return std::nullopt;
    }
    return found.constFirst();
}

QList<TemplateRecord> TemplateStore::list() const
{
    return select({}, {});
}

QList<TemplateRecord> TemplateStore::select(const QString &where, const QVariantList &values) const
{
    // components travel as text on both engines (jsonb is cast), so one reader serves both.
    const QString components = m_db.isPostgres() ? u"components::text"_s : u"components"_s;
    QSqlQuery q = m_db.run(u"SELECT id, name, language, status, category, previous_category, "
                           "category_changed_at, "_s +
                               components + u", parameter_format, updated_at FROM templates "_s + where +
                               u" ORDER BY name, language"_s,
                           values);
    QList<TemplateRecord> out;
    while (q.next()) {
        TemplateRecord t;
        t.id = q.value(0).toLongLong();
        t.name = q.value(1).toString();
        t.language = q.value(2).toString();
        t.status = q.value(3).toString();
        t.category = q.value(4).toString();
        t.previousCategory = q.value(5).toString();
        t.categoryChangedAt = Database::readTime(q.value(6));
        t.components = componentsFrom(q.value(7));
        t.parameterFormat = q.value(8).toString();
        t.updatedAt = Database::readTime(q.value(9));
        out << t;
    }
    return out;
}

} // namespace herald
