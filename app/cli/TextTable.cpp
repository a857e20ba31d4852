#include "TextTable.h"

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {
const QString kGap = u"  "_s;
}

TextTable::TextTable(QList<Column> columns)
    : m_columns(std::move(columns))
{}

void TextTable::addRow(const QStringList &cells)
{
    QStringList row = cells.mid(0, m_columns.size());
    while (row.size() < m_columns.size()) {
        row << QString();
    }
    m_rows << row;
}

QString TextTable::renderLine(const QStringList &cells, const QList<qsizetype> &widths) const
{
    QString line;
    for (qsizetype i = 0; i < m_columns.size(); ++i) {
        if (i > 0) {
            line += kGap;
        }
        const QString &cell = cells.at(i);
        line += m_columns.at(i).align == Align::Right ? cell.rightJustified(widths.at(i))
                                                      : cell.leftJustified(widths.at(i));
    }
    // Left-aligned last columns pad with spaces nobody needs.
    while (line.endsWith(u' ')) {
        line.chop(1);
    }
    return line + u'\n';
}

QString TextTable::render() const
{
    QList<qsizetype> widths;
    QStringList titles;
    for (const Column &c : m_columns) {
        widths << c.title.size();
        titles << c.title;
    }
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths.at(i), row.at(i).size());
        }
    }
    QStringList rule;
    for (qsizetype w : widths) {
        rule << QString(w, u'-');
    }
    QString text = renderLine(titles, widths) + renderLine(rule, widths);
    for (const QStringList &row : m_rows) {
        text += renderLine(row, widths);
    }
    return text;
}

} // namespace herald::cli
