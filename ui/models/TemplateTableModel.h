#pragma once

#include "templates/TemplateRecord.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace herald::ui {

// One synced template as the Templates page lists it; the variables are read from its
// components on the data thread (TemplateParser), not while painting.
struct TemplateRow
{
    TemplateRecord record;
    QStringList variables; // the keys a campaign maps: "header.1", "body.1", "button.0", …
    QStringList problems;  // why Herald cannot send it, when it cannot
    QString bodyText;

    bool categoryChanged() const
    {
        return !record.previousCategory.isEmpty() && record.previousCategory != record.category;
    }
    static TemplateRow from(const TemplateRecord &record);
};

// The synced templates: name, language, status, category, the category Meta changed it from
// (marked: a warning icon, a tinted cell and a tooltip with the date), variables, last update.
class TemplateTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Language, Status, Category, PreviousCategory, Variables, Updated, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, // the value to sort and compute with
        CategoryChangedRole,        // bool: Meta changed the category
    };

    explicit TemplateTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRows(const QList<TemplateRow> &rows);
    const TemplateRow &rowAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &name, const QString &language) const;
    int categoryChanges() const;

    static QString statusText(const QString &status);
    static QString categoryText(const QString &category);

private:
    QVariant display(const TemplateRow &r, int column) const;
    QVariant raw(const TemplateRow &r, int column) const;
    QString tooltip(const TemplateRow &r, int column) const;

    QList<TemplateRow> m_rows;
};

} // namespace herald::ui
