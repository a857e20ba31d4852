#include "simulator/TemplateCatalogue.h"

#include <QJsonObject>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSet>

namespace herald {

using namespace Qt::StringLiterals;

void TemplateCatalogue::reset(const QList<SimTemplate> &templates, const QList<CategoryChange> &changes)
{
    QMutexLocker lock(&m_mutex);
    m_source = templates;
    m_changes = changes;
    m_templates = templates;
    m_changeApplied = QList<bool>(changes.size(), false);
    m_listings = 0;
    applyDueChangesLocked(); // afterListings = 0 means "from the very first listing"
}

bool TemplateCatalogue::sameSource(const QList<SimTemplate> &templates,
                                   const QList<CategoryChange> &changes) const
{
    QMutexLocker lock(&m_mutex);
    return m_source == templates && m_changes == changes;
}

void TemplateCatalogue::applyDueChangesLocked()
{
    for (qsizetype i = 0; i < m_changes.size(); ++i) {
        const CategoryChange &c = m_changes.at(i);
        if (m_changeApplied.at(i) || m_listings < c.afterListings)
            continue;
        m_changeApplied[i] = true;
        for (SimTemplate &t : m_templates) {
            if (t.name != c.templateName || (!c.language.isEmpty() && t.language != c.language))
                continue;
            if (t.category == c.newCategory)
                continue;
            t.previousCategory = t.category;
            t.category = c.newCategory;
        }
    }
}

QList<SimTemplate> TemplateCatalogue::filteredLocked(const QString &nameFilter) const
{
    if (nameFilter.isEmpty())
        return m_templates;
    QList<SimTemplate> out;
    for (const SimTemplate &t : m_templates) {
        if (t.name.contains(nameFilter, Qt::CaseInsensitive))
            out.append(t);
    }
    return out;
}

TemplateCatalogue::Page TemplateCatalogue::page(int start, int limit, bool newListing,
                                                const QString &nameFilter)
{
    QMutexLocker lock(&m_mutex);
    if (newListing) {
        applyDueChangesLocked();
        ++m_listings;
    }
    const QList<SimTemplate> all = filteredLocked(nameFilter);
    Page p;
    p.firstIndex = qBound(0, start, int(all.size()));
    const int end = qMin(int(all.size()), p.firstIndex + limit);
    p.items = all.mid(p.firstIndex, end - p.firstIndex);
    p.hasMore = end < all.size();
    return p;
}

TemplateCatalogue::Page TemplateCatalogue::pageBefore(int end, int limit, const QString &nameFilter)
{
    QMutexLocker lock(&m_mutex);
    const QList<SimTemplate> all = filteredLocked(nameFilter);
    const int clampedEnd = qBound(0, end, int(all.size()));
    Page p;
    p.firstIndex = qMax(0, clampedEnd - limit);
    p.items = all.mid(p.firstIndex, clampedEnd - p.firstIndex);
    p.hasMore = clampedEnd < all.size();
    return p;
}

std::optional<TemplateCatalogue::Lookup> TemplateCatalogue::find(const QString &name,
                                                                 const QString &language) const
{
    QMutexLocker lock(&m_mutex);
    for (const SimTemplate &t : m_templates) {
        if (t.name != name || t.language != language)
            continue;
        Lookup found{t, 0};
        for (const QJsonValue &c : t.components) {
            const QJsonObject component = c.toObject();
            if (component.value("type"_L1).toString().compare("BODY"_L1, Qt::CaseInsensitive) == 0)
                found.bodyPlaceholders = countPlaceholders(component.value("text"_L1).toString());
        }
        return found;
    }
    return std::nullopt;
}

int TemplateCatalogue::listingCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_listings;
}

QList<SimTemplate> TemplateCatalogue::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_templates;
}

int TemplateCatalogue::countPlaceholders(const QString &text)
{
    static const QRegularExpression placeholder(u"\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}"_s);
    QSet<QString> names;
    for (auto it = placeholder.globalMatch(text); it.hasNext();)
        names.insert(it.next().captured(1));
    return int(names.size());
}

} // namespace herald
