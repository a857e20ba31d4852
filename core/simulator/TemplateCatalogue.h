#pragma once

#include "simulator/SimulatorConfig.h"

#include <QMutex>
#include <QStringList>

#include <optional>

namespace herald {

// The message templates the simulator serves, shared by all server threads, with the
// scripted category changes of SimulatorConfig applied as listings go by.
class TemplateCatalogue
{
public:
    struct Page
    {
        QList<SimTemplate> items;
        int firstIndex = 0; // position of items[0] in the whole catalogue
        bool hasMore = false;
    };

    struct Lookup
    {
        SimTemplate tmpl;
        int bodyPlaceholders = 0; // distinct {{…}} in the BODY component
    };

    // Replaces the catalogue and the script and starts counting listings from zero.
    void reset(const QList<SimTemplate> &templates, const QList<CategoryChange> &changes);
    bool sameSource(const QList<SimTemplate> &templates, const QList<CategoryChange> &changes) const;

    // One page of templates whose name contains nameFilter (empty: all). start is the index
    // in the filtered list; a request without a cursor starts a new listing (see CategoryChange).
    Page page(int start, int limit, bool newListing, const QString &nameFilter);
    // Templates in the window ending just before `end` (for a `before` cursor).
    Page pageBefore(int end, int limit, const QString &nameFilter);

    std::optional<Lookup> find(const QString &name, const QString &language) const;
    int listingCount() const;
    QList<SimTemplate> snapshot() const;

    static int countPlaceholders(const QString &text);

private:
    QList<SimTemplate> filteredLocked(const QString &nameFilter) const;
    void applyDueChangesLocked();

    mutable QMutex m_mutex;
    QList<SimTemplate> m_source;
    QList<CategoryChange> m_changes;
    QList<SimTemplate> m_templates;
    QList<bool> m_changeApplied;
    int m_listings = 0;
};

} // namespace herald
