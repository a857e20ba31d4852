#pragma once

#include "templates/TemplateRecord.h"

#include <QList>

#include <optional>

namespace herald {

class Clock;
class Database;

// The synced template catalogue in `templates`. Templates Meta no longer lists are kept:
// campaigns refer to them by name, and their history (category changes) stays readable.
class TemplateStore
{
public:
    struct UpsertResult
    {
        bool inserted = false;        // it was not stored before
        bool changed = false;         // status, category, components or parameter format differ
        bool categoryChanged = false; // an update changed the category (the trigger recorded it)
        QString previousCategory;     // the category before this update, when categoryChanged
        QString category;
    };

    TemplateStore(Database &db, const Clock &clock);

    // Inserts or updates by (name, language). On PostgreSQL through the schema's
    // upsert_template() function, which other writers use too; on SQLite with ON CONFLICT.
    // Runs in the caller's transaction when there is one (it opens none itself).
    UpsertResult upsert(const TemplateRecord &record);

    std::optional<TemplateRecord> find(const QString &name, const QString &language) const;
    // Sorted by name, then language.
    QList<TemplateRecord> list() const;

private:
    QList<TemplateRecord> select(const QString &where, const QVariantList &values) const;

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
