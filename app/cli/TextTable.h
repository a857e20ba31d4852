#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace herald::cli {

// A plain-text table for terminals: a header, a rule, and rows whose columns are padded to
// the widest cell. Numbers are right-aligned so that their digits line up.
//
// Scripts parse these tables, so their column titles and the words in their cells are never
// translated (plain English literals, not tr()), whatever the user's language.
class TextTable
{
public:
    enum class Align { Left, Right };
    struct Column
    {
        QString title;
        Align align = Align::Left;
    };

    explicit TextTable(QList<Column> columns);

    // Missing cells are empty, extra cells are ignored.
    void addRow(const QStringList &cells);
    qsizetype rowCount() const { return m_rows.size(); }
    // Every line ends with '\n'; no trailing spaces.
    QString render() const;

private:
    QString renderLine(const QStringList &cells, const QList<qsizetype> &widths) const;

    QList<Column> m_columns;
    QList<QStringList> m_rows;
};

} // namespace herald::cli
